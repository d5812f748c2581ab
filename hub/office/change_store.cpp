// change_store.cpp — the queries on catalogue_changes and association_trust (change_store.hpp).
#include "hub/office/change_store.hpp"

#include "core/sqlite/sqlite_db.hpp"

#include <sqlite3.h>

namespace lotsen::hub::office {

namespace {

using sqlite::Statement;
using sqlite::Transaction;

constexpr std::string_view k_subject = "office store";

constexpr const char* k_change_columns =
    "id, organisation_id, part, summary, state, revision, submitted_by, submitted_at, decided_by, decided_at, reason, "
    "catalogue_version";

ChangeState state_from(std::string_view name)
{
    if (name == "approved")
        return ChangeState::approved;
    if (name == "rejected")
        return ChangeState::rejected;
    if (name == "published")
        return ChangeState::published;
    return ChangeState::pending;
}

CatalogueChange read_change(const Statement& s)
{
    CatalogueChange change;
    change.id = s.int64(0);
    change.organisation_id = std::string(s.text(1));
    change.part = std::string(s.text(2));
    change.summary = std::string(s.text(3));
    change.state = state_from(s.text(4));
    change.revision = s.int64(5);
    change.submitted_by = s.int64(6);
    change.submitted_at = s.int64(7);
    if (!s.is_null(8))
        change.decided_by = s.int64(8);
    if (!s.is_null(9))
        change.decided_at = s.int64(9);
    change.reason = std::string(s.text(10));
    if (!s.is_null(11))
        change.catalogue_version = s.int64(11);
    return change;
}

Result<std::vector<CatalogueChange>> select_changes(sqlite3* db, const std::string& where_and_order,
                                                    const std::vector<std::string>& texts, std::optional<std::int64_t> number)
{
    auto s = LOTSEN_TRY(Statement::prepare(
        db, k_subject, (std::string("SELECT ") + k_change_columns + " FROM catalogue_changes " + where_and_order).c_str(),
        "preparing to read catalogue changes"));
    int index = 1;
    for (const std::string& text : texts)
        s.bind(index++, text);
    if (number)
        s.bind(index, *number);
    std::vector<CatalogueChange> changes;
    while (LOTSEN_TRY(s.step("reading catalogue changes")))
        changes.push_back(read_change(s));
    return changes;
}

// Binds what a submission writes into a catalogue_changes row: ?2 the part, ?3 the summary line, ?4 the
// user and ?5 the time (?1 and any later parameter are the caller's).
void bind_submission(Statement& s, const std::string& part, const std::string& summary_line, std::int64_t user_id,
                     UnixSeconds now)
{
    s.bind(2, part);
    s.bind(3, summary_line);
    s.bind(4, user_id);
    s.bind(5, now);
}

// Inserts a change of an association's part: a pending one, or (with `published_version`) one the office
// published at once, decided by its sender; returns its id.
Result<std::int64_t> insert_change(sqlite3* db, const std::string& organisation_id, const std::string& part,
                                   const std::string& summary_line, std::int64_t user_id, UnixSeconds now,
                                   std::optional<std::int64_t> published_version)
{
    auto s = LOTSEN_TRY(Statement::prepare(
        db, k_subject,
        published_version ? "INSERT INTO catalogue_changes(organisation_id, part, summary, state, submitted_by, submitted_at, "
                            "decided_by, decided_at, catalogue_version) VALUES (?1, ?2, ?3, 'published', ?4, ?5, ?4, ?5, ?6)"
                          : "INSERT INTO catalogue_changes(organisation_id, part, summary, state, submitted_by, submitted_at) "
                            "VALUES (?1, ?2, ?3, 'pending', ?4, ?5)",
        published_version ? "preparing to record a published change" : "preparing to store a change"));
    s.bind(1, organisation_id);
    bind_submission(s, part, summary_line, user_id, now);
    if (published_version)
        s.bind(6, *published_version);
    LOTSEN_TRY(s.run((published_version ? "recording a published change of " : "storing a change of ") + organisation_id));
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db));
}

std::optional<CatalogueChange> first(std::vector<CatalogueChange> changes)
{
    if (changes.empty())
        return std::nullopt;
    return std::move(changes.front());
}

}  // namespace

const char* change_state_name(ChangeState state)
{
    switch (state) {
    case ChangeState::pending: return "pending";
    case ChangeState::approved: return "approved";
    case ChangeState::rejected: return "rejected";
    case ChangeState::published: return "published";
    }
    return "pending";
}

Result<std::optional<CatalogueChange>> ChangeStore::pending(const std::string& organisation_id)
{
    return first(LOTSEN_TRY(select_changes(m_hub.connection(), "WHERE organisation_id = ?1 AND state = 'pending'",
                                           {organisation_id}, std::nullopt)));
}

Result<std::vector<CatalogueChange>> ChangeStore::pending_changes()
{
    return select_changes(m_hub.connection(), "WHERE state = 'pending' ORDER BY submitted_at, id", {}, std::nullopt);
}

Result<std::optional<CatalogueChange>> ChangeStore::change(std::int64_t id)
{
    return first(LOTSEN_TRY(select_changes(m_hub.connection(), "WHERE id = ?1", {}, id)));
}

Result<std::optional<CatalogueChange>> ChangeStore::latest_decided(const std::string& organisation_id)
{
    return first(LOTSEN_TRY(select_changes(m_hub.connection(),
                                           "WHERE organisation_id = ?1 AND state <> 'pending' ORDER BY id DESC LIMIT 1",
                                           {organisation_id}, std::nullopt)));
}

Result<std::vector<CatalogueChange>> ChangeStore::recent_decisions(int limit)
{
    return select_changes(m_hub.connection(), "WHERE state <> 'pending' ORDER BY id DESC LIMIT ?1", {}, limit);
}

Result<std::int64_t> ChangeStore::save_pending(const std::string& organisation_id, const std::string& part,
                                               const std::string& summary_line, std::int64_t user_id, UnixSeconds now)
{
    sqlite3* db = m_hub.connection();
    auto transaction = LOTSEN_TRY(Transaction::begin(db, k_subject, sqlite::Locking::immediate, "starting to save a change"));
    const std::optional<CatalogueChange> existing = LOTSEN_TRY(pending(organisation_id));
    std::int64_t id = 0;
    if (existing) {
        auto s = LOTSEN_TRY(Statement::prepare(
            db, k_subject,
            "UPDATE catalogue_changes SET part = ?2, summary = summary || char(10) || ?3, revision = revision + 1, "
            "submitted_by = ?4, submitted_at = ?5 WHERE id = ?1",
            "preparing to update a pending change"));
        s.bind(1, existing->id);
        bind_submission(s, part, summary_line, user_id, now);
        LOTSEN_TRY(s.run("updating the pending change of " + organisation_id));
        id = existing->id;
    } else {
        id = LOTSEN_TRY(insert_change(db, organisation_id, part, summary_line, user_id, now, std::nullopt));
    }
    LOTSEN_TRY(transaction.commit("committing the change"));
    return id;
}

Result<std::int64_t> ChangeStore::record_published(const std::string& organisation_id, const std::string& part,
                                                   const std::string& summary_line, std::int64_t user_id, UnixSeconds now,
                                                   std::int64_t version)
{
    return insert_change(m_hub.connection(), organisation_id, part, summary_line, user_id, now, version);
}

Result<bool> ChangeStore::decide(std::int64_t id, std::int64_t revision, ChangeState state, std::int64_t user_id,
                                 UnixSeconds now, const std::string& reason, std::optional<std::int64_t> version)
{
    auto s = LOTSEN_TRY(Statement::prepare(
        m_hub.connection(), k_subject,
        "UPDATE catalogue_changes SET state = ?3, decided_by = ?4, decided_at = ?5, reason = ?6, catalogue_version = ?7 "
        "WHERE id = ?1 AND revision = ?2 AND state = 'pending'",
        "preparing to decide a change"));
    s.bind(1, id);
    s.bind(2, revision);
    s.bind(3, change_state_name(state));
    s.bind(4, user_id);
    s.bind(5, now);
    s.bind(6, reason);
    s.bind(7, version);
    LOTSEN_TRY(s.run("deciding change " + std::to_string(id)));
    return sqlite3_changes(m_hub.connection()) == 1;
}

Result<bool> ChangeStore::trusted(const std::string& organisation_id)
{
    auto s = LOTSEN_TRY(Statement::prepare(m_hub.connection(), k_subject,
                                           "SELECT trusted FROM association_trust WHERE organisation_id = ?1",
                                           "preparing to read a trust"));
    s.bind(1, organisation_id);
    if (!LOTSEN_TRY(s.step("reading the trust of " + organisation_id)))
        return false;
    return s.int64(0) != 0;
}

Result<void> ChangeStore::set_trusted(const std::string& organisation_id, bool trusted, std::int64_t user_id, UnixSeconds now)
{
    auto s = LOTSEN_TRY(Statement::prepare(
        m_hub.connection(), k_subject,
        "INSERT INTO association_trust(organisation_id, trusted, set_by, set_at) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT(organisation_id) DO UPDATE SET trusted = excluded.trusted, set_by = excluded.set_by, "
        "set_at = excluded.set_at",
        "preparing to set a trust"));
    s.bind(1, organisation_id);
    s.bind(2, trusted);
    s.bind(3, user_id);
    s.bind(4, now);
    return s.run("setting the trust of " + organisation_id);
}

Result<std::map<std::string, bool>> ChangeStore::trust_list()
{
    auto s = LOTSEN_TRY(Statement::prepare(m_hub.connection(), k_subject,
                                           "SELECT organisation_id, trusted FROM association_trust ORDER BY organisation_id",
                                           "preparing to list trusts"));
    std::map<std::string, bool> out;
    while (LOTSEN_TRY(s.step("listing trusts")))
        out.emplace(std::string(s.text(0)), s.int64(1) != 0);
    return out;
}

}  // namespace lotsen::hub::office
