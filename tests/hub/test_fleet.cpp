// `lotsen-hub fleet`'s text: what operators read about each kiosk — silence, queue, and the
// software releases and update refusals the kiosk reports in its heartbeat (issue 6), and the
// events a hub deferred that the kiosk keeps (issue 13).
#include "hub/fleet.hpp"

#include <gtest/gtest.h>

namespace lotsen::hub {
namespace {

constexpr UnixSeconds k_now = 1763900000;

KioskRecord kiosk_with(const std::string& heartbeat)
{
    KioskRecord kiosk;
    kiosk.public_key = "hI5Jc0k+QEavklYu5Sv6JRsiI1qQhmeuFVeqY0FiIl4=";
    kiosk.site = "Halmstad stadsbibliotek";
    kiosk.last_seen_at = k_now - 60;
    kiosk.last_heartbeat = heartbeat;
    kiosk.last_heartbeat_at = k_now - 60;
    return kiosk;
}

TEST(Fleet, ShowsReleasesAndTheLastUpdateRefusal)
{
    const std::string text = render_fleet(
        {kiosk_with(R"({"software_version":"0.2.0","catalogue_version":12,"uptime_s":3600,)"
                    R"("queue":{"never_drop":2,"low_value":0},"quarantined":0,"disk_free_bytes":1073741824,)"
                    R"("releases":{"installed":["7 0.1.9","8 0.2.0"],"running":"8 0.2.0","failed":["9 0.2.1"]},)"
                    R"("update_refusal":{"at":1763899000,"reason":"manifest: the signature does not verify"}})")},
        k_now, 5);
    EXPECT_NE(text.find("running 8 0.2.0"), std::string::npos) << text;
    EXPECT_NE(text.find("installed 7 0.1.9, 8 0.2.0"), std::string::npos) << text;
    EXPECT_NE(text.find("failed 9 0.2.1"), std::string::npos) << text;
    EXPECT_NE(text.find("update refused"), std::string::npos) << text;
    EXPECT_NE(text.find("the signature does not verify"), std::string::npos) << text;
}

TEST(Fleet, AKioskWithoutReleasesOrRefusalsSaysNothingAboutThem)
{
    const std::string text = render_fleet({kiosk_with(R"({"software_version":"0.1.0","queue":{}})")}, k_now, 5);
    EXPECT_EQ(text.find("releases"), std::string::npos) << text;
    EXPECT_EQ(text.find("refused"), std::string::npos) << text;
    EXPECT_NE(text.find("software 0.1.0"), std::string::npos) << text;
}

TEST(Fleet, EventsTheHubDeferredAreShownOnlyWhenThereAreSome)
{
    const std::string deferring = render_fleet(
        {kiosk_with(R"({"software_version":"0.3.0","queue":{"never_drop":7,"low_value":0,"deferred":5}})")}, k_now, 5);
    EXPECT_NE(deferring.find("deferred by the hub 5"), std::string::npos) << deferring;
    const std::string none = render_fleet(
        {kiosk_with(R"({"software_version":"0.3.0","queue":{"never_drop":2,"low_value":0,"deferred":0}})")}, k_now, 5);
    EXPECT_EQ(none.find("deferred"), std::string::npos) << none;
}

TEST(Fleet, ASilentKioskIsMarked)
{
    KioskRecord silent = kiosk_with(R"({})");
    silent.last_seen_at = k_now - 16 * 60;
    EXPECT_TRUE(is_silent(silent, k_now, 5));
    EXPECT_NE(render_fleet({silent}, k_now, 5).find("SILENT"), std::string::npos);
    EXPECT_FALSE(is_silent(kiosk_with("{}"), k_now, 5));
}

}  // namespace
}  // namespace lotsen::hub

namespace lotsen::hub {
namespace {

// Every printed time says its zone (issue 17): fleet, enroll and inbox printed Stockholm time bare.
TEST(FleetTimes, LocalTimesAreLabelledWithTheirZone)
{
    EXPECT_EQ(format_local_time(1'767'225'600), "2026-01-01 01:00 CET");   // 2026-01-01T00:00:00Z
    EXPECT_EQ(format_local_time(1'782'864'000), "2026-07-01 02:00 CEST");  // 2026-07-01T00:00:00Z
}

}  // namespace
}  // namespace lotsen::hub
