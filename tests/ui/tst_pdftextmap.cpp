// PdfTextMap on hand-made PDFs laid out as QPdfWriter lays them out: every form of ToUnicode
// entry (single, array and linear ranges, bfchar) gets its radicals' ideographs and its
// ligatures' letters, the stream's /Length and the cross-reference offsets follow, and a file
// that is not laid out as expected comes back unchanged.
#include "pdftextmap.h"

#include <QRegularExpression>
#include <QTest>

using namespace SupportDesk;

class TestPdfTextMap : public QObject
{
    Q_OBJECT

private slots:
    void rewritesEveryKindOfEntry();
    void otherFilesStayAsTheyAre();
};

namespace {

// A one-font PDF: object 1 is the ToUnicode CMap, object 2 follows it, then the xref.
QByteArray pdfWith(const QByteArray &sections, int lengthDelta = 0)
{
    const QByteArray cmap = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + sections + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    QByteArray pdf = "%PDF-1.4\n";
    const qsizetype first = pdf.size();
    pdf += "1 0 obj\n<< /Length " + QByteArray::number(cmap.size() + lengthDelta) + " >>\nstream\n"
        + cmap + "\nendstream\nendobj\n";
    const qsizetype second = pdf.size();
    pdf += "2 0 obj\n<< /Type /Font /ToUnicode 1 0 R >>\nendobj\n";
    const qsizetype xref = pdf.size();
    pdf += "xref\n0 3\n0000000000 65535 f \n" + QByteArray::number(first).rightJustified(10, '0')
        + " 00000 n \n" + QByteArray::number(second).rightJustified(10, '0') + " 00000 n \n"
        + "trailer\n<< /Size 3 /Root 2 0 R >>\nstartxref\n" + QByteArray::number(xref)
        + "\n%%EOF\n";
    return pdf;
}

// Code → text, read back from the rewritten bfchar entries.
QMap<uint, QString> entries(const QByteArray &pdf)
{
    QMap<uint, QString> out;
    static const QRegularExpression entry(QStringLiteral("^<([0-9A-F]{4})> <([0-9A-F]+)>$"),
                                          QRegularExpression::MultilineOption);
    auto it = entry.globalMatch(QString::fromLatin1(pdf));
    while (it.hasNext()) {
        const auto m = it.next();
        QString text;
        for (int i = 0; i < m.captured(2).size(); i += 4)
            text += QChar(char16_t(m.captured(2).mid(i, 4).toUInt(nullptr, 16)));
        out.insert(m.captured(1).toUInt(nullptr, 16), text);
    }
    return out;
}

} // namespace

void TestPdfTextMap::rewritesEveryKindOfEntry()
{
    // ⼀…⼉ (U+2F00–2F09) as a linear range, ⼾ and A in an array, ﬁ as a bfchar.
    const QByteArray pdf = pdfWith("3 beginbfrange\n<0000> <0000> <0000>\n"
                                   "<0001> <000A> <2F00>\n<000B> <000C> [<2F3E> <0041> ]\n"
                                   "endbfrange\n1 beginbfchar\n<000D> <FB01>\nendbfchar\n");
    // The font draws ⼾ as 户 (NFKC would say 戶).
    const QByteArray fixed = PdfTextMap::withUnifiedIdeographs(pdf, { { 0x2F3E, 0x6237 } });
    QVERIFY(fixed != pdf);
    const QMap<uint, QString> map = entries(fixed);
    QCOMPARE(map.value(0x01), QStringLiteral("一"));
    QCOMPARE(map.value(0x02), QStringLiteral("丨"));
    QCOMPARE(map.value(0x0A), QStringLiteral("儿"));
    QCOMPARE(map.value(0x0B), QStringLiteral("户"));
    QCOMPARE(map.value(0x0C), QStringLiteral("A"));
    QCOMPARE(map.value(0x0D), QStringLiteral("fi"));
    QCOMPARE(map.size(), 14);

    // The stream's length is its bytes; object 2 and the xref moved by as much.
    const qsizetype stream = fixed.indexOf("stream\n") + 7;
    const qsizetype end = fixed.indexOf("\nendstream");
    const QRegularExpressionMatch length
        = QRegularExpression(QStringLiteral("/Length (\\d+)")).match(QString::fromLatin1(fixed));
    QCOMPARE(length.captured(1).toLongLong(), end - stream);
    const qsizetype second = fixed.indexOf("2 0 obj");
    QVERIFY(fixed.contains(QByteArray::number(second).rightJustified(10, '0') + " 00000 n \n"));
    QVERIFY(fixed.contains("0000000009 00000 n \n")); // object 1 did not move
    const qsizetype xref = fixed.indexOf("xref\n0 3");
    QVERIFY(fixed.endsWith("startxref\n" + QByteArray::number(xref) + "\n%%EOF\n"));
}

void TestPdfTextMap::otherFilesStayAsTheyAre()
{
    // Nothing to change: Latin text only.
    const QByteArray latin
        = pdfWith("1 beginbfrange\n<0001> <0002> [<0041> <0042> ]\nendbfrange\n");
    QCOMPARE(PdfTextMap::withUnifiedIdeographs(latin), latin);
    // A /Length that does not end at endstream, an unbalanced array, no PDF at all.
    const QByteArray sections = "1 beginbfrange\n<0001> <0001> [<2F2F> ]\nendbfrange\n";
    const QByteArray badLength = pdfWith(sections, 5);
    QCOMPARE(PdfTextMap::withUnifiedIdeographs(badLength), badLength);
    const QByteArray unbalanced = pdfWith("1 beginbfrange\n<0001> <0002> [<2F2F> ]\nendbfrange\n");
    QCOMPARE(PdfTextMap::withUnifiedIdeographs(unbalanced), unbalanced);
    QCOMPARE(PdfTextMap::withUnifiedIdeographs(QByteArray("begincmap")), QByteArray("begincmap"));
    QCOMPARE(PdfTextMap::withUnifiedIdeographs(QByteArray()), QByteArray());
    // The same CMap laid out right is fixed.
    QVERIFY(PdfTextMap::withUnifiedIdeographs(pdfWith(sections)).contains("<0001> <5DE5>"));
}

QTEST_MAIN(TestPdfTextMap)
#include "tst_pdftextmap.moc"
