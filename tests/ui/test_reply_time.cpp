// test_reply_time.cpp — the reply time the hub measured (issue 19) as the kiosk says it: under the
// organiser on detail (days rounded up, hours under a day, each language's plural form, sv and ar) and
// after a contact request instead of the declared reply_days; nothing on detail without a measurement
// or for an association that takes no contact requests. Pictures of detail in sv and ar are saved.
#include "tests/ui/kiosk_fixture.hpp"

#include "kiosk/screens/detail_screen.hpp"

using namespace lotsen;
using namespace lotsen::kiosk;
using namespace lotsen::kiosk::testing_support;

namespace {

class ReplyTime : public KioskFixture {
protected:
    void SetUp() override { start(800, 480); }

    void use_catalogue(std::optional<MeasuredReply> measured, bool accepts = true)
    {
        Catalogue catalogue = make_catalogue();
        catalogue.version = 4;
        catalogue.organisations.front().measured_reply = measured;
        catalogue.organisations.front().accepts_contact_requests = accepts;
        auto replaced = app().store().replace_catalogue(catalogue, m_now);
        ASSERT_TRUE(replaced.ok()) << replaced.error().text();
    }

    const DetailScreen& show(const LanguageCode& language)
    {
        app().reset_session();
        app().set_language(language);
        app().session().activity_id = "aktivitet-1";
        app().show_screen("detail");
        m_kiosk->settle(m_now);
        return dynamic_cast<const DetailScreen&>(app().current_screen());
    }
};

MeasuredReply measured(std::int64_t minutes)
{
    return MeasuredReply{.median_minutes = minutes, .requests = 7, .window_days = 90};
}

}  // namespace

TEST_F(ReplyTime, DetailSaysTheMeasuredTimeInDaysRoundedUp)
{
    use_catalogue(measured(24 * 60 + 10));  // a day and ten minutes: "within 2 days"
    EXPECT_EQ(show("sv").reply_time_shown(), "De brukar svara inom 2 dagar.");
    ASSERT_TRUE(m_kiosk->save_png(m_dir + "/detail-sv.png").ok());
    EXPECT_EQ(show("en").reply_time_shown(), "They usually reply within 2 days.");
    EXPECT_EQ(show("ar").reply_time_shown(), "عادةً يردّون خلال يومين.");  // Arabic's dual
    ASSERT_TRUE(m_kiosk->save_png(m_dir + "/detail-ar.png").ok());
    use_catalogue(measured(4 * 24 * 60));  // exactly four days
    EXPECT_EQ(show("sv").reply_time_shown(), "De brukar svara inom 4 dagar.");
    EXPECT_EQ(show("ar").reply_time_shown(), "عادةً يردّون خلال 4 أيام.");
    EXPECT_EQ(show("uk").reply_time_shown(), "Зазвичай вони відповідають протягом 4 днів.");
}

TEST_F(ReplyTime, UnderADayItIsSaidInHoursRoundedUp)
{
    use_catalogue(measured(61));
    EXPECT_EQ(show("sv").reply_time_shown(), "De brukar svara inom 2 timmar.");
    use_catalogue(measured(0));
    EXPECT_EQ(show("sv").reply_time_shown(), "De brukar svara inom 1 timme.");
    EXPECT_EQ(show("ar").reply_time_shown(), "عادةً يردّون خلال ساعة واحدة.");
    use_catalogue(measured(23 * 60 + 1));  // rounds up to 24 hours, which is a day
    EXPECT_EQ(show("en").reply_time_shown(), "They usually reply within 1 day.");
}

TEST_F(ReplyTime, NothingOnDetailWithoutAMeasurementOrContactRequests)
{
    use_catalogue(std::nullopt);
    EXPECT_EQ(show("sv").reply_time_shown(), "");
    use_catalogue(measured(300), /*accepts=*/false);
    EXPECT_EQ(show("sv").reply_time_shown(), "");
}

TEST_F(ReplyTime, AfterAContactRequestTheMeasuredTimeReplacesTheDeclaredOne)
{
    use_catalogue(measured(3 * 24 * 60 - 5));
    app().reset_session();
    app().home();
    m_kiosk->settle(m_now);
    tap("##contact");
    tap("##org-testforeningen");
    tap("##name");
    type("sam");
    tap("##key-done");
    tap("##reach");
    type("0701234567");
    tap("##key-done");
    tap("##consent");
    tap("##send");
    ASSERT_EQ(screen(), "thanks");
    EXPECT_EQ(app().session().receipt_reply_days, 2);  // declared, kept beside it
    ASSERT_TRUE(app().session().receipt_measured_reply.has_value());
    EXPECT_EQ(*app().session().receipt_measured_reply, measured(3 * 24 * 60 - 5));
    ASSERT_TRUE(m_kiosk->save_png(m_dir + "/thanks-sv.png").ok());
}
