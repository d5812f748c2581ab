// test_wish_screen.cpp — "I miss something" (issue 20) by touch alone, through real ImGui frames: the
// offer under an empty list (with the chosen interest filled in), under a search without hits (what
// was typed is never sent) and on home; chips that a second tap takes back; nothing is sent until an
// interest, a day or a time of day is chosen; the wish lands in the real outbox as a "missed" event
// with only what was chosen; a calm thanks; an idle reset forgets a half-made wish; the form mirrors
// right to left.
#include "tests/ui/kiosk_fixture.hpp"

#include "core/outbox/outbox.hpp"
#include "kiosk/screens/wish_screen.hpp"

#include <nlohmann/json.hpp>

using namespace lotsen;
using namespace lotsen::kiosk;
using namespace lotsen::kiosk::testing_support;

namespace {

class Wish : public KioskFixture {
protected:
    void SetUp() override { start(1080, 1920); }  // portrait: the whole form in sight

    std::vector<StoredEvent> stored()
    {
        auto events = app().events()->oldest_pending(100);
        EXPECT_TRUE(events.ok());
        return events.ok() ? events.value() : std::vector<StoredEvent>{};
    }

    nlohmann::json only_wish()
    {
        const auto events = stored();
        EXPECT_EQ(events.size(), 1u);
        if (events.size() != 1)
            return {};
        EXPECT_EQ(events[0].kind, EventKind::missed);
        return nlohmann::json::parse(std::string(events[0].payload.begin(), events[0].payload.end()));
    }

    WishScreen& wish_screen() { return dynamic_cast<WishScreen&>(app().current_screen()); }
};

}  // namespace

TEST_F(Wish, AnEmptyListOffersItWithTheInterestAndTheWishArrivesInTheOutbox)
{
    tap("##find");
    tap("##interest-cooking");  // the test catalogue has music and outdoors only
    ASSERT_EQ(screen(), "list");
    tap("##wish-offer");
    ASSERT_EQ(screen(), "wish");
    EXPECT_EQ(app().session().wish.interest, "cooking");
    tap("##wish-day-sat");
    tap("##wish_evening");
    tap("##wish-language-ar");
    tap("##wish-day-sat");  // a second tap takes it back
    EXPECT_FALSE(app().session().wish.weekday.has_value());
    tap("##wish-day-sun");
    EXPECT_EQ(app().session().wish.weekday, std::optional<int>(6));
    EXPECT_EQ(app().session().wish.day_part, std::optional<DayPart>(DayPart::evening));
    EXPECT_TRUE(stored().empty());
    tap("##send");
    ASSERT_EQ(screen(), "thanks");
    EXPECT_TRUE(app().session().wish_sent);
    EXPECT_EQ(app().session().wish, MissedWish{});
    EXPECT_EQ(only_wish(), nlohmann::json::parse(R"({"interest":"cooking","weekday":"sun","day_part":"evening","language":"ar"})"));
    tap("##done");
    EXPECT_EQ(screen(), "home");
    EXPECT_FALSE(app().session().wish_sent);
}

TEST_F(Wish, NothingIsSentUntilAnInterestADayOrATimeIsChosen)
{
    tap("##wish-offer");  // from home
    ASSERT_EQ(screen(), "wish");
    EXPECT_EQ(app().session().wish, MissedWish{});
    tap("##send");
    EXPECT_EQ(screen(), "wish");
    EXPECT_EQ(wish_screen().message(), "Välj minst ett intresse, en dag eller en tid på dagen.");
    tap("##wish-language-so");  // a language alone says nothing to count
    tap("##send");
    EXPECT_EQ(screen(), "wish");
    EXPECT_TRUE(stored().empty());
    tap("##wish-interest-music");
    tap("##send");
    ASSERT_EQ(screen(), "thanks");
    EXPECT_EQ(only_wish(), nlohmann::json::parse(R"({"interest":"music","language":"so"})"));
}

TEST_F(Wish, ASearchWithoutHitsOffersItAndWhatWasTypedIsNeverSent)
{
    app().navigate("search");
    app().session().search_text = "zqxj";
    m_kiosk->settle(m_now);
    tap("##wish-offer");
    ASSERT_EQ(screen(), "wish");
    EXPECT_TRUE(app().session().wish.interest.empty());
    tap("##wish_morning");
    tap("##send");
    ASSERT_EQ(screen(), "thanks");
    const auto events = stored();
    ASSERT_EQ(events.size(), 1u);
    const std::string payload(events[0].payload.begin(), events[0].payload.end());
    EXPECT_EQ(payload, R"({"day_part":"morning"})");
}

TEST_F(Wish, AnIdleResetForgetsAHalfMadeWish)
{
    tap("##wish-offer");
    tap("##wish-interest-outdoors");
    tap("##wish_afternoon");
    ASSERT_NE(app().session().wish, MissedWish{});
    app().reset_session();
    m_kiosk->settle(m_now);
    EXPECT_EQ(screen(), "home");
    EXPECT_EQ(app().session().wish, MissedWish{});
    EXPECT_TRUE(stored().empty());
}

class WishSpaced : public Wish {
protected:
    void SetUp() override
    {
        start(1080, 1920, [](KioskConfig& config) { config.checkin_min_gap_seconds = 30; });
    }
};

TEST_F(WishSpaced, ASecondWishAtOnceIsThankedButCountedOnce)
{
    // One visitor sending the same wish again must not lift it toward the hub's k >= 5 alone: the
    // kiosk's check-in spacing holds for wishes too. The visitor is thanked all the same.
    for (int i = 0; i < 2; ++i) {
        tap("##wish-offer");
        tap("##wish-interest-music");
        tap("##send");
        ASSERT_EQ(screen(), "thanks");
        tap("##done");
    }
    EXPECT_EQ(stored().size(), 1u);
    m_now += 31;
    tap("##wish-offer");
    tap("##wish-interest-music");
    tap("##send");
    EXPECT_EQ(stored().size(), 2u);
}

class WishSmall : public KioskFixture {
protected:
    void SetUp() override { start(800, 480); }
};

TEST_F(WishSmall, TheFormMirrorsRightToLeftAndSendStaysInReach)
{
    for (const LanguageCode language : {"sv", "ar"}) {
        app().reset_session();
        app().set_language(language);
        app().navigate("wish");
        m_kiosk->settle(m_now);
        ASSERT_EQ(screen(), "wish");
        const TapTarget* first = m_kiosk->find_target("##wish-interest-outdoors");
        const TapTarget* send = m_kiosk->find_target("##send");
        ASSERT_TRUE(first && send) << language;
        if (std::string(language) == "ar")
            EXPECT_GT(first->max.x, 400.0f) << "the first chip stands at the reading start, on the right";
        else
            EXPECT_LT(first->min.x, 400.0f);
        EXPECT_LE(send->max.y, 480.0f);
        EXPECT_GT(send->visible_max.y - send->visible_min.y, 0.0f) << "send is never scrolled away";
        tap("##wish-interest-outdoors");
        tap("##send");
        EXPECT_EQ(screen(), "thanks") << language;
    }
}
