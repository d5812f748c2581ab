// kiosk_fixture.hpp — a headless kiosk with a small known catalogue, a hub key pair and a PIN, for
// the UI tests. Everything real: SQLite store and outbox, ImGui frames, the software renderer.
#pragma once

#include "core/settings/admin_lock.hpp"
#include "kiosk/headless.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <filesystem>
#include <string>
#include <unistd.h>

namespace lotsen::kiosk::testing_support {

// Tuesday 24 November 2026, 09:00 in Sweden (CET).
inline UnixSeconds morning()
{
    return stockholm::to_utc({Date{2026, 11, 24}, TimeOfDay{9 * 60}});
}

inline std::string temp_dir()
{
    const auto* info = testing::UnitTest::GetInstance()->current_test_info();
    const auto dir = std::filesystem::temp_directory_path() /
                     ("lotsen-ui-" + std::to_string(getpid()) + "-" + info->test_suite_name() + "-" + info->name());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

// Forty activities every day from 10:00, alternating music (Halmstad) and outdoors (Varberg), run
// by one association that accepts contact requests.
inline Catalogue make_catalogue()
{
    Catalogue catalogue;
    catalogue.version = 3;
    catalogue.interests = default_interests();
    Organisation org;
    org.id = "testforeningen";
    org.name.set("sv", "Testföreningen");
    org.municipality = "Varberg";
    org.reply_days = 2;
    org.accepts_contact_requests = true;
    catalogue.organisations.push_back(org);
    for (int i = 0; i < 40; ++i) {
        Activity activity;
        activity.id = "aktivitet-" + std::to_string(i);
        activity.organisation_id = org.id;
        activity.title.set("sv", "Aktivitet nummer " + std::to_string(i));
        activity.title.set("en", "Activity number " + std::to_string(i));
        activity.interests = {i % 2 == 0 ? "music" : "outdoors"};
        const int start = (10 + i % 10) * 60;
        for (int weekday = 1; weekday <= 7; ++weekday) {
            activity.schedule.weekly.push_back(WeeklyRule{weekday, TimeOfDay{start}, TimeOfDay{start + 90},
                                                          Date{2026, 8, 1}, Date{2027, 6, 30}, 1});
        }
        activity.place.address = "Storgatan " + std::to_string(i + 1);
        activity.place.town = i % 2 == 0 ? "Halmstad" : "Varberg";
        activity.drop_in = i % 3 == 0;
        catalogue.activities.push_back(activity);
    }
    return catalogue;
}

/// A kiosk at `width`×`height` on the test catalogue, showing home at morning().
class KioskFixture : public testing::Test {
protected:
    void start(int width, int height, const std::function<void(KioskConfig&)>& adjust = {})
    {
        ASSERT_GE(sodium_init(), 0);
        crypto_box_keypair(m_hub_public.data(), m_hub_secret.data());
        m_dir = temp_dir();
        KioskOptions options;
        options.config.town = "Varberg";
        options.config.idle_prompt_seconds = 60;
        options.config.idle_reset_seconds = 10;
        options.config.checkin_min_gap_seconds = 0;
        options.config.hub_public_key = m_hub_public;
        char hash[crypto_pwhash_STRBYTES];
        ASSERT_EQ(crypto_pwhash_str(hash, "2468", 4, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN), 0);
        options.config.admin_pin_hash = std::string(hash);
        if (adjust)
            adjust(options.config);
        options.data_dir = m_dir + "/data";
        options.assets_dir = std::string(LOTSEN_SOURCE_DIR) + "/assets";
        auto kiosk = HeadlessKiosk::create(options, width, height);
        ASSERT_TRUE(kiosk.ok()) << kiosk.error().text();
        m_kiosk = std::move(kiosk).value();
        auto replaced = app().store().replace_catalogue(make_catalogue(), m_now);
        ASSERT_TRUE(replaced.ok()) << replaced.error().text();
        app().home();
        m_kiosk->settle(m_now);
    }

    KioskApp& app() { return m_kiosk->app(); }
    std::string screen() { return app().current_screen().id(); }
    /// Taps the widget `id`; fails the test when it is not on screen.
    void tap(std::string_view id)
    {
        ASSERT_TRUE(m_kiosk->tap(id, m_now)) << "no widget " << id << " on screen " << screen();
    }
    void type(std::string_view keys)
    {
        for (char c : keys)
            tap("key:" + std::string(1, c));
    }

    std::string m_dir;
    UnixSeconds m_now = morning();
    std::unique_ptr<HeadlessKiosk> m_kiosk;
    std::array<unsigned char, crypto_box_PUBLICKEYBYTES> m_hub_public{};
    std::array<unsigned char, crypto_box_SECRETKEYBYTES> m_hub_secret{};
};

}  // namespace lotsen::kiosk::testing_support
