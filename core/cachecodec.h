// The ticket cache's row codecs, pure functions of their bytes: the binary ticket record and
// the packed queue row. Bytes read back from a damaged file fail to decode; they never crash.
#pragma once

#include "domain.h"
#include "ticketcache.h"

#include <QByteArray>
#include <QVariant>

#include <optional>

namespace SupportDesk::CacheCodec {

// The packed queue row's layout: its fields, and the byte between them (never in a field).
inline constexpr char FieldSeparator = '\x1f';
inline constexpr int QueueFields = 16;

// A ticket as the cache stores it (a tag byte, then its fields through QDataStream as UTF-8).
QByteArray encodeTicket(const Ticket &t);
// The stored value: the binary record, or JSON text an older build wrote; nullopt if neither.
std::optional<Ticket> decodeTicket(const QVariant &value);
// A packed queue row (16 fields separated by 0x1f, repeated values as codes below `words`)
// into `r`; false for a row that is not one (a code past `words` reads as no word).
bool parseQueueRow(const QByteArray &row, TicketRow *r, quint32 words);

} // namespace SupportDesk::CacheCodec
