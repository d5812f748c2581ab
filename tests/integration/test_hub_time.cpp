// A time the kiosk can trust (issue 16, item 2; docs/protocol.md, "The hub's signed time"), against
// the real `lotsen-hub serve` on loopback. The kiosk's wall clock is 400 days ahead and not
// synchronised (the updater's injectable clock and "synchronised" switch): the region's manifest
// looks expired and is refused by the local clock; once the uploader has delivered and verified the
// hub's signed time, the same manifest is judged by that time and the catalogue is taken. A signed
// time replayed from an earlier reply, or signed with another key, is refused and never used.
#include "tests/integration/delivery_fixture.hpp"
#include "tests/integration/fault_proxy.hpp"

#include "core/catalogue/catalogue_json.hpp"
#include "core/catalogue/synthetic.hpp"
#include "core/storage/store.hpp"
#include "core/time/civil_time.hpp"
#include "core/time/hub_time.hpp"
#include "core/update/apply_update.hpp"
#include "core/update/updater.hpp"
#include "tests/common/files.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace lotsen::testing {
namespace {

constexpr std::int64_t k_days_ahead = 400;

Catalogue catalogue(std::int64_t version, int activities)
{
    SyntheticSpec spec;
    spec.activities = activities;
    spec.organisations = 1;
    spec.seed = static_cast<std::uint64_t>(version);
    spec.first_day = Date{2025, 1, 1};
    spec.last_day = Date{2030, 12, 31};
    Catalogue result = generate_synthetic_catalogue(spec);
    result.version = version;
    return result;
}

std::string trimmed(std::string text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text;
}

class HubTimeTest : public DeliveryTest {
protected:
    void SetUp() override
    {
        DeliveryTest::SetUp();
        ASSERT_TRUE(enroll());
        // `lotsen-hub init` made the hub's time key; kiosks are given its public half.
        auto key = protocol::from_base64(trimmed(read_file(m_hub_dir / "hub-time.pub")), "hub-time.pub", 32);
        ASSERT_TRUE(key) << key.error().text();
        std::copy(key.value().begin(), key.value().end(), m_time_key.begin());
    }

    /// The uploader with the hub's time key, keeping the signed time in m_hub_time.
    std::unique_ptr<Uploader> start_uploader(int port, std::optional<protocol::SigningPublicKey> key)
    {
        UploaderOptions options = uploader_options(port);
        options.hub_time_key = key;
        options.hub_time = m_hub_time;
        auto uploader = Uploader::create(options, m_kiosk_keys);
        EXPECT_TRUE(uploader) << uploader.error().text();
        if (!uploader)
            return nullptr;
        uploader.value()->start();
        return std::move(uploader).value();
    }

    /// Records one check-in and waits until the uploader has delivered everything.
    void deliver_one(Outbox& log, Uploader& uploader)
    {
        record_events(log, 1, 0);
        uploader.note_recorded();
        ASSERT_TRUE(uploader.wait_until_idle(60s)) << uploader.status().last_error;
    }

    protocol::SigningPublicKey m_time_key{};
    std::shared_ptr<HubTime> m_hub_time = std::make_shared<HubTime>();
};

TEST_F(HubTimeTest, AClockFarAheadTakesAnUpdateOnlyThanksToTheHubsSignedTime)
{
    // The region publishes catalogue 2; the kiosk has catalogue 1.
    const fs::path file = m_root / "catalogue-2.json";
    write_file(file, catalogue_to_json(catalogue(2, 12)));
    const CommandResult published = run_command({hub_program(), "publish", "catalogue", file.string(), "--data-dir",
                                                 m_hub_dir.string(), "--key", (m_root / "keys" / "publisher.key").string()});
    ASSERT_EQ(published.exit_code, 0) << published.output;
    auto publisher = protocol::from_base64(trimmed(read_file(m_root / "keys" / "publisher.pub")), "publisher.pub", 32);
    ASSERT_TRUE(publisher) << publisher.error().text();
    auto store = Store::open((m_kiosk_dir / "lotsen.db").string());
    ASSERT_TRUE(store) << store.error().text();
    ASSERT_TRUE(store.value()->replace_catalogue(catalogue(1, 5), unix_now()));

    UpdaterOptions options;
    options.url = "http://127.0.0.1:" + std::to_string(m_hub->port());
    options.data_dir = m_kiosk_dir.string();
    std::copy(publisher.value().begin(), publisher.value().end(), options.publisher_key.begin());
    options.interval = 1h;
    options.retry_base = 1h;
    options.connect_timeout = 2s;
    options.manifest_timeout = 5s;
    options.clock = [] { return unix_now() + k_days_ahead * 86400; };
    options.clock_synchronised = [] { return false; };
    options.hub_time = m_hub_time;
    auto created = Updater::create(options);
    ASSERT_TRUE(created) << created.error().text();
    std::unique_ptr<Updater> updater = std::move(created).value();

    // Before the hub has vouched for a time, the local clock judges: the manifest looks expired.
    updater->start();
    const auto give_up = std::chrono::steady_clock::now() + 30s;  // a deadline, never a sleep
    while (updater->status().checks < 1 && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(5ms);
    ASSERT_EQ(updater->status().checks, 1u) << "the check at start did not end";
    ASSERT_TRUE(updater->status().last_refusal);
    const std::string refusal = updater->status().last_refusal->reason;
    EXPECT_NE(refusal.find("expired"), std::string::npos) << refusal;
    EXPECT_NE(refusal.find("not synchronised"), std::string::npos) << refusal;
    EXPECT_TRUE(updater->take_ready().empty());

    // One upload: the reply carries the hub's clock signed over this request, and it verifies.
    auto log = open_outbox();
    auto uploader = start_uploader(m_hub->port(), m_time_key);
    ASSERT_TRUE(uploader);
    deliver_one(*log, *uploader);
    ASSERT_TRUE(uploader->status().hub_time) << uploader->status().hub_time_problem;
    EXPECT_EQ(uploader->status().hub_times_refused, 0u) << uploader->status().hub_time_problem;
    ASSERT_TRUE(m_hub_time->now());
    EXPECT_LT(std::abs(*m_hub_time->now() - unix_now()), 3600) << "the hub's clock is the machine's, not 400 days ahead";

    // The same manifest, judged by the hub's signed time now, is fresh: catalogue 2 is taken.
    ASSERT_TRUE(updater->check_and_wait(30s));
    EXPECT_NE(updater->status().expiry_clock.find("the hub's signed time"), std::string::npos)
        << updater->status().expiry_clock;
    EXPECT_NE(updater->status().expiry_clock.find("400 days ahead"), std::string::npos) << updater->status().expiry_clock;
    std::vector<ReadyUpdate> ready = updater->take_ready();
    ASSERT_EQ(ready.size(), 1u) << (updater->status().last_refusal ? updater->status().last_refusal->reason : "");
    auto read = read_catalogue_update(ready[0]);
    ASSERT_TRUE(read) << read.error().text();
    ASSERT_TRUE(store_catalogue_update(*store.value(), read.value(), ready[0], unix_now()));
    ASSERT_TRUE(updater->accepted(ready[0]));
    EXPECT_EQ(store.value()->catalogue_version().value(), 2);
}

TEST_F(HubTimeTest, ASignedTimeReplayedFromAnEarlierReplyIsRefused)
{
    FaultProxy proxy(m_hub->port());
    // The first reply passes; the second comes back with the first reply's signed time (an old
    // reply replayed by someone on the path).
    proxy.script({Fault{Fault::Kind::forward, 0, -1, 0}, Fault{Fault::Kind::replay_time, 0, -1, 0}});
    auto log = open_outbox();
    auto uploader = start_uploader(proxy.port(), m_time_key);
    ASSERT_TRUE(uploader);
    deliver_one(*log, *uploader);
    ASSERT_TRUE(uploader->status().hub_time) << uploader->status().hub_time_problem;
    EXPECT_EQ(uploader->status().hub_times_refused, 0u);

    deliver_one(*log, *uploader);
    EXPECT_EQ(proxy.faults_left(), 0u);
    EXPECT_EQ(uploader->status().hub_times_refused, 1u);
    EXPECT_NE(uploader->status().hub_time_problem.find("another request"), std::string::npos)
        << uploader->status().hub_time_problem;

    // The next honest reply is taken again.
    deliver_one(*log, *uploader);
    EXPECT_EQ(uploader->status().hub_times_refused, 1u);
    EXPECT_EQ(uploader->status().hub_time_problem, "");
}

TEST_F(HubTimeTest, ATimeSignedWithAnotherKeyIsNeverUsed)
{
    auto log = open_outbox();
    const protocol::SigningKeyPair stranger = protocol::generate_signing_key_pair();
    auto uploader = start_uploader(m_hub->port(), stranger.public_key);
    ASSERT_TRUE(uploader);
    deliver_one(*log, *uploader);
    EXPECT_GE(uploader->status().hub_times_refused, 1u);
    EXPECT_FALSE(uploader->status().hub_time);
    EXPECT_FALSE(m_hub_time->now()) << "a time that did not verify was kept";
}

}  // namespace
}  // namespace lotsen::testing
