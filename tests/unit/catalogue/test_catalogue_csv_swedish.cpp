// test_catalogue_csv_swedish.cpp — spreadsheets as associations keep them (issue 20): Swedish
// column names and values (weekdays, interests, costs, ja/nej, languages, accessibility, audience),
// "Dag" and "Tid" columns, comment rows, the encodings (UTF-8 with and without a byte-order mark,
// Windows-1252 said out loud, UTF-16, a mix and bytes of neither refused), rows of one association
// only, and the template and examples shipped in docs/examples/.
#include "core/catalogue/catalogue_csv.hpp"
#include "core/catalogue/catalogue_csv_encoding.hpp"
#include "core/catalogue/catalogue_csv_syntax.hpp"
#include "core/catalogue/catalogue_csv_words.hpp"
#include "core/catalogue/catalogue_json.hpp"
#include "tests/common/files.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lotsen {
namespace {

using namespace catalogue_csv_detail;

// One activity with Swedish headers; ROW is the data row.
std::string swedish_sheet(const std::string& row)
{
    return "Aktivitets-id;Förenings-id;Förening;Kommun;Aktivitet;Intressen;Dag;Tid;Från;Till;Adress;Ort;Kostnad;"
           "Drop-in;Språk;Tillgänglighet;Målgrupp\n" + row + "\n";
}

const std::string k_row = "stick;varberg-stickcafe;Stickcaféet;Varberg;Stickcafé;handarbete;tis;18-20;2026-08-01;"
                          "2027-06-30;Torget 2;Varberg;20 kr;ja;svenska;rullstol;alla";

std::vector<std::string> problems_of(const ImportedSpreadsheet& imported)
{
    std::vector<std::string> lines;
    for (const CatalogueProblem& problem : imported.result.problems)
        lines.push_back(problem.to_string());
    return lines;
}

ImportedSpreadsheet import(std::string_view bytes, CsvImportOptions options = {})
{
    return import_catalogue_csv(bytes, options);
}

std::string replace_all(std::string text, const std::string& from, const std::string& to)
{
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

std::string read_example(const std::string& name)
{
    const std::string bytes = lotsen::testing::read_file(std::string(LOTSEN_SOURCE_DIR) + "/docs/examples/" + name);
    EXPECT_FALSE(bytes.empty()) << name;
    return bytes;
}

TEST(CatalogueCsvSwedish, SwedishHeadersAndValuesImport)
{
    const ImportedSpreadsheet imported = import(swedish_sheet(k_row));
    ASSERT_TRUE(imported.result.ok()) << imported.result.summary();
    EXPECT_EQ(imported.separator, ';');
    EXPECT_EQ(imported.encoding, "UTF-8");
    EXPECT_FALSE(imported.read_as_windows_1252);
    const Catalogue& catalogue = *imported.result.catalogue;
    ASSERT_EQ(catalogue.activities.size(), 1u);
    const Activity& activity = catalogue.activities[0];
    EXPECT_EQ(activity.organisation_id, "varberg-stickcafe");
    EXPECT_EQ(activity.title.get("sv"), "Stickcafé");
    EXPECT_EQ(catalogue.organisations.at(0).name.get("sv"), "Stickcaféet");
    EXPECT_EQ(activity.interests, std::vector<std::string>{"crafts"});
    ASSERT_EQ(activity.schedule.weekly.size(), 1u);
    EXPECT_EQ(activity.schedule.weekly[0],
              (WeeklyRule{2, TimeOfDay{18 * 60}, TimeOfDay{20 * 60}, Date{2026, 8, 1}, Date{2027, 6, 30}, 1}));
    EXPECT_EQ(activity.cost.sek, 20);
    EXPECT_TRUE(activity.drop_in);
    EXPECT_EQ(activity.languages, std::vector<std::string>{"sv"});
    EXPECT_EQ(activity.accessibility, std::vector<std::string>{"wheelchair"});
    EXPECT_EQ(activity.audience.groups, std::vector<std::string>{"everyone"});
}

TEST(CatalogueCsvSwedish, EveryWeekdayFormIsRead)
{
    struct Case {
        std::string word;
        int weekday;
        int every_weeks;
    };
    for (const Case& c : std::vector<Case>{{"tis", 2, 1}, {"tisdag", 2, 1}, {"Tisdagar", 2, 1}, {"TIS.", 2, 1},
                                           {"ti", 2, 1}, {"tue", 2, 1}, {"Tuesday", 2, 1}, {"mån", 1, 1},
                                           {"Måndagar", 1, 1}, {"ons", 3, 1}, {"tors", 4, 1}, {"to", 4, 1},
                                           {"fre", 5, 1}, {"lördag", 6, 1}, {"Lör", 6, 1}, {"sön", 7, 1},
                                           {"söndagar", 7, 1}, {"varannan tisdag", 2, 2}, {"tis/2", 2, 2}}) {
        const ImportedSpreadsheet imported = import(swedish_sheet(replace_all(k_row, ";tis;", ";" + c.word + ";")));
        ASSERT_TRUE(imported.result.ok()) << c.word << ": " << imported.result.summary();
        const WeeklyRule& rule = imported.result.catalogue->activities.at(0).schedule.weekly.at(0);
        EXPECT_EQ(rule.iso_weekday, c.weekday) << c.word;
        EXPECT_EQ(rule.every_weeks, c.every_weeks) << c.word;
    }
    // Several days in one cell.
    const ImportedSpreadsheet both = import(swedish_sheet(replace_all(k_row, ";tis;", ";tis | torsdagar;")));
    ASSERT_TRUE(both.result.ok()) << both.result.summary();
    EXPECT_EQ(both.result.catalogue->activities.at(0).schedule.weekly.size(), 2u);

    const ImportedSpreadsheet bad = import(swedish_sheet(replace_all(k_row, ";tis;", ";tisd;")));
    ASSERT_EQ(problems_of(bad).size(), 1u);
    EXPECT_EQ(problems_of(bad)[0],
              "row 2, column 'dag': \"tisd\" is not a weekday (mån, tis, ons, tor, fre, lör, sön or mon, tue, wed, thu, "
              "fri, sat, sun; whole names too, such as \"tisdag\" or \"tisdagar\")");
}

TEST(CatalogueCsvSwedish, EveryTimeFormIsRead)
{
    for (const std::string& time :
         std::vector<std::string>{"18-20", "18:00-20:00", "18.00-20.00", "18.00–20.00", "kl. 18-20", "kl 18 - 20"}) {
        const ImportedSpreadsheet imported = import(swedish_sheet(replace_all(k_row, ";18-20;", ";" + time + ";")));
        ASSERT_TRUE(imported.result.ok()) << time << ": " << imported.result.summary();
        const WeeklyRule& rule = imported.result.catalogue->activities.at(0).schedule.weekly.at(0);
        EXPECT_EQ(rule.start, TimeOfDay{18 * 60}) << time;
        EXPECT_EQ(rule.end, TimeOfDay{20 * 60}) << time;
    }
    const ImportedSpreadsheet bad = import(swedish_sheet(replace_all(k_row, ";18-20;", ";kvällstid;")));
    ASSERT_EQ(problems_of(bad).size(), 1u);
    EXPECT_EQ(problems_of(bad)[0], "row 2, column 'tid': \"kvällstid\" is not a time range like \"18:00-20:00\", "
                                   "\"18.00–20.00\" or \"18-20\"");
    const ImportedSpreadsheet missing = import(swedish_sheet(replace_all(k_row, ";18-20;", ";;")));
    ASSERT_EQ(problems_of(missing).size(), 1u);
    EXPECT_EQ(problems_of(missing)[0], "row 2, column 'tid': is empty; it is required when 'day' is given");
}

TEST(CatalogueCsvSwedish, EveryCostFormIsRead)
{
    struct Case {
        std::string cell;
        int sek;
    };
    for (const Case& c : std::vector<Case>{{"20 kr", 20}, {"20kr", 20}, {"20:-", 20}, {"20 SEK", 20}, {"20", 20},
                                           {"35 kronor", 35}, {"gratis", 0}, {"Gratis", 0}, {"kostnadsfritt", 0},
                                           {"free", 0}, {"0 kr", 0}}) {
        const ImportedSpreadsheet imported = import(swedish_sheet(replace_all(k_row, ";20 kr;", ";" + c.cell + ";")));
        ASSERT_TRUE(imported.result.ok()) << c.cell << ": " << imported.result.summary();
        EXPECT_EQ(imported.result.catalogue->activities.at(0).cost.sek, c.sek) << c.cell;
    }
    const ImportedSpreadsheet bad = import(swedish_sheet(replace_all(k_row, ";20 kr;", ";20 kr/termin;")));
    ASSERT_EQ(problems_of(bad).size(), 1u);
    EXPECT_EQ(problems_of(bad)[0], "row 2, column 'kostnad': \"20 kr/termin\" is not a cost: write whole kronor like "
                                   "20, \"20 kr\" or \"gratis\"; anything more goes in 'cost_note_sv' ('Om kostnaden')");
}

TEST(CatalogueCsvSwedish, YesAndNoInSwedishAndAsSwedishExcelWritesThem)
{
    for (const auto& [cell, value] : std::vector<std::pair<std::string, bool>>{
             {"ja", true}, {"JA", true}, {"Ja", true}, {"SANT", true}, {"yes", true}, {"nej", false},
             {"Nej", false}, {"FALSKT", false}, {"no", false}, {"0", false}}) {
        const ImportedSpreadsheet imported = import(swedish_sheet(replace_all(k_row, ";ja;", ";" + cell + ";")));
        ASSERT_TRUE(imported.result.ok()) << cell << ": " << imported.result.summary();
        EXPECT_EQ(imported.result.catalogue->activities.at(0).drop_in, value) << cell;
    }
    const ImportedSpreadsheet bad = import(swedish_sheet(replace_all(k_row, ";ja;", ";kanske;")));
    ASSERT_EQ(problems_of(bad).size(), 1u);
    EXPECT_EQ(problems_of(bad)[0], "row 2, column 'drop-in': \"kanske\" is not yes or no (also ja/nej, true/false, "
                                   "sant/falskt, 1/0)");
}

TEST(CatalogueCsvSwedish, WordsOfEachVocabularyBecomeTheirIds)
{
    std::string row = replace_all(k_row, ";handarbete;", ";Handarbete, samtal | Språkcafé;");
    row = replace_all(row, ";svenska;", ";Svenska | arabiska | lätt svenska | uk;");
    row = replace_all(row, ";rullstol;", ";rullstol | hörslinga | tyst rum;");
    row = replace_all(row, ";alla", ";Äldre | nyanlända");
    const ImportedSpreadsheet imported = import(swedish_sheet(row));
    ASSERT_TRUE(imported.result.ok()) << imported.result.summary();
    const Activity& activity = imported.result.catalogue->activities.at(0);
    EXPECT_EQ(activity.interests, (std::vector<std::string>{"crafts", "talk", "language-cafe"}));
    EXPECT_EQ(activity.languages, (std::vector<std::string>{"sv", "ar", "sv-easy", "uk"}));
    EXPECT_EQ(activity.accessibility, (std::vector<std::string>{"wheelchair", "hearing-loop", "quiet-space"}));
    EXPECT_EQ(activity.audience.groups, (std::vector<std::string>{"seniors", "newcomers"}));

    const ImportedSpreadsheet bad = import(swedish_sheet(replace_all(k_row, ";handarbete;", ";handarbete | dans;")));
    ASSERT_EQ(problems_of(bad).size(), 1u);
    EXPECT_EQ(problems_of(bad)[0].rfind("row 2, column 'intressen': \"dans\" is not an interest; write one of: "
                                        "friluftsliv (outdoors), musik (music), hantverk (crafts),", 0),
              0u)
        << problems_of(bad)[0];
}

TEST(CatalogueCsvSwedish, EnglishAndSwedishHeadersGiveTheSameCatalogue)
{
    const std::string english =
        "id,organisation_id,organisation_name_sv,municipality,title_sv,interests,weekly,from,until,address,town,"
        "cost_sek,drop_in,languages,accessibility,audience\n"
        "stick,varberg-stickcafe,Stickcaféet,Varberg,Stickcafé,crafts,tue 18:00-20:00,2026-08-01,2027-06-30,"
        "Torget 2,Varberg,20,yes,sv,wheelchair,everyone\n";
    const ImportedSpreadsheet from_english = import(english);
    const ImportedSpreadsheet from_swedish = import(swedish_sheet(k_row));
    ASSERT_TRUE(from_english.result.ok()) << from_english.result.summary();
    ASSERT_TRUE(from_swedish.result.ok()) << from_swedish.result.summary();
    EXPECT_EQ(*from_english.result.catalogue, *from_swedish.result.catalogue);
    EXPECT_EQ(from_english.separator, ',');
}

TEST(CatalogueCsvSwedish, ProblemsFoundByTheSharedRulesNameTheSwedishColumn)
{
    // The JSON rules find the missing title; the problem names the column as the header wrote it.
    const ImportedSpreadsheet imported = import(swedish_sheet(replace_all(k_row, ";Stickcafé;", ";;")));
    ASSERT_FALSE(imported.result.ok());
    ASSERT_EQ(problems_of(imported).size(), 1u) << imported.result.summary();
    EXPECT_EQ(problems_of(imported)[0].rfind("row 2, column 'aktivitet': ", 0), 0u) << problems_of(imported)[0];
}

TEST(CatalogueCsvSwedish, MissingColumnsAreNamedInBothLanguages)
{
    const ImportedSpreadsheet imported = import("Aktivitet;Förening\nx;y\n");
    const std::vector<std::string> lines = problems_of(imported);
    EXPECT_NE(std::find(lines.begin(), lines.end(), "row 1: no column 'id' ('Aktivitets-id'); it is required"), lines.end());
    EXPECT_NE(std::find(lines.begin(), lines.end(),
                        "row 1: no column 'weekly', 'day' ('Dag') or 'dates' ('Datum'); one of them is required"),
              lines.end());
}

TEST(CatalogueCsvSwedish, ACommentRowIsSkippedButCounted)
{
    const std::string sheet = swedish_sheet("# förklaring;;;;;;;;;;;;;;;;\n" + replace_all(k_row, ";tis;", ";tisd;"));
    const ImportedSpreadsheet imported = import(sheet);
    ASSERT_EQ(problems_of(imported).size(), 1u) << imported.result.summary();
    EXPECT_EQ(problems_of(imported)[0].rfind("row 3, column 'dag'", 0), 0u) << problems_of(imported)[0];
}

// ---------------------------------------------------------------------------------------------------
// Encodings

std::string to_windows_1252(std::string_view utf8)
{
    // The letters these tests use: å ä ö Å Ä Ö é and the en dash.
    const std::vector<std::pair<std::string, char>> letters{
        {"å", '\xE5'}, {"ä", '\xE4'}, {"ö", '\xF6'}, {"Å", '\xC5'}, {"Ä", '\xC4'}, {"Ö", '\xD6'}, {"é", '\xE9'},
        {"–", '\x96'}};
    std::string out(utf8);
    for (const auto& [letter, byte] : letters)
        out = replace_all(out, letter, std::string(1, byte));
    return out;
}

TEST(CatalogueCsvSwedish, Windows1252IsDetectedSaidAndReadAsTheSameCatalogue)
{
    const std::string utf8 = swedish_sheet(replace_all(k_row, ";18-20;", ";18.00–20.00;"));
    const ImportedSpreadsheet from_utf8 = import(utf8);
    const ImportedSpreadsheet from_1252 = import(to_windows_1252(utf8));
    ASSERT_TRUE(from_utf8.result.ok()) << from_utf8.result.summary();
    ASSERT_TRUE(from_1252.result.ok()) << from_1252.result.summary();
    EXPECT_TRUE(from_1252.read_as_windows_1252);
    EXPECT_EQ(from_1252.encoding, "Windows-1252");
    EXPECT_EQ(*from_1252.result.catalogue, *from_utf8.result.catalogue);
    EXPECT_EQ(from_1252.result.catalogue->organisations.at(0).name.get("sv"), "Stickcaféet");

    const ImportedSpreadsheet with_bom = import("\xEF\xBB\xBF" + utf8);
    ASSERT_TRUE(with_bom.result.ok()) << with_bom.result.summary();
    EXPECT_EQ(with_bom.encoding, "UTF-8 with a byte-order mark");
    EXPECT_EQ(*with_bom.result.catalogue, *from_utf8.result.catalogue);
}

TEST(CatalogueCsvSwedish, EveryWindows1252ByteDecodesAsTheStandardSays)
{
    // Spot checks of the table against the WHATWG index: € ‚ ’ – — Ÿ, and Latin-1 above 0x9F.
    const DecodedText decoded = decode_spreadsheet_bytes("\x80\x82\x92\x96\x97\x9F\xA0\xE5\xFF");
    ASSERT_EQ(decoded.encoding, TextEncoding::windows_1252) << decoded.problem;
    EXPECT_EQ(decoded.text, "€‚’–—Ÿ\u00A0åÿ");
}

TEST(CatalogueCsvSwedish, WhatIsNeitherOrAMixIsRefusedWithWhere)
{
    // 0x81 is a character in neither UTF-8 nor Windows-1252.
    const ImportedSpreadsheet neither = import("id;ort\nx;G\x81teborg\n");
    ASSERT_EQ(problems_of(neither).size(), 1u);
    EXPECT_EQ(problems_of(neither)[0],
              "file: the file is neither UTF-8 nor Windows-1252: byte 0x81 on line 2 is a character in neither; save it "
              "from Excel as \"CSV UTF-8 (kommaavgränsad)\" or \"CSV (semikolonavgränsad)\"");

    // UTF-8 "å" on line 2 and a Windows-1252 "ö" on line 3: refused, never guessed.
    const ImportedSpreadsheet mixed = import("id;ort\nx;Tvååker\ny;G\xF6teborg\n");
    ASSERT_EQ(problems_of(mixed).size(), 1u);
    EXPECT_EQ(problems_of(mixed)[0].rfind("file: the file mixes encodings: line 2 has the UTF-8 character \"å\", but "
                                          "byte 0xF6 on line 3 is not UTF-8;", 0),
              0u)
        << problems_of(mixed)[0];

    // After a byte-order mark the file is UTF-8: a byte that is not is named in its cell.
    const ImportedSpreadsheet marked = import("\xEF\xBB\xBF" + swedish_sheet(replace_all(k_row, "Stickcafé;", "Stickcaf\xE9;")));
    ASSERT_EQ(problems_of(marked).size(), 1u) << marked.result.summary();
    EXPECT_EQ(problems_of(marked)[0], "row 2, column 'aktivitet': is not valid UTF-8 (byte 0xE9 at byte 8 of the cell); "
                                      "save the spreadsheet as \"CSV UTF-8\"");

    const ImportedSpreadsheet utf16 = import(std::string("\xFF\xFEi\0d\0", 6));
    ASSERT_EQ(problems_of(utf16).size(), 1u);
    EXPECT_EQ(problems_of(utf16)[0].rfind("file: the file is UTF-16", 0), 0u) << problems_of(utf16)[0];
    EXPECT_TRUE(utf16.encoding.empty());
}

// ---------------------------------------------------------------------------------------------------
// One association's part

TEST(CatalogueCsvSwedish, RowsOfAnotherAssociationAreRefusedWithRowAndColumn)
{
    const std::string other = replace_all(replace_all(k_row, "stick;varberg-stickcafe", "schack;halmstad-schack"),
                                          "Stickcaféet;Varberg", "Schackklubben;Halmstad");
    const std::string sheet = swedish_sheet(k_row + "\n" + other);

    CsvImportOptions first_row_decides;
    first_row_decides.one_association = true;
    const ImportedSpreadsheet imported = import(sheet, first_row_decides);
    ASSERT_EQ(problems_of(imported).size(), 1u) << imported.result.summary();
    EXPECT_EQ(problems_of(imported)[0],
              "row 3, column 'förenings-id': \"halmstad-schack\" is another association, but row 2 names association "
              "\"varberg-stickcafe\"; a spreadsheet is one association's part, so rows for another association are "
              "refused (publish them from that association's own spreadsheet)");

    CsvImportOptions given;
    given.association = "halmstad-schack";
    const ImportedSpreadsheet named = import(sheet, given);
    ASSERT_EQ(problems_of(named).size(), 1u) << named.result.summary();
    EXPECT_EQ(problems_of(named)[0].rfind("row 2, column 'förenings-id': \"varberg-stickcafe\" is another association, "
                                          "but the spreadsheet is published as association \"halmstad-schack\";", 0),
              0u)
        << problems_of(named)[0];

    // Without the option, a spreadsheet may hold several associations (validate, convert).
    EXPECT_TRUE(import(sheet).result.ok()) << import(sheet).result.summary();
}

TEST(CatalogueCsvSwedish, WithTheAssociationGivenTheOrganisationIdColumnMayBeLeftOut)
{
    const std::string sheet = "Aktivitets-id;Förening;Kommun;Aktivitet;Intressen;Datum;Adress;Ort\n"
                              "julmarknad;Stickcaféet;Varberg;Julmarknad;handarbete;2026-12-05 10-14;Torget 2;Varberg\n";
    EXPECT_FALSE(import(sheet).result.ok());
    CsvImportOptions given;
    given.association = "varberg-stickcafe";
    const ImportedSpreadsheet imported = import(sheet, given);
    ASSERT_TRUE(imported.result.ok()) << imported.result.summary();
    EXPECT_EQ(imported.result.catalogue->activities.at(0).organisation_id, "varberg-stickcafe");
    EXPECT_EQ(imported.activity_rows, std::vector<std::size_t>{2});
}

// ---------------------------------------------------------------------------------------------------
// What ships in docs/examples/

TEST(CatalogueCsvExamples, TheTemplateNamesEveryColumnAndHoldsNoActivity)
{
    const std::string bytes = read_example("aktiviteter-mall.csv");
    ASSERT_EQ(bytes.substr(0, 3), "\xEF\xBB\xBF");  // so Excel opens å, ä and ö as they are
    const ImportedSpreadsheet imported = import(bytes);
    ASSERT_TRUE(imported.result.ok()) << imported.result.summary();
    EXPECT_EQ(imported.separator, ';');
    EXPECT_TRUE(imported.result.catalogue->activities.empty());
    // Filled in with one row under the comment, it is a catalogue.
    const std::string filled =
        bytes + "stick;varberg-stickcafe;Stickcaféet;Varberg;Stickcafé;;handarbete;tis;18-20;2026-08-01;2027-06-30;;;;;"
                "Torget 2;Varberg;gratis;;;;;ja;;;;;Fler som stickar;Garn att låna\n";
    const ImportedSpreadsheet one = import(filled);
    ASSERT_TRUE(one.result.ok()) << one.result.summary();
    EXPECT_EQ(one.result.catalogue->activities.size(), 1u);
    // "Vi behöver" and "Vi erbjuder" (catalogue format 1.5) are the last columns.
    EXPECT_EQ(one.result.catalogue->organisations.at(0).needs.get("sv"), "Fler som stickar");
    EXPECT_EQ(one.result.catalogue->organisations.at(0).offers.get("sv"), "Garn att låna");
}

TEST(CatalogueCsvExamples, TheStickcafeExampleIsWindows1252WithSwedishHeadersAndValues)
{
    CsvImportOptions part;
    part.one_association = true;
    const ImportedSpreadsheet imported = import(read_example("stickcafe.csv"), part);
    ASSERT_TRUE(imported.result.ok()) << imported.result.summary();
    EXPECT_TRUE(imported.read_as_windows_1252);
    EXPECT_EQ(imported.separator, ';');
    EXPECT_EQ(imported.association, "varberg-stickcafe");
    const Catalogue& catalogue = *imported.result.catalogue;
    ASSERT_EQ(catalogue.activities.size(), 3u);
    EXPECT_EQ(catalogue.organisations.at(0).name.get("sv"), "Stickcaféet i Varberg");
    EXPECT_EQ(catalogue.activities[0].schedule.weekly.at(0).iso_weekday, 2);  // "tis"
    EXPECT_EQ(catalogue.activities[0].cost.sek, 20);                        // "20 kr"
    EXPECT_EQ(catalogue.activities[1].schedule.weekly.at(0).iso_weekday, 6);  // "Lördagar"
    EXPECT_EQ(catalogue.activities[1].cost.sek, 0);                          // "gratis"
    EXPECT_EQ(catalogue.activities[2].schedule.dates.size(), 1u);
}

TEST(CatalogueCsvExamples, TheSchackExampleIsUtf8WithAByteOrderMark)
{
    CsvImportOptions part;
    part.one_association = true;
    const ImportedSpreadsheet imported = import(read_example("schack.csv"), part);
    ASSERT_TRUE(imported.result.ok()) << imported.result.summary();
    EXPECT_EQ(imported.encoding, "UTF-8 with a byte-order mark");
    EXPECT_EQ(imported.association, "halmstad-schack");
    const Catalogue& catalogue = *imported.result.catalogue;
    ASSERT_EQ(catalogue.activities.size(), 2u);
    EXPECT_EQ(catalogue.activities[0].schedule.weekly.at(0).every_weeks, 2);  // "varannan torsdag"
    EXPECT_EQ(catalogue.activities[0].schedule.cancelled.size(), 2u);
    EXPECT_EQ(catalogue.activities[0].languages, (std::vector<std::string>{"sv", "en", "uk"}));
    EXPECT_EQ(catalogue.activities[1].cost.sek, 50);
    // The club says what it needs and offers ("Vi behöver", "Vi erbjuder": catalogue format 1.5).
    EXPECT_EQ(catalogue.organisations.at(0).needs.get("sv"),
              "Någon som kan leda schackskolan för barn varannan söndag, och fler brädor och klockor.");
    EXPECT_EQ(catalogue.organisations.at(0).offers.get("sv"),
              "En lugn kväll med schack, för nybörjare och vana. Vi lär dig gärna reglerna.");
    EXPECT_EQ(catalogue_format_minor_needed(catalogue), 5);
}

}  // namespace
}  // namespace lotsen
