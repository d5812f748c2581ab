// test_text_layout_cache.cpp — laid-out text kept between frames, and a list that draws only the
// cards in sight (issue "The front door, part 1": a scroll frame no slower than before). What is
// measured is what a frame does (layouts made, vertices handed to the renderer), never its time:
// timing lives in lotsen-bench.
#include "tests/ui/kiosk_fixture.hpp"

#include "kiosk/screens/list_screen.hpp"
#include "kiosk/text_layout_cache.hpp"

#include <imgui.h>

using namespace lotsen;
using namespace lotsen::kiosk;
using namespace lotsen::kiosk::testing_support;

namespace {

// Lays out "text" as one line of its own length, counting how often it was asked.
struct CountingLayout {
    int calls = 0;
    std::function<LaidOutLines()> of(std::string text)
    {
        return [this, text] {
            ++calls;
            return LaidOutLines{LaidOutLine{text, static_cast<float>(text.size()), false}};
        };
    }
};

}  // namespace

TEST(TextLayoutCache, LaysEachTextOutOnce)
{
    ImFont font;
    TextLayoutCache cache;
    CountingLayout layout;
    const auto first = cache.get(&font, TextLayoutCache::Kind::line, "Stickcafé", 0.0f, layout.of("Stickcafé"));
    const auto again = cache.get(&font, TextLayoutCache::Kind::line, "Stickcafé", 0.0f, layout.of("Stickcafé"));
    EXPECT_EQ(layout.calls, 1);
    EXPECT_EQ(first.get(), again.get());
    EXPECT_EQ(again->front().visual, "Stickcafé");
    EXPECT_EQ(cache.hits(), 1u);
    EXPECT_EQ(cache.misses(), 1u);
}

TEST(TextLayoutCache, FontKindAndWidthEachHaveTheirOwnLines)
{
    ImFont body;
    ImFont bold;
    TextLayoutCache cache;
    CountingLayout layout;
    using Kind = TextLayoutCache::Kind;
    cache.get(&body, Kind::paragraph, "Schack för alla", 200.0f, layout.of("a"));
    cache.get(&bold, Kind::paragraph, "Schack för alla", 200.0f, layout.of("b"));
    cache.get(&body, Kind::wrapped, "Schack för alla", 200.0f, layout.of("c"));
    cache.get(&body, Kind::paragraph, "Schack för alla", 199.5f, layout.of("d"));
    cache.get(&body, Kind::paragraph, "Schack för alla!", 200.0f, layout.of("e"));
    EXPECT_EQ(layout.calls, 5);
    EXPECT_EQ(cache.size(), 5u);
    EXPECT_EQ(cache.get(&bold, Kind::paragraph, "Schack för alla", 200.0f, layout.of("x"))->front().visual, "b");
    EXPECT_EQ(layout.calls, 5);
}

// Full, it lets the least recently used layout go; what a caller still holds stays readable.
TEST(TextLayoutCache, FullDropsTheLeastRecentlyUsed)
{
    ImFont font;
    TextLayoutCache cache(3);
    CountingLayout layout;
    using Kind = TextLayoutCache::Kind;
    const auto held = cache.get(&font, Kind::line, "a", 0.0f, layout.of("a"));
    cache.get(&font, Kind::line, "b", 0.0f, layout.of("b"));
    cache.get(&font, Kind::line, "c", 0.0f, layout.of("c"));
    cache.get(&font, Kind::line, "a", 0.0f, layout.of("a"));  // "b" is now the oldest use
    cache.get(&font, Kind::line, "d", 0.0f, layout.of("d"));
    EXPECT_EQ(cache.size(), 3u);
    EXPECT_EQ(layout.calls, 4);
    cache.get(&font, Kind::line, "a", 0.0f, layout.of("a"));
    cache.get(&font, Kind::line, "c", 0.0f, layout.of("c"));
    cache.get(&font, Kind::line, "d", 0.0f, layout.of("d"));
    EXPECT_EQ(layout.calls, 4) << "a, c and d were kept";
    cache.get(&font, Kind::line, "b", 0.0f, layout.of("b"));
    EXPECT_EQ(layout.calls, 5) << "b was let go";
    for (char text : std::string("efghij"))
        cache.get(&font, Kind::line, std::string(1, text), 0.0f, layout.of(std::string(1, text)));
    EXPECT_EQ(held->front().visual, "a");
}

namespace {

class LayoutPerFrame : public KioskFixture {
protected:
    void open_list(DayRange days)
    {
        start(800, 480);
        tap("##today");
        ASSERT_EQ(screen(), "list");
        app().session().days = days;
        m_kiosk->settle(m_now);
    }
    std::size_t listed() { return dynamic_cast<ListScreen&>(app().current_screen()).items().size(); }
};

}  // namespace

// Once a screen is drawn, drawing it again lays out no text: every label comes from the cache.
TEST_F(LayoutPerFrame, AFrameDrawnAgainLaysOutNothing)
{
    open_list(DayRange::this_week);
    const std::uint64_t misses = app().text_layouts().misses();
    const std::uint64_t hits = app().text_layouts().hits();
    m_kiosk->frame(m_now);
    EXPECT_EQ(app().text_layouts().misses(), misses);
    EXPECT_GT(app().text_layouts().hits(), hits);
}

// A week of cards (hundreds) hands the renderer about what a short list does: only the cards in
// sight are drawn.
TEST_F(LayoutPerFrame, OnlyCardsInSightAreDrawn)
{
    open_list(DayRange::today);
    const std::size_t short_list = listed();
    const int short_vertices = app().drawn_vertices();
    m_kiosk.reset();
    open_list(DayRange::this_week);
    const std::size_t long_list = listed();
    const int long_vertices = app().drawn_vertices();
    ASSERT_GE(long_list, 5 * short_list) << "the week must list far more than the day";
    ASSERT_GT(short_vertices, 0);
    EXPECT_LT(long_vertices, short_vertices * 3 / 2)
        << long_list << " cards gave " << long_vertices << " vertices, " << short_list << " gave " << short_vertices;
}
