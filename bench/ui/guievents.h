// The GUI thread's time per event, for the benchmarks: every event the application delivers on
// the GUI thread (a queued call, a timer, a paint, a layout request) with its wall time and the
// thread's own CPU time, so a figure such as "keystroke to hits shown" can be broken down into
// the events that made it and its longest single stall compared with the 16 ms of a frame.
#pragma once

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QHash>
#include <QMetaEnum>
#include <QString>
#include <QThread>
#include <QVector>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>

namespace SupportDesk::Bench {

inline double threadCpuMs()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

struct GuiEvent
{
    QString what; // event type → receiver class (objectName)
    double wallMs = 0;
    double cpuMs = 0;
    double cpuStartMs = 0; // the thread's CPU clock when it began (which gap of a probe holds it)
};

// A QApplication that times the outermost delivery of each event on its own thread (events
// delivered from inside another event's handler count towards that one).
class ProfiledApplication : public QApplication
{
public:
    using QApplication::QApplication;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!m_recording || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        if (m_depth > 0) {
            // Inside another event: only the paints are told apart (which widget's paint the
            // outer UpdateRequest's time went to).
            if (event->type() != QEvent::Paint)
                return QApplication::notify(receiver, event);
            // Named before delivery: a receiver may be gone after it (a deferred delete).
            QString what = describe(receiver, QEvent::Paint);
            if (m_paintNote)
                m_paintNote(receiver, false);
            const double cpu0 = threadCpuMs();
            const bool result = QApplication::notify(receiver, event);
            const double cpu = threadCpuMs() - cpu0;
            if (cpu >= m_floorMs) {
                if (m_paintNote)
                    what += m_paintNote(receiver, true);
                m_paints.append({ std::move(what), 0, cpu, cpu0 });
            }
            return result;
        }
        QString what = describe(receiver, event->type());
        ++m_depth;
        QElapsedTimer wall;
        wall.start();
        const double cpu0 = threadCpuMs();
        m_eventCpuStart = cpu0;
        const bool result = QApplication::notify(receiver, event);
        const double cpu = threadCpuMs() - cpu0;
        const double wallMs = wall.nsecsElapsed() / 1e6;
        --m_depth;
        if (cpu >= m_floorMs || wallMs >= m_floorMs)
            m_events.append({ std::move(what), wallMs, cpu, cpu0 });
        return result;
    }

    // Records the events from now on (events under 0.05 ms are left out: the idle loop).
    void begin()
    {
        m_events.clear();
        m_paints.clear();
        m_recording = true;
    }
    QVector<GuiEvent> end()
    {
        m_recording = false;
        return std::exchange(m_events, {});
    }
    // The thread's CPU clock when the event being delivered began (for marks inside it).
    double eventCpuStartMs() const { return m_eventCpuStart; }
    // The widgets' paints inside the events recorded since begin() (their time is also in the
    // event that caused them).
    QVector<GuiEvent> takePaints() { return std::exchange(m_paints, {}); }
    // Called before each paint inside an event (after = false) and after it; what it returns
    // after is said beside the paint's name (what the widget did in it: cells laid out).
    void setPaintNote(std::function<QString(QObject *, bool after)> note)
    {
        m_paintNote = std::move(note);
    }

private:
    static QString describe(QObject *receiver, QEvent::Type type)
    {
        static const QMetaEnum types = QMetaEnum::fromType<QEvent::Type>();
        const char *typeName = types.valueToKey(type);
        QString text = typeName ? QString::fromLatin1(typeName) : QString::number(int(type));
        const QObject *named = receiver;
        // A QTimer or a viewport says little by itself: name its owner.
        if (named && named->parent()
            && (qstrcmp(named->metaObject()->className(), "QTimer") == 0
                || named->objectName() == QLatin1String("qt_scrollarea_viewport")))
            named = named->parent();
        if (named) {
            text += QStringLiteral(" → ") + QString::fromLatin1(named->metaObject()->className());
            if (!named->objectName().isEmpty())
                text += QLatin1Char('(') + named->objectName() + QLatin1Char(')');
        }
        return text;
    }

    int m_depth = 0;
    double m_eventCpuStart = 0;
    bool m_recording = false;
    double m_floorMs = 0.05;
    QVector<GuiEvent> m_events;
    QVector<GuiEvent> m_paints;
    std::function<QString(QObject *, bool)> m_paintNote;
};

struct EventSummary
{
    double totalCpuMs = 0;
    double totalWallMs = 0;
    GuiEvent longest; // by CPU
    double longestWallMs = 0;
    QVector<GuiEvent> byKind; // CPU summed per kind, most first
};

inline EventSummary summarize(const QVector<GuiEvent> &events)
{
    EventSummary s;
    QHash<QString, GuiEvent> kinds;
    for (const GuiEvent &e : events) {
        s.totalCpuMs += e.cpuMs;
        s.totalWallMs += e.wallMs;
        if (e.cpuMs > s.longest.cpuMs)
            s.longest = e;
        s.longestWallMs = std::max(s.longestWallMs, e.wallMs);
        GuiEvent &k = kinds[e.what];
        k.what = e.what;
        k.cpuMs += e.cpuMs;
        k.wallMs += e.wallMs;
    }
    s.byKind = QVector<GuiEvent>(kinds.cbegin(), kinds.cend());
    std::sort(s.byKind.begin(), s.byKind.end(),
              [](const GuiEvent &a, const GuiEvent &b) { return a.cpuMs > b.cpuMs; });
    return s;
}

// "event A 3.1 ms, event B 1.2 ms, …" — the kinds that took the most CPU.
inline void printKinds(const EventSummary &s, int most = 4)
{
    for (int i = 0; i < std::min<int>(most, int(s.byKind.size())); ++i)
        std::printf("%s%s %.1f ms", i ? ", " : "      ", qPrintable(s.byKind.at(i).what),
                    s.byKind.at(i).cpuMs);
    std::printf("\n");
}

} // namespace SupportDesk::Bench
