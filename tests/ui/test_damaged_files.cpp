// test_damaged_files.cpp — the kiosk starts on a data directory whose three files were damaged
// (lotsen.db and outbox.db with a hit header, kiosk.key empty) instead of exiting into a crash loop:
// each is kept aside, the store starts empty and the updater no longer claims the catalogue it had
// accepted, the waiting check-ins are read back, a new key is made, admin lists all three with the
// `lotsen-hub enroll` line, and the first heartbeat reports the outbox's recovery.
#include "kiosk/app.hpp"
#include "kiosk/headless.hpp"

#include "core/catalogue/synthetic.hpp"
#include "core/outbox/outbox.hpp"
#include "core/update/update_state.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

namespace lotsen::kiosk {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

void hit_header(const fs::path& path)
{
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.write("this is no db!!!", 16);
}

TEST(DamagedFilesAtStart, KioskStartsKeepsThemAsideAndSaysSo)
{
    ASSERT_GE(sodium_init(), 0);
    const fs::path dir = fs::temp_directory_path() / ("lotsen-ui-damaged-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string data = dir.string();
    {
        auto store = Store::open(data + "/lotsen.db");
        ASSERT_TRUE(store);
        OutboxOptions options;
        options.min_checkin_gap_seconds = 0;
        auto log = Outbox::open(data + "/outbox.db", options);
        ASSERT_TRUE(log);
        for (int i = 0; i < 5; ++i)
            ASSERT_TRUE(log.value()->record_checkin(CheckIn{"aktivitet-1", true, std::nullopt, std::nullopt, ""},
                                                    1763900000 + i, ClockSync::synchronised));
        ASSERT_TRUE(protocol::load_or_create_key_pair(data + "/kiosk.key"));
    }
    hit_header(data + "/lotsen.db");
    hit_header(data + "/outbox.db");
    fs::resize_file(data + "/kiosk.key", 0);
    // The updater had accepted published catalogue 9, which the damaged store held.
    UpdateState state;
    state.seen.catalogue_version = 9;
    state.catalogue_name = "Höst";
    fs::create_directories(update_paths(data).root);
    ASSERT_TRUE(save_update_state(update_paths(data).state, state));

    KioskOptions options;
    options.data_dir = data;
    options.assets_dir = std::string(LOTSEN_SOURCE_DIR) + "/assets";
    options.config.upload.url = "http://127.0.0.1:9";  // discard: nothing listens, nothing is acknowledged
    auto kiosk = HeadlessKiosk::create(options, 800, 480);
    ASSERT_TRUE(kiosk) << kiosk.error().text();
    KioskApp& app = kiosk.value()->app();

    for (const char* name : {"lotsen.db", "outbox.db", "kiosk.key"})
        EXPECT_TRUE(fs::exists(data + "/" + name + ".damaged-1")) << name;
    EXPECT_EQ(app.store().activity_count().value(), 0);
    auto after = load_update_state(update_paths(data).state);
    ASSERT_TRUE(after) << after.error().text();
    EXPECT_EQ(after.value().seen.catalogue_version, 0) << "the updater must fetch the catalogue again";
    ASSERT_NE(app.events(), nullptr);
    EXPECT_EQ(app.events()->counts().value().never_drop, 5);

    const AdminReport report = app.admin_desk().report(3);
    ASSERT_EQ(report.repaired.size(), 3u);
    EXPECT_TRUE(report.new_kiosk_key);
    std::string all;
    for (const std::string& line : report.repaired)
        all += line + "\n";
    EXPECT_NE(all.find("lotsen-hub enroll"), std::string::npos) << all;
    EXPECT_NE(all.find(app.kiosk_key()), std::string::npos) << all;
    EXPECT_NE(all.find("5 waiting event(s) were read back"), std::string::npos) << all;

    // The first heartbeat (recorded by the uploader as it starts, after the first frame) says what
    // happened to the outbox.
    kiosk.value()->frame(1763900000);
    std::vector<StoredEvent> heartbeats;
    const auto give_up = std::chrono::steady_clock::now() + 30s;
    while (heartbeats.empty() && std::chrono::steady_clock::now() < give_up) {
        auto read = app.events()->oldest_pending(10);
        ASSERT_TRUE(read);
        for (StoredEvent& event : read.value())
            if (event.kind == EventKind::heartbeat)
                heartbeats.push_back(std::move(event));
        if (heartbeats.empty())
            std::this_thread::sleep_for(10ms);
    }
    ASSERT_FALSE(heartbeats.empty()) << "no heartbeat was recorded";
    const auto heartbeat = nlohmann::json::parse(heartbeats[0].payload.begin(), heartbeats[0].payload.end());
    ASSERT_TRUE(heartbeat.contains("outbox_recovery")) << heartbeat.dump();
    EXPECT_EQ(heartbeat["outbox_recovery"]["recovered"], 5);
    EXPECT_EQ(heartbeat["outbox_recovery"]["kept_aside"], data + "/outbox.db.damaged-1");
    EXPECT_FALSE(heartbeat["outbox_recovery"].contains("lost"));

    kiosk.value().reset();
    fs::remove_all(dir);
}

// Damage inside the store (here a page of a search index's table, which no start reads) is not looked
// for before the first frame; the check of the open store finds it on its thread, marks the file, and
// the kiosk restarts at the next quiet moment (systemd starts it again); that start sets the file aside.
TEST(DamagedFilesAtStart, DamageInsideTheStoreIsFoundAfterTheFirstFrameAndSetAsideByTheRestart)
{
    const fs::path dir = fs::temp_directory_path() / ("lotsen-ui-damaged-inside-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string data = dir.string();
    const std::string db = data + "/lotsen.db";
    {
        auto store = Store::open(db);
        ASSERT_TRUE(store);
        SyntheticSpec spec;
        spec.activities = 200;
        ASSERT_TRUE(store.value()->replace_catalogue(generate_synthetic_catalogue(spec), 1763900000));
    }
    int page_size = 0;
    int root = 0;
    {
        sqlite3* raw = nullptr;
        ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
        const auto scalar = [&](const char* sql) {
            sqlite3_stmt* stmt = nullptr;
            int value = 0;
            if (sqlite3_prepare_v2(raw, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
                value = sqlite3_column_int(stmt, 0);
            sqlite3_finalize(stmt);
            return value;
        };
        page_size = scalar("PRAGMA page_size");
        root = scalar("SELECT rootpage FROM sqlite_schema WHERE name = 'search_all_exact_data'");
        sqlite3_close(raw);
    }
    ASSERT_GT(root, 1);
    {
        std::fstream file(db, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(static_cast<std::streamoff>(root - 1) * page_size);
        const std::string garbage(static_cast<std::size_t>(page_size), '\xAB');
        file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }

    KioskOptions options;
    options.data_dir = data;
    options.assets_dir = std::string(LOTSEN_SOURCE_DIR) + "/assets";
    {
        auto kiosk = HeadlessKiosk::create(options, 800, 480);
        ASSERT_TRUE(kiosk) << kiosk.error().text();
        KioskApp& app = kiosk.value()->app();
        EXPECT_FALSE(fs::exists(data + "/lotsen.db.damaged-1")) << "nothing inside the file is read before the first frame";
        EXPECT_EQ(app.store().activity_count().value(), 200);
        const auto give_up = std::chrono::steady_clock::now() + 60s;
        UnixSeconds now = 1763900000;
        while (!app.exit_requested() && std::chrono::steady_clock::now() < give_up) {
            kiosk.value()->frame(now);  // the home screen, untouched: a quiet moment
            std::this_thread::sleep_for(20ms);
        }
        EXPECT_TRUE(app.exit_requested()) << "the kiosk did not restart";
        EXPECT_NE(app.restart_reason().find("lotsen.db is damaged (table search_all_exact_data: "), std::string::npos)
            << app.restart_reason();
        EXPECT_TRUE(fs::exists(Store::full_check_mark(db)));
    }
    auto restarted = HeadlessKiosk::create(options, 800, 480);
    ASSERT_TRUE(restarted) << restarted.error().text();
    EXPECT_TRUE(fs::exists(data + "/lotsen.db.damaged-1"));
    EXPECT_FALSE(fs::exists(Store::full_check_mark(db)));
    EXPECT_EQ(restarted.value()->app().store().activity_count().value(), 0);
    const AdminReport report = restarted.value()->app().admin_desk().report(3);
    ASSERT_EQ(report.repaired.size(), 1u);
    EXPECT_NE(report.repaired[0].find("lotsen.db was damaged ("), std::string::npos) << report.repaired[0];
    restarted.value().reset();
    fs::remove_all(dir);
}

}  // namespace
}  // namespace lotsen::kiosk
