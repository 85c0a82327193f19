// The queue's sorted instants, changed by a merge in proportion to the rows it merged.
#include "queuemoments.h"

#include <algorithm>
#include <utility>

namespace SupportDesk {

namespace {
QVector<qint64> merged(const QVector<qint64> &a, const QVector<qint64> &b)
{
    QVector<qint64> out(a.size() + b.size());
    std::merge(a.cbegin(), a.cend(), b.cbegin(), b.cend(), out.begin());
    return out;
}
} // namespace

void SortedInstants::assign(QVector<qint64> &&sorted)
{
    m_base = std::move(sorted);
    m_added.clear();
    m_removed.clear();
    m_deltas = 0;
    m_size = m_base.size();
    m_copied += m_base.size();
}

bool SortedInstants::replace(QVector<qint64> out, QVector<qint64> in)
{
    if (out.isEmpty() && in.isEmpty())
        return true;
    std::sort(out.begin(), out.end());
    std::sort(in.begin(), in.end());
    // Each value taken out must be there as often as it is taken out.
    for (auto it = out.cbegin(); it != out.cend();) {
        const auto end = std::upper_bound(it, out.cend(), *it);
        if (countUpTo(*it) - countBefore(*it) < end - it)
            return false;
        it = end;
    }
    const qsizetype outs = out.size();
    const qsizetype ins = in.size();
    if (outs > 0)
        push(&m_removed, std::move(out), &m_copied);
    if (ins > 0)
        push(&m_added, std::move(in), &m_copied);
    m_deltas += outs + ins;
    m_size += ins - outs;
    if (m_deltas > std::max<qsizetype>(16, m_base.size() / 2))
        fold();
    return true;
}

// Runs are kept each more than twice the size of the next, as a binary counter's digits: a
// value is copied O(log n) times before it is folded into the base.
void SortedInstants::push(QVector<QVector<qint64>> *runs, QVector<qint64> &&sorted,
                          qsizetype *copied)
{
    *copied += sorted.size();
    runs->append(std::move(sorted));
    while (runs->size() >= 2 && runs->at(runs->size() - 2).size() <= 2 * runs->last().size()) {
        QVector<qint64> both = merged(runs->at(runs->size() - 2), runs->last());
        *copied += both.size();
        runs->removeLast();
        runs->last() = std::move(both);
    }
}

void SortedInstants::fold()
{
    QVector<qint64> added, removed;
    for (const QVector<qint64> &run : std::as_const(m_added))
        added = merged(added, run);
    for (const QVector<qint64> &run : std::as_const(m_removed))
        removed = merged(removed, run);
    QVector<qint64> all = merged(m_base, added);
    QVector<qint64> result;
    result.reserve(all.size() - removed.size());
    auto r = removed.cbegin();
    for (const qint64 v : std::as_const(all)) {
        while (r != removed.cend() && *r < v)
            ++r; // not there: replace() lets no such value in
        if (r != removed.cend() && *r == v) {
            ++r;
            continue;
        }
        result.append(v);
    }
    m_copied += added.size() + removed.size() + all.size() + result.size();
    m_base = std::move(result);
    m_added.clear();
    m_removed.clear();
    m_deltas = 0;
    m_size = m_base.size();
}

qsizetype SortedInstants::countIn(const QVector<QVector<qint64>> &runs, qint64 t, bool before)
{
    qsizetype n = 0;
    for (const QVector<qint64> &run : runs) {
        n += (before ? std::lower_bound(run.cbegin(), run.cend(), t)
                     : std::upper_bound(run.cbegin(), run.cend(), t))
                - run.cbegin();
    }
    return n;
}

qsizetype SortedInstants::countUpTo(qint64 t) const
{
    return (std::upper_bound(m_base.cbegin(), m_base.cend(), t) - m_base.cbegin())
            + countIn(m_added, t, false) - countIn(m_removed, t, false);
}

qsizetype SortedInstants::countBefore(qint64 t) const
{
    return (std::lower_bound(m_base.cbegin(), m_base.cend(), t) - m_base.cbegin())
            + countIn(m_added, t, true) - countIn(m_removed, t, true);
}

std::optional<qint64> SortedInstants::firstAfter(qint64 t) const
{
    const qsizetype upToT = countUpTo(t);
    if (upToT == m_size)
        return std::nullopt;
    // The first value held after t is, in the base or in a run of added ones, the first value
    // up to which more than upToT are counted: a binary search in each, however many values
    // after t were taken out (the most urgent tickets are the ones answered first; stepping
    // over them one by one cost a count each).
    std::optional<qint64> first;
    const auto search = [&](const QVector<qint64> &run) {
        const auto it = std::partition_point(
                std::upper_bound(run.cbegin(), run.cend(), t), run.cend(),
                [&](qint64 v) { return countUpTo(v) <= upToT; });
        if (it != run.cend() && (!first || *it < *first))
            first = *it;
    };
    search(m_base);
    for (const QVector<qint64> &run : m_added)
        search(run);
    return first;
}

QVector<qint64> SortedInstants::values() const
{
    SortedInstants copy = *this;
    copy.fold();
    return copy.m_base;
}

qsizetype SortedInstants::takeCopied()
{
    return std::exchange(m_copied, 0);
}

} // namespace SupportDesk
