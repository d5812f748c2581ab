// test_today_screen.cpp — the first kiosk screen driven headless through real ImGui frames with
// injected pointer input: what it lists, drag-to-scroll, flings, and the headless tour's PNGs.
#include "headless.hpp"
#include "png_writer.hpp"
#include "screens/today_screen.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

using namespace lotsen;
using namespace lotsen::kiosk;

namespace {

// Tuesday 24 November 2026, 09:00 in Sweden (CET).
const UnixSeconds k_morning = stockholm::to_utc({Date{2026, 11, 24}, TimeOfDay{9 * 60}});

std::string temp_dir()
{
    const auto* info = testing::UnitTest::GetInstance()->current_test_info();
    const auto dir = std::filesystem::temp_directory_path() /
                     ("lotsen-ui-" + std::to_string(getpid()) + "-" + info->name());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

// Forty activities every day between 10:00 and 20:00, alternating between Halmstad and Varberg.
Catalogue make_catalogue()
{
    Catalogue catalogue;
    catalogue.version = 3;
    catalogue.interests = default_interests();
    Organisation org;
    org.id = "testforeningen";
    org.name.set("sv", "Testföreningen");
    org.municipality = "Halmstad";
    catalogue.organisations.push_back(org);
    for (int i = 0; i < 40; ++i) {
        Activity activity;
        activity.id = "aktivitet-" + std::to_string(i);
        activity.organisation_id = org.id;
        activity.title.set("sv", "Aktivitet nummer " + std::to_string(i));
        activity.title.set("en", "Activity number " + std::to_string(i));
        activity.interests = {"music"};
        const int start = (10 + i % 10) * 60;
        for (int weekday = 1; weekday <= 7; ++weekday) {
            activity.schedule.weekly.push_back(WeeklyRule{weekday, TimeOfDay{start}, TimeOfDay{start + 90},
                                                          Date{2026, 8, 1}, Date{2027, 6, 30}, 1});
        }
        activity.place.address = "Storgatan " + std::to_string(i + 1);
        activity.place.town = i % 2 == 0 ? "Halmstad" : "Varberg";
        activity.drop_in = i % 3 == 0;
        catalogue.activities.push_back(activity);
    }
    return catalogue;
}

KioskOptions make_options(const std::string& dir)
{
    KioskOptions options;
    options.config.town = "Varberg";
    options.data_dir = dir + "/data";
    options.assets_dir = std::string(LOTSEN_SOURCE_DIR) + "/assets";
    return options;
}

std::unique_ptr<HeadlessKiosk> make_kiosk(const std::string& dir, UnixSeconds now, int width = 800, int height = 480)
{
    auto kiosk = HeadlessKiosk::create(make_options(dir), width, height);
    EXPECT_TRUE(kiosk.ok()) << (kiosk.ok() ? "" : kiosk.error().message);
    if (!kiosk.ok())
        return nullptr;
    auto replaced = kiosk.value()->app().store().replace_catalogue(make_catalogue(), now);
    EXPECT_TRUE(replaced.ok()) << (replaced.ok() ? "" : replaced.error().message);
    kiosk.value()->app().show_screen("today");
    kiosk.value()->settle(now);
    return std::move(kiosk).value();
}

TodayScreen& today(HeadlessKiosk& kiosk)
{
    return dynamic_cast<TodayScreen&>(kiosk.app().current_screen());
}

// Drags a finger vertically from y0 to y1 over `steps` frames at x.
void drag(HeadlessKiosk& kiosk, UnixSeconds now, float x, float y0, float y1, int steps, bool lift = true)
{
    kiosk.app().push_pointer({PointerEvent::Kind::press, x, y0});
    kiosk.frame(now);
    for (int i = 1; i <= steps; ++i) {
        kiosk.app().push_pointer({PointerEvent::Kind::move, x, y0 + (y1 - y0) * i / steps});
        kiosk.frame(now);
    }
    if (lift) {
        kiosk.app().push_pointer({PointerEvent::Kind::release, x, y1});
        kiosk.frame(now);
    }
}

}  // namespace

TEST(TodayScreen, ListsTodaysActivitiesWithThisKiosksTownFirst)
{
    const std::string dir = temp_dir();
    auto kiosk = make_kiosk(dir, k_morning);
    ASSERT_NE(kiosk, nullptr);
    const auto& items = today(*kiosk).items();
    ASSERT_EQ(items.size(), 40u);
    for (std::size_t i = 0; i < 20; ++i)
        EXPECT_EQ(items[i].town, "Varberg") << "item " << i;
    for (std::size_t i = 20; i < 40; ++i)
        EXPECT_EQ(items[i].town, "Halmstad") << "item " << i;
    for (const ActivityListItem& item : items) {
        ASSERT_TRUE(item.occurrence.has_value());
        EXPECT_EQ(item.occurrence->local_start.date, (Date{2026, 11, 24}));
    }
    // Within one town, by start time.
    EXPECT_LE(items[0].occurrence->start, items[1].occurrence->start);
}

TEST(TodayScreen, EndedActivitiesAreNotListed)
{
    const std::string dir = temp_dir();
    const UnixSeconds evening = stockholm::to_utc({Date{2026, 11, 24}, TimeOfDay{19 * 60 + 45}});
    auto kiosk = make_kiosk(dir, evening);
    ASSERT_NE(kiosk, nullptr);
    // Starts 18:00 (ends 19:30, gone) and 19:00 (ends 20:30, still on): only the 19:00 ones remain.
    const auto& items = today(*kiosk).items();
    ASSERT_EQ(items.size(), 4u);
    for (const ActivityListItem& item : items)
        EXPECT_EQ(item.occurrence->local_start.time, (TimeOfDay{19 * 60}));
}

TEST(TodayScreen, DragScrollsTheListAndATapDoesNot)
{
    const std::string dir = temp_dir();
    auto kiosk = make_kiosk(dir, k_morning);
    ASSERT_NE(kiosk, nullptr);
    drag(*kiosk, k_morning, 400.0f, 300.0f, 303.0f, 2);  // a tap with a trembling finger
    kiosk->settle(k_morning);
    EXPECT_EQ(today(*kiosk).scroll().offset(), 0.0f);

    // A slow drag (4 px per frame, no fling) moves the list by the distance dragged.
    drag(*kiosk, k_morning, 400.0f, 400.0f, 200.0f, 50, false);
    EXPECT_TRUE(today(*kiosk).scroll().dragging());
    EXPECT_FLOAT_EQ(today(*kiosk).scroll().offset(), 200.0f);
    kiosk->app().push_pointer({PointerEvent::Kind::release, 400.0f, 200.0f});
    kiosk->settle(k_morning);
    EXPECT_FALSE(today(*kiosk).scroll().dragging());
    EXPECT_GE(today(*kiosk).scroll().offset(), 200.0f);
}

TEST(TodayScreen, FlingKeepsFramesComingUntilItRests)
{
    const std::string dir = temp_dir();
    auto kiosk = make_kiosk(dir, k_morning);
    ASSERT_NE(kiosk, nullptr);
    drag(*kiosk, k_morning, 400.0f, 420.0f, 120.0f, 6);  // 50 px per 1/60 s: a quick swipe
    const float at_release = today(*kiosk).scroll().offset();
    EXPECT_TRUE(kiosk->app().wants_frame());
    kiosk->settle(k_morning, 600);
    EXPECT_FALSE(kiosk->app().wants_frame()) << "an idle kiosk must stop rendering";
    EXPECT_GT(today(*kiosk).scroll().offset(), at_release + 100.0f);
}

TEST(TodayScreen, SettledKioskWantsNoFramesUntilTheMinuteChanges)
{
    const std::string dir = temp_dir();
    auto kiosk = make_kiosk(dir, k_morning + 15);
    ASSERT_NE(kiosk, nullptr);
    EXPECT_FALSE(kiosk->app().wants_frame());
    EXPECT_DOUBLE_EQ(kiosk->app().seconds_until_due(k_morning + 15), 45.0);
}

TEST(HeadlessTour, WritesAReadablePngPerScreenAndLanguage)
{
    const std::string dir = temp_dir();
    KioskOptions options = make_options(dir);
    {
        std::filesystem::create_directories(options.data_dir);
        auto store = Store::open(options.data_dir + "/lotsen.db");
        ASSERT_TRUE(store.ok()) << store.error().message;
        ASSERT_TRUE(store.value()->replace_catalogue(make_catalogue(), k_morning).ok());
    }
    TourOptions tour;
    tour.out_dir = dir + "/tour";
    tour.languages = {"sv", "en"};
    tour.width = 800;
    tour.height = 480;
    tour.now = k_morning;
    auto written = render_tour(options, tour);
    ASSERT_TRUE(written.ok()) << written.error().message;
    ASSERT_EQ(written.value().size(), 2u);
    EXPECT_EQ(written.value()[0], dir + "/tour/today-sv-800x480.png");
    EXPECT_EQ(written.value()[1], dir + "/tour/today-en-800x480.png");

    auto sv = read_png(written.value()[0]);
    auto en = read_png(written.value()[1]);
    ASSERT_TRUE(sv.ok() && en.ok());
    EXPECT_EQ(sv.value().width, 800);
    EXPECT_EQ(sv.value().height, 480);
    // The header band is drawn in the accent colour (0x0B5E6B) at the top-left.
    const std::uint8_t* corner = &sv.value().pixels[(10 * 800 + 4) * 4];
    EXPECT_EQ(corner[0], 0x0B);
    EXPECT_EQ(corner[1], 0x5E);
    EXPECT_EQ(corner[2], 0x6B);
    // Swedish and English differ (titles are translated), so the pixels differ.
    EXPECT_NE(sv.value().pixels, en.value().pixels);
}
