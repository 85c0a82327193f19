// The queue's row store: compact rows, the text arena for ids and subjects, the id index.
#include "queuemodel.h"
#include "queuemodel_p.h"

#include "ticketindex.h"

#include <algorithm>
#include <cstring>
#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace SupportDesk {

using namespace QueueModelDetail;

static int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

// xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx in lowercase hex → 16 bytes; anything else is kept as
// text, so the id reads back exactly as it came.
bool QueueModelDetail::packCanonicalUuid(QByteArrayView id, unsigned char *out)
{
    if (id.size() != 36)
        return false;
    int byte = 0;
    for (int i = 0; i < 36;) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (id[i] != '-')
                return false;
            ++i;
            continue;
        }
        const int hi = hexValue(id[i]);
        const int lo = hexValue(id[i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[byte++] = static_cast<unsigned char>(hi << 4 | lo);
        i += 2;
    }
    return true;
}

QueueModel::Row::IdText QueueModel::Row::idText() const
{
    IdText t;
    if (idLength != UuidId) {
        t.external = text;
        t.size = idLength;
        return t;
    }
    static const char digits[] = "0123456789abcdef";
    const auto *bytes = reinterpret_cast<const unsigned char *>(text);
    int out = 0;
    for (int b = 0; b < 16; ++b) {
        if (b == 4 || b == 6 || b == 8 || b == 10)
            t.buf[out++] = '-';
        t.buf[out++] = digits[bytes[b] >> 4];
        t.buf[out++] = digits[bytes[b] & 0xf];
    }
    t.size = 36;
    return t;
}

QueueModel::Row QueueModel::RowStore::make(const TicketRow &from)
{
    // The facts are the ticket's index entry's (Row::entry), not copied here (issue 14 §2).
    static_assert(sizeof(Row) == 32, "a queue row is 32 bytes");
    Row row;
    row.updatedAtMs = from.updatedAtMs;
    row.subClient = from.subClient;
    row.channel = from.channel;
    row.pending = from.pending;
    const QByteArrayView id = from.idUtf8();
    const QByteArrayView subject(from.packed.constData() + from.subjectStart, from.subjectLength);
    unsigned char uuid[16];
    const bool packUuid = packCanonicalUuid(id, uuid);
    const size_t idSize = packUuid ? 16 : size_t(id.size());
    const size_t need = idSize + size_t(subject.size());
    char *text = place(need);
    std::memcpy(text, packUuid ? reinterpret_cast<const char *>(uuid) : id.data(), idSize);
    std::memcpy(text + idSize, subject.data(), size_t(subject.size()));
    row.text = text;
    row.idLength = packUuid ? Row::UuidId : from.idLength;
    row.subjectLength = from.subjectLength;
    return row;
}

namespace {
constexpr size_t TextBlockSize = 1 << 20;
}

char *QueueModel::RowStore::place(size_t size)
{
    if (blocks.empty() || blockUsed + size > blockSize) {
        blockSize = std::max(TextBlockSize, size);
        blocks.push_back(std::make_unique<char[]>(blockSize));
        arenaBytes += blockSize;
        blockUsed = 0;
    }
    char *text = blocks.back().get() + blockUsed;
    blockUsed += size;
    return text;
}

void QueueModel::RowStore::replace(int storage, const Row &row)
{
    garbageBytes += rows.at(storage).textBytes();
    rows[storage] = row;
}

bool QueueModel::RowStore::wantsCompaction() const
{
    return garbageBytes >= TextBlockSize && garbageBytes * 2 > arenaBytes;
}

void QueueModel::RowStore::compact()
{
    std::vector<std::unique_ptr<char[]>> old;
    old.swap(blocks);
    blockUsed = blockSize = arenaBytes = garbageBytes = 0;
    for (Row &row : rows) {
        const size_t size = row.textBytes();
        char *text = place(size);
        std::memcpy(text, row.text, size);
        row.text = text;
    }
    // `old` goes here, after every row points into the new blocks.
}

// The cache's rows were freed one by one; hand the pages back to the system.
void QueueModel::releaseFreedMemory()
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

void QueueModel::indexIds(const RowStore &rows, QVector<IdKey> *byId)
{
    byId->resize(rows.rows.size());
    for (int i = 0; i < int(rows.rows.size()); ++i)
        (*byId)[i] = { idHash(rows.rows.at(i).idText().view()), i };
    std::sort(byId->begin(), byId->end());
}

int QueueModel::storageOf(QByteArrayView id) const
{
    const IdKey key { idHash(id), -1 };
    for (auto it = std::lower_bound(m_byId.cbegin(), m_byId.cend(), key);
         it != m_byId.cend() && it->hash == key.hash; ++it) {
        if (m_rows.rows.at(it->storage).idText().view() == id)
            return it->storage;
    }
    return -1;
}

void QueueModel::takeEntries(quint64 layout)
{
    const TicketIndex *index = ticketIndex();
    if (layout != NoLayout && layout == index->layoutGeneration())
        m_entriesOf = layout;
    else
        resolveEntries();
}

// A hash lookup a row: only when the rows were not read alongside the index's
// content, or a ticket left the index while they were made.
void QueueModel::resolveEntries()
{
    const TicketIndex *index = ticketIndex();
    for (Row &row : m_rows.rows) {
        const qsizetype at = index->indexOfUtf8(row.idText().view());
        row.entry = at < 0 ? Row::NoEntry : quint32(at);
    }
    m_entriesOf = index->layoutGeneration();
}

void QueueModel::entryRemoving(qsizetype at, qsizetype last)
{
    const TicketIndex *index = ticketIndex();
    // Rows that refer to another layout (a reset's rows still being made) are resolved when
    // they are taken (takeEntries()).
    if (m_entriesOf != index->layoutGeneration())
        return;
    m_entriesOf = index->layoutGeneration() + 1;
    const int removed = storageOf(index->idAt(at).toUtf8());
    if (removed >= 0)
        m_rows.rows[removed].entry = Row::NoEntry;
    if (last == at)
        return;
    const int moved = storageOf(index->idAt(last).toUtf8());
    if (moved >= 0)
        m_rows.rows[moved].entry = quint32(at);
}

QString QueueModel::entriesDisagreement() const
{
    const TicketIndex *index = ticketIndex();
    if (m_entriesOf != index->layoutGeneration()) {
        return QStringLiteral("the rows refer to the index's layout %1, the index is at %2")
                .arg(m_entriesOf)
                .arg(index->layoutGeneration());
    }
    for (int s = 0; s < int(m_rows.rows.size()); ++s) {
        const Row &row = m_rows.rows.at(s);
        const Row::IdText idText = row.idText();
        const QString id = QString::fromUtf8(idText.view());
        const qsizetype at = index->indexOfUtf8(idText.view());
        const bool hasEntry = row.entry != Row::NoEntry;
        if (s < m_gone.size() && m_gone.testBit(s)) {
            // Gone from the queue: no entry, or its own ticket's.
            if (hasEntry && qsizetype(row.entry) != at)
                return QStringLiteral("%1 (gone) refers to entry %2, the index holds it at %3")
                        .arg(id).arg(row.entry).arg(at);
            continue;
        }
        if (at < 0)
            return QStringLiteral("%1 is not in the index").arg(id);
        if (!hasEntry || qsizetype(row.entry) != at) {
            return QStringLiteral("%1 refers to entry %2, the index holds it at %3")
                    .arg(id, hasEntry ? QString::number(row.entry) : QStringLiteral("none"))
                    .arg(at);
        }
    }
    return {};
}

} // namespace SupportDesk
