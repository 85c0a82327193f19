#include "pdftextmap.h"

#include <QFont>
#include <QFontDatabase>
#include <QMap>
#include <QRawFont>
#include <QString>
#include <QVector>

#include <algorithm>
#include <optional>

namespace SupportDesk::PdfTextMap {

namespace {

bool isRadical(char16_t c)
{
    return c >= 0x2E80 && c <= 0x2FDF;
}

// The text a glyph named `c` stands for: the ideograph of a CJK radical, the letters of a
// Latin ligature (ﬁ is "fi": a search for "first" finds it), else `c` itself.
QString textOf(char16_t c, const QHash<char16_t, char16_t> &ideographs)
{
    const bool ligature = c >= 0xFB00 && c <= 0xFB06;
    if (!isRadical(c) && !ligature)
        return QString(QChar(c));
    if (const auto it = ideographs.constFind(c); it != ideographs.cend())
        return QString(QChar(*it));
    const QString n = QString(QChar(c)).normalized(QString::NormalizationForm_KC);
    return n.isEmpty() || (isRadical(c) && n.size() != 1) ? QString(QChar(c)) : n;
}

// The hex strings and brackets of a CMap's bfrange / bfchar section.
struct Token
{
    enum Kind { Hex, Open, Close } kind;
    QByteArray hex;
};

std::optional<QVector<Token>> tokens(QByteArrayView text)
{
    QVector<Token> out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '[') {
            out.append(Token { Token::Open, {} });
        } else if (c == ']') {
            out.append(Token { Token::Close, {} });
        } else if (c == '<') {
            const qsizetype end = text.indexOf('>', i);
            if (end < 0)
                return std::nullopt;
            out.append(Token { Token::Hex, text.sliced(i + 1, end - i - 1).toByteArray() });
            i = end;
        } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            return std::nullopt;
        }
    }
    return out;
}

std::optional<QString> utf16(const QByteArray &hex)
{
    if (hex.isEmpty() || hex.size() % 4 != 0)
        return std::nullopt;
    QString s;
    for (qsizetype i = 0; i < hex.size(); i += 4) {
        bool ok = false;
        const uint unit = hex.mid(i, 4).toUInt(&ok, 16);
        if (!ok)
            return std::nullopt;
        s.append(QChar(char16_t(unit)));
    }
    return s;
}

QByteArray hex(const QString &s)
{
    QByteArray out;
    for (const QChar c : s)
        out += QByteArray::number(c.unicode(), 16).toUpper().rightJustified(4, '0');
    return out;
}

// The CMap with its radicals replaced, as bfchar entries; nullopt when it has none or does not
// parse.
std::optional<QByteArray> fixedCMap(const QByteArray &cmap,
                                    const QHash<char16_t, char16_t> &ideographs)
{
    QMap<uint, QString> map; // code → text
    qsizetype from = 0;
    qsizetype firstSection = -1;
    const qsizetype endCMap = cmap.indexOf("endcmap");
    if (endCMap < 0)
        return std::nullopt;
    for (;;) {
        const qsizetype range = cmap.indexOf("beginbfrange", from);
        const qsizetype chars = cmap.indexOf("beginbfchar", from);
        if (range < 0 && chars < 0)
            break;
        const bool isRange = chars < 0 || (range >= 0 && range < chars);
        const qsizetype begin = isRange ? range : chars;
        const QByteArray endWord = isRange ? "endbfrange" : "endbfchar";
        const qsizetype end = cmap.indexOf(endWord, begin);
        if (end < 0)
            return std::nullopt;
        if (firstSection < 0)
            firstSection = cmap.lastIndexOf('\n', begin) + 1; // the line with the count
        const qsizetype bodyStart = begin + (isRange ? 12 : 11);
        const auto list = tokens(QByteArrayView(cmap).sliced(bodyStart, end - bodyStart));
        if (!list)
            return std::nullopt;
        qsizetype i = 0;
        const auto code = [&](qsizetype at) -> std::optional<uint> {
            if (at >= list->size() || list->at(at).kind != Token::Hex)
                return std::nullopt;
            bool ok = false;
            const uint value = list->at(at).hex.toUInt(&ok, 16);
            return ok ? std::optional<uint>(value) : std::nullopt;
        };
        while (i < list->size()) {
            const auto lo = code(i);
            if (!lo)
                return std::nullopt;
            if (!isRange) {
                if (i + 1 >= list->size() || list->at(i + 1).kind != Token::Hex)
                    return std::nullopt;
                const auto text = utf16(list->at(i + 1).hex);
                if (!text)
                    return std::nullopt;
                map.insert(*lo, *text);
                i += 2;
                continue;
            }
            const auto hi = code(i + 1);
            if (!hi || *hi < *lo || *hi - *lo > 0xffff || i + 2 >= list->size())
                return std::nullopt;
            if (list->at(i + 2).kind == Token::Hex) {
                // Consecutive codes to consecutive text: the last unit counts up.
                auto text = utf16(list->at(i + 2).hex);
                if (!text)
                    return std::nullopt;
                for (uint c = *lo; c <= *hi; ++c) {
                    map.insert(c, *text);
                    text->back() = QChar(char16_t(text->back().unicode() + 1));
                }
                i += 3;
                continue;
            }
            if (list->at(i + 2).kind != Token::Open)
                return std::nullopt;
            i += 3;
            for (uint c = *lo; c <= *hi; ++c, ++i) {
                if (i >= list->size() || list->at(i).kind != Token::Hex)
                    return std::nullopt;
                const auto text = utf16(list->at(i).hex);
                if (!text)
                    return std::nullopt;
                map.insert(c, *text);
            }
            if (i >= list->size() || list->at(i).kind != Token::Close)
                return std::nullopt;
            ++i;
        }
        from = end + endWord.size();
    }
    if (firstSection < 0 || from > endCMap)
        return std::nullopt;

    bool changed = false;
    for (QString &text : map) {
        QString fixed;
        for (const QChar c : std::as_const(text))
            fixed += textOf(c.unicode(), ideographs);
        changed = changed || fixed != text;
        text = fixed;
    }
    if (!changed)
        return std::nullopt;
    // A section holds at most 100 entries (PDF 32000-1, 9.10.3).
    QByteArray body;
    const QList<uint> codes = map.keys();
    for (qsizetype start = 0; start < codes.size(); start += 100) {
        const qsizetype n = std::min<qsizetype>(100, codes.size() - start);
        body += QByteArray::number(n) + " beginbfchar\n";
        for (qsizetype k = start; k < start + n; ++k) {
            body += '<' + QByteArray::number(codes.at(k), 16).toUpper().rightJustified(4, '0')
                + "> <" + hex(map.value(codes.at(k))) + ">\n";
        }
        body += "endbfchar\n";
    }
    return cmap.left(firstSection) + body + cmap.mid(endCMap);
}

struct Edit
{
    qsizetype at;
    qsizetype length; // bytes replaced
    QByteArray with;
};

} // namespace

QHash<char16_t, char16_t> radicalsIn(const QFont &font, const QString &text)
{
    QHash<char16_t, char16_t> out;
    const QRawFont raw = QRawFont::fromFont(font, QFontDatabase::SimplifiedChinese);
    if (!raw.isValid())
        return out;
    QHash<quint32, char16_t> ideographOfGlyph;
    for (const QChar c : text) {
        if (c.unicode() >= 0x3400 && !c.isSurrogate() && !isRadical(c.unicode())) {
            const QList<quint32> glyphs = raw.glyphIndexesForString(QString(c));
            if (glyphs.size() == 1 && glyphs.first() != 0)
                ideographOfGlyph.insert(glyphs.first(), c.unicode());
        }
    }
    for (char16_t r = 0x2E80; r <= 0x2FDF; ++r) {
        const QList<quint32> glyphs = raw.glyphIndexesForString(QString(QChar(r)));
        if (glyphs.size() == 1 && ideographOfGlyph.contains(glyphs.first()))
            out.insert(r, ideographOfGlyph.value(glyphs.first()));
    }
    return out;
}

QByteArray withUnifiedIdeographs(const QByteArray &pdf, const QHash<char16_t, char16_t> &ideographs)
{
    QVector<Edit> edits;
    for (qsizetype at = pdf.indexOf("begincmap"); at >= 0; at = pdf.indexOf("begincmap", at + 1)) {
        // << /Length N >>\nstream\n<the CMap>\nendstream, as QPdfWriter writes a ToUnicode map.
        const qsizetype stream = pdf.lastIndexOf("stream\n", at);
        const qsizetype dict = pdf.lastIndexOf("<<", stream);
        if (stream < 0 || dict < 0)
            return pdf;
        const qsizetype lengthKey = pdf.indexOf("/Length ", dict);
        if (lengthKey < 0 || lengthKey > stream)
            return pdf;
        const qsizetype numberAt = lengthKey + 8;
        qsizetype numberEnd = numberAt;
        while (numberEnd < stream && pdf.at(numberEnd) >= '0' && pdf.at(numberEnd) <= '9')
            ++numberEnd;
        bool ok = false;
        const qsizetype length = pdf.mid(numberAt, numberEnd - numberAt).toLongLong(&ok);
        const qsizetype dataAt = stream + 7;
        const QByteArray afterNumber = pdf.mid(numberEnd, stream - numberEnd).trimmed();
        if (!ok || afterNumber != ">>" || dataAt + length > pdf.size()
            || !pdf.mid(dataAt + length, 12).trimmed().startsWith("endstream"))
            return pdf;
        const auto fixed = fixedCMap(pdf.mid(dataAt, length), ideographs);
        if (!fixed)
            continue;
        edits.append(Edit { numberAt, numberEnd - numberAt, QByteArray::number(fixed->size()) });
        edits.append(Edit { dataAt, length, *fixed });
    }
    if (edits.isEmpty())
        return pdf;

    const auto moved = [&edits](qsizetype offset) {
        qsizetype shift = 0;
        for (const Edit &e : std::as_const(edits)) {
            if (e.at < offset)
                shift += e.with.size() - e.length;
        }
        return offset + shift;
    };
    // The cross-reference table, after every object: each offset moves by the edits before it.
    const qsizetype startxref = pdf.lastIndexOf("startxref");
    if (startxref < 0)
        return pdf;
    const qsizetype xrefNumberAt = pdf.indexOf(QByteArrayView("\n"), startxref) + 1;
    qsizetype xrefNumberEnd = xrefNumberAt;
    while (xrefNumberEnd < pdf.size() && pdf.at(xrefNumberEnd) >= '0'
           && pdf.at(xrefNumberEnd) <= '9')
        ++xrefNumberEnd;
    bool ok = false;
    const qsizetype xref = pdf.mid(xrefNumberAt, xrefNumberEnd - xrefNumberAt).toLongLong(&ok);
    if (!ok || xrefNumberAt <= 0 || xref <= edits.last().at || !pdf.mid(xref).startsWith("xref"))
        return pdf;
    qsizetype line = pdf.indexOf('\n', xref) + 1;
    QByteArray table = pdf.mid(xref, line - xref);
    while (line > 0 && line < startxref) {
        const qsizetype next = pdf.indexOf('\n', line) + 1;
        if (next <= 0)
            return pdf;
        QByteArray entry = pdf.mid(line, next - line);
        // "0000000123 00000 n \n": an object's offset; section headers and the trailer pass.
        if (entry.size() >= 18 && entry.at(10) == ' ' && entry.at(16) == ' '
            && entry.at(17) == 'n') {
            bool isNumber = false;
            const qsizetype offset = entry.left(10).toLongLong(&isNumber);
            if (!isNumber)
                return pdf;
            entry.replace(0, 10, QByteArray::number(moved(offset)).rightJustified(10, '0'));
        }
        table += entry;
        line = next;
    }
    edits.append(Edit { xref, startxref - xref, table });
    const QByteArray newXref = QByteArray::number(moved(xref));
    edits.append(Edit { xrefNumberAt, xrefNumberEnd - xrefNumberAt, newXref });

    QByteArray out;
    out.reserve(pdf.size() + 4096);
    qsizetype copied = 0;
    for (const Edit &e : std::as_const(edits)) {
        out += QByteArrayView(pdf).sliced(copied, e.at - copied);
        out += e.with;
        copied = e.at + e.length;
    }
    out += QByteArrayView(pdf).sliced(copied);
    return out;
}

} // namespace SupportDesk::PdfTextMap
