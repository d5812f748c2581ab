// test_config.cpp — the kiosk's TOML configuration: defaults, values, and errors with file and line;
// its format version and what a published overlay of a newer format does; and the opening-hours
// arithmetic (checked against a minute-by-minute walk across both DST changes).
#include "core/settings/admin_lock.hpp"
#include "core/settings/config.hpp"

#include <gtest/gtest.h>

using namespace lotsen;

namespace {

// The error message of parsing `text` as "k.toml"; "(parsed)" when it parses.
std::string error_of(std::string_view text)
{
    auto config = parse_kiosk_config(text, "k.toml");
    return config.ok() ? "(parsed)" : config.error().text();
}

LocalDateTime local(int year, int month, int day, int hour, int minute)
{
    return LocalDateTime{Date{year, month, day}, TimeOfDay{hour * 60 + minute}};
}

// Opening hours from an [opening_hours] section body; fails the test when it does not parse.
OpeningHours hours_of(std::string_view days)
{
    auto config = parse_kiosk_config("[opening_hours]\n" + std::string(days), "hours.toml");
    EXPECT_TRUE(config.ok()) << config.error().text();
    return config.ok() ? config.value().opening_hours : OpeningHours{};
}

constexpr std::string_view k_weekdays_open = R"(
mon = "08:00-20:00"
tue = "08:00-20:00"
wed = "08:00-20:00"
thu = "08:00-20:00"
fri = "08:00-20:00"
sat = "closed"
sun = "closed"
)";

}  // namespace

TEST(Config, EmptyFileGivesDefaults)
{
    auto config = parse_kiosk_config("", "empty.toml");
    ASSERT_TRUE(config.ok()) << config.error().text();
    const KioskConfig& c = config.value();
    EXPECT_EQ(c.town, "Halmstad");
    EXPECT_EQ(c.default_language, "sv");
    EXPECT_EQ(c.languages.size(), 7u);
    EXPECT_TRUE(c.fullscreen);
    EXPECT_EQ(c.idle_prompt_seconds, 90);
    EXPECT_EQ(c.idle_reset_seconds, 20);
    EXPECT_TRUE(c.help_intro.empty());
    ASSERT_EQ(c.help_contacts.size(), 6u);
    EXPECT_EQ(c.help_contacts[0].number, "112");
    EXPECT_EQ(c.help_contacts[0].description.get("sv"), "När ett liv är i fara. Dygnet runt.");
    EXPECT_EQ(c.help_contacts[0].description.get("en"), "When a life is in danger. Day and night.");
    EXPECT_EQ(c.help_contacts[1].number, "1177");
    EXPECT_EQ(c.help_contacts[1].description.get("en"), "Health-care advice, day and night");
    EXPECT_EQ(c.help_contacts[2].number, "90101");
    EXPECT_EQ(c.help_contacts[2].name.get("sv"), "Självmordslinjen (Mind)");
    EXPECT_EQ(c.help_contacts[3].number, "08-702 16 80");
    EXPECT_EQ(c.help_contacts[3].description.get("en"), "Someone to talk to at night");
    EXPECT_EQ(c.help_contacts[4].number, "020-50 50 50");
    EXPECT_EQ(c.help_contacts[5].number, "116 111");
    // Help now speaks every kiosk language even without a [help] section.
    for (const HelpContact& contact : c.help_contacts) {
        for (const LanguageCode& language : c.languages)
            EXPECT_TRUE(contact.description.has(language)) << contact.number << " " << language;
    }
    EXPECT_TRUE(c.opening_hours.always_on);
    EXPECT_TRUE(c.screen_on_at(local(2025, 1, 1, 3, 0)));
    EXPECT_EQ(c.seconds_until_screen_change(1'750'000'000), std::nullopt);
    EXPECT_EQ(c.admin_pin_hash, std::nullopt);
    EXPECT_EQ(c.hub_public_key, std::nullopt);
    EXPECT_EQ(c.checkin_min_gap_seconds, 10);
}

TEST(Config, ReadsEveryKey)
{
    auto config = parse_kiosk_config(R"(
[kiosk]
town = "Varberg"
default_language = "en"
languages = ["en", "sv", "ar"]
idle_prompt_seconds = 120
idle_reset_seconds = 30
[screen]
width = 800
height = 480
fullscreen = false
diagonal_inches = 7
[opening_hours]
mon = "08:00-20:00"
tue = "closed"
wed = "09:30-24:00"
thu = "00:00-24:00"
fri = "18:00-01:00"
sat = "closed"
sun = "12:00-16:00"
[admin]
pin_hash = "$argon2id$v=19$m=19456,t=2,p=1$fyUQWcsmVTEgFkfLz86A0Q$ETPxBRSTg/u50Yo8181sCrrAtLPZk9rdhF8rJIJOTFg"
[upstream]
hub_public_key = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="
[checkin]
min_gap_seconds = 0
[help]
intro = { sv = "Du är inte ensam.", en = "You are not alone.", ar = "لست وحدك." }
[[help.contacts]]
name = { sv = "Krisjouren Halland" }
number = "+46 35-13 00 00"
[[help.contacts]]
name = { en = "Helpline", uk = "Лінія допомоги" }
number = "90101"
description = { en = "Day and night,\nevery day" }
)", "kiosk.toml");
    ASSERT_TRUE(config.ok()) << config.error().text();
    const KioskConfig& c = config.value();
    EXPECT_EQ(c.town, "Varberg");
    EXPECT_EQ(c.default_language, "en");
    EXPECT_EQ(c.languages, (std::vector<LanguageCode>{"en", "sv", "ar"}));
    EXPECT_EQ(c.idle_prompt_seconds, 120);
    EXPECT_EQ(c.idle_reset_seconds, 30);
    EXPECT_EQ(c.screen_width, 800);
    EXPECT_EQ(c.screen_height, 480);
    EXPECT_FALSE(c.fullscreen);
    EXPECT_DOUBLE_EQ(c.screen_diagonal_inches, 7.0);

    EXPECT_FALSE(c.opening_hours.always_on);
    EXPECT_EQ(c.opening_hours.days[0], (OpenSpan{8 * 60, 20 * 60}));
    EXPECT_EQ(c.opening_hours.days[1], std::nullopt);
    EXPECT_EQ(c.opening_hours.days[2], (OpenSpan{9 * 60 + 30, 1440}));
    EXPECT_EQ(c.opening_hours.days[3], (OpenSpan{0, 1440}));
    EXPECT_EQ(c.opening_hours.days[4], (OpenSpan{18 * 60, 60}));
    EXPECT_EQ(c.opening_hours.days[5], std::nullopt);
    EXPECT_EQ(c.opening_hours.days[6], (OpenSpan{12 * 60, 16 * 60}));

    EXPECT_EQ(c.admin_pin_hash, std::string(k_demo_pin_hash));
    PublicKey32 key{};
    for (std::size_t i = 0; i < key.size(); ++i)
        key[i] = static_cast<unsigned char>(i + 1);
    EXPECT_EQ(c.hub_public_key, key);
    EXPECT_EQ(c.checkin_min_gap_seconds, 0);

    EXPECT_EQ(c.help_intro.get("ar"), "لست وحدك.");
    EXPECT_EQ(c.help_intro.get("en"), "You are not alone.");
    EXPECT_EQ(c.help_intro.get("sv"), "Du är inte ensam.");
    ASSERT_EQ(c.help_contacts.size(), 2u);  // the listed contacts replace the defaults
    EXPECT_EQ(c.help_contacts[0].name, LocalizedText(TextMap{{"sv", "Krisjouren Halland"}}));
    EXPECT_EQ(c.help_contacts[0].number, "+46 35-13 00 00");
    EXPECT_TRUE(c.help_contacts[0].description.empty());
    EXPECT_EQ(c.help_contacts[1].name.get("uk"), "Лінія допомоги");
    EXPECT_EQ(c.help_contacts[1].name.get("sv"), "Helpline");  // falls back to English
    EXPECT_EQ(c.help_contacts[1].description.get("en"), "Day and night,\nevery day");
}

TEST(Config, HelpIntroAloneKeepsTheDefaultContacts)
{
    auto config = parse_kiosk_config("[help]\nintro = { en = \"Call if you need to.\" }\n", "k.toml");
    ASSERT_TRUE(config.ok()) << config.error().text();
    EXPECT_EQ(config.value().help_contacts, default_help_contacts());
    EXPECT_EQ(config.value().help_intro.get("en"), "Call if you need to.");
}

TEST(Config, ShippedDefaultsFileParsesToTheBuiltInDefaults)
{
    auto config = load_kiosk_config(std::string(LOTSEN_SOURCE_DIR) + "/config/lotsen.toml");
    ASSERT_TRUE(config.ok()) << config.error().text();
    const KioskConfig defaults;
    const KioskConfig& c = config.value();
    EXPECT_EQ(c.town, defaults.town);
    EXPECT_EQ(c.latitude, defaults.latitude);
    EXPECT_EQ(c.longitude, defaults.longitude);
    EXPECT_DOUBLE_EQ(c.near_km, defaults.near_km);
    EXPECT_EQ(c.default_language, defaults.default_language);
    EXPECT_EQ(c.languages, defaults.languages);
    EXPECT_EQ(c.idle_prompt_seconds, defaults.idle_prompt_seconds);
    EXPECT_EQ(c.idle_reset_seconds, defaults.idle_reset_seconds);
    EXPECT_EQ(c.screen_width, defaults.screen_width);
    EXPECT_EQ(c.screen_height, defaults.screen_height);
    EXPECT_EQ(c.fullscreen, defaults.fullscreen);
    EXPECT_DOUBLE_EQ(c.screen_diagonal_inches, defaults.screen_diagonal_inches);
    EXPECT_EQ(c.screen_rotation, defaults.screen_rotation);
    EXPECT_EQ(c.help_intro, defaults.help_intro);
    EXPECT_EQ(c.help_contacts, defaults.help_contacts);
    EXPECT_EQ(c.opening_hours, defaults.opening_hours);
    EXPECT_EQ(defaults.hub_public_key, std::nullopt);
    ASSERT_TRUE(c.hub_public_key.has_value());  // the demo hub's key (assets/demo/demo-hub-secret.key)
    EXPECT_EQ(c.checkin_min_gap_seconds, defaults.checkin_min_gap_seconds);
    EXPECT_EQ(c.health_check_seconds, defaults.health_check_seconds);
    EXPECT_EQ(c.upload, defaults.upload);
    EXPECT_EQ(defaults.upload.url, std::nullopt);  // no hub unless one is configured
    // The one deliberate difference: a demo PIN hash (2468) where the default has none.
    EXPECT_EQ(defaults.admin_pin_hash, std::nullopt);
    EXPECT_EQ(c.admin_pin_hash, std::string(k_demo_pin_hash));
}

TEST(Config, UnknownKeyNamesFileLineAndKey)
{
    auto config = parse_kiosk_config("[kiosk]\ntown = \"Laholm\"\ntwon = \"Laholm\"\n", "k.toml");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.error().text(), "k.toml:3: kiosk.twon: unknown key");
}

TEST(Config, UnknownSectionIsRefused)
{
    auto config = parse_kiosk_config("[screan]\nwidth = 800\n", "k.toml");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.error().text(), "k.toml:1: screan: unknown key");
}

TEST(Config, ScreenRotationIsAQuarterTurnClockwise)
{
    auto config = parse_kiosk_config("format_minor = 2\n[screen]\nrotation = 270\n", "k.toml");
    ASSERT_TRUE(config.ok()) << config.error().text();
    EXPECT_EQ(config.value().screen_rotation, 270);
    EXPECT_EQ(KioskConfig{}.screen_rotation, 0);
    for (const char* wrong : {"45", "-90", "360", "\"90\"", "90.0"}) {
        EXPECT_EQ(error_of(std::string("[screen]\nrotation = ") + wrong + "\n"),
                  "k.toml:2: screen.rotation: expected 0, 90, 180 or 270 (degrees the picture is turned clockwise)")
            << wrong;
    }
}

TEST(Config, DirectionsAreAGeoUriOrAMapLinkTemplate)
{
    EXPECT_EQ(KioskConfig{}.directions, "geo");
    auto config = parse_kiosk_config("format_minor = 3\n[kiosk]\ndirections = \"https://maps.example.se/?to={lat},{lon}\"\n",
                                     "k.toml");
    ASSERT_TRUE(config.ok()) << config.error().text();
    EXPECT_EQ(config.value().directions, "https://maps.example.se/?to={lat},{lon}");
    EXPECT_EQ(error_of("[kiosk]\ndirections = \"https://maps.example.se/?to={lat}\"\n"),
              "k.toml:2: kiosk.directions: the map link must hold both {lat} and {lon}, where the place's coordinates go");
    EXPECT_EQ(error_of("[kiosk]\ndirections = \"google\"\n"),
              "k.toml:2: kiosk.directions: expected \"geo\" or a map link starting with https:// holding {lat} and {lon}");
}

TEST(ConfigFormat, LocalFileStaysStrictAtEveryLevel)
{
    // Under the default, as for the kiosk's own lotsen.toml and `lotsen-hub publish config`.
    EXPECT_EQ(error_of("format_version = 1\nformat_minor = 4\n[screen]\nbrightness = 80\n"),
              "k.toml:4: screen.brightness: unknown key");
    EXPECT_EQ(error_of("[kiosk]\ntown = \"Laholm\"\n[kiosk.map]\nzoom = 3\n"), "k.toml:3: kiosk.map: unknown key");
    EXPECT_EQ(error_of("owner = \"region\"\n"), "k.toml:1: owner: unknown key");
    auto overlay = apply_kiosk_config_overlay(KioskConfig{}, "[screen]\nbrightness = 80\n", "published config 4");
    ASSERT_FALSE(overlay.ok());
    EXPECT_EQ(overlay.error().text(), "published config 4:2: screen.brightness: unknown key");
}

TEST(KioskConfig, PositionAndNearDistance)
{
    auto config = parse_kiosk_config("[kiosk]\ntown = \"Varberg\"\nlatitude = 57.1057\nlongitude = 12.25\nnear_km = 2\n", "k.toml");
    ASSERT_TRUE(config.ok()) << config.error().text();
    EXPECT_EQ(config.value().latitude, 57.1057);
    EXPECT_EQ(config.value().longitude, 12.25);
    EXPECT_DOUBLE_EQ(config.value().near_km, 2.0);
    EXPECT_EQ(error_of("[kiosk]\nlatitude = 91\n"), "k.toml:2: kiosk.latitude: expected a number from -90 to 90");
    EXPECT_EQ(error_of("[kiosk]\nlongitude = \"east\"\n"), "k.toml:2: kiosk.longitude: expected a number from -180 to 180");
    EXPECT_EQ(error_of("[kiosk]\nnear_km = 0\n"), "k.toml:2: kiosk.near_km: expected a number from 0.1 to 100");
    // A position is a pair: one half alone (over a default without one) is refused.
    KioskConfig no_position;
    no_position.latitude.reset();
    no_position.longitude.reset();
    auto half = apply_kiosk_config_overlay(no_position, "[kiosk]\nlatitude = 57.1\n", "k.toml");
    ASSERT_FALSE(half.ok());
    EXPECT_EQ(half.error().text(), "k.toml: kiosk.latitude and kiosk.longitude go together: give both or neither");
}

TEST(ConfigFormat, AnyMinorOfFormatOneIsRead)
{
    auto config = parse_kiosk_config("format_version = 1\nformat_minor = 2\n[kiosk]\ntown = \"Laholm\"\n", "k.toml");
    ASSERT_TRUE(config.ok()) << config.error().text();
    EXPECT_EQ(config.value().town, "Laholm");
    EXPECT_EQ(error_of("format_version = 1\n"), "(parsed)");
    EXPECT_EQ(error_of("format_minor = 0\n"), "(parsed)");  // the major defaults to 1
    EXPECT_EQ(error_of("format_minor = -1\n"), "k.toml:1: format_minor: expected a whole number, 0 or more");
    EXPECT_EQ(error_of("format_minor = \"2\"\n"), "k.toml:1: format_minor: expected a whole number, 0 or more");
    EXPECT_EQ(error_of("format_version = 0\n"), "k.toml:1: format_version: expected the config format's major version, 1");
    EXPECT_EQ(error_of("format_version = 1.5\n"), "k.toml:1: format_version: expected the config format's major version, 1");
}

TEST(ConfigFormat, ANewerMajorIsRefusedBeforeItsKeys)
{
    const std::string newer = "config format 2.0 is newer than lotsen " LOTSEN_VERSION
                              " reads (1.4); upgrade lotsen, or publish format 1 beside it";
    // Its keys are not judged by this release: the version is the message, strict or tolerant.
    EXPECT_EQ(error_of("format_version = 2\n[screen]\nrotation = 90\n"), "k.toml:1: format_version: " + newer);
    IgnoredMembers ignored;
    auto overlay = apply_kiosk_config_overlay(KioskConfig{}, "format_version = 2\nowner = 1\n[screen]\nrotation = 90\n",
                                              "published config 4", UnknownMembers::ignore, &ignored);
    ASSERT_FALSE(overlay.ok());
    EXPECT_EQ(overlay.error().text(), "published config 4:1: format_version: " + newer);
    EXPECT_TRUE(ignored.empty());
    EXPECT_EQ(error_of("format_version = 3\nformat_minor = 1\n"),
              "k.toml:1: format_version: config format 3.1 is newer than lotsen " LOTSEN_VERSION
              " reads (1.4); upgrade lotsen, or publish format 1 beside it");
}

TEST(ConfigNotice, ATextPerLanguageAndALevel)
{
    auto config = parse_kiosk_config("[notice]\ntext = { sv = \"Biblioteket stänger 16 i dag\", "
                                      "en = \"The library closes at 16 today\" }\n",
                                      "k.toml");
    ASSERT_TRUE(config.ok()) << config.error().text();
    EXPECT_EQ(config.value().notice.text.get("sv"), "Biblioteket stänger 16 i dag");
    EXPECT_EQ(config.value().notice.text.get("ar"), "Biblioteket stänger 16 i dag");  // falls back like every text
    EXPECT_EQ(config.value().notice.level, Notice::Level::info);
    config = parse_kiosk_config("[notice]\ntext = { sv = \"Kiosken lagas\" }\nlevel = \"warning\"\n", "k.toml");
    ASSERT_TRUE(config.ok()) << config.error().text();
    EXPECT_EQ(config.value().notice.level, Notice::Level::warning);
    EXPECT_TRUE(KioskConfig{}.notice.text.empty());  // none by default

    EXPECT_EQ(error_of("[notice]\ntext = { sv = \"x\" }\nlevel = \"red\"\n"),
              "k.toml:3: notice.level: expected \"info\" or \"warning\"");
    EXPECT_EQ(error_of("[notice]\nlevel = \"warning\"\n"), "k.toml:2: notice.level: a level needs a notice.text");
    EXPECT_EQ(error_of("[notice]\ntext = \"Stängt\"\n"),
              "k.toml:2: notice.text: expected a text per language, like { sv = \"…\", en = \"…\" }");
    EXPECT_EQ(error_of("[notice]\ntext = { sv = \"x\" }\ncolour = 1\n"), "k.toml:3: notice.colour: unknown key");
    EXPECT_EQ(error_of("[notice]\ntext = { sv = \"" + std::string(301, 'a') + "\" }\n"),
              "k.toml:2: notice.text.sv: is 301 bytes, more than the limit of 300");
}

TEST(ConfigNotice, APublishedOverlaySetsAndClearsIt)
{
    KioskConfig local;
    local.notice.text.set("sv", "Lokal notis");
    auto overlay = apply_kiosk_config_overlay(local, "[notice]\ntext = { sv = \"Regionens notis\" }\nlevel = \"warning\"\n",
                                              "published config 6", UnknownMembers::ignore);
    ASSERT_TRUE(overlay.ok()) << overlay.error().text();
    EXPECT_EQ(overlay.value().notice.text.get("sv"), "Regionens notis");
    EXPECT_EQ(overlay.value().notice.level, Notice::Level::warning);
    overlay = apply_kiosk_config_overlay(local, "[notice]\n", "published config 7", UnknownMembers::ignore);
    ASSERT_TRUE(overlay.ok()) << overlay.error().text();
    EXPECT_TRUE(overlay.value().notice.text.empty());  // an empty [notice] takes the local one back
    overlay = apply_kiosk_config_overlay(local, "[kiosk]\ntown = \"Laholm\"\n", "published config 8", UnknownMembers::ignore);
    ASSERT_TRUE(overlay.ok()) << overlay.error().text();
    EXPECT_EQ(overlay.value().notice, local.notice);  // no [notice]: the local one stays
}

TEST(ConfigFormat, ATolerantOverlaySkipsUnknownKeysAndTablesAndListsThem)
{
    auto local = parse_kiosk_config("[kiosk]\ntown = \"Falkenberg\"\nlanguages = [\"sv\", \"en\"]\n", "local.toml");
    ASSERT_TRUE(local.ok()) << local.error().text();
    const std::string published = R"(format_minor = 3
owner = "Region Halland"
[kiosk]
town = "Laholm"
idle_prompt_seconds = 45
greeting = { sv = "Hej" }
[screen]
width = 1024
brightness = 80
[screen.night]
dim = 0.5
[[help.contacts]]
name = { sv = "Mind" }
number = "90101"
hours = "dygnet runt"
[heartbeat]
extra_facts = true
)";
    IgnoredMembers ignored;
    auto overlay = apply_kiosk_config_overlay(local.value(), published, "published config 4", UnknownMembers::ignore, &ignored);
    ASSERT_TRUE(overlay.ok()) << overlay.error().text();
    const KioskConfig& config = overlay.value();
    EXPECT_EQ(config.town, "Laholm");
    EXPECT_EQ(config.idle_prompt_seconds, 45);
    EXPECT_EQ(config.screen_width, 1024);
    EXPECT_EQ(config.languages, (std::vector<LanguageCode>{"sv", "en"}));  // the local file's, kept
    ASSERT_EQ(config.help_contacts.size(), 1u);
    EXPECT_EQ(config.help_contacts[0].number, "90101");
    // Top level first, then section by section; toml++ keeps a table's keys in name order.
    EXPECT_EQ(ignored.summary(), "heartbeat, owner, kiosk.greeting, screen.brightness, screen.night, help.contacts[].hours");
    EXPECT_EQ(ignored.total(), 6u);

    // Without a list to fill, the keys are skipped all the same.
    EXPECT_TRUE(apply_kiosk_config_overlay(local.value(), published, "p", UnknownMembers::ignore).ok());
}

TEST(ConfigFormat, KnownKeysKeepEveryCheckInATolerantOverlay)
{
    const auto tolerant_error = [](std::string_view text) {
        IgnoredMembers ignored;
        auto overlay = apply_kiosk_config_overlay(KioskConfig{}, text, "p", UnknownMembers::ignore, &ignored);
        return overlay.ok() ? std::string("(parsed)") : overlay.error().text();
    };
    EXPECT_EQ(tolerant_error("[screen]\nrotation = 90\nwidth = \"800\"\n"), "p:3: screen.width: expected an integer from 200 to 8192");
    EXPECT_EQ(tolerant_error("[checkin]\nmin_gap_seconds = -1\nrate = 2\n"),
              "p:2: checkin.min_gap_seconds: expected an integer from 0 to 3600");
    EXPECT_EQ(tolerant_error("[kiosk]\ndefault_language = \"de\"\nmotto = \"x\"\n"),
              "p: kiosk.default_language \"de\" is not in kiosk.languages");
    EXPECT_EQ(tolerant_error("screen = 5\n"), "p:1: screen: expected a table [screen]");
    EXPECT_EQ(tolerant_error("[help]\nintro = { Svenska = \"Hej\" }\n"),
              "p:2: help.intro.Svenska: not a language code like \"sv\", \"en\" or \"sv-easy\"");
}

TEST(ConfigFormat, AnOddOrLongKeyIsQuotedAndCutInTheList)
{
    IgnoredMembers ignored;
    const std::string text = "[screen]\n\"" + std::string(100, 'r') + "\" = 1\n\"two words\" = 2\n";
    ASSERT_TRUE(apply_kiosk_config_overlay(KioskConfig{}, text, "p", UnknownMembers::ignore, &ignored).ok());
    EXPECT_EQ(ignored.summary(), "screen.\"" + std::string(40, 'r') + "\"…, screen.\"two words\"");
}

TEST(Config, WrongTypeAndRangeAreRefused)
{
    auto wrong_type = parse_kiosk_config("[screen]\nwidth = \"800\"\n", "k.toml");
    ASSERT_FALSE(wrong_type.ok());
    EXPECT_EQ(wrong_type.error().text(), "k.toml:2: screen.width: expected an integer from 200 to 8192");
    auto too_small = parse_kiosk_config("[screen]\nheight = 10\n", "k.toml");
    ASSERT_FALSE(too_small.ok());
    EXPECT_EQ(too_small.error().text(), "k.toml:2: screen.height: expected an integer from 200 to 8192");
}

TEST(Config, DefaultLanguageMustBeOffered)
{
    auto config = parse_kiosk_config("[kiosk]\ndefault_language = \"fi\"\n", "k.toml");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.error().text(), "k.toml: kiosk.default_language \"fi\" is not in kiosk.languages");
}

TEST(Config, SyntaxErrorHasLineAndColumn)
{
    auto config = parse_kiosk_config("[kiosk]\ntown = \"Halmstad\n", "k.toml");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.error().text().rfind("k.toml:2:", 0), 0u) << config.error().text();
}

TEST(Config, ScreenSize)
{
    auto size = parse_screen_size("800x480");
    ASSERT_TRUE(size.ok());
    EXPECT_EQ(size.value(), std::make_pair(800, 480));
    EXPECT_FALSE(parse_screen_size("800").ok());
    EXPECT_FALSE(parse_screen_size("800x").ok());
    EXPECT_FALSE(parse_screen_size("100x480").ok());
    EXPECT_FALSE(parse_screen_size("800x480x2").ok());
    EXPECT_EQ(parse_screen_size("axb").error().text(),
              "screen size \"axb\": expected WIDTHxHEIGHT, each 200 to 8192, e.g. 800x480");
}

TEST(Config, NewIntegerKeysNameTheirRange)
{
    EXPECT_EQ(error_of("[kiosk]\nidle_prompt_seconds = 9\n"),
              "k.toml:2: kiosk.idle_prompt_seconds: expected an integer from 10 to 3600");
    EXPECT_EQ(error_of("[kiosk]\nidle_prompt_seconds = 3601\n"),
              "k.toml:2: kiosk.idle_prompt_seconds: expected an integer from 10 to 3600");
    EXPECT_EQ(error_of("[kiosk]\nidle_reset_seconds = 4\n"),
              "k.toml:2: kiosk.idle_reset_seconds: expected an integer from 5 to 600");
    EXPECT_EQ(error_of("[kiosk]\n\nidle_reset_seconds = 20.5\n"),
              "k.toml:3: kiosk.idle_reset_seconds: expected an integer from 5 to 600");
    EXPECT_EQ(error_of("[checkin]\nmin_gap_seconds = -1\n"),
              "k.toml:2: checkin.min_gap_seconds: expected an integer from 0 to 3600");
    EXPECT_EQ(error_of("[checkin]\nmin_gap_seconds = 3601\n"),
              "k.toml:2: checkin.min_gap_seconds: expected an integer from 0 to 3600");
    EXPECT_EQ(error_of("[checkin]\nmin_gap = 10\n"), "k.toml:2: checkin.min_gap: unknown key");
    EXPECT_EQ(error_of("[kiosk]\nidle_timeout = 10\n"), "k.toml:2: kiosk.idle_timeout: unknown key");
    EXPECT_EQ(error_of("checkin = 10\n"), "k.toml:1: checkin: expected a table [checkin]");
}

TEST(Config, UpdatesHealthCheckSeconds)
{
    auto config = parse_kiosk_config("[updates]\nhealth_check_seconds = 300\n", "k.toml");
    ASSERT_TRUE(config.ok()) << config.error().text();
    EXPECT_EQ(config.value().health_check_seconds, 300);
    EXPECT_EQ(KioskConfig{}.health_check_seconds, 120);
    EXPECT_EQ(error_of("[updates]\nhealth_check_seconds = 9\n"),
              "k.toml:2: updates.health_check_seconds: expected an integer from 10 to 3600");
    EXPECT_EQ(error_of("[updates]\nhealth_check_seconds = 3601\n"),
              "k.toml:2: updates.health_check_seconds: expected an integer from 10 to 3600");
    EXPECT_EQ(error_of("[updates]\nhealth = 10\n"), "k.toml:2: updates.health: unknown key");
}

TEST(Config, HelpErrorsNameTheContactAndKey)
{
    EXPECT_EQ(error_of("[help]\ntext = 1\n"), "k.toml:2: help.text: unknown key");
    EXPECT_EQ(error_of("help = \"112\"\n"), "k.toml:1: help: expected a table [help]");
    EXPECT_EQ(error_of("[help]\ncontacts = []\n"),
              "k.toml:2: help.contacts: expected 1 to 10 contacts ([[help.contacts]] tables)");
    EXPECT_EQ(error_of("[help]\ncontacts = \"112\"\n"),
              "k.toml:2: help.contacts: expected 1 to 10 contacts ([[help.contacts]] tables)");
    std::string eleven = "[help]\n";
    for (int i = 0; i < 11; ++i)
        eleven += "[[help.contacts]]\nname = { sv = \"A\" }\nnumber = \"112\"\n";
    EXPECT_EQ(error_of(eleven), "k.toml:2: help.contacts: expected 1 to 10 contacts ([[help.contacts]] tables)");
    EXPECT_EQ(error_of("[help]\ncontacts = [\"112\"]\n"),
              "k.toml:2: help.contacts[0]: expected a table with name and number ([[help.contacts]])");

    const std::string first = "[[help.contacts]]\nname = { sv = \"SOS\" }\nnumber = \"112\"\n";
    EXPECT_EQ(error_of(first + "[[help.contacts]]\nnumber = \"1177\"\n"), "k.toml:4: help.contacts[1]: missing name");
    EXPECT_EQ(error_of(first + "[[help.contacts]]\nname = { sv = \"Vård\" }\n"),
              "k.toml:4: help.contacts[1]: missing number");
    EXPECT_EQ(error_of(first + "[[help.contacts]]\nname = { sv = \"Vård\" }\nnumber = \"1177\"\nphone = \"1177\"\n"),
              "k.toml:7: help.contacts[1].phone: unknown key");
    EXPECT_EQ(error_of("[[help.contacts]]\nname = \"SOS\"\nnumber = \"112\"\n"),
              "k.toml:2: help.contacts[0].name: expected a text per language, like { sv = \"…\", en = \"…\" }");
    EXPECT_EQ(error_of("[[help.contacts]]\nname = { ar = \"طوارئ\" }\nnumber = \"112\"\n"),
              "k.toml:2: help.contacts[0].name: needs a text in \"sv\" or \"en\"");
    EXPECT_EQ(error_of("[[help.contacts]]\nname = { SV = \"SOS\" }\nnumber = \"112\"\n"),
              "k.toml:2: help.contacts[0].name.SV: not a language code like \"sv\", \"en\" or \"sv-easy\"");
    EXPECT_EQ(error_of("[[help.contacts]]\nname = { sv = \"\" }\nnumber = \"112\"\n"),
              "k.toml:2: help.contacts[0].name.sv: expected a non-empty string");
    EXPECT_EQ(error_of("[[help.contacts]]\nname = { sv = 112 }\nnumber = \"112\"\n"),
              "k.toml:2: help.contacts[0].name.sv: expected a non-empty string");
    EXPECT_EQ(error_of("[[help.contacts]]\nname = { sv = \"SOS\\nAlarm\" }\nnumber = \"112\"\n"),
              "k.toml:2: help.contacts[0].name.sv: contains a control character (only descriptions may contain newlines)");
    EXPECT_EQ(error_of("[[help.contacts]]\nname = { sv = \"SOS\" }\nnumber = \"112\"\n"
                       "description = { sv = \"ring\\u0007\" }\n"),
              "k.toml:4: help.contacts[0].description.sv: contains a control character");
    EXPECT_EQ(error_of("[[help.contacts]]\nname = { sv = \"" + std::string(121, 'x') + "\" }\nnumber = \"112\"\n"),
              "k.toml:2: help.contacts[0].name.sv: is 121 bytes, more than the limit of 120");
    EXPECT_EQ(error_of("[help]\nintro = { en = \"" + std::string(1001, 'x') + "\" }\n"),
              "k.toml:2: help.intro.en: is 1001 bytes, more than the limit of 1000");
    EXPECT_EQ(error_of("[help]\nintro = { fa = \"…\" }\n"), "k.toml:2: help.intro: needs a text in \"sv\" or \"en\"");
}

TEST(Config, HelpNumbersAreDigitsSpacesPlusAndMinus)
{
    const std::string expected =
        "k.toml:3: help.contacts[0].number: expected a phone number as a string of 2 to 30 characters: "
        "digits, spaces, '+' and '-'";
    auto with_number = [](std::string_view number) {
        return "[[help.contacts]]\nname = { sv = \"SOS\" }\nnumber = " + std::string(number) + "\n";
    };
    EXPECT_EQ(error_of(with_number("112")), expected);  // an integer, not a string
    EXPECT_EQ(error_of(with_number("\"112a\"")), expected);
    EXPECT_EQ(error_of(with_number("\"1\"")), expected);
    EXPECT_EQ(error_of(with_number("\"+ -\"")), expected);  // no digits at all
    EXPECT_EQ(error_of(with_number("\"(035) 13 00 00\"")), expected);
    EXPECT_EQ(error_of(with_number("\"" + std::string(31, '1') + "\"")), expected);
    EXPECT_EQ(error_of(with_number("\"" + std::string(30, '1') + "\"")), "(parsed)");
    EXPECT_EQ(error_of(with_number("\"11\"")), "(parsed)");
    EXPECT_EQ(error_of(with_number("\"+46 8-702 16 80\"")), "(parsed)");
}

TEST(Config, OpeningHoursErrors)
{
    const std::string format =
        ": expected \"HH:MM-HH:MM\" or \"closed\" (24:00 is midnight at the end of the day; "
        "an end before the start runs past midnight)";
    auto week_with_monday = [](std::string_view monday) {
        return "[opening_hours]\nmon = " + std::string(monday) +
               "\ntue = \"closed\"\nwed = \"closed\"\nthu = \"closed\"\nfri = \"closed\"\nsat = \"closed\"\n"
               "sun = \"closed\"\n";
    };
    EXPECT_EQ(error_of(week_with_monday("\"closed\"")), "(parsed)");
    EXPECT_EQ(error_of(week_with_monday("\"8-17\"")), "k.toml:2: opening_hours.mon" + format);
    EXPECT_EQ(error_of(week_with_monday("\"08:00-08:00\"")), "k.toml:2: opening_hours.mon" + format);
    EXPECT_EQ(error_of(week_with_monday("\"08:00-24:01\"")), "k.toml:2: opening_hours.mon" + format);
    EXPECT_EQ(error_of(week_with_monday("\"24:00-08:00\"")), "k.toml:2: opening_hours.mon" + format);
    EXPECT_EQ(error_of(week_with_monday("\"08:00 - 17:00\"")), "k.toml:2: opening_hours.mon" + format);
    EXPECT_EQ(error_of(week_with_monday("\"Closed\"")), "k.toml:2: opening_hours.mon" + format);
    EXPECT_EQ(error_of(week_with_monday("8")), "k.toml:2: opening_hours.mon" + format);
    EXPECT_EQ(error_of("[opening_hours]\nmon = \"08:00-17:00\"\n"),
              "k.toml:1: opening_hours: missing tue (give every day \"HH:MM-HH:MM\" or \"closed\")");
    EXPECT_EQ(error_of("[opening_hours]\nmonday = \"08:00-17:00\"\n"), "k.toml:2: opening_hours.monday: unknown key");
}

TEST(Config, AdminPinHashIsChecked)
{
    EXPECT_EQ(error_of("[admin]\npin_hash = 2468\n"),
              "k.toml:2: admin.pin_hash: expected a string (make one with lotsen-hub hash-pin)");
    EXPECT_EQ(error_of("[admin]\npin_hash = \"2468\"\n"),
              "k.toml:2: admin.pin_hash: is not an Argon2id hash like \"$argon2id$v=19$m=19456,t=2,p=1$…$…\" "
              "(make one with lotsen-hub hash-pin)");
    const std::string demo(k_demo_pin_hash);
    const std::string greedy = "$argon2id$v=19$m=262144,t=2,p=1" + demo.substr(demo.find("p=1$") + 3);
    EXPECT_EQ(error_of("[admin]\npin_hash = '" + greedy + "'\n"),
              "k.toml:2: admin.pin_hash: asks for m=262144 KiB of memory per check; a kiosk allows at most 65536 KiB "
              "(64 MiB)");
    EXPECT_EQ(error_of("[admin]\npin = '" + demo + "'\n"), "k.toml:2: admin.pin: unknown key");
}

TEST(Config, HubPublicKeyMustDecodeToThirtyTwoBytes)
{
    const std::string not_base64 =
        ": expected the hub's X25519 public key in base64 (standard alphabet with '=' padding)";
    EXPECT_EQ(error_of("[upstream]\nhub_public_key = 32\n"), "k.toml:2: upstream.hub_public_key" + not_base64);
    EXPECT_EQ(error_of("[upstream]\nhub_public_key = \"\"\n"), "k.toml:2: upstream.hub_public_key" + not_base64);
    EXPECT_EQ(error_of("[upstream]\nhub_public_key = \"not base64!\"\n"),
              "k.toml:2: upstream.hub_public_key" + not_base64);
    EXPECT_EQ(error_of("[upstream]\nhub_public_key = \"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=!\"\n"),
              "k.toml:2: upstream.hub_public_key" + not_base64);  // a good key with something after it
    // Unpadded, and the URL-safe alphabet ('-', '_') are other variants.
    EXPECT_EQ(error_of("[upstream]\nhub_public_key = \"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA\"\n"),
              "k.toml:2: upstream.hub_public_key" + not_base64);
    EXPECT_EQ(error_of("[upstream]\nhub_public_key = \"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eH_-=\"\n"),
              "k.toml:2: upstream.hub_public_key" + not_base64);
    EXPECT_EQ(error_of("[upstream]\nhub_public_key = \"AAECAwQFBgcICQoLDA0ODw==\"\n"),
              "k.toml:2: upstream.hub_public_key: decodes to 16 bytes; an X25519 public key has 32");
    EXPECT_EQ(error_of("[upstream]\nhub_public_key = \"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAh\"\n"),
              "k.toml:2: upstream.hub_public_key: decodes to 33 bytes; an X25519 public key has 32");
    EXPECT_EQ(error_of("[upstream]\nhub_public_key = \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"\n"),
              "k.toml:2: upstream.hub_public_key: is all zeros, not a public key");
    EXPECT_EQ(error_of("[upstream]\nhub = \"x\"\n"), "k.toml:2: upstream.hub: unknown key");
}

TEST(OpeningHours, OnFromOpeningUntilJustBeforeClosing)
{
    const OpeningHours hours = hours_of(k_weekdays_open);
    // 2025-06-02 is a Monday.
    EXPECT_FALSE(hours.on_at(local(2025, 6, 2, 7, 59)));
    EXPECT_TRUE(hours.on_at(local(2025, 6, 2, 8, 0)));
    EXPECT_TRUE(hours.on_at(local(2025, 6, 2, 19, 59)));
    EXPECT_FALSE(hours.on_at(local(2025, 6, 2, 20, 0)));
    EXPECT_FALSE(hours.on_at(local(2025, 6, 7, 12, 0)));  // Saturday: closed
    EXPECT_FALSE(hours.on_at(local(2025, 6, 8, 12, 0)));  // Sunday: closed
}

TEST(OpeningHours, SpansPastMidnightAndUntilMidnight)
{
    const OpeningHours hours = hours_of(R"(
mon = "closed"
tue = "closed"
wed = "closed"
thu = "10:00-24:00"
fri = "18:00-01:30"
sat = "closed"
sun = "closed"
)");
    // 2025-06-05 is a Thursday.
    EXPECT_TRUE(hours.on_at(local(2025, 6, 5, 23, 59)));
    EXPECT_FALSE(hours.on_at(local(2025, 6, 6, 0, 0)));   // Friday just after midnight: 24:00 ended it
    EXPECT_TRUE(hours.on_at(local(2025, 6, 6, 23, 0)));
    EXPECT_TRUE(hours.on_at(local(2025, 6, 7, 1, 29)));   // Saturday is closed, yet Friday runs into it
    EXPECT_FALSE(hours.on_at(local(2025, 6, 7, 1, 30)));
    EXPECT_FALSE(hours.on_at(local(2025, 6, 6, 1, 0)));   // Thursday's span does not run over
}

TEST(OpeningHours, SecondsUntilChange)
{
    const OpeningHours hours = hours_of(k_weekdays_open);
    // Monday 2025-06-02 07:00 CEST = 05:00 UTC; opens one hour later.
    const UnixSeconds monday_7 = stockholm::to_utc(local(2025, 6, 2, 7, 0));
    EXPECT_EQ(hours.seconds_until_change(monday_7), 3600);
    EXPECT_EQ(hours.seconds_until_change(monday_7 + 1), 3599);
    EXPECT_EQ(hours.seconds_until_change(monday_7 + 3600), 12 * 3600);  // at the opening: until closing
    // Friday 20:30: dark over the weekend until Monday 08:00.
    const UnixSeconds friday = stockholm::to_utc(local(2025, 6, 6, 20, 30));
    EXPECT_EQ(hours.seconds_until_change(friday), 59 * 3600 + 1800);
}

TEST(OpeningHours, SecondsUntilChangeCountsRealSecondsOverTheSpringGap)
{
    // Sunday 2025-03-30: the clocks go from 02:00 CET to 03:00 CEST, so Saturday 22:00 to Sunday 04:00
    // is five hours, not six.
    const OpeningHours hours = hours_of(R"(
mon = "closed"
tue = "closed"
wed = "closed"
thu = "closed"
fri = "closed"
sat = "closed"
sun = "04:00-12:00"
)");
    EXPECT_EQ(hours.seconds_until_change(stockholm::to_utc(local(2025, 3, 29, 22, 0))), 5 * 3600);
}

TEST(OpeningHours, NeverChangingHoursHaveNoNextChange)
{
    const std::string all_day = "mon = \"00:00-24:00\"\ntue = \"00:00-24:00\"\nwed = \"00:00-24:00\"\n"
                                "thu = \"00:00-24:00\"\nfri = \"00:00-24:00\"\nsat = \"00:00-24:00\"\n"
                                "sun = \"00:00-24:00\"\n";
    const OpeningHours open = hours_of(all_day);
    EXPECT_TRUE(open.on_at(local(2025, 3, 30, 2, 30)));
    EXPECT_EQ(open.seconds_until_change(1'750'000'000), std::nullopt);
    const OpeningHours closed = hours_of("mon = \"closed\"\ntue = \"closed\"\nwed = \"closed\"\nthu = \"closed\"\n"
                                         "fri = \"closed\"\nsat = \"closed\"\nsun = \"closed\"\n");
    EXPECT_FALSE(closed.on_at(local(2025, 6, 2, 12, 0)));
    EXPECT_EQ(closed.seconds_until_change(1'750'000'000), std::nullopt);
}

// The shortcut (only opening/closing instants and DST switches are looked at) must agree with walking
// minute by minute, for awkward hours across both DST weeks: spans touching 02:00-03:00, overnight
// spans, one-minute spans and spans meeting at midnight.
TEST(OpeningHours, NextChangeMatchesAMinuteByMinuteWalkAcrossDst)
{
    const std::vector<std::string> weeks = {
        std::string(k_weekdays_open),
        "mon = \"22:00-02:30\"\ntue = \"22:00-02:30\"\nwed = \"22:00-02:30\"\nthu = \"22:00-02:30\"\n"
        "fri = \"22:00-02:30\"\nsat = \"22:00-02:30\"\nsun = \"22:00-02:30\"\n",
        "mon = \"00:00-24:00\"\ntue = \"closed\"\nwed = \"02:30-03:30\"\nthu = \"12:00-12:01\"\n"
        "fri = \"23:59-00:01\"\nsat = \"02:00-03:00\"\nsun = \"01:30-02:45\"\n",
        "mon = \"08:00-24:00\"\ntue = \"00:00-24:00\"\nwed = \"00:00-08:00\"\nthu = \"closed\"\n"
        "fri = \"closed\"\nsat = \"20:00-02:15\"\nsun = \"02:15-02:59\"\n",
    };
    // The weeks around Sunday 2025-03-30 (spring forward) and Sunday 2025-10-26 (fall back).
    const UnixSeconds starts[] = {stockholm::to_utc(local(2025, 3, 26, 0, 0)), stockholm::to_utc(local(2025, 10, 22, 0, 0))};
    auto walk = [](const OpeningHours& hours, UnixSeconds now) -> std::optional<std::int64_t> {
        const bool on = hours.on_at(stockholm::to_local(now));
        for (UnixSeconds t = (now / 60 + 1) * 60; t <= now + 9 * 86400; t += 60) {
            if (hours.on_at(stockholm::to_local(t)) != on)
                return t - now;
        }
        return std::nullopt;
    };
    int compared = 0;
    for (const std::string& week : weeks) {
        const OpeningHours hours = hours_of(week);
        for (const UnixSeconds start : starts) {
            for (UnixSeconds now = start; now < start + 7 * 86400; now += 71 * 60 + 13) {
                ASSERT_EQ(hours.seconds_until_change(now), walk(hours, now)) << week << " at " << now;
                ++compared;
            }
        }
    }
    EXPECT_GT(compared, 1000);
}

TEST(Config, UpstreamUrlAndUploadKnobs)
{
    auto config = parse_kiosk_config("[upstream]\nurl = \"https://hub.example.se\"\nheartbeat_minutes = 10\n"
                                     "flush_seconds = 30\nflush_events = 5\nbatch_events = 100\nbatch_kilobytes = 64\n"
                                     "connect_timeout_seconds = 5\nrequest_timeout_seconds = 30\nqueue_megabytes = 8\n",
                                     "k.toml");
    ASSERT_TRUE(config.ok()) << config.error().text();
    const UploadConfig& upload = config.value().upload;
    EXPECT_EQ(upload.url, "https://hub.example.se");
    EXPECT_EQ(upload.heartbeat_minutes, 10);
    EXPECT_EQ(upload.flush_seconds, 30);
    EXPECT_EQ(upload.flush_events, 5);
    EXPECT_EQ(upload.batch_events, 100);
    EXPECT_EQ(upload.batch_kilobytes, 64);
    EXPECT_EQ(upload.connect_timeout_seconds, 5);
    EXPECT_EQ(upload.request_timeout_seconds, 30);
    EXPECT_EQ(upload.queue_megabytes, 8);

    auto error_of = [](const std::string& text) {
        auto parsed = parse_kiosk_config(text, "k.toml");
        return parsed.ok() ? std::string("(parsed)") : parsed.error().text();
    };
    EXPECT_EQ(error_of("[upstream]\nurl = \"hub.example.se\"\n").rfind("k.toml:2: upstream.url: expected a URL", 0), 0u);
    EXPECT_EQ(error_of("[upstream]\nurl = \"https://hub.example.se/?a=1\"\n").rfind("k.toml:2: upstream.url:", 0), 0u);
    EXPECT_EQ(error_of("[upstream]\nbatch_events = 1001\n"), "k.toml:2: upstream.batch_events: expected an integer from 1 to 1000");
    EXPECT_EQ(error_of("[upstream]\nheartbeat_minutes = 0\n"),
              "k.toml:2: upstream.heartbeat_minutes: expected an integer from 1 to 1440");
    EXPECT_EQ(error_of("[upstream]\nurll = \"https://hub.example.se\"\n"), "k.toml:2: upstream.urll: unknown key");
}
