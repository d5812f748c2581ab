// test_list_time.cpp — the activity list in time (issue "The front door, part 1", point 6, and the
// Arabic cards of point 9): time order under day headers, the running occurrence marked, nearness
// as a filter with a distance on each card, the interest as the title with a way back to all, day
// choices unlike the on/off chips, and cards clear of the scroll bar in both directions.
#include "tests/ui/kiosk_fixture.hpp"

#include "core/catalogue/occurrence_wording.hpp"
#include "kiosk/activity_card.hpp"
#include "kiosk/screens/home_screen.hpp"
#include "kiosk/screens/list_screen.hpp"
#include "kiosk/theme.hpp"

#include <imgui.h>

using namespace lotsen;
using namespace lotsen::kiosk;
using namespace lotsen::kiosk::testing_support;

namespace {

// The kiosk stands in Varberg. The test catalogue's odd activities (Varberg) are placed 856 m north
// of it, the even ones (Halmstad) in central Halmstad, 60.5 km away; the last two have no position.
const GeoPoint k_kiosk{57.1057, 12.2502};

Catalogue catalogue_with_positions()
{
    Catalogue catalogue = make_catalogue();
    for (std::size_t i = 0; i + 2 < catalogue.activities.size(); ++i) {
        Place& place = catalogue.activities[i].place;
        place.latitude = i % 2 == 1 ? k_kiosk.latitude + 0.0077 : 56.6745;
        place.longitude = i % 2 == 1 ? k_kiosk.longitude : 12.8578;
    }
    return catalogue;
}

class ListTime : public KioskFixture {
protected:
    void open_at(int width, int height, const LanguageCode& language = "sv")
    {
        m_kiosk.reset();  // a second size or language in one test: one kiosk at a time
        start(width, height, [](KioskConfig& config) {
            config.latitude = k_kiosk.latitude;
            config.longitude = k_kiosk.longitude;
            config.near_km = 5.0;
        });
        auto replaced = app().store().replace_catalogue(catalogue_with_positions(), m_now);
        ASSERT_TRUE(replaced.ok()) << replaced.error().text();
        app().set_language(language);
        app().home();
        m_kiosk->settle(m_now);
    }
    ListScreen& list() { return dynamic_cast<ListScreen&>(app().current_screen()); }
    const TapTarget& target(const std::string& id)
    {
        const TapTarget* found = m_kiosk->find_target(id);
        if (!found)
            ADD_FAILURE() << "no " << id << " on screen " << screen();
        static const TapTarget none{};
        return found ? *found : none;
    }
};

}  // namespace

// Tuesday 09:00, this week: every occurrence in start order, each card below the header of its own
// day (today, tomorrow, then weekday dates), the Varberg kiosk's own town no longer first.
TEST_F(ListTime, ListIsInTimeOrderUnderItsDayHeaders)
{
    open_at(800, 480);
    tap("##today");
    ASSERT_EQ(screen(), "list");
    tap("days:2");  // this week
    ASSERT_EQ(app().session().days, DayRange::this_week);
    const std::vector<ActivityListItem>& items = list().items();
    ASSERT_GT(items.size(), 40u);
    for (std::size_t i = 1; i < items.size(); ++i) {
        ASSERT_LE(items[i - 1].occurrence->start, items[i].occurrence->start)
            << items[i - 1].activity_id << " is listed before " << items[i].activity_id;
    }
    EXPECT_EQ(items.front().occurrence->local_start.time, TimeOfDay{10 * 60});

    const std::vector<DayHeaderPlace>& headers = list().day_headers();
    ASSERT_GE(headers.size(), 7u);  // today and six more days
    EXPECT_EQ(headers.front().day, (Date{2026, 11, 24}));
    EXPECT_EQ(headers[1].day, (Date{2026, 11, 25}));
    // Each card's nearest header above it names the card's own day.
    std::size_t checked = 0;
    for (const TapTarget& t : app().targets()) {
        if (!t.id.starts_with("card:"))
            continue;
        const DayHeaderPlace* above = nullptr;
        for (const DayHeaderPlace& header : headers) {
            if (header.bottom <= t.min.y && (!above || header.top > above->top))
                above = &header;
        }
        ASSERT_NE(above, nullptr) << t.id << " has no day header above it";
        // Which occurrence this card is: the items are drawn in order, one card each.
        const ActivityListItem& item = items[checked];
        EXPECT_EQ(t.id, "card:" + item.activity_id);
        EXPECT_EQ(above->day, listing_day(*item.occurrence, m_now)) << t.id;
        ++checked;
    }
    EXPECT_EQ(checked, items.size());
}

// 10:30: the 10:00 activities are running and their cards carry the "on now" mark (a red dot
// beside "Pågår nu"); the 11:00 ones, which start in 30 minutes, do not.
TEST_F(ListTime, ARunningOccurrenceIsMarkedOnItsCard)
{
    m_now = stockholm::to_utc({Date{2026, 11, 24}, TimeOfDay{10 * 60 + 30}});
    open_at(1080, 1920);
    tap("##today");
    ASSERT_EQ(screen(), "list");
    const std::vector<ActivityListItem>& items = list().items();
    ASSERT_GE(items.size(), 6u);
    ASSERT_EQ(when_of(*items[0].occurrence, m_now).kind, WhenKind::running);
    ASSERT_EQ(when_of(*items[4].occurrence, m_now).kind, WhenKind::starting_soon);
    const ImU32 red = default_palette().danger;
    auto has_red = [&](std::size_t index) {
        // The n-th card target is the n-th item (several occurrences of one activity share an id).
        std::size_t n = 0;
        for (const TapTarget& t : app().targets()) {
            if (!t.id.starts_with("card:") || n++ != index)
                continue;
            for (int y = static_cast<int>(t.min.y); y < static_cast<int>(t.min.y + (t.max.y - t.min.y) / 3); ++y) {
                for (int x = static_cast<int>(t.min.x); x < static_cast<int>(t.max.x); ++x) {
                    if (m_kiosk->pixel(x, y) == red)
                        return true;
                }
            }
        }
        return false;
    };
    EXPECT_TRUE(has_red(0));
    EXPECT_FALSE(has_red(4));
}

// "Only near here" keeps what lies within near_km of the kiosk (or in its town, without a
// position); without it both towns are listed; each card's distance is measured from the kiosk.
TEST_F(ListTime, NearIsAFilterAndEachCardShowsItsDistance)
{
    open_at(800, 480);
    // Home's "today near here" lists only nearby ones.
    const auto& home = dynamic_cast<HomeScreen&>(app().current_screen());
    ASSERT_FALSE(home.today().empty());
    for (const ActivityListItem& item : home.today())
        EXPECT_EQ(item.town, "Varberg") << item.activity_id;

    tap("##today");
    ASSERT_EQ(screen(), "list");
    ASSERT_FALSE(app().session().near_only);
    bool halmstad = false;
    for (const ActivityListItem& item : list().items())
        halmstad = halmstad || item.town == "Halmstad";
    EXPECT_TRUE(halmstad) << "without the filter every town is listed";
    tap("##near");
    ASSERT_TRUE(app().session().near_only);
    ASSERT_FALSE(list().items().empty());
    bool unplaced = false;
    for (const ActivityListItem& item : list().items()) {
        EXPECT_EQ(item.town, "Varberg") << item.activity_id;
        unplaced = unplaced || !item.position;
    }
    EXPECT_TRUE(unplaced) << "a Varberg activity without a position counts as near by its town";

    auto tables = StringTables::load_directory(std::string(LOTSEN_SOURCE_DIR) + "/assets/i18n");
    ASSERT_TRUE(tables.ok());
    ActivityListItem varberg;
    varberg.position = GeoPoint{k_kiosk.latitude + 0.0077, k_kiosk.longitude};
    ActivityListItem far_away;
    far_away.position = GeoPoint{56.6745, 12.8578};
    // 856 m as the crow flies: 1.3 × that at 1.2 m/s is 15.5 min, rounded up in fives (geo.hpp).
    EXPECT_EQ(distance_text(app().config(), tables.value(), "sv", varberg), "860 m · ca 20 min promenad");
    EXPECT_EQ(distance_text(app().config(), tables.value(), "sv", far_away), "60,5 km");  // no walk that far
    EXPECT_EQ(distance_text(app().config(), tables.value(), "en", far_away), "60.5 km");
    EXPECT_EQ(distance_text(app().config(), tables.value(), "ar", varberg), "860 م · حوالي 20 دقيقة سيرًا");
    EXPECT_EQ(distance_text(app().config(), tables.value(), "sv", ActivityListItem{}), "");
}

TEST_F(ListTime, TheInterestIsTheTitleAndShowAllClearsIt)
{
    open_at(800, 480);
    tap("##find");
    tap("##interest-music");
    ASSERT_EQ(screen(), "list");
    EXPECT_EQ(list().interest_label().get("sv"), "Musik");
    for (const ActivityListItem& item : list().items())
        EXPECT_EQ(item.town, "Halmstad") << "music is Halmstad's in the test catalogue";
    tap("##show-all");
    EXPECT_EQ(screen(), "list");
    EXPECT_TRUE(app().session().interest.empty());
    EXPECT_TRUE(list().interest_label().empty());
    EXPECT_EQ(m_kiosk->find_target("##show-all"), nullptr);
    bool varberg = false;
    for (const ActivityListItem& item : list().items())
        varberg = varberg || item.town == "Varberg";
    EXPECT_TRUE(varberg) << "after \"show all\" every interest is listed";
}

// The days replace each other: segments joined edge to edge, unlike the separate on/off chips; both
// as tall as a touch target (the chips' own height) and at least as wide.
TEST_F(ListTime, DayChoicesAreJoinedSegmentsUnlikeTheFilterChips)
{
    for (const char* language : {"sv", "ar"}) {
        SCOPED_TRACE(language);
        open_at(800, 480, language);
        tap("##today");
        ASSERT_EQ(screen(), "list");
        const TapTarget today = target("days:0");
        const TapTarget tomorrow = target("days:1");
        const TapTarget week = target("days:2");
        const TapTarget near = target("##near");
        const TapTarget free = target("##free");
        const float touch = near.max.y - near.min.y;
        for (const TapTarget* segment : {&today, &tomorrow, &week}) {
            EXPECT_FLOAT_EQ(segment->max.y - segment->min.y, touch);
            EXPECT_GE(segment->max.x - segment->min.x, touch);
        }
        const bool rtl = std::string_view(language) == "ar";
        // Joined: each segment starts where the one before ends (toward the reading end).
        EXPECT_FLOAT_EQ(rtl ? today.min.x : today.max.x, rtl ? tomorrow.max.x : tomorrow.min.x);
        EXPECT_FLOAT_EQ(rtl ? tomorrow.min.x : tomorrow.max.x, rtl ? week.max.x : week.min.x);
        // Chips stand apart.
        if (near.min.y == free.min.y) {
            EXPECT_GT(rtl ? near.min.x - free.max.x : free.min.x - near.max.x, 0.0f);
        }
        tap("days:1");
        EXPECT_EQ(app().session().days, DayRange::tomorrow);
        tap("days:1");  // choosing the chosen one keeps it: a segment never switches off
        EXPECT_EQ(app().session().days, DayRange::tomorrow);
    }
}

// ImGui draws the scroll bar on the right in both directions; the cards keep a gap from it (in
// Arabic they used to reach the list's right edge, under the bar).
TEST_F(ListTime, CardsKeepAGapFromTheScrollBarInBothDirections)
{
    for (const char* language : {"sv", "ar"}) {
        for (const auto& [width, height] : {std::pair{800, 480}, std::pair{480, 800}}) {
            SCOPED_TRACE(std::string(language) + " " + std::to_string(width) + "x" + std::to_string(height));
            open_at(width, height, language);
            tap("##today");
            ASSERT_EQ(screen(), "list");
            const ContentArea area = list().list_area();
            ASSERT_GT(area.width(), 0.0f);
            const float bar = ImGui::GetStyle().ScrollbarSize;
            ASSERT_GT(bar, 0.0f);
            int cards = 0;
            for (const TapTarget& t : app().targets()) {
                if (!t.id.starts_with("card:"))
                    continue;
                ++cards;
                EXPECT_LE(t.max.x + bar + 2.0f, area.max.x) << t.id << " touches the scroll bar";
                EXPECT_GE(t.min.x + 1.0f, area.min.x) << t.id;  // ImGui puts a child window on whole pixels
            }
            EXPECT_GT(cards, 0);
        }
    }
}
