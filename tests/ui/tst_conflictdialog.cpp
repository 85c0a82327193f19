// The desk's one wording of edits (TicketEdits::describe) and the conflict dialog that says an
// edit with it: every op type of core's vocabulary worded, in both languages, and a merge's
// and a link's conflict naming the ticket, what the edit would have done and what the server
// would say to it now. On a real DeskSession over a seeded cache (leadboardseed.h).
#include "conflictdialog.h"
#include "desksession.h"
#include "languagemanager.h"
#include "ticketedits.h"

#include <QSet>
#include <QTest>

#include "leadboardseed.h"

using namespace SupportDesk;

class TestConflictDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void everyOpTypeWorded_data();
    void everyOpTypeWorded();
    void mergeAndLinkConflicts();

private:
    QString conflictOn(const QString &ticketId, const TicketEdit &edit, const Ticket &server);

    std::unique_ptr<LeadBoardSeed> m_seed;
    std::unique_ptr<DeskSession> m_session;
    LanguageManager *m_language = nullptr;
};

void TestConflictDialog::init()
{
    m_seed = std::make_unique<LeadBoardSeed>();
    QVERIFY(m_seed->open());
    // Numbers for the tickets a merge and a link name (B is #102 "Payments down").
    Ticket a = m_seed->tickets.value(QStringLiteral("A"));
    a.number = 101;
    Ticket c = m_seed->tickets.value(QStringLiteral("C"));
    c.number = 103;
    m_seed->tickets.insert(a.id, a);
    m_seed->tickets.insert(c.id, c);
    QVERIFY(m_seed->cache->applyChanges({ a, c }, {}, {}, {}, std::nullopt, 41, true, nullptr));
    // Ann, the agent B is assigned to: she may merge it.
    m_session = m_seed->openSessionAsAnn();
    QVERIFY(m_session);
    if (!m_language)
        m_language = new LanguageManager(this);
    QVERIFY(m_language->setLanguage(Language::English, false));
}

void TestConflictDialog::cleanup()
{
    m_session.reset();
    m_seed.reset();
}

void TestConflictDialog::everyOpTypeWorded_data()
{
    QTest::addColumn<Language>("language");
    QTest::newRow("en") << Language::English;
    QTest::newRow("zh_CN") << Language::Chinese;
}

// Each type of core's vocabulary (read from the enum: a type added to it is worded or this
// fails) has its own words: the same payload in every field, so only the wording tells them
// apart; and the Chinese is not the English.
void TestConflictDialog::everyOpTypeWorded()
{
    QFETCH(Language, language);
    TicketEdit same;
    for (QString *field : { &same.customerId, &same.subClient, &same.subject, &same.channel,
                            &same.quotaOverrideReason, &same.body, &same.messageId,
                            &same.authorId, &same.assigneeId, &same.status, &same.severity,
                            &same.reason, &same.software, &same.softwareVersion, &same.tag,
                            &same.targetId })
        *field = QStringLiteral("x");
    QVERIFY(m_language->setLanguage(Language::English, false));
    QHash<int, QString> english;
    for (int i = 0; !opTypeName(OpType(i)).isEmpty(); ++i) {
        TicketEdit e = same;
        e.type = OpType(i);
        english.insert(i, TicketEdits::describe(e));
    }
    QVERIFY(english.size() >= 14);
    QVERIFY(m_language->setLanguage(language, false));
    QSet<QString> seen;
    for (int i = 0; !opTypeName(OpType(i)).isEmpty(); ++i) {
        TicketEdit e = same;
        e.type = OpType(i);
        const QString words = TicketEdits::describe(e);
        const QString type = opTypeName(e.type);
        QVERIFY2(!words.trimmed().isEmpty(), qPrintable(type));
        QVERIFY2(!seen.contains(words), qPrintable(type + u' ' + words));
        seen.insert(words);
        // Said in words, not by the wire name ("set-status").
        QVERIFY2(!words.contains(type) || !type.contains(u'-'), qPrintable(words));
        if (language == Language::Chinese)
            QVERIFY2(words != english.value(i), qPrintable(type + u' ' + words));
    }
    QVERIFY(m_language->setLanguage(Language::English, false));
}

// Saves `edit` of `ticketId` and marks it a conflict with `server` as the server's ticket.
QString TestConflictDialog::conflictOn(const QString &ticketId, const TicketEdit &edit,
                                       const Ticket &server)
{
    const std::optional<Ticket> t = m_session->cache()->ticket(ticketId);
    if (!t)
        return {};
    const Operation op = TicketEdits::make(*t, edit, m_seed->clock.now());
    if (!m_session->saveEdit(op) || !m_session->cache()->markConflict(op.opId, server))
        return {};
    return op.opId;
}

void TestConflictDialog::mergeAndLinkConflicts()
{
    // B (#102) merged into C (#103); meanwhile someone closed B on the server.
    TicketEdit merge;
    merge.type = OpType::Merge;
    merge.targetId = QStringLiteral("C");
    Ticket closed = m_seed->tickets.value(QStringLiteral("B"));
    closed.status = TicketStatus::Closed;
    closed.version = 2;
    const QString mergeOp = conflictOn(QStringLiteral("B"), merge, closed);
    QVERIFY(!mergeOp.isEmpty());
    // A (#101) linked to B; meanwhile someone assigned A to Bob.
    TicketEdit link;
    link.type = OpType::Link;
    link.targetId = QStringLiteral("B");
    Ticket assigned = m_seed->tickets.value(QStringLiteral("A"));
    assigned.assigneeId = QStringLiteral("bob");
    assigned.version = 2;
    const QString linkOp = conflictOn(QStringLiteral("A"), link, assigned);
    QVERIFY(!linkOp.isEmpty());

    ConflictDialog merged(m_session.get(), mergeOp);
    QVERIFY(merged.hasConflict());
    // The ticket by number and subject, the edit by what it would have done.
    QVERIFY2(merged.introText().contains(QStringLiteral("#102 “Payments down”")),
             qPrintable(merged.introText()));
    QVERIFY2(merged.localText().contains(QStringLiteral("Merge into #103")),
             qPrintable(merged.localText()));
    // And what the server would say to it on their version, in words.
    QVERIFY2(merged.localText().contains(
                     QStringLiteral("On their version the server would refuse it: #102 is "
                                    "closed: a closed ticket cannot be merged.")),
             qPrintable(merged.localText()));

    ConflictDialog linked(m_session.get(), linkOp);
    QVERIFY(linked.hasConflict());
    QVERIFY2(linked.localText().contains(QStringLiteral("Link to #102")),
             qPrintable(linked.localText()));
    // Their change does not stand in the link's way: nothing said of a refusal.
    QVERIFY2(!linked.localText().contains(QStringLiteral("would refuse")),
             qPrintable(linked.localText()));

    // Both in Chinese, as the language changes under the open dialogs.
    QVERIFY(m_language->setLanguage(Language::Chinese, false));
    QTRY_VERIFY2(merged.localText().contains(QStringLiteral("合并到 #103")),
                 qPrintable(merged.localText()));
    QVERIFY2(!merged.localText().contains(QStringLiteral("closed ticket")),
             qPrintable(merged.localText()));
    QTRY_VERIFY2(linked.localText().contains(QStringLiteral("关联到 #102")),
                 qPrintable(linked.localText()));
    QVERIFY(m_language->setLanguage(Language::English, false));
}

QTEST_MAIN(TestConflictDialog)
#include "tst_conflictdialog.moc"
