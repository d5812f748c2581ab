// test_store.cpp — the SQLite store: opening and migrating, catalogue round trips, atomic
// replacement seen from a second connection, upcoming() filters and ordering, DST-correct
// occurrences, the shared occurrence window, integrity. Every test uses a file in its own temp dir.
//
// Instants were computed outside the code under test, with
// TZ=Europe/Stockholm date -d "2026-06-02 18:00" +%s and so on.
#include "core/storage/store.hpp"
#include "core/catalogue/synthetic.hpp"
#include "tests/common/files.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include <algorithm>
#include <array>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

namespace lotsen {
namespace {

namespace fs = std::filesystem;

constexpr UnixSeconds k_day = 86400;
constexpr UnixSeconds k_now = 1780300800;         // Mon 2026-06-01 10:00 CEST
constexpr UnixSeconds k_promenad_1 = 1780416000;  // Tue 2026-06-02 18:00 CEST
constexpr UnixSeconds k_promenad_2 = 1781020800;  // Tue 2026-06-09 18:00 CEST
constexpr UnixSeconds k_stickcafe_1 = 1780488000; // Wed 2026-06-03 14:00 CEST
constexpr UnixSeconds k_samtal_1 = 1780560000;    // Thu 2026-06-04 10:00 CEST

Date date(const char* text)
{
    return Date::parse(text).value();
}

TimeOfDay at(int hour, int minute = 0)
{
    return TimeOfDay{hour * 60 + minute};
}

LocalizedText text(TextMap map)
{
    return LocalizedText(std::move(map));
}

Catalogue make_catalogue(std::int64_t version = 1)
{
    Catalogue catalogue;
    catalogue.version = version;
    catalogue.published = "2026-05-30T08:00:00Z";
    catalogue.interests = {
        Interest{"outdoors", text({{"sv", "Friluftsliv"}, {"en", "Outdoors"}})},
        Interest{"crafts", text({{"sv", "Hantverk"}, {"en", "Crafts"}})},
        Interest{"talk", text({{"sv", "Samtalsgrupper"}, {"en", "Talk groups"}, {"ti", "ጉጅለ ዘተ"}})},
    };

    Organisation naturvan;
    naturvan.id = "naturvan";
    naturvan.name = text({{"sv", "Naturvännerna Halmstad"}, {"en", "Friends of Nature Halmstad"}});
    naturvan.description = text({{"sv", "Vi går ut i naturen varje vecka."}});
    naturvan.contact = PublicContact{"035-12 34 56", "info@naturvan.example", "https://naturvan.example"};
    naturvan.municipality = "Halmstad";
    naturvan.reply_days = 3;
    naturvan.accepts_contact_requests = true;

    Organisation stickklubben;
    stickklubben.id = "stickklubben";
    stickklubben.name = text({{"sv", "Stickklubben Varberg"}});
    stickklubben.municipality = "Varberg";
    catalogue.organisations = {naturvan, stickklubben};

    Activity promenad;
    promenad.id = "promenad";
    promenad.organisation_id = "naturvan";
    promenad.title = text({{"sv", "Promenad längs Nissan"}, {"en", "Walk along the Nissan"}});
    promenad.description = text({{"sv", "Vi går i lugn takt."}, {"ar", "نمشي بهدوء."}});
    promenad.interests = {"outdoors"};
    promenad.schedule.weekly = {WeeklyRule{2, at(18), at(19, 30), date("2026-01-01"), date("2026-12-31"), 1}};
    promenad.schedule.dates = {SingleDate{date("2026-06-20"), at(10), at(12)}};
    promenad.schedule.cancelled = {date("2026-06-16")};
    promenad.place = Place{text({{"sv", "Picassoparken"}}), "Strandgatan 1", "Halmstad", 56.6745, 12.8578, {}};
    promenad.cost = Cost{0, {}};
    promenad.languages = {"sv", "en"};
    promenad.accessibility = {"hearing-loop", "wheelchair"};
    promenad.audience = Audience{{"everyone", "seniors"}, 16, std::nullopt};
    promenad.drop_in = true;

    Activity stickcafe;
    stickcafe.id = "stickcafe";
    stickcafe.organisation_id = "stickklubben";
    stickcafe.title = text({{"sv", "Stickcafé"}, {"ar", "مقهى الحياكة"}});
    stickcafe.interests = {"crafts", "talk"};
    stickcafe.schedule.weekly = {WeeklyRule{3, at(14), at(16), date("2026-01-07"), date("2026-12-30"), 1}};
    stickcafe.place = Place{text({{"sv", "Biblioteket"}}), "Engelbrektsgatan 7", "Varberg", std::nullopt, std::nullopt, {}};
    stickcafe.cost = Cost{20, text({{"sv", "Fika 20 kr"}, {"en", "Coffee 20 SEK"}})};
    stickcafe.languages = {"sv", "ar"};
    stickcafe.accessibility = {"quiet-space"};
    stickcafe.audience = Audience{{"adults"}, std::nullopt, 99};
    stickcafe.drop_in = false;

    Activity samtal;
    samtal.id = "samtal";
    samtal.organisation_id = "naturvan";
    samtal.title = text({{"sv", "Samtal i det gröna"}, {"ti", "ዘተ"}});
    samtal.interests = {"talk"};
    samtal.schedule.weekly = {WeeklyRule{4, at(10), at(11, 30), date("2026-06-04"), date("2026-12-31"), 2}};
    samtal.place = Place{text({{"sv", "Galgberget"}}), "", "Halmstad", std::nullopt, std::nullopt, {}};
    samtal.languages = {"sv", "ti"};
    samtal.accessibility = {"wheelchair"};
    samtal.drop_in = false;

    // Only in October, across the end of summer time, far outside the first window.
    Activity kvallsfika;
    kvallsfika.id = "kvallsfika";
    kvallsfika.organisation_id = "stickklubben";
    kvallsfika.title = text({{"sv", "Kvällsfika"}});
    kvallsfika.interests = {"talk"};
    kvallsfika.schedule.weekly = {WeeklyRule{7, at(18), at(20), date("2026-10-18"), date("2026-11-01"), 1}};
    kvallsfika.place = Place{text({{"sv", "Torget"}}), "", "Falkenberg", std::nullopt, std::nullopt, {}};
    kvallsfika.languages = {"en"};
    kvallsfika.drop_in = true;

    catalogue.activities = {promenad, stickcafe, samtal, kvallsfika};
    return catalogue;
}

std::vector<std::string> ids(const std::vector<ActivityListItem>& items)
{
    std::vector<std::string> result;
    for (const ActivityListItem& item : items)
        result.push_back(item.activity_id);
    return result;
}

std::vector<UnixSeconds> starts(const std::vector<ActivityListItem>& items)
{
    std::vector<UnixSeconds> result;
    for (const ActivityListItem& item : items)
        result.push_back(item.occurrence ? item.occurrence->start : -1);
    return result;
}

// A raw SQLite connection for looking at the file behind the Store's back.
class RawDb {
public:
    explicit RawDb(const fs::path& path)
    {
        EXPECT_EQ(sqlite3_open(path.c_str(), &m_db), SQLITE_OK);
        sqlite3_busy_timeout(m_db, 5000);
    }
    ~RawDb() { sqlite3_close(m_db); }
    RawDb(const RawDb&) = delete;
    RawDb& operator=(const RawDb&) = delete;

    void exec(const std::string& sql)
    {
        char* message = nullptr;
        EXPECT_EQ(sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK)
            << sql << ": " << (message ? message : "");
        sqlite3_free(message);
    }

    // The first column of the first row as text ("" when there is none).
    std::string scalar(const std::string& sql)
    {
        sqlite3_stmt* stmt = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(m_db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
        std::string value;
        if (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr)
            value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        sqlite3_finalize(stmt);
        return value;
    }

private:
    sqlite3* m_db = nullptr;
};

// Turns a current database back into a version-1 one: the same catalogue tables, no search index
// (and none of what later versions added), user_version 1. Opening it again migrates it.
void turn_back_to_version_1(const fs::path& path)
{
    RawDb raw(path);
    raw.exec("DROP TABLE search_all_folded; DROP TABLE search_all_exact; DROP TABLE search_names_folded;"
             "DROP TABLE search_names_exact; DROP TABLE images; ALTER TABLE organisations DROP COLUMN "
             "measured_reply_minutes; ALTER TABLE organisations DROP COLUMN measured_reply_requests; "
             "ALTER TABLE organisations DROP COLUMN measured_reply_window_days; "
             "ALTER TABLE activities DROP COLUMN last_checked; DROP TABLE list_texts;"
             "PRAGMA user_version = 1;");
}

class StoreTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path()
                / ("lotsen-store-" + std::string(info->name()) + "-" + std::to_string(::getpid()));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        m_path = m_dir / "lotsen.db";
    }
    void TearDown() override { fs::remove_all(m_dir); }

    std::unique_ptr<Store> open_store()
    {
        auto store = Store::open(m_path.string());
        EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().text());
        return store.ok() ? std::move(store.value()) : nullptr;
    }

    std::unique_ptr<Store> open_with_catalogue(const Catalogue& catalogue = make_catalogue())
    {
        auto store = open_store();
        if (store) {
            auto replaced = store->replace_catalogue(catalogue, k_now);
            EXPECT_TRUE(replaced.ok()) << (replaced.ok() ? "" : replaced.error().text());
        }
        return store;
    }

    std::vector<ActivityListItem> upcoming(Store& store, UpcomingQuery query)
    {
        auto items = store.upcoming(query);
        EXPECT_TRUE(items.ok()) << (items.ok() ? "" : items.error().text());
        return items.ok() ? items.value() : std::vector<ActivityListItem>{};
    }

    static UpcomingQuery week(ActivityFilter filter = {}, std::optional<Nearby> near = std::nullopt)
    {
        return UpcomingQuery{k_now, k_now + 7 * k_day, std::move(filter), std::move(near), 500};
    }

    fs::path m_dir;
    fs::path m_path;
};

// ---- opening and migrating ---------------------------------------------------------------------

TEST_F(StoreTest, FreshDatabaseIsAtCurrentVersionInWalMode)
{
    auto store = open_store();
    ASSERT_TRUE(store);
    EXPECT_EQ(Store::current_schema_version(), 7);
    EXPECT_EQ(store->schema_version(), 7);
    RawDb raw(m_path);
    EXPECT_EQ(raw.scalar("PRAGMA user_version"), "7");
    EXPECT_EQ(raw.scalar("PRAGMA journal_mode"), "wal");
    auto version = store->catalogue_version();
    ASSERT_TRUE(version.ok());
    EXPECT_EQ(version.value(), 0);
    auto count = store->activity_count();
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(count.value(), 0);
}

TEST_F(StoreTest, ReopeningIsIdempotentAndKeepsTheCatalogue)
{
    open_with_catalogue();
    auto store = open_store();  // the first Store is gone; this one must not migrate or wipe anything
    ASSERT_TRUE(store);
    EXPECT_EQ(store->schema_version(), Store::current_schema_version());
    EXPECT_EQ(store->catalogue_version().value(), 1);
    EXPECT_EQ(store->activity_count().value(), 4);
    auto again = open_store();
    ASSERT_TRUE(again);
    EXPECT_EQ(again->activity_count().value(), 4);
}

TEST_F(StoreTest, InMemoryStoreWorks)
{
    auto store = Store::open(":memory:");
    ASSERT_TRUE(store.ok()) << store.error().text();
    ASSERT_TRUE(store.value()->replace_catalogue(make_catalogue(), k_now).ok());
    EXPECT_EQ(store.value()->activity_count().value(), 4);
}

TEST_F(StoreTest, NewerDatabaseIsRefusedAndLeftAlone)
{
    open_store();
    {
        RawDb raw(m_path);
        raw.exec("PRAGMA user_version = 99");
    }
    auto store = Store::open(m_path.string());
    ASSERT_FALSE(store.ok());
    EXPECT_NE(store.error().text().find("schema version 99"), std::string::npos) << store.error().text();
    EXPECT_NE(store.error().text().find("newer"), std::string::npos) << store.error().text();
    EXPECT_NE(store.error().text().find(m_path.string()), std::string::npos) << store.error().text();
    RawDb raw(m_path);
    EXPECT_EQ(raw.scalar("PRAGMA user_version"), "99");
}

TEST_F(StoreTest, UnopenablePathIsAnError)
{
    const std::string path = (m_dir / "no-such-dir" / "lotsen.db").string();
    auto store = Store::open(path);
    ASSERT_FALSE(store.ok());
    EXPECT_NE(store.error().text().find(path), std::string::npos) << store.error().text();
    EXPECT_NE(store.error().text().find("unable to open"), std::string::npos) << store.error().text();
}

TEST_F(StoreTest, GarbageFileIsRefused)
{
    {
        std::ofstream out(m_path, std::ios::binary);
        out << std::string(8192, 'x');
    }
    auto store = Store::open(m_path.string());
    ASSERT_FALSE(store.ok());
    EXPECT_NE(store.error().text().find("not a database"), std::string::npos) << store.error().text();
}

// Version 1 had the catalogue tables but no search index. Turning a current database back into
// exactly that (same tables, user_version 1) and reopening must rebuild the index from the rows.
TEST_F(StoreTest, MigratesVersion1DatabaseAndIndexesItsCatalogue)
{
    open_with_catalogue();
    turn_back_to_version_1(m_path);
    auto store = open_store();
    ASSERT_TRUE(store);
    EXPECT_EQ(store->schema_version(), 7);
    EXPECT_EQ(store->catalogue_version().value(), 1);
    auto hits = store->search("promenad", k_now);
    ASSERT_TRUE(hits.ok()) << hits.error().text();
    EXPECT_EQ(ids(hits.value()), std::vector<std::string>{"promenad"});
    // Organisation names and interest labels are indexed by the migration too.
    auto by_organisation = ids(store->search("Stickklubben", k_now).value());
    std::sort(by_organisation.begin(), by_organisation.end());
    EXPECT_EQ(by_organisation, (std::vector<std::string>{"kvallsfika", "stickcafe"}));
    EXPECT_TRUE(store->check_integrity().ok());
}

// An import indexes each activity as it comes (the documents it hands the search index); a migration
// indexes the stored rows. Both must give every table the same words at the same places: every
// instance (term, activity, column, offset) of an import of a synthetic catalogue (seven languages,
// Arabic among them, more activities than one chunk of the fill) is kept aside, the database turned
// back into version 1 and migrated, and the tables compared both ways.
TEST_F(StoreTest, ImportIndexesWhatAMigrationIndexesFromTheRows)
{
    SyntheticSpec spec;
    spec.activities = 530;
    spec.organisations = 30;
    spec.seed = 7;
    open_with_catalogue(generate_synthetic_catalogue(spec));
    constexpr std::array<const char*, 4> tables{"search_all_folded", "search_all_exact", "search_names_folded",
                                                "search_names_exact"};
    auto view = [](const char* table) { return std::string("temp.vocab_") + table; };
    {
        RawDb raw(m_path);
        for (const char* table : tables) {
            raw.exec("CREATE VIRTUAL TABLE " + view(table) + " USING fts5vocab(main, " + table + ", instance);"
                     "CREATE TABLE kept_" + table + " AS SELECT term, doc, col, offset FROM " + view(table));
            EXPECT_GT(std::stoll(raw.scalar(std::string("SELECT count(*) FROM kept_") + table)), 10'000) << table;
        }
        // Arabic folding and stems reach the folded tables (the words added after a newline).
        EXPECT_NE(raw.scalar("SELECT count(*) FROM kept_search_all_folded WHERE term GLOB '*[^ -~]*'"), "0");
    }
    turn_back_to_version_1(m_path);
    {
        auto store = open_store();
        ASSERT_TRUE(store);
        EXPECT_EQ(store->schema_version(), 7);
    }
    RawDb raw(m_path);
    for (const char* table : tables) {
        raw.exec("CREATE VIRTUAL TABLE " + view(table) + " USING fts5vocab(main, " + table + ", instance)");
        const std::string kept = std::string("kept_") + table;
        const std::string now = "SELECT term, doc, col, offset FROM " + view(table);
        EXPECT_EQ(raw.scalar("SELECT count(*) FROM (" + now + ")"), raw.scalar("SELECT count(*) FROM " + kept)) << table;
        EXPECT_EQ(raw.scalar("SELECT count(*) FROM (SELECT * FROM " + kept + " EXCEPT " + now + ")"), "0") << table;
        EXPECT_EQ(raw.scalar("SELECT count(*) FROM (" + now + " EXCEPT SELECT * FROM " + kept + ")"), "0") << table;
    }
}

// The sink's contract puts the vocabulary before any activity; an import handed an activity before it
// cannot give the search index that activity's interest labels yet, so it indexes the stored rows at
// the end instead, and the labels are found all the same.
TEST_F(StoreTest, AnActivityBeforeTheVocabularyIsIndexedFromTheRows)
{
    const Catalogue catalogue = make_catalogue();
    auto store = open_store();
    ASSERT_TRUE(store);
    auto import = store->begin_import(k_now);
    ASSERT_TRUE(import) << import.error().text();
    for (const Organisation& organisation : catalogue.organisations)
        ASSERT_TRUE(import.value()->organisation(organisation));
    ASSERT_EQ(catalogue.activities[0].id, "promenad");
    ASSERT_TRUE(import.value()->activity(catalogue.activities[0]));
    ASSERT_TRUE(import.value()->interests(catalogue.interests));
    for (std::size_t i = 1; i < catalogue.activities.size(); ++i)
        ASSERT_TRUE(import.value()->activity(catalogue.activities[i]));
    ASSERT_TRUE(import.value()->finish(catalogue.version, catalogue.published));
    EXPECT_EQ(ids(store->search("Friluftsliv", k_now).value()), std::vector<std::string>{"promenad"});
    auto talk = ids(store->search("Samtalsgrupper", k_now).value());
    std::sort(talk.begin(), talk.end());
    EXPECT_EQ(talk, (std::vector<std::string>{"kvallsfika", "samtal", "stickcafe"}));
    EXPECT_TRUE(store->check_integrity().ok());
}

// Version 5 had prefix indexes on the all-text search tables too. A current database turned back into
// one (its search tables as version 5 made them, no list_texts, user_version 5) must come out at the
// current version with the all-text tables rebuilt without prefix indexes from the stored texts, and search as before.
TEST_F(StoreTest, MigratesVersion5DatabaseToSearchTablesWithoutPrefixIndexes)
{
    open_with_catalogue();
    std::vector<std::string> before;
    {
        auto store = open_store();
        ASSERT_TRUE(store);
        for (const char* query : {"promenad", "Stickklubben", "s", "st", "fika kv", "lugn", "natur", "v"})
            before.push_back(query + std::string(":") + ::testing::PrintToString(ids(store->search(query, k_now).value())));
    }
    {
        RawDb raw(m_path);
        raw.exec("DROP TABLE search_all_folded; DROP TABLE search_all_exact;"
                 "CREATE VIRTUAL TABLE search_all_folded USING fts5(title, description, organisation, interests,"
                 " content='', tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');"
                 "CREATE VIRTUAL TABLE search_all_exact USING fts5(title, description, organisation, interests,"
                 " content='', tokenize='unicode61 remove_diacritics 0', prefix='1 2 3');"
                 "DROP TABLE list_texts; PRAGMA user_version = 5;");
        // Empty, as a version-5 store's tables would not be: the migration must index the rows itself.
        EXPECT_EQ(raw.scalar("SELECT count(*) FROM search_all_exact WHERE search_all_exact MATCH 'lugn'"), "0");
    }
    auto store = open_store();
    ASSERT_TRUE(store);
    EXPECT_EQ(store->schema_version(), 7);
    std::vector<std::string> after;
    for (const char* query : {"promenad", "Stickklubben", "s", "st", "fika kv", "lugn", "natur", "v"})
        after.push_back(query + std::string(":") + ::testing::PrintToString(ids(store->search(query, k_now).value())));
    EXPECT_EQ(after, before);
    // A word only in a description is found through the all-text tables, which the migration filled.
    EXPECT_EQ(ids(store->search("lugn", k_now).value()), std::vector<std::string>{"promenad"});
    RawDb raw(m_path);
    EXPECT_EQ(raw.scalar("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'search_all_%' AND sql LIKE '%prefix%'"), "0");
    EXPECT_EQ(raw.scalar("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'search_names_%' AND sql LIKE '%prefix=''1 2 3''%'"), "2");
    EXPECT_TRUE(store->check_integrity().ok());
}

TEST_F(StoreTest, FailedMigrationLeavesThePreviousVersion)
{
    open_with_catalogue();
    {
        // A table in the way of migration 2's CREATE VIRTUAL TABLE.
        RawDb raw(m_path);
        raw.exec("DROP TABLE search_all_folded; DROP TABLE search_all_exact; DROP TABLE search_names_folded;"
                 "DROP TABLE search_names_exact; PRAGMA user_version = 1; CREATE TABLE search_names_exact(x);");
    }
    auto store = Store::open(m_path.string());
    ASSERT_FALSE(store.ok());
    const std::string& message = store.error().text();
    EXPECT_NE(message.find("migration 2 of 7"), std::string::npos) << message;
    EXPECT_NE(message.find("search_names_exact"), std::string::npos) << message;
    EXPECT_NE(message.find("stays at schema version 1"), std::string::npos) << message;
    RawDb raw(m_path);
    EXPECT_EQ(raw.scalar("PRAGMA user_version"), "1");
    // The half-applied migration was rolled back: the tables created before the failure are gone.
    EXPECT_EQ(raw.scalar("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'search_all%'"), "0");
    EXPECT_EQ(raw.scalar("SELECT count(*) FROM activities"), "4");
}

// A catalogue whose list lines take every fallback: a title in neither Swedish nor English, a place
// name in English only, an organisation name in Swedish and Arabic, a title in Tigrinya only; an
// activity photo, and an organisation logo that the lines without a photo show.
Catalogue catalogue_with_every_fallback()
{
    Catalogue catalogue = make_catalogue();
    catalogue.organisations[0].logo = ImageRef{"", std::string(64, 'a'), 1000, 60, 40, "png"};
    catalogue.organisations[1].name = text({{"sv", "Stickklubben Varberg"}, {"ar", "نادي الحياكة"}});
    catalogue.activities[0].image = ImageRef{"", std::string(64, 'b'), 2000, 90, 60, "jpeg"};
    catalogue.activities[2].title = text({{"ti", "ዘተ"}, {"ar", "حديث"}});
    catalogue.activities[2].place.name = text({{"en", "Gallows Hill"}, {"uk", "Шибенична гора"}});
    catalogue.activities[3].title = text({{"ti", "ምሸት ቡን"}});
    return catalogue;
}

// Every line of the next months in every language, with what it shows.
std::vector<ActivityListItem> every_line(Store& store)
{
    auto items = store.upcoming(UpcomingQuery{k_now, k_now + 200 * k_day, {}, std::nullopt, 1000});
    EXPECT_TRUE(items.ok()) << (items.ok() ? "" : items.error().text());
    return items.ok() ? items.value() : std::vector<ActivityListItem>{};
}

// A list line shows its activity's own title and place name and its organisation's name, in every
// language the catalogue has them (list_texts holds them apart from `texts`), and its photo, else the
// organisation's logo.
TEST_F(StoreTest, ListLinesCarryTheirRecordsTextsAndImage)
{
    const Catalogue catalogue = catalogue_with_every_fallback();
    auto store = open_with_catalogue(catalogue);
    ASSERT_TRUE(store);
    const std::vector<ActivityListItem> lines = every_line(*store);
    std::set<std::string> seen;
    for (const ActivityListItem& line : lines) {
        SCOPED_TRACE(line.activity_id);
        seen.insert(line.activity_id);
        const auto activity = store->activity(line.activity_id).value();
        ASSERT_TRUE(activity);
        const auto organisation = store->organisation(activity->organisation_id).value();
        ASSERT_TRUE(organisation);
        EXPECT_EQ(line.title, activity->title);
        EXPECT_EQ(line.place_name, activity->place.name);
        EXPECT_EQ(line.organisation_name, organisation->name);
        EXPECT_EQ(line.image, activity->image ? activity->image : organisation->logo);
    }
    EXPECT_EQ(seen, (std::set<std::string>{"promenad", "stickcafe", "samtal", "kvallsfika"}));
}

// Version 6 had no list_texts. A store of that version (the current one with it taken away) opens with
// it filled from its rows, as the import fills it.
TEST_F(StoreTest, MigratesVersion6StoreAndFillsItsListTexts)
{
    const std::string dump = "SELECT group_concat(row, ' | ') FROM (SELECT activity || ',' || quote(language) || ','"
                             " || quote(title) || ',' || quote(title_language) || ',' || quote(place) || ','"
                             " || quote(place_language) || ',' || quote(organisation) || ','"
                             " || quote(organisation_language) || ',' || quote(image_sha256) || ',' || quote(image_bytes)"
                             " || ',' || quote(image_width) || ',' || quote(image_height) || ',' || quote(image_type)"
                             " AS row FROM list_texts ORDER BY activity, language)";
    std::string imported;
    std::vector<ActivityListItem> imported_lines;
    {
        auto store = open_with_catalogue(catalogue_with_every_fallback());
        ASSERT_TRUE(store);
        imported_lines = every_line(*store);
        RawDb raw(m_path);
        imported = raw.scalar(dump);
    }
    EXPECT_NE(imported.find("'ምሸት ቡን'"), std::string::npos) << imported;
    {
        RawDb raw(m_path);
        raw.exec("DROP TABLE list_texts; PRAGMA user_version = 6;");
    }
    auto store = open_store();
    ASSERT_TRUE(store);
    EXPECT_EQ(store->schema_version(), 7);
    RawDb raw(m_path);
    EXPECT_EQ(raw.scalar(dump), imported);
    const std::vector<ActivityListItem> lines = every_line(*store);
    ASSERT_EQ(lines.size(), imported_lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        SCOPED_TRACE(lines[i].activity_id);
        EXPECT_EQ(lines[i].title, imported_lines[i].title);
        EXPECT_EQ(lines[i].place_name, imported_lines[i].place_name);
        EXPECT_EQ(lines[i].organisation_name, imported_lines[i].organisation_name);
        EXPECT_EQ(lines[i].image, imported_lines[i].image);
    }
    auto hits = store->search("samtal", k_now, 50, "uk");
    ASSERT_TRUE(hits.ok()) << hits.error().text();
    ASSERT_FALSE(hits.value().empty());
    for (const ActivityListItem& hit : hits.value()) {
        if (hit.activity_id == "samtal") {
            EXPECT_EQ(hit.title.all(), (TextMap{{"ar", "حديث"}}));
            EXPECT_EQ(hit.place_name.all(), (TextMap{{"uk", "Шибенична гора"}}));
            EXPECT_EQ(hit.organisation_name.all(), (TextMap{{"sv", "Naturvännerna Halmstad"}}));
            EXPECT_EQ(hit.image, catalogue_with_every_fallback().organisations[0].logo);
        }
    }
    EXPECT_TRUE(store->check_integrity().ok());
}

// The whole texts, not only their parts: the opening sequence is shared with the event log and the
// hub store (sqlite_db.hpp's open_database), and each keeps the messages it always had.
TEST_F(StoreTest, OpeningErrorsReadExactlyAsBefore)
{
    const std::string quoted = "'" + m_path.string() + "'";
    {
        const std::string missing = (m_dir / "no-such-dir" / "lotsen.db").string();
        auto store = Store::open(missing);
        ASSERT_FALSE(store.ok());
        EXPECT_EQ(store.error().text(), "store: opening '" + missing + "': unable to open database file");
    }
    {
        std::ofstream(m_path, std::ios::binary) << std::string(8192, 'x');
        auto store = Store::open(m_path.string());
        ASSERT_FALSE(store.ok());
        EXPECT_EQ(store.error().text(), "store: opening " + quoted
                                            + ": switching to WAL mode failed: file is not a database (SQLite code 26)");
        fs::remove(m_path);
    }
    open_store();
    RawDb(m_path).exec("PRAGMA user_version = 99");
    auto store = Store::open(m_path.string());
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().text(), "store: opening " + quoted
                                        + ": the database has schema version 99, newer than the 7 this program "
                                          "knows; refusing to use it, it was left unchanged");
    EXPECT_EQ(store.error().subject, "store");
}

// ---- catalogue round trip ------------------------------------------------------------------

TEST_F(StoreTest, ActivityAndOrganisationReadBackEqualToTheInput)
{
    Catalogue catalogue = make_catalogue(7);
    catalogue.activities.front().place.how_to_find_us = LocalizedText(
        TextMap{{"sv", "Ingång från parken, en trappa upp"}, {"ar", "المدخل من الحديقة، الطابق الأول"}});
    // Catalogue format 1.5: what the association needs and offers, kept as its texts.
    catalogue.organisations.front().needs =
        LocalizedText(TextMap{{"sv", "Fler som leder promenader"}, {"uk", "Більше провідників"}});
    catalogue.organisations.front().offers = LocalizedText(TextMap{{"en", "Company and fresh air"}});
    auto store = open_with_catalogue(catalogue);
    ASSERT_TRUE(store);
    EXPECT_EQ(store->catalogue_version().value(), 7);
    EXPECT_EQ(store->activity_count().value(), 4);
    for (const Activity& expected : catalogue.activities) {
        auto activity = store->activity(expected.id);
        ASSERT_TRUE(activity.ok()) << activity.error().text();
        ASSERT_TRUE(activity.value().has_value()) << expected.id;
        EXPECT_EQ(*activity.value(), expected) << expected.id;
    }
    for (const Organisation& expected : catalogue.organisations) {
        auto organisation = store->organisation(expected.id);
        ASSERT_TRUE(organisation.ok()) << organisation.error().text();
        ASSERT_TRUE(organisation.value().has_value()) << expected.id;
        EXPECT_EQ(*organisation.value(), expected) << expected.id;
    }
    auto interests = store->interests();
    ASSERT_TRUE(interests.ok());
    EXPECT_EQ(interests.value(), catalogue.interests);
    EXPECT_FALSE(store->activity("no-such-activity").value().has_value());
    EXPECT_FALSE(store->organisation("no-such-organisation").value().has_value());
}

// The stored schedule is read by its own SAX reader (store_rows.cpp): members in any order and
// unknown ones skipped read the same schedule; a damaged one is an error that says whose it is.
TEST_F(StoreTest, StoredSchedulesAreReadInAnyOrderAndADamagedOneIsNamed)
{
    const Catalogue catalogue = make_catalogue();
    auto store = open_with_catalogue(catalogue);
    ASSERT_TRUE(store);
    const Activity& promenad = catalogue.activities.front();
    ASSERT_EQ(promenad.id, "promenad");
    ASSERT_FALSE(promenad.schedule.dates.empty());
    ASSERT_FALSE(promenad.schedule.cancelled.empty());
    RawDb raw(m_path);
    auto set_schedule = [&](const std::string& json) {
        raw.exec("UPDATE activities SET schedule = '" + json + "' WHERE id = 'promenad'");
    };
    auto read_schedule = [&]() -> Result<Schedule> {
        auto activity = store->activity("promenad");
        if (!activity)
            return activity.error();
        return activity.value()->schedule;
    };

    const WeeklyRule& rule = promenad.schedule.weekly.front();
    const SingleDate& single = promenad.schedule.dates.front();
    const std::string rule_json = "{\"until\":\"" + rule.valid_until.to_string() + "\",\"every_weeks\":"
                                  + std::to_string(rule.every_weeks) + ",\"note\":{\"a\":[1,{\"b\":null}]},\"weekday\":"
                                  + std::to_string(rule.iso_weekday) + ",\"start\":\"" + rule.start.to_string()
                                  + "\",\"from\":\"" + rule.valid_from.to_string() + "\",\"end\":\"" + rule.end.to_string() + "\"}";
    const std::string date_json = "{\"start\":\"" + single.start.to_string() + "\",\"end\":\"" + single.end.to_string()
                                  + "\",\"date\":\"" + single.date.to_string() + "\"}";
    set_schedule("{\"weekly\":[" + rule_json + "],\"extra\":[[\"x\"]],\"cancelled\":[\""
                 + promenad.schedule.cancelled.front().to_string() + "\"],\"dates\":[" + date_json + "]}");
    auto reordered = read_schedule();
    ASSERT_TRUE(reordered.ok()) << reordered.error().text();
    EXPECT_EQ(reordered.value(), promenad.schedule);
    // The same with white space, an escape, a fraction and a literal in unknown members: read by
    // nlohmann's parser instead of the plain scanner, to the same schedule.
    set_schedule(" {\n\t\"note\" : \"caf\\u00e9 \\\"x\\\"\", \"n\": 1.5, \"t\": [true, false],\r\n \"weekly\" : [ " + rule_json
                 + " ] , \"cancelled\":[ \"" + promenad.schedule.cancelled.front().to_string() + "\" ], \"dates\": [" + date_json + "] } ");
    auto spaced = read_schedule();
    ASSERT_TRUE(spaced.ok()) << spaced.error().text();
    EXPECT_EQ(spaced.value(), promenad.schedule);

    // Damaged: each is refused, and search, which reads the schedule of a hit without a stored
    // occurrence, says whose it is.
    for (const std::string& damaged :
         {std::string("{\"weekly\":[],\"dates\":[]}"), std::string("[]"), std::string("{\"weekly\":[{\"weekday\":2}],"
                                                                           "\"dates\":[],\"cancelled\":[]}"),
          std::string("{\"weekly\":[],\"dates\":[{\"date\":1,\"start\":\"10:00\",\"end\":\"11:00\"}],\"cancelled\":[]}"),
          std::string("{\"weekly\":[],\"dates\":[],\"cancelled\":[3]}"), std::string("{\"weekly\":[],\"dates\":[],"),
          std::string("{\"weekly\":[],\"dates\":[],\"cancelled\":[]} []"), std::string(""), std::string("{\"weekly\":[],\"dates\":[],\"cancelled\":[]]"),
          std::string("{\"weekly\":[{\"weekday\":\"2\",\"start\":\"18:00\",\"end\":\"19:00\",\"from\":\"2026-01-01\","
                      "\"until\":\"2026-12-31\",\"every_weeks\":1}],\"dates\":[],\"cancelled\":[]}")}) {
        SCOPED_TRACE(damaged);
        set_schedule(damaged);
        EXPECT_FALSE(read_schedule().ok());
        raw.exec("DELETE FROM occurrences WHERE activity = (SELECT seq FROM activities WHERE id = 'promenad')");
        auto hits = store->search("promenad", k_now);
        ASSERT_FALSE(hits.ok());
        EXPECT_NE(hits.error().text().find("the stored schedule of activity 'promenad' is damaged"), std::string::npos)
            << hits.error().text();
    }
}

// The import writes a schedule's JSON by hand (store_rows.cpp): byte for byte the document nlohmann's
// dump() gave before, so stores written by either hold the same text.
TEST_F(StoreTest, AStoredScheduleIsTheDocumentNlohmannWouldWrite)
{
    SyntheticSpec spec;
    spec.activities = 60;
    spec.organisations = 5;
    Catalogue catalogue = generate_synthetic_catalogue(spec);
    Schedule& rich = catalogue.activities.front().schedule;  // every part, several of each
    rich.weekly.push_back(WeeklyRule{7, at(23, 45), at(1, 5), date("2026-01-05"), date("2027-03-01"), 3});
    rich.dates = {SingleDate{date("2026-06-20"), at(10), at(12)}, SingleDate{date("2026-07-01"), at(0, 5), at(23, 59)}};
    rich.cancelled = {date("2026-06-16"), date("2026-12-24")};
    catalogue.activities[1].schedule = Schedule{{}, {SingleDate{date("2026-08-08"), at(9), at(10)}}, {}};
    auto store = open_with_catalogue(catalogue);
    ASSERT_TRUE(store);
    RawDb raw(m_path);
    for (const Activity& activity : catalogue.activities) {
        SCOPED_TRACE(activity.id);
        nlohmann::json weekly = nlohmann::json::array();
        for (const WeeklyRule& rule : activity.schedule.weekly) {
            weekly.push_back({{"weekday", rule.iso_weekday}, {"start", rule.start.to_string()},
                              {"end", rule.end.to_string()}, {"from", rule.valid_from.to_string()},
                              {"until", rule.valid_until.to_string()}, {"every_weeks", rule.every_weeks}});
        }
        nlohmann::json dates = nlohmann::json::array();
        for (const SingleDate& single : activity.schedule.dates)
            dates.push_back({{"date", single.date.to_string()}, {"start", single.start.to_string()}, {"end", single.end.to_string()}});
        nlohmann::json cancelled = nlohmann::json::array();
        for (const Date& day : activity.schedule.cancelled)
            cancelled.push_back(day.to_string());
        const nlohmann::json expected = {{"weekly", weekly}, {"dates", dates}, {"cancelled", cancelled}};
        EXPECT_EQ(raw.scalar("SELECT schedule FROM activities WHERE id = '" + activity.id + "'"), expected.dump());
    }
}

// The audience too (store_rows.cpp), with groups that need escaping and ages on either side.
TEST_F(StoreTest, AStoredAudienceIsTheDocumentNlohmannWouldWrite)
{
    Catalogue catalogue = make_catalogue();
    catalogue.activities[0].audience = Audience{{"everyone", "seniors"}, 16, std::nullopt};
    catalogue.activities[1].audience = Audience{{"quote \" back\\slash", "tab\tnew\nline \x01", "åäö"}, std::nullopt, 99};
    catalogue.activities[2].audience = Audience{{}, -3, 120};
    auto store = open_with_catalogue(catalogue);
    ASSERT_TRUE(store);
    RawDb raw(m_path);
    for (const Activity& activity : catalogue.activities) {
        SCOPED_TRACE(activity.id);
        nlohmann::json expected = {{"groups", activity.audience.groups}, {"min_age", nullptr}, {"max_age", nullptr}};
        if (activity.audience.min_age)
            expected["min_age"] = *activity.audience.min_age;
        if (activity.audience.max_age)
            expected["max_age"] = *activity.audience.max_age;
        EXPECT_EQ(raw.scalar("SELECT audience FROM activities WHERE id = '" + activity.id + "'"), expected.dump());
    }
}

TEST_F(StoreTest, CatalogueWithoutInterestsGetsTheDefaultVocabulary)
{
    Catalogue catalogue = make_catalogue();
    catalogue.interests.clear();
    auto store = open_with_catalogue(catalogue);
    ASSERT_TRUE(store);
    EXPECT_EQ(store->interests().value(), default_interests());
    // The default labels are searchable: "Musik" is nowhere else in the catalogue.
    catalogue.activities[0].interests = {"music"};
    ASSERT_TRUE(store->replace_catalogue(catalogue, k_now).ok());
    EXPECT_EQ(ids(store->search("musik", k_now).value()), std::vector<std::string>{"promenad"});
}

TEST_F(StoreTest, TownsAreDistinctAndInSwedishOrder)
{
    Catalogue catalogue = make_catalogue();
    catalogue.activities[1].place.town = "Åsa";
    catalogue.activities[2].place.town = "Ätran";
    catalogue.activities[3].place.town = "Örby";
    Activity extra = catalogue.activities[0];
    extra.id = "promenad-2";
    catalogue.activities.push_back(extra);  // a second activity in Halmstad
    auto store = open_with_catalogue(catalogue);
    ASSERT_TRUE(store);
    // Byte order would put Ätran (C3 84) before Åsa (C3 85).
    EXPECT_EQ(store->towns().value(), (std::vector<std::string>{"Halmstad", "Åsa", "Ätran", "Örby"}));
}

// ---- atomic replacement ----------------------------------------------------------------------

TEST_F(StoreTest, FailedImportKeepsTheOldCatalogue)
{
    auto store = open_with_catalogue();
    ASSERT_TRUE(store);

    Catalogue broken = make_catalogue(2);
    broken.activities[0].title = text({{"sv", "Nyårsvandring"}});
    Activity duplicate = broken.activities[1];
    broken.activities.push_back(duplicate);  // stickcafe twice
    auto replaced = store->replace_catalogue(broken, k_now + 30 * k_day);
    ASSERT_FALSE(replaced.ok());
    EXPECT_NE(replaced.error().text().find("activity 'stickcafe'"), std::string::npos) << replaced.error().text();
    EXPECT_NE(replaced.error().text().find("UNIQUE constraint failed"), std::string::npos) << replaced.error().text();
    EXPECT_NE(replaced.error().text().find("catalogue version 1 stays in use"), std::string::npos)
        << replaced.error().text();

    EXPECT_EQ(store->catalogue_version().value(), 1);
    EXPECT_EQ(store->activity_count().value(), 4);
    EXPECT_EQ(store->activity("promenad").value()->title, make_catalogue().activities[0].title);
    EXPECT_TRUE(store->search("nyårsvandring", k_now).value().empty());
    EXPECT_EQ(ids(store->search("promenad", k_now).value()), std::vector<std::string>{"promenad"});
    EXPECT_EQ(ids(upcoming(*store, week())), (std::vector<std::string>{"promenad", "stickcafe", "samtal"}));
    RawDb raw(m_path);  // the window of the failed import (30 days later) was not kept either
    EXPECT_EQ(raw.scalar("SELECT value FROM meta WHERE name = 'occurrences_to'"),
              std::to_string(k_now + Store::expand_days_after * k_day));
    EXPECT_TRUE(store->check_integrity().ok());
}

TEST_F(StoreTest, ActivityOfAnUnknownOrganisationIsRefused)
{
    auto store = open_with_catalogue();
    ASSERT_TRUE(store);
    Catalogue broken = make_catalogue(2);
    broken.activities[3].organisation_id = "nobody";
    auto replaced = store->replace_catalogue(broken, k_now);
    ASSERT_FALSE(replaced.ok());
    EXPECT_NE(replaced.error().text().find("activity 'kvallsfika'"), std::string::npos) << replaced.error().text();
    EXPECT_NE(replaced.error().text().find("organisation 'nobody'"), std::string::npos) << replaced.error().text();
    EXPECT_EQ(store->catalogue_version().value(), 1);
    EXPECT_EQ(store->activity_count().value(), 4);
}

TEST_F(StoreTest, ReaderInsideATransactionKeepsSeeingTheOldCatalogue)
{
    auto store = open_with_catalogue();
    ASSERT_TRUE(store);
    RawDb reader(m_path);
    reader.exec("BEGIN");
    EXPECT_EQ(reader.scalar("SELECT value FROM meta WHERE name = 'catalogue_version'"), "1");

    Catalogue bigger = make_catalogue(2);
    Activity extra = bigger.activities[0];
    extra.id = "promenad-kvall";
    bigger.activities.push_back(extra);
    // WAL: the open read does not block the import.
    auto replaced = store->replace_catalogue(bigger, k_now);
    ASSERT_TRUE(replaced.ok()) << replaced.error().text();

    EXPECT_EQ(reader.scalar("SELECT count(*) FROM activities"), "4");
    EXPECT_EQ(reader.scalar("SELECT value FROM meta WHERE name = 'catalogue_version'"), "1");
    reader.exec("COMMIT");
    EXPECT_EQ(reader.scalar("SELECT count(*) FROM activities"), "5");
    EXPECT_EQ(reader.scalar("SELECT value FROM meta WHERE name = 'catalogue_version'"), "2");

    auto second = open_store();  // a second Store connection sees the new one entirely
    ASSERT_TRUE(second);
    EXPECT_EQ(second->catalogue_version().value(), 2);
    EXPECT_EQ(second->activity_count().value(), 5);
    EXPECT_EQ(ids(second->search("promenad", k_now).value()), (std::vector<std::string>{"promenad", "promenad-kvall"}));
}

// A writer thread alternates two catalogues (odd versions have 4 activities, even ones 5); every
// snapshot a second connection takes must pair a version with its own count and search index.
TEST_F(StoreTest, ConcurrentReaderSeesEitherOldOrNewEntirely)
{
    auto writer_store = open_with_catalogue();
    ASSERT_TRUE(writer_store);
    Catalogue odd = make_catalogue();
    Catalogue even = make_catalogue();
    Activity extra = even.activities[0];
    extra.id = "promenad-extra";
    even.activities.push_back(extra);

    std::atomic<bool> done{false};
    std::atomic<int> failures{0};
    std::thread writer([&] {
        for (int version = 2; version <= 40; ++version) {
            Catalogue& catalogue = version % 2 == 0 ? even : odd;
            catalogue.version = version;
            if (!writer_store->replace_catalogue(catalogue, k_now).ok())
                ++failures;
        }
        done = true;
    });

    RawDb reader(m_path);
    int snapshots = 0;
    std::set<int> versions_seen;
    while (!done || snapshots == 0) {
        reader.exec("BEGIN");
        const int version = std::stoi(reader.scalar("SELECT value FROM meta WHERE name = 'catalogue_version'"));
        const std::string count = reader.scalar("SELECT count(*) FROM activities");
        const std::string indexed = reader.scalar("SELECT count(*) FROM search_all_exact WHERE search_all_exact MATCH 'promenad'");
        reader.exec("COMMIT");
        EXPECT_EQ(count, version % 2 == 0 ? "5" : "4") << "version " << version;
        EXPECT_EQ(indexed, version % 2 == 0 ? "2" : "1") << "version " << version;
        versions_seen.insert(version);
        ++snapshots;
    }
    writer.join();
    EXPECT_GE(versions_seen.size(), 2u) << "the reader never ran while the writer replaced catalogues";
    EXPECT_EQ(failures, 0);
    EXPECT_EQ(writer_store->catalogue_version().value(), 40);
    EXPECT_TRUE(writer_store->check_integrity().ok());
}

// ---- upcoming ----------------------------------------------------------------------------------

TEST_F(StoreTest, UpcomingWithoutFiltersIsOrderedByStart)
{
    auto store = open_with_catalogue();
    ASSERT_TRUE(store);
    const auto items = upcoming(*store, week());
    EXPECT_EQ(ids(items), (std::vector<std::string>{"promenad", "stickcafe", "samtal"}));
    EXPECT_EQ(starts(items), (std::vector<UnixSeconds>{k_promenad_1, k_stickcafe_1, k_samtal_1}));

    const ActivityListItem& promenad = items.at(0);
    EXPECT_EQ(promenad.title.get("en"), "Walk along the Nissan");
    EXPECT_EQ(promenad.organisation_name.get("sv"), "Naturvännerna Halmstad");
    EXPECT_EQ(promenad.place_name.get("sv"), "Picassoparken");
    EXPECT_EQ(promenad.town, "Halmstad");
    EXPECT_TRUE(promenad.free);
    EXPECT_TRUE(promenad.drop_in);
    EXPECT_TRUE(promenad.accessible);
    ASSERT_TRUE(promenad.occurrence);
    EXPECT_EQ(promenad.occurrence->end, k_promenad_1 + 90 * 60);
    EXPECT_EQ(promenad.occurrence->local_start, (LocalDateTime{date("2026-06-02"), at(18)}));

    const ActivityListItem& stickcafe = items.at(1);
    EXPECT_FALSE(stickcafe.free);
    EXPECT_FALSE(stickcafe.drop_in);
    EXPECT_FALSE(stickcafe.accessible);
    EXPECT_EQ(stickcafe.title.get("ar"), "مقهى الحياكة");
}

TEST_F(StoreTest, UpcomingListsEveryOccurrenceAndSkipsCancelledDates)
{
    auto store = open_with_catalogue();
    ASSERT_TRUE(store);
    UpcomingQuery query = week(ActivityFilter{.town = "Halmstad"});
    query.to = k_now + 21 * k_day;  // through Sunday 2026-06-21
    const auto items = upcoming(*store, query);
    // promenad: Tue 2, Tue 9, (Tue 16 cancelled), single date Sat 20 10:00; samtal: every other Thu.
    EXPECT_EQ(ids(items), (std::vector<std::string>{"promenad", "samtal", "promenad", "samtal", "promenad"}));
    EXPECT_EQ(starts(items), (std::vector<UnixSeconds>{k_promenad_1, k_samtal_1, k_promenad_2,
                                                       k_samtal_1 + 14 * k_day, 1781942400}));
}

TEST_F(StoreTest, UpcomingFiltersEachOnItsOwn)
{
    auto store = open_with_catalogue();
    ASSERT_TRUE(store);
    using Ids = std::vector<std::string>;
    EXPECT_EQ(ids(upcoming(*store, week(ActivityFilter{.interest = "talk"}))), (Ids{"stickcafe", "samtal"}));
    EXPECT_EQ(ids(upcoming(*store, week(ActivityFilter{.interest = "outdoors"}))), (Ids{"promenad"}));
    EXPECT_EQ(ids(upcoming(*store, week(ActivityFilter{.interest = "music"}))), (Ids{}));
    EXPECT_EQ(ids(upcoming(*store, week(ActivityFilter{.town = "Varberg"}))), (Ids{"stickcafe"}));
    EXPECT_EQ(ids(upcoming(*store, week(ActivityFilter{.town = "Halmstad"}))), (Ids{"promenad", "samtal"}));
    EXPECT_EQ(ids(upcoming(*store, week(ActivityFilter{.language_spoken = "ar"}))), (Ids{"stickcafe"}));
    EXPECT_EQ(ids(upcoming(*store, week(ActivityFilter{.language_spoken = "ti"}))), (Ids{"samtal"}));
    EXPECT_EQ(ids(upcoming(*store, week(ActivityFilter{.language_spoken = "sv"}))), (Ids{"promenad", "stickcafe", "samtal"}));
    EXPECT_EQ(ids(upcoming(*store, week(ActivityFilter{.free_only = true}))), (Ids{"promenad", "samtal"}));
    EXPECT_EQ(ids(upcoming(*store, week(ActivityFilter{.accessible_only = true}))), (Ids{"promenad", "samtal"}));
    EXPECT_EQ(ids(upcoming(*store, week(ActivityFilter{.drop_in_only = true}))), (Ids{"promenad"}));
}

TEST_F(StoreTest, UpcomingFiltersCombine)
{
    auto store = open_with_catalogue();
    ASSERT_TRUE(store);
    using Ids = std::vector<std::string>;
    EXPECT_EQ(ids(upcoming(*store, week(ActivityFilter{.interest = "talk", .free_only = true}))), (Ids{"samtal"}));
    EXPECT_EQ(ids(upcoming(*store, week(ActivityFilter{.town = "Halmstad", .drop_in_only = true}))), (Ids{"promenad"}));
    EXPECT_EQ(ids(upcoming(*store, week(ActivityFilter{.language_spoken = "ar", .free_only = true}))), (Ids{}));
}

// In time order whatever town the kiosk is in: nearness is a filter (and a distance on the card),
// no longer an order that put the kiosk's town first and then jumped back in time.
TEST_F(StoreTest, UpcomingIsInTimeOrderAndNearIsAFilter)
{
    auto store = open_with_catalogue();
    ASSERT_TRUE(store);
    using Ids = std::vector<std::string>;
    const auto all = upcoming(*store, week());
    EXPECT_EQ(ids(all), (Ids{"promenad", "stickcafe", "samtal"}));
    EXPECT_EQ(starts(all), (std::vector<UnixSeconds>{k_promenad_1, k_stickcafe_1, k_samtal_1}));

    // Kiosk in central Halmstad: promenad is there (0 m), samtal has no position but is in Halmstad,
    // stickcafe is in Varberg.
    const GeoPoint halmstad{56.6745, 12.8578};
    EXPECT_EQ(ids(upcoming(*store, week({}, Nearby{halmstad, "Halmstad", 5000.0}))), (Ids{"promenad", "samtal"}));
    // Kiosk in Varberg, about 60 km away: promenad is not near; stickcafe has no position but is in Varberg.
    const GeoPoint varberg{57.1057, 12.2502};
    EXPECT_EQ(ids(upcoming(*store, week({}, Nearby{varberg, "Varberg", 5000.0}))), (Ids{"stickcafe"}));
    // A kiosk without a position: near means its town.
    EXPECT_EQ(ids(upcoming(*store, week({}, Nearby{std::nullopt, "Halmstad", 5000.0}))), (Ids{"promenad", "samtal"}));
    // Filters and nearness combine.
    EXPECT_EQ(ids(upcoming(*store, week(ActivityFilter{.interest = "talk"}, Nearby{halmstad, "Halmstad", 5000.0}))),
              (Ids{"samtal"}));
}

// 0.04° north and 0.07° east of promenad is 6.2 km away: inside the bounding box a 5 km radius
// gives the query (±0.045°, ±0.082°) but outside the circle.
TEST_F(StoreTest, UpcomingNearUsesTheCircleNotItsBoundingBox)
{
    auto store = open_with_catalogue();
    ASSERT_TRUE(store);
    const GeoPoint corner{56.6745 + 0.04, 12.8578 + 0.07};
    const double metres = distance_metres(corner, GeoPoint{56.6745, 12.8578});
    ASSERT_GT(metres, 6000.0);
    ASSERT_LT(metres, 6400.0);
    using Ids = std::vector<std::string>;
    EXPECT_EQ(ids(upcoming(*store, week({}, Nearby{corner, "Tylösand", 5000.0}))), (Ids{}));
    EXPECT_EQ(ids(upcoming(*store, week({}, Nearby{corner, "Tylösand", 6500.0}))), (Ids{"promenad"}));
}

TEST_F(StoreTest, UpcomingAndSearchCarryThePlacePosition)
{
    auto store = open_with_catalogue();
    ASSERT_TRUE(store);
    for (const ActivityListItem& item : upcoming(*store, week())) {
        if (item.activity_id == "promenad")
            EXPECT_EQ(item.position, (GeoPoint{56.6745, 12.8578}));
        else
            EXPECT_FALSE(item.position.has_value()) << item.activity_id;
    }
    auto hits = store->search("promenad", k_now);
    ASSERT_TRUE(hits.ok()) << hits.error().text();
    ASSERT_EQ(hits.value().size(), 1u);
    EXPECT_EQ(hits.value().front().position, (GeoPoint{56.6745, 12.8578}));
    ASSERT_TRUE(hits.value().front().occurrence.has_value());
    EXPECT_EQ(hits.value().front().occurrence->start, k_promenad_1);
}

TEST_F(StoreTest, UpcomingRespectsTheLimit)
{
    auto store = open_with_catalogue();
    ASSERT_TRUE(store);
    UpcomingQuery query = week();
    query.limit = 2;
    EXPECT_EQ(ids(upcoming(*store, query)), (std::vector<std::string>{"promenad", "stickcafe"}));
    query.limit = 0;
    EXPECT_TRUE(upcoming(*store, query).empty());
}

// October is outside the window materialised at import (June + 60 days): the query extends it,
// and the Sunday 18:00 rule stays at 18:00 on both sides of the end of summer time (25 October).
TEST_F(StoreTest, UpcomingExtendsTheWindowWithDstCorrectTimes)
{
    auto store = open_with_catalogue();
    ASSERT_TRUE(store);
    RawDb raw(m_path);
    EXPECT_EQ(raw.scalar("SELECT count(*) FROM occurrences o JOIN activities a ON a.seq = o.activity"
                         " WHERE a.id = 'kvallsfika'"),
              "0");

    const UnixSeconds october_17 = 1792188000;  // Sat 2026-10-17 00:00 CEST
    const UnixSeconds november_2 = 1793574000;  // Mon 2026-11-02 00:00 CET
    UpcomingQuery query{october_17, november_2, ActivityFilter{.town = "Falkenberg"}, std::nullopt, 500};
    const auto items = upcoming(*store, query);
    EXPECT_EQ(ids(items), (std::vector<std::string>{"kvallsfika", "kvallsfika", "kvallsfika"}));
    // 16:00Z in CEST, then 17:00Z in CET: both 18:00 on the wall.
    EXPECT_EQ(starts(items), (std::vector<UnixSeconds>{1792339200, 1792947600, 1793552400}));
    for (const ActivityListItem& item : items) {
        ASSERT_TRUE(item.occurrence);
        EXPECT_EQ(item.occurrence->local_start.time, at(18));
        EXPECT_EQ(item.occurrence->end - item.occurrence->start, 2 * 3600);
    }
    EXPECT_EQ(raw.scalar("SELECT value FROM meta WHERE name = 'occurrences_to'"), std::to_string(november_2));
    // The gap between the old window and October was filled: the promenades of September exist.
    const UnixSeconds september_1 = 1788213600;  // Tue 2026-09-01 00:00 CEST
    EXPECT_EQ(ids(upcoming(*store, UpcomingQuery{september_1, september_1 + k_day, {}, std::nullopt, 500})),
              std::vector<std::string>{"promenad"});

    // A second connection uses the shared window instead of expanding again, and no occurrence is
    // stored twice.
    auto second = open_store();
    ASSERT_TRUE(second);
    EXPECT_EQ(starts(upcoming(*second, query)), starts(items));
    EXPECT_EQ(raw.scalar("SELECT count(*) FROM occurrences o JOIN activities a ON a.seq = o.activity"
                         " WHERE a.id = 'kvallsfika'"),
              "3");
    EXPECT_TRUE(store->check_integrity().ok());
}

TEST_F(StoreTest, UpcomingExtendsTheWindowBackwards)
{
    auto store = open_with_catalogue();
    ASSERT_TRUE(store);
    const UnixSeconds may_19 = 1779141600;  // Tue 2026-05-19 00:00 CEST
    const auto items = upcoming(*store, UpcomingQuery{may_19, may_19 + k_day, {}, std::nullopt, 500});
    EXPECT_EQ(ids(items), std::vector<std::string>{"promenad"});
    EXPECT_EQ(starts(items), std::vector<UnixSeconds>{may_19 + 18 * 3600});
    RawDb raw(m_path);
    EXPECT_EQ(raw.scalar("SELECT value FROM meta WHERE name = 'occurrences_from'"), std::to_string(may_19));
}

// Years away from the window: a new window is started instead of filling in years.
TEST_F(StoreTest, UpcomingFarFromTheWindowStartsANewOne)
{
    auto store = open_with_catalogue();
    ASSERT_TRUE(store);
    Catalogue catalogue = make_catalogue();
    const UnixSeconds june_2_2020 = 1591048800;  // Tue 2020-06-02 00:00 CEST
    catalogue.activities[0].schedule.weekly[0].valid_from = date("2020-01-01");
    ASSERT_TRUE(store->replace_catalogue(catalogue, k_now).ok());
    const auto old_items = upcoming(*store, UpcomingQuery{june_2_2020, june_2_2020 + k_day, {}, std::nullopt, 500});
    EXPECT_EQ(starts(old_items), std::vector<UnixSeconds>{june_2_2020 + 18 * 3600});
    RawDb raw(m_path);
    EXPECT_EQ(raw.scalar("SELECT value FROM meta WHERE name = 'occurrences_from'"), std::to_string(june_2_2020));
    EXPECT_EQ(raw.scalar("SELECT count(*) FROM occurrences"), "1");
    // Back to the present: again a new window, with this week in it.
    EXPECT_EQ(ids(upcoming(*store, week())), (std::vector<std::string>{"promenad", "stickcafe", "samtal"}));
    EXPECT_EQ(raw.scalar("SELECT value FROM meta WHERE name = 'occurrences_from'"), std::to_string(k_now));
}

TEST_F(StoreTest, UpcomingOnAnEmptyStoreIsEmpty)
{
    auto store = open_store();
    ASSERT_TRUE(store);
    EXPECT_TRUE(upcoming(*store, week()).empty());
}

TEST_F(StoreTest, IntegrityCheckIsOk)
{
    auto store = open_with_catalogue();
    ASSERT_TRUE(store);
    auto checked = store->check_integrity();
    EXPECT_TRUE(checked.ok()) << checked.error().text();
}

// An import fills the search index with FTS5's merging off and runs with a larger page cache; both
// are put back when it ends, whether it commits or fails.
TEST_F(StoreTest, AnImportPutsTheSearchIndexSettingsAndThePageCacheBack)
{
    auto store = open_store();
    ASSERT_TRUE(store);
    SyntheticSpec spec;
    spec.activities = 2'000;  // a store of about 14 MB: more than the import's cache holds
    spec.organisations = 80;
    const Catalogue large = generate_synthetic_catalogue(spec);
    // The store's page cache is SQLite's default 2 MiB; the import's is 16 MiB. What SQLite holds
    // after an import is the small cache and the schema, far below what the large one keeps.
    constexpr sqlite3_int64 k_after_import_limit = 6 << 20;
    auto replaced = store->replace_catalogue(large, k_now);
    ASSERT_TRUE(replaced.ok()) << replaced.error().text();
    EXPECT_LT(sqlite3_memory_used(), k_after_import_limit);
    {
        RawDb raw(m_path);
        for (const char* table : {"search_all_folded", "search_all_exact", "search_names_folded", "search_names_exact"}) {
            EXPECT_EQ(raw.scalar(std::string("SELECT v FROM ") + table + "_config WHERE k = 'automerge'"), "4") << table;
            EXPECT_EQ(raw.scalar(std::string("SELECT v FROM ") + table + "_config WHERE k = 'crisismerge'"), "16") << table;
        }
    }
    EXPECT_FALSE(store->search("promenad", k_now).value().empty());
    EXPECT_TRUE(store->check_integrity().ok());

    Catalogue broken = large;
    broken.version = 2;
    broken.activities.push_back(broken.activities.front());  // the same id twice, the last row
    ASSERT_FALSE(store->replace_catalogue(broken, k_now).ok());
    EXPECT_LT(sqlite3_memory_used(), k_after_import_limit);
    EXPECT_EQ(store->catalogue_version().value(), large.version);
}

// The import writes the occurrences at its end in the order of their table's key and builds the index
// by activity after them (store_import.cpp): every activity's expansion over the window, in the table,
// and the index there as the schema made it, also after a refused import.
TEST_F(StoreTest, AnImportWritesTheOccurrencesInKeyOrderAndKeepsTheirIndex)
{
    SyntheticSpec spec;
    spec.activities = 300;
    spec.organisations = 12;
    const Catalogue catalogue = generate_synthetic_catalogue(spec);
    auto store = open_with_catalogue(catalogue);
    ASSERT_TRUE(store);
    const std::string index_sql = "CREATE INDEX occurrences_by_activity ON occurrences(activity, ends)";
    {
        RawDb raw(m_path);
        EXPECT_EQ(raw.scalar("SELECT sql FROM sqlite_schema WHERE name = 'occurrences_by_activity'"), index_sql);
        EXPECT_EQ(raw.scalar("PRAGMA integrity_check"), "ok");
        const UnixSeconds from = std::stoll(raw.scalar("SELECT value FROM meta WHERE name = 'occurrences_from'"));
        const UnixSeconds to = std::stoll(raw.scalar("SELECT value FROM meta WHERE name = 'occurrences_to'"));
        std::size_t expected = 0;
        for (std::size_t i = 0; i < catalogue.activities.size(); ++i) {
            const Activity& activity = catalogue.activities[i];
            std::string rows;
            for (const Occurrence& occurrence : expand(activity.schedule, from, to))
                rows += std::to_string(occurrence.start) + "-" + std::to_string(occurrence.end) + ";";
            expected += rows.empty() ? 0 : static_cast<std::size_t>(std::count(rows.begin(), rows.end(), ';'));
            EXPECT_EQ(raw.scalar("SELECT coalesce(group_concat(o.starts || '-' || o.ends, ';') || ';', '') FROM"
                                 " (SELECT starts, ends FROM occurrences WHERE activity = " + std::to_string(i + 1)
                                 + " ORDER BY starts) o"),
                      rows) << activity.id;
        }
        EXPECT_GT(expected, catalogue.activities.size());
        EXPECT_EQ(raw.scalar("SELECT count(*) FROM occurrences"), std::to_string(expected));
    }

    Catalogue broken = catalogue;
    broken.version = 2;
    broken.activities.push_back(broken.activities.front());  // refused at the last activity
    ASSERT_FALSE(store->replace_catalogue(broken, k_now).ok());
    RawDb raw(m_path);
    EXPECT_EQ(raw.scalar("SELECT sql FROM sqlite_schema WHERE name = 'occurrences_by_activity'"), index_sql);
    EXPECT_EQ(raw.scalar("PRAGMA integrity_check"), "ok");
}

// The store holds only the published catalogue, so an import does not spend time zeroing the pages
// it frees (SQLite's secure_delete, on in Debian's build): the text of a replaced catalogue may stay
// in free pages of the file.
TEST_F(StoreTest, AnImportLeavesThePagesItFreesAsTheyWere)
{
    const std::string marker = "Kvarglömd markörtext 7319";
    {
        SyntheticSpec spec;
        spec.activities = 300;  // texts over many pages, freed whole by the next import
        spec.organisations = 10;
        Catalogue first = generate_synthetic_catalogue(spec);
        for (Activity& activity : first.activities)
            activity.description = text({{"sv", marker + " " + activity.id}});
        auto store = open_with_catalogue(first);
        ASSERT_TRUE(store);
    }  // closed: the WAL is checkpointed into the file
    {
        auto store = open_with_catalogue(make_catalogue(2));
        ASSERT_TRUE(store);
        EXPECT_TRUE(store->search("markörtext", k_now).value().empty());
    }
    std::ifstream in(m_path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(bytes.find(marker), std::string::npos);
}

TEST_F(StoreTest, IntegrityCheckReportsADanglingReference)
{
    auto store = open_with_catalogue();
    ASSERT_TRUE(store);
    {
        RawDb raw(m_path);  // foreign_keys is off on this connection, so the damage goes through
        raw.exec("INSERT INTO occurrences(starts, activity, ends, local_start) VALUES (1, 999, 2, 0)");
    }
    auto checked = store->check_integrity();
    ASSERT_FALSE(checked.ok());
    EXPECT_NE(checked.error().text().find("occurrences"), std::string::npos) << checked.error().text();
}

TEST_F(StoreTest, TextCharactersListsEveryCharacterOnceInCodePointOrder)
{
    Catalogue catalogue = make_catalogue();
    catalogue.activities[0].title.set("sv", "Öppen kör åå");
    catalogue.activities[0].title.set("ar", "جوقة");
    catalogue.activities[0].title.set("ti", "ጉጅለ");
    catalogue.activities[0].description.set("en", "Sing \xF0\x9F\x8E\xB5 together");  // U+1F3B5, four bytes
    auto store = open_with_catalogue(catalogue);
    auto characters = store->text_characters();
    ASSERT_TRUE(characters.ok()) << characters.error().text();
    const std::string& text = characters.value();
    for (std::string_view wanted : {"Ö", "ö", "å", "ج", "ة", "ጉ", "\xF0\x9F\x8E\xB5", "S", " "})
        EXPECT_NE(text.find(wanted), std::string::npos) << wanted;
    // Once each, in code point order (which for UTF-8 is byte order).
    EXPECT_EQ(text.find("å"), text.rfind("å"));
    EXPECT_LT(text.find("S"), text.find("Ö"));
    EXPECT_LT(text.find("Ö"), text.find("å"));
    EXPECT_LT(text.find("ج"), text.find("ጉ"));
    EXPECT_LT(text.find("ጉ"), text.find("\xF0\x9F\x8E\xB5"));
}

// A start reads the characters the import kept instead of every text of the catalogue (issue 21,
// "Start"); a store imported by older software gets them made once and kept.
TEST_F(StoreTest, TheCharactersAreKeptWithTheImportAndMadeOnceForAnOlderStore)
{
    const std::string select = "SELECT value FROM meta WHERE name = 'characters'";
    Catalogue catalogue = make_catalogue();
    catalogue.activities[0].title.set("sv", "Ŝ-kören");  // U+015C, in no other text of the test catalogue
    {
        auto store = open_with_catalogue(catalogue);
        ASSERT_TRUE(store);
        RawDb raw(m_path);
        const std::string kept = raw.scalar(select);
        EXPECT_NE(kept.find("Ŝ"), std::string::npos) << kept;
        EXPECT_EQ(store->text_characters().value(), kept);
    }
    {
        RawDb raw(m_path);
        raw.exec("DELETE FROM meta WHERE name = 'characters'");
        ASSERT_EQ(raw.scalar(select), "");
    }
    {
        auto store = open_store();
        ASSERT_TRUE(store);
        const std::string made = store->text_characters().value();
        EXPECT_NE(made.find("Ŝ"), std::string::npos) << made;
        EXPECT_EQ(RawDb(m_path).scalar(select), made);  // kept from now on

        // The next catalogue's import replaces them.
        catalogue.version = 2;
        catalogue.activities[0].title.set("sv", "Kören");
        ASSERT_TRUE(store->replace_catalogue(catalogue, k_now));
        const std::string next = store->text_characters().value();
        EXPECT_EQ(next.find("Ŝ"), std::string::npos) << next;
        EXPECT_EQ(RawDb(m_path).scalar(select), next);
    }
}

// The import collects the characters as it writes the rows; what it keeps is what reading every row
// back finds (collect_characters, for a store without them). Each field those rows hold gets a
// character no other text has, so one the import forgets is missing from what it kept.
TEST_F(StoreTest, TheCharactersAnImportKeepsAreTheOnesItsRowsHold)
{
    Catalogue catalogue = make_catalogue();
    Organisation& organisation = catalogue.organisations[0];
    Activity& activity = catalogue.activities[0];
    organisation.name.set("sv", "Ā");
    organisation.description.set("sv", "ā");
    organisation.needs.set("sv", "Ă");
    organisation.offers.set("sv", "ă");
    organisation.contact.phone = "Ą";
    organisation.contact.email = "ą";
    catalogue.interests[0].label.set("en", "Ć");
    activity.title.set("en", "ć");
    activity.description.set("en", "Ĉ");
    activity.place.name.set("en", "ĉ");
    activity.place.address = "Ċ";
    activity.place.town = "ċ";
    activity.place.how_to_find_us.set("en", "Č");
    activity.cost.note.set("en", "č");
    const std::string select = "SELECT value FROM meta WHERE name = 'characters'";
    open_with_catalogue(catalogue);
    const std::string kept = RawDb(m_path).scalar(select);
    RawDb(m_path).exec("DELETE FROM meta WHERE name = 'characters'");
    auto store = open_store();
    ASSERT_TRUE(store);
    const std::string read_back = store->text_characters().value();
    EXPECT_EQ(kept, read_back);
    for (std::string_view added : {"Ā", "ā", "Ă", "ă", "Ą", "ą", "Ć", "ć", "Ĉ", "ĉ", "Ċ", "ċ", "Č", "č"})
        EXPECT_NE(kept.find(added), std::string::npos) << added;
}

// A damaged store does not stop the kiosk: it is kept aside byte for byte and an empty store takes
// its place (the catalogue is fetched again).
TEST_F(StoreTest, DamagedFileIsKeptAsideAndAnEmptyStoreMade)
{
    for (const char* damage : {"header", "truncated", "empty"}) {
        SCOPED_TRACE(damage);
        open_with_catalogue();
        std::string bytes = testing::read_file(m_path);
        if (std::string_view(damage) == "header")
            std::fill_n(bytes.begin(), 16, 'x');
        else
            bytes.resize(std::string_view(damage) == "empty" ? 0 : bytes.size() / 2);
        ASSERT_TRUE(testing::write_file(m_path, bytes));
        auto opened = Store::open_recovering(m_path.string());
        ASSERT_TRUE(opened) << opened.error().text();
        ASSERT_FALSE(opened.value().kept_aside.empty());
        EXPECT_FALSE(opened.value().damage.empty());
        EXPECT_EQ(testing::read_file(opened.value().kept_aside), bytes);
        EXPECT_EQ(opened.value().store->activity_count().value(), 0);
        EXPECT_EQ(opened.value().store->catalogue_version().value(), 0);
        // The empty store takes a catalogue again.
        ASSERT_TRUE(opened.value().store->replace_catalogue(make_catalogue(), k_now).ok());
        opened.value().store.reset();
        fs::remove(m_path);  // the next round starts afresh; the damaged copies stay
        fs::remove(m_path.string() + "-wal");
        fs::remove(m_path.string() + "-shm");
    }
    EXPECT_TRUE(fs::exists(m_path.string() + ".damaged-3"));
}

// Damage inside a table is not looked for before the store opens (that would read every page at every
// start): the check of the open store, table by table, finds it; its mark makes the next opening read
// every page and set the file aside.
TEST_F(StoreTest, DamageInsideATableIsFoundByTheOpenStoresCheckAndSetAsideAtTheNextOpening)
{
    open_with_catalogue();
    const int page_size = std::stoi(RawDb(m_path).scalar("PRAGMA page_size"));
    const int root = std::stoi(RawDb(m_path).scalar("SELECT rootpage FROM sqlite_schema WHERE name = 'texts'"));
    ASSERT_GT(root, 1);
    std::string bytes = testing::read_file(m_path);
    ASSERT_GE(bytes.size(), static_cast<std::size_t>(root) * page_size);
    std::fill_n(bytes.begin() + static_cast<std::ptrdiff_t>(root - 1) * page_size, page_size, '\xAB');
    ASSERT_TRUE(testing::write_file(m_path, bytes));

    {
        auto opened = Store::open_recovering(m_path.string());
        ASSERT_TRUE(opened) << opened.error().text();
        EXPECT_TRUE(opened.value().kept_aside.empty()) << "only the header and the schema are read at opening";
        Store& store = *opened.value().store;
        auto tables = store.table_names();
        ASSERT_TRUE(tables) << tables.error().text();
        EXPECT_EQ(tables.value().front(), "sqlite_schema");
        EXPECT_NE(std::find(tables.value().begin(), tables.value().end(), "texts"), tables.value().end());
        std::string found;
        for (const std::string& table : tables.value()) {
            const sqlite::FileCheck checked = store.check_table(table);
            if (checked.state == sqlite::FileState::damaged)
                found += table + " ";
            else
                EXPECT_EQ(checked.state, sqlite::FileState::sound) << table << ": " << checked.detail;
        }
        EXPECT_EQ(found, "texts ");
        ASSERT_TRUE(Store::mark_for_full_check(m_path.string(), "table texts: damaged"));
    }
    auto reopened = Store::open_recovering(m_path.string());
    ASSERT_TRUE(reopened) << reopened.error().text();
    EXPECT_FALSE(reopened.value().kept_aside.empty());
    EXPECT_FALSE(reopened.value().damage.empty());
    EXPECT_EQ(testing::read_file(reopened.value().kept_aside), bytes);
    EXPECT_FALSE(fs::exists(Store::full_check_mark(m_path.string())));
    EXPECT_EQ(reopened.value().store->activity_count().value(), 0);
}

// A mark on a sound file (say, a check stopped by a failing disk) reads every page once, opens the
// file as it is and goes.
TEST_F(StoreTest, AMarkOnASoundFileIsClearedAndTheFileKept)
{
    open_with_catalogue();
    ASSERT_TRUE(Store::mark_for_full_check(m_path.string(), "table texts: disk I/O error"));
    auto opened = Store::open_recovering(m_path.string());
    ASSERT_TRUE(opened) << opened.error().text();
    EXPECT_TRUE(opened.value().kept_aside.empty());
    EXPECT_FALSE(fs::exists(Store::full_check_mark(m_path.string())));
    EXPECT_EQ(opened.value().store->activity_count().value(), 4);
}

// The kiosk's own opening holds the file alone, so an import writes it with a rollback journal
// instead of through the WAL (store_import.cpp, ImportSettings): the store must go back to WAL after
// it, and an import killed halfway (here after 300 of 600 activities, its journal on disk) must leave
// the old catalogue whole at the next opening.
TEST_F(StoreTest, TheKiosksOwnImportGoesBackToWalAndAKilledOneLeavesTheOldCatalogue)
{
    {
        auto opened = Store::open_recovering(m_path.string());
        ASSERT_TRUE(opened) << opened.error().text();
        ASSERT_TRUE(opened.value().store->replace_catalogue(make_catalogue(), k_now).ok());
    }
    EXPECT_EQ(RawDb(m_path).scalar("PRAGMA journal_mode"), "wal");

    SyntheticSpec spec;
    spec.activities = 600;
    spec.organisations = 20;
    Catalogue next = generate_synthetic_catalogue(spec);
    next.version = 2;
    int halfway[2];
    ASSERT_EQ(::pipe(halfway), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::close(halfway[0]);
        auto opened = Store::open_recovering(m_path.string());
        if (!opened)
            ::_exit(2);
        auto import = opened.value().store->begin_import(k_now);
        if (!import || !import.value()->interests(next.interests))
            ::_exit(3);
        for (const Organisation& organisation : next.organisations) {
            if (!import.value()->organisation(organisation))
                ::_exit(4);
        }
        for (std::size_t i = 0; i < 300; ++i) {
            if (!import.value()->activity(next.activities[i]))
                ::_exit(5);
        }
        const char ready = 'r';
        if (::write(halfway[1], &ready, 1) != 1)
            ::_exit(6);
        ::pause();  // killed here, the import still open
        ::_exit(7);
    }
    ::close(halfway[1]);
    char got = 0;
    const bool reached = ::read(halfway[0], &got, 1) == 1;
    ::close(halfway[0]);
    const bool journal = fs::exists(m_path.string() + "-journal");
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(reached) << "the child stopped before its import was halfway, status " << status;
    EXPECT_TRUE(journal) << "the kiosk's import wrote no rollback journal";

    auto reopened = Store::open_recovering(m_path.string());
    ASSERT_TRUE(reopened) << reopened.error().text();
    EXPECT_TRUE(reopened.value().kept_aside.empty());
    Store& store = *reopened.value().store;
    EXPECT_EQ(store.catalogue_version().value(), 1);
    EXPECT_EQ(store.activity_count().value(), 4);
    EXPECT_EQ(ids(store.search("promenad", k_now).value()), std::vector<std::string>{"promenad"});
    EXPECT_TRUE(store.check_integrity().ok());
    EXPECT_FALSE(fs::exists(m_path.string() + "-journal"));
    // And a whole import on it goes through and leaves WAL behind it.
    ASSERT_TRUE(store.replace_catalogue(next, k_now).ok());
    EXPECT_EQ(store.activity_count().value(), 600);
    reopened.value().store.reset();
    EXPECT_EQ(RawDb(m_path).scalar("PRAGMA journal_mode"), "wal");
}

TEST_F(StoreTest, SoundFileIsOpenedAsItIs)
{
    open_with_catalogue();
    auto opened = Store::open_recovering(m_path.string());
    ASSERT_TRUE(opened) << opened.error().text();
    EXPECT_TRUE(opened.value().kept_aside.empty());
    EXPECT_EQ(opened.value().store->activity_count().value(), 4);
}

}  // namespace
}  // namespace lotsen
