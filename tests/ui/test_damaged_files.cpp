// test_damaged_files.cpp — the kiosk starts on a data directory whose three files were damaged
// (lotsen.db and outbox.db with a hit header, kiosk.key empty) instead of exiting into a crash loop:
// each is kept aside, the store starts empty and the updater no longer claims the catalogue it had
// accepted, the waiting check-ins are read back, a new key is made, admin lists all three with the
// `lotsen-hub enroll` line, and the first heartbeat reports the outbox's recovery.
#include "kiosk/app.hpp"
#include "kiosk/headless.hpp"

#include "core/outbox/outbox.hpp"
#include "core/update/update_state.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sodium.h>
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

    // The first heartbeat (recorded by the uploader as it starts) says what happened to the outbox.
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

}  // namespace
}  // namespace lotsen::kiosk
