// Loading and validating plan catalog files (format: docs/catalog-format.md).
#include "plancatalog.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>

namespace SupportDesk {

namespace {

template<typename T>
const T *findById(const QVector<T> &items, QStringView id)
{
    for (const T &item : items) {
        if (item.id == id)
            return &item;
    }
    return nullptr;
}

QString member(const QString &path, const QString &key)
{
    return path + u'.' + key;
}

QString element(const QString &path, qsizetype index)
{
    return path + u'[' + QString::number(index) + u']';
}

const QStringList &entitlementLevels()
{
    static const QStringList levels{QStringLiteral("yes"), QStringLiteral("limited"),
                                    QStringLiteral("designated"), QStringLiteral("paid")};
    return levels;
}

} // namespace

// Walks a catalog document, collecting every problem with its JSON path.
class CatalogReader
{
public:
    explicit CatalogReader(QStringList *errors) : m_errors(errors) {}

    bool read(const QJsonObject &root, PlanCatalog &catalog);

private:
    void fail(const QString &path, const QString &message)
    {
        m_errors->append(QStringLiteral("%1: %2").arg(path, message));
    }

    bool has(const QJsonObject &o, const QString &path, const QString &key)
    {
        if (o.contains(key))
            return true;
        fail(member(path, key), PlanCatalog::tr("is missing"));
        return false;
    }

    QString string(const QJsonObject &o, const QString &path, const QString &key, bool required = true)
    {
        if (!o.contains(key)) {
            if (required)
                fail(member(path, key), PlanCatalog::tr("is missing"));
            return {};
        }
        const QJsonValue v = o.value(key);
        if (!v.isString() || v.toString().trimmed().isEmpty()) {
            fail(member(path, key), PlanCatalog::tr("must be a non-empty string"));
            return {};
        }
        return v.toString();
    }

    // Non-negative integer; `positive` demands at least 1.
    std::optional<int> count(const QJsonValue &v, const QString &path, bool positive = false)
    {
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d != double(qint64(d)) || d > 1e9) {
            fail(path, PlanCatalog::tr("must be an integer"));
            return std::nullopt;
        }
        if (d < (positive ? 1 : 0)) {
            fail(path, positive ? PlanCatalog::tr("must be a positive integer")
                                : PlanCatalog::tr("must not be negative"));
            return std::nullopt;
        }
        return int(d);
    }

    std::optional<int> optionalCount(const QJsonObject &o, const QString &path, const QString &key)
    {
        if (!o.contains(key))
            return std::nullopt;
        return count(o.value(key), member(path, key));
    }

    bool boolean(const QJsonObject &o, const QString &path, const QString &key)
    {
        if (!o.contains(key))
            return false;
        if (!o.value(key).isBool())
            fail(member(path, key), PlanCatalog::tr("must be true or false"));
        return o.value(key).toBool();
    }

    QJsonObject object(const QJsonValue &v, const QString &path)
    {
        if (!v.isObject()) {
            fail(path, PlanCatalog::tr("must be an object"));
            return {};
        }
        return v.toObject();
    }

    QJsonArray array(const QJsonObject &o, const QString &path, const QString &key,
                     bool required = true)
    {
        if (!o.contains(key)) {
            if (required)
                fail(member(path, key), PlanCatalog::tr("is missing"));
            return {};
        }
        if (!o.value(key).isArray()) {
            fail(member(path, key), PlanCatalog::tr("must be an array"));
            return {};
        }
        return o.value(key).toArray();
    }

    LocalizedText text(const QJsonObject &o, const QString &path, const QString &key,
                       bool required = true)
    {
        if (!o.contains(key)) {
            if (required)
                fail(member(path, key), PlanCatalog::tr("is missing"));
            return {};
        }
        const QString p = member(path, key);
        const QJsonObject t = object(o.value(key), p);
        LocalizedText result;
        bool ok = true;
        for (const auto &lang : {QStringLiteral("zh"), QStringLiteral("en")}) {
            const QJsonValue v = t.value(lang);
            if (!v.isString() || v.toString().trimmed().isEmpty())
                ok = false;
            (lang == u"zh" ? result.zh : result.en) = v.toString();
        }
        if (!ok && !t.isEmpty())
            fail(p, PlanCatalog::tr("needs non-empty \"zh\" and \"en\" texts"));
        return result;
    }

    LocalizedList list(const QJsonObject &o, const QString &path, const QString &key)
    {
        LocalizedList result;
        if (!o.contains(key))
            return result;
        const QString p = member(path, key);
        const QJsonObject t = object(o.value(key), p);
        for (const auto &lang : {QStringLiteral("zh"), QStringLiteral("en")}) {
            QStringList &out = lang == u"zh" ? result.zh : result.en;
            const QJsonValue v = t.value(lang);
            if (v.isString()) {
                out.append(v.toString());
                continue;
            }
            if (!v.isArray()) {
                fail(member(p, lang), PlanCatalog::tr("must be a string or a list of strings"));
                continue;
            }
            const QJsonArray a = v.toArray();
            for (qsizetype i = 0; i < a.size(); ++i) {
                if (!a.at(i).isString())
                    fail(element(member(p, lang), i), PlanCatalog::tr("must be a string"));
                else
                    out.append(a.at(i).toString());
            }
        }
        return result;
    }

    // Reads an array of objects that each carry a unique "id".
    template<typename T, typename ReadOne>
    QVector<T> items(const QJsonObject &o, const QString &path, const QString &key,
                     ReadOne readOne, bool required = true)
    {
        QVector<T> result;
        QSet<QString> seen;
        const QJsonArray a = array(o, path, key, required);
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString p = element(member(path, key), i);
            const QJsonObject item = object(a.at(i), p);
            if (item.isEmpty() && !a.at(i).isObject())
                continue;
            T value;
            value.id = string(item, p, QStringLiteral("id"));
            if (!value.id.isEmpty()) {
                if (seen.contains(value.id))
                    fail(member(p, QStringLiteral("id")),
                         PlanCatalog::tr("duplicate id \"%1\"").arg(value.id));
                seen.insert(value.id);
            }
            readOne(item, p, value);
            result.append(value);
        }
        return result;
    }

    void readEdition(const QJsonObject &o, const QString &p, Edition &e, const PlanCatalog &c);

    QStringList *m_errors;
};

bool CatalogReader::read(const QJsonObject &root, PlanCatalog &c)
{
    const QString top = QStringLiteral("$");
    const qsizetype errorsBefore = m_errors->size();

    if (has(root, top, QStringLiteral("formatVersion"))) {
        const QJsonValue v = root.value(QStringLiteral("formatVersion"));
        if (v.toInt(-1) != PlanCatalog::FormatVersion)
            fail(member(top, QStringLiteral("formatVersion")),
                 PlanCatalog::tr("unsupported format version %1 (this program reads %2)")
                         .arg(v.toVariant().toString())
                         .arg(PlanCatalog::FormatVersion));
    }
    c.m_id = string(root, top, QStringLiteral("id"));
    c.m_catalogVersion = string(root, top, QStringLiteral("catalogVersion"));
    c.m_source = string(root, top, QStringLiteral("source"), false);
    c.m_names = text(root, top, QStringLiteral("names"));
    c.m_subClientRequired = boolean(root, top, QStringLiteral("subClientRequired"));
    c.m_quotaTimeZone = root.contains(QStringLiteral("quotaTimeZone"))
            ? string(root, top, QStringLiteral("quotaTimeZone"))
            : QStringLiteral("Asia/Shanghai");
    if (!c.m_quotaTimeZone.isEmpty()
        && !QTimeZone::isTimeZoneIdAvailable(c.m_quotaTimeZone.toUtf8()))
        fail(member(top, QStringLiteral("quotaTimeZone")),
             PlanCatalog::tr("unknown time zone \"%1\"").arg(c.m_quotaTimeZone));

    c.m_severities = items<Severity>(root, top, QStringLiteral("severities"),
                                     [this](const QJsonObject &o, const QString &p, Severity &s) {
                                         s.names = text(o, p, QStringLiteral("names"));
                                         s.definitions = text(o, p, QStringLiteral("definitions"));
                                         s.examples = list(o, p, QStringLiteral("examples"));
                                     });
    if (root.value(QStringLiteral("severities")).isArray() && c.m_severities.isEmpty())
        fail(member(top, QStringLiteral("severities")), PlanCatalog::tr("must not be empty"));

    c.m_channels = items<Channel>(root, top, QStringLiteral("channels"),
                                  [this](const QJsonObject &o, const QString &p, Channel &ch) {
        ch.names = text(o, p, QStringLiteral("names"));
        ch.hours = string(o, p, QStringLiteral("hours"), false);
        ch.notes = text(o, p, QStringLiteral("notes"), false);
        const QJsonArray numbers = array(o, p, QStringLiteral("numbers"), false);
        for (qsizetype i = 0; i < numbers.size(); ++i) {
            const QString np = element(member(p, QStringLiteral("numbers")), i);
            const QJsonObject n = object(numbers.at(i), np);
            HotlineNumber number;
            number.region = text(n, np, QStringLiteral("region"));
            number.number = string(n, np, QStringLiteral("number"));
            for (const QJsonValue &e : array(n, np, QStringLiteral("editions"), false))
                number.editions.append(e.toString());
            ch.numbers.append(number);
        }
        ch.entitledAs = string(o, p, QStringLiteral("entitledAs"), false);
        ch.kinds = items<ChannelKind>(o, p, QStringLiteral("kinds"),
                                      [this](const QJsonObject &ko, const QString &kp,
                                             ChannelKind &k) {
                                          k.names = text(ko, kp, QStringLiteral("names"));
                                      },
                                      false);
    });

    c.m_entitlementKinds = items<EntitlementKind>(
            root, top, QStringLiteral("entitlements"),
            [this](const QJsonObject &o, const QString &p, EntitlementKind &k) {
                k.names = text(o, p, QStringLiteral("names"));
                k.description = text(o, p, QStringLiteral("description"), false);
            });

    QSet<int> ranks;
    c.m_editions = items<Edition>(root, top, QStringLiteral("editions"),
                                  [this, &c, &ranks](const QJsonObject &o, const QString &p,
                                                     Edition &e) {
                                      readEdition(o, p, e, c);
                                      if (e.rank > 0 && ranks.contains(e.rank))
                                          fail(member(p, QStringLiteral("rank")),
                                               PlanCatalog::tr("duplicate rank %1").arg(e.rank));
                                      ranks.insert(e.rank);
                                  });
    if (root.value(QStringLiteral("editions")).isArray() && c.m_editions.isEmpty())
        fail(member(top, QStringLiteral("editions")), PlanCatalog::tr("must not be empty"));
    std::sort(c.m_editions.begin(), c.m_editions.end(),
              [](const Edition &a, const Edition &b) { return a.rank < b.rank; });

    // Hotline numbers reserved for editions must name editions of this plan.
    for (qsizetype ci = 0; ci < c.m_channels.size(); ++ci) {
        const Channel &ch = c.m_channels.at(ci);
        // A way into another channel names one that stands for itself (no chains, no loops).
        if (!ch.entitledAs.isEmpty()) {
            const Channel *target = c.channel(ch.entitledAs);
            if (!target || target == &ch || !target->entitledAs.isEmpty())
                fail(member(element(member(top, QStringLiteral("channels")), ci),
                            QStringLiteral("entitledAs")),
                     PlanCatalog::tr("unknown channel \"%1\"").arg(ch.entitledAs));
        }
        for (qsizetype ni = 0; ni < ch.numbers.size(); ++ni) {
            for (const QString &e : ch.numbers.at(ni).editions) {
                if (!c.edition(e))
                    fail(member(element(member(element(member(top, QStringLiteral("channels")),
                                                       ci),
                                               QStringLiteral("numbers")),
                                        ni),
                                QStringLiteral("editions")),
                         PlanCatalog::tr("unknown edition \"%1\"").arg(e));
            }
        }
    }

    c.m_software = items<ThirdPartySoftware>(
            root, top, QStringLiteral("thirdPartySoftware"),
            [this](const QJsonObject &o, const QString &p, ThirdPartySoftware &s) {
                s.category = text(o, p, QStringLiteral("category"));
                s.names = text(o, p, QStringLiteral("names"));
                s.environment = text(o, p, QStringLiteral("environment"), false);
                s.examples = list(o, p, QStringLiteral("examples"));
                s.products = items<SoftwareProduct>(
                        o, p, QStringLiteral("products"),
                        [this](const QJsonObject &po, const QString &pp, SoftwareProduct &product) {
                            product.names = text(po, pp, QStringLiteral("names"));
                            const QJsonArray aliases
                                    = array(po, pp, QStringLiteral("aliases"), false);
                            for (qsizetype i = 0; i < aliases.size(); ++i) {
                                const QString alias = aliases.at(i).toString().trimmed();
                                if (PlanCatalog::softwareKey(alias).isEmpty())
                                    fail(element(member(pp, QStringLiteral("aliases")), i),
                                         PlanCatalog::tr("must be a name with a letter or digit"));
                                else
                                    product.aliases.append(alias);
                            }
                            const QJsonArray specs = array(po, pp, QStringLiteral("versions"));
                            for (qsizetype i = 0; i < specs.size(); ++i) {
                                const VersionSpec spec = VersionSpec::parse(specs.at(i).toString());
                                if (!spec.isValid())
                                    fail(element(member(pp, QStringLiteral("versions")), i),
                                         PlanCatalog::tr("invalid version spec \"%1\"")
                                                 .arg(specs.at(i).toVariant().toString()));
                                else
                                    product.versions.append(spec);
                            }
                        });
                if (o.value(QStringLiteral("products")).isArray() && s.products.isEmpty())
                    fail(member(p, QStringLiteral("products")), PlanCatalog::tr("must not be empty"));
            });

    c.m_outOfScope = items<OutOfScopeItem>(root, top, QStringLiteral("outOfScope"),
                                           [this](const QJsonObject &o, const QString &p,
                                                  OutOfScopeItem &item) {
                                               item.names = text(o, p, QStringLiteral("names"));
                                           });

    // Every spelling of a software must name one thing: an alias or name shared by two
    // products would make a typed name mean either.
    c.m_softwareKeys.clear();
    const QString sp = member(top, QStringLiteral("thirdPartySoftware"));
    const auto claim = [&](const QString &name, int si, int pi, const QString &path) {
        const QString key = PlanCatalog::softwareKey(name);
        if (key.isEmpty())
            return;
        const auto it = c.m_softwareKeys.constFind(key);
        if (it == c.m_softwareKeys.cend()) {
            c.m_softwareKeys.insert(key, {si, pi});
            return;
        }
        if (it->first == si && (it->second == pi || it->second < 0 || pi < 0)) {
            // The software and its only product may share a name ("MySQL"): the product wins.
            if (pi >= 0)
                c.m_softwareKeys.insert(key, {si, pi});
            return;
        }
        fail(path, PlanCatalog::tr("\"%1\" names two different software products").arg(name));
    };
    for (int si = 0; si < int(c.m_software.size()); ++si) {
        const ThirdPartySoftware &s = c.m_software.at(si);
        const QString p = element(sp, si);
        const int only = s.products.size() == 1 ? 0 : -1;
        for (const QString &name : {s.id, s.names.en, s.names.zh})
            claim(name, si, only, p);
        for (int pi = 0; pi < int(s.products.size()); ++pi) {
            const SoftwareProduct &product = s.products.at(pi);
            const QString pp = element(member(p, QStringLiteral("products")), pi);
            for (const QString &name : {product.id, product.names.en, product.names.zh})
                claim(name, si, pi, pp);
            for (int ai = 0; ai < int(product.aliases.size()); ++ai)
                claim(product.aliases.at(ai), si, pi,
                      element(member(pp, QStringLiteral("aliases")), ai));
        }
    }

    return m_errors->size() == errorsBefore;
}

void CatalogReader::readEdition(const QJsonObject &o, const QString &p, Edition &e,
                                   const PlanCatalog &c)
{
    if (has(o, p, QStringLiteral("rank")))
        e.rank = count(o.value(QStringLiteral("rank")), member(p, QStringLiteral("rank")), true)
                         .value_or(0);
    e.code = string(o, p, QStringLiteral("code"));
    e.names = text(o, p, QStringLiteral("names"));
    e.badgeColor = string(o, p, QStringLiteral("badgeColor"));
    static const QRegularExpression colour(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    if (!e.badgeColor.isEmpty() && !colour.match(e.badgeColor).hasMatch())
        fail(member(p, QStringLiteral("badgeColor")),
             PlanCatalog::tr("must be a colour written #rrggbb"));
    e.free = boolean(o, p, QStringLiteral("free"));
    e.handledBy = text(o, p, QStringLiteral("handledBy"), false);

    // Targets: one positive number of minutes for every severity, and no others.
    const QString tp = member(p, QStringLiteral("targets"));
    if (has(o, p, QStringLiteral("targets"))) {
        const QJsonObject targets = object(o.value(QStringLiteral("targets")), tp);
        for (auto it = targets.begin(); it != targets.end(); ++it) {
            if (!c.severity(it.key())) {
                fail(member(tp, it.key()), PlanCatalog::tr("unknown severity \"%1\"").arg(it.key()));
                continue;
            }
            if (const auto minutes = count(it.value(), member(tp, it.key()), true))
                e.targetMinutes.insert(it.key(), *minutes);
        }
        for (const Severity &s : c.severities()) {
            if (!targets.contains(s.id))
                fail(member(tp, s.id), PlanCatalog::tr("missing target for severity \"%1\"").arg(s.id));
        }
    }

    const QJsonArray channels = array(o, p, QStringLiteral("channels"));
    for (qsizetype i = 0; i < channels.size(); ++i) {
        const QString id = channels.at(i).toString();
        if (!c.channel(id))
            fail(element(member(p, QStringLiteral("channels")), i),
                 PlanCatalog::tr("unknown channel \"%1\"").arg(channels.at(i).toVariant().toString()));
        else if (e.channels.contains(id))
            fail(element(member(p, QStringLiteral("channels")), i),
                 PlanCatalog::tr("duplicate id \"%1\"").arg(id));
        else
            e.channels.append(id);
    }

    if (has(o, p, QStringLiteral("monthlyQuota"))
        && !o.value(QStringLiteral("monthlyQuota")).isNull())
        e.monthlyQuota = count(o.value(QStringLiteral("monthlyQuota")),
                               member(p, QStringLiteral("monthlyQuota")));

    e.namedContacts = items<NamedContact>(o, p, QStringLiteral("namedContacts"),
                                          [this](const QJsonObject &no, const QString &np,
                                                 NamedContact &n) {
                                              n.names = text(no, np, QStringLiteral("names"));
                                          },
                                          false);

    const QString ep = member(p, QStringLiteral("entitlements"));
    const QJsonObject grants = o.contains(QStringLiteral("entitlements"))
            ? object(o.value(QStringLiteral("entitlements")), ep)
            : QJsonObject();
    for (auto it = grants.begin(); it != grants.end(); ++it) {
        const QString gp = member(ep, it.key());
        if (!c.entitlementKind(it.key())) {
            fail(gp, PlanCatalog::tr("unknown entitlement \"%1\"").arg(it.key()));
            continue;
        }
        const QJsonObject g = object(it.value(), gp);
        EntitlementGrant grant;
        grant.id = it.key();
        grant.level = string(g, gp, QStringLiteral("level"));
        if (!grant.level.isEmpty() && !entitlementLevels().contains(grant.level))
            fail(member(gp, QStringLiteral("level")),
                 PlanCatalog::tr("unknown level \"%1\" (one of: %2)")
                         .arg(grant.level, entitlementLevels().join(QStringLiteral(", "))));
        grant.naturalDaysPerYear = optionalCount(g, gp, QStringLiteral("naturalDaysPerYear"));
        grant.noticeBusinessDays = optionalCount(g, gp, QStringLiteral("noticeBusinessDays"));
        grant.sessionsPerYear = optionalCount(g, gp, QStringLiteral("sessionsPerYear"));
        grant.minTenureYears = optionalCount(g, gp, QStringLiteral("minTenureYears"));
        for (const QJsonValue &v : array(g, gp, QStringLiteral("periods"), false))
            grant.periods.append(v.toString());
        grant.notes = text(g, gp, QStringLiteral("notes"), false);
        e.entitlements.append(grant);
    }
    // Keep the catalog's order of entitlement kinds, not the JSON object's key order.
    std::sort(e.entitlements.begin(), e.entitlements.end(),
              [&c](const EntitlementGrant &a, const EntitlementGrant &b) {
                  return c.entitlementKind(a.id) < c.entitlementKind(b.id);
              });
}

const EntitlementGrant *Edition::entitlement(QStringView id) const
{
    return findById(entitlements, id);
}

std::optional<PlanCatalog> PlanCatalog::fromJson(const QByteArray &json, QStringList *errors)
{
    QStringList local;
    QStringList &out = errors ? *errors : local;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        out.append(QStringLiteral("$: %1").arg(tr("not valid JSON: %1 at offset %2")
                                                       .arg(parseError.errorString())
                                                       .arg(parseError.offset)));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        out.append(QStringLiteral("$: %1").arg(tr("must be an object")));
        return std::nullopt;
    }
    PlanCatalog catalog;
    CatalogReader reader(&out);
    if (!reader.read(doc.object(), catalog))
        return std::nullopt;
    catalog.m_json = doc.toJson(QJsonDocument::Compact);
    return catalog;
}

std::optional<PlanCatalog> PlanCatalog::fromFile(const QString &path, QStringList *errors)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (errors)
            errors->append(tr("cannot read catalog %1: %2").arg(path, file.errorString()));
        return std::nullopt;
    }
    return fromJson(file.readAll(), errors);
}

const Edition *PlanCatalog::edition(QStringView id) const { return findById(m_editions, id); }
const Severity *PlanCatalog::severity(QStringView id) const { return findById(m_severities, id); }
const Channel *PlanCatalog::channel(QStringView id) const { return findById(m_channels, id); }
const EntitlementKind *PlanCatalog::entitlementKind(QStringView id) const
{
    return findById(m_entitlementKinds, id);
}
const ThirdPartySoftware *PlanCatalog::software(QStringView id) const
{
    return findById(m_software, id);
}
QString PlanCatalog::softwareKey(const QString &name)
{
    QString key;
    key.reserve(name.size());
    for (const QChar c : name) {
        if (c.isLetterOrNumber())
            key.append(c.toLower());
    }
    return key;
}

SoftwareRef PlanCatalog::findSoftware(const QString &input, const QString &version) const
{
    SoftwareRef ref;
    const auto resolve = [this, &ref](const QString &name) {
        const auto it = m_softwareKeys.constFind(softwareKey(name));
        if (it == m_softwareKeys.cend())
            return false;
        ref.software = &m_software.at(it->first);
        ref.product = it->second >= 0 ? &ref.software->products.at(it->second) : nullptr;
        return true;
    };
    const QString text = input.trimmed();
    ref.version = Version::withoutProductName(version);
    if (resolve(text))
        return ref;
    // "MySQL 5.7", "nginx/1.18.0": the name is what comes before the version.
    const QString versionPart = Version::withoutProductName(text);
    if (versionPart.size() < text.size()) {
        const QString name = text.left(text.size() - versionPart.size());
        if (resolve(name) && ref.version.isEmpty())
            ref.version = versionPart;
    }
    return ref;
}

QString SoftwareRef::canonicalName() const
{
    if (product)
        return product->names.en;
    return software ? software->names.en : QString();
}

QString SoftwareRef::name(Language language) const
{
    if (product)
        return product->names.text(language);
    return software ? software->names.text(language) : QString();
}

const OutOfScopeItem *PlanCatalog::outOfScopeItem(QStringView id) const
{
    return findById(m_outOfScope, id);
}

int PlanCatalog::severityRank(QStringView id) const
{
    for (qsizetype i = 0; i < m_severities.size(); ++i) {
        if (m_severities.at(i).id == id)
            return int(i);
    }
    return -1;
}

std::optional<int> PlanCatalog::targetMinutes(QStringView editionId, QStringView severityId) const
{
    const Edition *e = edition(editionId);
    if (!e)
        return std::nullopt;
    const auto it = e->targetMinutes.constFind(severityId.toString());
    if (it == e->targetMinutes.constEnd())
        return std::nullopt;
    return *it;
}

const QStringList &CatalogSet::builtInPlanIds()
{
    static const QStringList ids{QStringLiteral("service-plan"), QStringLiteral("partner-plan")};
    return ids;
}

std::optional<CatalogSet> CatalogSet::loadBuiltIn(QStringList *errors)
{
    CatalogSet set;
    bool ok = true;
    for (const QString &id : builtInPlanIds()) {
        QStringList fileErrors;
        const auto catalog = PlanCatalog::fromFile(QStringLiteral(":/plans/%1.json").arg(id),
                                                   &fileErrors);
        if (!catalog || catalog->id() != id) {
            ok = false;
            if (catalog)
                fileErrors.append(PlanCatalog::tr("$.id: expected \"%1\", found \"%2\"")
                                          .arg(id, catalog->id()));
            if (errors) {
                for (const QString &e : std::as_const(fileErrors))
                    errors->append(QStringLiteral("%1.json %2").arg(id, e));
            }
            continue;
        }
        set.insert(*catalog);
    }
    if (!ok)
        return std::nullopt;
    return set;
}

void CatalogSet::insert(const PlanCatalog &catalog)
{
    for (PlanCatalog &existing : m_plans) {
        if (existing.id() == catalog.id()) {
            existing = catalog;
            return;
        }
    }
    m_plans.append(catalog);
}

bool CatalogSet::isMostSevere(QStringView planId, QStringView severityId) const
{
    if (const PlanCatalog *catalog = plan(planId))
        return catalog->severityRank(severityId) == 0;
    return severityId == u"business-down";
}

const PlanCatalog *CatalogSet::plan(QStringView id) const
{
    for (const PlanCatalog &p : m_plans) {
        if (p.id() == id)
            return &p;
    }
    return nullptr;
}

} // namespace SupportDesk
