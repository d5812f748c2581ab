// test_checked_days.cpp — how fresh a listing is, as the kiosk says it (issue 20): "checked N days ago"
// at the end of detail's facts, in each language's plural form (sv, en, ar with its dual and its
// 3–10 and 11–99 forms, uk), "today" for a check today or a date ahead of the kiosk's clock, and
// nothing for a listing without a last-checked date. The date comes through the kiosk's store, as an
// imported catalogue puts it there. Pictures of detail in sv and ar are saved.
#include "tests/ui/kiosk_fixture.hpp"

#include "kiosk/screens/detail_screen.hpp"

using namespace lotsen;
using namespace lotsen::kiosk;
using namespace lotsen::kiosk::testing_support;

namespace {

class CheckedDays : public KioskFixture {
protected:
    void SetUp() override { start(800, 480); }

    // The test catalogue with "aktivitet-1" last checked `days` before the kiosk's day (none: undated).
    void use_catalogue(std::optional<int> days)
    {
        Catalogue catalogue = make_catalogue();
        catalogue.version = 4;
        for (Activity& activity : catalogue.activities) {
            if (activity.id == "aktivitet-1" && days)
                activity.last_checked = stockholm::to_local(m_now).date.plus_days(-*days);
        }
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

}  // namespace

TEST_F(CheckedDays, DetailSaysHowManyDaysAgoInEachLanguagesForm)
{
    use_catalogue(2);
    EXPECT_EQ(show("sv").checked_shown(), "Arrangören kontrollerade uppgifterna för 2 dagar sedan.");
    ASSERT_TRUE(m_kiosk->save_png(m_dir + "/detail-checked-sv.png").ok());
    EXPECT_EQ(show("en").checked_shown(), "The organiser checked these details 2 days ago.");
    EXPECT_EQ(show("ar").checked_shown(), "راجعت الجهة المنظِّمة هذه المعلومات قبل يومين.");  // the dual
    ASSERT_TRUE(m_kiosk->save_png(m_dir + "/detail-checked-ar.png").ok());
    use_catalogue(1);
    EXPECT_EQ(show("sv").checked_shown(), "Arrangören kontrollerade uppgifterna för 1 dag sedan.");
    use_catalogue(5);
    EXPECT_EQ(show("ar").checked_shown(), "راجعت الجهة المنظِّمة هذه المعلومات قبل 5 أيام.");
    EXPECT_EQ(show("uk").checked_shown(), "Організатор перевірив ці дані 5 днів тому.");
    use_catalogue(22);
    EXPECT_EQ(show("uk").checked_shown(), "Організатор перевірив ці дані 22 дні тому.");
    use_catalogue(40);
    EXPECT_EQ(show("ar").checked_shown(), "راجعت الجهة المنظِّمة هذه المعلومات قبل 40 يوماً.");
}

TEST_F(CheckedDays, TodayAndADateAheadOfTheKioskSayToday)
{
    use_catalogue(0);
    EXPECT_EQ(show("sv").checked_shown(), "Arrangören kontrollerade uppgifterna i dag.");
    use_catalogue(-3);  // the hub's clock ahead of this kiosk's
    EXPECT_EQ(show("en").checked_shown(), "The organiser checked these details today.");
}

TEST_F(CheckedDays, NothingForAListingWithoutADate)
{
    use_catalogue(std::nullopt);
    EXPECT_EQ(show("sv").checked_shown(), "");
}
