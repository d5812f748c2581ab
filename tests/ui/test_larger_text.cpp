// test_larger_text.cpp — at larger text nothing a visitor could read is lost: every visitor screen
// (and the idle prompt) in all seven languages, small landscape and portrait, on the demo catalogue
// and the shipped config, with no text cut short, drawn outside its box or the visible area, a word
// broken across lines, or a title leaving one word alone on its last line; every language stays one
// tap away in the language bar, and no widget lies over another. The text door records each loss
// (UiContext::text_losses); this test walks the screens and names every one.
#include "tests/ui/kiosk_fixture.hpp"

#include "core/settings/config.hpp"

#include <sstream>

using namespace lotsen;
using namespace lotsen::kiosk;
using namespace lotsen::kiosk::testing_support;

namespace {

struct Size {
    int width;
    int height;
};

const char* const k_visitor_screens[] = {"home", "language", "interests", "list", "detail", "search",
                                         "checkin", "contact", "help", "thanks", "wish"};

// One kiosk per size, as a visitor would meet it: the shipped config (its help lines in every
// language) and the demo catalogue.
class LargerText : public testing::TestWithParam<Size> {
protected:
    void SetUp() override
    {
        m_dir = temp_dir();
        auto config = load_kiosk_config(std::string(LOTSEN_SOURCE_DIR) + "/config/lotsen.toml");
        ASSERT_TRUE(config.ok()) << config.error().text();
        KioskOptions options;
        options.config = config.value();
        options.data_dir = m_dir + "/data";
        options.assets_dir = std::string(LOTSEN_SOURCE_DIR) + "/assets";
        options.catalogue_path = std::string(LOTSEN_SOURCE_DIR) + "/assets/demo/catalogue.json";
        auto kiosk = HeadlessKiosk::create(options, GetParam().width, GetParam().height);
        ASSERT_TRUE(kiosk.ok()) << kiosk.error().text();
        m_kiosk = std::move(kiosk).value();
        ASSERT_TRUE(m_kiosk->app().import_problems().empty()) << m_kiosk->app().import_problems();
    }

    KioskApp& app() { return m_kiosk->app(); }

    // Shows `screen` as the tour does, at larger text: a fresh visitor, the language, typical input.
    void show(const std::string& screen, const LanguageCode& language)
    {
        app().reset_session();
        app().set_language(language);
        app().session().larger_text = true;
        app().show_screen(screen);
        app().prepare_tour(m_now, m_kiosk->time());
        m_kiosk->settle(m_now);
    }

    // Every text the last frame lost, one line each, named by where it was seen.
    std::string losses(const std::string& where) const
    {
        std::ostringstream out;
        for (const TextLoss& loss : m_kiosk->app().text_losses()) {
            out << "  " << where << ": " << loss.how << " at (" << loss.min.x << ", " << loss.min.y << ")–("
                << loss.max.x << ", " << loss.max.y << "): \"" << loss.text << "\"\n";
        }
        return out.str();
    }

    std::string size_name() const { return std::to_string(GetParam().width) + "x" + std::to_string(GetParam().height); }

    std::string m_dir;
    UnixSeconds m_now = morning();
    std::unique_ptr<HeadlessKiosk> m_kiosk;
};

}  // namespace

TEST_P(LargerText, EveryVisitorScreenShowsAllItsText)
{
    std::string lost;
    std::size_t screens_seen = 0;
    for (const LanguageCode& language : app().config().languages) {
        for (const std::string screen : k_visitor_screens) {
            show(screen, language);
            ASSERT_EQ(app().current_screen().id(), screen);
            ASSERT_TRUE(app().session().larger_text);
            const std::string where = screen + "/" + language + "/" + size_name();
            lost += losses(where);
            // Every language one tap away in the bar, never folded behind a "languages" button.
            for (const LanguageCode& other : app().config().languages) {
                const TapTarget* button = m_kiosk->find_target("##lang-" + other);
                if (!button || button->visible_max.x - button->visible_min.x < 1.0f)
                    lost += "  " + where + ": the language bar has no button for " + other + "\n";
            }
            // Nothing drawn over anything else: a keyboard over its field, a button over a card.
            const auto& targets = app().targets();
            for (std::size_t i = 0; i < targets.size(); ++i) {
                for (std::size_t j = i + 1; j < targets.size(); ++j) {
                    const TapTarget& a = targets[i];
                    const TapTarget& b = targets[j];
                    if (a.min.x == b.min.x && a.min.y == b.min.y && a.max.x == b.max.x && a.max.y == b.max.y)
                        continue;  // a keyboard key records itself twice
                    const float w = std::min(a.visible_max.x, b.visible_max.x) - std::max(a.visible_min.x, b.visible_min.x);
                    const float h = std::min(a.visible_max.y, b.visible_max.y) - std::max(a.visible_min.y, b.visible_min.y);
                    if (w > 1.0f && h > 1.0f)
                        lost += "  " + where + ": " + a.id + " lies over " + b.id + "\n";
                }
            }
            screens_seen++;
        }
        // The idle prompt over a screen the visitor has used.
        show("list", language);
        m_kiosk->advance(app().config().idle_prompt_seconds + 1.0);
        m_kiosk->settle(m_now);
        ASSERT_TRUE(app().idle_prompt_visible()) << language;
        lost += losses("idle prompt/" + language + "/" + size_name());
    }
    EXPECT_EQ(screens_seen, 7u * std::size(k_visitor_screens));
    EXPECT_TRUE(lost.empty()) << "text lost at larger text:\n" << lost;
}

INSTANTIATE_TEST_SUITE_P(Sizes, LargerText, testing::Values(Size{800, 480}, Size{480, 800}),
                         [](const testing::TestParamInfo<Size>& size_info) {
                             return std::to_string(size_info.param.width) + "x" + std::to_string(size_info.param.height);
                         });

namespace {

class TextLossRecording : public KioskFixture {
protected:
    void SetUp() override { start(800, 480); }
};

}  // namespace

TEST_F(TextLossRecording, NamesATextNoLayoutCanShowWhole)
{
    // The proof above is only as good as the recording: a town of one word wider than any card
    // cannot be shown whole however the card reflows, and must be named.
    Catalogue catalogue = make_catalogue();
    const std::string town = "Ö" + std::string(120, 'x');
    for (Activity& activity : catalogue.activities)
        activity.place.town = town;
    ASSERT_TRUE(app().store().replace_catalogue(catalogue, m_now).ok());
    app().session().larger_text = true;
    app().show_screen("list");
    m_kiosk->settle(m_now);
    ASSERT_EQ(screen(), "list");
    bool named = false;
    for (const TextLoss& loss : app().text_losses())
        named = named || loss.text.find(town) != std::string::npos;
    EXPECT_TRUE(named) << app().text_losses().size() << " losses recorded, none of the long town";

    // And with ordinary towns, the same list loses nothing.
    ASSERT_TRUE(app().store().replace_catalogue(make_catalogue(), m_now).ok());
    app().show_screen("home");
    app().show_screen("list");
    m_kiosk->settle(m_now);
    for (const TextLoss& loss : app().text_losses())
        ADD_FAILURE() << loss.how << ": " << loss.text;
}
