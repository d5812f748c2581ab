// test_detail_screen.cpp — the activity screen's "take it with you" card and its actions at every
// size, left-to-right and right-to-left and in Ethiopic: the QR code scans (with Debian's zbarimg)
// to exactly the calendar event, its modules are whole pixels large enough to read off the screen
// with a quiet zone, its caption is body text inside the screen, portrait puts the actions as
// full-width buttons along the bottom, and a detail without actions keeps its code centred.
#include "tests/ui/kiosk_fixture.hpp"

#include "kiosk/png_writer.hpp"
#include "kiosk/screens/detail_screen.hpp"
#include "kiosk/theme.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>

using namespace lotsen;
using namespace lotsen::kiosk;
using namespace lotsen::kiosk::testing_support;

namespace {

struct Size {
    int width;
    int height;
};

// The test catalogue with what makes a calendar event realistic in size: a named place and an
// organiser with a phone number and an e-mail address.
Catalogue realistic_catalogue(bool accepts_contact_requests)
{
    Catalogue catalogue = make_catalogue();
    catalogue.version = 4;
    Organisation& org = catalogue.organisations.front();
    org.name.set("sv", "Testföreningen för spel och samtal");
    org.contact.phone = "0340-12 34 56";
    org.contact.email = "kontakt@testforeningen-halland.example.org";
    org.accepts_contact_requests = accepts_contact_requests;
    for (Activity& activity : catalogue.activities) {
        activity.place.name.set("sv", "Stadsbiblioteket, hörsalen");
        activity.place.address = "Lärkträdsvägen 15";
    }
    return catalogue;
}

// The decoded text of the one QR code in `png` (bytes as encoded), or nullopt when zbarimg finds none.
std::optional<std::string> zbar_decode(const std::string& png)
{
    const std::string command = "zbarimg --raw -q -Sbinary '" + png + "' 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
        return std::nullopt;
    std::string out;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        out.append(buffer.data(), n);
    const int status = pclose(pipe);
    if (status != 0 || out.empty())
        return std::nullopt;
    return out;
}

bool zbarimg_available()
{
    return std::system("command -v zbarimg > /dev/null 2>&1") == 0;
}

class DetailAt : public KioskFixture, public testing::WithParamInterface<Size> {
protected:
    void SetUp() override { start(GetParam().width, GetParam().height); }

    void use_catalogue(bool accepts_contact_requests)
    {
        auto replaced = app().store().replace_catalogue(realistic_catalogue(accepts_contact_requests), m_now);
        ASSERT_TRUE(replaced.ok()) << replaced.error().text();
    }

    // The detail of `activity` in `language`, as a fresh visitor sees it.
    DetailScreen& show(const LanguageCode& language, const std::string& activity = "aktivitet-1")
    {
        app().reset_session();
        app().set_language(language);
        app().show_screen("detail");
        app().prepare_tour(m_now, m_kiosk->time());
        app().session().activity_id = activity;
        m_kiosk->settle(m_now);
        return dynamic_cast<DetailScreen&>(app().current_screen());
    }

    UiScale scale() const
    {
        return UiScale(GetParam().width, GetParam().height, m_kiosk->app().config().screen_diagonal_inches);
    }

    std::string where(const LanguageCode& language) const
    {
        return std::string(language) + " at " + std::to_string(GetParam().width) + "x" + std::to_string(GetParam().height);
    }
};

bool overlap(const ImVec2& a_min, const ImVec2& a_max, const ImVec2& b_min, const ImVec2& b_max)
{
    return std::min(a_max.x, b_max.x) - std::max(a_min.x, b_min.x) > 0.5f &&
           std::min(a_max.y, b_max.y) - std::max(a_min.y, b_min.y) > 0.5f;
}

}  // namespace

TEST_P(DetailAt, TheQrCodeScansToExactlyTheCalendarEvent)
{
    if (!zbarimg_available())
        GTEST_SKIP() << "zbarimg is not installed (Debian package zbar-tools; `make test` installs it)";
    use_catalogue(true);
    for (const LanguageCode language : {"sv", "ar", "ti"}) {
        DetailScreen& detail = show(language);
        ASSERT_FALSE(detail.calendar_text().empty()) << where(language);
        const std::string png = m_dir + "/detail-" + std::string(language) + ".png";
        ASSERT_TRUE(m_kiosk->save_png(png).ok());
        const auto decoded = zbar_decode(png);
        ASSERT_TRUE(decoded.has_value()) << "zbarimg found no QR code in " << png;
        EXPECT_EQ(*decoded, detail.calendar_text()) << where(language);
        // What the code carries: the address, the organiser's contact and the reminder (read unfolded,
        // RFC 5545 §3.1: a CRLF followed by a space disappears).
        std::string unfolded = *decoded;
        for (std::size_t fold = unfolded.find("\r\n "); fold != std::string::npos; fold = unfolded.find("\r\n ", fold))
            unfolded.erase(fold, 3);
        EXPECT_NE(unfolded.find("LOCATION:Stadsbiblioteket\\, hörsalen\\, Lärkträdsvägen 15\\, Varberg\r\n"),
                  std::string::npos);
        EXPECT_NE(unfolded.find("0340-12 34 56\\nkontakt@testforeningen-halland.example.org"), std::string::npos)
            << *decoded;
        EXPECT_NE(unfolded.find("BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT1H\r\n"), std::string::npos);
    }
}

TEST_P(DetailAt, QrModulesAreWholePixelsLargeEnoughWithAQuietZoneOfFour)
{
    use_catalogue(true);
    const UiScale s = scale();
    for (const LanguageCode language : {"sv", "ar", "ti"}) {
        const DetailScreen& detail = show(language);
        // As large as the demo catalogue's events (520–570 bytes): version 16 at level L.
        EXPECT_GE(detail.calendar_text().size(), 520u) << where(language);
        const DetailScreen::QrPlacement& qr = detail.qr_placement();
        ASSERT_GT(qr.module_px, 0.0f) << where(language);
        EXPECT_EQ(qr.module_px, std::floor(qr.module_px)) << where(language);
        EXPECT_EQ(qr.min.x, std::floor(qr.min.x));
        EXPECT_EQ(qr.min.y, std::floor(qr.min.y));
        // At least 3 pixels and 0.8 mm a module: read by a phone at arm's length, not only up close.
        EXPECT_GE(qr.module_px, 3.0f) << where(language);
        EXPECT_GE(qr.module_px, s.mm(0.8)) << where(language);
        // The quiet zone: four light modules on every side of the symbol (whose corners are dark finders).
        const int quiet = static_cast<int>(4 * qr.module_px);
        const int side = static_cast<int>(static_cast<float>(qr.modules) * qr.module_px);
        const int x0 = static_cast<int>(qr.min.x);
        const int y0 = static_cast<int>(qr.min.y);
        for (int i = 0; i < side; ++i) {
            for (int d = 0; d < quiet; ++d) {
                ASSERT_EQ(m_kiosk->pixel(x0 + i, y0 + d), IM_COL32_WHITE) << where(language) << " top " << i << "," << d;
                ASSERT_EQ(m_kiosk->pixel(x0 + i, y0 + side - 1 - d), IM_COL32_WHITE) << where(language) << " bottom";
                ASSERT_EQ(m_kiosk->pixel(x0 + d, y0 + i), IM_COL32_WHITE) << where(language) << " left";
                ASSERT_EQ(m_kiosk->pixel(x0 + side - 1 - d, y0 + i), IM_COL32_WHITE) << where(language) << " right";
            }
        }
        EXPECT_EQ(m_kiosk->pixel(x0 + quiet, y0 + quiet), IM_COL32_BLACK) << where(language) << ": finder corner";
    }
}

TEST_P(DetailAt, TheCaptionIsBodyTextInBodyInkBesideOrBelowTheCodeInsideTheCard)
{
    use_catalogue(true);
    const UiScale s = scale();
    for (const LanguageCode language : {"sv", "ar", "ti", "so", "uk", "fa"}) {
        const DetailScreen::QrPlacement& qr = show(language).qr_placement();
        EXPECT_GE(qr.caption_font_px, s.font_px()) << where(language);
        EXPECT_EQ(qr.caption_color, default_palette().text) << where(language);
        // Inside the card and the content area: the Arabic portrait caption used to run off the screen.
        EXPECT_GE(qr.caption_min.x, qr.card_min.x) << where(language);
        EXPECT_LE(qr.caption_max.x, qr.card_max.x) << where(language);
        EXPECT_GE(qr.caption_min.y, qr.card_min.y) << where(language);
        EXPECT_LE(qr.caption_max.y, qr.card_max.y + 0.5f) << where(language);
        EXPECT_GE(qr.card_min.x, qr.area_min.x) << where(language);
        EXPECT_LE(qr.card_max.x, qr.area_max.x) << where(language);
        EXPECT_LE(qr.card_max.y, qr.area_max.y) << where(language);
        const float side = static_cast<float>(qr.modules) * qr.module_px;
        EXPECT_FALSE(overlap(qr.caption_min, qr.caption_max, qr.min, ImVec2(qr.min.x + side, qr.min.y + side)))
            << where(language) << ": the caption lies over the code";
    }
}

TEST_P(DetailAt, ActionsAreFullWidthButtonsAlongThePortraitBottomAndUnderTheFactsInLandscape)
{
    use_catalogue(true);
    m_now = morning() + 45 * 60;  // 09:45: aktivitet-0 starts at 10:00, so "I'm here" is offered
    for (const LanguageCode language : {"sv", "ar", "ti"}) {
        const DetailScreen::QrPlacement& qr = show(language, "aktivitet-0").qr_placement();
        const TapTarget* checkin = m_kiosk->find_target("##checkin");
        const TapTarget* contact = m_kiosk->find_target("##contact");
        ASSERT_TRUE(checkin && contact) << where(language);
        const float area_width = qr.area_max.x - qr.area_min.x;
        for (const TapTarget* action : {checkin, contact}) {
            if (GetParam().height > GetParam().width) {
                EXPECT_GE(action->max.x - action->min.x, area_width * 0.9f) << where(language) << " " << action->id;
                EXPECT_GE(action->min.y, qr.card_max.y) << where(language) << " " << action->id << " under the card";
            } else {
                // Beside the card, under the facts: not in the card's column.
                EXPECT_FALSE(action->max.x > qr.card_min.x && action->min.x < qr.card_max.x) << where(language);
            }
        }
        // Check in first: on top when stacked, at the reading start when side by side.
        if (checkin->min.y == contact->min.y)
            EXPECT_EQ(checkin->min.x < contact->min.x, std::string(language) != "ar") << where(language);
        else
            EXPECT_LT(checkin->min.y, contact->min.y) << where(language);
        // The last row sits at the bottom of the content area, not above empty space.
        EXPECT_GE(std::max(checkin->max.y, contact->max.y), qr.area_max.y - scale().em(1.2f)) << where(language);
    }
}

TEST_P(DetailAt, WithoutActionsTheCardStandsCentredAndAlone)
{
    use_catalogue(false);  // no contact requests, and at 09:00 no occurrence is near: no actions
    for (const LanguageCode language : {"sv", "ar"}) {
        const DetailScreen::QrPlacement& qr = show(language).qr_placement();
        EXPECT_EQ(m_kiosk->find_target("##checkin"), nullptr);
        EXPECT_EQ(m_kiosk->find_target("##contact"), nullptr);
        ASSERT_GT(qr.module_px, 0.0f);
        if (GetParam().height > GetParam().width) {
            // Portrait: the card is the last thing on the screen, full width, at the bottom.
            EXPECT_GE(qr.card_max.x - qr.card_min.x, (qr.area_max.x - qr.area_min.x) * 0.9f) << where(language);
            EXPECT_GE(qr.card_max.y, qr.area_max.y - scale().em(1.2f)) << where(language);
        } else {
            const float above = qr.card_min.y - qr.area_min.y;
            const float below = qr.area_max.y - qr.card_max.y;
            EXPECT_NEAR(above, below, 2.0f) << where(language);
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Sizes, DetailAt,
                         testing::Values(Size{800, 480}, Size{1920, 1080}, Size{480, 800}, Size{1080, 1920}),
                         [](const testing::TestParamInfo<Size>& size_info) {
                             return std::to_string(size_info.param.width) + "x" + std::to_string(size_info.param.height);
                         });

namespace {

// The way there: a kiosk in central Halmstad and every place at the Galgberget car park, 324 m away.
class WayThere : public KioskFixture {
protected:
    void open(const std::string& directions, int width, int height)
    {
        start(width, height, [&](KioskConfig& config) {
            config.latitude = 56.6745;
            config.longitude = 12.8578;
            config.directions = directions;
        });
        Catalogue catalogue = make_catalogue();
        catalogue.version = 5;
        for (Activity& activity : catalogue.activities) {
            activity.place.latitude = 56.6718;
            activity.place.longitude = 12.8598;
            activity.place.how_to_find_us.set("sv", "Ingång från parken, en trappa upp.");
        }
        auto replaced = app().store().replace_catalogue(catalogue, m_now);
        EXPECT_TRUE(replaced.ok()) << replaced.error().text();
    }

    DetailScreen& show(const LanguageCode& language)
    {
        app().reset_session();
        app().set_language(language);
        app().show_screen("detail");
        app().session().activity_id = "aktivitet-1";
        m_kiosk->settle(m_now);
        return dynamic_cast<DetailScreen&>(app().current_screen());
    }

    void expect_scans_to(const std::string& link)
    {
        if (!zbarimg_available())
            GTEST_SKIP() << "zbarimg is not installed (Debian package zbar-tools; `make test` installs it)";
        for (const LanguageCode language : {"sv", "ar"}) {
            DetailScreen& detail = show(language);
            EXPECT_EQ(detail.directions_text(), link);
            // Below the fold, as on every size: scrolled into view as the tour's "way" picture is.
            detail.show_tour_part("way");
            m_kiosk->settle(m_now);
            const DetailScreen::QrPlacement& qr = detail.directions_placement();
            ASSERT_GE(qr.module_px, 3.0f) << language << ": the directions code was not drawn, or too fine";
            EXPECT_EQ(qr.module_px, std::floor(qr.module_px));
            const std::string png = m_dir + "/way-" + std::string(language) + ".png";
            ASSERT_TRUE(m_kiosk->save_png(png).ok());
            // Two codes on the screen: the link and the calendar event, each whole (zbarimg writes the
            // symbols' bytes one after the other, in the order it found them).
            const std::string codes = zbar_decode(png).value_or("");
            EXPECT_TRUE(codes == link + detail.calendar_text() || codes == detail.calendar_text() + link)
                << language << ": zbarimg read\n" << codes;
        }
    }
};

}  // namespace

TEST_F(WayThere, TheDirectionsCodeScansToAGeoUriByDefault)
{
    open("geo", 1920, 1080);
    expect_scans_to("geo:56.671800,12.859800");
}

TEST_F(WayThere, TheDirectionsCodeScansToTheConfiguredMapLink)
{
    open("https://maps.example.se/route?to={lat},{lon}&z=17", 800, 480);
    expect_scans_to("https://maps.example.se/route?to=56.671800,12.859800&z=17");
}

TEST_F(WayThere, APlaceWithoutPositionHasNoDirectionsCode)
{
    open("geo", 800, 480);
    ASSERT_FALSE(show("sv").directions_text().empty());
    Catalogue catalogue = make_catalogue();
    catalogue.version = 6;
    ASSERT_TRUE(app().store().replace_catalogue(catalogue, m_now).ok());
    const DetailScreen& again = show("sv");
    EXPECT_TRUE(again.directions_text().empty());
    EXPECT_EQ(again.directions_placement().module_px, 0.0f);
}
