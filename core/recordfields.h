// Reading the fields of a small feed or cache record (a macro, a saved view) with each problem
// noted by its path ("changes[3].data.name: must be a string"): one reader for the records
// that are not on the feed's hot path (tickets and messages have their own, core/domain.cpp).
#pragma once

#include "domain.h"

#include <QJsonArray>
#include <QJsonObject>

namespace SupportDesk {

class RecordFields
{
public:
    RecordFields(const QJsonObject &o, QStringList *errors, const QString &path)
        : m_o(o), m_errors(errors), m_path(path)
    {
    }

    void fail(const char *key, const QString &why)
    {
        m_ok = false;
        if (m_errors)
            m_errors->append(QStringLiteral("%1%2: %3")
                                     .arg(m_path.isEmpty() ? QString() : m_path + u'.',
                                          QLatin1String(key), why));
    }
    // Absent is empty, unless required.
    QString string(const char *key, bool required = false)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined() && !required)
            return QString();
        if (!v.isString()) {
            fail(key, QStringLiteral("must be a string"));
            return QString();
        }
        return v.toString();
    }
    bool boolean(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (!v.isUndefined() && !v.isBool())
            fail(key, QStringLiteral("must be true or false"));
        return v.toBool();
    }
    qint64 integer(const char *key)
    {
        bool good = true;
        const QJsonValue v = m_o.value(QLatin1String(key));
        const qint64 n = Json::nonNegativeInteger(v, &good);
        if (!good && !v.isUndefined())
            fail(key, QStringLiteral("must be a non-negative integer"));
        return n;
    }
    // Absent (a record written before the field existed) is none.
    QStringList strings(const char *key)
    {
        QStringList list;
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined())
            return list;
        if (!v.isArray()) {
            fail(key, QStringLiteral("must be an array of strings"));
            return list;
        }
        for (const QJsonValue &item : v.toArray()) {
            if (!item.isString())
                fail(key, QStringLiteral("must be an array of strings"));
            list.append(item.toString());
        }
        return list;
    }
    bool ok() const { return m_ok; }

private:
    const QJsonObject &m_o;
    QStringList *m_errors;
    const QString &m_path;
    bool m_ok = true;
};

} // namespace SupportDesk
