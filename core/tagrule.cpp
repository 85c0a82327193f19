// Team rules that tag new tickets (see tagrule.h).
#include "tagrule.h"

#include "domain.h"
#include "tag.h"
#include "ticketedit.h"

namespace SupportDesk {

namespace {

// Case and compatibility folded (full-width Latin, as Chinese input methods type it, is the
// same word as ASCII).
QString folded(QStringView text)
{
    return text.toString().normalized(QString::NormalizationForm_KC).toCaseFolded();
}

} // namespace

QString checkTagRules(const QVector<TagRule> &rules)
{
    if (rules.size() > TagRuleLimits::MaxRules)
        return QStringLiteral("tag_rules: must hold at most %1 rules").arg(TagRuleLimits::MaxRules);
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const TagRule &r = rules.at(i);
        const QString at = QStringLiteral("tag_rules[%1].").arg(i);
        if (const QString problem = checkTag(r.tag); !problem.isEmpty())
            return at + QStringLiteral("tag: ") + problem;
        if (r.planId.isEmpty() != r.editionId.isEmpty())
            return at + (r.planId.isEmpty() ? QStringLiteral("plan_id") : QStringLiteral("edition_id"))
                    + QStringLiteral(": must be given with ")
                    + (r.planId.isEmpty() ? QStringLiteral("edition_id") : QStringLiteral("plan_id"));
        for (const auto &[field, value] : { std::pair { "channel", &r.channel },
                                            std::pair { "plan_id", &r.planId },
                                            std::pair { "edition_id", &r.editionId },
                                            std::pair { "severity", &r.severity } }) {
            if (const QString problem = checkId(*value); !problem.isEmpty())
                return at + QLatin1String(field) + QStringLiteral(": ") + problem;
        }
        if (r.words.size() > TagRuleLimits::MaxWords)
            return at + QStringLiteral("words: must hold at most %1").arg(TagRuleLimits::MaxWords);
        for (qsizetype w = 0; w < r.words.size(); ++w) {
            const QString field = at + QStringLiteral("words[%1]").arg(w);
            if (r.words.at(w).trimmed().isEmpty())
                return field + QStringLiteral(": must not be empty");
            if (const QString problem = lengthProblem(field, r.words.at(w),
                                                      TagRuleLimits::MaxWordLength);
                !problem.isEmpty())
                return problem;
        }
    }
    return {};
}

bool ruleMatches(const TagRule &rule, const Ticket &ticket)
{
    if (!rule.channel.isEmpty() && rule.channel != ticket.channel)
        return false;
    if (!rule.planId.isEmpty()
        && (rule.planId != ticket.planId || rule.editionId != ticket.editionId))
        return false;
    if (!rule.severity.isEmpty() && rule.severity != ticket.severity)
        return false;
    if (rule.words.isEmpty())
        return true;
    const QString text = folded(ticket.subject) + u'\n' + folded(ticket.body);
    return std::any_of(rule.words.cbegin(), rule.words.cend(), [&text](const QString &word) {
        const QString w = folded(word.trimmed());
        return !w.isEmpty() && text.contains(w);
    });
}

QStringList tagsByRules(const QVector<TagRule> &rules, const Ticket &ticket)
{
    QStringList tags = ticket.tags;
    for (const TagRule &rule : rules) {
        if (tags.size() >= TagLimits::MaxPerTicket)
            break;
        if (checkTag(rule.tag).isEmpty() && ruleMatches(rule, ticket))
            tags = withTag(tags, rule.tag);
    }
    return tags.mid(ticket.tags.size());
}

} // namespace SupportDesk
