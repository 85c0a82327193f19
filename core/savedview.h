// Saved views: an agent's named filter of the queue (docs/tags-and-views.md). The record, its
// op codec and who may see it, pure, so the server, the cache and the desk share one
// definition. A view is its owner's alone: no other account sees or learns of it.
#pragma once

#include "domain.h"

#include <optional>

namespace SupportDesk {

struct SavedView
{
    QString id;      // UUID, made by whoever creates the view (offline too)
    QString ownerId; // the agent who keeps it: the account that sent the op, never a field
    QString name;
    // The filter, each empty for "any": a built-in queue's key (savedViewQueues()), the
    // column filters' ids, tags every ticket must carry, and the search box's text.
    QString queue;
    QString edition;
    QString severity;
    QString channel;
    QString status;
    QStringList tags;
    QString search;
    qint64 version = 0; // bumped by the server on every change; an op names the one it edits
    bool deleted = false;
    QString updatedBy;
    QDateTime updatedAt;
    qint64 seq = 0;
};
bool operator==(const SavedView &a, const SavedView &b);

namespace SavedViewLimits {
constexpr qsizetype MaxName = 100;   // characters
constexpr qsizetype MaxSearch = 500; // characters
} // namespace SavedViewLimits

// The queue keys a view may name, in the queue list's order ("my-tickets", "all-open", …).
const QStringList &savedViewQueues();

// Only the owner sees, changes or deletes a view (a lead does not see an agent's views).
bool canSeeView(const Agent &agent, const SavedView &view);

// The op vocabulary (POST /ops): `ticket_id` names the view, `base_version` the version the
// edit was made on (0: a new view).
namespace ViewOp {
inline const QString Save = QStringLiteral("save-view");
inline const QString Delete = QStringLiteral("delete-view");
bool isViewOp(QStringView type);
} // namespace ViewOp

// The first problem of a view's fields with its field ("name: must not be empty"), else empty:
// a name of 1-100 characters, a known queue, ids and a search within the op limits, no NUL,
// tags by the tag rules (core/tag.h).
QString checkView(const SavedView &view);

// The desk filters by tag in its search box (`tag:NAME`, docs/tags-and-views.md): a view's
// tags and search as the box shows them ("tag:vip 北京"), and the box's text split back into
// the tags (normalised, once each, after `tags` already given) and the rest of the search.
QString viewSearchText(const SavedView &view);
void splitViewSearch(const QString &text, QStringList *tags, QString *search);

// The op that saves (or deletes) `view`, and back: the owner is `actorId`, whoever sends it.
// Payload: name, queue, edition, severity, channel, status, tags (space-separated), search,
// each a string; anything else is refused with the field in `problem`.
Operation makeViewOperation(const QString &opId, const SavedView &view, bool remove = false,
                            const QDateTime &madeAt = {});
std::optional<SavedView> viewFromOperation(const Operation &op, const QString &actorId,
                                           QString *problem);

// The feed's and the cache's record (kind "view").
namespace Json {
QJsonObject toJson(const SavedView &v);
bool fromJson(const QJsonObject &o, SavedView *v, QStringList *errors,
              const QString &path = {});
} // namespace Json

} // namespace SupportDesk
