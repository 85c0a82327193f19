// A support plan's rules as data: editions, severities, targets, channels, quotas,
// entitlements and third-party scope, loaded and validated from a catalog JSON file.
#pragma once

#include "localizedtext.h"
#include "versionspec.h"

#include <QCoreApplication>
#include <QHash>
#include <QStringList>
#include <QVector>

#include <optional>

namespace SupportDesk {

struct Severity
{
    QString id;
    LocalizedText names;
    LocalizedText definitions;
    LocalizedList examples;
};

struct HotlineNumber
{
    LocalizedText region;
    QString number;
    QStringList editions; // empty: every edition that has the channel
};

struct ChannelKind
{
    QString id;
    LocalizedText names;
};

struct Channel
{
    QString id;
    LocalizedText names;
    QString hours;
    QVector<HotlineNumber> numbers;
    QVector<ChannelKind> kinds;
    LocalizedText notes;
    // Another channel of the plan this one is a way into: e-mail to the support address is
    // taken in as a ticket, so a customer may write wherever the edition has `ticket`. The
    // seeds list no e-mail channel; editions name only the channels the seeds give them.
    QString entitledAs;
};

struct EntitlementKind
{
    QString id;
    LocalizedText names;
    LocalizedText description;
};

// What one edition gets of an entitlement, with its limits where the plan sets any.
struct EntitlementGrant
{
    QString id;
    QString level; // yes, limited, designated, paid
    std::optional<int> naturalDaysPerYear;
    std::optional<int> noticeBusinessDays;
    std::optional<int> sessionsPerYear;
    std::optional<int> minTenureYears;
    QStringList periods;
    LocalizedText notes;
};

struct NamedContact
{
    QString id;
    LocalizedText names;
};

struct Edition
{
    QString id;
    int rank = 0; // 1 is the highest edition
    QString code; // short badge code: S1, ENT, …
    LocalizedText names;
    QString badgeColor; // #rrggbb
    bool free = false;
    QHash<QString, int> targetMinutes; // severity id → minutes to first response
    QStringList channels;
    std::optional<int> monthlyQuota; // unset: unlimited
    LocalizedText handledBy;
    QVector<NamedContact> namedContacts;
    QVector<EntitlementGrant> entitlements;

    const EntitlementGrant *entitlement(QStringView id) const;
};

struct SoftwareProduct
{
    QString id;
    LocalizedText names;
    QStringList aliases;           // other spellings people use ("iptables", "MSSQL")
    QVector<VersionSpec> versions; // empty: any version
};

struct ThirdPartySoftware
{
    QString id;
    LocalizedText category;
    LocalizedText names;
    LocalizedText environment;
    QVector<SoftwareProduct> products;
    LocalizedList examples;
};

// What a software name typed by a person refers to in a catalog (PlanCatalog::findSoftware).
struct SoftwareRef
{
    const ThirdPartySoftware *software = nullptr;
    const SoftwareProduct *product = nullptr; // null: the software has several, none named
    QString version;                          // the version part, product name removed

    bool isValid() const { return software != nullptr; }
    // The spelling a ticket stores: the product's English name ("MySQL", "FileZilla Server"),
    // or the software's when no product is named ("FTP").
    QString canonicalName() const;
    QString name(Language language) const;
};

struct OutOfScopeItem
{
    QString id;
    LocalizedText names;
};

class PlanCatalog
{
    Q_DECLARE_TR_FUNCTIONS(PlanCatalog)

public:
    static constexpr int FormatVersion = 1;

    // Validates the whole document; on any problem returns nothing and lists every problem,
    // each prefixed with its JSON path ("$.editions[0].targets: …").
    static std::optional<PlanCatalog> fromJson(const QByteArray &json, QStringList *errors);
    static std::optional<PlanCatalog> fromFile(const QString &path, QStringList *errors);

    QString id() const { return m_id; }
    QString catalogVersion() const { return m_catalogVersion; }
    LocalizedText names() const { return m_names; }
    bool subClientRequired() const { return m_subClientRequired; }
    QString quotaTimeZone() const { return m_quotaTimeZone; }
    // The validated source document, compact: what the server hands to clients.
    QByteArray json() const { return m_json; }

    const QVector<Severity> &severities() const { return m_severities; }
    const QVector<Channel> &channels() const { return m_channels; }
    const QVector<EntitlementKind> &entitlementKinds() const { return m_entitlementKinds; }
    const QVector<Edition> &editions() const { return m_editions; }
    const QVector<ThirdPartySoftware> &thirdPartySoftware() const { return m_software; }
    const QVector<OutOfScopeItem> &outOfScope() const { return m_outOfScope; }

    const Edition *edition(QStringView id) const;
    const Severity *severity(QStringView id) const;
    const Channel *channel(QStringView id) const;
    const EntitlementKind *entitlementKind(QStringView id) const;
    const ThirdPartySoftware *software(QStringView id) const;
    const OutOfScopeItem *outOfScopeItem(QStringView id) const;
    // The software `text` names, in any spelling the catalog knows: an id, a name in either
    // language or an alias, case, spaces and punctuation ignored ("Open VPN", "SCP & Rsync",
    // "mysql"). A version after the name ("MySQL 5.7", "SQL Server 2008 R2 SP3") is split off
    // into `version` when `version` is empty; a product name in front of `version` is dropped.
    SoftwareRef findSoftware(const QString &text, const QString &version = QString()) const;
    // The key findSoftware compares: lower case, letters and digits only.
    static QString softwareKey(const QString &name);
    // Position in the catalog's severity list, most severe first; -1 when unknown.
    int severityRank(QStringView id) const;
    std::optional<int> targetMinutes(QStringView editionId, QStringView severityId) const;

private:
    friend class CatalogReader;

    QString m_id;
    QString m_catalogVersion;
    LocalizedText m_names;
    QString m_source;
    bool m_subClientRequired = false;
    QString m_quotaTimeZone;
    QByteArray m_json;
    QVector<Severity> m_severities;
    QVector<Channel> m_channels;
    QVector<EntitlementKind> m_entitlementKinds;
    QVector<Edition> m_editions;
    QVector<ThirdPartySoftware> m_software;
    QVector<OutOfScopeItem> m_outOfScope;
    // softwareKey → (software index, product index or -1), built after validation.
    QHash<QString, QPair<int, int>> m_softwareKeys;
};

// The plans a desk works with, by id: the built-in catalogs or the server's.
class CatalogSet
{
public:
    static const QStringList &builtInPlanIds();
    // Loads the catalogs compiled into the program (:/plans/<id>.json).
    static std::optional<CatalogSet> loadBuiltIn(QStringList *errors);

    void insert(const PlanCatalog &catalog);
    const PlanCatalog *plan(QStringView id) const;
    QVector<PlanCatalog> plans() const { return m_plans; }
    bool isEmpty() const { return m_plans.isEmpty(); }
    // Whether `severityId` is its plan's most severe level (the first of the plan's list),
    // whatever its id; for a plan the desk does not know, the id both built-in catalogs give
    // that level. The one definition the notifier and the lead board count by.
    bool isMostSevere(QStringView planId, QStringView severityId) const;

private:
    QVector<PlanCatalog> m_plans;
};

} // namespace SupportDesk
