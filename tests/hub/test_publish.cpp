// `lotsen-hub publish` (hub/publish): each kind published and its manifest verified as a kiosk
// would (core/manifest verify and check_freshness); versions that only increase; refusals that leave
// every file byte for byte as it was; a config checked over a kiosk's own file (--base); --refresh;
// another key refused unless --force-new-key; prune; the publisher key files; and where an entry of
// a file format major goes (place_entry), with the previous major kept by refresh, by publishing
// another kind, and by prune.
#include "core/wire/manifest.hpp"
#include "tests/hub/publish_test_support.hpp"

#include "core/catalogue/catalogue_json.hpp"
#include "core/settings/config.hpp"

#include <nlohmann/json.hpp>
#include <sys/time.h>

#include <cstdio>

namespace lotsen::hub::test {
namespace {

using manifest::Kind;
using manifest::Manifest;

class Publish : public PublishFixture {
protected:
    Manifest current()
    {
        auto verified = manifest::verify(read_text(manifest_path()), publisher.public_key);
        EXPECT_TRUE(verified.ok()) << (verified.ok() ? "" : verified.error().text());
        return verified.ok() ? verified.value() : Manifest{};
    }

    Result<PublishOutcome> publish(Kind kind, const std::string& path, UnixSeconds now = k_publish_now)
    {
        return publish_file(kind, path, publisher, options(now));
    }

    void expect_published(Kind kind, const std::string& path)
    {
        auto done = publish(kind, path);
        ASSERT_TRUE(done.ok()) << done.error().text();
    }
};

void expect_same_entry(const std::optional<manifest::Entry>& a, const std::optional<manifest::Entry>& b)
{
    ASSERT_EQ(a.has_value(), b.has_value());
    if (!a)
        return;
    EXPECT_EQ(a->version, b->version);
    EXPECT_EQ(a->name, b->name);
    EXPECT_EQ(a->size, b->size);
    EXPECT_EQ(a->sha256, b->sha256);
    EXPECT_EQ(a->file, b->file);
    EXPECT_EQ(a->published_at, b->published_at);
}

TEST_F(Publish, ACatalogueIsWrittenByItsHashAndListedInAManifestKiosksAccept)
{
    // Dated as the hub would date it (hub/freshness.hpp), so publishing adds nothing to it.
    std::string json = catalogue_json(3);
    json.replace(json.find(R"("interests": ["outdoors"],)"), 26, R"("interests": ["outdoors"], "last_checked": "2025-11-19",)");
    auto done = publish(Kind::catalogue, source("catalogue.json", json));
    ASSERT_TRUE(done.ok()) << done.error().text();

    const Manifest manifest = current();
    EXPECT_EQ(manifest.sequence, 1);
    EXPECT_EQ(manifest.issued_at, k_publish_now);
    EXPECT_EQ(manifest.expires_at, k_publish_now + 30 * 86400);
    ASSERT_TRUE(manifest.catalogue);
    EXPECT_FALSE(manifest.config);
    EXPECT_FALSE(manifest.release);
    const manifest::Entry& entry = *manifest.catalogue;
    EXPECT_EQ(entry.version, 3);
    EXPECT_EQ(entry.size, json.size());
    EXPECT_EQ(entry.sha256, protocol::sha256(json));
    EXPECT_EQ(entry.file, protocol::to_hex(protocol::sha256(json)) + ".json");
    EXPECT_EQ(entry.published_at, k_publish_now);
    // The very bytes that were validated.
    EXPECT_EQ(read_text(published() + "/files/" + entry.file), json);
    EXPECT_TRUE(manifest::check_freshness(manifest, manifest::Seen{}, k_publish_now).ok());
    // Public content: a web server running as another user can read it.
    struct stat info {};
    ASSERT_EQ(::stat((published() + "/files/" + entry.file).c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0644u);
    // Nothing but the file, the manifest and the association's part in sources/: no temporary files
    // left behind.
    std::vector<std::string> names;
    for (const auto& [path, content] : snapshot(published()))
        names.push_back(path.substr(published().size()));
    EXPECT_EQ(names, (std::vector<std::string>{"/files/" + entry.file, "/manifest.json", "/sources/index.json",
                                                "/sources/org.json"}));
}

TEST_F(Publish, EachKindIsPublishedAndTheOthersAreKept)
{
    expect_published(Kind::catalogue, source("catalogue.json", catalogue_json(1)));
    expect_published(Kind::config, source("lotsen.toml", config_toml()));
    const std::string bundle = release("0.2.0", 200'000);
    expect_published(Kind::release, bundle);

    Manifest manifest = current();
    EXPECT_EQ(manifest.sequence, 3);
    ASSERT_TRUE(manifest.catalogue && manifest.config && manifest.release);
    EXPECT_EQ(manifest.config->version, 1);
    EXPECT_EQ(manifest.config->file.substr(65), "toml");
    EXPECT_EQ(read_text(published() + "/files/" + manifest.config->file), config_toml());
    EXPECT_EQ(manifest.release->version, 1);
    EXPECT_EQ(manifest.release->name, "0.2.0");  // from its RELEASE file
    EXPECT_EQ(manifest.release->file.substr(65), "tgz");
    const std::string bundle_bytes = read_text(bundle);
    EXPECT_EQ(manifest.release->size, bundle_bytes.size());
    EXPECT_EQ(manifest.release->sha256, protocol::sha256(bundle_bytes));
    EXPECT_EQ(read_text(published() + "/files/" + manifest.release->file), bundle_bytes);

    // A new config changes only the config entry.
    const Manifest before = manifest;
    expect_published(Kind::config, source("lotsen2.toml", config_toml("Falkenberg")));
    manifest = current();
    EXPECT_EQ(manifest.sequence, 4);
    EXPECT_EQ(manifest.config->version, 2);
    expect_same_entry(manifest.catalogue, before.catalogue);
    expect_same_entry(manifest.release, before.release);
}

TEST_F(Publish, AnOlderOrEqualCatalogueVersionIsRefusedNamingBothVersions)
{
    expect_published(Kind::catalogue, source("v5.json", catalogue_json(5)));
    const auto before = snapshot(dir + "/hub");

    auto equal = publish(Kind::catalogue, source("again.json", catalogue_json(5)));
    ASSERT_FALSE(equal.ok());
    EXPECT_NE(equal.error().text().find("catalogue version 5 is not greater than the published catalogue version 5"),
              std::string::npos)
        << equal.error().text();

    auto older = publish(Kind::catalogue, source("v4.json", catalogue_json(4)));
    ASSERT_FALSE(older.ok());
    EXPECT_NE(older.error().text().find("version 4"), std::string::npos) << older.error().text();
    EXPECT_NE(older.error().text().find("version 5"), std::string::npos) << older.error().text();
    EXPECT_NE(older.error().text().find("nothing was published"), std::string::npos);
    EXPECT_EQ(snapshot(dir + "/hub"), before);

    expect_published(Kind::catalogue, source("v6.json", catalogue_json(6)));
    EXPECT_EQ(current().catalogue->version, 6);
}

TEST_F(Publish, ACsvCatalogueIsPublishedAsJsonWithThePublishedVersionPlusOne)
{
    expect_published(Kind::catalogue, source("v7.json", catalogue_json(7)));
    expect_published(Kind::catalogue, source("spreadsheet.csv", catalogue_csv()));
    const Manifest manifest = current();
    EXPECT_EQ(manifest.catalogue->version, 8);
    EXPECT_EQ(manifest.catalogue->file.substr(65), "json");
    const CatalogueParseResult parsed = parse_catalogue_json(read_text(published() + "/files/" + manifest.catalogue->file));
    ASSERT_TRUE(parsed.ok()) << parsed.summary();
    EXPECT_EQ(parsed.catalogue->version, 8);
    // The spreadsheet is one association's part: it joins the association the JSON catalogue published.
    ASSERT_EQ(parsed.catalogue->activities.size(), 2u);
    EXPECT_EQ(parsed.catalogue->activities[1].organisation_id, "halmstad-vandring");

    // The first catalogue of all, from a spreadsheet, is version 1.
    std::filesystem::remove_all(published());
    expect_published(Kind::catalogue, source("first.csv", catalogue_csv()));
    EXPECT_EQ(current().catalogue->version, 1);
}

TEST_F(Publish, ConfigAndReleaseVersionsCountUpFromThePublishedOne)
{
    expect_published(Kind::config, source("a.toml", config_toml("Laholm")));
    expect_published(Kind::config, source("b.toml", config_toml("Kungsbacka")));
    EXPECT_EQ(current().config->version, 2);

    expect_published(Kind::release, release("0.3.0"));
    PublishOptions named = options();
    named.name = "0.3.1-hotfix";
    auto done = publish_file(Kind::release, release("0.3.1"), publisher, named);
    ASSERT_TRUE(done.ok()) << done.error().text();
    EXPECT_EQ(done.value().previous_version, 1);
    const Manifest manifest = current();
    EXPECT_EQ(manifest.release->version, 2);
    EXPECT_EQ(manifest.release->name, "0.3.1-hotfix");
    EXPECT_EQ(manifest.config->version, 2);
}

TEST_F(Publish, ABrokenCatalogueIsRefusedWithAllItsProblemsAndNothingIsWritten)
{
    // Before anything is published: not even the published directory appears.
    auto first = publish(Kind::catalogue, source("broken.json", broken_catalogue_json()));
    ASSERT_FALSE(first.ok());
    EXPECT_FALSE(std::filesystem::exists(published()));

    expect_published(Kind::catalogue, source("good.json", catalogue_json(1)));
    const auto before = snapshot(dir + "/hub");
    auto broken = publish(Kind::catalogue, source("broken.json", broken_catalogue_json()));
    ASSERT_FALSE(broken.ok());
    const std::string& message = broken.error().text();
    // As `lotsen-hub validate` lists them: the count, then every problem with its JSON path.
    EXPECT_NE(message.find("broken.json: 2 problem(s):\n"), std::string::npos) << message;
    EXPECT_NE(message.find("$.activities[0].organisation"), std::string::npos) << message;
    EXPECT_NE(message.find("$.activities[0].schedule.dates[0].date"), std::string::npos) << message;
    EXPECT_EQ(snapshot(dir + "/hub"), before);

    auto csv = publish(Kind::catalogue, source("broken.csv", "id,title_sv\n,\n"));
    ASSERT_FALSE(csv.ok());
    EXPECT_NE(csv.error().text().find("row"), std::string::npos) << csv.error().text();
    EXPECT_EQ(snapshot(dir + "/hub"), before);
}

TEST_F(Publish, ABrokenConfigOrBundleIsRefusedAndNothingIsWritten)
{
    expect_published(Kind::config, source("good.toml", config_toml()));
    expect_published(Kind::release, release("1.0.0"));
    const auto before = snapshot(dir + "/hub");

    auto config = publish(Kind::config, source("bad.toml", "[kiosk]\ntown = \"Varberg\"\nno_such_key = 1\n"));
    ASSERT_FALSE(config.ok());
    EXPECT_NE(config.error().text().find("no_such_key"), std::string::npos) << config.error().text();
    EXPECT_NE(config.error().text().find("bad.toml"), std::string::npos) << config.error().text();
    EXPECT_EQ(snapshot(dir + "/hub"), before);

    auto no_program = publish(Kind::release, release("1.1.0", 1000, /*with_program=*/false));
    ASSERT_FALSE(no_program.ok());
    EXPECT_NE(no_program.error().text().find("bin/lotsen"), std::string::npos) << no_program.error().text();
    EXPECT_EQ(snapshot(dir + "/hub"), before);

    auto not_gzip = publish(Kind::release, source("junk.tar.gz", "this is not a gzip stream"));
    ASSERT_FALSE(not_gzip.ok());
    EXPECT_EQ(snapshot(dir + "/hub"), before);

    auto missing = publish(Kind::release, dir + "/in/no-such.tar.gz");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(snapshot(dir + "/hub"), before);

    PublishOptions long_name = options();
    long_name.name = std::string(65, 'x');
    ASSERT_FALSE(publish_file(Kind::release, release("1.2.0"), publisher, long_name).ok());
    EXPECT_EQ(snapshot(dir + "/hub"), before);
}

TEST_F(Publish, AConfigWithBaseIsCheckedLaidOverThatKiosksOwnFileAsTheKioskReadsIt)
{
    expect_published(Kind::config, source("first.toml", config_toml()));
    const auto before = snapshot(dir + "/hub");
    // A kiosk that speaks English and Arabic only, English first.
    const std::string base = source("lotsen.toml", "[kiosk]\ntown = \"Laholm\"\ndefault_language = \"en\"\n"
                                                   "languages = [\"en\", \"ar\"]\n");
    PublishOptions over_base = options();
    over_base.config_base = base;

    // Fine on its own (the default language, Swedish, is listed), but over that kiosk's file its
    // default language, English, is no longer offered: the kiosk would refuse it.
    const std::string misfit_text = "[kiosk]\nlanguages = [\"sv\", \"fa\"]\n";
    const std::string misfit = source("misfit.toml", misfit_text);
    ASSERT_TRUE(parse_kiosk_config(misfit_text, misfit).ok());  // what publish without --base checks
    auto refused = publish_file(Kind::config, misfit, publisher, over_base);
    ASSERT_FALSE(refused.ok());
    const std::string& message = refused.error().text();
    // The kiosk parser's own words for that combination.
    auto local = load_kiosk_config(base);
    ASSERT_TRUE(local.ok()) << local.error().text();
    auto on_kiosk = apply_kiosk_config_overlay(local.value(), misfit_text, misfit);
    ASSERT_FALSE(on_kiosk.ok());
    EXPECT_NE(message.find(on_kiosk.error().text()), std::string::npos) << message;
    EXPECT_NE(message.find(misfit + ": kiosk.default_language \"en\" is not in kiosk.languages"), std::string::npos)
        << message;
    EXPECT_NE(message.find("--base " + base), std::string::npos) << message;
    EXPECT_EQ(snapshot(dir + "/hub"), before);

    // The other way round: refused over the defaults (as without --base, unchanged), published over
    // the kiosk's file, byte for byte.
    const std::string fitting_text = "[kiosk]\nlanguages = [\"en\", \"so\"]\nidle_prompt_seconds = 45\n";
    const std::string fitting = source("fitting.toml", fitting_text);
    auto alone = publish(Kind::config, fitting);
    ASSERT_FALSE(alone.ok());
    EXPECT_NE(alone.error().text().find("kiosk.default_language \"sv\" is not in kiosk.languages"), std::string::npos)
        << alone.error().text();
    EXPECT_EQ(snapshot(dir + "/hub"), before);
    auto done = publish_file(Kind::config, fitting, publisher, over_base);
    ASSERT_TRUE(done.ok()) << done.error().text();
    const Manifest manifest = current();
    ASSERT_TRUE(manifest.config);
    EXPECT_EQ(manifest.config->version, 2);
    EXPECT_EQ(read_text(published() + "/files/" + manifest.config->file), fitting_text);

    // A base that does not load is named; --base with another kind is refused.
    const auto after = snapshot(dir + "/hub");
    PublishOptions broken_base = options();
    broken_base.config_base = source("broken-base.toml", "[kiosk]\nno_such_key = 1\n");
    auto unreadable = publish_file(Kind::config, fitting, publisher, broken_base);
    ASSERT_FALSE(unreadable.ok());
    EXPECT_NE(unreadable.error().text().find("--base: " + *broken_base.config_base), std::string::npos)
        << unreadable.error().text();
    EXPECT_FALSE(publish_file(Kind::catalogue, source("c.json", catalogue_json(1)), publisher, over_base).ok());
    EXPECT_EQ(snapshot(dir + "/hub"), after);
}

TEST_F(Publish, RefreshBumpsTheSequenceAndExpiryOnly)
{
    ASSERT_FALSE(refresh_manifest(publisher, options()).ok());  // nothing to refresh yet
    expect_published(Kind::catalogue, source("c.json", catalogue_json(2)));
    expect_published(Kind::release, release("0.5.0"));
    const Manifest before = current();
    const auto files_before = snapshot(published() + "/files");

    const UnixSeconds later = k_publish_now + 10 * 86400;
    PublishOptions refresh = options(later);
    refresh.expires_days = 20;
    auto done = refresh_manifest(publisher, refresh);
    ASSERT_TRUE(done.ok()) << done.error().text();
    const Manifest after = current();
    EXPECT_EQ(after.sequence, before.sequence + 1);
    EXPECT_EQ(after.issued_at, later);
    EXPECT_EQ(after.expires_at, later + 20 * 86400);
    expect_same_entry(after.catalogue, before.catalogue);
    expect_same_entry(after.release, before.release);
    expect_same_entry(after.config, before.config);
    EXPECT_EQ(snapshot(published() + "/files"), files_before);
    // What a kiosk that saw the earlier manifest makes of it: fresh, nothing rolled back.
    const manifest::Seen seen{before.sequence, before.catalogue->version, 0, before.release->version};
    EXPECT_TRUE(manifest::check_freshness(after, seen, later + 19 * 86400).ok());
    EXPECT_FALSE(manifest::check_freshness(after, seen, later + 20 * 86400).ok());
}

TEST_F(Publish, AManifestSignedByAnotherKeyIsRefusedUnlessForceNewKey)
{
    expect_published(Kind::catalogue, source("c.json", catalogue_json(4)));
    const Manifest old = current();
    const std::string old_file = read_text(manifest_path());
    const protocol::SigningKeyPair replacement = protocol::generate_signing_key_pair();

    auto refused = publish_file(Kind::config, source("a.toml", config_toml()), replacement, options());
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().text().find("--force-new-key"), std::string::npos) << refused.error().text();
    EXPECT_EQ(read_text(manifest_path()), old_file);
    ASSERT_FALSE(refresh_manifest(replacement, options()).ok());
    EXPECT_EQ(read_text(manifest_path()), old_file);

    PublishOptions rotate = options();
    rotate.force_new_key = true;
    auto done = publish_file(Kind::config, source("a.toml", config_toml()), replacement, rotate);
    ASSERT_TRUE(done.ok()) << done.error().text();
    EXPECT_TRUE(done.value().replaced_other_key);
    const std::string new_file = read_text(manifest_path());
    EXPECT_FALSE(manifest::verify(new_file, publisher.public_key).ok());
    auto verified = manifest::verify(new_file, replacement.public_key);
    ASSERT_TRUE(verified.ok()) << verified.error().text();
    // The sequence goes on (kiosks refuse a lower one) and the catalogue entry is carried over.
    EXPECT_EQ(verified.value().sequence, old.sequence + 1);
    expect_same_entry(verified.value().catalogue, old.catalogue);
    EXPECT_EQ(verified.value().config->version, 1);

    // From now on the new key publishes without --force-new-key, and the old one is refused.
    ASSERT_TRUE(refresh_manifest(replacement, options()).ok());
    ASSERT_FALSE(refresh_manifest(publisher, options()).ok());
}

TEST_F(Publish, ADamagedManifestOrAMissingDataDirectoryIsRefused)
{
    expect_published(Kind::catalogue, source("c.json", catalogue_json(1)));
    write_text(manifest_path(), "{\"payload\": \"not base64!\", \"signature\": \"\"}");
    const auto before = snapshot(dir + "/hub");
    auto damaged = publish(Kind::catalogue, source("d.json", catalogue_json(2)));
    ASSERT_FALSE(damaged.ok());
    EXPECT_NE(damaged.error().text().find("damaged"), std::string::npos) << damaged.error().text();
    EXPECT_EQ(snapshot(dir + "/hub"), before);

    PublishOptions elsewhere = options();
    elsewhere.data_dir = dir + "/no-such-hub";
    ASSERT_FALSE(publish_file(Kind::catalogue, source("e.json", catalogue_json(1)), publisher, elsewhere).ok());
    EXPECT_FALSE(std::filesystem::exists(dir + "/no-such-hub"));

    PublishOptions forever = options();
    forever.expires_days = 367;
    ASSERT_FALSE(refresh_manifest(publisher, forever).ok());
}

void set_mtime(const std::string& path, UnixSeconds when)
{
    const timeval times[2] = {{static_cast<time_t>(when), 0}, {static_cast<time_t>(when), 0}};
    ASSERT_EQ(::utimes(path.c_str(), times), 0) << path;
}

TEST_F(Publish, PruneRemovesFilesOnlyAWeekAfterTheyLeftTheManifest)
{
    const UnixSeconds day = 86400;
    const UnixSeconds start = k_publish_now - 30 * day;
    expect_published(Kind::catalogue, source("v1.json", catalogue_json(1)));
    const std::string first = current().catalogue->file;
    set_mtime(published() + "/files/" + first, start);
    // v1 is replaced on day 28: its file is old, but it left the manifest only then.
    auto second = publish(Kind::catalogue, source("v2.json", catalogue_json(2)), start + 28 * day);
    ASSERT_TRUE(second.ok()) << second.error().text();
    const std::string second_file = current().catalogue->file;
    write_text(published() + "/files/.publish-abc123", "left by a crash");
    set_mtime(published() + "/files/.publish-abc123", start);
    write_text(published() + "/files/README", "not ours");
    set_mtime(published() + "/files/README", start);

    auto early = prune_published(data_dir, publisher.public_key, start + 30 * day);
    ASSERT_TRUE(early.ok()) << early.error().text();
    EXPECT_EQ(early.value().removed, std::vector<std::string>{".publish-abc123"});
    EXPECT_EQ(early.value().kept_recent, std::vector<std::string>{first});
    EXPECT_TRUE(std::filesystem::exists(published() + "/files/" + first));

    auto later = prune_published(data_dir, publisher.public_key, start + 35 * day);
    ASSERT_TRUE(later.ok()) << later.error().text();
    EXPECT_EQ(later.value().removed, std::vector<std::string>{first});
    EXPECT_FALSE(std::filesystem::exists(published() + "/files/" + first));
    EXPECT_TRUE(std::filesystem::exists(published() + "/files/" + second_file));
    EXPECT_TRUE(std::filesystem::exists(published() + "/files/README"));

    // Without a manifest that verifies nothing is removed.
    EXPECT_FALSE(prune_published(data_dir, protocol::generate_signing_key_pair().public_key, start + 99 * day).ok());
    EXPECT_TRUE(std::filesystem::exists(published() + "/files/" + second_file));
}

TEST_F(Publish, ThePublisherKeyFileMustBePrivateWholeAndConsistent)
{
    const std::string path = dir + "/keys/publisher.key";
    ASSERT_TRUE(load_publisher_key(path).ok());
    EXPECT_FALSE(load_publisher_key(dir + "/keys/no-such.key").ok());
    EXPECT_FALSE(std::filesystem::exists(dir + "/keys/no-such.key"));  // never made up on the spot

    auto pub = load_publisher_public_key(dir + "/keys/publisher.pub");
    ASSERT_TRUE(pub.ok()) << pub.error().text();
    EXPECT_EQ(pub.value(), publisher.public_key);

    std::string bytes = read_text(path);
    const std::string copy = dir + "/keys/copy.key";
    bytes[40] = static_cast<char>(bytes[40] ^ 1);  // the public half no longer matches the seed
    write_text(copy, bytes);
    ASSERT_EQ(::chmod(copy.c_str(), 0600), 0);
    auto damaged = load_publisher_key(copy);
    ASSERT_FALSE(damaged.ok());
    EXPECT_NE(damaged.error().text().find("damaged"), std::string::npos);

    write_text(copy, bytes.substr(0, 32));
    EXPECT_FALSE(load_publisher_key(copy).ok());

    ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
    auto readable = load_publisher_key(path);
    ASSERT_FALSE(readable.ok());
    EXPECT_NE(readable.error().text().find("chmod 600"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// File formats: a newer major beside the previous one.

manifest::Entry entry_of_format(std::int64_t version, std::int64_t format, const std::string& ext = "json")
{
    manifest::Entry entry;
    entry.version = version;
    entry.size = 10;
    entry.sha256 = protocol::sha256("entry " + std::to_string(version));
    entry.file = protocol::to_hex(entry.sha256) + "." + ext;
    entry.published_at = k_publish_now;
    entry.format = format;
    return entry;
}

TEST(PlaceEntry, TheMainMajorReplacesTheMainANewerOneMovesItBeside)
{
    Manifest m;
    auto first = place_entry(m, Kind::catalogue, entry_of_format(1, 1));
    ASSERT_TRUE(first.ok()) << first.error().text();
    EXPECT_EQ(first.value(), Placement::main);  // the first of its kind, whatever its major
    EXPECT_EQ(m.catalogue->version, 1);
    EXPECT_TRUE(m.previous_major.empty());

    ASSERT_EQ(place_entry(m, Kind::catalogue, entry_of_format(2, 1)).value(), Placement::main);
    EXPECT_EQ(m.catalogue->version, 2);
    EXPECT_TRUE(m.previous_major.empty());

    // Format 2 arrives: it is the main entry, format 1 stays beside it for kiosks that read 1 only.
    ASSERT_EQ(place_entry(m, Kind::catalogue, entry_of_format(3, 2)).value(), Placement::new_major);
    EXPECT_EQ(m.catalogue->version, 3);
    EXPECT_EQ(m.catalogue->format, 2);
    ASSERT_TRUE(m.previous_major.catalogue);
    EXPECT_EQ(m.previous_major.catalogue->version, 2);
    EXPECT_EQ(m.previous_major.catalogue->format, 1);

    // Another format 2 replaces the main entry and keeps format 1 beside it.
    ASSERT_EQ(place_entry(m, Kind::catalogue, entry_of_format(4, 2)).value(), Placement::main);
    EXPECT_EQ(m.catalogue->version, 4);
    EXPECT_EQ(m.previous_major.catalogue->version, 2);

    // A format-1 file for the older kiosks replaces the one beside.
    ASSERT_EQ(place_entry(m, Kind::catalogue, entry_of_format(5, 1)).value(), Placement::previous_major);
    EXPECT_EQ(m.catalogue->version, 4);
    EXPECT_EQ(m.previous_major.catalogue->version, 5);

    // Format 3: format 2 moves beside it, replacing format 1 (one previous major only).
    ASSERT_EQ(place_entry(m, Kind::catalogue, entry_of_format(6, 3)).value(), Placement::new_major);
    EXPECT_EQ(m.catalogue->format, 3);
    EXPECT_EQ(m.previous_major.catalogue->version, 4);
    EXPECT_EQ(m.previous_major.catalogue->format, 2);

    // Other kinds are not touched.
    EXPECT_FALSE(m.config);
    EXPECT_FALSE(m.previous_major.config);
}

TEST(PlaceEntry, AnOlderMajorSetsThePreviousOneOnlyOneMajorBack)
{
    Manifest m;
    m.config = entry_of_format(7, 2, "toml");
    // No previous major yet: format 1 (2 − 1) is set beside the main one.
    ASSERT_EQ(place_entry(m, Kind::config, entry_of_format(8, 1, "toml")).value(), Placement::previous_major);
    EXPECT_EQ(m.config->version, 7);
    EXPECT_EQ(m.previous_major.config->version, 8);

    // Format 3 with nothing beside it: format 1 is two majors back and refused; nothing changes.
    Manifest three;
    three.catalogue = entry_of_format(9, 3);
    auto refused = place_entry(three, Kind::catalogue, entry_of_format(10, 1));
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().text().find("a catalogue of format 1 cannot be listed: the manifest lists catalogue format 3 "
                                          "(version 9)"),
              std::string::npos)
        << refused.error().text();
    EXPECT_NE(refused.error().text().find("publish format 3 or 2"), std::string::npos) << refused.error().text();
    EXPECT_EQ(three.catalogue->version, 9);
    EXPECT_TRUE(three.previous_major.empty());

    // Format 3 with format 2 beside it: format 1 is refused too, naming both.
    three.previous_major.catalogue = entry_of_format(8, 2);
    auto both = place_entry(three, Kind::catalogue, entry_of_format(10, 1));
    ASSERT_FALSE(both.ok());
    EXPECT_NE(both.error().text().find("format 3 (version 9) and, beside it, format 2 (version 8)"), std::string::npos)
        << both.error().text();
    EXPECT_EQ(three.previous_major.catalogue->version, 8);
    EXPECT_EQ(three.catalogue->version, 9);
}

// A published directory whose catalogue is format 2 (version `main_version`, a file written here: the
// hub's own validators read format 1 only) with the format-1 catalogue published before beside it.
class PublishTwoMajors : public Publish {
protected:
    void SetUp() override
    {
        Publish::SetUp();
        expect_published(Kind::catalogue, source("v1.json", catalogue_json(1)));
        expect_published(Kind::release, release("0.4.0"));
        Manifest next = current();
        format_one = *next.catalogue;
        format_two = entry_of_format(2, 2);
        const std::string bytes = "{\"format\": \"lotsen-catalogue\", \"format_version\": 2}";
        format_two.size = bytes.size();
        format_two.sha256 = protocol::sha256(bytes);
        format_two.file = protocol::to_hex(format_two.sha256) + ".json";
        write_text(published() + "/files/" + format_two.file, bytes);
        next.sequence += 1;
        ASSERT_EQ(place_entry(next, Kind::catalogue, format_two).value(), Placement::new_major);
        write_text(manifest_path(), manifest::sign(next, publisher));
    }

    manifest::Entry format_one;
    manifest::Entry format_two;
};

TEST_F(PublishTwoMajors, RefreshAndPublishingAnotherKindKeepTheEntryBeside)
{
    auto refreshed = refresh_manifest(publisher, options(k_publish_now + 86400));
    ASSERT_TRUE(refreshed.ok()) << refreshed.error().text();
    Manifest m = current();
    expect_same_entry(m.catalogue, format_two);
    expect_same_entry(m.previous_major.catalogue, format_one);

    expect_published(Kind::config, source("c.toml", config_toml()));
    m = current();
    expect_same_entry(m.catalogue, format_two);
    expect_same_entry(m.previous_major.catalogue, format_one);
    EXPECT_EQ(m.config->version, 1);
    EXPECT_FALSE(m.previous_major.config);
    EXPECT_FALSE(m.previous_major.release);

    // What a kiosk reads of it: format 1.1, the previous major included.
    const auto payload = nlohmann::json::parse(manifest::encode_payload(m));
    EXPECT_EQ(payload["format_minor"], 1);
    EXPECT_EQ(payload["previous_major"]["catalogue"]["version"], format_one.version);
}

TEST_F(PublishTwoMajors, AFormatOneCatalogueReplacesTheOneBesideWithAVersionAboveBoth)
{
    // Versions grow per kind across both majors: 2 is listed, so 2 is not enough.
    auto same = publish(Kind::catalogue, source("v2.json", catalogue_json(2)));
    ASSERT_FALSE(same.ok());
    EXPECT_NE(same.error().text().find("not greater than the published catalogue version 2"), std::string::npos)
        << same.error().text();

    auto done = publish(Kind::catalogue, source("v3.json", catalogue_json(3)));
    ASSERT_TRUE(done.ok()) << done.error().text();
    EXPECT_EQ(done.value().placement, Placement::previous_major);
    EXPECT_EQ(done.value().previous_version, format_one.version);
    const Manifest m = current();
    expect_same_entry(m.catalogue, format_two);  // the main entry stays
    ASSERT_TRUE(m.previous_major.catalogue);
    EXPECT_EQ(m.previous_major.catalogue->version, 3);
    EXPECT_EQ(m.previous_major.catalogue->format, 1);

    // A CSV (converted to format-1 JSON) goes beside too, numbered above both.
    auto csv = publish(Kind::catalogue, source("sheet.csv", catalogue_csv()));
    ASSERT_TRUE(csv.ok()) << csv.error().text();
    EXPECT_EQ(current().previous_major.catalogue->version, 4);
    expect_same_entry(current().catalogue, format_two);
}

TEST_F(PublishTwoMajors, PruneKeepsTheFilesOfBothMajorsAndShowNamesTheirFormats)
{
    const std::string old_release = current().release->file;
    expect_published(Kind::release, release("0.5.0"));
    for (const std::string& file : {old_release, format_one.file, format_two.file})
        set_mtime(published() + "/files/" + file, k_publish_now);  // old enough to go, were they not listed
    auto pruned = prune_published(data_dir, publisher.public_key, k_publish_now + 400 * 86400);
    ASSERT_TRUE(pruned.ok()) << pruned.error().text();
    // Only the release that left the manifest goes; both catalogues stay.
    EXPECT_EQ(pruned.value().removed, std::vector<std::string>{old_release});
    EXPECT_TRUE(std::filesystem::exists(published() + "/files/" + format_one.file));
    EXPECT_TRUE(std::filesystem::exists(published() + "/files/" + format_two.file));

    const std::string shown = render_manifest(current(), data_dir, k_publish_now);
    EXPECT_NE(shown.find("catalogue version 2, format 2, "), std::string::npos) << shown;
    EXPECT_NE(shown.find("  beside  version 1, format 1, "), std::string::npos) << shown;
    EXPECT_NE(shown.find("files/" + format_one.file + "\n"), std::string::npos) << shown;
    EXPECT_NE(shown.find("release   version 2, name"), std::string::npos) << shown;  // format 1 alone goes unsaid
}

TEST_F(Publish, AManifestOfFormatOneFilesIsWrittenAsFormat10)
{
    expect_published(Kind::catalogue, source("c.json", catalogue_json(1)));
    expect_published(Kind::config, source("c.toml", config_toml()));
    expect_published(Kind::release, release("0.6.0"));
    const Manifest m = current();
    EXPECT_EQ(m.catalogue->format, 1);
    EXPECT_EQ(m.config->format, 1);
    EXPECT_EQ(m.release->format, 1);
    EXPECT_TRUE(m.previous_major.empty());
    // Kiosks from before format 1.1 refuse members they do not know: there are none.
    auto outer = nlohmann::json::parse(read_text(manifest_path()));
    auto decoded = protocol::from_base64(outer["payload"].get<std::string>(), "payload");
    ASSERT_TRUE(decoded.ok());
    const auto payload = nlohmann::json::parse(std::string(decoded.value().begin(), decoded.value().end()));
    EXPECT_FALSE(payload.contains("format_minor"));
    EXPECT_FALSE(payload.contains("previous_major"));
    for (const char* kind : {"catalogue", "config", "release"})
        EXPECT_FALSE(payload[kind].contains("format")) << kind;
}

}  // namespace
}  // namespace lotsen::hub::test
