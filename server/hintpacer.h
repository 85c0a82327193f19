// When a commit's WebSocket hint goes out: at once when none went out lately, else gathered
// with the commits that follow into one hint of the newest sequence.
#pragma once

#include <QtGlobal>

#include <algorithm>
#include <limits>
#include <optional>

namespace SupportDesk::Server {

// A hint to every client of a process costs a frame per client (~6 µs each with 1,000
// clients, on the main thread that also parses every request), and a hint per commit made
// that the busiest cost there is under write load: 2 processes × 30 group commits a second
// each hinted all 1,000 clients twice. A hint only says "the feed moved past N" (clients then
// read the feed), so the newest sequence stands for every one before it: at most one hint
// goes out per interval, the first of a quiet spell at once, and every commit is hinted
// within one interval. Times are the caller's (milliseconds of a monotonic clock), so the
// rule is tested without waiting.
class HintPacer
{
public:
    explicit HintPacer(qint64 intervalMs, qint64 hintedSeq = 0)
        : m_intervalMs(intervalMs)
        , m_sentSeq(hintedSeq)
    { }

    // A commit reached `seq` at `nowMs`: the sequence to hint now, or none (already hinted,
    // or held until dueAtMs(): the caller calls due() then).
    std::optional<qint64> offer(qint64 seq, qint64 nowMs)
    {
        if (seq <= std::max(m_sentSeq, m_pendingSeq))
            return std::nullopt;
        if (m_pendingSeq == 0 && nowMs - m_lastSentMs >= m_intervalMs)
            return send(seq, nowMs);
        m_pendingSeq = seq;
        return std::nullopt;
    }
    // The held sequence, when its time came (else none).
    std::optional<qint64> due(qint64 nowMs)
    {
        if (m_pendingSeq == 0 || nowMs < dueAtMs())
            return std::nullopt;
        const qint64 seq = m_pendingSeq;
        m_pendingSeq = 0;
        return send(seq, nowMs);
    }
    // A new spacing, from the next hint on (the caller's measure of what a fan-out costs).
    void setIntervalMs(qint64 intervalMs) { m_intervalMs = intervalMs; }
    qint64 intervalMs() const { return m_intervalMs; }
    bool holding() const { return m_pendingSeq != 0; }
    qint64 dueAtMs() const { return m_lastSentMs + m_intervalMs; }
    qint64 hintedSeq() const { return m_sentSeq; }

private:
    qint64 send(qint64 seq, qint64 nowMs)
    {
        m_sentSeq = seq;
        m_lastSentMs = nowMs;
        return seq;
    }

    qint64 m_intervalMs;
    qint64 m_sentSeq;
    qint64 m_pendingSeq = 0;
    qint64 m_lastSentMs = std::numeric_limits<qint64>::min() / 2;
};

} // namespace SupportDesk::Server
