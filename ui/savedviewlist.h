// The agent's saved views under the built-in queues ("My views", docs/tags-and-views.md): each
// with a live count made by the queue's own test (QueueModel::countSelection), chosen to set
// the queue, its filters and search; saved, renamed and deleted through the outbox.
#pragma once

#include "queuemodel.h"
#include "savedview.h"

#include <QHash>
#include <QSet>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>

class QAction;
class QLabel;
class QListWidget;
class QListWidgetItem;

namespace SupportDesk {

class DeskSession;
class JobThread;

class SavedViewList : public QWidget
{
    Q_OBJECT

public:
    SavedViewList(DeskSession *session, QueueModel *model, QWidget *parent = nullptr);
    ~SavedViewList() override; // the search in hand first

    // The column of the main window's left side: the built-in queues, as tall as their rows,
    // and the views under them.
    static QWidget *besideQueues(QListWidget *queues, SavedViewList *views);

    QListWidget *list() const { return m_list; }
    QAction *saveAction() const { return m_save; }
    QAction *renameAction() const { return m_rename; }
    QAction *deleteAction() const { return m_delete; }
    QVector<SavedView> views() const { return m_views; }
    // The count shown beside a view; -1 while not counted.
    int countOf(const QString &viewId) const { return m_counts.value(viewId, -1); }
    // The view the list marks as the one shown (empty: none, a built-in queue is).
    QString currentViewId() const;
    // Outbox rows read for refusals, one per refusal the engine told of (tests).
    int outboxReads() const { return m_outboxReads; }
    // The views' searches run whole (a view's text first seen, the cache reset, the search
    // index ready, or a burst too large to search among), and searches of any kind run on the
    // GUI thread (a cache without a file) (tests, benchmarks).
    int wholeSearches() const { return m_wholeSearches; }
    int searchesHere() const { return m_searchesHere; }
    void clearCurrent();

    // The queue's selection and search as they are now, as a view named `name`: over the view
    // of that name when there is one, else a new one. False, with the reason in words, when
    // nothing was saved.
    bool saveCurrent(const QString &name, QString *problem = nullptr);
    bool rename(const QString &viewId, const QString &name, QString *problem = nullptr);
    bool remove(const QString &viewId);

    // The queue, its filters (values of QueueModel's filter boxes) and tags of a view.
    static QueueModel::Selection selectionOf(const SavedView &view);

signals:
    // The agent chose a view: the window shows its queue, filters and search.
    void viewChosen(const SupportDesk::SavedView &view);
    // Before the view is saved: the window hands its pending search to the queue.
    void aboutToSave();
    // Something to tell in the status bar (a refused change, in words).
    void notice(const QString &message);

public slots:
    // Reads the views again when the cache's views changed (any connection); counts them.
    void reload();
    // Counts every view again (the searches' hits as last kept): the first now, the others
    // a slice at a time from the event loop.
    void recount();
    // Asks for a name and saves the current selection (View → Save view…).
    void askAndSave();
    void askAndRename();
    void askAndDelete();

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitHint();
    void rebuild();
    void retranslateUi();
    // The server refused op `opId` (DeskSession::rejected): if it is one of this list's view
    // edits, said once in words.
    void showRefusal(const QString &opId);
    // The views' searches: what to run, and what they found.
    struct Search
    {
        QStringList whole; // texts searched over the whole cache
        QStringList among; // texts searched among `ids` only
        QStringList ids;
        QHash<QString, QStringList> wholeHits;
        QHash<QString, QStringList> amongHits;
    };
    static void run(Search *search,
                    const std::function<QStringList(const QString &, const QStringList *)> &find);
    void noteChanged(const QStringList &ids);
    void searchAllAgain();
    void scheduleSearch();
    void startSearch();
    void takeSearch(const Search &search);
    // Counts the views (those searching one of `texts`; all when null) and shows the counts:
    // as many as fit in a slice now, the rest from the event loop (countSome()).
    void countViews(const QSet<QString> *texts);
    void countSome();
    void choose(QListWidgetItem *item);
    std::optional<SavedView> view(const QString &id) const;
    std::optional<SavedView> viewNamed(const QString &name) const;
    // The name's problem in words, else empty.
    QString nameProblem(const QString &name) const;
    // A name dialog over the window; `done` with the name given (not when cancelled).
    void askName(const QString &title, const QString &label, const QString &initial,
                 std::function<void(const QString &)> done);

    DeskSession *m_session;
    QueueModel *m_model;
    QLabel *m_title = nullptr;
    QLabel *m_hint = nullptr;
    QListWidget *m_list = nullptr;
    QAction *m_save = nullptr;
    QAction *m_rename = nullptr;
    QAction *m_delete = nullptr;
    QVector<SavedView> m_views;
    QHash<QString, int> m_counts;
    // Each view's full-text hits by search text, kept from the tickets that changed: searched
    // again among those only, off the GUI thread, a burst at a time. Every view's whole
    // search ran again on the GUI thread after each change (the hits were dropped).
    QHash<QString, QStringList> m_searchHits;
    QSet<QString> m_changedIds; // since the last search was asked
    bool m_wholeWanted = false;
    bool m_searching = false;  // a search on the thread, not back yet
    QTimer m_search;           // gathers a burst of changes into one search
    std::unique_ptr<JobThread> m_searcher; // none: searched here (a cache without a file)
    QString m_searchConnection;
    int m_wholeSearches = 0;
    int m_searchesHere = 0;
    QHash<QString, QString> m_names; // every view's last name seen (a refusal names it)
    QSet<QString> m_toldRefusals;
    int m_outboxReads = 0;
    qint64 m_stamp = -1;
    QTimer m_recount; // gathers the queue's recounts
    QStringList m_toCount; // views to count, by id, in the list's order
    QTimer m_countMore;
};

} // namespace SupportDesk
