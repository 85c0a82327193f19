// The live ticket index and its schedule of response moments.
#include "ticketindex.h"

#include "plancatalog.h"
#include "ticketcache.h"

#include <QSet>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>

namespace SupportDesk {

TicketIndex::TicketIndex(TicketCache *cache, const CatalogSet *catalogs, const Clock *clock,
                         QObject *parent)
    : QObject(parent), m_cache(cache), m_catalogs(catalogs), m_clock(clock)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &TicketIndex::checkNow);
}

TicketIndex::~TicketIndex() = default;

void TicketIndex::setClock(const Clock *clock)
{
    m_clock = clock;
    checkNow();
}

qint64 TicketIndex::nowMs() const
{
    return now().toMSecsSinceEpoch();
}

QDateTime TicketIndex::now() const
{
    return m_clock ? m_clock->now() : QDateTime::currentDateTimeUtc();
}

void TicketIndex::ensureLoaded()
{
    if (!m_loaded && !m_loading)
        reload();
}

// xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx in lowercase hex (what the server mints) → 16 bytes;
// anything else is kept as its text, so idAt() gives back exactly the id it was given.
static char16_t unitAt(const QString &text, int i)
{
    return text.at(i).unicode();
}

// UTF-8 as the cache's rows hold it: a byte past ASCII is never a hex digit or a dash.
static char16_t unitAt(QByteArrayView text, int i)
{
    return char16_t(uchar(text.at(i)));
}

template<typename Text> static bool packUuid(const Text &id, quint64 *hi, quint64 *lo)
{
    if (id.size() != 36)
        return false;
    quint64 words[2] = {0, 0};
    int nibble = 0;
    for (int i = 0; i < 36; ++i) {
        const char16_t c = unitAt(id, i);
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != u'-')
                return false;
            continue;
        }
        int v;
        if (c >= u'0' && c <= u'9')
            v = c - u'0';
        else if (c >= u'a' && c <= u'f')
            v = c - u'a' + 10;
        else
            return false;
        words[nibble / 16] = (words[nibble / 16] << 4) | quint64(v);
        ++nibble;
    }
    *hi = words[0];
    *lo = words[1];
    return true;
}

static QString unpackUuid(quint64 hi, quint64 lo)
{
    static constexpr char16_t Hex[] = u"0123456789abcdef";
    QString id(36, Qt::Uninitialized);
    QChar *out = id.data();
    int nibble = 0;
    for (int i = 0; i < 36; ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            out[i] = u'-';
            continue;
        }
        const quint64 word = nibble < 16 ? hi : lo;
        out[i] = Hex[(word >> (60 - 4 * (nibble % 16))) & 0xf];
        ++nibble;
    }
    return id;
}

static size_t mixKey(quint64 hi, quint64 lo)
{
    quint64 h = hi * 0x9e3779b97f4a7c15ull ^ lo;
    h ^= h >> 29;
    return size_t(h * 0xbf58476d1ce4e5b9ull);
}

qsizetype TicketIndex::FactRange::size() const
{
    return m_index->viewSize();
}

TicketFacts TicketIndex::FactRange::at(qsizetype i) const
{
    return m_index->factAt(i);
}

QVector<TicketFacts> TicketIndex::FactRange::toVector() const
{
    QVector<TicketFacts> all;
    all.reserve(size());
    for (const TicketFacts &f : *this)
        all.append(f);
    return all;
}

TicketIndex::FactRange TicketIndex::facts()
{
    ensureLoaded();
    return FactRange(this);
}

QVector<TicketFacts> TicketIndex::openFacts()
{
    ensureLoaded();
    QVector<TicketFacts> open;
    for (qsizetype at = 0; at < viewSize(); ++at) {
        if (isOpen(m_entries.at(at)))
            open.append(factAt(at));
    }
    return open;
}

std::optional<TicketFacts> TicketIndex::fact(const QString &id)
{
    const qsizetype at = indexOf(id);
    if (at < 0)
        return std::nullopt;
    return factAt(at);
}

QString TicketIndex::idAt(qsizetype at) const
{
    const IdKey &key = m_ids.at(at);
    return m_packed.testBit(at) ? unpackUuid(key.hi, key.lo) : m_otherIds.at(qsizetype(key.lo));
}

// The words are shared (one string per distinct plan, status, customer…), the times made
// from milliseconds: a TicketFacts made here allocates only its id.
TicketFacts TicketIndex::factAt(qsizetype at) const
{
    const Entry &e = m_entries.at(at);
    ++m_factsMade;
    TicketFacts f;
    f.id = idAt(at);
    f.number = e.number;
    f.customerId = m_words.at(e.customer);
    f.planId = m_words.at(e.plan);
    f.editionId = m_words.at(e.edition);
    f.severity = m_words.at(e.severity);
    f.status = m_words.at(e.status);
    f.assigneeId = m_words.at(e.assignee);
    const auto time = [](qint64 ms) {
        return ms ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime();
    };
    f.createdAt = time(e.createdMs);
    f.dueAt = time(e.dueMs);
    f.firstResponseAt = time(e.firstResponseMs);
    return f;
}

quint32 TicketIndex::codeOf(const QString &word) const
{
    if (word.isEmpty())
        return 0;
    return m_codeOf.value(word, NoWord);
}

quint32 TicketIndex::intern(const QString &word)
{
    if (word.isEmpty())
        return 0;
    const auto it = m_codeOf.constFind(word);
    if (it != m_codeOf.constEnd())
        return *it;
    const quint32 code = quint32(m_words.size());
    m_words.append(word);
    m_codeOf.insert(word, code);
    m_closedCode.resize(m_words.size());
    m_closedCode.setBit(code, !TicketStatus::isOpen(word));
    return code;
}

// A row's words by the index's own codes: the row's codes are the cache's dictionary of the
// moment, remembered per read in `codes` (row code → index code, NoCode until seen).
TicketIndex::Entry TicketIndex::entryOf(const QVector<QString> &words, const TicketRow &row,
                                        QVector<quint32> *codes)
{
    constexpr quint32 Unseen = 0xffffffffu;
    if (codes->size() != words.size())
        codes->fill(Unseen, words.size());
    const auto code = [&](quint32 rowCode) {
        if (rowCode >= quint32(codes->size()))
            return quint32(0); // a code past the dictionary: read as the empty string
        quint32 &c = (*codes)[rowCode];
        if (c == Unseen)
            c = intern(words.at(rowCode));
        return c;
    };
    Entry e;
    e.number = row.number;
    e.createdMs = row.createdAtMs;
    e.dueMs = row.dueAtMs;
    e.firstResponseMs = row.firstResponseAtMs;
    e.customer = code(row.customer);
    e.assignee = code(row.assignee);
    e.plan = code(row.plan);
    e.edition = code(row.edition);
    e.severity = code(row.severity);
    e.status = code(row.status);
    return e;
}

int TicketIndex::cellIndex(const Entry &e)
{
    const QString key = cellKey(m_words.at(e.plan), m_words.at(e.edition), m_words.at(e.severity));
    const auto it = m_cellOf.constFind(key);
    if (it != m_cellOf.constEnd())
        return *it;
    m_cellKeys.append(key);
    return *m_cellOf.insert(key, int(m_cellKeys.size() - 1));
}

TicketIndex::IdKey TicketIndex::keyOf(const QString &id, bool *packed)
{
    IdKey key;
    *packed = packUuid(id, &key.hi, &key.lo);
    if (!*packed) {
        key.lo = quint64(m_otherIds.size());
        m_otherIds.append(id);
    }
    return key;
}

size_t TicketIndex::hashOf(const IdKey &key, bool packed, const QString &id) const
{
    return packed ? mixKey(key.hi, key.lo) : qHash(id, 0);
}

size_t TicketIndex::hashAt(qsizetype at) const
{
    const IdKey &key = m_ids.at(at);
    const bool packed = m_packed.testBit(at);
    return hashOf(key, packed, packed ? QString() : m_otherIds.at(qsizetype(key.lo)));
}

qsizetype TicketIndex::indexOf(const QString &id)
{
    ensureLoaded();
    return find(id);
}

qsizetype TicketIndex::indexOfUtf8(QByteArrayView utf8Id) const
{
    IdKey key;
    if (packUuid(utf8Id, &key.hi, &key.lo))
        return find(key, true, QString());
    return find(QString::fromUtf8(utf8Id));
}

qsizetype TicketIndex::find(const QString &id) const
{
    IdKey key;
    const bool packed = packUuid(id, &key.hi, &key.lo);
    return find(key, packed, id);
}

qsizetype TicketIndex::find(const IdKey &key, bool packed, const QString &id) const
{
    if (m_slots.isEmpty())
        return -1;
    const size_t mask = size_t(m_slots.size() - 1);
    for (size_t s = hashOf(key, packed, id) & mask;; s = (s + 1) & mask) {
        const qint32 at = m_slots.at(qsizetype(s));
        if (at < 0)
            return -1;
        if (m_packed.testBit(at) != packed)
            continue;
        if (packed ? m_ids.at(at) == key : m_otherIds.at(qsizetype(m_ids.at(at).lo)) == id)
            return at;
    }
}

qsizetype TicketIndex::slotOf(qsizetype at) const
{
    const size_t mask = size_t(m_slots.size() - 1);
    for (size_t s = hashAt(at) & mask;; s = (s + 1) & mask) {
        if (m_slots.at(qsizetype(s)) == at)
            return qsizetype(s);
    }
}

// Linear probing's deletion: later entries of the run move back, so no lookup stops early.
void TicketIndex::removeSlot(qsizetype at)
{
    const size_t mask = size_t(m_slots.size() - 1);
    size_t hole = size_t(slotOf(at));
    m_slots[qsizetype(hole)] = -1;
    for (size_t s = (hole + 1) & mask; m_slots.at(qsizetype(s)) >= 0; s = (s + 1) & mask) {
        const size_t home = hashAt(m_slots.at(qsizetype(s))) & mask;
        // Move back unless its home lies cyclically in (hole, s].
        const bool stays = hole <= s ? (hole < home && home <= s) : (hole < home || home <= s);
        if (stays)
            continue;
        m_slots[qsizetype(hole)] = m_slots.at(qsizetype(s));
        m_slots[qsizetype(s)] = -1;
        hole = s;
    }
}

void TicketIndex::rehash(qsizetype capacity)
{
    m_slots.fill(-1, capacity);
    const size_t mask = size_t(capacity - 1);
    for (qsizetype at = 0; at < m_entries.size(); ++at) {
        size_t s = hashAt(at) & mask;
        while (m_slots.at(qsizetype(s)) >= 0)
            s = (s + 1) & mask;
        m_slots[qsizetype(s)] = qint32(at);
    }
}

// Adds the entry unless its id is already there (false): the probe for a free slot passes
// every slot an equal id could be in, so a whole read looks each id up once, not twice.
bool TicketIndex::append(const Entry &e, const IdKey &key, bool packed, int cell)
{
    const qsizetype at = m_entries.size();
    if ((at + 1) * 2 > m_slots.size())
        rehash(std::max<qsizetype>(16, m_slots.size() * 2));
    const QString &text = packed ? QString() : m_otherIds.at(qsizetype(key.lo));
    const size_t mask = size_t(m_slots.size() - 1);
    size_t s = hashOf(key, packed, text) & mask;
    for (; m_slots.at(qsizetype(s)) >= 0; s = (s + 1) & mask) {
        const qint32 other = m_slots.at(qsizetype(s));
        if (m_packed.testBit(other) != packed)
            continue;
        if (packed ? m_ids.at(other) == key
                   : m_otherIds.at(qsizetype(m_ids.at(other).lo)) == text)
            return false;
    }
    m_slots[qsizetype(s)] = qint32(at);
    m_ids.append(key);
    m_packed.resize(at + 1);
    m_packed.setBit(at, packed);
    m_flagKnown.resize(at + 1); // a new bit is clear: not read yet
    m_flagYes.resize(at + 1);
    m_cellOfFact.append(cell);
    m_entries.append(e);
    return true;
}

void TicketIndex::reload()
{
    loadAlongside(nullptr);
}

// The index's side of a scan: each row becomes an entry, then goes on to `also`.
class TicketIndex::RowLoader : public TicketRowSink
{
public:
    RowLoader(TicketIndex *index, TicketRowSink *also) : m_index(index), m_also(also) {}
    void begin(const QVector<QString> &words, qsizetype count) override
    {
        m_words = words;
        m_codes.clear();
        m_cellOfCodes.clear();
        m_index->clearEntries(count);
        if (m_also)
            m_also->begin(words, count);
    }
    void take(const TicketRow &row) override
    {
        m_index->takeRow(m_words, row, &m_codes, &m_cellOfCodes);
        if (m_also)
            m_also->take(row);
    }

private:
    TicketIndex *m_index;
    TicketRowSink *m_also;
    QVector<QString> m_words;
    QVector<quint32> m_codes;
    QHash<quint64, int> m_cellOfCodes;
};

void TicketIndex::loadAlongside(TicketRowSink *also)
{
    beginReload();
    // What the index held goes first: the old and the new content are not both whole.
    clearEntries(0);
    RowLoader loader(this, also);
    if (m_cache && m_cache->isOpen())
        m_cache->scanTicketRows(&loader);
    // The scan's rows were freed one by one; hand their pages back before the views
    // recompute, or the heap keeps them resident.
    releaseFreedMemory();
    finishReload();
}

void TicketIndex::reloadFrom(const QueueRows &rows)
{
    beginReload();
    loadRows(rows);
    finishReload();
}


void TicketIndex::prepare(TicketIndex *next, const QueueRows &rows,
                          const TeamSettings &settings, qint64 nowMs)
{
    next->m_loaded = true;
    next->m_settings = settings;
    next->loadRows(rows);
    next->scheduleAll(nowMs);
    next->m_contentThread = QThread::currentThread();
}

std::unique_ptr<TicketRowSink> TicketIndex::preparingSink(TicketIndex *next,
                                                         TicketRowSink *also)
{
    return std::make_unique<RowLoader>(next, also);
}

void TicketIndex::finishPrepared(TicketIndex *next, const TeamSettings &settings, qint64 nowMs)
{
    next->m_loaded = true;
    next->m_settings = settings;
    next->scheduleAll(nowMs);
    next->m_contentThread = QThread::currentThread();
}

void TicketIndex::adopt(TicketIndex &prepared)
{
    m_loaded = true;
    m_loading = false;
    m_provisional = false;
    ++m_layout;
    ++m_reads;
    m_cachedSettings = m_cache && m_cache->isOpen() ? m_cache->teamSettings() : TeamSettings();
    m_settings = effectiveSettings();
    std::swap(m_entries, prepared.m_entries);
    std::swap(m_ids, prepared.m_ids);
    std::swap(m_packed, prepared.m_packed);
    std::swap(m_otherIds, prepared.m_otherIds);
    std::swap(m_slots, prepared.m_slots);
    std::swap(m_words, prepared.m_words);
    std::swap(m_codeOf, prepared.m_codeOf);
    std::swap(m_closedCode, prepared.m_closedCode);
    std::swap(m_flagKnown, prepared.m_flagKnown);
    std::swap(m_flagYes, prepared.m_flagYes);
    std::swap(m_flagged, prepared.m_flagged);
    std::swap(m_cellOfFact, prepared.m_cellOfFact);
    std::swap(m_cellKeys, prepared.m_cellKeys);
    std::swap(m_cellOf, prepared.m_cellOf);
    std::swap(m_nextAt, prepared.m_nextAt);
    std::swap(m_schedule, prepared.m_schedule);
    std::swap(m_contentThread, prepared.m_contentThread);
    // Settings saved or read here since the worker read its own: moments made under others.
    if (m_settings.atRiskFraction != prepared.m_settings.atRiskFraction
        || m_settings.notifyBeforeBreachMinutes
                != prepared.m_settings.notifyBeforeBreachMinutes) {
        rescheduleAll();
    } else {
        armTimer();
    }
    signalReset();
}

void TicketIndex::signalReset()
{
    if (m_resetHolds > 0)
        m_resetHeld = true;
    else
        emit reset();
}

void TicketIndex::releaseReset()
{
    if (m_resetHolds > 0 && --m_resetHolds == 0 && std::exchange(m_resetHeld, false))
        emit reset();
}

void TicketIndex::beginReload()
{
    m_loaded = true;
    m_loading = false;
    ++m_reads;
    m_cachedSettings = m_cache && m_cache->isOpen() ? m_cache->teamSettings() : TeamSettings();
    m_settings = effectiveSettings();
    m_contentThread = QThread::currentThread();
}

void TicketIndex::finishReload()
{
    rescheduleAll();
    signalReset();
}

void TicketIndex::releaseFreedMemory()
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

void TicketIndex::loadProvisional(const QueueRows &rows)
{
    if (m_loaded || !m_loading)
        return;
    loadRows(rows);
    m_provisional = true; // after loadRows(), whose clearEntries() ends any earlier one
}

void TicketIndex::loadRows(const QueueRows &rows)
{
    RowLoader loader(this, nullptr);
    loader.begin(rows.words, rows.rows.size());
    for (const TicketRow &row : rows.rows)
        loader.take(row);
}

void TicketIndex::clearEntries(qsizetype count)
{
    m_provisional = false;
    ++m_layout;
    m_entries.clear();
    m_ids.clear();
    m_packed.clear();
    m_otherIds.clear();
    m_slots.clear();
    m_words = {QString()};
    m_codeOf.clear();
    m_closedCode.clear();
    m_closedCode.resize(1);
    m_flagKnown.clear();
    m_flagYes.clear();
    m_flagged.clear();
    m_cellOfFact.clear();
    m_nextAt.clear();
    m_schedule.clear();
    m_entries.reserve(count);
    m_ids.reserve(count);
    m_cellOfFact.reserve(count);
    qsizetype capacity = 16;
    while (capacity < 2 * count)
        capacity *= 2;
    m_slots.fill(-1, capacity);
}

// `codes` maps the scan's dictionary codes to the index's; `cellOfCodes` finds a row's cell
// by its codes, so a key string is made once per distinct cell, not per row.
void TicketIndex::takeRow(const QVector<QString> &words, const TicketRow &row,
                          QVector<quint32> *codes, QHash<quint64, int> *cellOfCodes)
{
    const Entry e = entryOf(words, row, codes);
    // Packed from the row's UTF-8: no id string is made for a UUID.
    IdKey key;
    const bool packed = packUuid(row.idUtf8(), &key.hi, &key.lo);
    if (!packed) {
        key.lo = quint64(m_otherIds.size());
        m_otherIds.append(row.id());
    }
    constexpr quint32 Limit = 1u << 21; // three codes in one key
    int cell;
    if (e.plan >= Limit || e.edition >= Limit || e.severity >= Limit) {
        cell = cellIndex(e);
    } else {
        const quint64 c = (quint64(e.plan) << 42) | (quint64(e.edition) << 21)
                | quint64(e.severity);
        auto it = cellOfCodes->constFind(c);
        if (it == cellOfCodes->constEnd())
            it = cellOfCodes->insert(c, cellIndex(e));
        cell = *it;
    }
    // A second row of one id cannot come (the cache's primary key); if it did, the first
    // stands.
    append(e, key, packed, cell);
}

// What the schedule of a ticket depends on: equal, its entry stands as it is.
static bool sameMomentsInput(const TicketIndex::Entry &a, const TicketIndex::Entry &b,
                             bool aRunning, bool bRunning)
{
    return aRunning == bRunning && a.createdMs == b.createdMs && a.dueMs == b.dueMs
            && a.firstResponseMs == b.firstResponseMs;
}

void TicketIndex::update(const QStringList &changedIds)
{
    // Not read yet: the first read will see these changes.
    if (!m_loaded || changedIds.isEmpty())
        return;
    QStringList ids = changedIds;
    ids.removeDuplicates();
    applyRows(ids, m_cache && m_cache->isOpen() ? m_cache->loadTicketRows(ids) : QueueRows());
}

void TicketIndex::applyRows(const QStringList &changedIds, const QueueRows &rows)
{
    if ((!m_loaded && !m_provisional) || changedIds.isEmpty())
        return;
    QStringList ids = changedIds;
    ids.removeDuplicates();
    emit entriesChanging(ids);
    // The first screen's provisional content follows its tickets untold: no view sees it.
    const bool told = !m_provisional;
    if (told)
        ++m_reads;
    const qint64 now = nowMs();
    QSet<QString> present;
    QVector<quint32> codes;
    for (const TicketRow &row : rows.rows) {
        const Entry e = entryOf(rows.words, row, &codes);
        const QString id = row.id();
        present.insert(id);
        const int cell = cellIndex(e);
        const qsizetype at = find(id);
        if (at >= 0) {
            // A change that leaves the times alone (a reply's text, a new assignee) leaves the
            // entry alone too: rescheduling from now would drop a moment that has passed but
            // whose timer has not fired yet, and the views would never hear of it.
            const bool keep = sameMomentsInput(m_entries.at(at), e, isRunning(m_entries.at(at)),
                                               isRunning(e));
            m_entries[at] = e;
            m_cellOfFact[at] = cell;
            // A change may have set or cleared the flag (an override, a correction).
            m_flagKnown.clearBit(at);
            m_flagYes.clearBit(at);
            m_flagged.remove(id);
            if (!keep && told)
                schedule(at, now);
        } else {
            bool packed = false;
            const IdKey key = keyOf(id, &packed);
            if (append(e, key, packed, cell) && told) // always added: find() found no such id
                schedule(m_entries.size() - 1, now);
        }
    }
    // An id without a row left the cache (a rejected new ticket).
    for (const QString &id : std::as_const(ids)) {
        if (present.contains(id))
            continue;
        const qsizetype at = find(id);
        if (at >= 0)
            removeAt(at);
    }
    if (!told)
        return;
    armTimer();
    emit changed(ids);
}

// Swap-remove: the last entry (its id, its schedule entry) moves into the place that left.
// An id kept as text stays in m_otherIds until the next reload (tickets seldom leave).
void TicketIndex::removeAt(qsizetype at)
{
    emit entryRemoving(at, m_entries.size() - 1);
    ++m_layout;
    if (m_flagYes.testBit(at))
        m_flagged.remove(idAt(at));
    unschedule(at);
    removeSlot(at);
    const qsizetype last = m_entries.size() - 1;
    if (at != last) {
        const qsizetype lastSlot = slotOf(last);
        const qint64 lastAt = nextAtOf(last);
        if (lastAt != NotScheduled) {
            m_schedule.erase({lastAt, last});
            m_schedule.insert({lastAt, at});
        }
        m_entries[at] = m_entries.at(last);
        m_ids[at] = m_ids.at(last);
        m_packed.setBit(at, m_packed.testBit(last));
        m_flagKnown.setBit(at, m_flagKnown.testBit(last));
        m_flagYes.setBit(at, m_flagYes.testBit(last));
        m_cellOfFact[at] = m_cellOfFact.at(last);
        if (lastAt != NotScheduled)
            m_nextAt.insert(at, lastAt); // unschedule() took the one of `at` out
        m_slots[lastSlot] = qint32(at);
    }
    m_entries.removeLast();
    m_ids.removeLast();
    m_packed.resize(last);
    m_flagKnown.resize(last);
    m_flagYes.resize(last);
    m_cellOfFact.removeLast();
    m_nextAt.remove(last);
}

TeamSettings TicketIndex::effectiveSettings() const
{
    if (m_savedSettings && m_savedSettings->seq > m_cachedSettings.seq)
        return *m_savedSettings;
    return m_cachedSettings;
}

void TicketIndex::reloadSettings()
{
    ++m_settingsReads;
    m_cachedSettings = m_cache && m_cache->isOpen() ? m_cache->teamSettings() : TeamSettings();
    setSettings(effectiveSettings());
}

void TicketIndex::applySavedSettings(const TeamSettings &settings)
{
    m_savedSettings = settings;
    setSettings(effectiveSettings());
}

void TicketIndex::setSettings(const TeamSettings &settings)
{
    const bool sameClock = settings.atRiskFraction == m_settings.atRiskFraction
            && settings.notifyBeforeBreachMinutes == m_settings.notifyBeforeBreachMinutes;
    // Tag rules change no moment, but the panel that shows them listens too.
    const bool same = sameClock && settings.tagRules == m_settings.tagRules;
    m_settings = settings;
    if (same)
        return;
    if (m_loaded && !sameClock)
        rescheduleAll();
    emit settingsChanged();
}

void TicketIndex::catalogsChanged()
{
    // Facts do not depend on the catalogs (deadlines come with the tickets); the views'
    // "most severe" does: they recompute from reset().
    if (m_loaded)
        emit reset();
}

bool TicketIndex::isRunning(const TicketFacts &f)
{
    return f.isOpen() && !f.firstResponseAt.isValid() && f.dueAt.isValid();
}

bool TicketIndex::isOpen(const Entry &e) const
{
    return !m_closedCode.testBit(e.status);
}

bool TicketIndex::isRunning(const Entry &e) const
{
    return isOpen(e) && !e.firstResponseMs && e.dueMs;
}

TicketIndex::Moments TicketIndex::moments(const TicketFacts &f) const
{
    Entry e;
    e.createdMs = f.createdAt.isValid() ? f.createdAt.toMSecsSinceEpoch() : 0;
    e.dueMs = f.dueAt.isValid() ? f.dueAt.toMSecsSinceEpoch() : 0;
    e.firstResponseMs = f.firstResponseAt.isValid() ? f.firstResponseAt.toMSecsSinceEpoch() : 0;
    return moments(e);
}

TicketIndex::Moments TicketIndex::moments(const Entry &e) const
{
    const auto time = [](qint64 ms) {
        return ms ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime();
    };
    const SlaMoments sla = ResponseClock::moments(
            {time(e.createdMs), time(e.dueMs), time(e.firstResponseMs)},
            m_settings.atRiskFraction);
    Moments m;
    m.atRiskAtMs = sla.atRiskAtMs;
    m.breachedAtMs = sla.breachedAtMs;
    m.soonAtMs = sla.breachedAtMs - SoonHorizonMs;
    // The warning comes at the at-risk moment, or the team's "warn this long before a breach"
    // earlier, whichever is first — never before the ticket exists.
    m.warnAtMs = m.atRiskAtMs;
    if (m_settings.notifyBeforeBreachMinutes > 0)
        m.warnAtMs = std::min(m.warnAtMs, m.breachedAtMs
                                      - qint64(m_settings.notifyBeforeBreachMinutes) * 60000);
    m.warnAtMs = std::max(m.warnAtMs, std::min(e.createdMs, m.breachedAtMs));
    return m;
}

SlaStatus TicketIndex::status(const TicketFacts &f, const QDateTime &at) const
{
    return ResponseClock::status(f.times(), at, m_settings.atRiskFraction);
}

SlaStatus TicketIndex::statusAt(qsizetype at, const QDateTime &instant) const
{
    const Entry &e = m_entries.at(at);
    const auto time = [](qint64 ms) {
        return ms ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime();
    };
    // The clock stops with the status, as it does for the fact (TicketFacts::times()): a
    // resolved or closed ticket never answered is not "breached" by time passing. The entry
    // does not carry merged_into, as factAt() does not: a merged duplicate reads closed here.
    return ResponseClock::status({time(e.createdMs), time(e.dueMs), time(e.firstResponseMs),
                                  clockStop(m_words.at(e.status), false)},
                                 instant, m_settings.atRiskFraction);
}

std::optional<SlaStatus> TicketIndex::status(const QString &id, const QDateTime &at)
{
    const std::optional<TicketFacts> f = fact(id);
    if (!f || !f->dueAt.isValid())
        return std::nullopt;
    return status(*f, at);
}

bool TicketIndex::isUnassignedMostSevere(const TicketFacts &f) const
{
    return SupportDesk::isUnassignedMostSevere(f, *m_catalogs);
}

QList<QDateTime> TicketIndex::quotaTicketTimes(const QString &customerId)
{
    ensureLoaded();
    QList<QDateTime> times;
    const auto code = m_codeOf.constFind(customerId);
    if (m_provisional || code == m_codeOf.constEnd())
        return times;
    QHash<quint64, bool> hasQuota; // by (plan, edition) codes
    for (const Entry &e : std::as_const(m_entries)) {
        if (e.customer != *code)
            continue;
        const quint64 key = (quint64(e.plan) << 32) | e.edition;
        auto it = hasQuota.constFind(key);
        if (it == hasQuota.constEnd()) {
            const PlanCatalog *plan = m_catalogs->plan(m_words.at(e.plan));
            const Edition *edition = plan ? plan->edition(m_words.at(e.edition)) : nullptr;
            it = hasQuota.insert(key, edition && edition->monthlyQuota);
        }
        if (*it)
            times.append(e.createdMs ? QDateTime::fromMSecsSinceEpoch(e.createdMs, Qt::UTC)
                                     : QDateTime());
    }
    return times;
}

QVector<qsizetype> TicketIndex::overQuotaAmong(const QVector<qsizetype> &positions)
{
    ensureLoaded();
    QStringList unread;
    const auto readUnread = [this, &unread] {
        if (unread.isEmpty())
            return;
        if (m_cache && m_cache->isOpen()) {
            for (const Ticket &t : m_cache->ticketsFlagged(unread, TicketFlag::OverQuota))
                m_flagged.insert(t.id, qMakePair(t.flags, t.quotaOverrideReason));
        }
        unread.clear();
    };
    QVector<qsizetype> asked; // the unknown ones, marked once their chunk is read
    for (qsizetype at : positions) {
        if (at < 0 || at >= m_entries.size() || m_flagKnown.testBit(at))
            continue;
        unread.append(idAt(at));
        asked.append(at);
        if (unread.size() == FlagReadChunk)
            readUnread();
    }
    readUnread();
    for (qsizetype at : std::as_const(asked)) {
        m_flagKnown.setBit(at);
        m_flagYes.setBit(at, !m_flagged.isEmpty() && m_flagged.contains(idAt(at)));
    }
    QVector<qsizetype> flagged;
    for (qsizetype at : positions) {
        if (at >= 0 && at < m_entries.size() && m_flagYes.testBit(at))
            flagged.append(at);
    }
    return flagged;
}

QPair<QStringList, QString> TicketIndex::overQuotaFlags(qsizetype at) const
{
    return m_flagged.value(idAt(at));
}

QDateTime TicketIndex::nextMomentAt() const
{
    if (m_schedule.empty())
        return {};
    return QDateTime::fromMSecsSinceEpoch(m_schedule.begin()->first, Qt::UTC);
}

void TicketIndex::unschedule(qsizetype at)
{
    const auto it = m_nextAt.find(at);
    if (it == m_nextAt.end())
        return;
    m_schedule.erase({*it, at});
    m_nextAt.erase(it);
}

// The ticket's next moment after `now`, if time can still change it.
void TicketIndex::schedule(qsizetype at, qint64 now)
{
    const Entry &e = m_entries.at(at);
    qint64 next = NotScheduled;
    if (isRunning(e)) {
        const Moments m = moments(e);
        for (qint64 t : {m.soonAtMs, m.warnAtMs, m.atRiskAtMs, m.breachedAtMs}) {
            if (t > now && (next == NotScheduled || t < next))
                next = t;
        }
    }
    if (next == nextAtOf(at))
        return;
    unschedule(at);
    if (next == NotScheduled)
        return;
    m_schedule.insert({next, at});
    m_nextAt.insert(at, next);
}

void TicketIndex::rescheduleAll()
{
    scheduleAll(nowMs());
    armTimer();
}

void TicketIndex::scheduleAll(qint64 now)
{
    m_schedule.clear();
    m_nextAt.clear();
    for (qsizetype at = 0; at < m_entries.size(); ++at)
        schedule(at, now);
}

void TicketIndex::checkNow()
{
    const qint64 now = nowMs();
    QVector<qsizetype> duePositions;
    while (!m_schedule.empty() && m_schedule.begin()->first <= now) {
        const qsizetype at = m_schedule.begin()->second;
        m_schedule.erase(m_schedule.begin());
        m_nextAt.remove(at);
        duePositions.append(at);
    }
    QStringList due;
    due.reserve(duePositions.size());
    for (qsizetype at : std::as_const(duePositions)) {
        due.append(idAt(at));
        schedule(at, now);
    }
    armTimer();
    if (!due.isEmpty())
        emit momentsPassed(due);
}

void TicketIndex::armTimer()
{
    if (m_schedule.empty()) {
        m_timer.stop();
        return;
    }
    const qint64 wait = std::clamp<qint64>(m_schedule.begin()->first - nowMs(), 0, MaxSleepMs);
    m_timer.start(int(wait));
}

} // namespace SupportDesk
