// test_config_fallback.cpp — a kiosk whose own config file did not load (core/settings/local_config.hpp):
// with no earlier good one it is out of order — the crisis numbers after start and after every reset,
// under a red notice naming the file and line — and admin says which line was wrong in either case.
#include "tests/ui/kiosk_fixture.hpp"

#include "kiosk/theme.hpp"

using namespace lotsen;
using namespace lotsen::kiosk;
using namespace lotsen::kiosk::testing_support;

namespace {

constexpr const char* k_problem = "/etc/lotsen/lotsen.toml:26: kiosk.idle_prompt_seconds: expected an integer from 10 to 3600";

class ConfigFallback : public ::testing::Test {
protected:
    void start(ConfigOrigin::Source source)
    {
        m_dir = temp_dir();
        KioskOptions options;
        options.config_origin.source = source;
        options.config_origin.path = "/etc/lotsen/lotsen.toml";
        options.config_origin.problem = k_problem;
        options.data_dir = m_dir + "/data";
        options.assets_dir = std::string(LOTSEN_SOURCE_DIR) + "/assets";
        options.voice_output = ReadAloud::Output::capture;
        auto kiosk = HeadlessKiosk::create(options, 800, 480);
        ASSERT_TRUE(kiosk.ok()) << kiosk.error().text();
        m_kiosk = std::move(kiosk).value();
        ASSERT_TRUE(m_kiosk->app().store().replace_catalogue(make_catalogue(), m_now).ok());
        m_kiosk->settle(m_now);
    }

    KioskApp& app() { return m_kiosk->app(); }
    std::string screen() { return app().current_screen().id(); }

    std::string m_dir;
    UnixSeconds m_now = morning();
    std::unique_ptr<HeadlessKiosk> m_kiosk;
};

bool contains(const std::string& text, std::string_view part)
{
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_F(ConfigFallback, OutOfOrderShowsTheCrisisNumbersAndNamesTheLine)
{
    start(ConfigOrigin::Source::out_of_order);
    EXPECT_TRUE(app().out_of_order());
    EXPECT_EQ(screen(), "help");
    EXPECT_EQ(app().config().help_contacts, default_help_contacts());
    const Notice& notice = app().config().notice;
    EXPECT_EQ(notice.level, Notice::Level::warning);
    for (const char* language : {"sv", "ar"}) {
        const std::string text(notice.text.get(language));
        EXPECT_TRUE(contains(text, "lotsen.toml:26")) << language << ": " << text;
    }
    // The red band is drawn under the top bar.
    bool red = false;
    for (int y = 0; y < 200 && !red; ++y)
        red = m_kiosk->pixel(4, y) == default_palette().danger;
    EXPECT_TRUE(red) << "no warning band on the out-of-order screen";
    ASSERT_TRUE(m_kiosk->save_png(m_dir + "/out-of-order-sv.png").ok());
    app().set_language("ar");
    m_kiosk->settle(m_now);
    ASSERT_TRUE(m_kiosk->save_png(m_dir + "/out-of-order-ar.png").ok());  // to look at; not compared

    // Home and every reset lead back to it.
    app().home();
    m_kiosk->settle(m_now);
    EXPECT_EQ(screen(), "help");
    app().navigate("language");
    app().reset_session();
    m_kiosk->settle(m_now);
    EXPECT_EQ(screen(), "help");

    const AdminReport report = app().admin_desk().report(3);
    ASSERT_FALSE(report.config.empty());
    EXPECT_TRUE(contains(report.config.front(), "lotsen.toml:26")) << report.config.front();
    EXPECT_TRUE(contains(report.config.front(), "out of order")) << report.config.front();
}

TEST_F(ConfigFallback, TheLastGoodConfigIsAnOrdinaryKioskAndAdminNamesTheLine)
{
    start(ConfigOrigin::Source::last_good);
    EXPECT_FALSE(app().out_of_order());
    EXPECT_EQ(screen(), "home");
    EXPECT_TRUE(app().config().notice.text.empty());
    const AdminReport report = app().admin_desk().report(3);
    ASSERT_EQ(report.config.size(), 1u);
    EXPECT_TRUE(contains(report.config.front(), "lotsen.toml:26")) << report.config.front();
    EXPECT_TRUE(contains(report.config.front(), "last configuration that loaded")) << report.config.front();
}

TEST_F(ConfigFallback, AFileThatLoadedIsNoProblem)
{
    start(ConfigOrigin::Source::file);
    EXPECT_EQ(screen(), "home");
    EXPECT_TRUE(app().admin_desk().report(3).config.empty());
}
