// test_shipped_words.cpp — what the shipped words promise, checked against what ships with them: the
// search hints' example words find activities in the demo catalogue; the crisis numbers in
// config/lotsen.toml speak every kiosk language, commented-out examples included; and the demo
// catalogue's texts do not repeat what the kiosk already says (docs/translations.md).
#include "core/catalogue/catalogue_file.hpp"
#include "core/i18n/strings.hpp"
#include "core/settings/config.hpp"
#include "core/storage/store.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace lotsen {
namespace {

const std::string k_source_dir = LOTSEN_SOURCE_DIR;

const StringTables& tables()
{
    static const StringTables loaded = [] {
        auto result = StringTables::load_directory(k_source_dir + "/assets/i18n");
        if (!result.ok()) {
            ADD_FAILURE() << result.error().text();
            return StringTables{};
        }
        return result.value();
    }();
    return loaded;
}

const Catalogue& demo_catalogue()
{
    static const CatalogueParseResult parsed = load_catalogue_file(k_source_dir + "/assets/demo/catalogue.json");
    static const Catalogue empty;
    if (!parsed.catalogue)
        ADD_FAILURE() << parsed.summary();
    return parsed.catalogue ? *parsed.catalogue : empty;
}

std::string read_text_file(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

// Tuesday 24 November 2026, 10:00 in Sweden: inside the demo catalogue's season.
constexpr UnixSeconds k_demo_now = 1795510800;

// The example words each language's search_hint offers, as a visitor would type them on the kiosk's
// keyboard for that language: the visitor's own language where its keyboard types it (ar, fa, uk
// have their own layouts). Tigrinya has no Ethiopic keyboard yet, so its hint honestly offers
// Swedish and English words typed with Latin letters.
const std::map<std::string, std::vector<std::string>> k_hint_words = {
    {"sv", {"promenad", "kör", "språkcafé", "schack"}},
    {"en", {"walk", "choir", "language café", "chess"}},
    {"ar", {"مشي", "غناء", "شطرنج"}},
    {"fa", {"شطرنج", "فوتبال", "آشپزی"}},
    {"so", {"socod", "hees", "kafee luqadeed", "jees"}},
    {"ti", {"promenad", "chess"}},
    {"uk", {"шахи", "хор", "прогулянка"}},
};

TEST(ShippedWords, SearchHintsOfferWordsThatFindDemoActivities)
{
    auto store = Store::open(":memory:");
    ASSERT_TRUE(store.ok()) << store.error().text();
    auto replaced = store.value()->replace_catalogue(demo_catalogue(), k_demo_now);
    ASSERT_TRUE(replaced.ok()) << replaced.error().text();
    for (const auto& [language, words] : k_hint_words) {
        SCOPED_TRACE(language);
        ASSERT_TRUE(tables().has(language, "search_hint"));
        const std::string_view hint = tables().get(language, "search_hint");
        for (const std::string& word : words) {
            EXPECT_NE(hint.find(word), std::string_view::npos) << "search_hint \"" << hint << "\" lacks " << word;
            auto hits = store.value()->search(word, k_demo_now, 5);
            ASSERT_TRUE(hits.ok()) << hits.error().text();
            EXPECT_FALSE(hits.value().empty()) << word << " finds nothing in the demo catalogue";
        }
    }
}

TEST(ShippedWords, EveryCrisisNumberSpeaksEveryKioskLanguage)
{
    auto config = load_kiosk_config(k_source_dir + "/config/lotsen.toml");
    ASSERT_TRUE(config.ok()) << config.error().text();
    ASSERT_GE(config.value().help_contacts.size(), 6u);
    for (const HelpContact& contact : config.value().help_contacts) {
        for (const LanguageCode& language : config.value().languages) {
            EXPECT_TRUE(contact.name.has(language)) << contact.number << " has no name in " << language;
            EXPECT_TRUE(contact.description.has(language)) << contact.number << " has no description in " << language;
        }
    }
}

// The commented-out examples (113 13, 114 14, the social on-call) are valid once a region removes
// the "# ", and speak every language too.
TEST(ShippedWords, CommentedHelpExamplesParseWhenUncommented)
{
    const std::string text = read_text_file(k_source_dir + "/config/lotsen.toml");
    std::istringstream lines(text);
    std::string uncommented;
    int examples = 0;
    for (std::string line; std::getline(lines, line);) {
        for (std::string_view start : {"# [[help.contacts]]", "# name.", "# number = ", "# description."}) {
            if (line.rfind(start, 0) == 0) {
                examples += start == "# [[help.contacts]]" ? 1 : 0;
                line.erase(0, 2);
                break;
            }
        }
        uncommented += line + "\n";
    }
    EXPECT_EQ(examples, 3);
    auto live = parse_kiosk_config(text, "lotsen.toml");
    auto all = parse_kiosk_config(uncommented, "lotsen.toml (examples uncommented)");
    ASSERT_TRUE(live.ok()) << live.error().text();
    ASSERT_TRUE(all.ok()) << all.error().text();
    ASSERT_EQ(all.value().help_contacts.size(), live.value().help_contacts.size() + 3);
    for (const HelpContact& contact : all.value().help_contacts) {
        for (const LanguageCode& language : all.value().languages)
            EXPECT_TRUE(contact.description.has(language)) << contact.number << " has no description in " << language;
    }
}

// Tigrinya writes a comma as "፣"; "፡" is the old word separator and reads as a space.
TEST(ShippedWords, TigrinyaCommasAreNotWordSeparators)
{
    for (const auto& [key, text] : tables().tables().at("ti"))
        EXPECT_EQ(text.find("\u1361"), std::string::npos) << "ti.toml " << key << " = \"" << text << "\"";
    for (const Activity& activity : demo_catalogue().activities) {
        for (const LocalizedText* text : {&activity.title, &activity.description, &activity.cost.note})
            EXPECT_EQ(std::string(text->get("ti")).find("\u1361"), std::string::npos) << activity.id;
    }
}

// Every text the catalogue and the kiosk show in one activity's detail, in every language it has.
std::vector<std::pair<std::string, std::string>> shown_texts(const Activity& activity)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const LocalizedText* text : {&activity.title, &activity.description, &activity.cost.note, &activity.place.name}) {
        for (const auto& [language, value] : text->all())
            out.emplace_back(language, value);
    }
    return out;
}

TEST(ShippedWords, DemoCatalogueWritesWesternDigits)
{
    for (const Activity& activity : demo_catalogue().activities) {
        for (const auto& [language, text] : shown_texts(activity)) {
            for (std::string_view eastern : {"\u06F0", "\u06F1", "\u06F2", "\u06F3", "\u06F4", "\u06F5", "\u06F6", "\u06F7",
                                             "\u06F8", "\u06F9", "\u0660", "\u0661", "\u0662", "\u0663", "\u0664", "\u0665",
                                             "\u0666", "\u0667", "\u0668", "\u0669"})
                EXPECT_EQ(text.find(eastern), std::string::npos) << activity.id << " " << language << ": " << text;
        }
    }
}

// The detail screen shows the price ("20 kr" or the word for free) and then the note: a note that
// repeats the amount reads "20 kr — Fika 20 kr".
TEST(ShippedWords, DemoCostNotesDoNotRepeatThePrice)
{
    int notes = 0;
    for (const Activity& activity : demo_catalogue().activities) {
        for (const auto& [language, note] : activity.cost.note.all()) {
            ++notes;
            EXPECT_EQ(note.find_first_of("0123456789"), std::string::npos) << activity.id << " " << language << ": " << note;
            if (activity.cost.free()) {
                const std::string free(tables().get(language, "free"));
                EXPECT_EQ(note.find(free), std::string::npos) << activity.id << " " << language << ": " << note;
            }
        }
    }
    EXPECT_GT(notes, 0);
}

// The detail screen says "you can just come" (detail_drop_in) for a drop-in activity itself.
TEST(ShippedWords, DemoDescriptionsDoNotRepeatTheDropInLine)
{
    int drop_in = 0;
    for (const Activity& activity : demo_catalogue().activities) {
        if (!activity.drop_in)
            continue;
        ++drop_in;
        for (const auto& [language, description] : activity.description.all()) {
            const std::string line(tables().get(language, "detail_drop_in"));
            EXPECT_EQ(description.find(line), std::string::npos) << activity.id << " " << language;
        }
    }
    EXPECT_GT(drop_in, 0);
}

}  // namespace
}  // namespace lotsen
