// Tests of core/text_layout: wrapping by measured width, bidi order, Arabic and Persian shaping, Ethiopic
// pass-through, bad UTF-8 and bounded work. Every code point is 10 units wide here, so a line's width
// says how many code points it holds after shaping. Expected shapes were worked out from the Arabic
// joining rules (Unicode ch. 9.2) and the presentation-form charts, and confirmed against FriBidi 1.0.8.
#include "core/text/codepoint_sets.hpp"
#include "core/text/text_layout.hpp"
#include "core/base/text_checks.hpp"
#include "core/i18n/strings.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace lotsen {
namespace {

constexpr float k_advance = 10.0f;

std::size_t count_code_points(std::string_view utf8)
{
    std::size_t count = 0;
    for (const char c : utf8)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++count;
    return count;
}

const MeasureFn fixed_measure = [](std::string_view visual) {
    return static_cast<float>(count_code_points(visual)) * k_advance;
};

std::string utf8(std::u32string_view text)
{
    std::string out;
    for (const char32_t c : text) {
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else if (c < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (c >> 6)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else if (c < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (c >> 12)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (c >> 18)));
            out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        }
    }
    return out;
}

// "0031 0032 FEDE" — so a failed comparison of Arabic shows which code point differs.
std::string hex(std::string_view utf8_text)
{
    std::string out;
    std::size_t i = 0;
    while (i < utf8_text.size()) {
        const auto lead = static_cast<unsigned char>(utf8_text[i]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        char32_t c = length == 1 ? lead : length == 2 ? lead & 0x1Fu : length == 3 ? lead & 0x0Fu : lead & 0x07u;
        for (std::size_t k = 1; k < length && i + k < utf8_text.size(); ++k)
            c = (c << 6) | (static_cast<unsigned char>(utf8_text[i + k]) & 0x3Fu);
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "%s%04X", out.empty() ? "" : " ", static_cast<unsigned>(c));
        out += buffer;
        i += length;
    }
    return out;
}

std::vector<std::string> visuals(const std::vector<LaidOutLine>& lines)
{
    std::vector<std::string> out;
    for (const LaidOutLine& line : lines)
        out.push_back(line.visual);
    return out;
}

// ---- wrapping -----------------------------------------------------------------------------------

TEST(TextLayoutWrap, SwedishBreaksAtSpacesByMeasuredWidth)
{
    const auto lines =
        layout_paragraph("Välkommen till språkcaféet på biblioteket i Halmstad", 160.0f, fixed_measure, Direction::auto_);
    EXPECT_EQ(visuals(lines),
              (std::vector<std::string>{"Välkommen till", "språkcaféet på", "biblioteket i", "Halmstad"}));
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_FLOAT_EQ(lines[0].width, 140.0f);
    EXPECT_FLOAT_EQ(lines[2].width, 130.0f);
    EXPECT_FLOAT_EQ(lines[3].width, 80.0f);
    for (const LaidOutLine& line : lines)
        EXPECT_FALSE(line.rtl);
}

TEST(TextLayoutWrap, ALineExactlyAsWideAsTheBoxFits)
{
    EXPECT_EQ(visuals(layout_paragraph("Välkommen till språkcaféet", 140.0f, fixed_measure)),
              (std::vector<std::string>{"Välkommen till", "språkcaféet"}));
    EXPECT_EQ(visuals(layout_paragraph("Välkommen till språkcaféet", 139.0f, fixed_measure)),
              (std::vector<std::string>{"Välkommen", "till", "språkcaféet"}));
}

TEST(TextLayoutWrap, SpacesAtABreakAreDroppedOthersKept)
{
    EXPECT_EQ(visuals(layout_paragraph("ab  cd   ef ", 60.0f, fixed_measure)),
              (std::vector<std::string>{"ab  cd", "ef"}));
    EXPECT_EQ(visuals(layout_paragraph("  ab cd", 50.0f, fixed_measure)), (std::vector<std::string>{"  ab", "cd"}));
}

TEST(TextLayoutWrap, LongWordIsBrokenByCharactersAndTheNextWordFollowsItsTail)
{
    const auto lines = layout_paragraph("Ordningsföreskrifterna gäller", 100.0f, fixed_measure);
    EXPECT_EQ(visuals(lines), (std::vector<std::string>{"Ordningsfö", "reskrifter", "na gäller"}));
    for (const LaidOutLine& line : lines) {
        EXPECT_LE(line.width, 100.0f);
        EXPECT_EQ(find_invalid_utf8(line.visual), std::string_view::npos) << line.visual;
    }
}

TEST(TextLayoutWrap, LongWordStartsOnItsOwnLine)
{
    EXPECT_EQ(visuals(layout_paragraph("Hej Ordningsföreskrifterna", 100.0f, fixed_measure)),
              (std::vector<std::string>{"Hej", "Ordningsfö", "reskrifter", "na"}));
}

TEST(TextLayoutWrap, CombiningMarkStaysWithItsBase)
{
    const auto lines = layout_paragraph("e\u0301e\u0301e\u0301e\u0301", 30.0f, fixed_measure);
    EXPECT_EQ(visuals(lines), (std::vector<std::string>(4, "e\u0301")));
}

TEST(TextLayoutWrap, LineMeasuredWiderThanItsWordsGivesWordsBack)
{
    // A measure that is not additive (like kerning): a space between two letters costs 15 more than a
    // space measured alone, so "ab cd ef" adds up to 80 but measures 110.
    const MeasureFn kerned = [](std::string_view visual) {
        float width = static_cast<float>(count_code_points(visual)) * k_advance;
        for (std::size_t i = 1; i + 1 < visual.size(); ++i)
            if (visual[i] == ' ' && visual[i - 1] != ' ' && visual[i + 1] != ' ')
                width += 15.0f;
        return width;
    };
    const auto lines = layout_paragraph("ab cd ef gh", 100.0f, kerned);
    EXPECT_EQ(visuals(lines), (std::vector<std::string>{"ab cd", "ef gh"}));
    for (const LaidOutLine& line : lines)
        EXPECT_FLOAT_EQ(line.width, 65.0f);
}

TEST(TextLayoutWrap, NewlinesStartLines)
{
    EXPECT_EQ(visuals(layout_paragraph("Hej\n\nDå\r\nvi ses\n", 1000.0f, fixed_measure)),
              (std::vector<std::string>{"Hej", "", "Då", "vi ses", ""}));
    EXPECT_EQ(visuals(layout_paragraph("ett två\ntre", 50.0f, fixed_measure)),
              (std::vector<std::string>{"ett", "två", "tre"}));
}

TEST(TextLayoutWrap, EmptyTextHasNoLines)
{
    EXPECT_TRUE(layout_paragraph("", 100.0f, fixed_measure).empty());
    const LaidOutLine line = layout_line("", fixed_measure);
    EXPECT_EQ(line.visual, "");
    EXPECT_FLOAT_EQ(line.width, 0.0f);
}

TEST(TextLayoutWrap, WidthZeroOrLessMeansNoWrapping)
{
    EXPECT_EQ(visuals(layout_paragraph("ett två tre", 0.0f, fixed_measure)), (std::vector<std::string>{"ett två tre"}));
    EXPECT_EQ(visuals(layout_paragraph("ett två tre", -5.0f, fixed_measure)), (std::vector<std::string>{"ett två tre"}));
}

TEST(TextLayoutWrap, MissingMeasureGivesZeroWidthsInsteadOfThrowing)
{
    const auto lines = layout_paragraph("ett två tre", 10.0f, MeasureFn{});
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].visual, "ett två tre");
    EXPECT_FLOAT_EQ(lines[0].width, 0.0f);
}

TEST(TextLayoutWrap, LayoutLineNeverWrapsAndTurnsNewlinesIntoSpaces)
{
    const LaidOutLine line = layout_line("Hitta en aktivitet\nnära dig", fixed_measure);
    EXPECT_EQ(line.visual, "Hitta en aktivitet nära dig");
    EXPECT_FLOAT_EQ(line.width, 270.0f);
    EXPECT_FALSE(line.rtl);
}

// ---- Arabic and Persian shaping -----------------------------------------------------------------

TEST(TextLayoutShape, SalamUsesInitialSeenLamAlefLigatureAndIsolatedMeem)
{
    // س joins left → initial FEB3; ل+ا join to the seen → lam-alef final ligature FEFC; alef never joins
    // left, so م is isolated FEE1. Drawn right to left, so the visual string starts with the meem.
    const LaidOutLine line = layout_line("سلام", fixed_measure);
    EXPECT_EQ(hex(line.visual), "FEE1 FEFC FEB3");
    EXPECT_TRUE(line.rtl);
    EXPECT_FLOAT_EQ(line.width, 30.0f);  // the shaped text: four letters, three glyphs
}

TEST(TextLayoutShape, LamAlefAloneIsTheIsolatedLigature)
{
    EXPECT_EQ(hex(layout_line("لا", fixed_measure).visual), "FEFB");
}

TEST(TextLayoutShape, InitialMedialAndFinalForms)
{
    // سلم: seen initial FEB3, lam medial FEE0, meem final FEE2.
    EXPECT_EQ(hex(layout_line("سلم", fixed_measure).visual), "FEE2 FEE0 FEB3");
    // مرحبا: meem initial, reh final (joins right only), hah initial again, beh medial, alef final.
    EXPECT_EQ(hex(layout_line("مرحبا", fixed_measure).visual), "FE8E FE92 FEA3 FEAE FEE3");
}

TEST(TextLayoutShape, PersianLettersShape)
{
    // فارسی: feh initial, alef final, reh isolated, seen initial, Farsi yeh (U+06CC) final FBFD.
    EXPECT_EQ(hex(layout_line("فارسی", fixed_measure).visual), "FBFD FEB3 FEAD FE8E FED3");
    // پدر: peh initial FB58, dal final FEAA, reh isolated FEAD.
    EXPECT_EQ(hex(layout_line("پدر", fixed_measure).visual), "FEAD FEAA FB58");
}

TEST(TextLayoutShape, HarakatStayAfterTheirLetter)
{
    // بَيت: the fatha stays a combining mark and follows its beh in the visual string.
    EXPECT_EQ(hex(layout_line("بَيت", fixed_measure).visual), "FE96 FEF4 FE91 064E");
}

TEST(TextLayoutShape, BracketsMirrorInRightToLeft)
{
    // Logical "(" opens the Arabic parenthesis: it is drawn as ")" at the right end.
    EXPECT_EQ(hex(layout_line("(مرحبا)", fixed_measure).visual), "0028 FE8E FE92 FEA3 FEAE FEE3 0029");
}

// ---- bidi order -----------------------------------------------------------------------------------

TEST(TextLayoutBidi, NumberAfterArabicIsDrawnAtTheLeftInOrder)
{
    const LaidOutLine line = layout_line("اتصل 112", fixed_measure);
    EXPECT_EQ(hex(line.visual), hex(utf8(U"112 \uFEDE\uFEBC\uFE97\uFE8D")));
    EXPECT_TRUE(line.rtl);
    EXPECT_FLOAT_EQ(line.width, 80.0f);
}

TEST(TextLayoutBidi, LatinWordInArabicKeepsItsOrder)
{
    EXPECT_EQ(hex(layout_line("مرحبا Halmstad", fixed_measure).visual),
              hex(utf8(U"Halmstad \uFE8E\uFE92\uFEA3\uFEAE\uFEE3")));
    EXPECT_EQ(hex(layout_line("الحفل kl. 18:00", fixed_measure).visual),
              hex(utf8(U"kl. 18:00 \uFEDE\uFED4\uFEA4\uFEDF\uFE8D")));
}

TEST(TextLayoutBidi, PhoneNumberInArabicReadsLeftToRightAsOneUnit)
{
    // Plain UAX #9 would give "12 00 000-035" here and "56 34 12 35 46+" below.
    EXPECT_EQ(hex(layout_line("اتصل على 035-000 00 12", fixed_measure).visual),
              hex(utf8(U"035-000 00 12 \uFEF0\uFEE0\uFECB \uFEDE\uFEBC\uFE97\uFE8D")));
    EXPECT_EQ(hex(layout_line("رقم +46 35 12 34 56", fixed_measure).visual),
              hex(utf8(U"+46 35 12 34 56 \uFEE2\uFED7\uFEAD")));
}

TEST(TextLayoutBidi, ShortNumberRangeKeepsItsRightToLeftReading)
{
    // "from 10 to 12": an Arabic reader meets 10 first, at the right.
    EXPECT_EQ(hex(layout_line("من 10-12", fixed_measure).visual), hex(utf8(U"12-10 \uFEE6\uFEE3")));
}

TEST(TextLayoutBidi, PhoneNumberIsNotBrokenAtItsSpaces)
{
    // "اتصل 035-000" would fit in 14 glyphs, but the number moves to the next line whole.
    const auto lines = layout_paragraph("اتصل 035-000 00 12", 140.0f, fixed_measure);
    EXPECT_EQ(visuals(lines), (std::vector<std::string>{utf8(U"\uFEDE\uFEBC\uFE97\uFE8D"), "035-000 00 12"}));
}

TEST(TextLayoutBidi, TigrinyaPassesThroughLeftToRight)
{
    const LaidOutLine line = layout_line("ሰላም ለኹልኩም", fixed_measure);
    EXPECT_EQ(line.visual, "ሰላም ለኹልኩም");
    EXPECT_FALSE(line.rtl);
    EXPECT_FLOAT_EQ(line.width, 90.0f);
}

TEST(TextLayoutBidi, ExplicitDirectionOverridesDetection)
{
    // Without a strong right-to-left character, only the explicit direction puts "112" at the right.
    const LaidOutLine rtl = layout_line("112 Halmstad", fixed_measure, Direction::rtl);
    EXPECT_TRUE(rtl.rtl);
    EXPECT_EQ(rtl.visual, "Halmstad 112");
    EXPECT_EQ(layout_line("112 Halmstad", fixed_measure).visual, "112 Halmstad");
    // In a left-to-right paragraph the Arabic word is still reversed and shaped, after "Ring".
    const LaidOutLine ltr = layout_line("Ring سلام", fixed_measure, Direction::ltr);
    EXPECT_FALSE(ltr.rtl);
    EXPECT_EQ(hex(ltr.visual), hex(utf8(U"Ring \uFEE1\uFEFC\uFEB3")));
}

TEST(TextLayoutBidi, BidiControlsAreNotDrawn)
{
    const LaidOutLine line = layout_line("\u200Fabc\u2066d\u2069\u200E", fixed_measure);
    EXPECT_TRUE(line.rtl);  // RLM is the first strong character
    EXPECT_EQ(line.visual, "abcd");
    EXPECT_FLOAT_EQ(line.width, 40.0f);
}

// ---- wrapping right-to-left text ------------------------------------------------------------------

TEST(TextLayoutBidi, ArabicParagraphWrapsInLogicalOrderAndEachLineIsReorderedOnItsOwn)
{
    // سلم مرحبا سلام اتصل — shaped widths 3, 5, 3 (lam-alef ligature) and 4 glyphs. At 8 glyphs a line,
    // "سلام اتصل" fits only because its shaped form is measured (unshaped it is 9 code points).
    const auto lines = layout_paragraph("سلم مرحبا سلام اتصل", 80.0f, fixed_measure);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(hex(lines[0].visual), "FEE2 FEE0 FEB3");                // سلم, the first word, on the first line
    EXPECT_EQ(hex(lines[1].visual), "FE8E FE92 FEA3 FEAE FEE3");      // مرحبا
    EXPECT_EQ(hex(lines[2].visual), "FEDE FEBC FE97 FE8D 0020 FEE1 FEFC FEB3");  // اتصل left of سلام
    EXPECT_FLOAT_EQ(lines[2].width, 80.0f);
    for (const LaidOutLine& line : lines)
        EXPECT_TRUE(line.rtl);
    // Each line equals its own logical segment laid out alone.
    EXPECT_EQ(lines[2].visual, layout_line("سلام اتصل", fixed_measure).visual);
}

TEST(TextLayoutBidi, ContinuationLineStartingWithLatinStaysRightToLeft)
{
    const auto lines = layout_paragraph("مرحبا Halmstad", 90.0f, fixed_measure);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(hex(lines[0].visual), "FE8E FE92 FEA3 FEAE FEE3");
    EXPECT_EQ(lines[1].visual, "Halmstad");
    EXPECT_TRUE(lines[1].rtl);
}

TEST(TextLayoutBidi, LongArabicParagraphKeepsWordsInReadingOrderAcrossLines)
{
    // Ten numbered words ("كلمة" + digit) at two words a line: line k holds words 2k and 2k+1, and
    // in each line the earlier word is drawn to the right of the later one.
    std::string text;
    for (int i = 0; i < 10; ++i) {
        text += i ? " كلمة" : "كلمة";
        text += std::to_string(i);
    }
    const auto lines = layout_paragraph(text, 110.0f, fixed_measure);
    ASSERT_EQ(lines.size(), 5u);
    for (std::size_t k = 0; k < lines.size(); ++k) {
        const std::string earlier = std::to_string(2 * k);
        const std::string later = std::to_string(2 * k + 1);
        const std::string& v = lines[k].visual;
        ASSERT_NE(v.find(earlier), std::string::npos) << k;
        ASSERT_NE(v.find(later), std::string::npos) << k;
        EXPECT_LT(v.find(later), v.find(earlier)) << "line " << k << ": " << hex(v);
        EXPECT_TRUE(lines[k].rtl);
    }
}

// ---- direction ------------------------------------------------------------------------------------

TEST(TextLayoutDirection, FirstStrongCharacterDecides)
{
    EXPECT_EQ(detect_direction("Hej"), Direction::ltr);
    EXPECT_EQ(detect_direction("سلام"), Direction::rtl);
    EXPECT_EQ(detect_direction("112 سلام Halmstad"), Direction::rtl);
    EXPECT_EQ(detect_direction("(Halmstad) سلام"), Direction::ltr);
    EXPECT_EQ(detect_direction("فارسی"), Direction::rtl);
    EXPECT_EQ(detect_direction("ሰላም"), Direction::ltr);
    EXPECT_EQ(detect_direction("112 – 90101"), Direction::auto_);
    EXPECT_EQ(detect_direction(""), Direction::auto_);
}

TEST(TextLayoutDirection, AutoWithoutStrongCharacterIsLeftToRight)
{
    const auto lines = layout_paragraph("112", 100.0f, fixed_measure);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_FALSE(lines[0].rtl);
}

// ---- font coverage ------------------------------------------------------------------------------

TEST(TextLayoutCodepoints, CollectsLogicalAndShapedForms)
{
    std::set<char32_t> points;
    collect_codepoints("سلام [1", points);
    for (const char32_t c : {U'\u0633', U'\u0644', U'\u0627', U'\u0645', U'1'})
        EXPECT_TRUE(points.count(c)) << std::hex << static_cast<unsigned>(c);
    // The forms in the text, forms a line break may create (isolated seen FEB1, final meem FEE2, the
    // isolated lam-alef FEFB), and the mirrored bracket of right-to-left text.
    for (const char32_t c : {U'\uFEB3', U'\uFEFC', U'\uFEE1', U'\uFEB1', U'\uFEE2', U'\uFEFB', U']'})
        EXPECT_TRUE(points.count(c)) << std::hex << static_cast<unsigned>(c);
    EXPECT_FALSE(points.count(U'\uFEFF'));  // FriBidi's ligature filler is never drawn
}

TEST(TextLayoutCodepoints, LatinOnlyAddsNoArabic)
{
    std::set<char32_t> points;
    collect_codepoints("Hej", points);
    EXPECT_EQ(points, (std::set<char32_t>{U'H', U'e', U'j'}));
}

// ---- robustness ---------------------------------------------------------------------------------

TEST(TextLayoutRobust, InvalidUtf8BecomesReplacementCharacters)
{
    // FF never starts a sequence; E2 82 is a cut three-byte sequence (one U+FFFD for the whole
    // subpart); C0 is an overlong lead and AF a stray continuation byte (one each).
    const LaidOutLine line = layout_line("a\xFF" "b\xE2\x82 c\xC0\xAF", fixed_measure);
    EXPECT_EQ(hex(line.visual), "0061 FFFD 0062 FFFD 0020 0063 FFFD FFFD");
    EXPECT_EQ(find_invalid_utf8(line.visual), std::string_view::npos);
    for (const LaidOutLine& wrapped : layout_paragraph("\xF0\x9F\x98 \xED\xA0\x80", 10.0f, fixed_measure))
        EXPECT_EQ(find_invalid_utf8(wrapped.visual), std::string_view::npos);
}

TEST(TextLayoutRobust, HugeInputIsCutAndStillWrapped)
{
    std::string words;
    while (words.size() < 1'000'000)
        words += "ord ";
    const auto lines = layout_paragraph(words, 100.0f, fixed_measure);
    std::size_t bytes = 0;
    for (const LaidOutLine& line : lines) {
        EXPECT_LE(line.width, 100.0f);
        bytes += line.visual.size();
    }
    EXPECT_GT(lines.size(), 1000u);
    EXPECT_LE(bytes, 64u * 1024u);

    std::string word;  // one Arabic "word" of 500,000 letters in a 10-glyph box
    while (word.size() < 1'000'000)
        word += "ب";
    const auto pieces = layout_paragraph(word, 100.0f, fixed_measure);
    ASSERT_FALSE(pieces.empty());
    for (const LaidOutLine& piece : pieces)
        ASSERT_LE(piece.width, 100.0f);
    EXPECT_EQ(pieces.front().width, 100.0f);
}

TEST(TextLayoutRobust, SafeToCallFromManyThreads)
{
    const std::string text = "اتصل على 035-000 00 12 ሰላም Välkommen";
    const auto expected = visuals(layout_paragraph(text, 70.0f, fixed_measure));
    std::vector<std::vector<std::string>> results(4);
    std::vector<std::thread> threads;
    for (auto& result : results)
        threads.emplace_back([&text, &result] {
            for (int i = 0; i < 200; ++i)
                result = visuals(layout_paragraph(text, 70.0f, fixed_measure));
        });
    for (std::thread& thread : threads)
        thread.join();
    for (const auto& result : results)
        EXPECT_EQ(result, expected);
}

}  // namespace
}  // namespace lotsen

TEST(TextLayoutCodepoints, LamAlefLigaturesEvenWhenLamAndAlefAreApart)
{
    // The kiosk passes the catalogue's distinct characters, where ل and ا are not neighbours.
    std::set<char32_t> points;
    lotsen::collect_codepoints("ا ب ل", points);
    EXPECT_TRUE(points.contains(U'\uFEFB'));  // lam-alef isolated
    EXPECT_TRUE(points.contains(U'\uFEFC'));  // lam-alef final
    EXPECT_TRUE(points.contains(U'\uFEF7'));  // lam with alef hamza above, isolated
    std::set<char32_t> without_lam;
    lotsen::collect_codepoints("ا ب", without_lam);
    EXPECT_FALSE(without_lam.contains(U'\uFEFB'));
}

// The kiosk collects the characters of every string table at start (issue 21): shaping each letter once
// for all the texts, and skipping FriBidi for paragraphs it cannot change, must give exactly the set
// that collecting each text on its own gives.
TEST(TextLayoutCodepoints, ManyTextsSharingShapedLettersGiveTheSameSetAsEachAlone)
{
    auto tables = lotsen::StringTables::load_directory(std::string(LOTSEN_SOURCE_DIR) + "/assets/i18n");
    ASSERT_TRUE(tables) << tables.error().text();
    std::vector<std::string> texts = {"Hej (på dig", "سلام [1", "x ] y", "ሰላም", "Привіт «друже»", "a\nب (c"};
    for (const auto& [language, table] : tables.value().tables())
        for (const auto& [key, text] : table)
            texts.emplace_back(text);
    ASSERT_GT(texts.size(), 500u);
    std::set<char32_t> each_alone;
    for (const std::string& text : texts) {
        std::set<char32_t> one;
        lotsen::collect_codepoints(text, one);
        each_alone.insert(one.begin(), one.end());
    }
    std::set<char32_t> shared;
    std::set<char32_t> letters_done;
    for (const std::string& text : texts)
        lotsen::collect_codepoints(text, shared, letters_done);
    EXPECT_EQ(shared, each_alone);
    EXPECT_TRUE(shared.contains(U')'));       // the mirror of "(" in a Swedish text read right to left
    EXPECT_TRUE(shared.contains(U'\uFEFB'));  // lam-alef, from the Arabic tables
}
