// Software versions as support catalogs write them ("5.7", "≥ 2.4", "1.8+", "2008 R2 SP3").
#pragma once

#include <QString>
#include <QVariant>
#include <QVector>

namespace SupportDesk {

// A version split into components at dots, spaces, dashes and letter/digit boundaries:
// "2008 R2 SP3" → 2008, "r", 2, "sp", 3. Numbers compare as numbers, words case-insensitively.
// It is read the way agents and customers write it: a product name in front ("MySQL 5.7",
// "nginx/1.18.0", "v1.20") is dropped, "Service Pack 3" is "SP3", Chinese words around it
// ("5.7 版本") are prose, and a trailing "x" or "*" wildcard ("5.7.x", "2.4.*") stands for any
// later components.
class Version
{
public:
    Version() = default;
    static Version parse(const QString &text);
    // `text` without a product name in front: "mysql 5.7.x" → "5.7.x"; unchanged when no
    // word before it starts with a digit.
    static QString withoutProductName(const QString &text);

    bool isEmpty() const { return m_parts.isEmpty(); }
    int size() const { return int(m_parts.size()); }
    QString text() const { return m_text; }
    // True when the text ended in a wildcard ("5.7.x"): only the components before it count.
    bool hasWildcard() const { return m_wildcard; }

    // <0, 0, >0. Missing trailing components count as 0 ("2.4" == "2.4.0"); a word sorts
    // before a number at the same place, so a pre-release "2.4rc1" is below "2.4".
    static int compare(const Version &a, const Version &b);
    // True when this version's leading components are exactly the series' ("5.7.33" in "5.7").
    bool startsWith(const Version &series) const;

private:
    struct Part
    {
        bool numeric = false;
        qulonglong number = 0;
        QString word;
    };
    static int comparePart(const Part &a, const Part &b);

    QVector<Part> m_parts;
    QString m_text;
    bool m_wildcard = false;
};

// One version spec from a catalog: a series ("5.7") or a lower bound ("≥ 2.4", ">= 2.4", "1.8+").
class VersionSpec
{
public:
    enum class Kind { Invalid, Series, AtLeast };

    static VersionSpec parse(const QString &text);

    Kind kind() const { return m_kind; }
    bool isValid() const { return m_kind != Kind::Invalid; }
    QString text() const { return m_text; }
    Version bound() const { return m_bound; }
    bool matches(const Version &version) const;

private:
    Kind m_kind = Kind::Invalid;
    Version m_bound;
    QString m_text;
};

} // namespace SupportDesk
