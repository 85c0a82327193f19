// The queue's side of a selection that outlives a reset, and the selected tickets' ids in one
// buffer (issue 17, docs/bulk.md "Selecting at scale").
#include "queuemodel.h"
#include "queuemodel_p.h"

#include <QPointer>

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

QString QueueModel::ticketIdOfStorage(int storage) const
{
    return storage >= 0 && storage < int(m_rows.rows.size()) ? m_rows.rows.at(storage).id()
                                                              : QString();
}

TicketIdList QueueModel::ticketIdsOfStorage(const QVector<int> &storage) const
{
    TicketIdList ids;
    ids.reserve(storage.size());
    for (const int s : storage) {
        if (s >= 0 && s < int(m_rows.rows.size()))
            ids.append(m_rows.rows.at(s).idText().view());
        else
            ids.append(QByteArrayView());
    }
    return ids;
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

namespace {
// The selected rows handed to a bulk action: the model's row ids (an int a row, copied from
// the shown order), each ticket's id read when the run plans it. Made into ids all at once
// only when the model is about to replace its rows, whose ids die with them.
class SelectedTickets : public TicketIdSource
{
public:
    SelectedTickets(const QueueModel *model, QueueModel::KeptRows kept)
        : m_model(model), m_kept(std::move(kept))
    {
        if (m_kept.byId)
            return;
        m_watch = QObject::connect(model, &QAbstractItemModel::modelAboutToBeReset, [this] {
            if (!m_model || !m_model->isReplacingRows())
                return;
            m_kept.ids = m_model->ticketIdsOfStorage(m_kept.storage);
            m_kept.storage.clear();
            m_kept.byId = true;
            QObject::disconnect(m_watch);
        });
    }
    ~SelectedTickets() override { QObject::disconnect(m_watch); }
    SelectedTickets(const SelectedTickets &) = delete;
    SelectedTickets &operator=(const SelectedTickets &) = delete;

    qsizetype size() const override
    {
        return m_kept.byId ? m_kept.ids.size() : m_kept.storage.size();
    }
    QString at(qsizetype i) const override
    {
        if (m_kept.byId)
            return m_kept.ids.at(i);
        return m_model ? m_model->ticketIdOfStorage(m_kept.storage.at(i)) : QString();
    }

private:
    QPointer<const QueueModel> m_model;
    QueueModel::KeptRows m_kept;
    QMetaObject::Connection m_watch;
};
} // namespace

std::unique_ptr<TicketIdSource> QueueModel::ticketsOf(const RowSpans &spans) const
{
    return std::make_unique<SelectedTickets>(this, keepRows(spans));
}

} // namespace SupportDesk
