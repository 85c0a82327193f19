// "My views": the agent's saved views beside the built-in queues (see savedviewlist.h).
#include "savedviewlist.h"

#include "bulkwriter.h"
#include "desksession.h"
#include "jobthread.h"
#include "panecolors.h"
#include "tag.h"

#include <QAction>
#include <QElapsedTimer>
#include <QEvent>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QResizeEvent>
#include <QUuid>
#include <QVBoxLayout>

#include <algorithm>

namespace SupportDesk {

namespace {
constexpr int IdRole = Qt::UserRole;
}

SavedViewList::SavedViewList(DeskSession *session, QueueModel *model, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(model)
{
    setObjectName(QStringLiteral("savedViews"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->setSpacing(2);
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("savedViewsTitle"));
    m_title->setStyleSheet(QStringLiteral("font-weight: bold;"));
    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("savedViewList"));
    m_title->setBuddy(m_list);
    m_hint = new QLabel;
    m_hint->setWordWrap(true);
    m_hint->setObjectName(QStringLiteral("savedViewsHint"));
    // Words to read, in the palette's muted tone at 4.5:1 or more: greyed as a disabled label
    // they were 1.6:1 on the default palette, 1.9:1 under black on white.
    PaneColors::setTone(m_hint, Tone::Muted);
    layout->addWidget(m_title);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_hint);

    m_save = new QAction(this);
    m_save->setObjectName(QStringLiteral("saveView"));
    m_save->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    connect(m_save, &QAction::triggered, this, &SavedViewList::askAndSave);
    // Rename and delete act on the list's current view, from its context menu or its keys.
    m_rename = new QAction(m_list);
    m_rename->setShortcut(QKeySequence(Qt::Key_F2));
    m_rename->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_rename, &QAction::triggered, this, &SavedViewList::askAndRename);
    m_delete = new QAction(m_list);
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_delete, &QAction::triggered, this, &SavedViewList::askAndDelete);
    m_list->addActions({ m_rename, m_delete, m_save });
    m_list->setContextMenuPolicy(Qt::ActionsContextMenu);

    connect(m_list, &QListWidget::itemClicked, this, &SavedViewList::choose);
    connect(m_list, &QListWidget::itemActivated, this, &SavedViewList::choose);
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        m_rename->setEnabled(item != nullptr);
        m_delete->setEnabled(item != nullptr);
        if (item) // arrow keys move through the views as through the queues
            choose(item);
    });

    // One count of every view per burst of the queue's recounts (a merge of changed rows, a
    // reset, time moving tickets on), with the searches' hits as kept.
    m_recount.setObjectName(QStringLiteral("savedViewsRecount"));
    m_recount.setSingleShot(true);
    m_recount.setInterval(0);
    connect(&m_recount, &QTimer::timeout, this, &SavedViewList::recount);
    m_countMore.setObjectName(QStringLiteral("savedViewsCount"));
    m_countMore.setSingleShot(true);
    m_countMore.setInterval(0);
    connect(&m_countMore, &QTimer::timeout, this, &SavedViewList::countSome);
    const auto later = [this] {
        if (!m_recount.isActive())
            m_recount.start();
    };
    connect(model, &QueueModel::recounted, this, later);
    connect(model, &QueueModel::restLoaded, this, later);
    connect(model, &QueueModel::modelReset, this, later);
    // The searches follow the tickets that changed: searched again among those only, on a
    // thread of its own where the cache is a file, once per burst; the views searching a
    // text whose hits changed are counted again then.
    if (const QString path = session->cache()->path();
        !path.isEmpty() && path != QLatin1String(":memory:")) {
        static int lists = 0;
        m_searchConnection = QStringLiteral("saved-views-search-%1").arg(++lists);
        m_searcher = std::make_unique<JobThread>(
                QStringLiteral("saved-views-search"),
                [connection = m_searchConnection] {
                    TicketCache::closeSearchConnection(connection);
                });
    }
    m_search.setObjectName(QStringLiteral("savedViewsSearch"));
    m_search.setSingleShot(true);
    m_search.setInterval(50);
    connect(&m_search, &QTimer::timeout, this, &SavedViewList::startSearch);
    connect(session, &DeskSession::ticketsChanged, this,
            [this](const QStringList &ids) { noteChanged(ids); });
    connect(session, &DeskSession::cacheReset, this, &SavedViewList::searchAllAgain);
    connect(session, &DeskSession::searchIndexReady, this, &SavedViewList::searchAllAgain);
    // Views come with the feed (the engine writes them on its connection) and with this
    // desk's own edits: read again when the cache says they changed.
    connect(session, &DeskSession::idle, this, &SavedViewList::reload);
    connect(session, &DeskSession::outboxChanged, this, &SavedViewList::reload);
    connect(session, &DeskSession::cacheReset, this, &SavedViewList::reload);
    // A view's refusal comes as rejected() (the engine's answer to the op): that op's row is
    // read then, not the outbox on every change (a bulk run's batches change it several times
    // a second, and at 150,000 pending ops each read of every op's state was a long GUI
    // event; so was each read on rejected(), which every refused op of a bulk run sends).
    connect(session, &DeskSession::rejected, this,
            [this](const QString &opId) { showRefusal(opId); });

    retranslateUi();
    reload();
}

SavedViewList::~SavedViewList()
{
    m_searcher.reset(); // its answer is dropped with this object
}

QWidget *SavedViewList::besideQueues(QListWidget *queues, SavedViewList *views)
{
    auto *column = new QWidget;
    column->setObjectName(QStringLiteral("queueColumn"));
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    // The queues as tall as their rows: the views take the rest of the column.
    queues->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    queues->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    queues->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(queues);
    layout->addWidget(views, 1);
    return column;
}

QueueModel::Selection SavedViewList::selectionOf(const SavedView &view)
{
    QueueModel::Selection s;
    // The keys are in the queues' order (core/savedview.cpp); a view without one (made by
    // another client) shows every open ticket, as the queue does by default.
    const qsizetype q = savedViewQueues().indexOf(view.queue);
    s.queue = q >= 0 && q < QueueModel::QueueCount ? QueueModel::Queue(q) : QueueModel::AllOpen;
    s.edition = view.edition;
    s.severity = view.severity;
    s.channel = view.channel;
    s.status = view.status;
    s.tags = view.tags;
    return s;
}

QString SavedViewList::currentViewId() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item && item->isSelected() ? item->data(IdRole).toString() : QString();
}

void SavedViewList::clearCurrent()
{
    const QSignalBlocker blocker(m_list);
    m_list->setCurrentRow(-1);
    m_list->clearSelection();
    m_rename->setEnabled(false);
    m_delete->setEnabled(false);
}

std::optional<SavedView> SavedViewList::view(const QString &id) const
{
    for (const SavedView &v : m_views) {
        if (v.id == id)
            return v;
    }
    return std::nullopt;
}

std::optional<SavedView> SavedViewList::viewNamed(const QString &name) const
{
    for (const SavedView &v : m_views) {
        if (v.name.compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return v;
    }
    return std::nullopt;
}

QString SavedViewList::nameProblem(const QString &name) const
{
    if (name.trimmed().isEmpty())
        return tr("A view needs a name.");
    if (name.trimmed().size() > SavedViewLimits::MaxName)
        return tr("A view's name is at most %1 characters.").arg(SavedViewLimits::MaxName);
    return {};
}

bool SavedViewList::saveCurrent(const QString &name, QString *problem)
{
    const auto refuse = [problem](const QString &why) {
        if (problem)
            *problem = why;
        return false;
    };
    if (const QString bad = nameProblem(name); !bad.isEmpty())
        return refuse(bad);
    emit aboutToSave();
    // Over the view of that name: the agent saves "Beijing VIP" again with what shows now.
    SavedView v = viewNamed(name).value_or(SavedView());
    if (v.id.isEmpty())
        v.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    v.name = name.trimmed();
    v.queue = savedViewQueues().value(m_model->queue());
    v.edition = m_model->editionFilter();
    v.severity = m_model->severityFilter();
    v.channel = m_model->channelFilter();
    v.status = m_model->statusFilter();
    v.tags = m_model->tagFilter();
    splitViewSearch(m_model->searchText(), &v.tags, &v.search);
    if (v.search.size() > SavedViewLimits::MaxSearch)
        return refuse(tr("The search is longer than %1 characters: a view cannot keep it.")
                              .arg(SavedViewLimits::MaxSearch));
    if (!checkView(v).isEmpty() || !m_session->saveView(v))
        return refuse(tr("The view could not be saved: %1")
                              .arg(checkView(v).isEmpty() ? m_session->cache()->errorString()
                                                          : checkView(v)));
    reload();
    // The view saved is the one shown now.
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(IdRole).toString() == v.id) {
            const QSignalBlocker blocker(m_list);
            m_list->setCurrentRow(row);
        }
    }
    return true;
}

bool SavedViewList::rename(const QString &viewId, const QString &name, QString *problem)
{
    std::optional<SavedView> v = view(viewId);
    if (const QString bad = nameProblem(name); !bad.isEmpty() || !v) {
        if (problem)
            *problem = bad;
        return false;
    }
    v->name = name.trimmed();
    if (!m_session->saveView(*v)) {
        if (problem)
            *problem = tr("The view could not be saved: %1")
                               .arg(m_session->cache()->errorString());
        return false;
    }
    reload();
    return true;
}

bool SavedViewList::remove(const QString &viewId)
{
    const std::optional<SavedView> v = view(viewId);
    if (!v || !m_session->saveView(*v, true))
        return false;
    reload();
    return true;
}

void SavedViewList::askName(const QString &title, const QString &label, const QString &initial,
                            std::function<void(const QString &)> done)
{
    auto *dialog = new QInputDialog(window());
    dialog->setObjectName(QStringLiteral("savedViewNameDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    dialog->setLabelText(label);
    dialog->setTextValue(initial);
    connect(dialog, &QInputDialog::textValueSelected, this, std::move(done));
    dialog->open();
}

void SavedViewList::askAndSave()
{
    const QString current = view(currentViewId()).value_or(SavedView()).name;
    //: dialog title: save the queue's filters and search under a name
    askName(tr("Save view"),
            tr("Name of the view (the queue, its filters, tags and search as they are now):"),
            current, [this](const QString &name) {
                QString problem;
                if (!saveCurrent(name, &problem))
                    askName(tr("Save view"), problem, name, [this](const QString &again) {
                        QString why;
                        if (!saveCurrent(again, &why))
                            emit notice(why);
                    });
            });
}

void SavedViewList::askAndRename()
{
    const std::optional<SavedView> v = view(m_list->currentItem()
                                                    ? m_list->currentItem()->data(IdRole).toString()
                                                    : QString());
    if (!v)
        return;
    const QString id = v->id;
    askName(tr("Rename view"), tr("New name of the view \"%1\":").arg(v->name), v->name,
            [this, id](const QString &name) {
                QString problem;
                if (!rename(id, name, &problem) && !problem.isEmpty())
                    emit notice(problem);
            });
}

void SavedViewList::askAndDelete()
{
    const std::optional<SavedView> v = view(m_list->currentItem()
                                                    ? m_list->currentItem()->data(IdRole).toString()
                                                    : QString());
    if (!v)
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete view"),
                                tr("Delete the view \"%1\"? The tickets stay as they are.")
                                        .arg(v->name),
                                QMessageBox::Yes | QMessageBox::No, window());
    box->setObjectName(QStringLiteral("deleteViewQuestion"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(QMessageBox::No);
    const QString id = v->id;
    connect(box, &QMessageBox::finished, this, [this, id](int answer) {
        if (answer == QMessageBox::Yes)
            remove(id);
    });
    box->open();
}

void SavedViewList::choose(QListWidgetItem *item)
{
    if (const std::optional<SavedView> v = item ? view(item->data(IdRole).toString())
                                                : std::nullopt)
        emit viewChosen(*v);
}

void SavedViewList::reload()
{
    const qint64 stamp = m_session->cache()->savedViewsStamp();
    if (stamp == m_stamp)
        return;
    m_stamp = stamp;
    m_views = m_session->cache()->savedViews();
    for (const SavedView &v : std::as_const(m_views))
        m_names.insert(v.id, v.name);
    rebuild();
    recount();
}

void SavedViewList::recount()
{
    m_recount.stop();
    countViews(nullptr);
}

void SavedViewList::countViews(const QSet<QString> *texts)
{
    for (const SavedView &v : std::as_const(m_views)) {
        if ((!texts || texts->contains(v.search)) && !m_toCount.contains(v.id))
            m_toCount.append(v.id);
    }
    countSome();
}

void SavedViewList::countSome()
{
    // A view at a time while the slice has time (at least one): each is a pass over every
    // row (~7 ms with a search's hits at 100k tickets under load), five in one event were
    // 32-37 ms.
    m_countMore.stop();
    QElapsedTimer slice;
    slice.start();
    bool searchWanted = false;
    int counted = 0;
    while (!m_toCount.isEmpty() && (counted == 0 || slice.nsecsElapsed() < 4000000)) {
        const std::optional<SavedView> v = view(m_toCount.takeFirst());
        if (!v)
            continue;
        if (m_model->isLoadingRest()) {
            m_counts.remove(v->id);
            continue;
        }
        // The search as the queue runs it: the cache's full-text search, every hit.
        const QStringList *hits = nullptr;
        if (!v->search.isEmpty()) {
            const auto it = m_searchHits.constFind(v->search);
            if (it == m_searchHits.cend()) {
                searchWanted = true; // counted when its hits come
                continue;
            }
            hits = &*it;
        }
        m_counts.insert(v->id, m_model->countSelection(selectionOf(*v), hits));
        ++counted;
    }
    if (searchWanted)
        scheduleSearch();
    if (!m_toCount.isEmpty())
        m_countMore.start();
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        const QString id = item->data(IdRole).toString();
        const QString name = m_names.value(id);
        const int count = m_counts.value(id, -1);
        //: saved view list entry: the view's name and how many tickets it holds now; "…"
        //: while a large queue is still being read
        item->setText(count < 0 ? tr("%1 (…)").arg(name) : tr("%1 (%2)").arg(name).arg(count));
        //: what a screen reader says for a saved view: its name and how many tickets it holds
        item->setData(Qt::AccessibleTextRole,
                      count < 0 ? name : tr("%1, %n ticket(s)", nullptr, count).arg(name));
    }
}

void SavedViewList::noteChanged(const QStringList &ids)
{
    if (std::none_of(m_views.cbegin(), m_views.cend(),
                     [](const SavedView &v) { return !v.search.isEmpty(); })) {
        // No view searches: nothing to keep (a view that comes searches whole).
        m_searchHits.clear();
        m_changedIds.clear();
        return;
    }
    for (const QString &id : ids)
        m_changedIds.insert(id);
    scheduleSearch();
}

void SavedViewList::searchAllAgain()
{
    m_wholeWanted = true;
    scheduleSearch();
}

void SavedViewList::scheduleSearch()
{
    // One search at a time: what comes meanwhile is asked when it is back.
    if (!m_searching && !m_search.isActive())
        m_search.start();
}

void SavedViewList::run(Search *search,
                        const std::function<QStringList(const QString &, const QStringList *)> &find)
{
    for (const QString &text : std::as_const(search->whole))
        search->wholeHits.insert(text, find(text, nullptr));
    for (const QString &text : std::as_const(search->among))
        search->amongHits.insert(text, find(text, &search->ids));
}

void SavedViewList::startSearch()
{
    if (m_searching)
        return;
    QStringList texts;
    for (const SavedView &v : std::as_const(m_views)) {
        if (!v.search.isEmpty() && !texts.contains(v.search))
            texts.append(v.search);
    }
    for (auto it = m_searchHits.begin(); it != m_searchHits.end();) {
        if (texts.contains(it.key()))
            ++it;
        else
            it = m_searchHits.erase(it); // no view searches it any more
    }
    // Past this many changed tickets (a sync's burst) the whole search costs less than one
    // among them (each id is looked up, then its search row).
    constexpr qsizetype MaxSearchedAmong = 5000;
    const bool whole = m_wholeWanted || m_changedIds.size() > MaxSearchedAmong;
    Search search;
    for (const QString &text : std::as_const(texts)) {
        if (whole || !m_searchHits.contains(text))
            search.whole.append(text);
        else if (!m_changedIds.isEmpty())
            search.among.append(text);
    }
    if (!search.among.isEmpty())
        search.ids = QStringList(m_changedIds.cbegin(), m_changedIds.cend());
    m_changedIds.clear();
    m_wholeWanted = false;
    if (search.whole.isEmpty() && search.among.isEmpty())
        return;
    m_wholeSearches += int(search.whole.size());
    if (!m_searcher) {
        ++m_searchesHere;
        const TicketCache *cache = m_session->cache();
        run(&search, [cache](const QString &text, const QStringList *among) {
            return among ? cache->searchTickets(text, *among)
                         : cache->searchTickets(text, 1000000);
        });
        takeSearch(search);
        return;
    }
    m_searching = true;
    m_searcher->post([this, search = std::move(search), path = m_session->cache()->path(),
                      connection = m_searchConnection]() mutable {
        run(&search, [&](const QString &text, const QStringList *among) {
            return among ? TicketCache::searchTicketsAt(path, connection, text, *among)
                         : TicketCache::searchTicketsAt(path, connection, text, 1000000);
        });
        // Queued to the list's thread; dropped with it if it is gone by then.
        QMetaObject::invokeMethod(
                this, [this, search = std::move(search)] { takeSearch(search); },
                Qt::QueuedConnection);
    });
}

void SavedViewList::takeSearch(const Search &search)
{
    m_searching = false;
    QSet<QString> changed; // texts whose hits changed
    for (auto it = search.wholeHits.cbegin(); it != search.wholeHits.cend(); ++it) {
        const auto was = m_searchHits.constFind(it.key());
        if (was == m_searchHits.cend() || *was != it.value())
            changed.insert(it.key());
        m_searchHits.insert(it.key(), it.value());
    }
    if (!search.amongHits.isEmpty()) {
        const QSet<QString> asked(search.ids.cbegin(), search.ids.cend());
        for (auto it = search.amongHits.cbegin(); it != search.amongHits.cend(); ++it) {
            const auto hits = m_searchHits.find(it.key());
            if (hits == m_searchHits.end())
                continue; // no view searches it any more
            // The changed tickets' old hits out, their new ones in.
            QSet<QString> were;
            hits->removeIf([&](const QString &id) {
                if (!asked.contains(id))
                    return false;
                were.insert(id);
                return true;
            });
            hits->append(it.value());
            if (were != QSet<QString>(it.value().cbegin(), it.value().cend()))
                changed.insert(it.key());
        }
    }
    if (!changed.isEmpty())
        countViews(&changed);
    if (!m_changedIds.isEmpty() || m_wholeWanted)
        scheduleSearch();
}

void SavedViewList::rebuild()
{
    const QString current = currentViewId();
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const SavedView &v : std::as_const(m_views)) {
        auto *item = new QListWidgetItem(v.name, m_list);
        item->setData(IdRole, v.id);
        if (v.id == current)
            m_list->setCurrentItem(item);
    }
    m_rename->setEnabled(m_list->currentItem() != nullptr);
    m_delete->setEnabled(m_list->currentItem() != nullptr);
    m_hint->setVisible(m_views.isEmpty());
}

void SavedViewList::showRefusal(const QString &opId)
{
    // The server's refusal of one of this desk's view edits, once, in words: the cache shows
    // the server's copy again (docs/tags-and-views.md).
    if (m_toldRefusals.contains(opId))
        return;
    ++m_outboxReads;
    const std::optional<OutboxRefusal> e = readOutboxRefusal(*m_session->cache(), opId);
    if (!e || !m_names.contains(e->subjectId))
        return;
    m_toldRefusals.insert(opId);
    reload();
    const QString name = m_names.value(e->subjectId);
    if (e->code == u"conflict")
        emit notice(tr("The view \"%1\" was changed on another desk before your change "
                       "reached the server: that version is shown. Make your change "
                       "again on it.")
                            .arg(name));
    else if (e->code == u"unknown-view")
        emit notice(tr("The server refused your change to the view \"%1\": it was "
                       "deleted on another desk.")
                            .arg(name));
    else
        emit notice(tr("The server refused your change to the view \"%1\" (%2).")
                            .arg(name, e->code));
}

void SavedViewList::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitHint();
}

// A wrapped label in a narrow column is given the height of its text at another width, and
// its last line was cut off: it gets the height its text needs at the column's width.
void SavedViewList::fitHint()
{
    const int width = contentsRect().width();
    if (width > 0)
        m_hint->setMinimumHeight(m_hint->heightForWidth(width));
}

void SavedViewList::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void SavedViewList::retranslateUi()
{
    //: heading of the agent's saved views, under the built-in queues
    m_title->setText(tr("My views"));
    m_list->setAccessibleName(tr("My views"));
    m_hint->setText(tr("Save the queue's filters and search as a view of your own: View → "
                       "Save view… (%1).")
                            .arg(m_save->shortcut().toString(QKeySequence::NativeText)));
    fitHint(); // the other language's text is longer or shorter
    m_save->setText(tr("Save &view…"));
    m_rename->setText(tr("&Rename view…"));
    m_delete->setText(tr("&Delete view…"));
    recount();
}

} // namespace SupportDesk
