// Tests of core/updater's pure pieces: what a partial download and a reply mean for resuming, the
// state file (round trip, strictness, atomic replacement), the config overlay rules and what needs a
// restart, and applying a ready catalogue to a store. The network side is tested against the real
// hub in tests/integration/test_updates.cpp.
#include "updater.hpp"

#include "catalogue_json.hpp"
#include "store.hpp"
#include "synthetic.hpp"
#include "uploader.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace lotsen;
namespace fs = std::filesystem;

namespace {

class TempDir {
public:
    TempDir()
    {
        m_path = fs::temp_directory_path() /
                 ("lotsen-updater-" + std::to_string(::getpid()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_path);
        fs::create_directories(m_path);
    }
    ~TempDir() { fs::remove_all(m_path); }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

std::string read_file(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_file(const fs::path& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary);
    out << text;
}

UpdateState sample_state()
{
    UpdateState state;
    state.seen = manifest::Seen{9, 12, 3, 5};
    state.etag = "\"abc-123\"";
    state.manifest = "{\n  \"payload\": \"eyJ9\",\n  \"signature\": \"x\"\n}\n";
    state.catalogue_name = "Vecka 47";
    state.config_name = "";
    state.release_name = "0.2.0";
    return state;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Resume decisions.

TEST(UpdaterResume, PlanFromWhatIsOnDisk)
{
    EXPECT_EQ(plan_download(0, 1000), (DownloadPlan{false, false, 0}));      // nothing yet: the whole file
    EXPECT_EQ(plan_download(400, 1000), (DownloadPlan{false, false, 400}));  // continue at byte 400
    EXPECT_EQ(plan_download(1000, 1000), (DownloadPlan{false, true, 0}));    // all there: just verify
    EXPECT_EQ(plan_download(1001, 1000), (DownloadPlan{true, false, 0}));    // longer than signed: not this file
}

TEST(UpdaterResume, ReplyDecidesAppendRestartOrStartOver)
{
    EXPECT_EQ(resume_action(206, 400, 400), ResumeAction::append);
    // A 206 from elsewhere, or without a Content-Range, cannot be stitched onto the partial file.
    EXPECT_EQ(resume_action(206, 400, 0), ResumeAction::start_over);
    EXPECT_EQ(resume_action(206, 400, std::nullopt), ResumeAction::start_over);
    EXPECT_EQ(resume_action(206, 0, 0), ResumeAction::start_over);  // nothing was asked from a byte
    EXPECT_EQ(resume_action(200, 400, std::nullopt), ResumeAction::restart);  // no Range support: all of it
    EXPECT_EQ(resume_action(200, 0, std::nullopt), ResumeAction::restart);
    EXPECT_EQ(resume_action(416, 400, std::nullopt), ResumeAction::start_over);
    for (long status : {301L, 304L, 403L, 404L, 500L, 503L})
        EXPECT_EQ(resume_action(status, 400, std::nullopt), ResumeAction::fail) << status;
}

TEST(UpdaterResume, ContentRangeStart)
{
    EXPECT_EQ(parse_content_range_start("bytes 100-199/200"), 100u);
    EXPECT_EQ(parse_content_range_start(" bytes 0-9/10\r\n"), 0u);
    EXPECT_EQ(parse_content_range_start("Bytes 7-9/*"), 7u);
    EXPECT_EQ(parse_content_range_start("bytes */200"), std::nullopt);
    EXPECT_EQ(parse_content_range_start("bytes 100"), std::nullopt);
    EXPECT_EQ(parse_content_range_start("items 1-2/3"), std::nullopt);
    EXPECT_EQ(parse_content_range_start(""), std::nullopt);
}

TEST(UpdaterResume, DownloadLimitsPerKind)
{
    EXPECT_EQ(max_download_bytes(manifest::Kind::catalogue), CatalogueLimits{}.max_file_bytes);
    EXPECT_LT(max_download_bytes(manifest::Kind::config), max_download_bytes(manifest::Kind::catalogue));
    EXPECT_GT(max_download_bytes(manifest::Kind::release), max_download_bytes(manifest::Kind::catalogue));
}

// ---------------------------------------------------------------------------------------------
// State file.

TEST(UpdaterState, RoundTrip)
{
    const UpdateState state = sample_state();
    auto decoded = decode_update_state(encode_update_state(state), "state.json");
    ASSERT_TRUE(decoded) << decoded.error().message;
    EXPECT_EQ(decoded.value(), state);
}

TEST(UpdaterState, MissingFileIsEmptyDamagedIsAnError)
{
    TempDir dir;
    auto missing = load_update_state((dir.path() / "state.json").string());
    ASSERT_TRUE(missing) << missing.error().message;
    EXPECT_EQ(missing.value(), UpdateState{});

    // A damaged file must not read as "nothing seen": that would let a replayed manifest in.
    for (const std::string& text : {std::string("{\"format\": 1"), std::string("[]"), std::string("")}) {
        write_file(dir.path() / "state.json", text);
        auto damaged = load_update_state((dir.path() / "state.json").string());
        ASSERT_FALSE(damaged) << text;
        EXPECT_NE(damaged.error().message.find("state.json"), std::string::npos) << damaged.error().message;
    }
}

TEST(UpdaterState, StrictMembers)
{
    auto json = nlohmann::json::parse(encode_update_state(sample_state()));
    json["extra"] = 1;
    auto unknown = decode_update_state(json.dump(), "s.json");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().message, "s.json: extra: unknown member");

    json = nlohmann::json::parse(encode_update_state(sample_state()));
    json["sequence"] = -1;
    auto negative = decode_update_state(json.dump(), "s.json");
    ASSERT_FALSE(negative);
    EXPECT_EQ(negative.error().message, "s.json: sequence: missing or not a non-negative integer");

    json = nlohmann::json::parse(encode_update_state(sample_state()));
    json["format"] = 2;
    EXPECT_FALSE(decode_update_state(json.dump(), "s.json"));

    json = nlohmann::json::parse(encode_update_state(sample_state()));
    json.erase("etag");
    EXPECT_FALSE(decode_update_state(json.dump(), "s.json"));
}

TEST(UpdaterState, SavedAtomicallyWithoutLeftovers)
{
    TempDir dir;
    const std::string path = (dir.path() / "state.json").string();
    UpdateState first = sample_state();
    ASSERT_TRUE(save_update_state(path, first));
    UpdateState second = first;
    second.seen.sequence = 10;
    second.etag = "\"def\"";
    ASSERT_TRUE(save_update_state(path, second));
    auto loaded = load_update_state(path);
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_EQ(loaded.value(), second);
    // Only the file itself: the temporary it was written through was renamed over it.
    std::vector<std::string> names;
    for (const auto& item : fs::directory_iterator(dir.path()))
        names.push_back(item.path().filename().string());
    EXPECT_EQ(names, std::vector<std::string>{"state.json"});
    EXPECT_EQ(fs::status(path).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
}

TEST(UpdaterState, AFailedWriteKeepsTheOldFile)
{
    TempDir dir;
    const fs::path path = dir.path() / "state.json";
    ASSERT_TRUE(save_update_state(path.string(), sample_state()));
    const std::string before = read_file(path);
    // The temporary cannot be created where a directory of that name stands: the write fails
    // before anything touches the real file.
    fs::create_directories(dir.path() / "state.json.tmp");
    UpdateState newer = sample_state();
    newer.seen.sequence = 99;
    EXPECT_FALSE(save_update_state(path.string(), newer));
    EXPECT_EQ(read_file(path), before);
}

// ---------------------------------------------------------------------------------------------
// Config overlay.

TEST(UpdaterConfig, OverlayReplacesOnlyTheKeysItHas)
{
    auto local = parse_kiosk_config(R"(
[kiosk]
town = "Falkenberg"
idle_prompt_seconds = 60
[screen]
width = 800
height = 480
[upstream]
url = "https://hub.example.se"
flush_seconds = 30
)",
                                    "local.toml");
    ASSERT_TRUE(local) << local.error().message;
    auto merged = apply_kiosk_config_overlay(local.value(), R"(
[kiosk]
idle_prompt_seconds = 120
[upstream]
heartbeat_minutes = 10
[[help.contacts]]
name = { sv = "Regionens stödlinje" }
number = "035-13 10 00"
)",
                                             "published");
    ASSERT_TRUE(merged) << merged.error().message;
    const KioskConfig& config = merged.value();
    EXPECT_EQ(config.town, "Falkenberg");  // site keys stay local unless the overlay sets them
    EXPECT_EQ(config.idle_prompt_seconds, 120);
    EXPECT_EQ(config.screen_width, 800);
    EXPECT_EQ(config.upload.url, "https://hub.example.se");
    EXPECT_EQ(config.upload.flush_seconds, 30);
    EXPECT_EQ(config.upload.heartbeat_minutes, 10);
    ASSERT_EQ(config.help_contacts.size(), 1u);  // a list is replaced as a whole
    EXPECT_EQ(config.help_contacts[0].number, "035-13 10 00");
    EXPECT_FALSE(config_needs_restart(local.value(), config));
}

TEST(UpdaterConfig, OverlayMayMoveTheTownAndIsCheckedLikeAFile)
{
    auto local = parse_kiosk_config("[kiosk]\ntown = \"Falkenberg\"\n", "local.toml");
    ASSERT_TRUE(local);
    auto moved = apply_kiosk_config_overlay(local.value(), "[kiosk]\ntown = \"Varberg\"\n", "published");
    ASSERT_TRUE(moved);
    EXPECT_EQ(moved.value().town, "Varberg");

    auto typo = apply_kiosk_config_overlay(local.value(), "[kiosk]\nidle_promt_seconds = 5\n", "published config 4");
    ASSERT_FALSE(typo);
    EXPECT_EQ(typo.error().message, "published config 4:2: kiosk.idle_promt_seconds: unknown key");
    auto range = apply_kiosk_config_overlay(local.value(), "[checkin]\nmin_gap_seconds = -1\n", "p");
    ASSERT_FALSE(range);
    auto syntax = apply_kiosk_config_overlay(local.value(), "[kiosk\n", "p");
    ASSERT_FALSE(syntax);
    // A default language the local list does not offer is refused, as in a whole file.
    auto language = apply_kiosk_config_overlay(local.value(), "[kiosk]\ndefault_language = \"de\"\n", "p");
    ASSERT_FALSE(language);
}

TEST(UpdaterConfig, RestartOnlyForScreenAndLanguages)
{
    const KioskConfig base;
    KioskConfig changed = base;
    changed.admin_pin_hash = "$argon2id$...";
    changed.idle_reset_seconds = 30;
    changed.checkin_min_gap_seconds = 0;
    changed.upload.url = "https://other.example.se";
    changed.opening_hours.always_on = false;
    EXPECT_FALSE(config_needs_restart(base, changed));
    for (auto change : std::vector<void (*)(KioskConfig&)>{
             [](KioskConfig& c) { c.screen_width = 800; },
             [](KioskConfig& c) { c.screen_height = 480; },
             [](KioskConfig& c) { c.fullscreen = false; },
             [](KioskConfig& c) { c.screen_diagonal_inches = 7.0; },
             [](KioskConfig& c) { c.languages.pop_back(); },
         }) {
        KioskConfig restart = base;
        change(restart);
        EXPECT_TRUE(config_needs_restart(base, restart));
    }
}

TEST(UpdaterConfig, StoredOverlayIsLoadedOverTheLocalFile)
{
    TempDir dir;
    KioskConfig local;
    local.town = "Laholm";
    auto none = load_with_config_overlay(local, dir.path().string());
    ASSERT_TRUE(none);
    EXPECT_EQ(none.value().town, "Laholm");

    fs::create_directories(dir.path() / "updates");
    ASSERT_TRUE(write_file_atomically(update_paths(dir.path().string()).config_overlay, "[checkin]\nmin_gap_seconds = 0\n"));
    auto overlaid = load_with_config_overlay(local, dir.path().string());
    ASSERT_TRUE(overlaid) << overlaid.error().message;
    EXPECT_EQ(overlaid.value().town, "Laholm");
    EXPECT_EQ(overlaid.value().checkin_min_gap_seconds, 0);

    write_file(update_paths(dir.path().string()).config_overlay, "[checkin]\nmin_gap = 0\n");
    EXPECT_FALSE(load_with_config_overlay(local, dir.path().string()));
}

TEST(UpdaterConfig, ReadyConfigIsReadOverLocalAndComparedWithRunning)
{
    TempDir dir;
    KioskConfig local;
    ReadyUpdate update;
    update.kind = manifest::Kind::config;
    update.entry.version = 4;
    update.path = (dir.path() / "c.toml").string();
    write_file(update.path, "[screen]\nwidth = 1024\n");
    auto read = read_config_update(local, local, update);
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_TRUE(read.value().needs_restart);
    EXPECT_EQ(read.value().text, "[screen]\nwidth = 1024\n");

    write_file(update.path, "[screen]\nwidht = 1024\n");
    auto bad = read_config_update(local, local, update);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("published config 4:2: screen.widht: unknown key"), std::string::npos)
        << bad.error().message;
}

// ---------------------------------------------------------------------------------------------
// Applying a catalogue.

TEST(UpdaterApply, CatalogueReplacesTheStoreUnderTheSignedVersion)
{
    TempDir dir;
    auto store = Store::open(":memory:");
    ASSERT_TRUE(store);
    SyntheticSpec spec;
    spec.activities = 20;
    spec.organisations = 4;
    Catalogue catalogue = generate_synthetic_catalogue(spec);
    catalogue.version = 3;  // the file's own number; the manifest's is the one counted
    ReadyUpdate update;
    update.entry.version = 8;
    update.path = (dir.path() / "c.json").string();
    write_file(update.path, catalogue_to_json(catalogue));
    ASSERT_TRUE(apply_catalogue_update(*store.value(), update, 1763900000));
    EXPECT_EQ(store.value()->catalogue_version().value(), 8);
    EXPECT_EQ(store.value()->activity_count().value(), 20);

    write_file(update.path, "{\"format_version\": 1, \"version\": 9, \"activities\": 3}");
    update.entry.version = 9;
    auto bad = apply_catalogue_update(*store.value(), update, 1763900000);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("catalogue 9 does not parse"), std::string::npos) << bad.error().message;
    EXPECT_EQ(store.value()->catalogue_version().value(), 8);  // the old one stays
    EXPECT_EQ(store.value()->activity_count().value(), 20);
}

// ---------------------------------------------------------------------------------------------
// The heartbeat tells the region about a refusal.

TEST(UpdaterHeartbeat, CarriesTheNewestRefusal)
{
    HeartbeatFacts facts;
    auto without = nlohmann::json::parse(heartbeat_json(facts));
    EXPECT_FALSE(without.contains("update_refusal"));
    facts.update_refusal = std::pair<std::int64_t, std::string>{1763900000, "manifest sequence 3 is older than the 4 already seen"};
    auto with = nlohmann::json::parse(heartbeat_json(facts));
    ASSERT_TRUE(with.contains("update_refusal"));
    EXPECT_EQ(with["update_refusal"]["at"], 1763900000);
    EXPECT_EQ(with["update_refusal"]["reason"], "manifest sequence 3 is older than the 4 already seen");
}
