// test_journeys.cpp — every visitor journey by touch alone, through real ImGui frames: browse →
// detail → check in; contact request; help from anywhere; idle reset; admin PIN with lockout;
// the opening-hours blackout; drag versus tap; lockdown against window and key events.
#include "tests/ui/kiosk_fixture.hpp"

#include "core/outbox/outbox.hpp"
#include "kiosk/png_writer.hpp"
#include "kiosk/theme.hpp"
#include "kiosk/screens/detail_screen.hpp"
#include "kiosk/screens/list_screen.hpp"
#include "kiosk/screens/search_screen.hpp"
#include "kiosk/windowed.hpp"

#include <chrono>
#include <regex>

using namespace lotsen;
using namespace lotsen::kiosk;
using namespace lotsen::kiosk::testing_support;

namespace {

class Journey : public KioskFixture {
protected:
    void SetUp() override { start(1080, 1920); }  // a portrait kiosk: every form fits without scrolling
};

std::int64_t pending(KioskApp& app)
{
    auto count = app.events()->pending_count();
    EXPECT_TRUE(count.ok());
    return count.ok() ? count.value() : -1;
}

}  // namespace

TEST_F(Journey, BrowseByInterestThenDetailThenCheckIn)
{
    ASSERT_EQ(screen(), "home");
    tap("##find");
    ASSERT_EQ(screen(), "interests");
    tap("##interest-music");
    ASSERT_EQ(screen(), "list");
    auto& list = dynamic_cast<ListScreen&>(app().current_screen());
    ASSERT_FALSE(list.items().empty());
    for (const ActivityListItem& item : list.items()) {
        const int number = std::stoi(item.activity_id.substr(item.activity_id.find('-') + 1));
        EXPECT_EQ(number % 2, 0) << item.activity_id << " is not a music activity";
    }
    const std::string chosen = list.items().front().activity_id;
    tap("card:" + chosen);
    ASSERT_EQ(screen(), "detail");
    EXPECT_EQ(app().session().activity_id, chosen);
    const std::string& calendar = dynamic_cast<DetailScreen&>(app().current_screen()).calendar_text();
    EXPECT_NE(calendar.find("BEGIN:VEVENT"), std::string::npos);
    EXPECT_NE(calendar.find("SUMMARY:Aktivitet nummer"), std::string::npos);

    tap("##checkin");
    ASSERT_EQ(screen(), "checkin");
    tap("##yes");
    tap("##heard_kiosk");
    tap("##mood_good");
    EXPECT_EQ(app().session().checkin.first_visit, std::optional<bool>(true));
    EXPECT_EQ(app().session().checkin.how_heard, std::optional<HowHeard>(HowHeard::kiosk));
    EXPECT_EQ(app().session().checkin.mood, std::optional<Mood>(Mood::good));
    tap("##mood_good");  // a second tap takes the answer back: every question is optional
    EXPECT_FALSE(app().session().checkin.mood.has_value());
    EXPECT_EQ(pending(app()), 0);
    tap("##send");
    EXPECT_EQ(screen(), "thanks");
    EXPECT_EQ(pending(app()), 1);
    EXPECT_EQ(app().session().checkin, CheckInForm{});
    tap("##done");
    EXPECT_EQ(screen(), "home");
}

TEST_F(Journey, ContactRequestGivesAReceiptAndForgetsThePlaintext)
{
    tap("##contact");
    ASSERT_EQ(screen(), "contact");
    tap("##org-testforeningen");
    tap("##name");
    type("sam");
    tap("##key-done");
    EXPECT_EQ(app().session().contact.name, "sam");
    tap("##reach");
    type("0701234567");
    tap("##key-done");
    EXPECT_EQ(app().session().contact.reach, "0701234567");
    tap("##send");  // without consent nothing is sent
    EXPECT_EQ(screen(), "contact");
    EXPECT_EQ(pending(app()), 0);
    tap("##consent");
    tap("##send");
    ASSERT_EQ(screen(), "thanks");
    EXPECT_EQ(pending(app()), 1);
    EXPECT_TRUE(std::regex_match(app().session().receipt_code, std::regex("[A-Z2-9]{3}-[A-Z2-9]{3}")))
        << app().session().receipt_code;
    EXPECT_EQ(app().session().receipt_reply_days, 2);
    EXPECT_EQ(app().session().contact, ContactForm{});
}

TEST_F(Journey, AdminReportCountsWhatTheVisitorOutboxRecorded)
{
    // Screens send through the VisitorOutbox facade and admin reads the AdminDesk's report; neither
    // sees the outbox or the threads. Without [upstream] there is nothing to sync or check.
    VisitorOutbox outbox = app().visitor_outbox();
    ASSERT_TRUE(outbox.available());
    CheckIn checkin;
    checkin.activity_id = "aktivitet-0";
    auto outcome = outbox.record_checkin(checkin, m_now);
    ASSERT_TRUE(outcome.ok()) << outcome.error().text();
    EXPECT_EQ(outcome.value().status, CheckInOutcome::Status::recorded);
    EXPECT_EQ(pending(app()), 1);

    AdminDesk desk = app().admin_desk();
    const AdminReport report = desk.report(3);
    EXPECT_TRUE(report.outbox_open);
    ASSERT_TRUE(report.queues.has_value()) << report.queues_error;
    EXPECT_EQ(report.queues->never_drop, 1);
    EXPECT_EQ(report.queues->quarantined, 0);
    EXPECT_TRUE(report.set_aside.empty());
    EXPECT_FALSE(report.upload.has_value());
    EXPECT_FALSE(report.update.has_value());
    EXPECT_EQ(report.kiosk_key, app().kiosk_key());
    EXPECT_FALSE(report.kiosk_key.empty());
    EXPECT_FALSE(desk.can_sync());
    EXPECT_FALSE(desk.can_check_updates());
}

TEST_F(Journey, HelpIsOneTapFromEveryScreenAndBackReturns)
{
    for (const std::string& id : app().screen_ids()) {
        app().home();
        app().navigate(id);
        m_kiosk->settle(m_now);
        if (!app().current_screen().has_chrome())
            continue;
        tap("##help-now");
        EXPECT_EQ(screen(), "help") << "from " << id;
        if (id != "help") {
            tap("##back");
            EXPECT_EQ(screen(), id);
        }
    }
    // The numbers come from configuration.
    EXPECT_FALSE(app().config().help_contacts.empty());
}

TEST_F(Journey, LanguageSwitchIsOneTapAndTakesEffectNextFrame)
{
    tap("##lang-en");
    EXPECT_EQ(app().session().language, "en");
    tap("##find");
    ASSERT_NE(m_kiosk->find_target("##all"), nullptr);
    tap("##lang-ar");
    EXPECT_EQ(app().session().language, "ar");
    EXPECT_EQ(screen(), "interests");
}

TEST_F(Journey, IdleResetWipesEverythingTheVisitorEntered)
{
    tap("##lang-en");
    tap("##find");
    tap("##search");
    type("akt");
    ASSERT_EQ(screen(), "search");
    EXPECT_EQ(app().session().search_text, "akt");
    EXPECT_FALSE(dynamic_cast<SearchScreen&>(app().current_screen()).results().empty());
    app().session().contact.name = "Kim";  // as if typed earlier on the contact screen
    app().session().filter.free_only = true;

    m_kiosk->advance(61.0);
    m_kiosk->settle(m_now);
    ASSERT_TRUE(app().idle_prompt_visible());
    EXPECT_EQ(app().session().search_text, "akt");
    EXPECT_LE(app().seconds_until_due(m_now, m_kiosk->time()), 1.0);  // the countdown ticks

    m_kiosk->advance(10.0);
    m_kiosk->settle(m_now);
    EXPECT_FALSE(app().idle_prompt_visible());
    EXPECT_EQ(screen(), "home");
    VisitorSession fresh;
    fresh.language = "sv";
    EXPECT_EQ(app().session(), fresh);
    // The screens forgot their view state too: search shows no old results.
    app().navigate("search");
    m_kiosk->settle(m_now);
    EXPECT_TRUE(dynamic_cast<SearchScreen&>(app().current_screen()).results().empty());
}

TEST_F(Journey, TouchAnsweringStillThereDoesNothingElse)
{
    tap("##find");
    m_kiosk->advance(61.0);
    m_kiosk->settle(m_now);
    ASSERT_TRUE(app().idle_prompt_visible());
    const TapTarget* help = m_kiosk->find_target("##help-now");
    ASSERT_NE(help, nullptr);
    m_kiosk->tap_at((help->min.x + help->max.x) / 2, (help->min.y + help->max.y) / 2, m_now);
    EXPECT_FALSE(app().idle_prompt_visible());
    EXPECT_EQ(screen(), "interests");
}

TEST_F(Journey, AdminPinWithGrowingLockout)
{
    auto corner_taps = [&](int count) {
        for (int i = 0; i < count; ++i)
            m_kiosk->tap_at(1080.0f - 10.0f, 10.0f, m_now);
    };
    corner_taps(4);
    EXPECT_EQ(screen(), "home");
    corner_taps(1);
    ASSERT_EQ(screen(), "admin_pin");

    auto enter = [&](std::string_view pin) {
        for (char digit : pin)
            tap("##pin-" + std::string(1, digit));
        tap("##pin-ok");
    };
    for (int i = 0; i < 3; ++i)
        enter("1111");
    EXPECT_EQ(screen(), "admin_pin");
    enter("2468");  // the right PIN, but locked out: refused unseen
    EXPECT_EQ(screen(), "admin_pin");
    m_kiosk->advance(31.0);  // the first lockout is 30 s; the idle prompt comes only after 60 s
    m_kiosk->frame(m_now);
    enter("2468");
    ASSERT_EQ(screen(), "admin");
    EXPECT_FALSE(app().exit_requested());
    // Exit asks once more; a second tap on the same spot (a double tap) cancels, it does not exit.
    const TapTarget* exit = m_kiosk->find_target("##exit");
    ASSERT_NE(exit, nullptr);
    const ImVec2 spot((exit->visible_min.x + exit->visible_max.x) / 2, (exit->visible_min.y + exit->visible_max.y) / 2);
    m_kiosk->tap_at(spot.x, spot.y, m_now);
    EXPECT_FALSE(app().exit_requested());
    ASSERT_NE(m_kiosk->find_target("##exit-confirm"), nullptr);
    m_kiosk->tap_at(spot.x, spot.y, m_now);
    EXPECT_FALSE(app().exit_requested());
    EXPECT_EQ(m_kiosk->find_target("##exit-confirm"), nullptr);
    EXPECT_EQ(screen(), "admin");
    tap("##exit");
    tap("##exit-confirm");
    EXPECT_TRUE(app().exit_requested());
}

TEST_F(Journey, DragOverCardsScrollsAndOpensNothing)
{
    tap("##today");
    ASSERT_EQ(screen(), "list");
    auto& list = dynamic_cast<ListScreen&>(app().current_screen());
    const TapTarget* card = m_kiosk->find_target("card:" + list.items().front().activity_id);
    ASSERT_NE(card, nullptr);
    const float x = (card->min.x + card->max.x) / 2;
    const float y = (card->min.y + card->max.y) / 2 + 300.0f;
    app().push_pointer({PointerEvent::Kind::press, x, y});
    m_kiosk->frame(m_now);
    for (int i = 1; i <= 40; ++i) {
        app().push_pointer({PointerEvent::Kind::move, x, y - 5.0f * i});
        m_kiosk->frame(m_now);
    }
    app().push_pointer({PointerEvent::Kind::release, x, y - 200.0f});
    m_kiosk->settle(m_now);
    EXPECT_EQ(screen(), "list");
    EXPECT_GE(list.scroll().offset(), 199.0f);
}

TEST_F(Journey, LockdownIgnoresQuitCloseAndKeys)
{
    std::vector<SDL_Event> events;
    SDL_Event quit{};
    quit.type = SDL_QUIT;
    events.push_back(quit);
    SDL_Event close{};
    close.type = SDL_WINDOWEVENT;
    close.window.event = SDL_WINDOWEVENT_CLOSE;
    events.push_back(close);
    for (const auto& [key, mod] : {std::pair{SDLK_F4, KMOD_LALT}, std::pair{SDLK_ESCAPE, KMOD_NONE},
                                   std::pair{SDLK_q, KMOD_LCTRL}, std::pair{SDLK_w, KMOD_LCTRL}}) {
        SDL_Event down{};
        down.type = SDL_KEYDOWN;
        down.key.keysym.sym = key;
        down.key.keysym.mod = static_cast<Uint16>(mod);
        events.push_back(down);
    }
    for (const SDL_Event& event : events) {
        EXPECT_FALSE(handle_event(event, app())) << "event type " << event.type;
        m_kiosk->settle(m_now);
        EXPECT_FALSE(app().exit_requested());
        EXPECT_EQ(screen(), "home");
    }
}

class ClosedKiosk : public KioskFixture {
protected:
    void SetUp() override
    {
        start(800, 480, [](KioskConfig& config) {
            config.opening_hours.always_on = false;  // every day closed
        });
    }
};

TEST_F(ClosedKiosk, OutsideOpeningHoursTheScreenIsBlackUntilTouched)
{
    EXPECT_FALSE(app().dark());  // just started: as if touched, so staff see it come up
    tap("##find");
    m_kiosk->advance(61.0);
    m_kiosk->settle(m_now);
    ASSERT_TRUE(app().dark());
    EXPECT_FALSE(app().wants_frame());
    EXPECT_EQ(screen(), "home");  // going dark ended the visit
    m_kiosk->advance(5.0);
    m_kiosk->settle(m_now);
    EXPECT_TRUE(app().dark()) << "the reset that came with the dark must not wake the screen";
    const std::string path = m_dir + "/dark.png";
    ASSERT_TRUE(m_kiosk->save_png(path).ok());
    auto image = read_png(path);
    ASSERT_TRUE(image.ok());
    for (std::size_t i = 0; i < image.value().pixels.size(); i += 4)
        ASSERT_EQ(image.value().pixels[i] | image.value().pixels[i + 1] | image.value().pixels[i + 2], 0) << "pixel " << i / 4;

    m_kiosk->tap_at(400.0f, 240.0f, m_now);  // wakes it, and does nothing else
    EXPECT_FALSE(app().dark());
    EXPECT_EQ(screen(), "home");
}

TEST_F(Journey, UntouchedKioskSleepsThroughTheIdleTimes)
{
    // Nothing to end on an untouched home screen: no prompt, and no timer that keeps waking the loop.
    for (double step : {30.0, 31.0, 15.0, 60.0}) {
        m_kiosk->advance(step);
        m_kiosk->settle(m_now);
        EXPECT_FALSE(app().idle_prompt_visible());
        EXPECT_FALSE(app().wants_frame());
        EXPECT_GE(app().seconds_until_due(m_now, m_kiosk->time()), 1.0) << "after " << m_kiosk->time() << " s";
    }
}

TEST_F(Journey, KeyboardFollowsTheLanguageAndSwitchesToLatin)
{
    tap("##lang-ar");
    tap("##find");
    tap("##search");
    ASSERT_EQ(screen(), "search");
    tap("key:ق");
    tap("key:ه");
    tap("key:و");
    tap("key:ة");
    EXPECT_EQ(app().session().search_text, "قهوة");
    EXPECT_EQ(m_kiosk->find_target("key:q"), nullptr);
    tap("##key-layout");  // to the Swedish layout and back
    ASSERT_NE(m_kiosk->find_target("key:q"), nullptr);
    tap("key:q");
    EXPECT_EQ(app().session().search_text, "قهوةq");
    tap("##key-layout");
    EXPECT_NE(m_kiosk->find_target("key:ق"), nullptr);

    tap("##lang-uk");
    tap("##key-erase");
    tap("key:к");
    EXPECT_EQ(app().session().search_text, "قهوةк");
}

TEST_F(Journey, LargerTextAndHighContrastAreOneTapAndEndWithTheVisit)
{
    const float normal = app().font_px();
    tap("##larger-text");
    EXPECT_TRUE(app().session().larger_text);
    EXPECT_NEAR(app().font_px(), normal * k_larger_text_factor, 1.0f);
    tap("##contrast");
    EXPECT_TRUE(app().session().high_contrast);
    const std::string path = m_dir + "/contrast.png";
    ASSERT_TRUE(m_kiosk->save_png(path).ok());
    auto image = read_png(path);
    ASSERT_TRUE(image.ok());
    // The content background (below the top bar, left margin) is black in high contrast.
    const std::size_t at = (static_cast<std::size_t>(image.value().height / 2) * image.value().width + 2) * 4;
    EXPECT_EQ(image.value().pixels[at] | image.value().pixels[at + 1] | image.value().pixels[at + 2], 0);

    tap("##find");  // a visit, so the idle reset has something to end
    m_kiosk->advance(71.0);
    m_kiosk->settle(m_now);
    EXPECT_FALSE(app().session().larger_text);
    EXPECT_FALSE(app().session().high_contrast);
    EXPECT_FLOAT_EQ(app().font_px(), normal);
}

TEST_F(Journey, ReadAloudSpeaksTheScreenStopsOnLeaveAndSaysWhenThereIsNoVoice)
{
    ASSERT_TRUE(app().voice().available()) << app().voice().unavailable_reason();
    EXPECT_EQ(m_kiosk->find_target("##read-aloud"), nullptr);  // home has no text to read
    app().session().activity_id = "aktivitet-0";
    app().navigate("detail");
    m_kiosk->settle(m_now);
    tap("##read-aloud");
    EXPECT_TRUE(app().voice().wait_until_captured(1000, std::chrono::seconds(20)));  // speech, off the UI thread
    tap("##help-now");  // leaving the screen stops the reading (stopping mid-way: core's ReadAloud tests)
    EXPECT_TRUE(app().voice().wait_until_idle(std::chrono::seconds(20)));
    EXPECT_FALSE(app().voice().speaking());

    // Tigrinya has no espeak-ng voice on Debian 12: the kiosk says so instead of reading nothing.
    tap("##lang-ti");
    tap("##read-aloud");
    EXPECT_FALSE(app().voice().speaking());
    const std::string path = m_dir + "/no-voice.png";
    ASSERT_TRUE(m_kiosk->save_png(path).ok());
    tap("##lang-sv");
    tap("##read-aloud");
    EXPECT_TRUE(app().voice().wait_until_captured(1000, std::chrono::seconds(20)));
    app().reset_session();  // the idle reset stops it too
    EXPECT_TRUE(app().voice().wait_until_idle(std::chrono::seconds(20)));
}
