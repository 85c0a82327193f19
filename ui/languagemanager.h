// The program's language: 中文 or English, switched while it runs. Installs the program's and
// Qt's own translations; Qt then sends every widget a LanguageChange event, on which each
// retranslates itself (changeEvent → retranslateUi). The choice is remembered.
#pragma once

#include "localizedtext.h"

#include <QObject>
#include <QTranslator>

class QMenu;
class QActionGroup;

namespace SupportDesk {

class LanguageManager : public QObject
{
    Q_OBJECT

public:
    explicit LanguageManager(QObject *parent = nullptr);
    ~LanguageManager() override;

    // The language to start in: `override` (a --lang code) if given, else the remembered
    // choice, else the system's.
    static Language initialLanguage(const QString &override = {});
    static Language rememberedLanguage(bool *known = nullptr);

    Language language() const { return m_language; }
    // Installs the translations (and the matching QLocale default) and remembers the choice.
    // Returns false when the program's translation could not be loaded; the language stays.
    bool setLanguage(Language language, bool remember = true);

    // "中文" and "English": each language named in its own language, never translated.
    static QString nativeName(Language language);
    // A Language menu with a checkable entry per language, kept in step with setLanguage().
    QMenu *createMenu(QWidget *parent);

signals:
    void languageChanged(SupportDesk::Language language);

private:
    void retranslateMenu();

    Language m_language = Language::English;
    bool m_installed = false;
    QTranslator m_appTranslator;
    QTranslator m_qtTranslator;
    QList<QMenu *> m_menus;
};

} // namespace SupportDesk
