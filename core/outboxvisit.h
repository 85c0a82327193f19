// The outbox read an entry at a time, in saving order, for a reader that needs only its head.
#pragma once

#include "ticketcache.h"

#include <functional>

namespace SupportDesk {

// The outbox of `cache` (on its connection: the calling thread's) in saving order, an entry at
// a time, until `visit` returns false: the rows after are not read. The sync engine sends the
// first ops (100 a request): TicketCache::outbox() decoded every entry for each request, all
// 150,000 of a large bulk run each time.
void visitOutbox(const TicketCache &cache,
                 const std::function<bool(const OutboxEntry &)> &visit);

} // namespace SupportDesk
