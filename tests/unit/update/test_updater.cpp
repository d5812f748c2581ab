// Tests of core/update's pure pieces: what a partial download and a reply mean for resuming, which
// entry a kiosk takes per kind (the newest whose file format it reads), the state file (round trip,
// checks on known members, unknown ones skipped, atomic replacement, remembered refusals and the
// software that made them), the config overlay rules and what needs a restart, applying a ready
// catalogue to a store, and what the updater remembers of a refusal across a restart and forgets
// across a software change. The network side is tested against the real hub in
// tests/integration/test_updates.cpp and tests/integration/test_update_formats.cpp.
#include "core/update/updater.hpp"
#include "core/base/file.hpp"

#include "core/catalogue/catalogue_json.hpp"
#include "core/storage/store.hpp"
#include "core/catalogue/synthetic.hpp"
#include "core/upload/uploader.hpp"
#include "tests/common/files.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <functional>

using namespace lotsen;
namespace fs = std::filesystem;

namespace {

using lotsen::testing::read_file;
using lotsen::testing::write_file;

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
// Which entry a kiosk takes.

namespace {

manifest::Entry listed(std::int64_t version, std::int64_t format, const std::string& name = "")
{
    manifest::Entry entry;
    entry.version = version;
    entry.name = name;
    entry.size = 100;
    entry.sha256 = protocol::sha256("file " + std::to_string(version));
    entry.file = protocol::to_hex(entry.sha256) + ".json";
    entry.format = format;
    return entry;
}

}  // namespace

TEST(UpdaterChoice, TheNewestEntryWhoseFormatTheKioskReads)
{
    using manifest::Kind;
    manifest::Manifest m;
    EXPECT_FALSE(choose_entry(m, Kind::catalogue, 1).entry);  // nothing listed: nothing taken, nothing refused
    EXPECT_FALSE(choose_entry(m, Kind::catalogue, 1).unreadable);

    // One major: the main entry, for any kiosk that reads its format.
    m.catalogue = listed(8, 1);
    EntryChoice one = choose_entry(m, Kind::catalogue, 1);
    ASSERT_TRUE(one.entry);
    EXPECT_EQ(one.entry->version, 8);
    EXPECT_FALSE(one.previous_major);
    EXPECT_EQ(choose_entry(m, Kind::catalogue, 2).entry->version, 8);  // a newer kiosk reads the old format too

    // Format 2 with format 1 beside it: a kiosk reading 1 takes the one beside, a kiosk reading 2 the main.
    m.catalogue = listed(9, 2);
    m.previous_major.catalogue = listed(8, 1);
    EntryChoice old_kiosk = choose_entry(m, Kind::catalogue, 1);
    ASSERT_TRUE(old_kiosk.entry);
    EXPECT_EQ(old_kiosk.entry->version, 8);
    EXPECT_TRUE(old_kiosk.previous_major);
    EXPECT_FALSE(old_kiosk.unreadable);
    EntryChoice new_kiosk = choose_entry(m, Kind::catalogue, 2);
    ASSERT_TRUE(new_kiosk.entry);
    EXPECT_EQ(new_kiosk.entry->version, 9);
    EXPECT_FALSE(new_kiosk.previous_major);

    // Format 3 with 2 beside it: a kiosk reading 1 reads neither; the main entry is the one refused.
    m.catalogue = listed(11, 3);
    m.previous_major.catalogue = listed(10, 2);
    EntryChoice neither = choose_entry(m, Kind::catalogue, 1);
    EXPECT_FALSE(neither.entry);
    ASSERT_TRUE(neither.unreadable);
    EXPECT_EQ(neither.unreadable->version, 11);
    // Only format 2, no previous major: the same.
    m.previous_major.catalogue.reset();
    m.catalogue = listed(9, 2);
    ASSERT_TRUE(choose_entry(m, Kind::catalogue, 1).unreadable);
    // Kinds are chosen apart: the config is format 1.
    m.config = listed(4, 1);
    EXPECT_EQ(choose_entry(m, Kind::config, 1).entry->version, 4);
}

TEST(UpdaterChoice, TheRefusalSaysWhatToDo)
{
    EXPECT_EQ(unreadable_entry_reason(manifest::Kind::catalogue, listed(9, 2, "Spring"), 1, "0.3.0"),
              "catalogue 9 \"Spring\" is format 2, newer than this kiosk (lotsen 0.3.0) reads (1); upgrade this kiosk, "
              "or publish format 1 beside it (docs/updates.md)");
}

TEST(UpdaterChoice, TheKioskReadsTheFormatsItsOwnWritersWrite)
{
    // The catalogue major the updater takes is the one core/catalogue writes (and reads); a small
    // catalogue says it as well as 10,000 activities did (13 s of CI's asan pass).
    SyntheticSpec spec;
    spec.activities = 20;
    spec.organisations = 2;
    const auto written = nlohmann::json::parse(catalogue_to_json(generate_synthetic_catalogue(spec)));
    EXPECT_EQ(written["format_version"], readable_format_major(manifest::Kind::catalogue));
    EXPECT_EQ(readable_format_major(manifest::Kind::config), 1);
    EXPECT_EQ(readable_format_major(manifest::Kind::release), 1);
}

// ---------------------------------------------------------------------------------------------
// State file.

TEST(UpdaterState, RoundTrip)
{
    const UpdateState state = sample_state();
    auto decoded = decode_update_state(encode_update_state(state), "state.json");
    ASSERT_TRUE(decoded) << decoded.error().text();
    EXPECT_EQ(decoded.value(), state);
}

TEST(UpdaterState, MissingFileIsEmptyDamagedIsAnError)
{
    lotsen::testing::TempDir dir("lotsen-updater");
    ASSERT_FALSE(dir.path().empty());
    auto missing = load_update_state((dir.path() / "state.json").string());
    ASSERT_TRUE(missing) << missing.error().text();
    EXPECT_EQ(missing.value(), UpdateState{});

    // A damaged file must not read as "nothing seen": that would let a replayed manifest in.
    for (const std::string& text : {std::string("{\"format\": 1"), std::string("[]"), std::string("")}) {
        write_file(dir.path() / "state.json", text);
        auto damaged = load_update_state((dir.path() / "state.json").string());
        ASSERT_FALSE(damaged) << text;
        EXPECT_NE(damaged.error().text().find("state.json"), std::string::npos) << damaged.error().text();
    }
}

TEST(UpdaterState, UnknownMembersAreSkippedKnownOnesChecked)
{
    // Written by a newer release before the kiosk went back to this one: what it added is skipped
    // (and listed for the log), the rest read as always.
    auto json = nlohmann::json::parse(encode_update_state(sample_state()));
    json["extra"] = 1;
    json["format_minor"] = 2;
    IgnoredMembers ignored;
    auto unknown = decode_update_state(json.dump(), "s.json", &ignored);
    ASSERT_TRUE(unknown) << unknown.error().text();
    EXPECT_EQ(unknown.value(), sample_state());
    EXPECT_EQ(ignored.summary(), "extra");
    // Not written back: the file this release writes is its own.
    EXPECT_FALSE(nlohmann::json::parse(encode_update_state(unknown.value())).contains("extra"));
    EXPECT_FALSE(nlohmann::json::parse(encode_update_state(unknown.value())).contains("format_minor"));

    json["format_minor"] = -1;
    auto bad_minor = decode_update_state(json.dump(), "s.json");
    ASSERT_FALSE(bad_minor);
    EXPECT_EQ(bad_minor.error().text(), "s.json: format_minor: not a non-negative integer");

    json = nlohmann::json::parse(encode_update_state(sample_state()));
    json["sequence"] = -1;
    auto negative = decode_update_state(json.dump(), "s.json");
    ASSERT_FALSE(negative);
    EXPECT_EQ(negative.error().text(), "s.json: sequence: missing or not a non-negative integer");

    json = nlohmann::json::parse(encode_update_state(sample_state()));
    json["format"] = 2;
    auto newer = decode_update_state(json.dump(), "s.json");
    ASSERT_FALSE(newer);
    EXPECT_EQ(newer.error().text(), "s.json: format 2 is not one this kiosk reads (1)");

    json = nlohmann::json::parse(encode_update_state(sample_state()));
    json.erase("etag");
    EXPECT_FALSE(decode_update_state(json.dump(), "s.json"));
}

TEST(UpdaterState, RememberedRefusalsRoundTripAndOldStateFilesStillLoad)
{
    UpdateState state = sample_state();
    state.refused.push_back(RememberedRefusal{manifest::Kind::config, 4, protocol::sha256("config 4"), 1763900000,
                                              "published config 4: kiosk.default_language \"en\" is not in kiosk.languages", ""});
    state.refused.push_back(RememberedRefusal{manifest::Kind::catalogue, 13, protocol::sha256("catalogue 13"), 1763900100,
                                              "catalogue 13: 90000000 bytes is more than the 67108864 a kiosk downloads", ""});
    const std::string text = encode_update_state(state);
    auto decoded = decode_update_state(text, "state.json");
    ASSERT_TRUE(decoded) << decoded.error().text();
    EXPECT_EQ(decoded.value(), state);
    const auto json = nlohmann::json::parse(text);
    EXPECT_EQ(json["refused"][0]["kind"], "config");
    EXPECT_EQ(json["refused"][0]["sha256"], protocol::to_hex(protocol::sha256("config 4")));

    // A state file as written before refusals were remembered (no "refused") loads, with none.
    const std::string old_file = R"({
  "catalogue_name": "Vecka 47",
  "catalogue_version": 12,
  "config_name": "",
  "config_version": 3,
  "etag": "\"abc-123\"",
  "format": 1,
  "manifest": "",
  "release_name": "0.2.0",
  "release_version": 5,
  "sequence": 9
}
)";
    auto old = decode_update_state(old_file, "state.json");
    ASSERT_TRUE(old) << old.error().text();
    EXPECT_TRUE(old.value().refused.empty());
    EXPECT_EQ(old.value().seen, (manifest::Seen{9, 12, 3, 5}));
    // And without refusals nothing new is written, so a program from before (a rolled-back release)
    // still reads the file.
    EXPECT_FALSE(nlohmann::json::parse(encode_update_state(sample_state())).contains("refused"));
}

TEST(UpdaterState, RememberedRefusalsAreCheckedStrictly)
{
    UpdateState state = sample_state();
    // No software: the state file does not carry it (UpdaterState.ARefusalRemembersTheSoftwareThatMadeIt).
    state.refused.push_back(RememberedRefusal{manifest::Kind::config, 4, protocol::sha256("x"), 1763900000, "why", ""});
    const auto good = nlohmann::json::parse(encode_update_state(state));
    auto broken = [&](const std::function<void(nlohmann::json&)>& change) {
        nlohmann::json json = good;
        change(json);
        auto decoded = decode_update_state(json.dump(), "s.json");
        return decoded ? std::string("(accepted)") : decoded.error().text();
    };
    EXPECT_EQ(broken([](auto& j) { j["refused"] = 1; }), "s.json: refused: not an array");
    EXPECT_EQ(broken([](auto& j) { j["refused"][0]["kind"] = "font"; }),
              "s.json: refused[0].kind: missing or not one of catalogue, config, release");
    EXPECT_EQ(broken([](auto& j) { j["refused"][0]["version"] = 0; }), "s.json: refused[0].version: missing or not a positive integer");
    EXPECT_EQ(broken([](auto& j) { j["refused"][0]["sha256"] = std::string(64, 'A'); }),
              "s.json: refused[0].sha256: missing or not 64 lowercase hex digits");
    EXPECT_EQ(broken([](auto& j) { j["refused"][0]["sha256"] = "abc"; }),
              "s.json: refused[0].sha256: missing or not 64 lowercase hex digits");
    EXPECT_EQ(broken([](auto& j) { j["refused"][0]["at"] = -1; }), "s.json: refused[0].at: missing or not a non-negative integer");
    EXPECT_EQ(broken([](auto& j) { j["refused"][0].erase("reason"); }), "s.json: refused[0].reason: missing or not a string");
    EXPECT_EQ(broken([](auto& j) { j["refused"][0]["software"] = 3; }), "s.json: refused[0].software: not a non-empty string");
    EXPECT_EQ(broken([](auto& j) { j["refused"][0]["software"] = ""; }), "s.json: refused[0].software: not a non-empty string");
    EXPECT_EQ(broken([](auto&) {}), "(accepted)");
    // A member a newer release added to a refusal is skipped, and listed.
    nlohmann::json json = good;
    json["refused"][0]["file"] = "x.toml";
    IgnoredMembers ignored;
    auto decoded = decode_update_state(json.dump(), "s.json", &ignored);
    ASSERT_TRUE(decoded) << decoded.error().text();
    EXPECT_EQ(decoded.value(), state);
    EXPECT_EQ(ignored.summary(), "refused[].file");
}

TEST(UpdaterState, ARefusalRemembersTheSoftwareThatMadeIt)
{
    lotsen::testing::TempDir dir("lotsen-updater");
    ASSERT_FALSE(dir.path().empty());
    const std::string path = (dir.path() / "state.json").string();
    UpdateState state = sample_state();
    state.refused.push_back(RememberedRefusal{manifest::Kind::catalogue, 13, protocol::sha256("a"), 1, "no", "0.3.0"});
    state.refused.push_back(RememberedRefusal{manifest::Kind::config, 4, protocol::sha256("b"), 2, "no", "0.2.9"});
    state.refused.push_back(RememberedRefusal{manifest::Kind::config, 5, protocol::sha256("c"), 3, "no", ""});

    // The state file itself stays what the programs before this member read, strictly: a kiosk whose
    // new release fails its trial goes back to one of them.
    const auto json = nlohmann::json::parse(encode_update_state(state));
    for (const auto& refusal : json["refused"]) {
        for (const auto& [key, value] : refusal.items())
            EXPECT_TRUE(key == "kind" || key == "version" || key == "sha256" || key == "at" || key == "reason") << key;
    }
    // Saved and loaded, each refusal keeps its software, through the file beside it.
    ASSERT_TRUE(save_update_state(path, state));
    auto loaded = load_update_state(path);
    ASSERT_TRUE(loaded) << loaded.error().text();
    EXPECT_EQ(loaded.value(), state);

    // A refusal that file does not name (written by an older program) has none; so has every refusal
    // when that file is damaged, which does not stop the state from loading.
    UpdateState older = state;
    older.refused.push_back(RememberedRefusal{manifest::Kind::release, 7, protocol::sha256("d"), 4, "no", ""});
    lotsen::testing::write_file(path, encode_update_state(older));
    loaded = load_update_state(path);
    ASSERT_TRUE(loaded) << loaded.error().text();
    ASSERT_EQ(loaded.value().refused.size(), 4u);
    EXPECT_EQ(loaded.value().refused[0].software, "0.3.0");
    EXPECT_EQ(loaded.value().refused[3].software, "");
    lotsen::testing::write_file(refusal_software_path(path), "{\"format\": 1, \"softw");
    loaded = load_update_state(path);
    ASSERT_TRUE(loaded) << loaded.error().text();
    for (const RememberedRefusal& refusal : loaded.value().refused)
        EXPECT_EQ(refusal.software, "");

    // Those of other software, and those of unknown software, go.
    EXPECT_EQ(forget_refusals_of_other_software(state, "0.3.0"), 2u);
    ASSERT_EQ(state.refused.size(), 1u);
    EXPECT_EQ(state.refused[0].version, 13);
    EXPECT_EQ(forget_refusals_of_other_software(state, "0.3.0"), 0u);
}

TEST(UpdaterState, SavedAtomicallyWithoutLeftovers)
{
    lotsen::testing::TempDir dir("lotsen-updater");
    ASSERT_FALSE(dir.path().empty());
    const std::string path = (dir.path() / "state.json").string();
    UpdateState first = sample_state();
    ASSERT_TRUE(save_update_state(path, first));
    UpdateState second = first;
    second.seen.sequence = 10;
    second.etag = "\"def\"";
    ASSERT_TRUE(save_update_state(path, second));
    auto loaded = load_update_state(path);
    ASSERT_TRUE(loaded) << loaded.error().text();
    EXPECT_EQ(loaded.value(), second);
    // Only the file and the one beside it: the temporaries they were written through were renamed.
    std::vector<std::string> names;
    for (const auto& item : fs::directory_iterator(dir.path()))
        names.push_back(item.path().filename().string());
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"refusal-software.json", "state.json"}));
    EXPECT_EQ(fs::status(path).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
}

TEST(UpdaterState, AFailedWriteKeepsTheOldFile)
{
    lotsen::testing::TempDir dir("lotsen-updater");
    ASSERT_FALSE(dir.path().empty());
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
    ASSERT_TRUE(local) << local.error().text();
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
    ASSERT_TRUE(merged) << merged.error().text();
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
    EXPECT_EQ(typo.error().text(), "published config 4:2: kiosk.idle_promt_seconds: unknown key");
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
    lotsen::testing::TempDir dir("lotsen-updater");
    ASSERT_FALSE(dir.path().empty());
    KioskConfig local;
    local.town = "Laholm";
    auto none = load_with_config_overlay(local, dir.path().string());
    ASSERT_TRUE(none);
    EXPECT_EQ(none.value().town, "Laholm");

    fs::create_directories(dir.path() / "updates");
    ASSERT_TRUE(write_file_atomically(update_paths(dir.path().string()).config_overlay, "[checkin]\nmin_gap_seconds = 0\n"));
    auto overlaid = load_with_config_overlay(local, dir.path().string());
    ASSERT_TRUE(overlaid) << overlaid.error().text();
    EXPECT_EQ(overlaid.value().town, "Laholm");
    EXPECT_EQ(overlaid.value().checkin_min_gap_seconds, 0);

    // A key it has that does not hold (an unknown one is skipped: test_apply_update.cpp).
    write_file(update_paths(dir.path().string()).config_overlay, "[checkin]\nmin_gap_seconds = \"0\"\n");
    EXPECT_FALSE(load_with_config_overlay(local, dir.path().string()));
}

TEST(UpdaterConfig, ReadyConfigIsReadOverLocalAndComparedWithRunning)
{
    lotsen::testing::TempDir dir("lotsen-updater");
    ASSERT_FALSE(dir.path().empty());
    KioskConfig local;
    ReadyUpdate update;
    update.kind = manifest::Kind::config;
    update.entry.version = 4;
    update.path = (dir.path() / "c.toml").string();
    write_file(update.path, "[screen]\nwidth = 1024\n");
    auto read = read_config_update(local, local, update);
    ASSERT_TRUE(read) << read.error().text();
    EXPECT_TRUE(read.value().needs_restart);
    EXPECT_EQ(read.value().text, "[screen]\nwidth = 1024\n");

    // A published file skips keys it does not know (test_apply_update.cpp); known ones keep their checks.
    write_file(update.path, "[screen]\nwidth = \"1024\"\n");
    auto bad = read_config_update(local, local, update);
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().text().find("published config 4:2: screen.width: expected an integer from 200 to 8192"),
              std::string::npos)
        << bad.error().text();
}

// ---------------------------------------------------------------------------------------------
// Applying a catalogue.

TEST(UpdaterApply, CatalogueReplacesTheStoreUnderTheSignedVersion)
{
    lotsen::testing::TempDir dir("lotsen-updater");
    ASSERT_FALSE(dir.path().empty());
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
    // As KioskApp::apply_catalogue does: read (the checks, the signed version), then store.
    auto read = read_catalogue_update(update);
    ASSERT_TRUE(read) << read.error().text();
    ASSERT_TRUE(store_catalogue_update(*store.value(), read.value(), update, 1763900000));
    EXPECT_EQ(store.value()->catalogue_version().value(), 8);
    EXPECT_EQ(store.value()->activity_count().value(), 20);

    write_file(update.path, "{\"format_version\": 1, \"version\": 9, \"activities\": 3}");
    update.entry.version = 9;
    auto bad = read_catalogue_update(update);  // refused before the store is touched
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().text().find("catalogue 9 does not parse"), std::string::npos) << bad.error().text();
    EXPECT_EQ(store.value()->catalogue_version().value(), 8);  // the old one stays
    EXPECT_EQ(store.value()->activity_count().value(), 20);
}

// ---------------------------------------------------------------------------------------------
// What the UI thread refused is remembered in the state file (the thread is never started here: no
// request is made; tests/integration/test_updates.cpp shows the same against the real hub).

namespace {

UpdaterOptions offline_options(const fs::path& data_dir)
{
    UpdaterOptions options;
    options.url = "http://127.0.0.1:9";  // never asked: the thread is not started
    options.data_dir = data_dir.string();
    options.publisher_key.fill(7);
    return options;
}

ReadyUpdate ready_config(const fs::path& data_dir, std::int64_t version, const std::string& text)
{
    ReadyUpdate update;
    update.kind = manifest::Kind::config;
    update.entry.version = version;
    update.entry.size = text.size();
    update.entry.sha256 = protocol::sha256(text);
    update.entry.file = protocol::to_hex(update.entry.sha256) + ".toml";
    update.path = update_paths(data_dir.string()).ready + "/" + update.entry.file;
    write_file(update.path, text);
    return update;
}

}  // namespace

TEST(UpdaterRefusals, ARefusedFileIsRememberedAcrossARestartAndForgottenOnceANewerVersionIsAccepted)
{
    lotsen::testing::TempDir dir("lotsen-updater");
    ASSERT_FALSE(dir.path().empty());
    auto first = Updater::create(offline_options(dir.path()));
    ASSERT_TRUE(first) << first.error().text();
    const ReadyUpdate misfit = ready_config(dir.path(), 4, "[kiosk]\ndefault_language = \"en\"\n");
    first.value()->refused(misfit, "published config 4: kiosk.default_language \"en\" is not in kiosk.languages");
    EXPECT_FALSE(fs::exists(misfit.path));

    // Already on disk, before anything else happens.
    auto state = load_update_state(update_paths(dir.path().string()).state);
    ASSERT_TRUE(state) << state.error().text();
    ASSERT_EQ(state.value().refused.size(), 1u);
    EXPECT_EQ(state.value().refused[0].kind, manifest::Kind::config);
    EXPECT_EQ(state.value().refused[0].version, 4);
    EXPECT_EQ(state.value().refused[0].sha256, misfit.entry.sha256);
    const UpdaterStatus before = first.value()->status();
    ASSERT_TRUE(before.last_refusal);
    EXPECT_EQ(state.value().refused[0].at, before.last_refusal->at);

    // A trouble of the kiosk's own is not remembered: after a restart that file is tried again.
    const ReadyUpdate unstored = ready_config(dir.path(), 5, "[kiosk]\nidle_prompt_seconds = 30\n");
    first.value()->not_applied(unstored, "published config 5 could not be stored: No space left on device");
    EXPECT_EQ(load_update_state(update_paths(dir.path().string()).state).value().refused.size(), 1u);
    first.value().reset();

    // After a restart the remembered refusal is still the one shown (admin, heartbeat).
    auto second = Updater::create(offline_options(dir.path()));
    ASSERT_TRUE(second) << second.error().text();
    const UpdaterStatus after = second.value()->status();
    ASSERT_TRUE(after.last_refusal);
    EXPECT_EQ(after.last_refusal->reason, "published config 4: kiosk.default_language \"en\" is not in kiosk.languages");
    EXPECT_EQ(after.last_refusal->at, before.last_refusal->at);

    // A long reason is cut for the state file, on a character boundary.
    const ReadyUpdate wordy = ready_config(dir.path(), 6, "[kiosk]\nidle_prompt_seconds = 31\n");
    second.value()->refused(wordy, std::string(k_max_remembered_reason_bytes - 4, 'x') + "åäöåäö");
    state = load_update_state(update_paths(dir.path().string()).state);
    ASSERT_TRUE(state) << state.error().text();
    ASSERT_EQ(state.value().refused.size(), 2u);
    const std::string& cut = state.value().refused[1].reason;
    EXPECT_LE(cut.size(), k_max_remembered_reason_bytes);
    // Room for 1021 bytes before the "…": the 1020 x's, as the 1021st would split the "å".
    EXPECT_EQ(cut, std::string(k_max_remembered_reason_bytes - 4, 'x') + "…");

    // Accepting version 7 makes versions 4 and 6 moot: the state file forgets them.
    const ReadyUpdate good = ready_config(dir.path(), 7, "[kiosk]\nidle_prompt_seconds = 45\n");
    ASSERT_TRUE(second.value()->accepted(good));
    state = load_update_state(update_paths(dir.path().string()).state);
    ASSERT_TRUE(state) << state.error().text();
    EXPECT_EQ(state.value().seen.config_version, 7);
    EXPECT_TRUE(state.value().refused.empty());
}

TEST(UpdaterRefusals, RefusalsOfOtherSoftwareAreForgottenAtStart)
{
    lotsen::testing::TempDir dir("lotsen-updater");
    ASSERT_FALSE(dir.path().empty());
    const std::string state_path = update_paths(dir.path().string()).state;
    UpdaterOptions old_options = offline_options(dir.path());
    old_options.software_version = "0.0.1";
    {
        auto old = Updater::create(old_options);
        ASSERT_TRUE(old) << old.error().text();
        old.value()->refused(ready_config(dir.path(), 4, "[kiosk]\nidle_prompt_seconds = 31\n"), "does not fit 0.0.1");
    }
    // A refusal written by a program from before refusals named their software.
    auto state = load_update_state(state_path);
    ASSERT_TRUE(state) << state.error().text();
    ASSERT_EQ(state.value().refused.size(), 1u);
    EXPECT_EQ(state.value().refused[0].software, "0.0.1");
    UpdateState with_unnamed = state.value();
    with_unnamed.refused.push_back(RememberedRefusal{manifest::Kind::catalogue, 9, protocol::sha256("c 9"), 5, "old", ""});
    ASSERT_TRUE(save_update_state(state_path, with_unnamed));

    // The same software keeps its own refusal and drops the unnamed one.
    auto same = Updater::create(old_options);
    ASSERT_TRUE(same) << same.error().text();
    same.value().reset();
    state = load_update_state(state_path);
    ASSERT_TRUE(state) << state.error().text();
    ASSERT_EQ(state.value().refused.size(), 1u);
    EXPECT_EQ(state.value().refused[0].version, 4);

    // Another version forgets it, on disk at once, and no longer shows it as the last refusal.
    UpdaterOptions new_options = offline_options(dir.path());
    new_options.software_version = "0.0.2";
    auto upgraded = Updater::create(new_options);
    ASSERT_TRUE(upgraded) << upgraded.error().text();
    state = load_update_state(state_path);
    ASSERT_TRUE(state) << state.error().text();
    EXPECT_TRUE(state.value().refused.empty());
    EXPECT_EQ(state.value().seen, UpdateState{}.seen);  // nothing else changed
    EXPECT_FALSE(upgraded.value()->status().last_refusal);

    // Its own refusals carry its version.
    upgraded.value()->refused(ready_config(dir.path(), 5, "[kiosk]\nidle_prompt_seconds = 32\n"), "does not fit 0.0.2");
    state = load_update_state(state_path);
    ASSERT_TRUE(state) << state.error().text();
    ASSERT_EQ(state.value().refused.size(), 1u);
    EXPECT_EQ(state.value().refused[0].software, "0.0.2");

    UpdaterOptions nameless = offline_options(dir.path());
    nameless.software_version.clear();
    EXPECT_FALSE(Updater::create(nameless));
}

TEST(UpdaterRefusals, TheDefaultSoftwareVersionIsThisBuilds)
{
    EXPECT_EQ(UpdaterOptions{}.software_version, LOTSEN_VERSION);
}

TEST(UpdaterRefusals, AtMostSixteenAreRememberedTheOldestGoFirst)
{
    lotsen::testing::TempDir dir("lotsen-updater");
    ASSERT_FALSE(dir.path().empty());
    auto updater = Updater::create(offline_options(dir.path()));
    ASSERT_TRUE(updater) << updater.error().text();
    for (std::int64_t version = 1; version <= 20; ++version)
        updater.value()->refused(ready_config(dir.path(), version, "# " + std::to_string(version) + "\n"), "no");
    auto state = load_update_state(update_paths(dir.path().string()).state);
    ASSERT_TRUE(state) << state.error().text();
    ASSERT_EQ(state.value().refused.size(), k_max_remembered_refusals);
    EXPECT_EQ(state.value().refused.front().version, 5);
    EXPECT_EQ(state.value().refused.back().version, 20);
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

// Disk full: the rest of a download must fit with room to spare, or nothing is asked for (and no
// partial file fills the disk). Free space is given here; the updater takes it from statvfs.
TEST(UpdaterDiskSpace, ADownloadThatDoesNotFitIsNotStarted)
{
    const std::uint64_t keep = 1000;
    EXPECT_TRUE(check_room_for_download("catalogue 4", 0, 5000, 6000, keep));
    EXPECT_TRUE(check_room_for_download("catalogue 4", 0, 5000, std::nullopt, keep)) << "unknown is no reason";
    // 4,000 bytes of 5,000 already there: only the rest counts.
    EXPECT_TRUE(check_room_for_download("catalogue 4", 4000, 5000, 2000, keep));
    auto full = check_room_for_download("catalogue 4", 0, 5000, 5999, keep);
    ASSERT_FALSE(full);
    EXPECT_NE(full.error().text().find("catalogue 4"), std::string::npos) << full.error().text();
    EXPECT_NE(full.error().text().find("5999 free"), std::string::npos) << full.error().text();
    EXPECT_FALSE(check_room_for_download("catalogue 4", 0, 5000, 0, keep));
}
