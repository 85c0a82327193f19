// Reads the server's service report (GET /reports/customer/{id}?month=YYYY-MM) into the
// ServiceReport the client computes from its cache, so the dialog and its exports take either.
#pragma once

#include "leadboard.h"

#include <QJsonObject>

namespace SupportDesk {

// The report route's path for a customer's month.
QString serviceReportPath(const QString &customerId, int year, int month);

// False, with the reasons in `problems`, when the body is not a report of `customer`'s month.
// The route's ticket facts carry no plan or flags: they are the customer's plan and edition,
// and an over-quota ticket is flagged so.
bool serviceReportFromJson(const QJsonObject &body, const Customer &customer,
                           ServiceReport *report, QStringList *problems);

} // namespace SupportDesk
