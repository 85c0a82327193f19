// A thread running jobs in order (see jobthread.h).
#include "jobthread.h"

#include <QThread>

namespace SupportDesk {

JobThread::JobThread(const QString &name, Job atEnd)
    : m_atEnd(std::move(atEnd))
{
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(name);
    m_thread->start();
}

JobThread::~JobThread()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
        m_jobs.clear();
    }
    m_wake.notify_all();
    m_thread->wait();
    delete m_thread;
}

void JobThread::post(Job job)
{
    {
        const std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_all();
}

void JobThread::run()
{
    for (;;) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_jobs.empty(); });
            if (m_stop)
                break;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        job();
    }
    if (m_atEnd)
        m_atEnd();
}

} // namespace SupportDesk
