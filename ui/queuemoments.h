// The queue's sorted instants (deadlines, at-risk moments, closing times), changed by a merge
// in proportion to the rows it merged.
#pragma once

#include <QVector>

#include <optional>

namespace SupportDesk {

// A multiset of instants (ms since the epoch) that answers "how many are at or before t" and
// "which is the first after t" by binary search. A merge's changes go into small sorted runs
// beside the base (the values put in, the values taken out), merged with each other as a
// binary counter merges its carries, and folded into the base once they reach half of it: a
// change costs O(log n) copies amortised, where rebuilding the sorted vectors copied all of
// them at every merge (~21 ms at 150,000 rows held in a bulk run).
class SortedInstants
{
public:
    // The whole set, sorted (a whole tally).
    void assign(QVector<qint64> &&sorted);
    // One occurrence of each of `out` taken out, `in` put in (neither need be sorted); false,
    // with the set left to be assigned again, when a value to take out is not there.
    bool replace(QVector<qint64> out, QVector<qint64> in);
    qsizetype size() const { return m_size; }
    // Instants at or before t; before t.
    qsizetype countUpTo(qint64 t) const;
    qsizetype countBefore(qint64 t) const;
    // The first instant after t, if any.
    std::optional<qint64> firstAfter(qint64 t) const;
    // Every instant, sorted (tests).
    QVector<qint64> values() const;
    // Instants copied by assign() and replace() since the last call (tests, benchmarks: a
    // merge's cost in the rows it merged, not the rows held).
    qsizetype takeCopied();

private:
    static void push(QVector<QVector<qint64>> *runs, QVector<qint64> &&sorted,
                     qsizetype *copied);
    static qsizetype countIn(const QVector<QVector<qint64>> &runs, qint64 t, bool before);
    void fold();

    QVector<qint64> m_base;
    QVector<QVector<qint64>> m_added; // sorted runs, each at most half the one before
    QVector<QVector<qint64>> m_removed;
    qsizetype m_deltas = 0; // values in m_added and m_removed
    qsizetype m_size = 0;
    qsizetype m_copied = 0;
};

} // namespace SupportDesk
