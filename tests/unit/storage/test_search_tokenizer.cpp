// The search tokenizer (core/storage/search_tokenizer.cpp) takes unicode61's name on a store's
// connection; the search tables' index must stay exactly what the built-in unicode61 makes. Here both
// tokenize the same texts, with each option the store uses, and every token (its text and its byte
// offsets) must be the same: every code point of the Basic Multilingual Plane and a sample beyond it,
// alone, joined and between letters; random mixes of scripts, combining marks and punctuation; the
// synthetic catalogue's texts in seven languages; and texts that are not well-formed UTF-8.
#include "core/catalogue/synthetic.hpp"
#include "core/storage/search_folding.hpp"
#include "core/storage/search_tokenizer.hpp"
#include "core/storage/store_internal.hpp"
#include "core/base/text_checks.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <random>
#include <string>
#include <vector>

namespace lotsen {
namespace {

struct Token {
    std::string text;
    int start = 0;
    int end = 0;
    bool operator==(const Token&) const = default;
};

int collect(void* context, int, const char* token, int size, int start, int end)
{
    static_cast<std::vector<Token>*>(context)->push_back(Token{std::string(token, static_cast<std::size_t>(size)), start, end});
    return SQLITE_OK;
}

// One unicode61 tokenizer instance of a connection, with the given options.
class Instance {
public:
    Instance(sqlite3* db, std::vector<const char*> options)
    {
        fts5_api* api = store_internal::fts5_api_of(db).value();
        void* context = nullptr;
        EXPECT_EQ(api->xFindTokenizer(api, "unicode61", &context, &m_methods), SQLITE_OK);
        EXPECT_EQ(m_methods.xCreate(context, options.data(), static_cast<int>(options.size()), &m_instance), SQLITE_OK);
    }
    ~Instance() { m_methods.xDelete(m_instance); }
    Instance(const Instance&) = delete;
    Instance& operator=(const Instance&) = delete;

    std::vector<Token> tokens(const std::string& text)
    {
        std::vector<Token> out;
        EXPECT_EQ(m_methods.xTokenize(m_instance, &out, FTS5_TOKENIZE_DOCUMENT, text.data(), static_cast<int>(text.size()),
                                      collect),
                  SQLITE_OK);
        return out;
    }

private:
    fts5_tokenizer m_methods{};
    Fts5Tokenizer* m_instance = nullptr;
};

class SearchTokenizer : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_EQ(sqlite3_open(":memory:", &m_builtin), SQLITE_OK);
        ASSERT_EQ(sqlite3_open(":memory:", &m_ours), SQLITE_OK);
        ASSERT_TRUE(store_internal::register_search_tokenizer(m_ours));
    }
    void TearDown() override
    {
        sqlite3_close(m_builtin);
        sqlite3_close(m_ours);
    }

    // Every text through both, with each set of options; returns how many tokens were compared.
    std::size_t compare(const std::vector<std::string>& texts)
    {
        std::size_t compared = 0;
        for (const std::vector<const char*>& options :
             {std::vector<const char*>{}, {"remove_diacritics", "0"}, {"remove_diacritics", "1"}, {"remove_diacritics", "2"}}) {
            Instance builtin(m_builtin, options);
            Instance ours(m_ours, options);
            for (const std::string& text : texts) {
                const std::vector<Token> expected = builtin.tokens(text);
                const std::vector<Token> got = ours.tokens(text);
                EXPECT_EQ(got, expected) << "options " << options.size() << " text " << quote_for_message(text);
                if (got != expected)
                    return compared;
                compared += expected.size();
            }
        }
        return compared;
    }

    sqlite3* m_builtin = nullptr;
    sqlite3* m_ours = nullptr;
};

std::string utf8(char32_t code)
{
    std::string out;
    append_utf8(out, code);
    return out;
}

TEST_F(SearchTokenizer, EveryCharacterIsTokenizedAsUnicode61DoesIt)
{
    std::vector<std::string> texts;
    std::vector<char32_t> codes;
    for (char32_t code = 0; code < 0x10000; ++code) {
        if (code < 0xD800 || code > 0xDFFF)
            codes.push_back(code);
    }
    for (char32_t code = 0x10000; code <= 0x10FFFF; code += 61)
        codes.push_back(code);
    for (char32_t code : {0x1F600u, 0x1F3B5u, 0x10FFFFu, 0x1D400u, 0x20000u, 0xE0001u, 0x10000u})
        codes.push_back(code);
    std::string joined;
    std::string spaced;
    for (std::size_t i = 0; i < codes.size(); ++i) {
        const std::string c = utf8(codes[i]);
        texts.push_back(c);
        joined += c;
        spaced += "Ab" + c + "\xC3\x85" + c + " " + c + "9";
        if (i % 64 == 63) {
            texts.push_back(std::move(joined));
            texts.push_back(std::move(spaced));
            joined.clear();
            spaced.clear();
        }
    }
    texts.push_back(joined);
    texts.push_back(spaced);
    const std::size_t before = store_internal::search_tokenizer_texts_passed_on();
    EXPECT_GT(compare(texts), codes.size());
    EXPECT_EQ(store_internal::search_tokenizer_texts_passed_on(), before) << "well-formed texts are tokenized here";
}

TEST_F(SearchTokenizer, MixedScriptsMarksAndPunctuationAreTokenizedAsUnicode61DoesIt)
{
    // Letters of the catalogue's scripts, combining marks, digits, punctuation and spaces, at random.
    const std::vector<std::pair<char32_t, char32_t>> ranges{
        {0x20, 0x7E},     {0xA0, 0x24F},    {0x300, 0x36F},  {0x370, 0x3FF}, {0x400, 0x4FF},
        {0x600, 0x6FF},   {0x1200, 0x137F}, {0x1E00, 0x1EFF}, {0x2000, 0x206F}, {0xFB50, 0xFDFF},
        {0xFE70, 0xFEFF}, {0xFF00, 0xFFEF}, {0xFFF0, 0xFFFF}, {0x1F300, 0x1F6FF}};
    std::mt19937 random(21);
    std::vector<std::string> texts;
    for (int t = 0; t < 3000; ++t) {
        std::string text;
        const int length = 1 + static_cast<int>(random() % 40);
        for (int i = 0; i < length; ++i) {
            const auto& range = ranges[random() % ranges.size()];
            const char32_t code = range.first + static_cast<char32_t>(random() % (range.second - range.first + 1));
            text += utf8(code);
        }
        texts.push_back(text);
        texts.push_back(folded_document(text));
    }
    const std::size_t before = store_internal::search_tokenizer_texts_passed_on();
    EXPECT_GT(compare(texts), 10'000u);
    EXPECT_EQ(store_internal::search_tokenizer_texts_passed_on(), before);
}

TEST_F(SearchTokenizer, TheCatalogueTextsAreTokenizedAsUnicode61DoesIt)
{
    SyntheticSpec spec;
    spec.activities = 300;
    spec.organisations = 20;
    const Catalogue catalogue = generate_synthetic_catalogue(spec);
    std::vector<std::string> texts;
    for (const Activity& activity : catalogue.activities) {
        for (const LocalizedText* text : {&activity.title, &activity.description}) {
            std::string joined;
            bool any = false;
            store_internal::join_texts(joined, any, *text);
            texts.push_back(joined);
            texts.push_back(folded_document(joined));
        }
    }
    for (const Organisation& organisation : catalogue.organisations) {
        std::string joined;
        bool any = false;
        store_internal::join_texts(joined, any, organisation.name);
        texts.push_back(joined);
    }
    EXPECT_GT(compare(texts), 50'000u);
}

TEST_F(SearchTokenizer, TextsThatAreNotUtf8AreHandedToTheBuiltInTokenizerWhole)
{
    const std::vector<std::string> texts{
        "Caf\xC3",                    // cut at the end
        "a\x80" "b",                  // a stray continuation byte
        "\xC0\xAFx",                  // overlong
        "\xED\xA0\x80 surrogate",     // an encoded surrogate
        "\xF5\x80\x80\x80 above",     // beyond U+10FFFF
        "\xE2\x82 \xE2\x82\xAC euro", // cut in the middle, then whole
        "",
    };
    const std::size_t before = store_internal::search_tokenizer_texts_passed_on();
    compare(texts);
    EXPECT_EQ(store_internal::search_tokenizer_texts_passed_on() - before, 4 * (texts.size() - 1)) << "all but the empty text";
}

}  // namespace
}  // namespace lotsen
