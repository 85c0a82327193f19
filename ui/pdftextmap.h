// The text layer of the PDFs the desk writes. Qt's PDF engine names each embedded glyph by the
// lowest code point the font maps to it, and the CJK fonts (Noto Sans CJK SC and JP alike) draw
// 工 and the Kangxi radical ⼯ (U+2F2F) with one glyph: the Chinese report's 工单 came out of
// pdftotext, search and copy as ⼯单. This gives those glyphs their unified ideographs back.
#pragma once

#include <QByteArray>
#include <QHash>

class QFont;
class QString;

namespace SupportDesk::PdfTextMap {

// The radicals (U+2E80–U+2FDF) that `font` draws with the glyph of an ideograph of `text`,
// each with that ideograph: in Noto Sans CJK SC ⼾ (U+2F3E) is 户, which NFKC would make 戶.
QHash<char16_t, char16_t> radicalsIn(const QFont &font, const QString &text);

// `pdf` as QPdfWriter wrote it, with every ToUnicode map entry that names a CJK radical naming
// the ideograph it stands for (from `ideographs`, else the radical's NFKC form), each Latin
// ligature (ﬁ, ﬂ…) its letters, and the
// cross-reference table moved to match. Unchanged when there is no such entry, or when the
// file is not laid out as QPdfWriter lays it out (the text stays as it was rather than risk a
// broken file).
QByteArray withUnifiedIdeographs(const QByteArray &pdf,
                                 const QHash<char16_t, char16_t> &ideographs = {});

} // namespace SupportDesk::PdfTextMap
