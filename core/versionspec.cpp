// Version parsing and comparison for third-party software scope checks.
#include "versionspec.h"

#include <limits>

namespace SupportDesk {

Version Version::parse(const QString &input)
{
    Version v;
    v.m_text = input.trimmed();
    QString text = v.m_text;
    // "v1.18", "nginx/1.18.0": a product prefix before the first digit is not part of it.
    const qsizetype slash = text.lastIndexOf(u'/');
    if (slash >= 0)
        text = text.mid(slash + 1);
    if (text.size() > 1 && (text.at(0) == u'v' || text.at(0) == u'V') && text.at(1).isDigit())
        text = text.mid(1);

    Part current;
    bool inPart = false;
    auto flush = [&] {
        if (inPart)
            v.m_parts.append(current);
        current = Part();
        inPart = false;
    };
    for (const QChar c : std::as_const(text)) {
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
            flush();
        }
    }
    flush();
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
