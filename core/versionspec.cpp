// Version parsing and comparison for third-party software scope checks.
#include "versionspec.h"

#include <algorithm>
#include <limits>

namespace SupportDesk {

QString Version::withoutProductName(const QString &input)
{
    const QString text = input.trimmed();
    // The first word that starts with a digit ("v1.20" counts) begins the version; a word is
    // separated by white space or a slash ("nginx/1.18.0").
    for (qsizetype i = 0; i < text.size(); ++i) {
        const bool wordStart = i == 0 || text.at(i - 1).isSpace() || text.at(i - 1) == u'/';
        if (!wordStart)
            continue;
        const QChar c = text.at(i);
        if (c.isDigit())
            return text.mid(i);
        if ((c == u'v' || c == u'V') && i + 1 < text.size() && text.at(i + 1).isDigit())
            return text.mid(i + 1);
    }
    return text;
}

Version Version::parse(const QString &input)
{
    Version v;
    v.m_text = input.trimmed();
    const QString text = withoutProductName(v.m_text);

    Part current;
    bool inPart = false;
    auto flush = [&] {
        if (inPart)
            v.m_parts.append(current);
        current = Part();
        inPart = false;
    };
    for (const QChar c : text) {
        if (c.isDigit()) {
            if (inPart && !current.numeric)
                flush();
            if (!inPart) {
                current.numeric = true;
                inPart = true;
            }
            const auto digit = qulonglong(c.digitValue());
            constexpr qulonglong max = std::numeric_limits<qulonglong>::max();
            current.number = current.number > (max - digit) / 10 ? max // saturate
                                                                  : current.number * 10 + digit;
        } else if (c.isLetter()) {
            if (inPart && current.numeric)
                flush();
            inPart = true;
            current.word.append(c.toLower());
        } else {
            if (c == u'*')
                v.m_wildcard = true;
            flush();
        }
    }
    flush();
    // Normalise the spellings people use: "Service Pack 3" and "servicepack3" are "SP3".
    for (qsizetype i = 0; i < v.m_parts.size(); ++i) {
        Part &p = v.m_parts[i];
        if (p.numeric)
            continue;
        if (p.word == u"servicepack") {
            p.word = QStringLiteral("sp");
        } else if (p.word == u"service" && i + 1 < v.m_parts.size()
                   && v.m_parts.at(i + 1).word == u"pack") {
            p.word = QStringLiteral("sp");
            v.m_parts.removeAt(i + 1);
        }
    }
    // Chinese words around a version ("5.7 版本", "2.2 版本以上") are prose, not components.
    v.m_parts.erase(std::remove_if(v.m_parts.begin(), v.m_parts.end(),
                                   [](const Part &p) {
                                       return !p.numeric && !p.word.isEmpty()
                                               && p.word.at(0).script() == QChar::Script_Han;
                                   }),
                    v.m_parts.end());
    // A wildcard component ("5.7.x") and anything after it stand for any later components.
    for (qsizetype i = 1; i < v.m_parts.size(); ++i) {
        if (!v.m_parts.at(i).numeric && v.m_parts.at(i).word == u"x") {
            v.m_parts.resize(i);
            v.m_wildcard = true;
            break;
        }
    }
    return v;
}

int Version::comparePart(const Part &a, const Part &b)
{
    if (a.numeric != b.numeric)
        return a.numeric ? 1 : -1;
    if (a.numeric)
        return a.number < b.number ? -1 : (a.number > b.number ? 1 : 0);
    return a.word.compare(b.word);
}

int Version::compare(const Version &a, const Version &b)
{
    const int n = std::max(a.size(), b.size());
    Part zero;
    zero.numeric = true;
    for (int i = 0; i < n; ++i) {
        const Part &pa = i < a.size() ? a.m_parts.at(i) : zero;
        const Part &pb = i < b.size() ? b.m_parts.at(i) : zero;
        if (const int c = comparePart(pa, pb))
            return c < 0 ? -1 : 1;
    }
    return 0;
}

bool Version::startsWith(const Version &series) const
{
    if (series.isEmpty() || series.size() > size())
        return false;
    for (int i = 0; i < series.size(); ++i) {
        if (comparePart(m_parts.at(i), series.m_parts.at(i)) != 0)
            return false;
    }
    return true;
}

VersionSpec VersionSpec::parse(const QString &input)
{
    VersionSpec spec;
    spec.m_text = input.trimmed();
    QString body = spec.m_text;
    Kind kind = Kind::Series;
    if (body.startsWith(u'≥')) {
        body = body.mid(1);
        kind = Kind::AtLeast;
    } else if (body.startsWith(u">=")) {
        body = body.mid(2);
        kind = Kind::AtLeast;
    } else if (body.endsWith(u'+')) {
        body.chop(1);
        kind = Kind::AtLeast;
    }
    body = body.trimmed();
    if (body.isEmpty() || !body.at(0).isDigit())
        return spec; // invalid: a spec names a version, starting with a number
    spec.m_bound = Version::parse(body);
    spec.m_kind = kind;
    return spec;
}

bool VersionSpec::matches(const Version &version) const
{
    switch (m_kind) {
    case Kind::Series:
        return version.startsWith(m_bound);
    case Kind::AtLeast:
        return !version.isEmpty() && Version::compare(version, m_bound) >= 0;
    case Kind::Invalid:
        break;
    }
    return false;
}

} // namespace SupportDesk
