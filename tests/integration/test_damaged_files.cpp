// test_damaged_files.cpp — against the real hub on loopback: a kiosk whose kiosk.key was damaged
// (empty) makes a new key (load_or_replace_key_pair, as the kiosk does at start), the hub refuses it
// until `lotsen-hub enroll` registers the new key, and then every event that waited — including the
// ones recovered from a damaged outbox — arrives exactly once.
#include "tests/integration/delivery_fixture.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <thread>

namespace fs = std::filesystem;
using namespace lotsen;
using namespace lotsen::testing;

TEST_F(DeliveryTest, DamagedKeyIsReplacedAndAfterEnrolmentEveryQueuedEventFlows)
{
    ASSERT_TRUE(enroll());  // the old key was enrolled; the hub knows nothing of the new one
    std::vector<std::string> ids;
    {
        auto log = open_outbox();
        ASSERT_TRUE(log);
        ids = record_events(*log, 40, 2);
    }
    // Both files damaged at once: the key emptied, the outbox's header hit.
    const fs::path key = m_kiosk_dir / "kiosk.key";
    fs::resize_file(key, 0);
    const fs::path outbox = m_kiosk_dir / "outbox.db";
    {
        std::fstream file(outbox, std::ios::in | std::ios::out | std::ios::binary);
        file.write("garbage garbage!", 16);
    }

    auto opened = protocol::load_or_replace_key_pair(key.string());
    ASSERT_TRUE(opened) << opened.error().text();
    EXPECT_TRUE(fs::exists(opened.value().kept_aside));
    EXPECT_NE(opened.value().keys.public_key, m_kiosk_keys.public_key);
    auto log = Outbox::open_recovering(outbox.string(), OutboxOptions{});
    ASSERT_TRUE(log) << log.error().text();
    ASSERT_TRUE(log.value().recovery);
    EXPECT_EQ(log.value().recovery->recovered, static_cast<std::int64_t>(ids.size()));

    auto uploader = Uploader::create(uploader_options(m_hub->port()), opened.value().keys);
    ASSERT_TRUE(uploader) << uploader.error().text();
    uploader.value()->start();
    // The new key is unknown to the hub: refused, and nothing is lost.
    EXPECT_FALSE(uploader.value()->wait_until_idle(std::chrono::seconds(2)));
    EXPECT_TRUE(uploader.value()->status().kiosk_refused) << uploader.value()->status().last_error;
    EXPECT_EQ(hub_total(), 0);

    m_kiosk_keys = opened.value().keys;
    ASSERT_TRUE(enroll());
    uploader.value()->flush_now();
    ASSERT_TRUE(uploader.value()->wait_until_idle(std::chrono::seconds(30))) << uploader.value()->status().last_error;
    uploader.value()->stop();
    for (const std::string& id : ids)
        ASSERT_EQ(hub_count(id), 1) << "event " << id;
    auto pending = log.value().outbox->pending_count();
    ASSERT_TRUE(pending);
    EXPECT_EQ(pending.value(), 0);
}
