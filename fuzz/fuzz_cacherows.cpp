// Any bytes as a row read back from the ticket cache's file: the first byte picks the codec
// (0: a binary ticket record, 1: a ticket stored as JSON text by an older build, 2: a packed
// queue row), the rest is the stored value. A row that decodes must be coherent: the binary
// record encodes and decodes to the same ticket, a queue row's id and subject lie inside it.
#include "cachecodec.h"

#include <cstdlib>

using namespace SupportDesk;

static void ticketRecord(const QVariant &stored)
{
    const std::optional<Ticket> t = CacheCodec::decodeTicket(stored);
    if (!t)
        return;
    const QByteArray again = CacheCodec::encodeTicket(*t);
    const std::optional<Ticket> back = CacheCodec::decodeTicket(again);
    if (!back || CacheCodec::encodeTicket(*back) != again)
        std::abort(); // the record does not survive its own codec
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray bytes(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    switch (data[0] % 3) {
    case 0:
        ticketRecord(QVariant(QByteArray(1, '\x01') + bytes));
        break;
    case 1:
        ticketRecord(QVariant(QString::fromUtf8(bytes)));
        break;
    case 2: {
        TicketRow r;
        // The dictionary's size from the input too: codes at and past it read as no word.
        const quint32 words = bytes.isEmpty() ? 0 : quint32(quint8(bytes.back())) * 4;
        if (!CacheCodec::parseQueueRow(bytes, &r, words))
            break;
        const qsizetype n = r.packed.size();
        if (r.idLength > n || r.subjectStart + r.subjectLength > n)
            std::abort();
        const quint32 codes[] = { r.customer, r.subClient, r.channel, r.severity,
                                  r.status,   r.assignee,  r.plan,    r.edition };
        for (const quint32 code : codes) {
            if (code != 0 && code >= words)
                std::abort();
        }
        (void)r.subject();
        break;
    }
    }
    return 0;
}
