// store_import.cpp — replacing the store's catalogue: every row of the new catalogue, its texts, its
// occurrences around the import and its search index, written in one transaction that a failure
// rolls back whole, so visitors keep the old catalogue. CatalogueImport takes the rows one piece at
// a time as a streaming read hands them over, and each activity's search document with them
// (SearchIndexFill); replace_catalogue() feeds it a catalogue in memory.
#include "core/storage/store.hpp"

#include "core/base/text_checks.hpp"
#include "core/storage/search_folding.hpp"
#include "core/storage/store_internal.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace lotsen {

using namespace store_internal;

namespace {

// An occurrence the import writes at its end. The occurrences' table is ordered by start time, so
// written activity by activity each row went somewhere inside the b-tree and split its pages
// (callgrind, 2,000 activities: 11,000 instructions a row, against 2,000 for a text); sorted by the
// table's key they are appended, and the index by activity is built once after them. 24 bytes
// each: about 10 MiB at 50,000 activities (eight occurrences each in the window).
struct PendingOccurrence {
    std::int64_t starts = 0;
    std::int64_t local_start = 0;     ///< encode_local()
    std::int32_t activity = 0;        ///< activities.seq (the catalogue's limit keeps it small)
    std::int32_t length = 0;          ///< ends - starts, seconds (one occurrence is at most a day)
};

// How many interests columns (the labels of an activity's interests, joined) an import keeps folded.
constexpr std::size_t k_max_folded_interests = 1024;

// The index the occurrences are written without, as the schema creates it (k_schema_v1).
constexpr const char* k_sql_create_occurrences_by_activity =
    "CREATE INDEX occurrences_by_activity ON occurrences(activity, ends)";

// Prepared statements for one import, so each is compiled once per import, not once per row.
struct ImportStatements {
    Statement interest;
    Statement organisation;
    Statement activity;
    Statement activity_interest;
    Statement activity_language;
    Statement text;
    Statement occurrence;
    Statement image;
    Statement list_text;
};

Result<ImportStatements> prepare_import(sqlite3* db)
{
    const std::array<const char*, 9> sql{
        "INSERT INTO interests(id) VALUES (?1)",
        "INSERT INTO organisations(id, phone, email, web, municipality, reply_days, accepts_contact_requests,"
        " measured_reply_minutes, measured_reply_requests, measured_reply_window_days)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        "INSERT INTO activities(id, organisation_id, town, address, latitude, longitude, cost_sek, drop_in,"
        " accessible, accessibility, audience, schedule, last_checked)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        "INSERT INTO activity_interests(activity, position, interest) VALUES (?1, ?2, ?3)",
        "INSERT INTO activity_languages(activity, position, language) VALUES (?1, ?2, ?3)",
        "INSERT INTO texts(owner, field, language, text) VALUES (?1, ?2, ?3, ?4)",
        k_sql_insert_occurrence,
        "INSERT INTO images(kind, owner, sha256, bytes, width, height, type) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        k_sql_insert_list_text,
    };
    std::vector<Statement> prepared;
    for (const char* text : sql) {
        prepared.push_back(LOTSEN_TRY(Statement::prepare(db, k_subject, text, "preparing the import")));
    }
    return ImportStatements{std::move(prepared[0]), std::move(prepared[1]), std::move(prepared[2]),
                            std::move(prepared[3]), std::move(prepared[4]), std::move(prepared[5]),
                            std::move(prepared[6]), std::move(prepared[7]), std::move(prepared[8])};
}

Result<void> insert_texts(Statement& insert, CharacterSet& characters, std::int64_t owner, TextField field,
                          const LocalizedText& text, std::string_view what)
{
    for (const auto& [language, value] : text.all()) {
        characters.add(value);
        insert.bind(1, owner);
        insert.bind(2, static_cast<int>(field));
        insert.bind_borrowed(3, language);  // `text` outlives the run
        insert.bind_borrowed(4, value);
        LOTSEN_TRY(insert.run(what));
    }
    return success();
}

// An image reference a kiosk can fetch; one only naming a file beside a source is not stored.
Result<void> insert_image(Statement& insert, ImageOwner kind, std::int64_t owner, const std::optional<ImageRef>& image,
                          std::string_view what)
{
    if (!image || !image->resolved())
        return success();
    insert.bind(1, static_cast<int>(kind));
    insert.bind(2, owner);
    insert.bind(3, image->sha256);
    insert.bind(4, image->bytes);
    insert.bind(5, image->width);
    insert.bind(6, image->height);
    insert.bind(7, image->type);
    return insert.run(what);
}

// The connection's settings for the length of an import, put back when it ends, committed or not.
// The page cache: the import writes far more pages than the kiosk's 2 MiB cache holds, and the
// occurrences' b-tree (ordered by start time) and the texts take rows all over: with the small
// cache every such insert spilled a dirty page to the WAL and read another back (perf, 50,000
// activities: 12 % of the import in cache spills and WAL writes). 16 MiB keeps the import's peak
// (≤ 64 MiB) in budget, and the extra pages are freed when the import ends.
// secure_delete: Debian builds SQLite with it on, so every page the import frees (the search
// index's segments merged by 'optimize', the old catalogue's rows) was overwritten with zeros
// first: about 7 % of filling the search index. This file holds only the published catalogue,
// which is public, so nothing is lost by leaving freed pages as they were.
// foreign_keys: every child row the import writes points at a parent it has just written, and an
// activity's organisation is looked up by the import itself (to say which is missing), so SQLite's
// seek per occurrence, list line and link row checked nothing (callgrind: part of a 12 % cut of the
// rows' instructions). PRAGMA foreign_keys does nothing inside a transaction: set before it begins.
// journal_mode: in WAL mode every page an import writes goes to the WAL first and is copied into the
// database by the checkpoint after the commit, so a first import wrote its 250 MB (50,000 activities)
// twice (perf: the commit's checkpoint was 5 % of the import). With a rollback journal a page that
// did not exist before the import is written once, to the database; one that did is written to the
// journal (its old content) and then to the database, as WAL would have. The commit is as atomic and
// as durable (synchronous stays FULL; a crash leaves a hot journal that the next opening rolls back).
// Only where this connection holds the file alone (the kiosk's own opening, locking_mode EXCLUSIVE):
// a reader on another connection would wait on the writer's locks instead of reading the old
// catalogue from the database beside the WAL.
class ImportSettings {
public:
    static constexpr int k_import_cache_kib = 16 * 1024;

    explicit ImportSettings(sqlite3* db) : m_db(db)
    {
        m_kept_cache = read(db, "PRAGMA cache_size", m_kept_cache);
        m_kept_secure_delete = read(db, "PRAGMA secure_delete", m_kept_secure_delete);
        m_kept_foreign_keys = read(db, "PRAGMA foreign_keys", m_kept_foreign_keys);
        set("cache_size", -k_import_cache_kib);
        set("secure_delete", 0);
        set("foreign_keys", 0);
        if (read_text(db, "PRAGMA locking_mode") == "exclusive" && read_text(db, "PRAGMA journal_mode") == "wal")
            m_left_wal = read_text(db, "PRAGMA journal_mode = DELETE") == "delete";
    }
    ImportSettings(ImportSettings&& other) noexcept
        : m_db(std::exchange(other.m_db, nullptr)), m_kept_cache(other.m_kept_cache),
          m_kept_secure_delete(other.m_kept_secure_delete), m_kept_foreign_keys(other.m_kept_foreign_keys),
          m_left_wal(other.m_left_wal)
    {
    }
    ImportSettings& operator=(ImportSettings&&) = delete;
    ImportSettings(const ImportSettings&) = delete;
    ImportSettings& operator=(const ImportSettings&) = delete;
    ~ImportSettings()
    {
        if (m_db != nullptr) {
            set("cache_size", m_kept_cache);
            set("secure_delete", m_kept_secure_delete);
            set("foreign_keys", m_kept_foreign_keys);
            if (m_left_wal && read_text(m_db, "PRAGMA journal_mode = WAL") != "wal")
                std::fprintf(stderr, "lotsen: the catalogue store could not go back to WAL mode after an import: %s\n",
                             sqlite3_errmsg(m_db));
        }
    }

private:
    // A PRAGMA's number, `otherwise` when it cannot be read.
    static int read(sqlite3* db, const char* sql, int otherwise)
    {
        const std::string text = read_text(db, sql);
        int value = otherwise;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        return error == std::errc() && end == text.data() + text.size() ? value : otherwise;
    }

    // A PRAGMA's answer as text, "" when it cannot be read.
    static std::string read_text(sqlite3* db, const char* sql)
    {
        std::string value;
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW
            && sqlite3_column_text(stmt, 0) != nullptr)
            value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        sqlite3_finalize(stmt);
        return value;
    }

    // All are only hints for speed: an import that cannot set them still runs, only slower.
    void set(const char* pragma, int value) const
    {
        const std::string sql = std::string("PRAGMA ") + pragma + " = " + std::to_string(value);
        sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, nullptr);
    }

    sqlite3* m_db = nullptr;
    int m_kept_cache = -2000;        ///< SQLite's default: 2,000 KiB
    int m_kept_secure_delete = 1;    ///< as Debian builds it
    int m_kept_foreign_keys = 1;     ///< as the store opens
    bool m_left_wal = false;         ///< journal_mode was WAL and is DELETE for the import
};

}  // namespace

// What an import holds while it is open: the transaction, the statements, and the ids activities may
// refer to.
struct CatalogueImport::State {
    sqlite3* db = nullptr;
    ImportSettings settings;  ///< before the transaction, so it is put back after the rollback or commit
    Transaction transaction;
    ImportStatements st;
    UnixSeconds window_from = 0;
    UnixSeconds window_to = 0;
    // The foreign key would refuse a dangling organisation too, but without saying which. Its name and
    // logo go into its activities' list lines (list_texts).
    struct Stored {
        LocalizedText name;
        std::optional<ImageRef> logo;
        std::string indexed_name;  ///< the name as the search index's organisation column holds it
        std::string folded_name;   ///< folded_document(indexed_name), made once for all its activities
    };
    std::unordered_map<std::string, Stored> organisations;
    /// An interest's labels as the search index's interests column joins them; `any` false when it has none.
    struct IndexedLabels {
        std::string joined;
        bool any = false;
    };
    std::unordered_map<std::string, IndexedLabels> interest_labels;
    /// folded_document() of an interests column, by the column: a catalogue's activities share a few
    /// dozen combinations of interests. Kept to k_max_folded_interests of them.
    std::unordered_map<std::string, std::string> folded_interests;
    bool interests_written = false;
    // The search index, filled as the activities come: reading their texts back from the rows at the
    // end took a tenth of a 50,000-activity import (group_concat over `texts`, four sub-queries an
    // activity). Begun at the first activity; without one (or when an activity came before the
    // interests, which the sink's contract rules out) finish() indexes the stored rows instead.
    std::optional<SearchIndexFill> index;
    bool index_from_rows = false;
    std::vector<PendingOccurrence> occurrences;  ///< written by finish()
    /// What collect_characters() would read back from the rows written (k_meta_characters): collected
    /// as they are written, since reading every text again took 1.5 % of an import.
    CharacterSet characters;
};

CatalogueImport::CatalogueImport(Store& store, std::unique_ptr<State> state) : m_store(store), m_state(std::move(state)) {}

CatalogueImport::~CatalogueImport() = default;  // an unfinished transaction rolls back

Result<std::unique_ptr<CatalogueImport>> Store::begin_import(UnixSeconds now)
{
    sqlite3* db = m_db.handle();
    ImportSettings settings(db);
    auto transaction =
        LOTSEN_TRY(Transaction::begin(db, k_subject, sqlite::Locking::immediate, "starting the transaction"));
    // Children before parents, so the foreign-key checks find nothing left to point at.
    LOTSEN_TRY(sqlite::exec(db, k_subject,
                    "DELETE FROM occurrences; DELETE FROM activity_interests; DELETE FROM activity_languages;"
                    "DELETE FROM list_texts;"
                    "DELETE FROM texts; DELETE FROM images; DELETE FROM activities; DELETE FROM organisations;"
                    "DELETE FROM interests;",
                    "deleting the old catalogue"));
    ImportStatements statements = LOTSEN_TRY(prepare_import(db));
    auto state = std::unique_ptr<CatalogueImport::State>(new CatalogueImport::State{
        db, std::move(settings), std::move(transaction), std::move(statements), now - expand_days_before * k_seconds_per_day,
        now + expand_days_after * k_seconds_per_day, {}, {}, {}, false, std::nullopt, false, {}, {}});
    return std::unique_ptr<CatalogueImport>(new CatalogueImport(*this, std::move(state)));
}

Result<void> CatalogueImport::interests(const std::vector<Interest>& interests)
{
    if (!m_state)
        return Error{"the import is over", std::string(k_subject)};
    State& s = *m_state;
    for (const Interest& interest : interests.empty() ? default_interests() : interests) {
        const std::string what = "storing interest " + in_quotes(interest.id);
        s.st.interest.bind(1, interest.id);
        LOTSEN_TRY(s.st.interest.run(what));
        LOTSEN_TRY(insert_texts(s.st.text, s.characters, sqlite3_last_insert_rowid(s.db), TextField::interest_label, interest.label, what));
        State::IndexedLabels labels;
        join_texts(labels.joined, labels.any, interest.label);
        s.interest_labels.insert_or_assign(interest.id, std::move(labels));
    }
    s.interests_written = true;
    return success();
}

Result<void> CatalogueImport::organisation(Organisation organisation)
{
    if (!m_state)
        return Error{"the import is over", std::string(k_subject)};
    State& s = *m_state;
    const std::string what = "storing organisation " + in_quotes(organisation.id);
    s.st.organisation.bind(1, organisation.id);
    s.characters.add(organisation.contact.phone);
    s.characters.add(organisation.contact.email);
    s.st.organisation.bind(2, organisation.contact.phone);
    s.st.organisation.bind(3, organisation.contact.email);
    s.st.organisation.bind(4, organisation.contact.web);
    s.st.organisation.bind(5, organisation.municipality);
    s.st.organisation.bind(6, organisation.reply_days);
    s.st.organisation.bind(7, organisation.accepts_contact_requests);
    if (const auto& measured = organisation.measured_reply) {
        s.st.organisation.bind(8, measured->median_minutes);
        s.st.organisation.bind(9, measured->requests);
        s.st.organisation.bind(10, measured->window_days);
    } else {
        for (int column = 8; column <= 10; ++column)
            s.st.organisation.bind_null(column);
    }
    LOTSEN_TRY(s.st.organisation.run(what));
    const std::int64_t seq = sqlite3_last_insert_rowid(s.db);
    LOTSEN_TRY(insert_texts(s.st.text, s.characters, seq, TextField::organisation_name, organisation.name, what));
    LOTSEN_TRY(insert_texts(s.st.text, s.characters, seq, TextField::organisation_description, organisation.description, what));
    LOTSEN_TRY(insert_texts(s.st.text, s.characters, seq, TextField::organisation_needs, organisation.needs, what));
    LOTSEN_TRY(insert_texts(s.st.text, s.characters, seq, TextField::organisation_offers, organisation.offers, what));
    LOTSEN_TRY(insert_image(s.st.image, ImageOwner::organisation, seq, organisation.logo, what));
    std::string indexed_name;
    bool any = false;
    join_texts(indexed_name, any, organisation.name);
    std::string folded_name = folded_document(indexed_name);
    s.organisations.insert_or_assign(std::move(organisation.id), State::Stored{std::move(organisation.name),
                                                                               std::move(organisation.logo),
                                                                               std::move(indexed_name),
                                                                               std::move(folded_name)});
    return success();
}

Result<void> CatalogueImport::activity(Activity activity)
{
    if (!m_state)
        return Error{"the import is over", std::string(k_subject)};
    State& s = *m_state;
    const auto organisation = s.organisations.find(activity.organisation_id);
    if (organisation == s.organisations.end()) {
        return Error{"activity " + in_quotes(activity.id) + " refers to organisation " + in_quotes(activity.organisation_id) +
                     ", which the catalogue does not contain"};
    }
    const std::string what = "storing activity " + in_quotes(activity.id);
    const bool accessible = std::find(activity.accessibility.begin(), activity.accessibility.end(), "wheelchair") !=
                            activity.accessibility.end();
    s.st.activity.bind(1, activity.id);
    s.st.activity.bind(2, activity.organisation_id);
    s.characters.add(activity.place.town);
    s.characters.add(activity.place.address);
    s.st.activity.bind(3, activity.place.town);
    s.st.activity.bind(4, activity.place.address);
    s.st.activity.bind(5, activity.place.latitude);
    s.st.activity.bind(6, activity.place.longitude);
    s.st.activity.bind(7, activity.cost.sek);
    s.st.activity.bind(8, activity.drop_in);
    s.st.activity.bind(9, accessible);
    s.st.activity.bind(10, strings_to_json(activity.accessibility));
    s.st.activity.bind(11, audience_to_json(activity.audience));
    s.st.activity.bind(12, schedule_to_json(activity.schedule));
    s.st.activity.bind(13, activity.last_checked ? std::optional<std::string>(activity.last_checked->to_string())
                                                 : std::nullopt);
    LOTSEN_TRY(s.st.activity.run(what));
    const std::int64_t seq = sqlite3_last_insert_rowid(s.db);

    LOTSEN_TRY(insert_texts(s.st.text, s.characters, seq, TextField::activity_title, activity.title, what));
    LOTSEN_TRY(insert_texts(s.st.text, s.characters, seq, TextField::activity_description, activity.description, what));
    LOTSEN_TRY(insert_texts(s.st.text, s.characters, seq, TextField::place_name, activity.place.name, what));
    LOTSEN_TRY(insert_texts(s.st.text, s.characters, seq, TextField::cost_note, activity.cost.note, what));
    LOTSEN_TRY(insert_texts(s.st.text, s.characters, seq, TextField::place_how_to_find_us, activity.place.how_to_find_us, what));
    LOTSEN_TRY(insert_image(s.st.image, ImageOwner::activity, seq, activity.image, what));
    const std::optional<ImageRef>& logo = organisation->second.logo;
    const ImageRef* image = activity.image && activity.image->resolved() ? &*activity.image
                            : logo && logo->resolved()                   ? &*logo
                                                                         : nullptr;
    LOTSEN_TRY(insert_list_texts(s.st.list_text, seq, activity.title, activity.place.name, organisation->second.name,
                                 image, what));
    for (std::size_t i = 0; i < activity.interests.size(); ++i) {
        s.st.activity_interest.bind(1, seq);
        s.st.activity_interest.bind(2, static_cast<std::int64_t>(i));
        s.st.activity_interest.bind(3, activity.interests[i]);
        LOTSEN_TRY(s.st.activity_interest.run(what));
    }
    for (std::size_t i = 0; i < activity.languages.size(); ++i) {
        s.st.activity_language.bind(1, seq);
        s.st.activity_language.bind(2, static_cast<std::int64_t>(i));
        s.st.activity_language.bind(3, activity.languages[i]);
        LOTSEN_TRY(s.st.activity_language.run(what));
    }
    LOTSEN_TRY(index_activity(seq, activity, organisation->second.indexed_name, organisation->second.folded_name));
    for (const Occurrence& occurrence : expand(activity.schedule, s.window_from, s.window_to)) {
        s.occurrences.push_back(PendingOccurrence{occurrence.start, encode_local(occurrence.local_start),
                                                  static_cast<std::int32_t>(seq),
                                                  static_cast<std::int32_t>(occurrence.end - occurrence.start)});
    }
    return success();
}

// The activity's search document, as fill_from_rows (store_search_index.cpp) reads it from the rows
// this import has just written for it.
Result<void> CatalogueImport::index_activity(std::int64_t seq, const Activity& activity, const std::string& organisation,
                                             const std::string& folded_organisation)
{
    State& s = *m_state;
    if (!s.interests_written)
        s.index_from_rows = true;
    if (s.index_from_rows)
        return success();
    if (!s.index)
        s.index = LOTSEN_TRY(SearchIndexFill::begin(s.db, k_search_tables));
    SearchDocument document;
    document.seq = seq;
    bool any = false;
    join_texts(document.texts[0], any, activity.title);
    any = false;
    join_texts(document.texts[1], any, activity.description);
    document.texts[2] = organisation;
    document.folded[2] = folded_organisation;
    any = false;
    for (const std::string& interest : activity.interests) {
        const auto labels = s.interest_labels.find(interest);
        if (labels == s.interest_labels.end() || !labels->second.any)
            continue;  // the join over `interests` and `texts` finds nothing for it either
        if (any)
            document.texts[3] += '\n';
        document.texts[3] += labels->second.joined;
        any = true;
    }
    if (const auto known = s.folded_interests.find(document.texts[3]); known != s.folded_interests.end()) {
        document.folded[3] = known->second;
    } else {
        document.folded[3] = folded_document(document.texts[3]);
        if (s.folded_interests.size() < k_max_folded_interests)
            s.folded_interests.emplace(document.texts[3], *document.folded[3]);
    }
    return s.index->add(std::move(document));
}

// The occurrences in the order of their table's key (start, activity); of two with the same key the
// one expanded first stays, as INSERT OR IGNORE kept it when they were written as they came.
Result<void> CatalogueImport::write_occurrences()
{
    State& s = *m_state;
    std::stable_sort(s.occurrences.begin(), s.occurrences.end(), [](const PendingOccurrence& a, const PendingOccurrence& b) {
        return a.starts != b.starts ? a.starts < b.starts : a.activity < b.activity;
    });
    LOTSEN_TRY(sqlite::exec(s.db, k_subject, "DROP INDEX occurrences_by_activity", "storing occurrences"));
    for (const PendingOccurrence& occurrence : s.occurrences) {
        s.st.occurrence.bind(1, static_cast<std::int64_t>(occurrence.activity));
        s.st.occurrence.bind(2, occurrence.starts);
        s.st.occurrence.bind(3, occurrence.starts + occurrence.length);
        s.st.occurrence.bind(4, occurrence.local_start);
        if (auto stored = s.st.occurrence.run("storing occurrences"); !stored) {
            // Said as when they were written activity by activity: whose they are.
            auto id = Statement::prepare(s.db, k_subject, "SELECT id FROM activities WHERE seq = ?1", "storing occurrences");
            if (id) {
                id.value().bind(1, static_cast<std::int64_t>(occurrence.activity));
                if (auto found = id.value().step("storing occurrences"); found && found.value()) {
                    Error error = stored.error();
                    error.message.replace(0, std::string_view("storing occurrences").size(),
                                          "storing occurrences of activity " + in_quotes(id.value().text(0)));
                    return error;
                }
            }
            return stored.error();
        }
    }
    std::vector<PendingOccurrence>().swap(s.occurrences);  // the memory back before the search index
    return sqlite::exec(s.db, k_subject, k_sql_create_occurrences_by_activity, "storing occurrences");
}

Result<void> CatalogueImport::finish(std::int64_t version, const std::string& published)
{
    if (!m_state)
        return Error{"the import is over", std::string(k_subject)};
    State& s = *m_state;
    if (!s.interests_written)
        LOTSEN_TRY(interests({}));
    LOTSEN_TRY(write_occurrences());
    if (s.index)
        LOTSEN_TRY(s.index->finish());
    else
        LOTSEN_TRY(rebuild_search_index(s.db));
    LOTSEN_TRY(write_meta(s.db, k_meta_catalogue_version, version));
    LOTSEN_TRY(write_meta(s.db, k_meta_catalogue_published, published));
    LOTSEN_TRY(write_meta(s.db, k_meta_window_from, s.window_from));
    LOTSEN_TRY(write_meta(s.db, k_meta_window_to, s.window_to));
    LOTSEN_TRY(write_meta(s.db, k_meta_characters, s.characters.utf8()));
    // Over either way: a failed commit is rolled back, and the import takes nothing more.
    const std::unique_ptr<State> done = std::move(m_state);
    return done->transaction.commit("committing");
}

Error CatalogueImport::abandon(std::int64_t version, const Error& why)
{
    m_state.reset();  // rolled back here, before the version that stays is read
    return m_store.import_failed(version, why);
}

Error Store::import_failed(std::int64_t version, const Error& why)
{
    Error failure = with_context("replacing the catalogue with version " + std::to_string(version) + " failed: ", why);
    // Read after the rollback: this is what visitors keep seeing.
    if (auto kept = catalogue_version(); kept && kept.value() > 0)
        failure.message += "; catalogue version " + std::to_string(kept.value()) + " stays in use";
    else
        failure.message += "; the store stays without a catalogue";
    return failure;
}

Result<void> Store::replace_catalogue(const Catalogue& catalogue, UnixSeconds now)
{
    auto import = begin_import(now);
    if (!import)
        return import_failed(catalogue.version, import.error());
    if (auto fed = feed_catalogue(catalogue, *import.value()); !fed)
        return import.value()->abandon(catalogue.version, fed.error());
    if (auto finished = import.value()->finish(catalogue.version, catalogue.published); !finished)
        return import.value()->abandon(catalogue.version, finished.error());
    return success();
}

}  // namespace lotsen
