// test_glyph_slots.cpp — the text faces' glyphs above U+2100 (the Arabic presentation forms shaped
// text is drawn with) held at free low code points: which slots, text translated to them, a face
// renumbered to them drawing the same vertices as before, and the kiosk's faces' tables ending low.
#include "core/text/text_layout.hpp"
#include "kiosk/fonts.hpp"
#include "kiosk/glyph_slots.hpp"
#include "tests/common/files.hpp"

#include <imgui.h>
#include <imgui_freetype.h>
#include <imgui_internal.h>

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

using namespace lotsen;
using namespace lotsen::kiosk;

namespace {

std::string utf8(char32_t c)
{
    std::string out;
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
    return out;
}

// Every code point of ImGui range pairs `ranges` (ending in 0).
std::vector<char32_t> code_points(const GlyphRanges& ranges)
{
    std::vector<char32_t> all;
    for (std::size_t i = 0; i + 1 < ranges.size() && ranges[i] != 0; i += 2) {
        for (char32_t c = ranges[i]; c <= ranges[i + 1]; ++c)
            all.push_back(c);
    }
    return all;
}

TEST(GlyphSlots, MovesCodePointsFromU2100ToTheLowestOnesTheSetDoesNotHold)
{
    // Latin-1, two code points at the first slots' place, € (kept), two Arabic presentation forms.
    const GlyphRanges ranges = {0x20, 0xFF, 0x800, 0x801, 0x20AC, 0x20AC, 0xFB58, 0xFB58, 0xFE8D, 0xFE8E, 0};
    const GlyphSlots slots = GlyphSlots::for_ranges(ranges);
    EXPECT_EQ(slots.size(), 3u);
    EXPECT_EQ(slots.to_atlas(U'\uFB58'), 0x802u);
    EXPECT_EQ(slots.to_atlas(U'\uFE8D'), 0x803u);
    EXPECT_EQ(slots.to_atlas(U'\uFE8E'), 0x804u);
    for (char32_t kept : {U'a', U'å', U'\u0800', U'\u0801', U'\u20AC', U'\uFEFB'})
        EXPECT_EQ(slots.to_atlas(kept), kept) << std::hex << static_cast<unsigned>(kept);
    // A slot in a text is not the glyph moved there: it draws as before, as a code point no face holds.
    EXPECT_EQ(slots.to_atlas(U'\u0803'), GlyphSlots::k_not_held);
    EXPECT_EQ(slots.to_atlas(U'\u0805'), 0x805u);
    for (char32_t moved : {U'\uFB58', U'\uFE8D', U'\uFE8E'})
        EXPECT_EQ(slots.from_atlas(slots.to_atlas(moved)), moved);
    EXPECT_EQ(slots.from_atlas(U'a'), U'a');
    // The same ranges give the same slots (a restored atlas must agree with the one built).
    EXPECT_EQ(GlyphSlots::for_ranges(ranges).to_atlas(U'\uFE8E'), 0x804u);
    // None moved: nothing changes.
    EXPECT_EQ(GlyphSlots().to_atlas(U'\uFE8D'), U'\uFE8D');
}

TEST(GlyphSlots, TranslatesOnlyTextWithMovedOrSlotCodePoints)
{
    const GlyphSlots slots = GlyphSlots::for_ranges({0x20, 0xFF, 0x2013, 0x2013, 0xFE8D, 0xFE8E, 0});
    std::string out;
    EXPECT_FALSE(slots.to_atlas("Språkcafé i Halmstad", out));
    EXPECT_FALSE(slots.to_atlas("kl. 10–12", out));  // U+2013 keeps its own
    EXPECT_FALSE(slots.to_atlas("\xD8\xA7", out));   // U+0627, a letter not shaped: two bytes
    ASSERT_TRUE(slots.to_atlas("112 \uFE8E\uFE8D!", out));
    EXPECT_EQ(out, "112 " + utf8(0x801) + utf8(0x800) + "!");
    EXPECT_EQ(slots.to_atlas_text("\uFE8E"), utf8(0x801));
    EXPECT_EQ(slots.to_atlas_text("Hej"), "Hej");
    // A slot in the text itself, and bytes that are not UTF-8, around a moved one.
    ASSERT_TRUE(slots.to_atlas(utf8(0x800) + "\xE2\x82" + "\uFE8D\xFF", out));
    EXPECT_EQ(out, utf8(GlyphSlots::k_not_held) + "\xE2\x82" + utf8(0x800) + "\xFF");
}

// An atlas of one face of Noto Sans Arabic with `ranges`, built as the kiosk builds (FreeType).
ImFont* arabic_face(ImFontAtlas& atlas, const GlyphRanges& ranges)
{
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    ImFontConfig config;
    config.PixelSnapH = true;
    ImFont* font = atlas.AddFontFromFileTTF((std::string(k_noto_dir) + "/NotoSansArabic-Regular.ttf").c_str(), 24.0f,
                                            &config, ranges.data());
    if (!font || !atlas.Build())
        return nullptr;
    return font;
}

// The vertices ImGui makes for `text` in `font`: what the renderer draws.
std::vector<ImDrawVert> vertices_of(ImFont* font, const std::string& text)
{
    ImDrawListSharedData shared;
    ImDrawList list(&shared);
    list._ResetForNewFrame();
    list.PushClipRect(ImVec2(0, 0), ImVec2(4096, 4096));
    list.AddText(font, font->FontSize, ImVec2(10, 20), IM_COL32(0, 0, 0, 255), text.data(), text.data() + text.size());
    return std::vector<ImDrawVert>(list.VtxBuffer.begin(), list.VtxBuffer.end());
}

TEST(GlyphSlots, ARenumberedFaceDrawsShapedArabicWithTheSameVertices)
{
    const std::string text = "اتصل على 035-000 00 12 · مرحبا بكم في مكتبة هالمستاد (لا) پدر فارسی";
    const GlyphRanges ranges = glyph_ranges_for({text});
    ImFontAtlas before;
    ImFontAtlas after;
    ImFont* plain = arabic_face(before, ranges);
    ImFont* renumbered = arabic_face(after, ranges);
    ASSERT_NE(plain, nullptr);
    ASSERT_NE(renumbered, nullptr);
    const GlyphSlots slots = GlyphSlots::for_ranges(ranges);
    ASSERT_GT(slots.size(), 20u);
    slots.renumber(*renumbered);
    slots.renumber(*renumbered);  // again, as a face restored from the cache is: nothing more moves
    EXPECT_GT(plain->IndexLookup.Size, 0xFE00);
    EXPECT_LE(renumbered->IndexLookup.Size, static_cast<int>(GlyphSlots::k_moved_from));
    EXPECT_LE(renumbered->IndexAdvanceX.Size, static_cast<int>(GlyphSlots::k_moved_from));
    EXPECT_EQ(renumbered->Glyphs.Size, plain->Glyphs.Size);
    EXPECT_EQ(renumbered->FallbackAdvanceX, plain->FallbackAdvanceX);

    const MeasureFn measure = [plain](std::string_view visual) {
        return plain->CalcTextSizeA(plain->FontSize, FLT_MAX, 0.0f, visual.data(), visual.data() + visual.size()).x;
    };
    std::size_t moved = 0;
    for (const LaidOutLine& line : layout_paragraph(text, 200.0f, measure)) {
        const std::string drawn = slots.to_atlas_text(line.visual);
        moved += drawn != line.visual;
        const std::vector<ImDrawVert> expected = vertices_of(plain, line.visual);
        const std::vector<ImDrawVert> got = vertices_of(renumbered, drawn);
        ASSERT_EQ(got.size(), expected.size()) << line.visual;
        ASSERT_FALSE(expected.empty());
        EXPECT_EQ(std::memcmp(got.data(), expected.data(), got.size() * sizeof(ImDrawVert)), 0) << line.visual;
        EXPECT_EQ(renumbered->CalcTextSizeA(renumbered->FontSize, FLT_MAX, 0.0f, drawn.data(), drawn.data() + drawn.size()).x,
                  measure(line.visual));
    }
    EXPECT_GT(moved, 0u);
    // A code point that became a slot still draws the fallback glyph when a text holds it: the same
    // vertices (none, when the fallback has no ink) and the same advance.
    const std::string slot_text = utf8(slots.to_atlas(U'\uFE8D'));
    const std::string slot_drawn = slots.to_atlas_text(slot_text);
    const std::vector<ImDrawVert> fallback = vertices_of(plain, slot_text);
    const std::vector<ImDrawVert> got = vertices_of(renumbered, slot_drawn);
    ASSERT_EQ(got.size(), fallback.size());
    if (!fallback.empty()) {
        EXPECT_EQ(std::memcmp(got.data(), fallback.data(), fallback.size() * sizeof(ImDrawVert)), 0);
    }
    EXPECT_EQ(renumbered->CalcTextSizeA(renumbered->FontSize, FLT_MAX, 0.0f, slot_drawn.data(), slot_drawn.data() + slot_drawn.size()).x,
              measure(slot_text));
    EXPECT_GT(measure(slot_text), 0.0f);
}

TEST(GlyphSlots, TheKiosksTextFacesEndBelowU2100BuiltAndRestored)
{
    const GlyphRanges ranges = glyph_ranges_for({"مرحبا بكم في مكتبة هالمستاد", "فارسی پدر", "Välkommen", "ትግርኛ"});
    lotsen::testing::TempDir cache("lotsen-glyph-slots");
    FontSources sources;
    sources.cache_dir = cache.str();
    for (const char* load : {"built", "restored"}) {
        ImFontAtlas atlas;
        auto fonts = load_fonts(atlas, UiScale(800, 480, 15.6), ranges, sources);
        ASSERT_TRUE(fonts.ok()) << fonts.error().text();
        EXPECT_EQ(fonts.value().cache.kind == AtlasCacheOutcome::Kind::restored, std::string(load) == "restored");
        const GlyphSlots& slots = fonts.value().slots;
        ASSERT_GT(slots.size(), 20u);
        for (const ImFont* face : {fonts.value().body, fonts.value().bold, fonts.value().heading, fonts.value().small}) {
            EXPECT_LE(face->IndexLookup.Size, static_cast<int>(GlyphSlots::k_moved_from)) << load;
            EXPECT_LE(face->IndexAdvanceX.Size, static_cast<int>(GlyphSlots::k_moved_from)) << load;
            std::size_t found = 0;
            for (char32_t c : code_points(ranges)) {
                if (c < GlyphSlots::k_moved_from)
                    continue;
                const ImFontGlyph* glyph = face->FindGlyphNoFallback(static_cast<ImWchar>(slots.to_atlas(c)));
                found += glyph != nullptr;
                EXPECT_EQ(face->FindGlyphNoFallback(static_cast<ImWchar>(c)), nullptr) << std::hex << static_cast<unsigned>(c);
            }
            EXPECT_GT(found, 20u) << load;
        }
    }
}

}  // namespace
