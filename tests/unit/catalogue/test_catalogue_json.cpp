// test_catalogue_json.cpp — the catalogue JSON reader and writer (core/catalogue_json): valid
// catalogues, every rule of docs/catalogue.md broken one at a time with its exact path and reason,
// limits, duplicate keys, encoding, files, the to_json/parse round trip, and how the format grows
// (format_minor, a newer major, unknown members refused or ignored).
#include "core/catalogue/catalogue_file.hpp"
#include "core/catalogue/catalogue_json.hpp"
#include "core/catalogue/catalogue_stream.hpp"
#include "core/catalogue/synthetic.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace lotsen {
namespace {

// The smallest valid catalogue: one organisation, one activity, every optional field left out.
constexpr std::string_view k_minimal = R"({
  "format": "lotsen-catalogue", "format_version": 1, "version": 1,
  "organisations": [{"id": "org", "name": {"sv": "Föreningen"}, "municipality": "Halmstad"}],
  "activities": [{"id": "walk", "organisation": "org", "title": {"en": "Walk"}, "interests": ["outdoors"],
    "schedule": {"dates": [{"date": "2026-12-05", "start": "10:00", "end": "12:00"}]},
    "place": {"address": "Storgatan 1", "town": "Halmstad"}}]
})";

// Every field of the format at least once, with Arabic and Ethiopic (Tigrinya) text. The invalid
// cases below each change one unique fragment of it.
constexpr std::string_view k_full = R"({
  "format": "lotsen-catalogue",
  "format_version": 1,
  "version": 42,
  "published": "2026-11-20T09:00:00Z",
  "interests": [
    {"id": "outdoors", "label": {"sv": "Friluftsliv", "en": "Outdoors", "ar": "الهواء الطلق", "ti": "ደገ"}},
    {"id": "music", "label": {"sv": "Musik", "en": "Music"}}
  ],
  "organisations": [
    {
      "id": "halmstad-vandringsvanner",
      "name": {"sv": "Vandringsvännerna i Halmstad", "en": "Halmstad Hiking Friends"},
      "description": {"sv": "Vi går i naturen varje vecka.\nAlla är välkomna.", "ar": "نمشي في الطبيعة كل أسبوع."},
      "contact": {"phone": "035-000 00 01", "email": "kontakt@example.org", "web": "https://example.org/vandring"},
      "municipality": "Halmstad",
      "reply_days": 3,
      "accepts_contact_requests": true
    },
    {"id": "kor-varberg", "name": {"en": "Varberg Choir", "ti": "ጉጅለ መዝሙር ቫርበርግ"}, "municipality": "Varberg"}
  ],
  "activities": [
    {
      "id": "halmstad-lordagsvandring",
      "organisation": "halmstad-vandringsvanner",
      "title": {"sv": "Lördagsvandring vid Tylösand", "en": "Saturday walk at Tylösand", "ar": "نزهة السبت في تيلوساند"},
      "description": {"sv": "En lugn promenad på 5 km.", "sv-easy": "Vi går 5 km."},
      "interests": ["outdoors"],
      "schedule": {
        "weekly": [{"day": "sat", "start": "10:00", "end": "12:30", "from": "2026-08-01", "until": "2027-06-30"}],
        "dates": [{"date": "2026-12-26", "start": "11:00", "end": "13:00"}],
        "cancelled": ["2026-12-19"]
      },
      "place": {"name": {"sv": "Parkeringen vid Tylebäck"}, "address": "Kungsvägen 1", "town": "Tylösand", "lat": 56.648, "lon": 12.731},
      "cost": {"sek": 20, "note": {"sv": "Ta med fika", "en": "Bring a snack"}},
      "languages": ["sv", "en", "ar"],
      "accessibility": ["wheelchair", "accessible-toilet"],
      "audience": {"groups": ["adults", "newcomers"], "min_age": 18, "max_age": 99},
      "drop_in": true
    },
    {
      "id": "kor-onsdag",
      "organisation": "kor-varberg",
      "title": {"en": "Choir", "ti": "መዝሙር"},
      "interests": ["music"],
      "schedule": {"weekly": [{"day": "wed", "start": "18:00", "end": "20:00", "from": "2026-09-02", "until": "2027-05-26", "every_weeks": 2}]},
      "place": {"address": "Kyrkogatan 4", "town": "Varberg"}
    }
  ]
})";

// `text` with `from` (which must occur exactly once, so a case cannot silently change nothing)
// replaced by `to`.
std::string replaced(std::string_view text, std::string_view from, std::string_view to)
{
    std::string out(text);
    const std::size_t at = out.find(from);
    EXPECT_NE(at, std::string::npos) << "fragment not found: " << from;
    EXPECT_EQ(out.find(from, at + 1), std::string::npos) << "fragment not unique: " << from;
    if (at != std::string::npos)
        out.replace(at, from.size(), to);
    return out;
}

std::vector<std::string> problem_lines(const CatalogueParseResult& result)
{
    std::vector<std::string> lines;
    for (const CatalogueProblem& problem : result.problems)
        lines.push_back(problem.to_string());
    return lines;
}

TEST(CatalogueJson, MinimalCatalogueIsValid)
{
    const CatalogueParseResult result = parse_catalogue_json(k_minimal);
    ASSERT_TRUE(result.ok()) << result.summary();
    const Catalogue& catalogue = *result.catalogue;
    EXPECT_EQ(catalogue.version, 1);
    EXPECT_EQ(catalogue.published, "");
    EXPECT_TRUE(catalogue.interests.empty());  // absent: the default vocabulary applies
    ASSERT_EQ(catalogue.organisations.size(), 1u);
    EXPECT_EQ(catalogue.organisations[0].name.get("sv"), "Föreningen");
    EXPECT_EQ(catalogue.organisations[0].reply_days, 0);
    EXPECT_FALSE(catalogue.organisations[0].accepts_contact_requests);
    ASSERT_EQ(catalogue.activities.size(), 1u);
    const Activity& walk = catalogue.activities[0];
    EXPECT_EQ(walk.id, "walk");
    EXPECT_EQ(walk.organisation_id, "org");
    EXPECT_EQ(walk.title.get("sv"), "Walk");  // falls back to English
    EXPECT_EQ(walk.interests, std::vector<std::string>{"outdoors"});
    ASSERT_EQ(walk.schedule.dates.size(), 1u);
    EXPECT_EQ(walk.schedule.dates[0].date, (Date{2026, 12, 5}));
    EXPECT_EQ(walk.schedule.dates[0].start, TimeOfDay{600});
    EXPECT_EQ(walk.schedule.dates[0].end, TimeOfDay{720});
    EXPECT_TRUE(walk.cost.free());
    EXPECT_FALSE(walk.place.latitude.has_value());
    EXPECT_FALSE(walk.drop_in);
}

TEST(CatalogueJson, FullCatalogueIsValidAndEveryFieldIsRead)
{
    const CatalogueParseResult result = parse_catalogue_json(k_full);
    ASSERT_TRUE(result.ok()) << result.summary();
    const Catalogue& catalogue = *result.catalogue;
    EXPECT_EQ(catalogue.version, 42);
    EXPECT_EQ(catalogue.published, "2026-11-20T09:00:00Z");
    ASSERT_EQ(catalogue.interests.size(), 2u);
    EXPECT_EQ(catalogue.interests[0].label.get("ar"), "الهواء الطلق");
    EXPECT_EQ(catalogue.interests[0].label.get("ti"), "ደገ");

    const Organisation& hikers = catalogue.organisations[0];
    EXPECT_EQ(hikers.description.get("sv"), "Vi går i naturen varje vecka.\nAlla är välkomna.");
    EXPECT_EQ(hikers.contact.phone, "035-000 00 01");
    EXPECT_EQ(hikers.contact.email, "kontakt@example.org");
    EXPECT_EQ(hikers.contact.web, "https://example.org/vandring");
    EXPECT_EQ(hikers.municipality, "Halmstad");
    EXPECT_EQ(hikers.reply_days, 3);
    EXPECT_TRUE(hikers.accepts_contact_requests);
    EXPECT_EQ(catalogue.organisations[1].name.get("ti"), "ጉጅለ መዝሙር ቫርበርግ");

    const Activity& walk = catalogue.activities[0];
    EXPECT_EQ(walk.title.get("ar"), "نزهة السبت في تيلوساند");
    EXPECT_EQ(walk.description.get("sv-easy"), "Vi går 5 km.");
    ASSERT_EQ(walk.schedule.weekly.size(), 1u);
    const WeeklyRule& rule = walk.schedule.weekly[0];
    EXPECT_EQ(rule.iso_weekday, 6);
    EXPECT_EQ(rule.start.to_string(), "10:00");
    EXPECT_EQ(rule.end.to_string(), "12:30");
    EXPECT_EQ(rule.valid_from, (Date{2026, 8, 1}));
    EXPECT_EQ(rule.valid_until, (Date{2027, 6, 30}));
    EXPECT_EQ(rule.every_weeks, 1);
    EXPECT_EQ(walk.schedule.cancelled, std::vector<Date>{(Date{2026, 12, 19})});
    EXPECT_EQ(walk.place.name.get("sv"), "Parkeringen vid Tylebäck");
    EXPECT_EQ(walk.place.town, "Tylösand");
    EXPECT_DOUBLE_EQ(walk.place.latitude.value_or(0), 56.648);
    EXPECT_DOUBLE_EQ(walk.place.longitude.value_or(0), 12.731);
    EXPECT_EQ(walk.cost.sek, 20);
    EXPECT_EQ(walk.cost.note.get("en"), "Bring a snack");
    EXPECT_EQ(walk.languages, (std::vector<std::string>{"sv", "en", "ar"}));
    EXPECT_EQ(walk.accessibility, (std::vector<std::string>{"wheelchair", "accessible-toilet"}));
    EXPECT_EQ(walk.audience.groups, (std::vector<std::string>{"adults", "newcomers"}));
    EXPECT_EQ(walk.audience.min_age, 18);
    EXPECT_EQ(walk.audience.max_age, 99);
    EXPECT_TRUE(walk.drop_in);

    const Activity& choir = catalogue.activities[1];
    EXPECT_EQ(choir.title.get("ti"), "መዝሙር");
    EXPECT_EQ(choir.schedule.weekly.at(0).every_weeks, 2);
    EXPECT_EQ(choir.schedule.weekly.at(0).iso_weekday, 3);
}

TEST(CatalogueJson, RoundTripsThroughToJson)
{
    for (const std::string_view text : {k_minimal, k_full}) {
        const CatalogueParseResult first = parse_catalogue_json(text);
        ASSERT_TRUE(first.ok()) << first.summary();
        for (const bool pretty : {true, false}) {
            const std::string written = catalogue_to_json(*first.catalogue, pretty);
            const CatalogueParseResult second = parse_catalogue_json(written);
            ASSERT_TRUE(second.ok()) << second.summary() << "\n" << written;
            EXPECT_EQ(*second.catalogue, *first.catalogue);
            EXPECT_EQ(written.find('\n') != std::string::npos, pretty);
        }
    }
}

TEST(CatalogueJson, RoundTripsAModelBuiltInCode)
{
    Catalogue catalogue;
    catalogue.version = 7;
    Organisation organisation;
    organisation.id = "kafe";
    organisation.name.set("ar", "مقهى اللغة");
    organisation.name.set("sv", "Språkcafé");
    organisation.municipality = "Falkenberg";
    organisation.reply_days = 60;
    catalogue.organisations.push_back(organisation);
    Activity activity;
    activity.id = "kafe-torsdag";
    activity.organisation_id = "kafe";
    activity.title.set("sv", "Språkcafé \"Prata\" \\ svenska");  // characters JSON must escape
    activity.interests = {"language-cafe", "talk"};
    activity.schedule.weekly.push_back(
        WeeklyRule{4, TimeOfDay{22 * 60}, TimeOfDay{30}, Date{2028, 2, 29}, Date{2031, 2, 28}, 8});
    activity.place.address = "Biblioteket";
    activity.place.town = "Falkenberg";
    activity.place.latitude = -0.1;
    activity.place.longitude = 179.99999999999997;  // needs all 17 significant digits to survive
    activity.audience.max_age = 25;                  // max without min
    activity.cost.note.set("en", "Free, bring nothing");
    catalogue.activities.push_back(activity);

    const CatalogueParseResult result = parse_catalogue_json(catalogue_to_json(catalogue));
    ASSERT_TRUE(result.ok()) << result.summary();
    EXPECT_EQ(*result.catalogue, catalogue);
}

// --- One broken rule at a time ---------------------------------------------------------------------

struct InvalidCase {
    const char* name;
    std::vector<std::pair<std::string_view, std::string_view>> edits;  // applied to k_full in order
    const char* where;
    const char* reason;
};

void PrintTo(const InvalidCase& invalid, std::ostream* out) { *out << invalid.name; }

class CatalogueJsonInvalid : public testing::TestWithParam<InvalidCase> {};

TEST_P(CatalogueJsonInvalid, ReportsExactlyThisProblem)
{
    const InvalidCase& invalid = GetParam();
    std::string text(k_full);
    for (const auto& [from, to] : invalid.edits)
        text = replaced(text, from, to);
    const CatalogueParseResult result = parse_catalogue_json(text);
    EXPECT_FALSE(result.ok());
    EXPECT_FALSE(result.catalogue.has_value());
    ASSERT_EQ(result.problems.size(), 1u) << result.summary();
    EXPECT_EQ(result.problems[0].where, invalid.where);
    EXPECT_EQ(result.problems[0].reason, invalid.reason);
}

const InvalidCase k_invalid_cases[] = {
    {"WrongFormat", {{R"("format": "lotsen-catalogue")", R"("format": "lotsen-katalog")"}},
     "$.format", R"("lotsen-katalog" is not "lotsen-catalogue")"},
    {"FutureFormatVersion", {{R"("format_version": 1)", R"("format_version": 2)"}},
     "$.format_version",
     "catalogue format 2.0 is newer than lotsen " LOTSEN_VERSION " reads (1.5); upgrade lotsen, or publish format 1 beside it"},
    {"FormatVersionZero", {{R"("format_version": 1)", R"("format_version": 0)"}},
     "$.format_version", "0 is not a format_version this reader knows (1)"},
    {"NegativeFormatMinor", {{R"("format_version": 1)", R"("format_version": 1, "format_minor": -1)"}},
     "$.format_minor", "must be 0 or more, got -1"},
    {"FormatMinorAsString", {{R"("format_version": 1)", R"("format_version": 1, "format_minor": "2")"}},
     "$.format_minor", R"(expected a whole number, got "2")"},
    {"VersionAsString", {{R"("version": 42)", R"("version": "42")"}},
     "$.version", R"(expected a whole number, got "42")"},
    {"VersionZero", {{R"("version": 42)", R"("version": 0)"}}, "$.version", "must be 1 or more, got 0"},
    {"VersionBeyondInt64", {{R"("version": 42)", R"("version": 18446744073709551615)"}},
     "$.version", "18446744073709551615 is too large"},
    {"PublishedNotUtc", {{R"("2026-11-20T09:00:00Z")", R"("2026-11-20 09:00")"}},
     "$.published", R"("2026-11-20 09:00" is not a UTC time like "2026-11-20T09:00:00Z")"},
    {"UnknownTopLevelFieldWithHint", {{R"("published")", R"("Published")"}},
     "$.Published", R"(unknown field; did you mean "published"?)"},
    {"UnknownOrganisationField", {{R"("reply_days": 3,)", R"("reply_days": 3, "frobnicate": 1,)"}},
     "$.organisations[0].frobnicate", "unknown field"},
    {"MisspeltDropIn", {{R"("drop_in": true)", R"("drop-in": true)"}},
     "$.activities[0].drop-in", R"(unknown field; did you mean "drop_in"?)"},
    {"UnknownWeeklyField", {{R"("every_weeks": 2)", R"("every_week": 2)"}},
     "$.activities[1].schedule.weekly[0].every_week", "unknown field"},
    {"DuplicateKey", {{R"("town": "Varberg")", R"("town": "Varberg", "town": "Falkenberg")"}},
     "$.activities[1].place.town", "duplicate key: the field appears more than once in this object"},
    {"MissingTown", {{R"("address": "Kyrkogatan 4", "town": "Varberg")", R"("address": "Kyrkogatan 4")"}},
     "$.activities[1].place.town", "required field is missing"},
    {"IdWithSpaceAndCapital", {{R"("id": "kor-onsdag")", R"("id": "Kör onsdag")"}},
     "$.activities[1].id",
     R"("Kör onsdag" is not an id (1-64 characters a-z, 0-9 and "-", not starting or ending with "-"))"},
    {"IdEndingWithDash", {{R"("id": "kor-onsdag")", R"("id": "kor-")"}},
     "$.activities[1].id",
     R"("kor-" is not an id (1-64 characters a-z, 0-9 and "-", not starting or ending with "-"))"},
    {"DuplicateActivityId", {{R"("id": "kor-onsdag")", R"("id": "halmstad-lordagsvandring")"}},
     "$.activities[1].id", R"(id "halmstad-lordagsvandring" is already used by $.activities[0])"},
    {"DuplicateOrganisationId",
     {{R"("id": "kor-varberg")", R"("id": "halmstad-vandringsvanner")"},
      {R"("organisation": "kor-varberg")", R"("organisation": "halmstad-vandringsvanner")"}},
     "$.organisations[1].id", R"(id "halmstad-vandringsvanner" is already used by $.organisations[0])"},
    {"DuplicateInterestId", {{R"({"id": "music", "label")", R"({"id": "outdoors", "label")"}, {R"(["music"])", R"(["outdoors"])"}},
     "$.interests[1].id", R"(id "outdoors" is already used by $.interests[0])"},
    {"UnknownOrganisation", {{R"("organisation": "kor-varberg")", R"("organisation": "halmstad-schack")"}},
     "$.activities[1].organisation", R"(no organisation has id "halmstad-schack")"},
    {"InterestNotInVocabulary", {{R"(["music"])", R"(["knitting"])"}},
     "$.activities[1].interests[0]", R"("knitting" is not an interest in this catalogue (music, outdoors))"},
    {"InterestTwice", {{R"(["outdoors"])", R"(["outdoors", "outdoors"])"}},
     "$.activities[0].interests[1]", R"("outdoors" is listed twice (first at [0]))"},
    {"NoInterests", {{R"(["music"])", "[]"}}, "$.activities[1].interests", "must not be empty"},
    {"TextWithoutSwedishOrEnglish", {{R"({"en": "Choir", "ti": "መዝሙር"})", R"({"ti": "መዝሙር"})"}},
     "$.activities[1].title", R"(needs a text in "sv" or "en")"},
    {"TextAsPlainString", {{R"({"en": "Choir", "ti": "መዝሙር"})", R"("Choir")"}},
     "$.activities[1].title", R"(expected a text object like {"sv": "…", "en": "…"}, got "Choir")"},
    {"TextLanguageNotACode", {{R"("ti": "መዝሙር")", R"("Tigrinya": "መዝሙር")"}},
     "$.activities[1].title.Tigrinya", R"("Tigrinya" is not a language code like "sv", "en", "ar" or "sv-easy")"},
    {"EmptyText", {{R"("en": "Choir")", R"("en": "")"}}, "$.activities[1].title.en", "is empty"},
    {"TabInShortText", {{R"("en": "Choir")", R"("en": "Cho\tir")"}},
     "$.activities[1].title.en",
     R"("Cho\tir" contains the control character U+0009 at byte 3 (only descriptions may contain newlines))"},
    {"NewlineInTitle", {{R"("en": "Choir")", R"("en": "Choir\n")"}},
     "$.activities[1].title.en",
     R"("Choir\n" contains the control character U+000A at byte 5 (only descriptions may contain newlines))"},
    {"NulEscapedInAddress", {{R"("Kyrkogatan 4")", R"("Kyrkogatan\u0000 4")"}},
     "$.activities[1].place.address", R"("Kyrkogatan\u0000 4" contains the control character U+0000 at byte 10)"},
    {"C1ControlInTown", {{R"("town": "Varberg")", R"("town": "Var\u0085berg")"}},
     "$.activities[1].place.town", "\"Var\xC2\x85" "berg\" contains the control character U+0085 at byte 3"},
    {"EmptyMunicipality", {{R"("municipality": "Varberg")", R"("municipality": "")"}},
     "$.organisations[1].municipality", "is empty"},
    {"WeekdayInSwedish", {{R"("day": "sat")", R"("day": "tis")"}},
     "$.activities[0].schedule.weekly[0].day", R"("tis" is not a weekday (mon, tue, wed, thu, fri, sat, sun))"},
    {"TimeOutOfRange", {{R"("end": "12:30")", R"("end": "24:00")"}},
     "$.activities[0].schedule.weekly[0].end", R"("24:00" is not a time HH:MM (00:00-23:59))"},
    {"TimeWithoutLeadingZero", {{R"("start": "18:00")", R"("start": "9:00")"}},
     "$.activities[1].schedule.weekly[0].start", R"("9:00" is not a time HH:MM (00:00-23:59))"},
    {"NotARealDate", {{R"("date": "2026-12-26")", R"("date": "2026-02-30")"}},
     "$.activities[0].schedule.dates[0].date", R"("2026-02-30" is not a date YYYY-MM-DD)"},
    {"UntilBeforeFrom", {{R"("until": "2027-06-30")", R"("until": "2026-07-31")"}},
     "$.activities[0].schedule.weekly[0].until", R"("2026-07-31" is before from "2026-08-01")"},
    {"RuleLongerThanThreeYears", {{R"("until": "2027-06-30")", R"("until": "2029-08-02")"}},
     "$.activities[0].schedule.weekly[0].until",
     R"("2029-08-02" is more than 3 years after from "2026-08-01" (latest 2029-08-01))"},
    {"EveryNineWeeks", {{R"("every_weeks": 2)", R"("every_weeks": 9)"}},
     "$.activities[1].schedule.weekly[0].every_weeks", "9 is not between 1 and 8"},
    {"EveryZeroWeeks", {{R"("every_weeks": 2)", R"("every_weeks": 0)"}},
     "$.activities[1].schedule.weekly[0].every_weeks", "0 is not between 1 and 8"},
    {"ScheduleWithoutOccurrences",
     {{R"({"weekly": [{"day": "wed", "start": "18:00", "end": "20:00", "from": "2026-09-02", "until": "2027-05-26", "every_weeks": 2}]})",
       R"({"cancelled": ["2026-12-24"]})"}},
     "$.activities[1].schedule", "has no weekly rule and no date, so the activity never happens"},
    {"RepeatedWeeklyRule",
     {{R"("until": "2027-05-26", "every_weeks": 2}])",
       R"("until": "2027-05-26", "every_weeks": 2}, {"day": "wed", "start": "18:00", "end": "20:00", "from": "2026-09-02", "until": "2027-05-26", "every_weeks": 2}])"}},
     "$.activities[1].schedule.weekly[1]", "repeats an earlier weekly rule"},
    {"CancelledTwice", {{R"(["2026-12-19"])", R"(["2026-12-19", "2026-12-19"])"}},
     "$.activities[0].schedule.cancelled[1]", R"("2026-12-19" is listed twice (first at [0]))"},
    {"LatWithoutLon", {{R"("lat": 56.648, "lon": 12.731)", R"("lat": 56.648)"}},
     "$.activities[0].place.lon", "is missing; give lat and lon together, or neither"},
    {"LatOutOfRange", {{R"("lat": 56.648)", R"("lat": 91.5)"}},
     "$.activities[0].place.lat", "91.5 is not between -90.0 and 90.0"},
    {"LonAsString", {{R"("lon": 12.731)", R"("lon": "12.731")"}},
     "$.activities[0].place.lon", R"(expected a number, got "12.731")"},
    {"CostAboveLimit", {{R"("sek": 20)", R"("sek": 100001)"}}, "$.activities[0].cost.sek", "100001 is not between 0 and 100000"},
    {"CostWithOre", {{R"("sek": 20)", R"("sek": 20.5)"}}, "$.activities[0].cost.sek", "expected a whole number, got 20.5"},
    {"LanguageNotACode", {{R"(["sv", "en", "ar"])", R"(["sv", "English", "ar"])"}},
     "$.activities[0].languages[1]", R"("English" is not a language code like "sv", "en", "ar" or "sv-easy")"},
    {"LanguageTwice", {{R"(["sv", "en", "ar"])", R"(["sv", "en", "sv"])"}},
     "$.activities[0].languages[2]", R"("sv" is listed twice (first at [0]))"},
    {"UnknownAccessibility", {{R"("accessible-toilet")", R"("ramp")"}},
     "$.activities[0].accessibility[1]",
     R"("ramp" is not an accessibility feature (wheelchair, hearing-loop, accessible-toilet, quiet-space, sign-language))"},
    {"UnknownAudienceGroup", {{R"("newcomers")", R"("nyanlända")"}},
     "$.activities[0].audience.groups[1]",
     R"("nyanlända" is not an audience group (everyone, adults, youth, seniors, women, men, newcomers, parents, lgbtq))"},
    {"MaxAgeBelowMinAge", {{R"("max_age": 99)", R"("max_age": 12)"}},
     "$.activities[0].audience.max_age", "12 is less than min_age 18"},
    {"AgeAbove120", {{R"("min_age": 18, "max_age": 99)", R"("min_age": 121)"}},
     "$.activities[0].audience.min_age", "121 is not between 0 and 120"},
    {"DropInAsString", {{R"("drop_in": true)", R"("drop_in": "yes")"}},
     "$.activities[0].drop_in", R"(expected true or false, got "yes")"},
    {"ReplyDaysAboveLimit", {{R"("reply_days": 3)", R"("reply_days": 61)"}},
     "$.organisations[0].reply_days", "61 is not between 0 and 60"},
    {"PhoneWithWords", {{R"("035-000 00 01")", R"x("035-000 00 01 (växel)")x"}},
     "$.organisations[0].contact.phone", R"x("035-000 00 01 (växel)" is not a phone number (digits, spaces, "+" and "-"))x"},
    {"EmailWithoutAt", {{R"("kontakt@example.org")", R"("kontakt.example.org")"}},
     "$.organisations[0].contact.email", R"("kontakt.example.org" is not an e-mail address (one "@", no spaces))"},
    {"WebWithoutScheme", {{R"("https://example.org/vandring")", R"("www.example.org")"}},
     "$.organisations[0].contact.web", R"("www.example.org" is not a web address starting with https:// or http://)"},
    {"LongValueIsQuotedShort", {{R"("day": "sat")", R"("day": "saturday-in-the-morning-or-perhaps-in-the-afternoon")"}},
     "$.activities[0].schedule.weekly[0].day",
     R"("saturday-in-the-morning-or-perhaps-in-th"… is not a weekday (mon, tue, wed, thu, fri, sat, sun))"},
    {"InterestsEmptyArray",
     {{R"({"id": "outdoors", "label": {"sv": "Friluftsliv", "en": "Outdoors", "ar": "الهواء الطلق", "ti": "ደገ"}},
    {"id": "music", "label": {"sv": "Musik", "en": "Music"}})",
       ""}},
     "$.interests", "must not be empty"},
};

INSTANTIATE_TEST_SUITE_P(CatalogueJson, CatalogueJsonInvalid, testing::ValuesIn(k_invalid_cases),
                         [](const testing::TestParamInfo<InvalidCase>& case_info) { return std::string(case_info.param.name); });

// --- Many problems at once -------------------------------------------------------------------------

TEST(CatalogueJson, AllProblemsAreReportedNotOnlyTheFirst)
{
    std::string text(k_full);
    text = replaced(text, R"("day": "sat")", R"("day": "tis")");
    text = replaced(text, R"("organisation": "kor-varberg")", R"("organisation": "halmstad-schack")");
    text = replaced(text, R"("reply_days": 3,)", R"("reply_days": 3, "frobnicate": 1,)");
    text = replaced(text, R"("sek": 20)", R"("sek": -1)");
    text = replaced(text, R"("activities": [)", R"("events": [)");
    const CatalogueParseResult result = parse_catalogue_json(text);
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(problem_lines(result),
              (std::vector<std::string>{
                  "$.events: unknown field",
                  "$.organisations[0].frobnicate: unknown field",
                  "$.activities: required field is missing",
              }));

    // With the activities back, their problems join the organisation's.
    text = replaced(text, R"("events": [)", R"("activities": [)");
    const CatalogueParseResult again = parse_catalogue_json(text);
    EXPECT_EQ(problem_lines(again),
              (std::vector<std::string>{
                  "$.organisations[0].frobnicate: unknown field",
                  R"($.activities[0].schedule.weekly[0].day: "tis" is not a weekday (mon, tue, wed, thu, fri, sat, sun))",
                  "$.activities[0].cost.sek: -1 is not between 0 and 100000",
                  R"($.activities[1].organisation: no organisation has id "halmstad-schack")",
              }));
    EXPECT_EQ(again.summary(),
              again.problems[0].to_string() + "\n" + again.problems[1].to_string() + "\n" +
                  again.problems[2].to_string() + "\n" + again.problems[3].to_string());
}

TEST(CatalogueJson, StopsListingAtMaxProblemsAndSaysHowManyMore)
{
    std::string activities;
    for (int i = 0; i < 7; ++i) {
        activities += std::string(i ? "," : "") + R"({"id": "a)" + std::to_string(i) +
                      R"(", "organisation": "nobody", "title": {"sv": "x"}, "interests": ["music"],
                          "schedule": {"dates": [{"date": "2026-01-01", "start": "10:00", "end": "11:00"}]},
                          "place": {"address": "a", "town": "t"}})";
    }
    const std::string text = R"({"format": "lotsen-catalogue", "format_version": 1, "version": 1,
                                 "organisations": [], "activities": [)" + activities + "]}";
    CatalogueLimits limits;
    limits.max_problems = 3;
    const CatalogueParseResult result = parse_catalogue_json(text, limits);
    ASSERT_EQ(result.problems.size(), 4u) << result.summary();
    EXPECT_EQ(result.problems[0].to_string(), R"($.activities[0].organisation: no organisation has id "nobody")");
    EXPECT_EQ(result.problems[2].where, "$.activities[2].organisation");
    EXPECT_EQ(result.problems[3].to_string(), "…: and 4 more problems");
}

TEST(CatalogueJson, DuplicateKeysAreReportedWhereverTheyAre)
{
    std::string text(k_full);
    text = replaced(text, R"("version": 42,)", R"("version": 42, "version": 43,)");
    text = replaced(text, R"("sv": "Musik")", R"("sv": "Musik", "sv": "Musiken")");
    const CatalogueParseResult result = parse_catalogue_json(text);
    EXPECT_EQ(problem_lines(result),
              (std::vector<std::string>{
                  "$.version: duplicate key: the field appears more than once in this object",
                  "$.interests[1].label.sv: duplicate key: the field appears more than once in this object",
              }));
    EXPECT_FALSE(result.catalogue.has_value());
}

// --- Syntax and encoding ---------------------------------------------------------------------------

TEST(CatalogueJson, SyntaxErrorNamesByteOffsetLineAndColumn)
{
    const std::string text = "{\n  \"format\": \"lotsen-catalogue\",\n  \"version\": 1,,\n}";
    const std::size_t offset = text.find(",,") + 1;
    const CatalogueParseResult result = parse_catalogue_json(text);
    ASSERT_EQ(result.problems.size(), 1u) << result.summary();
    EXPECT_EQ(result.problems[0].where, "$");
    EXPECT_EQ(result.problems[0].reason,
              "invalid JSON at byte offset " + std::to_string(offset) +
                  " (line 3, column 16): syntax error while parsing object key - unexpected ','; expected string "
                  "literal");
}

TEST(CatalogueJson, SyntaxErrorInsideANestedValueNamesItsPath)
{
    const std::string text = replaced(k_full, R"("min_age": 18)", R"("min_age": eighteen)");
    const CatalogueParseResult result = parse_catalogue_json(text);
    ASSERT_EQ(result.problems.size(), 1u) << result.summary();
    EXPECT_EQ(result.problems[0].where, "$.activities[0].audience.min_age");
    EXPECT_EQ(result.problems[0].reason.rfind("invalid JSON at byte offset " + std::to_string(text.find("eighteen")) +
                                                  " (line 38, column ",
                                              0),
              0u)
        << result.problems[0].reason;
}

TEST(CatalogueJson, EmptyAndNonObjectInputs)
{
    EXPECT_EQ(parse_catalogue_json("").summary(),
              "$: invalid JSON at byte offset 0 (line 1, column 1): syntax error while parsing value - unexpected end "
              "of input; expected '[', '{', or a literal");
    EXPECT_EQ(parse_catalogue_json("[1, 2]").summary(), "$: expected an object, got an array");
    EXPECT_EQ(parse_catalogue_json(R"({"format": "lotsen-catalogue", "format_version": 1, "version": 1,
                                      "organisations": {"id": "x"}, "activities": []})")
                  .summary(),
              "$.organisations: expected an array, got an object");
    EXPECT_EQ(parse_catalogue_json("{\"version\": 1e400}").summary(),
              "$.version: invalid JSON at byte offset 16 (line 1, column 17): number overflow parsing '1e400'");
}

TEST(CatalogueJson, InvalidUtf8IsReportedWithItsPathAndPosition)
{
    // "Tylösand" as Latin-1, the usual way a wrongly saved file breaks.
    const std::string text = replaced(k_full, R"("town": "Tylösand")", "\"town\": \"Tyl\xF6sand\"");
    const std::size_t offset = text.find('\xF6');
    const CatalogueParseResult result = parse_catalogue_json(text);
    ASSERT_EQ(result.problems.size(), 1u) << result.summary();
    EXPECT_EQ(result.problems[0].where, "$.activities[0].place.town");
    EXPECT_EQ(result.problems[0].reason,
              "invalid UTF-8: byte 0xF6 at byte offset " + std::to_string(offset) + " (line 34, column " +
                  std::to_string(offset - text.rfind('\n', offset)) +
                  ") is not part of a UTF-8 character; the file must be UTF-8");
}

TEST(CatalogueJson, OverlongAndSurrogateEncodingsAreInvalidUtf8)
{
    for (const char* bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82"}) {
        const std::string text = replaced(k_full, R"("en": "Choir")", std::string("\"en\": \"Ch") + bad + "oir\"");
        const CatalogueParseResult result = parse_catalogue_json(text);
        ASSERT_EQ(result.problems.size(), 1u) << result.summary();
        EXPECT_EQ(result.problems[0].where, "$.activities[1].title.en");
        EXPECT_EQ(result.problems[0].reason.rfind("invalid UTF-8: byte 0x", 0), 0u) << result.problems[0].reason;
    }
}

TEST(CatalogueJson, DeepNestingIsRefusedWithoutRecursion)
{
    const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
    const CatalogueParseResult result = parse_catalogue_json(R"({"junk": )" + deep + "}");
    ASSERT_EQ(result.problems.size(), 1u) << result.summary();
    EXPECT_EQ(result.problems[0].reason, "nested more than 64 levels deep; a catalogue never is");
    EXPECT_EQ(result.problems[0].where.rfind("$.junk[0][0][0]", 0), 0u);
}

TEST(CatalogueJson, EveryTruncationIsAProblemNeverACrash)
{
    const std::string text(k_full);
    for (std::size_t length = 0; length < text.size(); ++length) {
        const CatalogueParseResult result = parse_catalogue_json(std::string_view(text).substr(0, length));
        ASSERT_FALSE(result.ok()) << "accepted a catalogue cut at byte " << length;
        ASSERT_FALSE(result.problems.empty());
    }
}

// --- Limits ----------------------------------------------------------------------------------------

TEST(CatalogueJson, TextByteLimitsAreExactBoundaries)
{
    CatalogueLimits limits;
    limits.max_short_text_bytes = 12;  // "Choir" + 7; "ö" counts 2 bytes
    limits.max_long_text_bytes = 60;
    const std::string minimal_at = replaced(k_minimal, R"({"en": "Walk"})", R"({"en": "Chöir123456"})");
    EXPECT_TRUE(parse_catalogue_json(minimal_at, limits).ok()) << parse_catalogue_json(minimal_at, limits).summary();
    const std::string minimal_over = replaced(k_minimal, R"({"en": "Walk"})", R"({"en": "Chöir1234567"})");
    EXPECT_EQ(parse_catalogue_json(minimal_over, limits).summary(),
              "$.activities[0].title.en: is 13 bytes, more than the limit of 12 for a short text");

    const std::string long_description =
        replaced(k_minimal, R"("title": {"en": "Walk"},)",
                 R"("title": {"en": "Walk"}, "description": {"sv": ")" + std::string(61, 'x') + R"("},)");
    EXPECT_EQ(parse_catalogue_json(long_description, limits).summary(),
              "$.activities[0].description.sv: is 61 bytes, more than the limit of 60 for a description");

    const std::string long_address = replaced(k_minimal, R"("Storgatan 1")", R"("Storgatan 1 A, uppgång 2")");
    EXPECT_EQ(parse_catalogue_json(long_address, limits).summary(),
              R"($.activities[0].place.address: "Storgatan 1 A, uppgång 2" is 25 bytes, more than the limit of 12)");
}

TEST(CatalogueJson, DefaultShortTextLimitIs300Bytes)
{
    const std::string at_limit = replaced(k_minimal, R"({"en": "Walk"})", R"({"en": ")" + std::string(300, 'w') + R"("})");
    EXPECT_TRUE(parse_catalogue_json(at_limit).ok());
    const std::string over = replaced(k_minimal, R"({"en": "Walk"})", R"({"en": ")" + std::string(301, 'w') + R"("})");
    EXPECT_EQ(parse_catalogue_json(over).summary(),
              "$.activities[0].title.en: is 301 bytes, more than the limit of 300 for a short text");
}

TEST(CatalogueJson, CountLimitsReportOnceAndNothingElse)
{
    CatalogueLimits limits;
    limits.max_organisations = 1;
    EXPECT_EQ(parse_catalogue_json(k_full, limits).summary(),
              "$.organisations: has 2 organisations, more than the limit of 1");

    limits = {};
    limits.max_activities = 1;
    EXPECT_EQ(parse_catalogue_json(k_full, limits).summary(), "$.activities: has 2 activities, more than the limit of 1");

    limits = {};
    limits.max_interests = 1;
    EXPECT_EQ(parse_catalogue_json(k_full, limits).summary(), "$.interests: has 2 interests, more than the limit of 1");

    limits = {};
    limits.max_list_items = 1;
    EXPECT_EQ(problem_lines(parse_catalogue_json(k_full, limits)),
              (std::vector<std::string>{
                  "$.activities[0].languages: has 3 items, more than the limit of 1",
                  "$.activities[0].accessibility: has 2 items, more than the limit of 1",
                  "$.activities[0].audience.groups: has 2 items, more than the limit of 1",
              }));
}

TEST(CatalogueJson, TextLargerThanTheFileLimitIsRefusedBeforeParsing)
{
    CatalogueLimits limits;
    limits.max_file_bytes = 100;
    const CatalogueParseResult result = parse_catalogue_json(k_full, limits);
    EXPECT_EQ(result.summary(),
              "$: the catalogue is " + std::to_string(k_full.size()) + " bytes, more than the limit of 100 bytes");
}

TEST(CatalogueJson, RuleOfExactlyThreeYearsIsAllowed)
{
    EXPECT_TRUE(parse_catalogue_json(replaced(k_full, R"("until": "2027-06-30")", R"("until": "2029-08-01")")).ok());
    // From 29 February the latest end is 28 February three years on.
    std::string leap = replaced(k_full, R"("from": "2026-08-01", "until": "2027-06-30")",
                                R"("from": "2028-02-29", "until": "2031-02-28")");
    EXPECT_TRUE(parse_catalogue_json(leap).ok());
    leap = replaced(leap, R"("until": "2031-02-28")", R"("until": "2031-03-01")");
    EXPECT_EQ(parse_catalogue_json(leap).summary(),
              R"($.activities[0].schedule.weekly[0].until: "2031-03-01" is more than 3 years after from "2028-02-29" (latest 2031-02-28))");
}

TEST(CatalogueJson, AbsentInterestsMeanTheDefaultVocabulary)
{
    const std::string text = replaced(k_minimal, R"(["outdoors"])", R"(["language-cafe", "gardening"])");
    EXPECT_TRUE(parse_catalogue_json(text).ok());
    const std::string unknown = replaced(k_minimal, R"(["outdoors"])", R"(["knitting"])");
    EXPECT_EQ(parse_catalogue_json(unknown).summary(),
              R"($.activities[0].interests[0]: "knitting" is not an interest in this catalogue (books, cooking, crafts, culture, games, gardening, language-cafe, music, outdoors, sport, talk, volunteering))");
}

// --- How the format grows --------------------------------------------------------------------------

// k_full with members a newer minor might add: at the top level, on an organisation, on every
// activity and inside a weekly rule. Their values would break rules if they were read.
std::string with_newer_members()
{
    std::string text(k_full);
    text = replaced(text, R"("published": "2026-11-20T09:00:00Z",)",
                    R"("published": "2026-11-20T09:00:00Z", "owner": {"name": {"sv": ""}, "since": [1, {"x": null}]},)");
    text = replaced(text, R"("reply_days": 3,)", R"("reply_days": 3, "volunteers_wanted": ["drivers", "fika"],)");
    text = replaced(text, R"("id": "halmstad-lordagsvandring",)",
                    R"("id": "halmstad-lordagsvandring", "video": "walk.webm",)");
    text = replaced(text, R"("id": "kor-onsdag",)", R"("id": "kor-onsdag", "video": {"src": "\u0001"},)");
    text = replaced(text, R"("until": "2027-06-30"})", R"("until": "2027-06-30", "note": 7})");
    return text;
}

TEST(CatalogueJsonGrowth, UnknownMembersAreRefusedWithTheirPathsByDefault)
{
    const CatalogueParseResult result = parse_catalogue_json(with_newer_members());
    EXPECT_FALSE(result.catalogue.has_value());
    EXPECT_EQ(problem_lines(result), (std::vector<std::string>{
                                         "$.owner: unknown field",
                                         "$.organisations[0].volunteers_wanted: unknown field",
                                         "$.activities[0].video: unknown field",
                                         "$.activities[0].schedule.weekly[0].note: unknown field",
                                         "$.activities[1].video: unknown field",
                                     }));
    EXPECT_TRUE(result.ignored.empty());
    // The explicit mode is the same reader.
    EXPECT_EQ(parse_catalogue_json(with_newer_members(), {}, UnknownMembers::refuse).summary(), result.summary());
}

TEST(CatalogueJsonGrowth, IgnoringReadsTheSameModelAndListsWhatItSkipped)
{
    const CatalogueParseResult plain = parse_catalogue_json(k_full);
    ASSERT_TRUE(plain.ok()) << plain.summary();
    const CatalogueParseResult result = parse_catalogue_json(with_newer_members(), {}, UnknownMembers::ignore);
    ASSERT_TRUE(result.ok()) << result.summary();
    EXPECT_EQ(*result.catalogue, *plain.catalogue);
    ASSERT_EQ(result.ignored.paths().size(), 4u);
    EXPECT_EQ(result.ignored.total(), 5u);
    EXPECT_EQ(result.ignored.summary(),
              "$.owner, $.organisations[].volunteers_wanted, $.activities[].video (2 times), $.activities[].schedule.weekly[].note");
    // Nothing to skip: nothing listed.
    const CatalogueParseResult known = parse_catalogue_json(k_full, {}, UnknownMembers::ignore);
    ASSERT_TRUE(known.ok());
    EXPECT_EQ(*known.catalogue, *plain.catalogue);
    EXPECT_TRUE(known.ignored.empty());
}

TEST(CatalogueJsonGrowth, OneNewMemberOnEveryActivityIsOnePath)
{
    SyntheticSpec spec;  // enough to see the same member on every activity summed up in one line
    spec.activities = 500;
    spec.organisations = 20;
    const std::string text = catalogue_to_json(generate_synthetic_catalogue(spec), false);
    const CatalogueParseResult plain = parse_catalogue_json(text);
    ASSERT_TRUE(plain.ok()) << plain.summary();
    // The same file with "video" before every activity's drop_in (the writer writes drop_in always).
    const std::string_view drop_in = "\"drop_in\":";
    std::string grown;
    std::size_t from = 0;
    std::size_t at = text.find(drop_in);
    while (at != std::string::npos) {
        grown.append(text, from, at - from);
        grown += "\"video\":\"a.webm\",";
        from = at;
        at = text.find(drop_in, at + drop_in.size());
    }
    grown.append(text, from);
    const CatalogueParseResult result = parse_catalogue_json(grown, {}, UnknownMembers::ignore);
    ASSERT_TRUE(result.ok()) << result.summary();
    EXPECT_EQ(*result.catalogue, *plain.catalogue);
    EXPECT_EQ(result.ignored.summary(), "$.activities[].video (500 times)");
}

TEST(CatalogueJsonGrowth, KnownMembersKeepEveryCheckWhenIgnoring)
{
    std::string text = with_newer_members();
    text = replaced(text, R"("drop_in": true)", R"("drop_in": "yes")");
    text = replaced(text, R"("title": {"en": "Choir", "ti": "መዝሙር"})", R"("Title": {"en": "Choir"})");
    const CatalogueParseResult result = parse_catalogue_json(text, {}, UnknownMembers::ignore);
    EXPECT_FALSE(result.catalogue.has_value());
    EXPECT_EQ(problem_lines(result), (std::vector<std::string>{
                                         R"($.activities[0].drop_in: expected true or false, got "yes")",
                                         // A misspelt member is skipped, so the one it meant is missing.
                                         "$.activities[1].title: required field is missing",
                                     }));
}

TEST(CatalogueJsonGrowth, IgnoredMembersStayWithinTheLimits)
{
    // Duplicate keys, nesting and the file's size are judged while reading the text, skipped or not.
    std::string duplicate = replaced(k_full, R"("version": 42,)", R"("version": 42, "owner": {"a": 1, "a": 2},)");
    EXPECT_EQ(parse_catalogue_json(duplicate, {}, UnknownMembers::ignore).summary(),
              "$.owner.a: duplicate key: the field appears more than once in this object");
    const std::string deep = replaced(k_full, R"("version": 42,)",
                                      R"("version": 42, "owner": )" + std::string(100, '[') + std::string(100, ']') + ",");
    const CatalogueParseResult nested = parse_catalogue_json(deep, {}, UnknownMembers::ignore);
    ASSERT_EQ(nested.problems.size(), 1u) << nested.summary();
    EXPECT_EQ(nested.problems[0].reason, "nested more than 64 levels deep; a catalogue never is");
    CatalogueLimits limits;
    limits.max_file_bytes = k_full.size();
    EXPECT_TRUE(parse_catalogue_json(k_full, limits, UnknownMembers::ignore).ok());
    EXPECT_EQ(parse_catalogue_json(with_newer_members(), limits, UnknownMembers::ignore).summary(),
              "$: the catalogue is " + std::to_string(with_newer_members().size()) + " bytes, more than the limit of " +
                  std::to_string(k_full.size()) + " bytes");
    // The number of problems is bounded as ever; skipped members are not problems and do not count.
    limits = {};
    limits.max_problems = 1;
    std::string broken = replaced(with_newer_members(), R"("sek": 20)", R"("sek": -1)");
    broken = replaced(broken, R"("drop_in": true)", R"("drop_in": 1)");
    EXPECT_EQ(problem_lines(parse_catalogue_json(broken, limits, UnknownMembers::ignore)),
              (std::vector<std::string>{"$.activities[0].cost.sek: -1 is not between 0 and 100000", "…: and 1 more problem"}));
}

TEST(CatalogueJsonGrowth, ALongMemberNameIsCutInTheList)
{
    const std::string name(5000, 'x');
    const std::string text = replaced(k_full, R"("version": 42,)", R"("version": 42, ")" + name + R"(": 1,)");
    const CatalogueParseResult result = parse_catalogue_json(text, {}, UnknownMembers::ignore);
    ASSERT_TRUE(result.ok()) << result.summary();
    EXPECT_EQ(result.ignored.summary(), "$[\"" + std::string(40, 'x') + "\"…]");
    const std::string short_enough(64, 'y');
    EXPECT_EQ(parse_catalogue_json(replaced(k_full, R"("version": 42,)", R"("version": 42, ")" + short_enough + R"(": 1,)"),
                                   {}, UnknownMembers::ignore)
                  .ignored.summary(),
              "$." + short_enough);
}

TEST(CatalogueJsonGrowth, AnyMinorOfMajorOneIsRead)
{
    const CatalogueParseResult plain = parse_catalogue_json(k_full);
    ASSERT_TRUE(plain.ok());
    const std::string minor = replaced(k_full, R"("format_version": 1,)", R"("format_version": 1, "format_minor": 3,)");
    for (const UnknownMembers mode : {UnknownMembers::refuse, UnknownMembers::ignore}) {
        const CatalogueParseResult result = parse_catalogue_json(minor, {}, mode);
        ASSERT_TRUE(result.ok()) << result.summary();
        EXPECT_EQ(*result.catalogue, *plain.catalogue);
        EXPECT_TRUE(result.ignored.empty());
    }
    // format_minor 0 is what a writer leaves out; written out, it reads the same.
    EXPECT_TRUE(parse_catalogue_json(replaced(k_full, R"("format_version": 1,)",
                                              R"("format_version": 1, "format_minor": 0,)"))
                    .ok());
}

TEST(CatalogueJsonGrowth, ANewerMajorIsRefusedAloneInEitherMode)
{
    const std::string expected = "$.format_version: catalogue format 2.3 is newer than lotsen " LOTSEN_VERSION
                                 " reads (1.5); upgrade lotsen, or publish format 1 beside it";
    // Members of format 2 are not judged by a format 1 reader: the version is the one problem.
    std::string text = replaced(with_newer_members(), R"("format_version": 1,)", R"("format_version": 2, "format_minor": 3,)");
    text = replaced(text, R"("drop_in": true)", R"("drop_in": "yes")");
    for (const UnknownMembers mode : {UnknownMembers::refuse, UnknownMembers::ignore}) {
        const CatalogueParseResult result = parse_catalogue_json(text, {}, mode);
        EXPECT_FALSE(result.catalogue.has_value());
        EXPECT_EQ(result.summary(), expected);
        EXPECT_TRUE(result.ignored.empty());
    }
    EXPECT_EQ(parse_catalogue_json(replaced(k_full, R"("format_version": 1)", R"("format_version": 12)"), {},
                                   UnknownMembers::ignore)
                  .summary(),
              "$.format_version: catalogue format 12.0 is newer than lotsen " LOTSEN_VERSION
              " reads (1.5); upgrade lotsen, or publish format 1 beside it");
}

TEST(CatalogueJsonGrowth, TheWriterWritesFormatOnePointZeroAsBefore)
{
    const CatalogueParseResult plain = parse_catalogue_json(k_full);
    ASSERT_TRUE(plain.ok());
    const std::string written = catalogue_to_json(*plain.catalogue, false);
    // No format_minor while it is 0: a kiosk from before format_minor existed reads the file.
    EXPECT_EQ(written.rfind(R"({"format":"lotsen-catalogue","format_version":1,"version":42,)", 0), 0u) << written;
    EXPECT_EQ(written.find("format_minor"), std::string::npos);
}

TEST(CatalogueJsonGrowth, APlaceSaysHowToFindItInFormatOnePointOne)
{
    const std::string text = replaced(k_full, R"("town": "Tylösand",)",
                                      R"("town": "Tylösand", "how_to_find_us": {"sv": "Ingång från parken, en trappa upp", "ar": "المدخل من الحديقة"},)");
    ASSERT_NE(text, k_full);
    const CatalogueParseResult result = parse_catalogue_json(text);
    ASSERT_TRUE(result.ok()) << result.summary();
    const Place& place = result.catalogue->activities.front().place;
    EXPECT_EQ(place.how_to_find_us.get("sv"), "Ingång från parken, en trappa upp");
    EXPECT_EQ(place.how_to_find_us.get("ar"), "المدخل من الحديقة");
    EXPECT_EQ(catalogue_format_minor_needed(*result.catalogue), 1);

    // Written with the minor it needs, and read back the same.
    const std::string written = catalogue_to_json(*result.catalogue, false);
    EXPECT_EQ(written.rfind(R"({"format":"lotsen-catalogue","format_version":1,"format_minor":1,"version":42,)", 0), 0u)
        << written;
    const CatalogueParseResult again = parse_catalogue_json(written);
    ASSERT_TRUE(again.ok()) << again.summary();
    EXPECT_EQ(*again.catalogue, *result.catalogue);

    // Held to a short text's rules like a place's name.
    const CatalogueParseResult bad = parse_catalogue_json(
        replaced(k_full, R"("town": "Tylösand",)", R"("town": "Tylösand", "how_to_find_us": {"de": "Eingang"},)"));
    EXPECT_FALSE(bad.ok());
    EXPECT_NE(bad.summary().find("$.activities[0].place.how_to_find_us"), std::string::npos) << bad.summary();
}

// --- Files -----------------------------------------------------------------------------------------

class CatalogueJsonFile : public testing::Test {
protected:
    void SetUp() override
    {
        m_dir = std::filesystem::temp_directory_path() /
                ("lotsen-catalogue-test-" + std::to_string(::getpid()) + "-" +
                 testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(m_dir);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    std::string write(const std::string& name, std::string_view content)
    {
        const std::string path = (m_dir / name).string();
        std::ofstream(path, std::ios::binary) << content;
        return path;
    }

    std::filesystem::path m_dir;
};

TEST_F(CatalogueJsonFile, LoadsJson)
{
    const CatalogueParseResult result = load_catalogue_file(write("catalogue.json", k_full));
    ASSERT_TRUE(result.ok()) << result.summary();
    EXPECT_EQ(result.catalogue->version, 42);
}

TEST_F(CatalogueJsonFile, LoadsCsvByItsSuffixAsVersion1)
{
    const std::string csv =
        "id,organisation_id,organisation_name_sv,municipality,title_sv,interests,dates,address,town\n"
        "fika,kafe,Kaféet,Laholm,Fika,talk,2026-12-05 10:00-12:00,Torget 1,Laholm\n";
    const CatalogueParseResult result = load_catalogue_file(write("kafe.CSV", csv));
    ASSERT_TRUE(result.ok()) << result.summary();
    EXPECT_EQ(result.catalogue->version, 1);
    EXPECT_EQ(result.catalogue->activities.at(0).title.get("sv"), "Fika");
}

TEST_F(CatalogueJsonFile, LoadsJsonIgnoringNewerMembersButCsvStaysStrict)
{
    const CatalogueParseResult json = load_catalogue_file(write("grown.json", with_newer_members()), {},
                                                          UnknownMembers::ignore);
    ASSERT_TRUE(json.ok()) << json.summary();
    EXPECT_EQ(json.ignored.total(), 5u);
    EXPECT_FALSE(load_catalogue_file(write("grown2.json", with_newer_members())).ok());
    // A spreadsheet is what people write: an unknown column is a typo whatever the caller asks.
    const std::string csv =
        "id,organisation_id,organisation_name_sv,municipality,title_sv,interests,dates,address,town,image\n"
        "fika,kafe,Kaféet,Laholm,Fika,talk,2026-12-05 10:00-12:00,Torget 1,Laholm,a.png\n";
    const CatalogueParseResult spreadsheet = load_catalogue_file(write("kafe.csv", csv), {}, UnknownMembers::ignore);
    EXPECT_FALSE(spreadsheet.ok());
    EXPECT_NE(spreadsheet.summary().find("unknown column"), std::string::npos) << spreadsheet.summary();
}

TEST_F(CatalogueJsonFile, MissingFileNamesPathAndReason)
{
    const std::string path = (m_dir / "nowhere.json").string();
    const CatalogueParseResult result = load_catalogue_file(path);
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(result.summary(), path + ": cannot open: No such file or directory");
}

TEST_F(CatalogueJsonFile, DirectoryIsNotACatalogue)
{
    EXPECT_EQ(load_catalogue_file(m_dir.string()).summary(), m_dir.string() + ": cannot read: Is a directory");
}

TEST_F(CatalogueJsonFile, SizeIsCheckedBeforeReading)
{
    // A sparse 1 GiB file: reading it would take a while and a gigabyte; the size check takes neither.
    const std::string path = write("huge.json", "");
    ASSERT_EQ(::truncate(path.c_str(), off_t{1} << 30), 0);
    const CatalogueParseResult result = load_catalogue_file(path);
    EXPECT_EQ(result.summary(), path + ": the file is 1073741824 bytes, more than the limit of " +
                                    std::to_string(CatalogueLimits{}.max_file_bytes) + " bytes");
}

TEST_F(CatalogueJsonFile, LimitAlsoHoldsForFilesWithoutASize)
{
    CatalogueLimits limits;
    limits.max_file_bytes = 10;
    // /dev/zero reports no size; the limit must stop the read anyway.
    EXPECT_EQ(load_catalogue_file("/dev/zero", limits).summary(),
              "/dev/zero: the file is larger than the limit of 10 bytes");
}

// ---------------------------------------------------------------------------------------------
// Streaming (catalogue_stream.hpp): pieces are handed on as they are read, and only while the file
// has shown no problem; the messages are the ones above.

// Counts what a streaming read hands on; fails at activity `fail_at` when asked to.
class CountingSink final : public CatalogueSink {
public:
    explicit CountingSink(std::size_t fail_at = SIZE_MAX) : m_fail_at(fail_at) {}
    std::size_t interests_calls = 0;
    std::size_t organisations = 0;
    std::size_t activities = 0;
    std::vector<std::string> activity_ids;

    Result<void> interests(const std::vector<Interest>&) override
    {
        ++interests_calls;
        EXPECT_EQ(activities, 0u) << "the vocabulary comes before any activity";
        return success();
    }
    Result<void> organisation(Organisation) override
    {
        EXPECT_EQ(activities, 0u) << "every organisation comes before any activity";
        ++organisations;
        return success();
    }
    Result<void> activity(Activity activity) override
    {
        if (activities == m_fail_at)
            return Error{"disk full", "store"};
        ++activities;
        activity_ids.push_back(activity.id);
        return success();
    }

private:
    std::size_t m_fail_at;
};

// `text` with the value after the (n+1)-th occurrence of `member` (e.g. "\"drop_in\":") replaced by `value`.
std::string with_nth_member(std::string text, std::string_view member, std::size_t n, std::string_view value)
{
    std::size_t at = text.find(member);
    for (std::size_t i = 0; i < n && at != std::string::npos; ++i)
        at = text.find(member, at + 1);
    EXPECT_NE(at, std::string::npos);
    const std::size_t start = at + member.size();
    const std::size_t end = text.find_first_of(",}", start);
    text.replace(start, end - start, value);
    return text;
}

// A catalogue with its activities written first, before the interests and organisations they refer to.
std::string activities_first(std::string_view text)
{
    const std::string full(text);
    const std::size_t at = full.find("  \"activities\": [");
    const std::size_t end = full.rfind(']') + 1;
    const std::string activities = full.substr(at, end - at);
    std::string rest = full.substr(0, at);
    rest = rest.substr(0, rest.rfind(']') + 1) + "\n}";
    rest.insert(rest.find('\n') + 1, activities + ",\n");
    return rest;
}

TEST(CatalogueStream, ABadActivityDeepInALargeFileIsReportedWithItsPathAndStopsTheHandingOn)
{
    SyntheticSpec spec;
    spec.activities = 10'000;
    spec.organisations = 100;
    const std::string good = catalogue_to_json(generate_synthetic_catalogue(spec), false);
    const std::string bad = with_nth_member(good, "\"drop_in\":", 9'876, "\"yes\"");
    TextCatalogueSource source(bad);
    CountingSink sink;
    const CatalogueStreamResult result = stream_catalogue_json(source, sink);
    EXPECT_EQ(result.summary(), R"($.activities[9876].drop_in: expected true or false, got "yes")");
    EXPECT_FALSE(result.ok());
    // Handed on as they were read, up to the bad one and not after it.
    EXPECT_EQ(sink.organisations, 100u);
    EXPECT_EQ(sink.activities, 9'876u);
    EXPECT_EQ(result.activities, 9'876u);
    // The same file whole: the same message.
    EXPECT_EQ(parse_catalogue_json(bad).summary(), result.summary());

    TextCatalogueSource whole(good);
    CountingSink all;
    const CatalogueStreamResult read = stream_catalogue_json(whole, all);
    ASSERT_TRUE(read.ok()) << read.summary();
    EXPECT_EQ(all.interests_calls, 1u);
    EXPECT_EQ(all.activities, 10'000u);
    EXPECT_EQ(read.version, 1);
}

TEST(CatalogueStream, ASinkThatFailsStopsTheRead)
{
    TextCatalogueSource source(k_full);
    CountingSink sink(1);
    const CatalogueStreamResult result = stream_catalogue_json(source, sink);
    EXPECT_TRUE(result.problems.empty()) << result.summary();
    ASSERT_TRUE(result.sink_error.has_value());
    EXPECT_EQ(result.sink_error->text(), "store: disk full");
    EXPECT_EQ(sink.activities, 1u);
    EXPECT_FALSE(result.ok());
}

TEST(CatalogueStream, ActivitiesBeforeWhatTheyReferToAreReadInASecondPass)
{
    const std::string reordered = activities_first(k_full);
    ASSERT_NE(reordered, std::string(k_full));
    const CatalogueParseResult plain = parse_catalogue_json(k_full);
    ASSERT_TRUE(plain.ok()) << plain.summary();
    const CatalogueParseResult result = parse_catalogue_json(reordered);
    ASSERT_TRUE(result.ok()) << result.summary();
    EXPECT_EQ(*result.catalogue, *plain.catalogue);

    TextCatalogueSource source(reordered);
    CountingSink sink;
    ASSERT_TRUE(stream_catalogue_json(source, sink).ok());
    EXPECT_EQ(sink.organisations, 2u);
    EXPECT_EQ(sink.activities, 2u);

    // Problems come out in the order they always did: organisations before activities, whatever the file's order.
    std::string broken = replaced(reordered, R"("reply_days": 3)", R"("reply_days": -3)");
    broken = replaced(broken, R"("interests": ["music"])", R"("interests": ["knitting"])");
    EXPECT_EQ(problem_lines(parse_catalogue_json(broken)),
              (std::vector<std::string>{
                  "$.organisations[0].reply_days: -3 is not between 0 and 60",
                  R"($.activities[1].interests[0]: "knitting" is not an interest in this catalogue (music, outdoors))",
              }));
    // A reference to an organisation the file names later is no problem either.
    EXPECT_TRUE(parse_catalogue_json(activities_first(k_minimal)).ok()) << parse_catalogue_json(activities_first(k_minimal)).summary();
}

TEST(CatalogueStream, TheScanForAnInterestsMemberLooksOnlyAtTheRootsOwnKeys)
{
    auto may = [](std::string_view text) {
        TextCatalogueSource source(text);
        return catalogue_may_have_interests(source);
    };
    EXPECT_FALSE(may(k_minimal));  // no interests member: the activities need not wait for one
    EXPECT_TRUE(may(k_full));
    EXPECT_TRUE(may(activities_first(k_full)));  // after the activities too
    // The word as a value, inside strings (with quotes, escapes and brackets) or as a nested key does not count.
    EXPECT_FALSE(may(R"({"a": "interests", "b": {"interests": 1}, "c": [{"interests": []}], "d": "x\"interests\" {[", "e": "\\"})"));
    EXPECT_TRUE(may(R"({"a": "\\", "interests": []})"));
    EXPECT_TRUE(may(R"({"b": {"x": [1, {"y": "}"}]}, "interests": []})"));
    // Unsure means "may": an escaped key (the parser decodes it), a root that is not one object, a cut text.
    EXPECT_TRUE(may(R"({"\u0069nterests": []})"));
    EXPECT_TRUE(may(R"([{"a": 1}])"));
    EXPECT_TRUE(may(R"({"a": 1})" "\n" R"({"b": 2})"));
    EXPECT_TRUE(may(R"({"a": [1, 2)"));
    EXPECT_TRUE(may(""));
    EXPECT_FALSE(may(R"({"interest": 1, "interestss": 2})"));
}

// A source that holds one text until it is rewound and another after: a file changed between reads.
class ChangingSource final : public CatalogueSource {
public:
    ChangingSource(std::string before, std::string after) : m_before(std::move(before)), m_after(std::move(after)) {}
    Result<std::size_t> read(char* buffer, std::size_t size) override
    {
        const std::string& text = m_rewound ? m_after : m_before;
        const std::size_t count = std::min(size, text.size() - m_offset);
        std::memcpy(buffer, text.data() + m_offset, count);
        m_offset += count;
        return count;
    }
    Result<void> rewind() override
    {
        m_rewound = true;
        m_offset = 0;
        return success();
    }

private:
    std::string m_before, m_after;
    bool m_rewound = false;
    std::size_t m_offset = 0;
};

TEST(CatalogueStream, AFileWithoutInterestsIsReadInOnePassAgainstTheDefaultVocabulary)
{
    // The activities are handed on while the file is read the first time after the scan.
    TextCatalogueSource source(k_minimal);
    CountingSink sink;
    const CatalogueStreamResult result = stream_catalogue_json(source, sink);
    ASSERT_TRUE(result.ok()) << result.summary();
    EXPECT_EQ(sink.interests_calls, 1u);
    EXPECT_EQ(sink.activities, 1u);

    // Should the file grow an interests member after its activities between the scan and the parse, the
    // activities read against the default vocabulary may be wrong: the read is refused.
    std::string grown(k_minimal);
    grown.insert(grown.rfind('}'), R"(, "interests": [{"id": "outdoors", "label": {"en": "Outdoors"}}])");
    ChangingSource changing{std::string(k_minimal), grown};
    CountingSink refused;
    const CatalogueStreamResult changed = stream_catalogue_json(changing, refused);
    EXPECT_FALSE(changed.ok());
    EXPECT_EQ(changed.summary(), "$: the file changed while it was read");
    // The same grown text read by itself is fine (activities first is allowed): only the change is refused.
    EXPECT_TRUE(parse_catalogue_json(grown).ok()) << parse_catalogue_json(grown).summary();
}

// The streaming reader checks UTF-8 and escapes a 64 KiB chunk at a time. A character of two, three
// or four bytes, an escape, or a bad byte that lands on a chunk's edge, at each of the nine offsets
// around it, must read as anywhere else (the spaces before the member move it there).
TEST(CatalogueStream, WhatStraddlesTheReadersChunksIsReadWhole)
{
    constexpr std::size_t k_chunk = 64 * 1024;
    const std::string_view tail = "\xC3\xB6\\\"\xE2\x82\xAC\xF0\x9F\x98\x80";  // ö \" € 😀, as in the file
    const std::string_view read = "\xC3\xB6\"\xE2\x82\xAC\xF0\x9F\x98\x80";       // and as read
    const std::string_view title = R"("title": {"en": "Walk"})";
    const std::string_view member = R"(, "description": {"en": "Walk)";
    const std::string head = replaced(k_minimal, title, std::string(title) + std::string(member) + std::string(tail) + "\"}");
    const std::size_t spaces_at = head.find(member) + 1;
    const std::size_t tail_at = head.find(tail);
    ASSERT_LT(tail_at, k_chunk - 16);
    for (std::size_t shift = 0; shift <= 8; ++shift) {
        std::string text = head;
        text.insert(spaces_at, std::string(k_chunk - shift - tail_at, ' '));
        ASSERT_EQ(text.compare(k_chunk - shift, tail.size(), tail), 0);
        const CatalogueParseResult result = parse_catalogue_json(text);
        ASSERT_TRUE(result.ok()) << "shift " << shift << ": " << result.summary();
        EXPECT_EQ(result.catalogue->activities[0].description.get("en"), "Walk" + std::string(read)) << "shift " << shift;

        std::string bad = text;
        bad[k_chunk - shift + 2] = '\xFF';  // in place of the escape's backslash
        const CatalogueParseResult refused = parse_catalogue_json(bad);
        ASSERT_EQ(refused.problems.size(), 1u) << "shift " << shift << ": " << refused.summary();
        const std::string said = "invalid UTF-8: byte 0xFF at byte offset " + std::to_string(k_chunk - shift + 2) + " (";
        EXPECT_EQ(refused.problems[0].reason.substr(0, said.size()), said) << "shift " << shift;
    }
}

// Runs of plain text are let through eight bytes at a time, and a whole UTF-8 character at once.
// A quote, an escape, a character of two to four bytes or a bad byte after every length of plain
// text (so at each place in an eight-byte word) must read as one byte at a time would read it.
TEST(CatalogueStream, WhatEndsARunOfPlainTextIsFoundWhereverItFalls)
{
    const std::string_view title = R"("title": {"en": "Walk"})";
    for (std::size_t run = 0; run <= 17; ++run) {
        const std::string plain(run, 'a');
        for (std::string_view special : {"\\\"", "\xC3\xB6", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\\n"}) {
            const std::string text = replaced(k_minimal, title,
                                              std::string(title) + R"(, "description": {"en": ")" + plain +
                                                  std::string(special) + "bbbbbbbbbbbbbbbbbbbb\"}");
            const CatalogueParseResult result = parse_catalogue_json(text);
            ASSERT_TRUE(result.ok()) << "run " << run << ": " << result.summary();
            const std::string read = special == "\\\"" ? "\"" : special == "\\n" ? "\n" : std::string(special);
            EXPECT_EQ(result.catalogue->activities[0].description.get("en"), plain + read + std::string(20, 'b'))
                << "run " << run;
        }
        // A bad byte, and a character cut short by a plain byte: said at their own offsets.
        for (std::string_view bad : {"\xFF", "\xE2\x82" "a"}) {
            const std::string text = replaced(k_minimal, title,
                                              std::string(title) + R"(, "description": {"en": ")" + plain +
                                                  std::string(bad) + "bbbbbbbbbbbbbbbbbbbb\"}");
            const std::size_t at = text.find(bad);
            const CatalogueParseResult refused = parse_catalogue_json(text);
            ASSERT_EQ(refused.problems.size(), 1u) << "run " << run << ": " << refused.summary();
            const std::string said = "invalid UTF-8: byte 0x" + std::string(bad == "\xFF" ? "FF" : "E2") +
                                     " at byte offset " + std::to_string(at) + " (";
            EXPECT_EQ(refused.problems[0].reason.substr(0, said.size()), said) << "run " << run;
        }
        // The scan for an `interests` member skips strings the same way.
        const std::string value = "{\"a\": \"" + plain + "\\\"interests\\\" " + plain + "\", ";
        const std::string without_text = value + "\"b\": 1}";
        const std::string with_text = value + "\"interests\": []}";
        TextCatalogueSource without(without_text);
        EXPECT_FALSE(catalogue_may_have_interests(without)) << "run " << run;
        TextCatalogueSource with(with_text);
        EXPECT_TRUE(catalogue_may_have_interests(with)) << "run " << run;
    }
}

// The limit counts bytes, also when a string's characters are taken whole: one of two bytes that
// ends past the limit stops the read as a plain byte there would.
TEST(CatalogueStream, AStringOfWideCharactersLongerThanTheLimitEndsTheRead)
{
    for (const std::string& first : {std::string(), std::string("a")}) {
        std::string wide = first;
        while (wide.size() < k_max_catalogue_item_bytes)
            wide += "\xC3\xB6";  // ö
        ASSERT_GT(wide.size(), k_max_catalogue_item_bytes - 2);
        if (wide.size() == k_max_catalogue_item_bytes)
            wide += "\xC3\xB6";
        const std::string text = replaced(k_minimal, R"("title": {"en": "Walk"})",
                                          R"("title": {"en": "Walk"}, "description": {"sv": ")" + wide + R"("})");
        const CatalogueParseResult result = parse_catalogue_json(text);
        ASSERT_EQ(result.problems.size(), 1u) << result.summary();
        EXPECT_EQ(result.problems[0].where, "$.activities[0].description.sv");
        const std::size_t opening = text.find("\"" + wide.substr(0, 4));
        const std::string said = "a string at byte offset " + std::to_string(opening) + " (";
        EXPECT_EQ(result.problems[0].reason.substr(0, said.size()), said) << result.problems[0].reason;
        EXPECT_NE(result.problems[0].reason.find("is longer than 1048576 bytes"), std::string::npos);
    }
}

TEST(CatalogueStream, AStringLongerThanTheLimitEndsTheRead)
{
    const std::string text = replaced(k_minimal, R"("title": {"en": "Walk"})",
                                      R"("title": {"en": "Walk"}, "description": {"sv": ")" +
                                          std::string(k_max_catalogue_item_bytes + 10, 'a') + R"("})");
    const CatalogueParseResult result = parse_catalogue_json(text);
    ASSERT_EQ(result.problems.size(), 1u) << result.summary();
    EXPECT_EQ(result.problems[0].where, "$.activities[0].description.sv");
    const std::size_t opening = text.find("\"aaa");
    EXPECT_EQ(result.problems[0].reason, "a string at byte offset " + std::to_string(opening) + " (line 4, column " +
                                             std::to_string(opening - text.rfind('\n', opening)) +
                                             ") is longer than 1048576 bytes, the limit for one string");
}

TEST(CatalogueStream, AnActivityLargerThanTheItemLimitIsRefusedWithoutBeingKept)
{
    std::string languages;
    for (int i = 0; i < 200'000; ++i)
        languages += std::string(languages.empty() ? "" : ", ") + "\"sv\"";
    const std::string text =
        replaced(k_minimal, R"("interests": ["outdoors"],)", R"("interests": ["outdoors"], "languages": [)" + languages + "],");
    EXPECT_EQ(parse_catalogue_json(text).summary(),
              "$.activities[0]: takes more than 1048576 bytes of the file, the limit for one activity");
}

TEST_F(CatalogueJsonFile, AFileLargerThanTheOldLimitOf64MiBIsRead)
{
    // 70 MiB, nearly all of it blank space after the document: what matters is that it is read, a
    // chunk at a time, not refused for its size.
    const std::string path = write("large.json", std::string(k_minimal) + std::string(70u << 20, ' '));
    const CatalogueParseResult result = load_catalogue_file(path);
    ASSERT_TRUE(result.ok()) << result.summary();
    EXPECT_EQ(result.catalogue->activities.size(), 1u);
    CountingSink sink;
    const CatalogueStreamResult streamed = stream_catalogue_file(path, sink);
    ASSERT_TRUE(streamed.ok()) << streamed.summary();
    EXPECT_EQ(sink.activities, 1u);
}

}  // namespace
}  // namespace lotsen
