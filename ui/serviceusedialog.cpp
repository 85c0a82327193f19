// IEM days and training sessions in the desk (see serviceusedialog.h).
#include "serviceusedialog.h"

#include "desksession.h"
#include "plancatalog.h"
#include "ticketcache.h"
#include "ticketedits.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QUuid>
#include <QVBoxLayout>

#include <algorithm>

namespace SupportDesk {

namespace {

class Words
{
    Q_DECLARE_TR_FUNCTIONS(ServiceUseText)
public:
    static QString kindName(const PlanCatalog &plan, const QString &kind, Language language)
    {
        const EntitlementKind *k = plan.entitlementKind(kind);
        return k ? k->names.text(language) : kind;
    }
};

} // namespace

QString ServiceUseText::used(const PlanCatalog &plan, QStringView editionId, const QString &kind,
                             const ServiceAllowance &a, Language language, bool brief)
{
    if (!a.entitled)
        return {};
    Q_UNUSED(editionId)
    const QString name = Words::kindName(plan, kind, language);
    if (kind == ServiceKind::Iem)
        return a.allowed
            //: %1 Infrastructure event management (IEM), from the catalog; %2 of %3 days
            ? Words::tr("%1: %2 of %3 days used this year").arg(name).arg(a.used).arg(*a.allowed)
            //: %1 the service's name; the plan sets no number of days
            : Words::tr("%1: %n day(s) used this year", "", a.used).arg(name);
    if (brief)
        return a.allowed
            //: the entitlements card: %1 Communication and training; %2 of %3 sessions used
            ? Words::tr("%1: %2 of %3 this year").arg(name).arg(a.used).arg(*a.allowed)
            //: the entitlements card: %1 the service, "limited" with no number; %n used
            : Words::tr("%1: limited, %n this year", "", a.used).arg(name);
    return a.allowed
        //: %1 Communication and training, from the catalog; %2 of %3 sessions
        ? Words::tr("%1: %2 of %3 sessions used this year").arg(name).arg(a.used).arg(*a.allowed)
        //: %1 the service's name; the plan grants it "limited", with no number
        : Words::tr("%1: %n session(s) used this year (limited)", "", a.used).arg(name);
}

QString ServiceUseText::record(const ServiceUse &u, const PlanCatalog &plan, Language language)
{
    const QLocale locale;
    const QString first = locale.toString(u.firstDay, QLocale::ShortFormat);
    QString when = u.days() > 1
        //: an IEM engagement's first and last day, and how many days it counts
        ? Words::tr("%1 – %2 (%n day(s))", "", u.days())
              .arg(first, locale.toString(u.lastDay, QLocale::ShortFormat))
        : first;
    QString line
        = QStringLiteral("%1 · %2 · %3").arg(Words::kindName(plan, u.kind, language), when, u.note);
    // Told in words, never by colour alone.
    if (!u.overrideReason.isEmpty())
        //: the record was taken past the year's allowance; %1 the lead's reason
        line += Words::tr(" · over the allowance: %1").arg(u.overrideReason);
    if (u.shortNotice)
        line += Words::tr(" · asked at short notice");
    if (u.version == 0 || u.seq == 0)
        //: recorded in this desk, not yet on the server
        line += Words::tr(" · not sent yet");
    if (u.cancelled)
        //: %1 the reason the record was cancelled
        line = Words::tr("Cancelled: %1 (%2)").arg(line, u.cancelReason);
    return line;
}

ServiceAllowance ServiceUseText::thisYear(DeskSession *session, const Customer &customer,
                                          const QString &kind, const QDateTime &now)
{
    const PlanCatalog *plan = session->catalogs().plan(customer.planId);
    if (!plan)
        return {};
    const int year = serviceYear(now, serviceZone(*plan, customer));
    return serviceAllowance(*plan, customer.editionId, kind, customer.id,
                            session->serviceUse(customer.id), year);
}

ServiceUseDialog::ServiceUseDialog(DeskSession *session, const Customer &customer,
                                   const QDateTime &now, const std::optional<ServiceUse> &editing,
                                   QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_customer(customer)
    , m_now(now)
    , m_editing(editing)
{
    setObjectName(QStringLiteral("serviceUseDialog"));
    setWindowTitle(editing ? tr("IEM or training record") : tr("Record IEM or training"));
    const Language language = TicketEdits::language();
    const PlanCatalog *plan = session->catalogs().plan(customer.planId);
    const QDate today = plan ? now.toTimeZone(serviceZone(*plan, customer)).date() : now.date();

    auto *layout = new QVBoxLayout(this);
    //: %1 the customer's name
    auto *title = new QLabel(tr("Customer: %1").arg(customer.name), this);
    layout->addWidget(title);
    auto *form = new QFormLayout;
    layout->addLayout(form);

    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("serviceUseKind"));
    // Only what the edition has: the form never offers what the plan refuses by name.
    const Edition *edition = plan ? plan->edition(customer.editionId) : nullptr;
    for (const QString &kind : { ServiceKind::Iem, ServiceKind::Training }) {
        if (edition && edition->entitlement(kind))
            m_kind->addItem(Words::kindName(*plan, kind, language), kind);
    }
    m_kind->setAccessibleName(tr("Service"));
    form->addRow(tr("&Service:"), m_kind);

    const auto dateEdit = [this](const char *name, const QString &accessible) {
        auto *e = new QDateEdit(this);
        e->setObjectName(QLatin1String(name));
        e->setCalendarPopup(true);
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        e->setAccessibleName(accessible);
        return e;
    };
    m_first = dateEdit("serviceUseFirstDay", tr("First day"));
    m_last = dateEdit("serviceUseLastDay", tr("Last day"));
    m_asked = dateEdit("serviceUseAskedOn", tr("Asked on"));
    form->addRow(tr("&First day:"), m_first);
    form->addRow(tr("&Last day:"), m_last);
    form->addRow(tr("As&ked on:"), m_asked);
    m_note = new QLineEdit(this);
    m_note->setObjectName(QStringLiteral("serviceUseNote"));
    m_note->setMaxLength(int(ServiceUseLimits::MaxNote));
    m_note->setAccessibleName(tr("What it was"));
    //: placeholder: an IEM engagement's event, or a training session's topic
    m_note->setPlaceholderText(tr("The event, or the session's topic"));
    form->addRow(tr("&What:"), m_note);
    m_override = new QLineEdit(this);
    m_override->setObjectName(QStringLiteral("serviceUseOverride"));
    m_override->setMaxLength(int(ServiceUseLimits::MaxReason));
    m_override->setAccessibleName(tr("Override reason"));
    m_override->setPlaceholderText(tr("Only past the year's allowance: why"));
    form->addRow(tr("&Override reason:"), m_override);

    m_verdict = new QLabel(this);
    m_verdict->setObjectName(QStringLiteral("serviceUseVerdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextFormat(Qt::PlainText);
    m_verdict->setAccessibleName(tr("What the plan says"));
    layout->addWidget(m_verdict);

    m_cancelReason = new QLineEdit(this);
    m_cancelReason->setObjectName(QStringLiteral("serviceUseCancelReason"));
    m_cancelReason->setMaxLength(int(ServiceUseLimits::MaxReason));
    m_cancelReason->setAccessibleName(tr("Reason to cancel"));
    m_cancelReason->setPlaceholderText(tr("Why the record is cancelled"));
    m_cancelReason->setVisible(bool(editing));
    layout->addWidget(m_cancelReason);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_save = buttons->addButton(editing ? tr("Save &correction") : tr("&Record"),
                                QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("serviceUseSave"));
    m_save->setAccessibleName(m_save->text().remove(u'&'));
    m_cancelRecord
        = buttons->addButton(tr("Ca&ncel this record"), QDialogButtonBox::DestructiveRole);
    m_cancelRecord->setObjectName(QStringLiteral("serviceUseCancelRecord"));
    m_cancelRecord->setAccessibleName(tr("Cancel this record"));
    m_cancelRecord->setVisible(bool(editing));
    buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &ServiceUseDialog::save);
    connect(m_cancelRecord, &QPushButton::clicked, this, &ServiceUseDialog::cancelRecord);

    if (editing) {
        m_kind->setCurrentIndex(std::max(0, m_kind->findData(editing->kind)));
        m_kind->setEnabled(false); // a correction keeps its kind: cancel and record anew
        m_first->setDate(editing->firstDay);
        m_last->setDate(editing->lastDay);
        m_asked->setDate(editing->askedOn.isValid() ? editing->askedOn : editing->firstDay);
        m_note->setText(editing->note);
        m_override->setText(editing->overrideReason);
    } else {
        m_first->setDate(today);
        m_last->setDate(today);
        m_asked->setDate(today);
    }
    for (QDateEdit *e : { m_first, m_last, m_asked })
        connect(e, &QDateEdit::dateChanged, this, &ServiceUseDialog::updateVerdict);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ServiceUseDialog::updateVerdict);
    connect(m_note, &QLineEdit::textChanged, this, &ServiceUseDialog::updateVerdict);
    connect(m_override, &QLineEdit::textChanged, this, &ServiceUseDialog::updateVerdict);
    connect(m_cancelReason, &QLineEdit::textChanged, this, &ServiceUseDialog::updateVerdict);
    updateVerdict();
}

ServiceUse ServiceUseDialog::record() const
{
    ServiceUse u = m_editing.value_or(ServiceUse());
    if (!m_editing)
        u.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    u.customerId = m_customer.id;
    u.kind = m_kind->currentData().toString();
    u.firstDay = m_first->date();
    const bool iem = u.kind == ServiceKind::Iem;
    u.lastDay = iem ? m_last->date() : u.firstDay;
    u.askedOn = iem ? m_asked->date() : QDate();
    u.note = m_note->text().trimmed();
    u.overrideReason = m_override->text().trimmed();
    return u;
}

ServiceUseCheck ServiceUseDialog::check() const
{
    const PlanCatalog *plan = m_session->catalogs().plan(m_customer.planId);
    if (!plan) {
        ServiceUseCheck c;
        c.check = RuleCheck::fail(QStringLiteral("unknown-edition"), { m_customer.editionId });
        return c;
    }
    return checkServiceUse(*plan, m_customer.editionId, record(),
                           m_session->serviceUse(m_customer.id), m_session->calendar());
}

QString ServiceUseDialog::verdictText() const
{
    return m_verdict->text();
}

void ServiceUseDialog::updateVerdict()
{
    const bool iem = m_kind->currentData().toString() == ServiceKind::Iem;
    m_last->setEnabled(iem);
    m_asked->setEnabled(iem);
    const PlanCatalog *plan = m_session->catalogs().plan(m_customer.planId);
    const Language language = TicketEdits::language();
    QStringList lines;
    bool can = m_kind->count() > 0 && !m_note->text().trimmed().isEmpty();
    if (m_kind->count() == 0)
        lines << tr("This customer's edition includes neither IEM nor training.");
    if (plan && m_kind->count() > 0) {
        const ServiceUseCheck c = check();
        const QString kind = m_kind->currentData().toString();
        lines << ServiceUseText::used(
            *plan, m_customer.editionId, kind,
            ServiceUseText::thisYear(m_session, m_customer, kind, m_now),
            language);
        if (!c.check.allowed()) {
            can = false;
            lines << c.check.message(plan, language);
            //: past the allowance, a lead may still take it by stating why
            if (c.check.code == u"iem-days-exceeded" || c.check.code == u"training-sessions-used")
                lines << tr("Give an override reason to record it anyway (it is flagged).");
        } else if (c.overridden) {
            lines << tr("Past the year's allowance: recorded with your reason, flagged.");
        }
        if (c.shortNotice)
            //: a warning, not a refusal: the seed recommends the notice
            lines << tr("Warning: %1").arg(c.notice.message(plan, language));
    }
    if (m_kind->count() > 0 && m_note->text().trimmed().isEmpty())
        lines << tr("Say what it was (the event, or the session's topic).");
    m_verdict->setText(lines.join(u'\n'));
    m_verdict->setAccessibleDescription(m_verdict->text());
    m_save->setEnabled(can);
    m_cancelRecord->setEnabled(!m_cancelReason->text().trimmed().isEmpty());
}

void ServiceUseDialog::save()
{
    if (!m_save->isEnabled())
        return;
    if (m_session->saveServiceUse(record()))
        accept();
    else
        m_verdict->setText(
            tr("The record could not be saved: %1").arg(m_session->cache()->errorString()));
}

void ServiceUseDialog::cancelRecord()
{
    if (!m_editing || m_cancelReason->text().trimmed().isEmpty())
        return;
    ServiceUse u = *m_editing;
    u.cancelReason = m_cancelReason->text().trimmed();
    if (m_session->saveServiceUse(u, true))
        accept();
    else
        m_verdict->setText(
            tr("The record could not be saved: %1").arg(m_session->cache()->errorString()));
}

} // namespace SupportDesk
