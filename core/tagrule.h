// Team rules that tag new tickets (docs/tags-and-views.md, "Rules"): a lead writes them in the
// team settings; the server applies them to every ticket it creates, whatever the channel.
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace SupportDesk {

struct Ticket;

namespace TagRuleLimits {
constexpr qsizetype MaxRules = 50;
constexpr qsizetype MaxWords = 20;
constexpr qsizetype MaxWordLength = 100; // characters
} // namespace TagRuleLimits

// Every condition given must hold; an empty one holds for any ticket. A rule with no condition
// tags every new ticket.
struct TagRule
{
    QString tag;        // normalizeTag()'s spelling
    QString channel;    // a channel id
    QString planId;     // with editionId: the customer's edition
    QString editionId;
    QString severity;   // a severity id
    QStringList words;  // one of them in the subject or the first message, case and width
                        // folded ("VPN" finds "vpn", "ＶＰＮ"); Chinese matched as written

    bool operator==(const TagRule &o) const
    {
        return tag == o.tag && channel == o.channel && planId == o.planId
                && editionId == o.editionId && severity == o.severity && words == o.words;
    }
};

// What is wrong with the rules (the first problem, "tag_rules[2].tag: …"), or empty.
QString checkTagRules(const QVector<TagRule> &rules);

bool ruleMatches(const TagRule &rule, const Ticket &ticket);

// The tags the rules give a new ticket, in the rules' order, each once, within the ticket's
// limit of tags (TagLimits::MaxPerTicket, counting the ones it has).
QStringList tagsByRules(const QVector<TagRule> &rules, const Ticket &ticket);

} // namespace SupportDesk
