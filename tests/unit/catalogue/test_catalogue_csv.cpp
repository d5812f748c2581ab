// test_catalogue_csv.cpp — the spreadsheet import (core/catalogue_csv): RFC 4180 details, Swedish
// Excel's semicolons and byte-order mark, cell syntax, organisation rows, problems by row and column,
// and that a CSV catalogue is held to exactly the rules (and yields exactly the model) of JSON.
#include "core/catalogue/catalogue_csv.hpp"
#include "core/catalogue/catalogue_json.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lotsen {
namespace {

// Three activities of two organisations; the third row repeats its organisation's cells.
constexpr std::string_view k_csv =
    "id,organisation_id,organisation_name_sv,municipality,title_sv,interests,weekly,from,until,dates,address,town,"
    "drop_in\n"
    "walk,halmstad-vandring,Vandringsvännerna,Halmstad,Promenad,outdoors,sat 10:00-12:00,2026-08-01,2027-06-30,,"
    "Kungsvägen 1,Tylösand,yes\n"
    "knit,varberg-stickcafe,Stickcaféet,Varberg,Stickcafé,crafts|talk,,,,2026-12-05 10:00-14:00,Torget 2,Varberg,"
    "nej\n"
    "knit-kvall,varberg-stickcafe,Stickcaféet,Varberg,Stickcafé på kvällen,crafts,thu/2 18:00-20:00,2026-09-03,"
    "2027-05-27,,Torget 2,Varberg,1\n";

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

std::string join(const std::vector<std::string>& cells, char separator)
{
    std::string row;
    for (const std::string& cell : cells)
        row += (row.empty() ? "" : std::string(1, separator)) + cell;
    return row;
}

TEST(CatalogueCsv, CommaSeparatedCatalogueIsValid)
{
    const CatalogueParseResult result = parse_catalogue_csv(k_csv, 5);
    ASSERT_TRUE(result.ok()) << result.summary();
    const Catalogue& catalogue = *result.catalogue;
    EXPECT_EQ(catalogue.version, 5);
    EXPECT_TRUE(catalogue.interests.empty());  // the default vocabulary
    ASSERT_EQ(catalogue.organisations.size(), 2u);
    EXPECT_EQ(catalogue.organisations[0].id, "halmstad-vandring");
    EXPECT_EQ(catalogue.organisations[1].name.get("sv"), "Stickcaféet");
    EXPECT_EQ(catalogue.organisations[1].municipality, "Varberg");
    ASSERT_EQ(catalogue.activities.size(), 3u);

    const Activity& walk = catalogue.activities[0];
    ASSERT_EQ(walk.schedule.weekly.size(), 1u);
    EXPECT_EQ(walk.schedule.weekly[0],
              (WeeklyRule{6, TimeOfDay{600}, TimeOfDay{720}, Date{2026, 8, 1}, Date{2027, 6, 30}, 1}));
    EXPECT_TRUE(walk.drop_in);
    EXPECT_EQ(walk.place.address, "Kungsvägen 1");

    const Activity& knit = catalogue.activities[1];
    EXPECT_EQ(knit.interests, (std::vector<std::string>{"crafts", "talk"}));
    EXPECT_EQ(knit.schedule.dates, (std::vector<SingleDate>{{Date{2026, 12, 5}, TimeOfDay{600}, TimeOfDay{840}}}));
    EXPECT_FALSE(knit.drop_in);

    const Activity& evening = catalogue.activities[2];
    EXPECT_EQ(evening.organisation_id, "varberg-stickcafe");
    EXPECT_EQ(evening.schedule.weekly.at(0).every_weeks, 2);
    EXPECT_EQ(evening.schedule.weekly.at(0).iso_weekday, 4);
    EXPECT_TRUE(evening.drop_in);
}

// Every column, as Swedish Excel's "CSV UTF-8" writes it: byte-order mark, semicolons, CRLF, and
// quoted cells holding the separator, line breaks and doubled quotes.
std::string full_semicolon_csv()
{
    const std::vector<std::string> header{
        "id", "Organisation_ID", "organisation_name_sv", "ORGANISATION_NAME_TI", "organisation_description_sv",
        "organisation_phone", "organisation_email", "organisation_web", "municipality", "reply_days",
        "accepts_contact_requests", "title_sv", "title_ar", "description_sv", "interests", "weekly", "from", "until",
        "dates", "cancelled", "place_sv", "address", "town", "lat", "lon", "cost_sek", "cost_note_en", "languages",
        "accessibility", "audience", "min_age", "max_age", "drop_in"};
    const std::vector<std::string> walk{
        "halmstad-lordagsvandring", "halmstad-vandringsvanner", "Vandringsvännerna i Halmstad", "ጉጅለ ምብጋስ",
        "\"Vi går i naturen; varje vecka.\r\nAlla är välkomna.\"", "035-000 00 01", "kontakt@example.org",
        "https://example.org/vandring", "Halmstad", "3", "ja", "Lördagsvandring vid Tylösand", "نزهة السبت",
        "\"En \"\"lugn\"\" promenad\"", "outdoors|sport", "sat 10:00-12:30 | SUN/2 11:00 - 13:00", "2026-08-01",
        "2027-06-30", "2026-12-26 11:00-13:00", "2026-12-19|2027-01-02", "Parkeringen vid Tylebäck", "Kungsvägen 1",
        "Tylösand", "56,648", "12.731", "20", "Bring a snack", "sv|en|ar", "wheelchair|quiet-space",
        "adults|newcomers", "18", "99", "Ja"};
    const std::vector<std::string> choir{
        "kor-onsdag", "halmstad-vandringsvanner", "Vandringsvännerna i Halmstad", "", "", "", "", "", "Halmstad", "",
        "", "Kör", "", "", "music", "", "", "", "2027-01-13 18:00-20:00", "", "", "Kyrkogatan 4", "Halmstad", "", "",
        "", "", "", "", "", "", "", "no"};
    return "\xEF\xBB\xBF" + join(header, ';') + "\r\n" + join(walk, ';') + "\r\n" + join(choir, ';') + "\r\n";
}

// The same catalogue, written by hand in JSON.
constexpr std::string_view k_full_json = R"({
  "format": "lotsen-catalogue", "format_version": 1, "version": 42,
  "organisations": [{
    "id": "halmstad-vandringsvanner",
    "name": {"sv": "Vandringsvännerna i Halmstad", "ti": "ጉጅለ ምብጋስ"},
    "description": {"sv": "Vi går i naturen; varje vecka.\nAlla är välkomna."},
    "contact": {"phone": "035-000 00 01", "email": "kontakt@example.org", "web": "https://example.org/vandring"},
    "municipality": "Halmstad", "reply_days": 3, "accepts_contact_requests": true
  }],
  "activities": [{
    "id": "halmstad-lordagsvandring", "organisation": "halmstad-vandringsvanner",
    "title": {"sv": "Lördagsvandring vid Tylösand", "ar": "نزهة السبت"},
    "description": {"sv": "En \"lugn\" promenad"},
    "interests": ["outdoors", "sport"],
    "schedule": {
      "weekly": [{"day": "sat", "start": "10:00", "end": "12:30", "from": "2026-08-01", "until": "2027-06-30"},
                 {"day": "sun", "start": "11:00", "end": "13:00", "from": "2026-08-01", "until": "2027-06-30", "every_weeks": 2}],
      "dates": [{"date": "2026-12-26", "start": "11:00", "end": "13:00"}],
      "cancelled": ["2026-12-19", "2027-01-02"]
    },
    "place": {"name": {"sv": "Parkeringen vid Tylebäck"}, "address": "Kungsvägen 1", "town": "Tylösand", "lat": 56.648, "lon": 12.731},
    "cost": {"sek": 20, "note": {"en": "Bring a snack"}},
    "languages": ["sv", "en", "ar"], "accessibility": ["wheelchair", "quiet-space"],
    "audience": {"groups": ["adults", "newcomers"], "min_age": 18, "max_age": 99},
    "drop_in": true
  }, {
    "id": "kor-onsdag", "organisation": "halmstad-vandringsvanner", "title": {"sv": "Kör"}, "interests": ["music"],
    "schedule": {"dates": [{"date": "2027-01-13", "start": "18:00", "end": "20:00"}]},
    "place": {"address": "Kyrkogatan 4", "town": "Halmstad"}
  }]
})";

TEST(CatalogueCsv, SemicolonBomCrlfAndQuotedCellsGiveTheSameModelAsJson)
{
    const CatalogueParseResult csv = parse_catalogue_csv(full_semicolon_csv(), 42);
    ASSERT_TRUE(csv.ok()) << csv.summary();
    const CatalogueParseResult json = parse_catalogue_json(k_full_json);
    ASSERT_TRUE(json.ok()) << json.summary();
    EXPECT_EQ(*csv.catalogue, *json.catalogue);

    // Spelled out for the parts most likely to go wrong.
    const Organisation& organisation = csv.catalogue->organisations.at(0);
    EXPECT_EQ(organisation.description.get("sv"), "Vi går i naturen; varje vecka.\nAlla är välkomna.");
    EXPECT_EQ(organisation.name.get("ti"), "ጉጅለ ምብጋስ");
    const Activity& walk = csv.catalogue->activities.at(0);
    EXPECT_EQ(walk.description.get("sv"), "En \"lugn\" promenad");
    EXPECT_EQ(walk.title.get("ar"), "نزهة السبت");
    EXPECT_DOUBLE_EQ(walk.place.latitude.value_or(0), 56.648);  // decimal comma
    EXPECT_EQ(walk.schedule.weekly.at(1).every_weeks, 2);
}

TEST(CatalogueCsv, ExcelsTrailingEmptyColumnsAndBlankLinesAreIgnored)
{
    std::string text = replaced(k_csv, "drop_in\n", "drop_in,,\n");
    text = replaced(text, ",yes\n", ",yes,,\n\n,,,,,,,,,,,,,,\n");
    text = replaced(text, ",nej\n", ",nej,,\n");
    text = replaced(text, "Varberg,1\n", "Varberg,1,,\n");
    const CatalogueParseResult result = parse_catalogue_csv(text);
    ASSERT_TRUE(result.ok()) << result.summary();
    EXPECT_EQ(result.catalogue->activities.size(), 3u);
}

TEST(CatalogueCsv, OldMacLineEndingsWork)
{
    std::string text(k_csv);
    std::replace(text.begin(), text.end(), '\n', '\r');
    const CatalogueParseResult result = parse_catalogue_csv(text);
    ASSERT_TRUE(result.ok()) << result.summary();
    EXPECT_EQ(result.catalogue->activities.size(), 3u);
}

// --- One broken cell at a time ---------------------------------------------------------------------

struct InvalidCase {
    const char* name;
    std::vector<std::pair<std::string_view, std::string_view>> edits;  // applied to k_csv in order
    const char* where;
    const char* reason;
};

void PrintTo(const InvalidCase& invalid, std::ostream* out) { *out << invalid.name; }

class CatalogueCsvInvalid : public testing::TestWithParam<InvalidCase> {};

TEST_P(CatalogueCsvInvalid, ReportsExactlyThisProblem)
{
    const InvalidCase& invalid = GetParam();
    std::string text(k_csv);
    for (const auto& [from, to] : invalid.edits)
        text = replaced(text, from, to);
    const CatalogueParseResult result = parse_catalogue_csv(text);
    EXPECT_FALSE(result.ok());
    EXPECT_FALSE(result.catalogue.has_value());
    ASSERT_EQ(result.problems.size(), 1u) << result.summary();
    EXPECT_EQ(result.problems[0].where, invalid.where);
    EXPECT_EQ(result.problems[0].reason, invalid.reason);
}

// Kept alive for the whole run: the cases below hold string_views into it.
const std::string k_long_title_cell = "," + std::string(301, 't') + ",";

const InvalidCase k_invalid_cases[] = {
    {"UnknownWeekday", {{"sat 10:00-12:00", "tisd 18:00-20:00"}}, "row 2, column 'weekly'",
     R"("tisd 18:00-20:00" is not a weekly entry like "tue 18:00-20:00": "tisd" is not a weekday (mån, tis, ons, tor, fre, lör, sön or mon, tue, wed, thu, fri, sat, sun; whole names too, such as "tisdag" or "tisdagar"))"},
    {"TimesInWords", {{"sat 10:00-12:00", "sat 10-noon"}}, "row 2, column 'weekly'",
     R"("sat 10-noon" is not a weekly entry like "tue 18:00-20:00": "10-noon" is not a time range like "18:00-20:00" or "18-20")"},
    {"EveryNineWeeks", {{"sat 10:00-12:00", "sat/9 10:00-12:00"}}, "row 2, column 'weekly'",
     "entry 1 (every_weeks): 9 is not between 1 and 8"},
    {"EveryWeeksNotANumber", {{"thu/2 18:00", "thu/x 18:00"}}, "row 4, column 'weekly'",
     R"("thu/x 18:00-20:00" is not a weekly entry like "tue 18:00-20:00": "x" after "/" is not a number of weeks)"},
    {"RepeatedWeeklyEntry", {{"sat 10:00-12:00", "sat 10:00-12:00|sat 10:00-12:00"}}, "row 2, column 'weekly'",
     "entry 2: repeats an earlier weekly rule"},
    {"UntilBeforeFrom", {{"2027-06-30", "2026-01-01"}}, "row 2, column 'until'",
     R"("2026-01-01" is before from "2026-08-01")"},
    {"UntilBeforeFromSharedByTwoEntriesIsReportedOnce",
     {{"sat 10:00-12:00", "sat 10:00-12:00|sun 10:00-12:00"}, {"2027-06-30", "2026-01-01"}},
     "row 2, column 'until'", R"("2026-01-01" is before from "2026-08-01")"},
    {"WeeklyWithoutFrom", {{",2026-08-01,", ",,"}}, "row 2, column 'from'", "is required when 'weekly' or 'day' is given"},
    {"FromNotADate", {{"2026-08-01", "2026-08-32"}}, "row 2, column 'from'",
     R"("2026-08-32" is not a date YYYY-MM-DD)"},
    {"DateEntryInWords", {{"2026-12-05 10:00-14:00", "5 dec 10:00"}}, "row 3, column 'dates'",
     R"("5 dec 10:00" is not a date entry like "2026-12-05 10:00-14:00": "5" is not a date YYYY-MM-DD)"},
    {"NoScheduleAtAll", {{"2026-12-05 10:00-14:00", ""}}, "row 3, column 'weekly'",
     "has no weekly rule and no date, so the activity never happens"},
    {"InterestNotInDefaultVocabulary", {{"crafts|talk", "crafts|knitting"}}, "row 3, column 'interests'",
     R"("knitting" is not an interest; write one of: friluftsliv (outdoors), musik (music), hantverk (crafts), samtalsgrupper (talk), språkcafé (language-cafe), matlagning (cooking), spel (games), idrott och rörelse (sport), kultur (culture), volontärarbete (volunteering), böcker och läsning (books), odling (gardening))"},
    {"InterestTwice", {{"crafts|talk", "crafts|crafts"}}, "row 3, column 'interests'",
     R"("crafts" is listed twice (first at [0]))"},
    {"MaybeIsNotABoolean", {{",yes\n", ",kanske\n"}}, "row 2, column 'drop_in'",
     R"("kanske" is not yes or no (also ja/nej, true/false, sant/falskt, 1/0))"},
    {"UnknownColumn", {{"drop_in\n", "dropp_in\n"}}, "row 1, column 'dropp_in'", "unknown column"},
    {"TooFewFields", {{",nej\n", "\n"}}, "row 3", "has 12 fields but the header has 13; the row is skipped"},
    {"DuplicateActivityId", {{"knit,", "walk,"}}, "row 3, column 'id'", R"(id "walk" is already used by row 2)"},
    {"InvalidId", {{"knit,", "Knit 2,"}}, "row 3, column 'id'",
     R"("Knit 2" is not an id (1-64 characters a-z, 0-9 and "-", not starting or ending with "-"))"},
    {"OrganisationNameDiffers", {{"Stickcaféet,Varberg,Stickcafé på", "Stickcafe,Varberg,Stickcafé på"}},
     "row 4, column 'organisation_name_sv'", R"(differs from row 3 for organisation "varberg-stickcafe")"},
    {"MunicipalityMissingOnFirstRow", {{"Vandringsvännerna,Halmstad,", "Vandringsvännerna,,"}},
     "row 2, column 'municipality'", "is empty"},
    {"OrganisationNameMissingOnFirstRow", {{"Vandringsvännerna,Halmstad,", ",Halmstad,"}},
     "row 2, column 'organisation_name_sv'", R"(needs a text in "sv" or "en")"},
    {"NoTitle", {{",Promenad,", ",,"}}, "row 2, column 'title_sv'", R"(needs a text in "sv" or "en")"},
    {"TitleTooLong", {{",Promenad,", k_long_title_cell}}, "row 2, column 'title_sv'",
     "is 301 bytes, more than the limit of 300 for a short text"},
    {"LineBreakInTitle", {{",Promenad,", ",\"Prom\nenad\","}}, "row 2, column 'title_sv'",
     R"("Prom\nenad" contains the control character U+000A at byte 4 (only descriptions may contain newlines))"},
    // A Latin-1 byte in a file that is otherwise UTF-8 ("Vandringsvännerna"): a mix, refused, never guessed.
    {"Latin1TitleInAUtf8File", {{",Promenad,", ",Prom\xE9nad,"}}, "file",
     "the file mixes encodings: line 2 has the UTF-8 character \"\xC3\xA4\", but byte 0xE9 on line 2 is not UTF-8; save "
     "the whole spreadsheet again from Excel as \"CSV UTF-8 (kommaavgr\xC3\xA4nsad)\""},
    {"QuoteInsideUnquotedCell", {{"Kungsvägen 1", "Kungsvägen \"1\""}}, "row 2, column 'address'",
     R"(a quote (") inside an unquoted field; quote the whole field and double the quotes in it)"},
    {"TextAfterClosingQuote", {{"Kungsvägen 1", "\"Kungsvägen\" 1"}}, "row 2, column 'address'",
     "text after the closing quote; a quoted field must end at the separator"},
    {"EmptyOrganisationId", {{"walk,halmstad-vandring,", "walk,,"}}, "row 2, column 'organisation_id'",
     "is empty; every row names the id of its organisation"},
    {"EmptyTown", {{",Tylösand,", ",,"}}, "row 2, column 'town'", "is empty"},
};

INSTANTIATE_TEST_SUITE_P(CatalogueCsv, CatalogueCsvInvalid, testing::ValuesIn(k_invalid_cases),
                         [](const testing::TestParamInfo<InvalidCase>& case_info) { return std::string(case_info.param.name); });

// --- Columns with a language, numbers, coordinates -------------------------------------------------

// k_csv plus extra columns, each row getting `cells` (row 2) or empty cells.
std::string with_columns(const std::string& names, const std::string& row2_cells)
{
    const std::size_t extra = static_cast<std::size_t>(std::count(names.begin(), names.end(), ',')) + 1;
    std::string text = replaced(k_csv, "drop_in\n", "drop_in," + names + "\n");
    text = replaced(text, ",yes\n", ",yes," + row2_cells + "\n");
    text = replaced(text, ",nej\n", ",nej" + std::string(extra, ',') + "\n");
    text = replaced(text, "Varberg,1\n", "Varberg,1" + std::string(extra, ',') + "\n");
    return text;
}

TEST(CatalogueCsv, NumbersAndCoordinatesAreCheckedByTheSharedRules)
{
    EXPECT_TRUE(parse_catalogue_csv(with_columns("cost_sek,lat,lon,min_age", "0,\"56,6\",-12.5,0")).ok());
    EXPECT_EQ(parse_catalogue_csv(with_columns("cost_sek", "20 kr/termin")).summary(),
              R"(row 2, column 'cost_sek': "20 kr/termin" is not a cost: write whole kronor like 20, "20 kr" or "gratis"; anything more goes in 'cost_note_sv' ('Om kostnaden'))");
    EXPECT_EQ(parse_catalogue_csv(with_columns("cost_sek", "100001")).summary(),
              "row 2, column 'cost_sek': 100001 is not between 0 and 100000");
    EXPECT_EQ(parse_catalogue_csv(with_columns("lat,lon", "56.6N,12")).summary(),
              R"(row 2, column 'lat': "56.6N" is not a decimal number like 56.648 or 56,648)");
    EXPECT_EQ(parse_catalogue_csv(with_columns("lat,lon", "1e3,12")).summary(),
              R"(row 2, column 'lat': "1e3" is not a decimal number like 56.648 or 56,648)");
    EXPECT_EQ(parse_catalogue_csv(with_columns("lat,lon", "91,12")).summary(),
              "row 2, column 'lat': 91.0 is not between -90.0 and 90.0");
    EXPECT_EQ(parse_catalogue_csv(with_columns("lat", "56.6")).summary(),
              "row 2, column 'lon': is missing; give lat and lon together, or neither");
    EXPECT_EQ(parse_catalogue_csv(with_columns("min_age,max_age", "30,18")).summary(),
              "row 2, column 'max_age': 18 is less than min_age 30");
    EXPECT_EQ(parse_catalogue_csv(with_columns("audience,accessibility", "adults|kids,ramp")).summary(),
              "row 2, column 'audience': \"kids\" is not an audience group; write one of: alla (everyone), vuxna "
              "(adults), unga (youth), äldre (seniors), kvinnor (women), män (men), nyanlända (newcomers), föräldrar "
              "(parents), hbtq (lgbtq)\n"
              "row 2, column 'accessibility': \"ramp\" is not an accessibility feature; write one of: rullstol "
              "(wheelchair), hörslinga (hearing-loop), tillgänglig toalett (accessible-toilet), tyst rum (quiet-space), "
              "teckenspråk (sign-language)");
    EXPECT_EQ(parse_catalogue_csv(with_columns("organisation_email", "kontakt.example.org")).summary(),
              R"(row 2, column 'organisation_email': "kontakt.example.org" is not an e-mail address (one "@", no spaces))");
    EXPECT_EQ(parse_catalogue_csv(with_columns("reply_days", "61")).summary(),
              "row 2, column 'reply_days': 61 is not between 0 and 60");
    // "Svenska" is Swedish for "sv", so the shared rules find it twice.
    EXPECT_EQ(parse_catalogue_csv(with_columns("languages", "sv|Svenska")).summary(),
              R"(row 2, column 'languages': "sv" is listed twice (first at [0]))");
    EXPECT_EQ(parse_catalogue_csv(with_columns("languages", "sv|Klingonska")).summary(),
              R"(row 2, column 'languages': "Klingonska" is not a language; write one of: svenska (sv), lätt svenska (sv-easy), engelska (en), arabiska (ar), persiska (fa), dari (prs), somaliska (so), tigrinja (ti), ukrainska (uk), or a language code such as "sv")");
}

TEST(CatalogueCsv, NeedsAndOffersArePerLanguageOrganisationColumns)
{
    // Catalogue format 1.5: what an association needs and offers, like its description.
    const CatalogueParseResult ok = parse_catalogue_csv(
        with_columns("organisation_needs_sv,organisation_needs_ar,organisation_offers_en",
                     "Fler som leder promenader,مزيد من المرشدين,Company and fresh air"));
    ASSERT_TRUE(ok.ok()) << ok.summary();
    const Organisation& walkers = ok.catalogue->organisations[0];
    EXPECT_EQ(walkers.needs.get("sv"), "Fler som leder promenader");
    EXPECT_EQ(walkers.needs.get("ar"), "مزيد من المرشدين");
    EXPECT_EQ(walkers.offers.get("en"), "Company and fresh air");
    EXPECT_TRUE(ok.catalogue->organisations[1].needs.empty());
    EXPECT_EQ(catalogue_format_minor_needed(*ok.catalogue), 5);

    // Swedish headers name the Swedish text; they are the same columns as the English names.
    const std::string swedish = with_columns("Vi behöver,VI ERBJUDER", "Fika-värdar,Gemenskap");
    const CatalogueParseResult sv = parse_catalogue_csv(swedish);
    ASSERT_TRUE(sv.ok()) << sv.summary();
    EXPECT_EQ(sv.catalogue->organisations[0].needs.get("sv"), "Fika-värdar");
    EXPECT_EQ(sv.catalogue->organisations[0].offers.get("sv"), "Gemenskap");
    EXPECT_EQ(parse_catalogue_csv(with_columns("Vi behöver,organisation_needs_sv", "a,b")).summary(),
              "row 1, column 'vi behöver': the column appears twice (columns 14 and 15); the second is ignored");

    // The JSON rules, named at the row and column the text came from.
    EXPECT_EQ(parse_catalogue_csv(with_columns("organisation_offers_ar", "قهوة")).summary(),
              R"(row 2, column 'organisation_offers_sv': needs a text in "sv" or "en")");
    EXPECT_EQ(parse_catalogue_csv(with_columns("organisation_needs_sv", std::string(8001, 'x'))).summary(),
              "row 2, column 'organisation_needs_sv': is 8001 bytes, more than the limit of 8000 for a description");
    EXPECT_EQ(parse_catalogue_csv(with_columns("organisation_needs_klingon", "x")).summary(),
              R"(row 1, column 'organisation_needs_klingon': "klingon" is not a language code like "sv", "en", "ar" or "sv-easy")");
    // Repeated on a later row of the same association, it must say the same.
    std::string twice = with_columns("organisation_offers_sv", "x");
    twice = replaced(twice, "2027-05-27,,Torget 2,Varberg,1,\n", "2027-05-27,,Torget 2,Varberg,1,Annat\n");
    EXPECT_NE(parse_catalogue_csv(twice).summary().find("column 'organisation_offers_sv': differs from row 3"),
              std::string::npos)
        << parse_catalogue_csv(twice).summary();
}

TEST(CatalogueCsv, PerLanguageColumnsAndTheirProblems)
{
    const CatalogueParseResult ok = parse_catalogue_csv(
        with_columns("title_ar,title_ti,place_sv,place_sv-easy,cost_note_en,how_to_find_us_sv,how_to_find_us_uk",
                     "نزهة,ምብጋስ,Vid havet,Vid stranden,Fika,Ingång från parken,Вхід з парку"));
    ASSERT_TRUE(ok.ok()) << ok.summary();
    const Activity& walk = ok.catalogue->activities[0];
    EXPECT_EQ(walk.title.get("ar"), "نزهة");
    EXPECT_EQ(walk.title.get("ti"), "ምብጋስ");
    EXPECT_EQ(walk.title.get("sv"), "Promenad");
    EXPECT_EQ(walk.place.name.get("sv-easy"), "Vid stranden");
    EXPECT_EQ(walk.cost.note.get("en"), "Fika");
    EXPECT_EQ(walk.place.how_to_find_us.get("sv"), "Ingång från parken");
    EXPECT_EQ(walk.place.how_to_find_us.get("uk"), "Вхід з парку");
    EXPECT_TRUE(ok.catalogue->activities[1].place.name.empty());

    // Texts follow the JSON rule: Swedish or English must be there.
    EXPECT_EQ(parse_catalogue_csv(with_columns("cost_note_ar", "قهوة")).summary(),
              R"(row 2, column 'cost_note_sv': needs a text in "sv" or "en")");

    EXPECT_EQ(parse_catalogue_csv(with_columns("title_swedish", "x")).summary(),
              R"(row 1, column 'title_swedish': "swedish" is not a language code like "sv", "en", "ar" or "sv-easy")");
    // Unquoted, a line break ends the record (RFC 4180); RowNumbersCountRecordsNotLines has the quoted form.
    EXPECT_EQ(parse_catalogue_csv(with_columns("description_en", "Line one\nline two")).summary(),
              "row 3: has 1 field but the header has 14; the row is skipped");
}

// --- Rows, headers and many problems ---------------------------------------------------------------

TEST(CatalogueCsv, RowNumbersCountRecordsNotLines)
{
    // Row 2's description spans three lines; the bad weekday in the next record is still row 3.
    std::string text = with_columns("description_sv", "\"Första raden\r\nandra; raden,\r\ntredje\"");
    text = replaced(text, "2026-12-05 10:00-14:00", "2026-12-05 10:00-14:00,");  // breaks row 3's field count
    text = replaced(text, "thu/2 18:00", "tx/2 18:00");
    EXPECT_EQ(problem_lines(parse_catalogue_csv(text)),
              (std::vector<std::string>{
                  "row 3: has 15 fields but the header has 14; the row is skipped",
                  R"(row 4, column 'weekly': "tx/2 18:00-20:00" is not a weekly entry like "tue 18:00-20:00": "tx" is not a weekday (mån, tis, ons, tor, fre, lör, sön or mon, tue, wed, thu, fri, sat, sun; whole names too, such as "tisdag" or "tisdagar"))",
              }));
}

TEST(CatalogueCsv, AllProblemsAreReportedNotOnlyTheFirst)
{
    std::string text(k_csv);
    text = replaced(text, "drop_in\n", "drop_in,frobnicate\n");
    text = replaced(text, ",yes\n", ",yes,1\n");
    text = replaced(text, "sat 10:00-12:00", "lx 10:00-12:00");
    text = replaced(text, "crafts|talk", "crafts|knitting");
    text = replaced(text, ",nej\n", ",kanske,\n");
    text = replaced(text, "Stickcaféet,Varberg,Stickcafé på", "Stickcaféet,Falkenberg,Stickcafé på");
    text = replaced(text, "Varberg,1\n", "Varberg,1,\n");
    const CatalogueParseResult result = parse_catalogue_csv(text);
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(problem_lines(result),
              (std::vector<std::string>{
                  "row 1, column 'frobnicate': unknown column",
                  R"(row 2, column 'weekly': "lx 10:00-12:00" is not a weekly entry like "tue 18:00-20:00": "lx" is not a weekday (mån, tis, ons, tor, fre, lör, sön or mon, tue, wed, thu, fri, sat, sun; whole names too, such as "tisdag" or "tisdagar"))",
                  "row 3, column 'interests': " R"("knitting" is not an interest; write one of: friluftsliv (outdoors), musik (music), hantverk (crafts), samtalsgrupper (talk), språkcafé (language-cafe), matlagning (cooking), spel (games), idrott och rörelse (sport), kultur (culture), volontärarbete (volunteering), böcker och läsning (books), odling (gardening))",
                  R"(row 3, column 'drop_in': "kanske" is not yes or no (also ja/nej, true/false, sant/falskt, 1/0))",
                  R"(row 4, column 'municipality': differs from row 3 for organisation "varberg-stickcafe")",
              }));
}

TEST(CatalogueCsv, MissingRequiredColumnsAreReportedOnceAtTheHeader)
{
    std::string text = replaced(k_csv, ",town,", ",stad,");
    text = replaced(text, ",title_sv,", ",rubriken,");
    EXPECT_EQ(problem_lines(parse_catalogue_csv(text)),
              (std::vector<std::string>{
                  "row 1, column 'rubriken': unknown column",
                  "row 1, column 'stad': unknown column",
                  "row 1: no column 'town' ('Ort'); it is required",
                  "row 1: no column 'title_sv' ('Aktivitet') or 'title_en'; one of them is required",
              }));
    EXPECT_EQ(parse_catalogue_csv(replaced(k_csv, ",from,", ",start,")).summary(),
              "row 1, column 'start': unknown column\nrow 1: no column 'from' ('Från'); it is required with 'weekly' or 'day'");
}

TEST(CatalogueCsv, DuplicateAndUnnamedColumns)
{
    EXPECT_EQ(parse_catalogue_csv(with_columns("Town", "Halmstad")).summary(),
              "row 1, column 'town': the column appears twice (columns 12 and 14); the second is ignored");
    EXPECT_EQ(parse_catalogue_csv(with_columns("", "stray")).summary(),
              "row 2, column 14: \"stray\" is in a column without a name");
}

TEST(CatalogueCsv, UnclosedQuoteIsNamedWithTheShortRow)
{
    const std::string text = replaced(k_csv, "Kungsvägen 1", "\"Kungsvägen 1");
    EXPECT_EQ(problem_lines(parse_catalogue_csv(text)),
              (std::vector<std::string>{
                  "row 2, column 'address': the quoted field is not closed before the end of the file",
                  "row 2: has 11 fields but the header has 13; the row is skipped",
              }));
}

TEST(CatalogueCsv, EmptyFile)
{
    EXPECT_EQ(parse_catalogue_csv("").summary(), "row 1: the file is empty; the first row must name the columns");
    EXPECT_EQ(parse_catalogue_csv("\xEF\xBB\xBF\r\n").summary(),
              "row 1: the file is empty; the first row must name the columns");
    // A header alone is an empty catalogue, as valid as JSON's empty arrays.
    const CatalogueParseResult header_only = parse_catalogue_csv(k_csv.substr(0, k_csv.find('\n') + 1));
    ASSERT_TRUE(header_only.ok()) << header_only.summary();
    EXPECT_TRUE(header_only.catalogue->activities.empty());
}

TEST(CatalogueCsv, Limits)
{
    CatalogueLimits limits;
    limits.max_activities = 2;
    EXPECT_EQ(parse_catalogue_csv(k_csv, 1, limits).summary(),
              "row 4: more than 2 activities, the limit; this and later rows are skipped");

    limits = {};
    limits.max_file_bytes = 100;
    EXPECT_EQ(parse_catalogue_csv(k_csv, 1, limits).summary(),
              "file: the file is " + std::to_string(k_csv.size()) + " bytes, more than the limit of 100 bytes");

    limits = {};
    limits.max_organisations = 1;
    EXPECT_EQ(parse_catalogue_csv(k_csv, 1, limits).summary(),
              "$.organisations: has 2 organisations, more than the limit of 1");

    limits = {};
    limits.max_short_text_bytes = 8;
    EXPECT_EQ(parse_catalogue_csv(k_csv, 1, limits).summary(),
              "row 2, column 'organisation_name_sv': is 18 bytes, more than the limit of 8 for a short text\n"
              "row 3, column 'organisation_name_sv': is 12 bytes, more than the limit of 8 for a short text\n"
              "row 2, column 'address': \"Kungsvägen 1\" is 13 bytes, more than the limit of 8\n"
              "row 3, column 'title_sv': is 10 bytes, more than the limit of 8 for a short text\n"
              "row 4, column 'title_sv': is 23 bytes, more than the limit of 8 for a short text");

    limits = {};
    limits.max_problems = 2;
    std::string text(k_csv);
    text = replaced(text, ",yes\n", ",maybe\n");
    text = replaced(text, ",nej\n", ",maybe\n");
    text = replaced(text, "Varberg,1\n", "Varberg,maybe\n");
    EXPECT_EQ(problem_lines(parse_catalogue_csv(text, 1, limits)),
              (std::vector<std::string>{
                  R"(row 2, column 'drop_in': "maybe" is not yes or no (also ja/nej, true/false, sant/falskt, 1/0))",
                  R"(row 3, column 'drop_in': "maybe" is not yes or no (also ja/nej, true/false, sant/falskt, 1/0))",
                  "…: and 1 more problem",
              }));
}

TEST(CatalogueCsv, VersionComesFromTheCaller)
{
    EXPECT_EQ(parse_catalogue_csv(k_csv, 0).summary(), "$.version: must be 1 or more, got 0");
}

}  // namespace
}  // namespace lotsen
