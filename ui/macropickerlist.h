// The desk's macros for the picker, read ahead on a thread of its own (its own connection to
// the cache file) when the session opens, signs in and whenever a sync ends having written
// macros, so opening the picker does not read and decode 1,000 macros on the GUI thread: that
// first open took 26-71 ms there (docs/macros.md, the figure of issue 17).
#pragma once

#include "macro.h"

#include <QObject>
#include <QVector>

class QThread;

namespace SupportDesk {

class DeskSession;

class MacroReadAhead : public QObject
{
    Q_OBJECT

public:
    // The session's one (made on first use, a child of the session): the composer's picker and
    // the bulk bar's share its list.
    static MacroReadAhead *of(DeskSession *session);
    ~MacroReadAhead() override;

    // Every macro as the cache shows it now: the list read ahead while the cache's
    // macrosStamp() is still the one it was read at; else read here (readsHere() counts them).
    QVector<Macro> macros();
    // A list read ahead is held (it may be older than the cache: macros() checks).
    bool hasList() const { return m_stamp >= 0; }
    // The list held is the cache's now (one small read: the stamp).
    bool isCurrent() const;
    int readsHere() const { return m_readsHere; }
    int readsAhead() const { return m_readsAhead; }
    // Reads on a thread of its own unless the list held is current or a read is under way.
    void readAhead();

signals:
    // A list read ahead is in.
    void listRead();

private:
    explicit MacroReadAhead(DeskSession *session);

    DeskSession *m_session;
    QVector<Macro> m_macros;
    qint64 m_stamp = -1; // the cache's macrosStamp() the list was read at; -1: none
    QThread *m_thread = nullptr;
    bool m_again = false; // asked again while reading: the stamp may have moved since
    quint64 m_generation = 0; // a read begun before the cache was replaced is not taken
    int m_readsHere = 0;
    int m_readsAhead = 0;
};

} // namespace SupportDesk
