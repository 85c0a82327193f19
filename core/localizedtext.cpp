// Language codes for catalog texts.
#include "localizedtext.h"

namespace SupportDesk {

Language languageFromCode(QStringView code)
{
    return code.startsWith(u"zh", Qt::CaseInsensitive) ? Language::Chinese : Language::English;
}

QString languageCode(Language language)
{
    return language == Language::Chinese ? QStringLiteral("zh") : QStringLiteral("en");
}

} // namespace SupportDesk
