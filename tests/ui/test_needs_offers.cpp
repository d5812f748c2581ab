// test_needs_offers.cpp — the organiser's "we need" and "we offer" (catalogue format 1.5) on an
// activity's detail: under the organiser with their headings, in the visitor's language with the
// catalogue's fallback (else Swedish, else English), and absent when the
// association says nothing. Pictures of the organiser part in sv and ar (right to left) are saved.
#include "tests/ui/kiosk_fixture.hpp"

#include "kiosk/screens/detail_screen.hpp"

using namespace lotsen;
using namespace lotsen::kiosk;
using namespace lotsen::kiosk::testing_support;

namespace {

class NeedsOffers : public KioskFixture {
protected:
    void SetUp() override { start(800, 480); }

    void use_catalogue(const LocalizedText& needs, const LocalizedText& offers)
    {
        Catalogue catalogue = make_catalogue();
        catalogue.version = 4;
        catalogue.organisations.front().needs = needs;
        catalogue.organisations.front().offers = offers;
        auto replaced = app().store().replace_catalogue(catalogue, m_now);
        ASSERT_TRUE(replaced.ok()) << replaced.error().text();
    }

    DetailScreen& show(const LanguageCode& language)
    {
        app().reset_session();
        app().set_language(language);
        app().session().activity_id = "aktivitet-1";
        app().show_screen("detail");
        m_kiosk->settle(m_now);
        auto& detail = dynamic_cast<DetailScreen&>(app().current_screen());
        detail.show_tour_part("organiser");  // scrolled to the organiser, as the tour shows it
        m_kiosk->settle(m_now);
        return detail;
    }
};

const LocalizedText k_needs(TextMap{{"sv", "Fler som vill leda promenader på lördagar."},
                                    {"en", "More people to lead the Saturday walks."},
                                    {"ar", "مزيد من الأشخاص لقيادة نزهات يوم السبت."}});
const LocalizedText k_offers(TextMap{{"sv", "Gemenskap, frisk luft och fika efteråt."},
                                     {"ar", "صحبة وهواء نقي وقهوة بعد ذلك."}});

}  // namespace

TEST_F(NeedsOffers, DetailShowsThemUnderTheOrganiserInTheVisitorsLanguage)
{
    use_catalogue(k_needs, k_offers);
    DetailScreen& sv = show("sv");
    EXPECT_EQ(sv.needs_shown(), "Fler som vill leda promenader på lördagar.");
    EXPECT_EQ(sv.offers_shown(), "Gemenskap, frisk luft och fika efteråt.");
    ASSERT_TRUE(m_kiosk->save_png(m_dir + "/detail-needs-sv.png").ok());

    DetailScreen& ar = show("ar");
    EXPECT_EQ(ar.needs_shown(), "مزيد من الأشخاص لقيادة نزهات يوم السبت.");
    EXPECT_EQ(ar.offers_shown(), "صحبة وهواء نقي وقهوة بعد ذلك.");
    ASSERT_TRUE(m_kiosk->save_png(m_dir + "/detail-needs-ar.png").ok());

    // English has needs but no offers: the offers fall back to Swedish, as every catalogue text does.
    DetailScreen& en = show("en");
    EXPECT_EQ(en.needs_shown(), "More people to lead the Saturday walks.");
    EXPECT_EQ(en.offers_shown(), "Gemenskap, frisk luft och fika efteråt.");
    DetailScreen& uk = show("uk");
    EXPECT_EQ(uk.needs_shown(), "Fler som vill leda promenader på lördagar.");
}

TEST_F(NeedsOffers, NothingIsShownWhenTheAssociationSaysNothing)
{
    use_catalogue(LocalizedText{}, k_offers);
    DetailScreen& sv = show("sv");
    EXPECT_EQ(sv.needs_shown(), "");
    EXPECT_EQ(sv.offers_shown(), "Gemenskap, frisk luft och fika efteråt.");
    use_catalogue(LocalizedText{}, LocalizedText{});
    EXPECT_EQ(show("sv").offers_shown(), "");
}
