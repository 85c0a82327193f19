// What the queue shows: cells, roles, badges, column texts and headers.
#include "queuemodel.h"
#include "queuemodel_p.h"
#include "recordnames.h"
#include "presenceline.h"

#include "domain.h"
#include "ticketedits.h"
#include "ticketindex.h"
#include "timeformat.h"

#include <QFont>
#include <QTimeZone>

namespace SupportDesk {

using namespace QueueModelDetail;


int QueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

int QueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int QueueModel::rowOfTicket(const QString &ticketId) const
{
    const int s = storageOf(ticketId.toUtf8());
    // A gone ticket's row is never shown, and has no facts to be searched for by.
    if (s < 0 || (s < m_gone.size() && m_gone.testBit(s)))
        return -1;
    return orderPosition(s);
}

QString QueueModel::ticketId(int row) const
{
    return row >= 0 && row < int(m_order.size()) ? m_rows.rows.at(m_order.at(row)).id() : QString();
}

void QueueModel::tickCountdown(int first, int last)
{
    m_nowMs = now().toMSecsSinceEpoch();
    first = std::max(first, 0);
    last = std::min(last, rowCount() - 1);
    if (first > last)
        return;
    emit dataChanged(
        index(first, CountdownColumn), index(last, CountdownColumn),
        { Qt::DisplayRole, Qt::ToolTipRole, QueueRole::SlaStateRole, QueueRole::TargetUsed });
}

const TicketIndexEntry *QueueModel::entryOf(const Row &row) const
{
    const TicketIndex *index = ticketIndex();
    if (row.entry == Row::NoEntry || m_entriesOf != index->layoutGeneration()
        || qsizetype(row.entry) >= index->entryCount()) {
        ++m_entryFallbacks;
        return nullptr;
    }
    return &index->entryAt(row.entry);
}

QueueModel::EntrySource QueueModel::liveFacts() const
{
    const TicketIndex *index = ticketIndex();
    if (m_entriesOf != index->layoutGeneration()) {
        EntrySource none { nullptr, 0, &m_overlay };
        none.fallbacks = &m_entryFallbacks;
        return none;
    }
    // The index interns a word before the merge that brings it adds it to the queue's
    // dictionary, and a new content numbers its words anew: translated again then.
    if (m_toRowLayout != m_entriesOf || m_toRowIndexWords != index->wordCount()
        || m_toRowWords != m_rows.words.size()) {
        m_toRow = rowCodesOf(index->words(), m_rows.words);
        m_toRowLayout = m_entriesOf;
        m_toRowIndexWords = index->wordCount();
        m_toRowWords = m_rows.words.size();
    }
    return { index->entryData(), index->entryCount(), &m_overlay, m_toRow.constData(),
             m_toRow.size(), &m_entryFallbacks };
}

QVector<quint32> QueueModel::rowCodesOf(const QVector<QString> &indexWords,
                                        const QVector<QString> &rowWords)
{
    QHash<QString, quint32> codes;
    codes.reserve(rowWords.size());
    for (qsizetype i = 0; i < rowWords.size(); ++i)
        codes.insert(rowWords.at(i), quint32(i));
    QVector<quint32> toRow(indexWords.size(), Untranslated);
    for (qsizetype i = 0; i < indexWords.size(); ++i)
        toRow[i] = codes.value(indexWords.at(i), Untranslated);
    return toRow;
}

// A word fact of the row: its entry's, the one store of facts (none without one).
const QString &QueueModel::wordOf(const Row &row, quint32 TicketIndexEntry::*fact) const
{
    static const QString none;
    const TicketIndexEntry *e = entryOf(row);
    return e ? ticketIndex()->word(e->*fact) : none;
}

const QString &QueueModel::planWord(const Row &row) const
{
    return wordOf(row, &TicketIndexEntry::plan);
}

const QString &QueueModel::editionWord(const Row &row) const
{
    return wordOf(row, &TicketIndexEntry::edition);
}

const QString &QueueModel::statusWord(const Row &row) const
{
    return wordOf(row, &TicketIndexEntry::status);
}

const QString &QueueModel::assigneeWord(const Row &row) const
{
    return wordOf(row, &TicketIndexEntry::assignee);
}

const QString &QueueModel::severityWord(const Row &row) const
{
    return wordOf(row, &TicketIndexEntry::severity);
}

const QString &QueueModel::customerWord(const Row &row) const
{
    return wordOf(row, &TicketIndexEntry::customer);
}

const PlanCatalog *QueueModel::planOf(const Row &row) const
{
    return catalogs().plan(planWord(row));
}

const Edition *QueueModel::editionOf(const Row &row) const
{
    const PlanCatalog *plan = planOf(row);
    return plan ? plan->edition(editionWord(row)) : nullptr;
}

SlaStatus QueueModel::slaOf(const Row &row) const
{
    const auto time
        = [](qint64 ms) { return ms ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime(); };
    // The row does not carry merged_into (the packed row's fields): a merged duplicate, closed,
    // reads "closed" here and "Merged into #N" in the pane.
    const Times t = timesOf(entryOf(row));
    ResponseTimes times { time(t.createdMs), time(t.dueMs), time(t.firstResponseMs),
                          clockStop(statusWord(row), false) };
    return ResponseClock::status(times, QDateTime::fromMSecsSinceEpoch(m_nowMs, Qt::UTC),
                                 m_atRiskFraction);
}

// The badge: the edition's code (S1, STD), as on the lead board; the name is in the tooltip
// and in every sentence.
QString QueueModel::badgeText(const Row &row) const
{
    const Edition *e = editionOf(row);
    if (!e)
        return editionWord(row).isEmpty() ? QString() : QStringLiteral("?");
    return e->code;
}

QStringList QueueModel::badgeTexts() const
{
    QStringList texts;
    for (const PlanCatalog &plan : catalogs().plans()) {
        for (const Edition &e : plan.editions())
            texts.append(e.code);
    }
    return texts;
}

QStringList QueueModel::columnTexts(int column) const
{
    QStringList texts;
    switch (column) {
    case SeverityColumn:
    case ChannelColumn:
        for (const PlanCatalog &plan : catalogs().plans()) {
            if (column == SeverityColumn) {
                for (const Severity &s : plan.severities())
                    texts.append(s.names.text(m_language));
            } else {
                for (const Channel &c : plan.channels())
                    texts.append(c.names.text(m_language));
            }
        }
        break;
    case StatusColumn:
        for (const QString &status : TicketStatus::all())
            texts.append(statusName(status));
        break;
    case AssigneeColumn:
        texts = m_agentNames.values();
        texts.append(tr("—"));
        break;
    case CustomerColumn: {
        texts = m_customerNames.values();
        // A partner's tickets name the sub-client too: each pair the rows hold, once (one
        // pass of integer compares; it runs when names change, not per sync).
        QSet<quint64> pairs;
        if (m_subClientPairs) {
            pairs = *m_subClientPairs; // found by the preparation thread, no merge since
        } else {
            const EntrySource facts = liveFacts();
            for (int s = 0; s < int(m_rows.rows.size()); ++s) {
                const Row &row = m_rows.rows.at(s);
                // A gone row has no entry, so no customer: nobody reads it.
                if (row.subClient && !(s < m_gone.size() && m_gone.testBit(s)))
                    pairs.insert(quint64(facts.of(s, row).customer) << 32 | row.subClient);
            }
        }
        // The customer's code is the queue's (EntrySource::of()); an untranslated one reads as
        // no word.
        for (const quint64 pair : std::as_const(pairs))
            texts.append(
                customerText(m_rows.word(quint32(pair >> 32)), m_rows.word(quint32(pair))));
        break;
    }
    default:
        break;
    }
    return texts;
}

QString QueueModel::customerText(const Row &row) const
{
    return customerText(customerWord(row), m_rows.word(row.subClient));
}

QString QueueModel::customerText(const QString &id, const QString &account) const
{
    const QString name = m_customerNames.value(id, id);
    if (account.isEmpty())
        return name;
    // The sub-client by its name where the partner's record gives one, its account otherwise
    // (the tooltip names both: customerToolTip()).
    //: customer and the partner's sub-client account, e.g. "Globex Partners › 100234"
    return tr("%1 › %2").arg(name, m_subClientNames.value(subClientKey(id, account), account));
}

QString QueueModel::customerToolTip(const Row &row) const
{
    const QString &id = customerWord(row);
    const QString &account = m_rows.word(row.subClient);
    const QString name = account.isEmpty() ? QString()
                                           : m_subClientNames.value(subClientKey(id, account));
    if (name.isEmpty())
        return customerText(id, account);
    return tr("%1 › %2").arg(m_customerNames.value(id, id),
                             TicketEdits::subClientName(name, account));
}

QVariant QueueModel::display(const Row &row, int column) const
{
    switch (column) {
    case EditionColumn:
        return badgeText(row);
    case SeverityColumn: {
        const QString &id = severityWord(row);
        const PlanCatalog *plan = planOf(row);
        const Severity *sev = plan ? plan->severity(id) : nullptr;
        return sev ? sev->names.text(m_language) : id;
    }
    case CountdownColumn:
        if (timesOf(entryOf(row)).dueMs == 0)
            //: countdown column: the plan sets no response target for this ticket
            return tr("no target");
        return TimeFormat::countdown(slaOf(row));
    case SubjectColumn:
        return m_presence ? presenceMark(row) + row.subject() : row.subject();
    case CustomerColumn:
        return customerText(row);
    case ChannelColumn: {
        const QString &id = m_rows.word(row.channel);
        const PlanCatalog *plan = planOf(row);
        const Channel *ch = plan ? plan->channel(id) : nullptr;
        return ch ? ch->names.text(m_language) : id;
    }
    case AssigneeColumn: {
        const QString &id = assigneeWord(row);
        if (id.isEmpty())
            //: assignee column of a ticket nobody has
            return tr("—");
        return m_agentNames.value(id, id);
    }
    case StatusColumn:
        return statusName(statusWord(row));
    case UpdatedColumn: {
        if (!row.updatedAtMs)
            return QString();
        // Today: the time; before: the date (in the display zone).
        return TimeFormat::timeOrDate(QDateTime::fromMSecsSinceEpoch(row.updatedAtMs, Qt::UTC),
                                      QDateTime::fromMSecsSinceEpoch(m_nowMs, Qt::UTC));
    }
    case TagsColumn:
        return m_ticketTags.isEmpty() ? QString()
                                      : m_ticketTags.value(row.id()).join(QStringLiteral(", "));
    }
    return {};
}

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.rows.at(m_order.at(index.row()));
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case QueueRole::TicketId:
        return row.id();
    case QueueRole::DeadlineMs:
        return timesOf(entryOf(row)).dueMs;
    case Qt::ToolTipRole:
        if (column == EditionColumn) {
            const PlanCatalog *plan = planOf(row);
            const Edition *e = editionOf(row);
            if (!plan || !e)
                return tr("Unknown edition: %1").arg(editionWord(row));
            //: badge tooltip: plan name, edition name, e.g. "Service Plan — Flagship"
            return tr("%1 — %2").arg(plan->names().text(m_language), e->names.text(m_language));
        }
        if (column == CountdownColumn && timesOf(entryOf(row)).dueMs != 0)
            return TimeFormat::countdownWords(slaOf(row));
        if (column == SubjectColumn && m_presence && !presenceMark(row).isEmpty())
            return row.subject() + u'\n'
                + PresenceLine::describe(m_presence->others(row.id()));
        if (column == CustomerColumn)
            return customerToolTip(row);
        if (column == SubjectColumn)
            return display(row, column);
        return {};
    // What a screen reader says for a cell: the edition's name, not its code ("S2"), and an
    // edit still in the outbox, which the queue shows only in italics.
    case Qt::AccessibleTextRole:
        if (column == EditionColumn)
            return data(index, Qt::ToolTipRole);
        if (column == SubjectColumn && row.pending)
            //: what a screen reader says for a ticket with an edit not yet sent
            return tr("%1 (edit not sent yet)").arg(row.subject());
        if (column == TagsColumn && display(row, column).toString().isEmpty())
            //: what a screen reader says for the tags cell of a ticket without tags
            return tr("no tags");
        return display(row, column);
    case QueueRole::SlaStateRole:
        if (column != CountdownColumn || timesOf(entryOf(row)).dueMs == 0)
            return {};
        return int(slaOf(row).state);
    case QueueRole::TargetUsed:
        if (column != CountdownColumn || timesOf(entryOf(row)).dueMs == 0)
            return {};
        return slaOf(row).targetUsed;
    case QueueRole::BadgeColor: {
        if (column != EditionColumn)
            return {};
        const Edition *e = editionOf(row);
        return e ? QColor(e->badgeColor) : QColor(Qt::gray);
    }
    case QueueRole::BadgeText:
        return column == EditionColumn ? QVariant(badgeText(row)) : QVariant();
    case Qt::TextAlignmentRole:
        if (column == CountdownColumn || column == EditionColumn)
            return int(Qt::AlignCenter);
        return {};
    case Qt::FontRole:
        if (row.pending && column == SubjectColumn) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    }
    return {};
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    // The title in its tooltip too: a narrowed column elides it (QueueView::applyWidths).
    if (role == Qt::ToolTipRole)
        return headerData(section, orientation, Qt::DisplayRole);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    //: queue column: the customer's support-plan edition
    case EditionColumn:
        return tr("Edition");
    //: queue column
    case SeverityColumn:
        return tr("Severity");
    //: queue column: time left to the response target
    case CountdownColumn:
        return tr("Time left");
    case SubjectColumn:
        return tr("Subject");
    case CustomerColumn:
        return tr("Customer");
    //: queue column: how the customer reached us (ticket, hotline, IM)
    case ChannelColumn:
        return tr("Channel");
    case AssigneeColumn:
        return tr("Assignee");
    case StatusColumn:
        return tr("Status");
    //: queue column: time of the ticket's last change
    case UpdatedColumn:
        return tr("Updated");
    //: queue column: the ticket's tags
    case TagsColumn:
        return tr("Tags");
    }
    return {};
}

void QueueModel::setPresence(const Presence::Board *board)
{
    if (m_presence)
        m_presence->disconnect(this);
    m_presence = board;
    if (!board)
        return;
    connect(board, &Presence::Board::changed, this, [this](const QStringList &ids) {
        for (const QString &id : ids) {
            const int r = rowOfTicket(id);
            if (r >= 0)
                emit dataChanged(index(r, SubjectColumn), index(r, SubjectColumn),
                                 { Qt::DisplayRole, Qt::ToolTipRole });
        }
    });
}

QString QueueModel::presenceMark(const Row &row) const
{
    // A mark in the text, read aloud and seen without colour; the tooltip names the agents.
    if (m_presence->isEmpty())
        return QString();
    switch (m_presence->strongest(row.id())) {
    case Presence::State::Typing:
        return QStringLiteral("✎ ");
    case Presence::State::Viewing:
        return QStringLiteral("● ");
    case Presence::State::Left:
        break;
    }
    return QString();
}

} // namespace SupportDesk
