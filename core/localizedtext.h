// Text carried in both of the program's languages, as the plan catalogs hold it.
#pragma once

#include <QString>
#include <QStringList>

class QJsonValue;

namespace SupportDesk {

// The two languages every catalog text is written in.
enum class Language { Chinese, English };

Language languageFromCode(QStringView code); // "zh", "zh_CN" → Chinese; anything else English
QString languageCode(Language language);     // "zh" or "en"

struct LocalizedText
{
    QString zh;
    QString en;

    QString text(Language language) const { return language == Language::Chinese ? zh : en; }
    bool isEmpty() const { return zh.isEmpty() && en.isEmpty(); }
    friend bool operator==(const LocalizedText &a, const LocalizedText &b)
    {
        return a.zh == b.zh && a.en == b.en;
    }
};

struct LocalizedList
{
    QStringList zh;
    QStringList en;

    QStringList items(Language language) const { return language == Language::Chinese ? zh : en; }
};

} // namespace SupportDesk
