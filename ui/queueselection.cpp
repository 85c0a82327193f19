// The queue's side of a selection that outlives a reset, and the selected tickets' ids in one
// buffer (issue 17, docs/bulk.md "Selecting at scale").
#include "queuemodel.h"
#include "queuemodel_p.h"

#include <algorithm>

namespace SupportDesk {

TicketIdList QueueModel::ticketIds(const RowSpans &spans) const
{
    qsizetype count = 0;
    for (const auto &[top, bottom] : spans)
        count += std::max(0, std::min(bottom, int(m_order.size()) - 1) - top + 1);
    TicketIdList ids;
    ids.reserve(count);
    for (const auto &[top, bottom] : spans) {
        for (int row = std::max(0, top); row <= bottom && row < int(m_order.size()); ++row)
            ids.append(m_rows.rows.at(m_order.at(row)).idText().view());
    }
    return ids;
}

QueueModel::KeptRows QueueModel::keepRows(const RowSpans &spans) const
{
    KeptRows kept;
    kept.byId = m_replacingRows;
    if (kept.byId) {
        kept.ids = ticketIds(spans);
        return kept;
    }
    for (const auto &[top, bottom] : spans) {
        for (int row = std::max(0, top); row <= bottom && row < int(m_order.size()); ++row)
            kept.storage.append(m_order.at(row));
    }
    return kept;
}

QueueModel::RowSpans QueueModel::rowsOf(const KeptRows &kept) const
{
    RowSpans spans;
    if (kept.storage.isEmpty() && kept.ids.isEmpty())
        return spans;
    // A bit per row held, then one pass over the rows shown: no lookup per shown row.
    QBitArray wanted(m_rows.rows.size());
    if (kept.byId) {
        for (qsizetype i = 0; i < kept.ids.size(); ++i) {
            const int s = storageOf(kept.ids.utf8(i));
            if (s >= 0)
                wanted.setBit(s);
        }
    } else {
        for (const int s : kept.storage) {
            if (s >= 0 && s < wanted.size())
                wanted.setBit(s);
        }
    }
    for (int row = 0; row < int(m_order.size()); ++row) {
        if (!wanted.testBit(m_order.at(row)))
            continue;
        if (!spans.isEmpty() && spans.last().second == row - 1)
            spans.last().second = row;
        else
            spans.append({ row, row });
    }
    return spans;
}

} // namespace SupportDesk
