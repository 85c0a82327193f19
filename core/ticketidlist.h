// Many ticket ids in one buffer: a selection of 150,000 rows (Select all at a million
// tickets) handed to a bulk action or kept across the queue's reset without a QString per id
// (making 150,000 of them was 39.5 ms of the GUI thread, over a frame's 16 ms).
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>

namespace SupportDesk {

class TicketIdList
{
public:
    TicketIdList() = default;
    static TicketIdList fromStrings(const QStringList &ids)
    {
        TicketIdList list;
        list.m_ends.reserve(ids.size());
        for (const QString &id : ids)
            list.append(id.toUtf8());
        return list;
    }

    // Room for `count` ids of about `bytesEach` bytes (a UUID's text is 36).
    void reserve(qsizetype count, qsizetype bytesEach = 36)
    {
        m_ends.reserve(count);
        m_bytes.reserve(count * bytesEach);
    }
    void append(QByteArrayView utf8)
    {
        m_bytes.append(utf8.data(), utf8.size());
        m_ends.append(m_bytes.size());
    }
    qsizetype size() const { return m_ends.size(); }
    bool isEmpty() const { return m_ends.isEmpty(); }
    QByteArrayView utf8(qsizetype i) const
    {
        const qsizetype begin = i == 0 ? 0 : m_ends.at(i - 1);
        return QByteArrayView(m_bytes.constData() + begin, m_ends.at(i) - begin);
    }
    QString at(qsizetype i) const { return QString::fromUtf8(utf8(i)); }
    // Every id as a string (a few: tests, a small selection).
    QStringList toStrings() const
    {
        QStringList ids;
        ids.reserve(size());
        for (qsizetype i = 0; i < size(); ++i)
            ids.append(at(i));
        return ids;
    }

private:
    QByteArray m_bytes;
    QVector<qsizetype> m_ends; // where each id ends in m_bytes
};

// Ticket ids read one at a time, as a bulk run plans its tickets (a slice at a time): the
// queue hands its selected rows and each id is made when its ticket's turn comes.
class TicketIdSource
{
public:
    virtual ~TicketIdSource() = default;
    virtual qsizetype size() const = 0;
    // Empty when the ticket can no longer be named (its queue is gone).
    virtual QString at(qsizetype i) const = 0;
};

class TicketIdListSource : public TicketIdSource
{
public:
    explicit TicketIdListSource(TicketIdList ids) : m_ids(std::move(ids)) {}
    qsizetype size() const override { return m_ids.size(); }
    QString at(qsizetype i) const override { return m_ids.at(i); }

private:
    TicketIdList m_ids;
};

} // namespace SupportDesk
