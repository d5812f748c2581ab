// test_search.cpp — Store::search(): Swedish words and prefixes, diacritic folding with exact
// matches ranked first, Arabic and Ethiopic script, title above description, organisation names
// and interest labels in every language, hostile input, empty queries, limits, next occurrences.
#include "core/storage/store.hpp"

#include "core/storage/search_folding.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace lotsen {
namespace {

constexpr UnixSeconds k_now = 1780300800;  // Mon 2026-06-01 10:00 CEST

Date date(const char* text)
{
    return Date::parse(text).value();
}

TimeOfDay at(int hour, int minute = 0)
{
    return TimeOfDay{hour * 60 + minute};
}

Activity make_activity(std::string id, std::string organisation_id, TextMap title, TextMap description = {},
                       std::vector<std::string> interests = {})
{
    Activity activity;
    activity.id = std::move(id);
    activity.organisation_id = std::move(organisation_id);
    activity.title = LocalizedText(std::move(title));
    activity.description = LocalizedText(std::move(description));
    activity.interests = std::move(interests);
    activity.place.town = "Halmstad";
    // Every Tuesday at 18:00 through 2026.
    activity.schedule.weekly = {WeeklyRule{2, at(18), at(19), date("2026-01-01"), date("2026-12-31"), 1}};
    return activity;
}

Catalogue make_catalogue()
{
    Catalogue catalogue;
    catalogue.version = 1;
    catalogue.interests = {
        Interest{"music", LocalizedText({{"sv", "Musik"}, {"en", "Music"}, {"ar", "موسيقى"}})},
        Interest{"outdoors", LocalizedText({{"sv", "Friluftsliv"}, {"en", "Outdoors"}, {"ti", "ደገ"}})},
    };
    Organisation frilufts;
    frilufts.id = "frilufts";
    frilufts.name = LocalizedText(TextMap{{"sv", "Friluftsfrämjandet Halmstad"}});
    Organisation kulturhuset;
    kulturhuset.id = "kulturhuset";
    kulturhuset.name = LocalizedText(TextMap{{"sv", "Kulturhuset Najaden"}});
    catalogue.organisations = {frilufts, kulturhuset};

    auto& a = catalogue.activities;
    a.push_back(make_activity("stickcafe", "kulturhuset", {{"sv", "Stickcafé"}, {"en", "Knitting café"}},
                              {{"sv", "Ta med garn och stickor."}}));
    a.push_back(make_activity("promenad", "frilufts", {{"sv", "Promenad i Galgberget"}},
                              {{"sv", "En lugn runda i skogen."}}, {"outdoors"}));
    a.push_back(make_activity("kanot", "frilufts", {{"sv", "Kanot på Nissan"}}, {{"sv", "Samling vid Najaden."}},
                              {"outdoors"}));
    a.push_back(make_activity("ovning", "kulturhuset", {{"sv", "Övning i svenska"}}));
    // Two titles that differ only in the accent, for the exact-match ranking.
    a.push_back(make_activity("cafe-accent", "kulturhuset", {{"sv", "Café Ankaret"}}));
    a.push_back(make_activity("cafe-plain", "kulturhuset", {{"sv", "Cafe Ankaret"}}));
    a.push_back(make_activity("qahwa", "kulturhuset", {{"sv", "Kaffe och samtal"}, {"ar", "قهوة وحديث"}}));
    a.push_back(make_activity("arabic-coffee", "kulturhuset", {{"sv", "Arabiskt kaffe"}, {"ar", "القهوة العربية"}}));
    a.push_back(make_activity("ti-cafe", "kulturhuset", {{"sv", "Språkcafé på tigrinja"}, {"ti", "ካፈ ቋንቋ"}},
                              {{"ti", "ቡና ምስ ዕላል"}}));
    a.push_back(make_activity("schack", "kulturhuset", {{"sv", "Schack för alla"}}));
    a.push_back(make_activity("spelkvall", "kulturhuset", {{"sv", "Spelkväll"}},
                              {{"sv", "Vi spelar schack, kort och brädspel."}}));
    a.push_back(make_activity("samtal", "kulturhuset", {{"sv", "Samtalsgrupp"}, {"uk", "Розмовний клуб"}}));

    // Music: its only date lies beyond the window materialised at import.
    Activity kor = make_activity("kor", "kulturhuset", {{"sv", "Kör för nybörjare"}}, {}, {"music"});
    kor.schedule.weekly.clear();
    kor.schedule.dates = {SingleDate{date("2026-12-05"), at(19), at(21)}};
    a.push_back(kor);
    // Over before the import.
    Activity vinter = make_activity("vinterbad", "frilufts", {{"sv", "Vinterbad"}});
    vinter.schedule.weekly = {WeeklyRule{6, at(9), at(10), date("2026-01-01"), date("2026-03-31"), 1}};
    a.push_back(vinter);
    return catalogue;
}

class SearchTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto store = Store::open(":memory:");
        ASSERT_TRUE(store.ok()) << store.error().text();
        m_store = std::move(store.value());
        auto replaced = m_store->replace_catalogue(make_catalogue(), k_now);
        ASSERT_TRUE(replaced.ok()) << replaced.error().text();
    }

    std::vector<ActivityListItem> search(std::string_view text, int limit = 50)
    {
        auto hits = m_store->search(text, k_now, limit);
        EXPECT_TRUE(hits.ok()) << "query '" << text << "': " << (hits.ok() ? "" : hits.error().text());
        return hits.ok() ? hits.value() : std::vector<ActivityListItem>{};
    }

    // Ids in rank order.
    std::vector<std::string> found(std::string_view text, int limit = 50)
    {
        std::vector<std::string> ids;
        for (const ActivityListItem& item : search(text, limit))
            ids.push_back(item.activity_id);
        return ids;
    }

    // Ids sorted, for queries whose hits rank equally.
    std::vector<std::string> found_set(std::string_view text)
    {
        std::vector<std::string> ids = found(text);
        std::sort(ids.begin(), ids.end());
        return ids;
    }

    static std::ptrdiff_t rank_of(const std::vector<std::string>& ids, const std::string& id)
    {
        const auto it = std::find(ids.begin(), ids.end(), id);
        return it == ids.end() ? -1 : it - ids.begin();
    }

    std::unique_ptr<Store> m_store;
};

using Ids = std::vector<std::string>;

TEST_F(SearchTest, FindsSwedishWords)
{
    EXPECT_EQ(found("promenad"), Ids{"promenad"});
    EXPECT_EQ(found("Promenad"), Ids{"promenad"});
    EXPECT_EQ(found("kanot nissan"), Ids{"kanot"});  // every word must match …
    EXPECT_EQ(found("kanot galgberget"), Ids{});     // … so this finds nothing
}

TEST_F(SearchTest, LastWordIsAPrefixWhileTyping)
{
    EXPECT_EQ(found("stick"), Ids{"stickcafe"});
    EXPECT_EQ(found("prom"), Ids{"promenad"});
    EXPECT_EQ(found_set("p"), (Ids{"kanot", "promenad", "ti-cafe"}));  // "på" is in two titles
}

TEST_F(SearchTest, OnlyTheLastWordIsAPrefix)
{
    EXPECT_EQ(found("kan nissan"), Ids{});  // "kan" is a whole word here, not a prefix of "kanot"
    EXPECT_EQ(found("nissan kan"), Ids{"kanot"});
}

TEST_F(SearchTest, IgnoresDiacritics)
{
    EXPECT_EQ(found("ovning"), Ids{"ovning"});
    EXPECT_EQ(found("OVNING"), Ids{"ovning"});
    EXPECT_EQ(found("övn"), Ids{"ovning"});
    EXPECT_EQ(found_set("friluftsframjandet"), (Ids{"kanot", "promenad", "vinterbad"}));
    const Ids cafe = found("cafe");
    EXPECT_NE(rank_of(cafe, "cafe-accent"), -1);
    EXPECT_NE(rank_of(cafe, "cafe-plain"), -1);
    EXPECT_NE(rank_of(cafe, "stickcafe"), -1);  // "Knitting café"
}

TEST_F(SearchTest, ExactAccentRanksAboveFolded)
{
    const Ids accented = found("café ankaret");
    ASSERT_EQ(accented.size(), 2u);
    EXPECT_EQ(accented, (Ids{"cafe-accent", "cafe-plain"}));
    const Ids plain = found("cafe ankaret");
    EXPECT_EQ(plain, (Ids{"cafe-plain", "cafe-accent"}));
}

TEST_F(SearchTest, FindsArabic)
{
    EXPECT_EQ(found("قهوة"), (Ids{"qahwa", "arabic-coffee"}));  // the second via its article "ال"
    EXPECT_EQ(found("قهو"), (Ids{"qahwa", "arabic-coffee"}));   // prefix while typing
    // With the article the exact spelling is in "arabic-coffee" only, which therefore ranks first.
    EXPECT_EQ(found("القهوة"), (Ids{"arabic-coffee", "qahwa"}));
    EXPECT_EQ(found("العرب"), Ids{"arabic-coffee"});
    // Vowel marks typed by the visitor do not hide the unmarked catalogue text.
    EXPECT_EQ(found("قَهْوَة"), (Ids{"qahwa", "arabic-coffee"}));
    // Persian spelling (final ه instead of ة) finds the Arabic word.
    EXPECT_EQ(found("قهوه"), (Ids{"qahwa", "arabic-coffee"}));
    // "وحديث" is "and conversation" written as one word; the conjunction is split off for search.
    EXPECT_EQ(found("حديث"), Ids{"qahwa"});
    EXPECT_EQ(found("وحديث"), Ids{"qahwa"});
}

TEST_F(SearchTest, FindsEthiopic)
{
    EXPECT_EQ(found("ቋንቋ"), Ids{"ti-cafe"});
    EXPECT_EQ(found("ቋን"), Ids{"ti-cafe"});
    EXPECT_EQ(found("ቡና"), Ids{"ti-cafe"});
    EXPECT_EQ(found("ቡና ዕላል"), Ids{"ti-cafe"});
}

TEST_F(SearchTest, FindsCyrillicWithoutCase)
{
    EXPECT_EQ(found("розмовний"), Ids{"samtal"});
    EXPECT_EQ(found("РОЗМ"), Ids{"samtal"});
}

TEST_F(SearchTest, TitleMatchRanksAboveDescriptionMatch)
{
    EXPECT_EQ(found("schack"), (Ids{"schack", "spelkvall"}));
}

TEST_F(SearchTest, FindsOrganisationNames)
{
    EXPECT_EQ(found_set("friluftsfrämjandet"), (Ids{"kanot", "promenad", "vinterbad"}));
}

TEST_F(SearchTest, OrganisationMatchRanksAboveDescriptionMatch)
{
    // Eleven activities of "Kulturhuset Najaden", and "kanot", which only mentions it.
    const Ids najaden = found("najaden");
    ASSERT_EQ(najaden.size(), 12u);
    EXPECT_EQ(najaden.back(), "kanot");
}

TEST_F(SearchTest, WordsMayMatchInDifferentFields)
{
    EXPECT_EQ(found("kanot najaden"), Ids{"kanot"});  // title + description
    EXPECT_EQ(found("promenad friluftsfrämjandet"), Ids{"promenad"});  // title + organisation
    EXPECT_EQ(found("promenad outdoors"), Ids{"promenad"});  // title + interest label
}

TEST_F(SearchTest, FindsInterestLabelsInEveryLanguage)
{
    EXPECT_EQ(found_set("outdoors"), (Ids{"kanot", "promenad"}));
    EXPECT_EQ(found_set("friluftsliv"), (Ids{"kanot", "promenad"}));
    EXPECT_EQ(found_set("ደገ"), (Ids{"kanot", "promenad"}));
    EXPECT_EQ(found("موسيقى"), Ids{"kor"});
    EXPECT_EQ(found("musik"), Ids{"kor"});
}

TEST_F(SearchTest, EmptyQueryFindsNothing)
{
    EXPECT_TRUE(found("").empty());
    EXPECT_TRUE(found("   \t\n ").empty());
    EXPECT_TRUE(found("!!! ...").empty());
}

TEST_F(SearchTest, HostileInputIsSearchedLiterally)
{
    for (const char* input : {"\"", "\"\"", "'", "AND", "a OR", "OR", "NOT", "*", "**", "^", ":", "(", ")",
                              "NEAR(", "NEAR(a b, 2)", "a AND (b OR c)", "title:promenad", "{title}: x",
                              "-", "+", "promenad\"", "\\", "%", "_", ";DROP TABLE activities;--", "\x01\x02",
                              "\xff\xfe", "\xd8", "\xe1\x8a"}) {
        auto hits = m_store->search(input, k_now);
        EXPECT_TRUE(hits.ok()) << "query '" << input << "': " << (hits.ok() ? "" : hits.error().text());
    }
    // Syntax around a word is punctuation, not an operator: the word is still found …
    EXPECT_EQ(found("\"promenad"), Ids{"promenad"});
    EXPECT_EQ(found("promenad)"), Ids{"promenad"});
    EXPECT_EQ(found("^promenad*"), Ids{"promenad"});
    // … and operators are words: OR does not widen, a column filter does not filter.
    EXPECT_EQ(found("promenad OR kanot"), Ids{});
    EXPECT_EQ(found("title:promenad"), Ids{});
    EXPECT_EQ(found("promenad NOT kanot"), Ids{});
    // A NUL byte separates words like a space.
    EXPECT_EQ(found(std::string_view("kanot\0nissan", 12)), Ids{"kanot"});
    EXPECT_EQ(m_store->activity_count().value(), 14);
}

TEST_F(SearchTest, RandomBytesNeverFail)
{
    const std::string alphabet = "\"'*^:()-+ {}[],.;\\/\tANDORNEARTaoö\xd8\xa7\xe1\x89\xa1";
    std::mt19937 random(42);
    for (int i = 0; i < 500; ++i) {
        std::string input;
        const int length = static_cast<int>(random() % 24);
        for (int j = 0; j < length; ++j)
            input += alphabet[random() % alphabet.size()];
        auto hits = m_store->search(input, k_now);
        EXPECT_TRUE(hits.ok()) << "query '" << input << "': " << (hits.ok() ? "" : hits.error().text());
    }
}

TEST_F(SearchTest, VeryLongInputIsCut)
{
    std::string input;
    for (int i = 0; i < 2000; ++i)
        input += "promenad ";
    auto hits = m_store->search(input, k_now);
    ASSERT_TRUE(hits.ok()) << hits.error().text();
    EXPECT_EQ(hits.value().size(), 1u);
}

TEST_F(SearchTest, LimitIsRespected)
{
    EXPECT_EQ(found("najaden", 3).size(), 3u);
    EXPECT_EQ(found("najaden", 1).size(), 1u);
    EXPECT_TRUE(found("najaden", 0).empty());
}

TEST_F(SearchTest, HitsCarryTheirNextOccurrence)
{
    const auto promenad = search("promenad");
    ASSERT_EQ(promenad.size(), 1u);
    ASSERT_TRUE(promenad[0].occurrence);
    EXPECT_EQ(promenad[0].occurrence->start, 1780416000);  // Tue 2026-06-02 18:00 CEST
    EXPECT_EQ(promenad[0].occurrence->local_start, (LocalDateTime{date("2026-06-02"), at(18)}));
    EXPECT_EQ(promenad[0].title.get("sv"), "Promenad i Galgberget");
    EXPECT_EQ(promenad[0].organisation_name.get("sv"), "Friluftsfrämjandet Halmstad");
    EXPECT_EQ(promenad[0].town, "Halmstad");

    // December is outside the materialised window; the schedule is asked instead.
    const auto kor = search("nybörjare");
    ASSERT_EQ(kor.size(), 1u);
    ASSERT_TRUE(kor[0].occurrence);
    EXPECT_EQ(kor[0].occurrence->start, 1796493600);  // Sat 2026-12-05 19:00 CET

    const auto vinterbad = search("vinterbad");
    ASSERT_EQ(vinterbad.size(), 1u);
    EXPECT_FALSE(vinterbad[0].occurrence);
}

// The search screen asks in the visitor's language: each hit then carries, of its title, organisation
// and place names, only the text that language shows, and exactly the one the whole set would give.
TEST(SearchInOneLanguage, HitsCarryWhatThatLanguageShows)
{
    Catalogue catalogue = make_catalogue();
    // Neither Swedish nor English: the first language present (in code order) answers.
    catalogue.activities.push_back(make_activity("no-swedish", "kulturhuset", {{"ti", "ሸኽ ናጃደን"}, {"ar", "نزهة ناجادن"}}));
    catalogue.activities.back().place.name = LocalizedText(TextMap{{"uk", "Бібліотека"}, {"fa", "کتابخانه"}});
    catalogue.activities.push_back(make_activity("english-only", "kulturhuset", {{"en", "Najaden walk"}}));
    catalogue.activities.back().place.name = LocalizedText(TextMap{{"sv", "Biblioteket"}, {"en", "The library"}});
    catalogue.organisations[1].name = LocalizedText(TextMap{{"sv", "Kulturhuset Najaden"}, {"ar", "بيت الثقافة"}});
    auto opened = Store::open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.error().text();
    Store& store = *opened.value();
    ASSERT_TRUE(store.replace_catalogue(catalogue, k_now).ok());

    for (const char* query : {"najaden", "ناجادن", "kaffe", "p", "s"}) {
        auto every = store.search(query, k_now, 50);
        ASSERT_TRUE(every.ok()) << every.error().text();
        ASSERT_FALSE(every.value().empty()) << query;
        for (const char* language : {"sv", "en", "ar", "fa", "so", "ti", "uk"}) {
            auto one = store.search(query, k_now, 50, language);
            ASSERT_TRUE(one.ok()) << one.error().text();
            ASSERT_EQ(one.value().size(), every.value().size()) << query << " in " << language;
            for (std::size_t i = 0; i < one.value().size(); ++i) {
                const ActivityListItem& hit = one.value()[i];
                const ActivityListItem& full = every.value()[i];
                SCOPED_TRACE(std::string(query) + " in " + language + ": " + full.activity_id);
                EXPECT_EQ(hit.activity_id, full.activity_id);
                EXPECT_EQ(hit.occurrence, full.occurrence);
                for (auto member : {&ActivityListItem::title, &ActivityListItem::organisation_name,
                                    &ActivityListItem::place_name}) {
                    EXPECT_EQ((hit.*member).get(language), (full.*member).get(language));
                    EXPECT_LE((hit.*member).all().size(), 1u);  // nothing read that the line does not show
                }
            }
        }
    }
    // The fallbacks themselves: Swedish before English, the first present when neither is there.
    auto hits = store.search("najaden", k_now, 50, "fa");
    ASSERT_TRUE(hits.ok());
    for (const ActivityListItem& hit : hits.value()) {
        if (hit.activity_id == "no-swedish") {
            EXPECT_EQ(hit.title.all(), (TextMap{{"ar", "نزهة ناجادن"}}));
            EXPECT_EQ(hit.place_name.all(), (TextMap{{"fa", "کتابخانه"}}));
        } else if (hit.activity_id == "english-only") {
            EXPECT_EQ(hit.title.all(), (TextMap{{"en", "Najaden walk"}}));
            EXPECT_EQ(hit.place_name.all(), (TextMap{{"sv", "Biblioteket"}}));
        }
    }
}

// ---- the folding and the query, without a store ----------------------------------------------

TEST(SearchFolding, QueryQuotesEveryWordAndLeavesTheLastOpen)
{
    EXPECT_EQ(fts_query("stick AND (cafe", false), "\"stick\" \"AND\" \"(cafe\"*");
    EXPECT_EQ(fts_query("say \"hi\"", false), "\"say\" \"\"\"hi\"\"\"*");
    EXPECT_EQ(fts_query(" \t\n ", false), "");
    EXPECT_EQ(fts_query("", true), "");
}

TEST(SearchFolding, QueryKeepsAtMost16WordsOfThe256FirstBytes)
{
    std::string many;
    for (int i = 0; i < 20; ++i)
        many += "w" + std::to_string(i) + " ";
    const std::string query = fts_query(many, false);
    EXPECT_EQ(std::count(query.begin(), query.end(), ' '), 15) << query;
    EXPECT_NE(query.find("\"w15\"*"), std::string::npos) << query;

    // 255 bytes of 'a' and a two-byte letter across the cut: the letter is left out, not split.
    const std::string long_word = std::string(255, 'a') + "\xC3\xA5" + "tail";
    EXPECT_EQ(fts_query(long_word, false), "\"" + std::string(255, 'a') + "\"*");
}

TEST(SearchFolding, ArabicSpellingAndPrefixesFold)
{
    EXPECT_EQ(fold_arabic("أحمد"), "احمد");          // hamza-carrying alef → bare alef
    EXPECT_EQ(fold_arabic("مُوسِيقَى"), "موسيقي");  // vowel marks go; ى → ي
    EXPECT_EQ(fold_arabic("café \xD8"), "café \xD8");  // other text and a cut sequence: unchanged
    // The index also gets the word without its article; the folded query drops the article too.
    EXPECT_EQ(folded_document("القهوة"), "القهوه\n قهوه");
    EXPECT_EQ(fts_query("القهوة", true), "\"قهوه\"*");
    EXPECT_EQ(fts_query("القهوة", false), "\"القهوة\"*");
}

}  // namespace
}  // namespace lotsen
