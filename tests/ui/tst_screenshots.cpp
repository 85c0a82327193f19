// The screenshot tool (tools/screenshots) against the real demo server: it writes every screen
// in both languages, each a real picture — the size asked for (dialogs their own), no alpha,
// not one flat colour — so scripts/screenshots.sh keeps working as the desk changes.
#include <QDir>
#include <QHash>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

class TestScreenshots : public QObject
{
    Q_OBJECT

private slots:
    void everyScreenInBothLanguages();
};

void TestScreenshots::everyScreenInBothLanguages()
{
    QTemporaryDir out;
    QVERIFY(out.isValid());
    QProcess tool;
    tool.setProcessChannelMode(QProcess::MergedChannels);
    tool.start(QStringLiteral(SUPPORTDESK_SCREENSHOTS),
               { QStringLiteral("--server-program"), QStringLiteral(SUPPORTDESK_SERVER),
                 QStringLiteral("--out"), out.path(), QStringLiteral("--backlog"),
                 QStringLiteral("150"), QStringLiteral("--size"), QStringLiteral("1440x900") });
    QVERIFY(tool.waitForStarted());
    QVERIFY2(tool.waitForFinished(150000), tool.readAll().constData());
    const QByteArray log = tool.readAll();
    QVERIFY2(tool.exitStatus() == QProcess::NormalExit && tool.exitCode() == 0, log.constData());

    for (const QString &lang : { QStringLiteral("en"), QStringLiteral("zh_CN") }) {
        for (const QString &screen : { QStringLiteral("queue"), QStringLiteral("pane"),
                                      QStringLiteral("intake"), QStringLiteral("board"),
                                      QStringLiteral("report") }) {
            const QString name = QStringLiteral("%1-%2.png").arg(screen, lang);
            const QImage image(QDir(out.path()).filePath(name));
            QVERIFY2(!image.isNull(), qPrintable(name + u' ' + QString::fromUtf8(log)));
            QVERIFY2(!image.hasAlphaChannel(), qPrintable(name));
            if (screen == u"intake" || screen == u"report") {
                QVERIFY2(image.width() >= 400 && image.height() >= 300, qPrintable(name));
            } else {
                QCOMPARE(image.size(), QSize(1440, 900));
            }
            // Not blank: many colours (text, badges, frames), none covering nearly everything.
            QHash<QRgb, int> colours;
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x)
                    ++colours[image.pixel(x, y)];
            }
            int most = 0;
            for (const int n : std::as_const(colours))
                most = std::max(most, n);
            const double share = double(most) / (image.width() * image.height());
            QVERIFY2(colours.size() >= 64,
                     qPrintable(QStringLiteral("%1: %2 colours").arg(name).arg(colours.size())));
            QVERIFY2(share < 0.95,
                     qPrintable(QStringLiteral("%1: one colour covers %2 %")
                                        .arg(name)
                                        .arg(share * 100, 0, 'f', 1)));
            qInfo("%s: %lld colours, the commonest %.1f %%", qPrintable(name),
                  qlonglong(colours.size()), share * 100);
        }
    }
}

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
