// test_search_screen.cpp — the search field's caret stands at the logical end of what was typed, read
// from the rendered pixels: after Latin text also in a right-to-left UI, before Arabic text also in a
// left-to-right one, at the start side when the field is empty; the hits are read in the visitor's
// language, and again when it changes; where the keyboard leaves no room for them, the line above
// the keys says how many there are.
#include "tests/ui/kiosk_fixture.hpp"

#include "kiosk/screens/search_screen.hpp"
#include "kiosk/theme.hpp"

#include <cmath>

using namespace lotsen;
using namespace lotsen::kiosk;
using namespace lotsen::kiosk::testing_support;

namespace {

struct CaretCase {
    const char* ui_language;
    const char* typed;
    bool caret_after_ink;  ///< right of the text's ink (else left of it)
};

// Horizontal extents, in the search field's middle band, of the caret (accent pixels) and of the
// text (dark ink), found in the rendered frame.
struct FieldPixels {
    int caret_min = 1 << 30;
    int caret_max = -1;
    int ink_min = 1 << 30;
    int ink_max = -1;
};

class SearchCaret : public KioskFixture, public testing::WithParamInterface<int> {
protected:
    void SetUp() override { start(width(), height()); }
    int width() const { return GetParam() == 0 ? 800 : 480; }
    int height() const { return GetParam() == 0 ? 480 : 800; }
    UiScale scale() { return UiScale(width(), height(), app().config().screen_diagonal_inches); }

    FieldPixels show_typed(const LanguageCode& language, const std::string& typed)
    {
        app().reset_session();
        app().set_language(language);
        app().show_screen("search");
        app().prepare_tour(m_now, m_kiosk->time());
        app().session().search_text = typed;
        m_kiosk->settle(m_now);
        FieldPixels found;
        const TapTarget* field = m_kiosk->find_target("##query");
        EXPECT_NE(field, nullptr);
        if (!field)
            return found;
        const Palette& p = default_palette();
        // Inside the border (a few pixels in), in the middle third of the field's height: the caret
        // spans 20–80 % of it, the letters' bodies the middle.
        const int border = static_cast<int>(std::ceil(scale().mm(0.8))) + 2;
        const int y_min = static_cast<int>(field->min.y + (field->max.y - field->min.y) * 0.4f);
        const int y_max = static_cast<int>(field->min.y + (field->max.y - field->min.y) * 0.6f);
        for (int y = y_min; y <= y_max; ++y) {
            for (int x = static_cast<int>(field->min.x) + border; x < static_cast<int>(field->max.x) - border; ++x) {
                const ImU32 c = m_kiosk->pixel(x, y);
                if (c == p.accent) {
                    found.caret_min = std::min(found.caret_min, x);
                    found.caret_max = std::max(found.caret_max, x);
                    continue;
                }
                const int r = static_cast<int>(c & 0xFF);
                const int g = static_cast<int>((c >> 8) & 0xFF);
                const int b = static_cast<int>((c >> 16) & 0xFF);
                if (r + g + b < 3 * 128) {  // text ink: dark on the white field
                    found.ink_min = std::min(found.ink_min, x);
                    found.ink_max = std::max(found.ink_max, x);
                }
            }
        }
        return found;
    }
};

}  // namespace

TEST_P(SearchCaret, StandsAtTheLogicalEndOfTheTypedTextInEitherDirection)
{
    const CaretCase cases[] = {
        {"sv", "promen", true},        // Latin in a left-to-right UI
        {"ar", "promen", true},        // Latin in a right-to-left UI: drawn at the right, ends at its right edge
        {"fa", "chess", true},
        {"ar", "مشي", false},          // Arabic ends at its left edge
        {"sv", "مشي", false},          // also in a left-to-right UI
        {"ar", "0340 123", true},      // digits read left to right
    };
    for (const CaretCase& c : cases) {
        const FieldPixels pixels = show_typed(c.ui_language, c.typed);
        const std::string what = std::string(c.typed) + " in a " + c.ui_language + " UI";
        ASSERT_GE(pixels.caret_max, 0) << what << ": no caret drawn";
        ASSERT_GE(pixels.ink_max, 0) << what << ": no text drawn";
        if (c.caret_after_ink) {
            EXPECT_GT(pixels.caret_min, pixels.ink_max) << what;
            EXPECT_LE(pixels.caret_min - pixels.ink_max, scale().em(0.6f)) << what << ": caret far from the text";
        } else {
            EXPECT_LT(pixels.caret_max, pixels.ink_min) << what;
            EXPECT_LE(pixels.ink_min - pixels.caret_max, scale().em(0.6f)) << what << ": caret far from the text";
        }
    }
}

TEST_P(SearchCaret, AnEmptyFieldHasItsCaretAtTheStartSide)
{
    for (const char* language : {"sv", "ar"}) {
        const FieldPixels pixels = show_typed(language, "");
        const TapTarget* field = m_kiosk->find_target("##query");
        ASSERT_TRUE(field);
        ASSERT_GE(pixels.caret_max, 0) << language;
        const float middle = (field->min.x + field->max.x) / 2;
        if (std::string(language) == "ar")
            EXPECT_GT(pixels.caret_min, middle) << language;
        else
            EXPECT_LT(pixels.caret_max, middle) << language;
    }
}

INSTANTIATE_TEST_SUITE_P(Sizes, SearchCaret, testing::Values(0, 1),
                         [](const testing::TestParamInfo<int>& size_info) {
                             return std::string(size_info.param == 0 ? "800x480" : "480x800");
                         });

namespace {

class SearchLanguage : public KioskFixture {
protected:
    void SetUp() override { start(800, 480); }
    const std::vector<ActivityListItem>& results() { return dynamic_cast<SearchScreen&>(app().current_screen()).results(); }
};

}  // namespace

// The hits are read in the visitor's language only (the one text a card shows), and read again when
// the visitor picks another language with the results on screen.
TEST_F(SearchLanguage, HitsAreReadInTheVisitorsLanguageAndAgainWhenItChanges)
{
    app().set_language("en");
    app().show_screen("search");
    app().session().search_text = "akt";
    m_kiosk->settle(m_now);
    ASSERT_FALSE(results().empty());
    for (const ActivityListItem& hit : results()) {
        EXPECT_EQ(hit.title.all().size(), 1u) << hit.activity_id;
        EXPECT_EQ(hit.title.get("en").substr(0, 16), "Activity number ") << hit.activity_id;
    }
    const std::size_t hits = results().size();

    app().set_language("sv");
    m_kiosk->settle(m_now);
    ASSERT_EQ(results().size(), hits);
    for (const ActivityListItem& hit : results()) {
        EXPECT_EQ(hit.title.all().size(), 1u) << hit.activity_id;
        EXPECT_EQ(hit.title.get("sv").substr(0, 17), "Aktivitet nummer ") << hit.activity_id;
    }
}

namespace {

// Dark pixels (text ink on the light background) in the strip between the search field and the
// keyboard's top row.
int ink_above_keys(HeadlessKiosk& kiosk)
{
    const TapTarget* field = kiosk.find_target("##query");
    const TapTarget* key = kiosk.find_target("key:1");
    EXPECT_NE(field, nullptr);
    EXPECT_NE(key, nullptr);
    if (!field || !key)
        return -1;
    int ink = 0;
    for (int y = static_cast<int>(field->max.y) + 2; y < static_cast<int>(key->min.y) - 2; ++y) {
        for (int x = static_cast<int>(field->min.x); x < static_cast<int>(field->max.x); ++x) {
            const ImU32 c = kiosk.pixel(x, y);
            if ((c & 0xFF) + ((c >> 8) & 0xFF) + ((c >> 16) & 0xFF) < 3 * 160)
                ++ink;
        }
    }
    return ink;
}

}  // namespace

// On 800x480 the keyboard leaves a line above its keys and no room for a card: the line says how
// many activities match what is typed, or that none do, in the visitor's language; with more than
// the fifty shown, that there are more. On a tall screen the cards themselves are there instead.
TEST_F(SearchLanguage, WhereTheKeyboardLeavesNoRoomTheLineAboveItCountsTheHits)
{
    app().set_language("sv");
    app().show_screen("search");
    app().session().typing = TextTarget::search;
    m_kiosk->settle(m_now);
    auto& search = dynamic_cast<SearchScreen&>(app().current_screen());
    EXPECT_EQ(search.line_above_keys(), "");
    EXPECT_EQ(ink_above_keys(*m_kiosk), 0);

    type("akt");
    m_kiosk->settle(m_now);
    EXPECT_EQ(app().session().search_text, "akt");
    EXPECT_EQ(results().size(), 40u);
    EXPECT_EQ(search.line_above_keys(), "40 träffar");
    EXPECT_GT(ink_above_keys(*m_kiosk), 0);

    app().set_language("ar");
    m_kiosk->settle(m_now);
    EXPECT_EQ(search.line_above_keys(), "40 نتيجة");  // 40 is Arabic's "many"

    app().set_language("sv");
    app().session().search_text = "aktx";
    m_kiosk->settle(m_now);
    EXPECT_TRUE(results().empty());
    EXPECT_EQ(search.line_above_keys(), "Ingen träff. Prova ett annat ord.");
    EXPECT_GT(ink_above_keys(*m_kiosk), 0);

    // Sixty activities that all match: fifty are kept, and the line says there are more.
    Catalogue larger = make_catalogue();
    for (int i = 40; i < 60; ++i) {
        Activity extra = larger.activities.front();
        extra.id = "aktivitet-" + std::to_string(i);
        extra.title.set("sv", "Aktivitet nummer " + std::to_string(i));
        extra.title.set("en", "Activity number " + std::to_string(i));
        larger.activities.push_back(extra);
    }
    ASSERT_TRUE(app().store().replace_catalogue(larger, m_now).ok());
    app().session().search_text = "akti";
    m_kiosk->settle(m_now);
    EXPECT_EQ(results().size(), 50u);
    EXPECT_EQ(search.line_above_keys(), "Fler än 50 träffar");

    tap("##key-done");
    m_kiosk->settle(m_now);
    EXPECT_EQ(search.line_above_keys(), "");  // the keyboard closed: the cards have the room
}

namespace {

class SearchPortrait : public SearchLanguage {
protected:
    void SetUp() override { start(1080, 1920); }
};

}  // namespace

TEST_F(SearchPortrait, WithRoomForCardsNoLineIsDrawnAboveTheKeys)
{
    app().set_language("sv");
    app().show_screen("search");
    app().session().typing = TextTarget::search;
    app().session().search_text = "akt";
    m_kiosk->settle(m_now);
    EXPECT_EQ(results().size(), 40u);
    EXPECT_EQ(dynamic_cast<SearchScreen&>(app().current_screen()).line_above_keys(), "");
}
