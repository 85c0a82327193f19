// The server's reader rotation: every turn names a reader, across the 2^31 and 2^64 boundaries.
#include "readerrotation.h"

#include <QTest>

#include <limits>

using SupportDesk::Server::ReaderRotation;

class TstReaderRotation : public QObject
{
    Q_OBJECT

private slots:
    void takesReadersInTurn();
    void staysInRangeAcrossBoundary_data();
    void staysInRangeAcrossBoundary();
    void noReadersMeansTheFirst();
};

void TstReaderRotation::takesReadersInTurn()
{
    ReaderRotation rotation;
    QList<qsizetype> seen;
    for (int i = 0; i < 6; ++i)
        seen.append(rotation.next(3));
    QCOMPARE(seen, (QList<qsizetype> { 1, 2, 3, 1, 2, 3 }));
}

void TstReaderRotation::staysInRangeAcrossBoundary_data()
{
    QTest::addColumn<quint64>("first");
    // 2^31 requests: where the int counter overflowed (then m_workers.at(-1)).
    QTest::newRow("2^31") << quint64(std::numeric_limits<int>::max()) - 4;
    QTest::newRow("2^32") << quint64(std::numeric_limits<quint32>::max()) - 4;
    QTest::newRow("2^64") << std::numeric_limits<quint64>::max() - 4;
}

void TstReaderRotation::staysInRangeAcrossBoundary()
{
    QFETCH(quint64, first);
    for (qsizetype readers : { 1, 2, 3, 7 }) {
        ReaderRotation rotation(first);
        QHash<qsizetype, int> taken;
        for (int i = 0; i < 10 * int(readers) + 10; ++i) {
            const qsizetype r = rotation.next(readers);
            QVERIFY2(r >= 1 && r <= readers,
                     qPrintable(QStringLiteral("turn %1 of %2 readers gave %3")
                                        .arg(first + quint64(i)).arg(readers).arg(r)));
            ++taken[r];
        }
        // Every reader gets work past the boundary too.
        QCOMPARE(taken.size(), readers);
    }
}

void TstReaderRotation::noReadersMeansTheFirst()
{
    ReaderRotation rotation(std::numeric_limits<quint64>::max());
    QCOMPARE(rotation.next(0), qsizetype(1));
    QCOMPARE(rotation.next(-3), qsizetype(1));
}

QTEST_GUILESS_MAIN(TstReaderRotation)
#include "tst_readerrotation.moc"
