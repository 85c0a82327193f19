// Tags on tickets: the rules (see tag.h).
#include "tag.h"

#include "ticketedit.h"

namespace SupportDesk {

QString normalizeTag(QStringView tag)
{
    return tag.trimmed().toString().toCaseFolded();
}

QString checkTag(QStringView given)
{
    const QString tag = normalizeTag(given);
    if (tag.isEmpty())
        return QStringLiteral("must not be empty");
    qsizetype count = 0;
    for (const char32_t c : QStringView(tag).toUcs4()) {
        ++count;
        const bool allowed = QChar::isLetterOrNumber(c) || c == U'-' || c == U'_' || c == U'.'
                // marks: a letter of an Indic script or a combining accent is letter + mark
                || QChar::category(c) == QChar::Mark_NonSpacing
                || QChar::category(c) == QChar::Mark_SpacingCombining;
        if (!allowed)
            return QStringLiteral("may hold letters, digits, '-', '_' and '.' only (U+%1)")
                    .arg(QString::number(quint32(c), 16).toUpper().rightJustified(4, u'0'));
    }
    if (count > TagLimits::MaxLength)
        return QStringLiteral("must be at most %1 characters").arg(TagLimits::MaxLength);
    return {};
}

QStringList withTag(const QStringList &tags, const QString &tag)
{
    const QString t = normalizeTag(tag);
    if (t.isEmpty() || tags.contains(t))
        return tags;
    QStringList out = tags;
    out.append(t);
    return out;
}

QStringList withoutTag(const QStringList &tags, const QString &tag)
{
    QStringList out = tags;
    out.removeAll(normalizeTag(tag));
    return out;
}

bool isTagOp(QStringView type)
{
    const std::optional<OpType> t = opTypeFromName(type);
    return t == OpType::AddTag || t == OpType::RemoveTag;
}

} // namespace SupportDesk
