// A thread of its own running jobs one after another in the order posted: the readers and
// writers that keep SQLite off the GUI thread (each with a connection of its own, made and
// closed on the thread) start, take work and stop alike through it.
#pragma once

#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

class QThread;

namespace SupportDesk {

class JobThread
{
public:
    using Job = std::function<void()>;
    // Starts the thread, named `name`; `atEnd` runs last on it (closes what the jobs opened).
    explicit JobThread(const QString &name, Job atEnd = {});
    // Drops the jobs not begun, waits for the one in hand (a transaction is never cut), runs
    // `atEnd` and joins the thread.
    ~JobThread();
    JobThread(const JobThread &) = delete;
    JobThread &operator=(const JobThread &) = delete;

    // Runs `job` on the thread after the jobs posted before it.
    void post(Job job);

private:
    void run();

    QThread *m_thread = nullptr;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_jobs;
    bool m_stop = false;
    Job m_atEnd;
};

} // namespace SupportDesk
