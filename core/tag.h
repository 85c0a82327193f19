// Tags on tickets: what a tag may be and how many a ticket holds, defined once for the server,
// the desk's preview, the fake server, macros and bulk actions (docs/tags-and-views.md).
#pragma once

#include <QString>
#include <QStringList>

namespace SupportDesk {

namespace TagLimits {
constexpr qsizetype MaxLength = 40;   // characters (code points), after normalizeTag()
constexpr qsizetype MaxPerTicket = 20;
} // namespace TagLimits

// The one spelling of a tag: trimmed and case-folded ("VIP " and "vip" are one tag). Chinese
// and other scripts without case stay as they are.
QString normalizeTag(QStringView tag);

// What is wrong with a tag as given (before normalising), or empty when it may be used:
// empty, longer than MaxLength, or a character that is not a letter, a digit (any script),
// '-', '_' or '.': no spaces (a tag is one word in the search box, `tag:NAME`), no ':' (the
// search's separator), no control or format characters (NUL, the right-to-left override).
QString checkTag(QStringView tag);

// `tags` with `tag` added (normalised, once) or removed; the order is the order of adding.
QStringList withTag(const QStringList &tags, const QString &tag);
QStringList withoutTag(const QStringList &tags, const QString &tag);

// add-tag or remove-tag (core/ticketedit.h): the ops whose payload POST /ops checks up front.
bool isTagOp(QStringView type);

} // namespace SupportDesk
