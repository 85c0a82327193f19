// The queue's row store: compact rows, the text arena for ids and subjects, the id index.
#include "queuemodel.h"
#include "queuemodel_p.h"

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
    Row row;
    row.createdAtMs = from.createdAtMs;
    row.firstResponseAtMs = from.firstResponseAtMs;
    row.dueAtMs = from.dueAtMs;
    row.updatedAtMs = from.updatedAtMs;
    row.customer = from.customer;
    row.subClient = from.subClient;
    row.channel = from.channel;
    row.severity = from.severity;
    row.status = from.status;
    row.assignee = from.assignee;
    row.plan = from.plan;
    row.edition = from.edition;
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

} // namespace SupportDesk
