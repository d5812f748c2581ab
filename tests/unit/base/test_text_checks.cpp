// test_text_checks.cpp — the shared text checks: UTF-8 validation with exact offsets, cutting UTF-8
// without splitting a sequence, message quoting, and the language-code rule of docs/catalogue.md.
#include "core/base/text_checks.hpp"

#include "core/settings/config.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>

using namespace lotsen;

namespace {

constexpr std::size_t npos = std::string_view::npos;

// Literals are split after every \x escape run so a following hex digit is not swallowed into it.
const std::string k_swedish = "Hälsa på ÅÄÖ, åäö";
const std::string k_arabic = "مرحبا بكم في الحديقة";
const std::string k_ethiopic = "ሰላም ዓለም";                  // Tigrinya, three bytes per letter
const std::string k_emoji = "\xF0\x9F\x98\x80 \xF0\x9F\x8C\xB3";  // U+1F600, U+1F333

}  // namespace

TEST(TextChecks, ValidUtf8HasNoInvalidByte)
{
    EXPECT_EQ(find_invalid_utf8(""), npos);
    EXPECT_EQ(find_invalid_utf8("Promenad i parken 18:00-20:00"), npos);
    EXPECT_EQ(find_invalid_utf8(k_swedish), npos);
    EXPECT_EQ(find_invalid_utf8(k_arabic), npos);
    EXPECT_EQ(find_invalid_utf8(k_ethiopic), npos);
    EXPECT_EQ(find_invalid_utf8(k_emoji), npos);
    EXPECT_EQ(find_invalid_utf8(k_swedish + k_arabic + k_ethiopic + k_emoji), npos);
}

TEST(TextChecks, ValidUtf8AtTheEdgesOfEachRange)
{
    EXPECT_EQ(find_invalid_utf8(std::string_view("\x7F", 1)), npos);  // last one-byte code point
    EXPECT_EQ(find_invalid_utf8("\xC2\x80"), npos);                    // U+0080, first two-byte
    EXPECT_EQ(find_invalid_utf8("\xDF\xBF"), npos);                    // U+07FF
    EXPECT_EQ(find_invalid_utf8("\xE0\xA0\x80"), npos);                // U+0800, first three-byte
    EXPECT_EQ(find_invalid_utf8("\xED\x9F\xBF"), npos);                // U+D7FF, just below surrogates
    EXPECT_EQ(find_invalid_utf8("\xEE\x80\x80"), npos);                // U+E000, just above them
    EXPECT_EQ(find_invalid_utf8("\xEF\xBF\xBF"), npos);                // U+FFFF
    EXPECT_EQ(find_invalid_utf8("\xF0\x90\x80\x80"), npos);            // U+10000, first four-byte
    EXPECT_EQ(find_invalid_utf8("\xF4\x8F\xBF\xBF"), npos);            // U+10FFFF, the last
}

TEST(TextChecks, InvalidUtf8IsReportedAtItsExactOffset)
{
    struct Case {
        std::string valid_prefix;
        std::string bad;
        const char* what;
    };
    const Case cases[] = {
        {"ab", "\x80" "cd", "lone continuation byte"},
        {k_swedish, "\xBF", "lone continuation byte after two-byte letters"},
        {"abc", "\xE2\x82", "three-byte sequence cut at the end"},
        {k_arabic, "\xF0\x9F\x98", "four-byte sequence cut at the end"},
        {"x", "\xC3", "lead byte alone at the end"},
        {"ok", "\xE2\x82" "(", "three-byte sequence whose third byte is ASCII"},
        {"ok", "\xC0\x80", "overlong NUL (C0 80)"},
        {"ok", "\xC1\xBF", "overlong two-byte (C1)"},
        {k_ethiopic, "\xE0\x80\x80", "overlong three-byte (E0 80 80)"},
        {"ok", "\xE0\x9F\xBF", "overlong three-byte (E0 9F BF)"},
        {"ok", "\xF0\x8F\xBF\xBF", "overlong four-byte (F0 8F)"},
        {k_emoji, "\xED\xA0\x80", "UTF-16 high surrogate (ED A0 80)"},
        {"ok", "\xED\xBF\xBF", "UTF-16 low surrogate (ED BF BF)"},
        {"ok", "\xF4\x90\x80\x80", "above U+10FFFF (F4 90 80 80)"},
        {"ok", "\xF5\x80\x80\x80", "F5 never starts a sequence"},
        {"ok", "\xFF", "FF never occurs"},
    };
    for (const Case& c : cases) {
        const std::string text = c.valid_prefix + c.bad + "tail";
        ASSERT_EQ(find_invalid_utf8(c.valid_prefix), npos) << c.what;
        EXPECT_EQ(find_invalid_utf8(text), c.valid_prefix.size()) << c.what;
    }
}

// Every code point, written by append_utf8, reads back as itself and its whole length.
TEST(TextChecks, EveryScalarValueReadsBackAsItself)
{
    std::string text;
    for (char32_t code = 0; code <= 0x10FFFF; ++code) {
        if (code >= 0xD800 && code <= 0xDFFF)
            continue;  // surrogates are not characters (RFC 3629 §3)
        text.clear();
        append_utf8(text, code);
        text += "\xE2\x82";  // what follows does not change what is read
        const Utf8Step step = utf8_step(text);
        ASSERT_TRUE(step.valid) << std::hex << static_cast<unsigned long>(code);
        ASSERT_EQ(step.code, code);
        ASSERT_EQ(step.length, text.size() - 2) << std::hex << static_cast<unsigned long>(code);
        ASSERT_EQ(utf8_sequence_length(text), step.length);
    }
    EXPECT_EQ(utf8_step("").length, 0u);
    EXPECT_FALSE(utf8_step("").valid);
}

// How many U+FFFD an ill-formed text reads as: the byte strings and their readings are the examples
// of The Unicode Standard 15.0, §3.9, "U+FFFD Substitution of Maximal Subparts".
TEST(TextChecks, IllFormedUtf8ReadsAsOneReplacementPerMaximalSubpart)
{
    const auto read_all = [](std::string_view text) {
        std::u32string out;
        for (std::size_t i = 0; i < text.size();) {
            const Utf8Step step = utf8_step(text.substr(i));
            EXPECT_GE(step.length, 1u);
            out.push_back(step.valid ? step.code : U'\uFFFD');
            i += step.length;
        }
        return out;
    };
    // The first example: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64.
    EXPECT_EQ(read_all("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64"),
              U"a\uFFFD\uFFFD\uFFFDb\uFFFDc\uFFFD\uFFFDd");
    // Non-shortest forms: C0 AF E0 80 BF F0 81 82 41, every byte one U+FFFD.
    EXPECT_EQ(read_all("\xC0\xAF\xE0\x80\xBF\xF0\x81\x82\x41"),
              U"\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDA");
    // Surrogates and code points above U+10FFFF: ED A0 80 ED BF BF ED AF 41, F4 91 92 93 FF 41.
    EXPECT_EQ(read_all("\xED\xA0\x80\xED\xBF\xBF\xED\xAF\x41"),
              U"\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDA");
    EXPECT_EQ(read_all("\xF4\x91\x92\x93\xFF\x41"), U"\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDA");
    // Truncated sequences: E1 80 E2 F0 91 92 F1 BF 41.
    EXPECT_EQ(read_all("\xE1\x80\xE2\xF0\x91\x92\xF1\xBF\x41"), U"\uFFFD\uFFFD\uFFFD\uFFFDA");
    // A sequence cut by the end of the text is one U+FFFD for what there is.
    EXPECT_EQ(utf8_step("\xF0\x9F\x98").length, 3u);
    EXPECT_FALSE(utf8_step("\xF0\x9F\x98").valid);
    EXPECT_EQ(utf8_sequence_length("\xF0\x9F\x98"), 0u);
}

TEST(TextChecks, Utf8PrefixNeverSplitsASequence)
{
    const std::string text = "a" + k_swedish + k_arabic + k_ethiopic + k_emoji;
    for (std::size_t max_bytes = 0; max_bytes <= text.size() + 1; ++max_bytes) {
        const std::string_view prefix = utf8_prefix(text, max_bytes);
        EXPECT_EQ(prefix.data(), text.data()) << max_bytes;
        EXPECT_LE(prefix.size(), max_bytes) << max_bytes;
        EXPECT_EQ(find_invalid_utf8(prefix), npos) << max_bytes;
        // The longest such prefix: no code point here is longer than 4 bytes.
        EXPECT_GE(prefix.size() + 3, std::min(max_bytes, text.size())) << max_bytes;
    }
}

TEST(TextChecks, Utf8PrefixExamples)
{
    EXPECT_EQ(utf8_prefix("Halmstad", 4), "Halm");
    EXPECT_EQ(utf8_prefix("Halmstad", 8), "Halmstad");
    EXPECT_EQ(utf8_prefix("Halmstad", 100), "Halmstad");
    EXPECT_EQ(utf8_prefix("å", 1), "");
    EXPECT_EQ(utf8_prefix("aå", 2), "a");
    EXPECT_EQ(utf8_prefix("aåb", 3), "aå");
    EXPECT_EQ(utf8_prefix("\xF0\x9F\x98\x80", 3), "");
    EXPECT_EQ(utf8_prefix("\xF0\x9F\x98\x80" "x", 4), "\xF0\x9F\x98\x80");
}

TEST(TextChecks, QuoteForMessageEscapesAndCuts)
{
    EXPECT_EQ(quote_for_message("sv"), "\"sv\"");
    EXPECT_EQ(quote_for_message("say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"");
    EXPECT_EQ(quote_for_message(std::string(40, 'x')), "\"" + std::string(40, 'x') + "\"");
    EXPECT_EQ(quote_for_message(std::string(41, 'x')), "\"" + std::string(40, 'x') + "\"…");
    // 1 + 2 * 30 bytes: the cut at 40 would fall inside the 20th "å", so 19 are shown.
    std::string swedish = "a";
    for (int i = 0; i < 30; ++i)
        swedish += "å";
    std::string shown = "a";
    for (int i = 0; i < 19; ++i)
        shown += "å";
    EXPECT_EQ(quote_for_message(swedish), "\"" + shown + "\"…");
    EXPECT_EQ(quote_for_message("a\xFF" "b"), "\"a\xEF\xBF\xBD" "b\"");  // U+FFFD in place of the bad byte
}

TEST(TextChecks, LanguageCodesFollowTheCatalogueFormat)
{
    for (const char* code : {"sv", "en", "ar", "fa", "prs", "so", "ti", "uk", "sv-easy", "zh-hant", "de-1996",
                             "sv-ab", "sv-abcdefgh"})
        EXPECT_TRUE(is_language_code(code)) << code;
    for (const char* code : {"", "s", "svea", "SV", "Sv", "sv_", "sv-", "sv-a", "-sv", "sv-abcdefghi", "sv-Easy",
                             "sv-easy-x", "sv--easy", "s1", "12", "sv ", " sv", "svenska"})
        EXPECT_FALSE(is_language_code(code)) << code;
}

TEST(TextChecks, KioskConfigUsesTheCatalogueLanguageRule)
{
    // The config used to accept any 2-12 of [a-z-]; a kiosk language the catalogue cannot hold is an error.
    const auto accepted = parse_kiosk_config(
        "[kiosk]\ndefault_language = \"sv-easy\"\nlanguages = [\"sv-easy\", \"prs\"]\n", "k.toml");
    EXPECT_TRUE(accepted.ok());
    const auto long_code =
        parse_kiosk_config("[kiosk]\ndefault_language = \"svea\"\nlanguages = [\"svea\"]\n", "k.toml");
    ASSERT_FALSE(long_code.ok());
    EXPECT_EQ(long_code.error().text(), "k.toml:3: kiosk.languages: expected language codes such as \"sv\"");
    const auto trailing_dash = parse_kiosk_config("[kiosk]\ndefault_language = \"sv-\"\n", "k.toml");
    ASSERT_FALSE(trailing_dash.ok());
    EXPECT_EQ(trailing_dash.error().text(), "k.toml: kiosk.default_language: \"sv-\" is not a language code");
}
