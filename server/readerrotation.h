// Which reader thread takes the next read request: each in turn, for as long as the server runs.
#pragma once

#include <QtGlobal>

#include <algorithm>

namespace SupportDesk::Server {

// The turn is an unsigned 64-bit count, so it wraps (to 0, defined) after 2^64 requests; a
// signed int overflowed after 2^31, which is undefined and in practice gave m_workers.at(-1).
// The first turn is injectable so a test can start at the boundary.
class ReaderRotation
{
public:
    explicit ReaderRotation(quint64 firstTurn = 0)
        : m_turn(firstTurn)
    { }

    // The next reader, as an index in [1, readers] (index 0 is the writer); readers < 1 is
    // taken as 1.
    qsizetype next(qsizetype readers)
    {
        const quint64 n = quint64(std::max<qsizetype>(1, readers));
        return 1 + qsizetype(m_turn++ % n);
    }
    quint64 turn() const { return m_turn; }

private:
    quint64 m_turn;
};

} // namespace SupportDesk::Server
