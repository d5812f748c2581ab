// test_text_layout_cache.cpp — laid-out text kept between frames (one language's, for the faces in
// use), card layouts kept while a list scrolls, and a list that draws only the cards in sight (issue
// "The front door, part 1": a scroll frame no slower than before). What is measured is what a frame
// does (layouts made, vertices handed to the renderer), never its time: timing lives in lotsen-bench.
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

// The cache keeps one language's texts: the first layout asked in another language empties it, and
// asking in the same language again keeps what is there.
TEST(TextLayoutCache, AnotherLanguageEmptiesIt)
{
    ImFont font;
    TextLayoutCache cache;
    CountingLayout layout;
    using Kind = TextLayoutCache::Kind;
    cache.use_language("sv");
    cache.get(&font, Kind::line, "Schack", 0.0f, layout.of("Schack"));
    cache.use_language("sv");
    cache.get(&font, Kind::line, "Schack", 0.0f, layout.of("Schack"));
    EXPECT_EQ(layout.calls, 1);
    cache.use_language("ar");
    EXPECT_EQ(cache.size(), 0u);
    cache.get(&font, Kind::line, "Schack", 0.0f, layout.of("Schack"));
    EXPECT_EQ(layout.calls, 2);
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

// A frame in another language lays its texts out anew, and so does a frame back in the first one:
// the other language's layouts were let go, not kept beside it.
TEST_F(LayoutPerFrame, AnotherLanguageStartsTheCacheAnew)
{
    open_list(DayRange::this_week);
    m_kiosk->frame(m_now);
    const std::size_t swedish = app().text_layouts().size();
    ASSERT_GT(swedish, 0u);
    app().set_language("en");
    m_kiosk->settle(m_now);
    EXPECT_LT(app().text_layouts().size(), swedish + swedish / 2) << "the Swedish layouts were let go";
    app().set_language("sv");
    m_kiosk->settle(m_now);
    const std::uint64_t misses = app().text_layouts().misses();
    m_kiosk->frame(m_now);
    EXPECT_EQ(app().text_layouts().misses(), misses) << "settled in Swedish again";
    app().set_language("en");
    m_kiosk->frame(m_now);
    app().set_language("sv");
    const std::uint64_t before = app().text_layouts().misses();
    m_kiosk->frame(m_now);
    EXPECT_GT(app().text_layouts().misses(), before) << "the Swedish texts were laid out anew";
}

// Larger text rebuilds the faces, and with them comes an empty cache: no line measured with the
// old faces is used again.
TEST_F(LayoutPerFrame, LargerTextStartsAnEmptyCache)
{
    open_list(DayRange::this_week);
    for (int i = 0; i < 5; ++i)
        m_kiosk->frame(m_now);
    const std::uint64_t hits = app().text_layouts().hits();
    app().session().larger_text = true;
    m_kiosk->frame(m_now);
    EXPECT_LT(app().text_layouts().hits(), hits);
    EXPECT_GT(app().text_layouts().misses(), 0u);
}

// Scrolling a list works out no card again: wording, distance and measured lines are kept. Reading
// the list again, a new minute and another language work them out anew.
TEST_F(LayoutPerFrame, ScrollingWorksOutNoCardAgain)
{
    open_list(DayRange::this_week);
    auto made = [&] { return dynamic_cast<ListScreen&>(app().current_screen()).cards().made(); };
    const std::uint64_t first = made();
    ASSERT_GT(first, 0u);
    const float x = 400.0f;
    app().push_pointer({PointerEvent::Kind::press, x, 400.0f});
    m_kiosk->frame(m_now);
    for (int i = 1; i <= 10; ++i) {
        app().push_pointer({PointerEvent::Kind::move, x, 400.0f - 25.0f * static_cast<float>(i)});
        m_kiosk->frame(m_now);
    }
    app().push_pointer({PointerEvent::Kind::release, x, 150.0f});
    m_kiosk->settle(m_now);
    const std::uint64_t scrolled = made();
    EXPECT_GT(dynamic_cast<ListScreen&>(app().current_screen()).scroll().offset(), 100.0f);
    // Every card's height is needed to place the list: all were worked out in the first frame.
    EXPECT_EQ(scrolled, first) << "scrolling worked cards out again";

    // The list is read again a minute after it was (at 1.5 minutes past); at 2 minutes past the
    // wording may change ("starts in 20 min") without the list being read.
    m_kiosk->frame(m_now + 90);
    const std::uint64_t reread = made();
    EXPECT_GT(reread, scrolled);
    m_kiosk->frame(m_now + 119);
    EXPECT_EQ(made(), reread) << "the same minute";
    m_kiosk->frame(m_now + 120);
    EXPECT_GT(made(), reread) << "a new minute";
    const std::uint64_t minute = made();
    app().set_language("en");
    m_kiosk->frame(m_now + 120);
    EXPECT_GT(made(), minute);
}

// When a visit ends the laid-out labels go with it (and malloc_trim hands their pages back): the
// next visitor's home screen is laid out anew, and memory does not creep up visit by visit.
TEST_F(LayoutPerFrame, AnEndedVisitForgetsItsLayouts)
{
    open_list(DayRange::this_week);
    m_kiosk->frame(m_now);
    ASSERT_GT(app().text_layouts().size(), 0u);
    app().reset_session();
    EXPECT_EQ(app().text_layouts().size(), 0u);
    const std::uint64_t misses = app().text_layouts().misses();
    m_kiosk->settle(m_now);
    EXPECT_EQ(screen(), "home");
    EXPECT_GT(app().text_layouts().misses(), misses) << "home laid out anew";
}
