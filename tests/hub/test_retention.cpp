// Retention erases a request's personal data for real: requests with distinctive sealed bytes and
// plaintext (opened with the sealing key as the inbox opens them, and stored beside the box as an
// opened copy would be) are found in the raw bytes of hub.db and hub.db-wal before the pass, and
// neither there nor in SQLite's free pages after it; requests whose time is not up are left alone.
#include "tests/hub/contact_test_support.hpp"
#include "hub/backup.hpp"
#include "hub/inbox.hpp"
#include "hub/retention.hpp"
#include "tests/common/files.hpp"

#include <sqlite3.h>
#include <sys/time.h>

#include <cstdio>
#include <set>

namespace lotsen::hub::test {
namespace {

constexpr std::int64_t k_day = 86400;

class Retention : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_GE(sodium_init(), 0);
        ASSERT_FALSE(dir.path().empty());
        auto opened = HubStore::open(db_path());
        ASSERT_TRUE(opened.ok()) << opened.error().text();
        store = std::move(opened.value());
        kiosk = protocol::generate_signing_key_pair();
        ASSERT_TRUE(store->enroll_kiosk(protocol::to_base64(kiosk.public_key), "Halmstad bibliotek", "", k_now - 400 * k_day).ok());
        crypto_box_keypair(keys.public_key.data(), keys.secret_key.data());
        // An opened copy kept beside the box, as a store of opened requests would keep one.
        ASSERT_EQ(sqlite3_exec(store->connection(),
                               "CREATE TABLE opened_copies (event_id TEXT PRIMARY KEY NOT NULL, name TEXT, reach TEXT, details TEXT)",
                               nullptr, nullptr, nullptr),
                  SQLITE_OK);
    }

    std::string db_path() const { return (dir / "hub.db").string(); }

    // Delivers one request through ingest at hub time `received_at`; returns its event id.
    std::string deliver(const VisitorDetails& visitor, UnixSeconds received_at)
    {
        const protocol::WireEvent event = sealed_contact_request(keys, "forening-a", visitor, received_at - 60);
        deliver_through_ingest(*store, kiosk, event, received_at);
        sealed_slices[event.id] = std::string(reinterpret_cast<const char*>(event.sealed.data()) + 40, 24);
        names[event.id] = visitor.name;
        return event.id;
    }

    // Opens every stored box with the sealing key (the inbox's open_request) and keeps the plaintext:
    // name and reach, and a long details text made of them (several KiB: SQLite's overflow pages,
    // which become free pages when it is erased).
    void store_opened_copies()
    {
        auto requests = store->contact_requests(std::nullopt);
        ASSERT_TRUE(requests.ok());
        for (const ContactRequestRecord& record : requests.value()) {
            OpenedRequest opened;
            ASSERT_TRUE(open_request(record, keys, opened).ok()) << record.event_id;
            sqlite3_stmt* stmt = nullptr;
            ASSERT_EQ(sqlite3_prepare_v2(store->connection(), "INSERT INTO opened_copies VALUES (?1, ?2, ?3, ?4)", -1, &stmt, nullptr), SQLITE_OK);
            sqlite3_bind_text(stmt, 1, record.event_id.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(stmt, 2, opened.name.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(stmt, 3, opened.reach.c_str(), -1, SQLITE_TRANSIENT);
            std::string details;
            for (int i = 0; i < 200; ++i)
                details += opened.name + " / " + opened.reach + "\n";
            sqlite3_bind_text(stmt, 4, details.c_str(), -1, SQLITE_TRANSIENT);
            EXPECT_EQ(sqlite3_step(stmt), SQLITE_DONE);
            sqlite3_finalize(stmt);
        }
    }

    RetentionOptions options(bool dry_run = false) const
    {
        return RetentionOptions{
            .dry_run = dry_run,
            .more_columns = {PersonalColumn{.table = "opened_copies", .column = "name", .key_column = "event_id", .erased_value = "NULL"},
                             PersonalColumn{.table = "opened_copies", .column = "reach", .key_column = "event_id", .erased_value = "NULL"},
                             PersonalColumn{.table = "opened_copies", .column = "details", .key_column = "event_id", .erased_value = "NULL"}}};
    }

    // Every byte SQLite keeps for hub.db: the file, its WAL and its shared-memory index.
    std::string disk_bytes() const
    {
        return testing::read_file(db_path()) + testing::read_file(db_path() + "-wal") + testing::read_file(db_path() + "-shm");
    }

    // The pages on hub.db's freelist (the header's trunk chain, https://sqlite.org/fileformat.html 1.5).
    std::string free_pages(std::size_t* count) const
    {
        const std::string file = testing::read_file(db_path());
        const auto u32 = [&](std::size_t at) {
            return (static_cast<std::uint32_t>(static_cast<unsigned char>(file[at])) << 24)
                   | (static_cast<std::uint32_t>(static_cast<unsigned char>(file[at + 1])) << 16)
                   | (static_cast<std::uint32_t>(static_cast<unsigned char>(file[at + 2])) << 8)
                   | static_cast<std::uint32_t>(static_cast<unsigned char>(file[at + 3]));
        };
        std::size_t page_size = (static_cast<unsigned char>(file[16]) << 8) | static_cast<unsigned char>(file[17]);
        if (page_size == 1)
            page_size = 65536;
        std::string pages;
        *count = 0;
        for (std::uint32_t trunk = u32(32); trunk != 0 && (trunk - 1) * page_size < file.size(); trunk = u32((trunk - 1) * page_size)) {
            const std::size_t base = (trunk - 1) * page_size;
            pages += file.substr(base, page_size);
            ++*count;
            const std::uint32_t leaves = u32(base + 4);
            for (std::uint32_t i = 0; i < leaves; ++i) {
                const std::uint32_t leaf = u32(base + 8 + 4 * i);
                pages += file.substr((leaf - 1) * page_size, page_size);
                ++*count;
            }
        }
        return pages;
    }

    testing::TempDir dir{"lotsen-retention"};
    std::unique_ptr<HubStore> store;
    protocol::SigningKeyPair kiosk;
    SealKeyPair keys;
    std::map<std::string, std::string> sealed_slices;  // event id → 24 bytes from inside its box
    std::map<std::string, std::string> names;          // event id → the visitor's name
};

VisitorDetails visitor(const std::string& tag)
{
    return VisitorDetails{.name = "Zebulon " + tag + " Kvarnström", .channel = "phone",
                          .reach = "070-" + tag + "-98765", .message = "Jag heter Zebulon " + tag};
}

TEST_F(Retention, ErasesDueRequestsSoThatNoByteOfThemRemainsOnDisk)
{
    const mail::RetentionSettings settings{.days_after_closed = 30, .days_after_received = 90, .backup_days = 30, .backup_dir = ""};
    std::set<std::string> due;
    // Enough requests to fill pages and make SQLite move cells around while they arrive.
    for (int i = 0; i < 60; ++i)
        due.insert(deliver(visitor("F" + std::to_string(100 + i)), k_now - 95 * k_day + i * 60));
    const std::string received_long_ago = deliver(visitor("A001"), k_now - 100 * k_day);
    const std::string closed_long_ago = deliver(visitor("B002"), k_now - 40 * k_day);
    const std::string closed_recently = deliver(visitor("C003"), k_now - 20 * k_day);
    const std::string received_yesterday = deliver(visitor("D004"), k_now - 1 * k_day);
    due.insert(received_long_ago);
    due.insert(closed_long_ago);
    ASSERT_TRUE(store->mark_handled(closed_long_ago, k_now - 31 * k_day).ok());
    ASSERT_TRUE(store->mark_handled(closed_recently, k_now - 10 * k_day).ok());
    store_opened_copies();

    // The scan works: every box and every name is on disk before the pass.
    const std::string before = disk_bytes();
    for (const auto& [id, slice] : sealed_slices) {
        EXPECT_NE(before.find(slice), std::string::npos) << "sealed bytes of " << id << " not found before the pass";
        EXPECT_NE(before.find(names[id]), std::string::npos) << names[id] << " not found before the pass";
    }

    auto report = run_retention(*store, settings, k_now, options());
    ASSERT_TRUE(report.ok()) << report.error().text();
    EXPECT_EQ(std::set<std::string>(report.value().erased.begin(), report.value().erased.end()), due);
    EXPECT_TRUE(report.value().checkpointed) << report.value().checkpoint_problem;

    const std::string after = disk_bytes();
    EXPECT_EQ(testing::read_file(db_path() + "-wal").size(), 0u);
    std::size_t free_count = 0;
    const std::string free = free_pages(&free_count);
    for (const auto& [id, slice] : sealed_slices) {
        const bool kept = id == closed_recently || id == received_yesterday;
        EXPECT_EQ(after.find(slice) != std::string::npos, kept) << "sealed bytes of " << id;
        EXPECT_EQ(after.find(names[id]) != std::string::npos, kept) << names[id];
        EXPECT_EQ(free.find(slice), std::string::npos);
        EXPECT_EQ(free.find(names[id]), std::string::npos);
    }
    EXPECT_EQ(after.find("070-A001-98765"), std::string::npos);
    EXPECT_NE(after.find("070-D004-98765"), std::string::npos);
    {
        sqlite3_stmt* stmt = nullptr;
        ASSERT_EQ(sqlite3_prepare_v2(store->connection(), "PRAGMA freelist_count", -1, &stmt, nullptr), SQLITE_OK);
        ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
        EXPECT_EQ(static_cast<std::size_t>(sqlite3_column_int64(stmt, 0)), free_count);  // the walk found them all
        EXPECT_GT(free_count, 0u);  // the erased overflow pages: there was something to scan
        sqlite3_finalize(stmt);
    }
    std::printf("hub.db %zu bytes, %zu free page(s) scanned as well\n", testing::read_file(db_path()).size(), free_count);

    // Closed and reopened, the file still holds none of it, and the anonymous facts stay.
    store.reset();
    const std::string reopened = disk_bytes();
    EXPECT_EQ(reopened.find(sealed_slices[received_long_ago]), std::string::npos);
    EXPECT_EQ(reopened.find(names[closed_long_ago]), std::string::npos);
    auto opened = HubStore::open(db_path());
    ASSERT_TRUE(opened.ok());
    auto requests = opened.value()->contact_requests(std::nullopt);
    ASSERT_TRUE(requests.ok());
    EXPECT_EQ(requests.value().size(), 64u);
    for (const ContactRequestRecord& record : requests.value()) {
        EXPECT_EQ(record.erased_at.has_value(), due.count(record.event_id) == 1) << record.event_id;
        EXPECT_EQ(record.sealed.empty(), due.count(record.event_id) == 1) << record.event_id;
        EXPECT_EQ(record.organisation_id, "forening-a");
        EXPECT_GT(record.received_at, 0);
        if (record.event_id == closed_long_ago) {
            EXPECT_EQ(record.handled_at, k_now - 31 * k_day);
        }
    }
    auto counts = opened.value()->row_counts();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts.value().events, 64);
    EXPECT_TRUE(opened.value()->check_integrity().ok());
}

TEST_F(Retention, ASecondPassErasesNothingMoreAndTheInboxSaysErased)
{
    const mail::RetentionSettings settings{.days_after_closed = 30, .days_after_received = 90, .backup_days = 30, .backup_dir = ""};
    const std::string old = deliver(visitor("E005"), k_now - 91 * k_day);
    deliver(visitor("G006"), k_now - 89 * k_day);
    auto first = run_retention(*store, settings, k_now, RetentionOptions{});
    ASSERT_TRUE(first.ok()) << first.error().text();
    EXPECT_EQ(first.value().erased, std::vector<std::string>{old});
    auto second = run_retention(*store, settings, k_now, RetentionOptions{});
    ASSERT_TRUE(second.ok());
    EXPECT_TRUE(second.value().erased.empty());

    std::FILE* out = std::tmpfile();
    ASSERT_NE(out, nullptr);
    auto summary = print_inbox(*store, keys, InboxOptions{}, out);
    ASSERT_TRUE(summary.ok());
    EXPECT_EQ(summary.value().problems, 0u);  // an erased box is not a damaged one
    std::rewind(out);
    std::string listing;
    for (int c = std::fgetc(out); c != EOF; c = std::fgetc(out))
        listing += static_cast<char>(c);
    std::fclose(out);
    EXPECT_NE(listing.find("personal data erased"), std::string::npos) << listing;
    EXPECT_EQ(listing.find("E005"), std::string::npos) << listing;
    EXPECT_NE(listing.find("G006"), std::string::npos) << listing;
}

TEST_F(Retention, DryRunNamesWhatIsDueAndChangesNothing)
{
    const mail::RetentionSettings settings{.days_after_closed = 30, .days_after_received = 90, .backup_days = 30, .backup_dir = ""};
    const std::string old = deliver(visitor("H007"), k_now - 91 * k_day);
    store_opened_copies();
    auto report = run_retention(*store, settings, k_now, options(true));
    ASSERT_TRUE(report.ok()) << report.error().text();
    EXPECT_EQ(report.value().erased, std::vector<std::string>{old});
    auto requests = store->contact_requests(std::nullopt);
    ASSERT_TRUE(requests.ok());
    ASSERT_EQ(requests.value().size(), 1u);
    EXPECT_FALSE(requests.value().front().sealed.empty());
    EXPECT_FALSE(requests.value().front().erased_at.has_value());
    EXPECT_NE(disk_bytes().find("Zebulon H007 Kvarnström"), std::string::npos);
}

TEST_F(Retention, SettingsChooseTheLimits)
{
    const mail::RetentionSettings settings{.days_after_closed = 2, .days_after_received = 10, .backup_days = 30, .backup_dir = ""};
    const std::string closed = deliver(visitor("J008"), k_now - 5 * k_day);
    const std::string open = deliver(visitor("K009"), k_now - 5 * k_day);
    ASSERT_TRUE(store->mark_handled(closed, k_now - 3 * k_day).ok());
    auto report = run_retention(*store, settings, k_now, RetentionOptions{});
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report.value().erased, std::vector<std::string>{closed});
}

TEST_F(Retention, DeletesTheHubsOwnBackupsOlderThanBackupDays)
{
    testing::TempDir backups("lotsen-backups");
    const std::string old_backup = (backups / "hub-old.db").string();
    const std::string new_backup = (backups / "hub-new.db").string();
    const std::string not_a_backup = (backups / "notes.txt").string();
    deliver(visitor("L010"), k_now - 1 * k_day);
    ASSERT_TRUE(backup_hub(db_path(), old_backup).ok());
    ASSERT_TRUE(backup_hub(db_path(), new_backup).ok());
    ASSERT_TRUE(testing::write_file(not_a_backup, "kept"));
    const auto age = [](const std::string& path, UnixSeconds when) {
        const struct timeval times[2] = {{when, 0}, {when, 0}};
        ASSERT_EQ(::utimes(path.c_str(), times), 0);
    };
    age(old_backup, k_now - 31 * k_day);
    age(new_backup, k_now - 29 * k_day);
    age(not_a_backup, k_now - 400 * k_day);
    const mail::RetentionSettings settings{.days_after_closed = 30, .days_after_received = 90, .backup_days = 30,
                                           .backup_dir = backups.str()};
    auto report = run_retention(*store, settings, k_now, RetentionOptions{});
    ASSERT_TRUE(report.ok()) << report.error().text();
    EXPECT_EQ(report.value().backups_deleted, std::vector<std::string>{old_backup});
    EXPECT_FALSE(std::filesystem::exists(old_backup));
    EXPECT_TRUE(std::filesystem::exists(new_backup));
    EXPECT_TRUE(std::filesystem::exists(not_a_backup));
}

}  // namespace
}  // namespace lotsen::hub::test
