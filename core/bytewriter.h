// Appending a record's fields to a byte array without QByteArray::append's work per call.
#pragma once

#include <QByteArray>
#include <QString>
#include <QtEndian>

#include <algorithm>
#include <cstring>

namespace SupportDesk {

// The cache writes two records per ticket of a feed page (the ticket's blob and its queue
// row), some thirty small fields each. Through QByteArray::append each field was an insert()
// with its checks, and each text a QString::toUtf8() into an array of its own: ~60 calls and
// ~20 allocations per ticket, a quarter of an initial sync's sync thread (callgrind,
// bench_sync 30000). Here the bytes are written through a pointer into room made ahead (one
// allocation, grown only when a field does not fit), and the array is cut to length once.
// The bytes are the same as those calls wrote: ASCII text is copied as it is, other text
// goes through toUtf8() (the one definition of its UTF-8, lone surrogates included).
class ByteWriter
{
public:
    explicit ByteWriter(qsizetype expected) : m_bytes(std::max<qsizetype>(expected, 16),
                                                      Qt::Uninitialized)
    {
        m_at = m_bytes.data();
        m_end = m_at + m_bytes.size();
    }

    void byte(char c)
    {
        room(1);
        *m_at++ = c;
    }
    void bytes(const char *data, qsizetype size)
    {
        room(size);
        std::memcpy(m_at, data, size_t(size));
        m_at += size;
    }
    template<typename T>
    void bigEndian(T v)
    {
        room(sizeof(T));
        qToBigEndian(v, m_at);
        m_at += sizeof(T);
    }
    // Overwrites four bytes written before (a length known only after what it counts).
    void patchBigEndian(qsizetype at, quint32 v) { qToBigEndian(v, m_bytes.data() + at); }
    // QByteArray::number(n): the decimal digits, '-' first when negative.
    void decimal(qint64 n)
    {
        char digits[20];
        quint64 u = n < 0 ? 0 - quint64(n) : quint64(n);
        char *d = digits + sizeof(digits);
        do {
            *--d = char('0' + u % 10);
            u /= 10;
        } while (u);
        room(21);
        if (n < 0)
            *m_at++ = '-';
        const qsizetype size = digits + sizeof(digits) - d;
        std::memcpy(m_at, d, size_t(size));
        m_at += size;
    }
    // The text's UTF-8 (text.toUtf8()'s bytes), with `from` written as `to` when they differ.
    // Returns the number of bytes written.
    qsizetype utf8(const QString &text, char from = 0, char to = 0)
    {
        const qsizetype n = text.size();
        const char16_t *s = reinterpret_cast<const char16_t *>(text.constData());
        room(n);
        char *start = m_at;
        for (qsizetype i = 0; i < n; ++i) {
            const char16_t c = s[i];
            if (c >= 0x80) { // not ASCII: the rest as Qt encodes it
                m_at = start;
                QByteArray encoded = text.toUtf8();
                if (from != to)
                    encoded.replace(from, to);
                bytes(encoded.constData(), encoded.size());
                return encoded.size();
            }
            const char b = char(c);
            *m_at++ = b == from ? to : b;
        }
        return n;
    }

    qsizetype size() const { return m_at - m_bytes.constData(); }
    // The bytes written; the writer is spent.
    QByteArray take()
    {
        m_bytes.truncate(size());
        return std::move(m_bytes);
    }

private:
    void room(qsizetype n)
    {
        if (m_end - m_at >= n)
            return;
        const qsizetype used = size();
        m_bytes.resize(std::max(m_bytes.size() * 2, used + n));
        m_at = m_bytes.data() + used;
        m_end = m_bytes.data() + m_bytes.size();
    }

    QByteArray m_bytes;
    char *m_at = nullptr;
    char *m_end = nullptr;
};

} // namespace SupportDesk
