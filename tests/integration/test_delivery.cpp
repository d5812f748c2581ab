// Delivery against the real hub on loopback, through a proxy that fails on cue: for every fault of
// docs/protocol.md's list, every event arrives exactly once, nothing is left in the outbox, and
// the number of requests stays bounded (the uploader retries what failed and nothing else).
#include "tests/integration/delivery_fixture.hpp"
#include "tests/integration/fault_proxy.hpp"

#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <thread>

namespace fs = std::filesystem;
using namespace lotsen;
using namespace lotsen::testing;

namespace {

// Events and batches of the fault runs: 240 check-ins and 10 contact requests in batches of 50.
constexpr int k_checkins = 240;
constexpr int k_contacts = 10;
constexpr int k_batches = (k_checkins + k_contacts + 49) / 50;

struct FaultCase {
    const char* name;
    Fault fault;
    int repeat;            ///< how many requests in a row get it
    int min_wait_seconds;  ///< Retry-After the uploader must honour in all
};

// gtest prints parameters byte by byte unless told how.
[[maybe_unused]] void PrintTo(const FaultCase& fault_case, std::ostream* out) { *out << fault_case.name; }

std::string print_case(const ::testing::TestParamInfo<FaultCase>& info) { return info.param.name; }

class FaultDelivery : public DeliveryTest, public ::testing::WithParamInterface<FaultCase> {};

const FaultCase k_cases[] = {
    {"Status500", {Fault::Kind::status, 500, -1}, 3, 0},
    {"Status502", {Fault::Kind::status, 502, -1}, 2, 0},
    {"Status503RetryAfter", {Fault::Kind::status, 503, 1}, 2, 2},
    {"Status429RetryAfter", {Fault::Kind::status, 429, 1}, 2, 2},
    {"Hang", {Fault::Kind::hang, 0, -1}, 2, 0},
    {"ResetBeforeHub", {Fault::Kind::reset_before, 0, -1}, 3, 0},
    {"ResetAfterHubStored", {Fault::Kind::reset_after, 0, -1}, 3, 0},
    {"TruncatedReply", {Fault::Kind::truncate_reply, 0, -1}, 3, 0},
    {"GarbageReply", {Fault::Kind::garbage_reply, 0, -1}, 3, 0},
    {"GarbageBytes", {Fault::Kind::garbage_bytes, 0, -1}, 3, 0},
    {"Canned413", {Fault::Kind::status, 413, -1}, 1, 0},
};

}  // namespace

TEST_P(FaultDelivery, EveryEventArrivesExactlyOnce)
{
    const FaultCase& param = GetParam();
    ASSERT_TRUE(enroll());
    auto log = open_outbox();
    ASSERT_TRUE(log);
    const std::vector<std::string> ids = record_events(*log, k_checkins, k_contacts);
    ASSERT_EQ(ids.size(), static_cast<std::size_t>(k_checkins + k_contacts));

    FaultProxy proxy(m_hub->port());
    proxy.script(std::vector<Fault>(static_cast<std::size_t>(param.repeat), param.fault));
    auto uploader = Uploader::create(uploader_options(proxy.port()), m_kiosk_keys);
    ASSERT_TRUE(uploader) << uploader.error().text();
    const auto started = std::chrono::steady_clock::now();
    uploader.value()->start();
    ASSERT_TRUE(uploader.value()->wait_until_idle(std::chrono::seconds(60))) << uploader.value()->status().last_error;
    const auto waited = std::chrono::steady_clock::now() - started;
    uploader.value()->stop();

    EXPECT_EQ(proxy.faults_left(), 0u);
    for (const std::string& id : ids)
        ASSERT_EQ(hub_count(id), 1) << "event " << id;
    EXPECT_EQ(hub_total(), static_cast<int>(ids.size()));
    auto pending = log->pending_count();
    ASSERT_TRUE(pending);
    EXPECT_EQ(pending.value(), 0);
    auto counts = log->counts();
    ASSERT_TRUE(counts);
    EXPECT_EQ(counts.value().quarantined, 0);

    // Bounded retries: each batch once, plus one retry per injected fault. A canned 413 splits one
    // batch into two halves instead (one extra request beyond the retry).
    const int expected = k_batches + param.repeat + (param.fault.status == 413 ? 1 : 0);
    EXPECT_EQ(proxy.requests(), expected);
    EXPECT_EQ(uploader.value()->status().requests, static_cast<std::uint64_t>(expected));
    // A lower bound only: the uploader must not come back before the hub's Retry-After.
    EXPECT_GE(waited, std::chrono::seconds(param.min_wait_seconds));
}

INSTANTIATE_TEST_SUITE_P(Faults, FaultDelivery, ::testing::ValuesIn(k_cases), print_case);

TEST_F(DeliveryTest, HubLimitSplitsBatchesAndQuarantinesAnEventTooLargeAlone)
{
    // 8 KiB of decompressed body: a batch of 50 check-ins is over it, one check-in far under.
    start_hub({"--max-body-bytes", "8192"});
    ASSERT_TRUE(enroll());
    auto log = open_outbox();
    ASSERT_TRUE(log);
    std::vector<std::string> ids = record_events(*log, 120, 0);
    auto big = log->record_heartbeat(R"({"note":")" + std::string(12000, 'x') + "\"}", unix_now(), ClockSync::synchronised);
    ASSERT_TRUE(big) << big.error().text();
    std::vector<std::string> after = record_events(*log, 10, 0);

    FaultProxy proxy(m_hub->port());
    auto uploader = Uploader::create(uploader_options(proxy.port()), m_kiosk_keys);
    ASSERT_TRUE(uploader);
    uploader.value()->start();
    ASSERT_TRUE(uploader.value()->wait_until_idle(std::chrono::seconds(60))) << uploader.value()->status().last_error;
    uploader.value()->stop();

    for (const auto* list : {&ids, &after}) {
        for (const std::string& id : *list)
            ASSERT_EQ(hub_count(id), 1) << "event " << id;
    }
    EXPECT_EQ(hub_count(big.value()), 0);
    auto quarantined = log->quarantined(10);
    ASSERT_TRUE(quarantined);
    ASSERT_EQ(quarantined.value().size(), 1u);
    EXPECT_EQ(quarantined.value()[0].id, big.value());
    EXPECT_NE(quarantined.value()[0].reason.find("413"), std::string::npos) << quarantined.value()[0].reason;
    // Every request that reached the hub was at most 8 KiB of JSON (gzip made them smaller still).
    for (std::size_t size : proxy.body_sizes())
        EXPECT_LE(size, 16384u);
}

// The uploader encodes the next batch while one is on its way. When that one is slow, the next goes
// with the time it really leaves: the hub corrects an unsynchronised kiosk's times by `sent_at`.
TEST_F(DeliveryTest, ABatchThatWaitedBehindASlowOneSaysWhenItReallyLeft)
{
    ASSERT_TRUE(enroll());
    auto log = open_outbox();
    ASSERT_TRUE(log);
    std::vector<std::string> ids = record_events(*log, 20, 0);

    FaultProxy proxy(m_hub->port());
    Fault slow;
    slow.kind = Fault::Kind::delay;
    slow.delay_ms = 3'500;
    proxy.script({slow});
    UploaderOptions options = uploader_options(proxy.port());
    options.batch_events = 10;
    options.request_timeout = std::chrono::seconds(30);  // slow, not lost
    auto uploader = Uploader::create(options, m_kiosk_keys);
    ASSERT_TRUE(uploader);
    uploader.value()->start();
    ASSERT_TRUE(uploader.value()->wait_until_idle(std::chrono::seconds(60))) << uploader.value()->status().last_error;
    uploader.value()->stop();

    for (const std::string& id : ids)
        ASSERT_EQ(hub_count(id), 1) << "event " << id;
    EXPECT_EQ(proxy.requests(), 2);
    // The second batch was encoded while the first was held for 3.5 s; sent as encoded, it would
    // have told the hub its clock was 3 s or more behind. (Same machine: the real skew is 0.)
    EXPECT_LE(std::abs(hub_clock_skew()), 1);
}

TEST_F(DeliveryTest, EventTheHubRejectsIsQuarantinedAndTheRestArrive)
{
    ASSERT_TRUE(enroll());
    auto log = open_outbox();
    ASSERT_TRUE(log);
    const std::vector<std::string> before = record_events(*log, 20, 1);
    // An event the kiosk could not produce today (an unknown mood), as a damaged or older outbox
    // might hold: written straight into the file.
    const std::string poison = make_uuid_v4();
    {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open((m_kiosk_dir / "outbox.db").c_str(), &db), SQLITE_OK);
        const std::string sql = "INSERT INTO events(id, kind, priority, created_at, clock_synchronised, payload) VALUES ('"
                                + poison + R"(', 1, 0, 1763900000, 1, CAST('{"activity_id":"promenad","mood":"sad"}' AS BLOB)))";
        char* message = nullptr;
        ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK) << message;
        sqlite3_close(db);
    }
    const std::vector<std::string> after = record_events(*log, 20, 1);

    auto uploader = Uploader::create(uploader_options(m_hub->port()), m_kiosk_keys);
    ASSERT_TRUE(uploader);
    uploader.value()->start();
    ASSERT_TRUE(uploader.value()->wait_until_idle(std::chrono::seconds(30)));
    uploader.value()->stop();

    for (const auto* list : {&before, &after}) {
        for (const std::string& id : *list)
            ASSERT_EQ(hub_count(id), 1) << "event " << id;
    }
    EXPECT_EQ(hub_count(poison), 0);
    auto quarantined = log->quarantined(10);
    ASSERT_TRUE(quarantined);
    ASSERT_EQ(quarantined.value().size(), 1u);
    EXPECT_EQ(quarantined.value()[0].id, poison);
    EXPECT_NE(quarantined.value()[0].reason.find("mood"), std::string::npos) << quarantined.value()[0].reason;
    EXPECT_EQ(uploader.value()->status().events_quarantined, 1u);
}

TEST_F(DeliveryTest, UnknownKioskKeepsEverythingUntilEnrolled)
{
    auto log = open_outbox();
    ASSERT_TRUE(log);
    const std::vector<std::string> ids = record_events(*log, 30, 2);
    auto uploader = Uploader::create(uploader_options(m_hub->port()), m_kiosk_keys);
    ASSERT_TRUE(uploader);
    uploader.value()->start();
    // Not enrolled: the hub refuses the kiosk and stores nothing; the kiosk keeps every event.
    EXPECT_FALSE(uploader.value()->wait_until_idle(std::chrono::seconds(2)));
    const UploaderStatus refused = uploader.value()->status();
    EXPECT_TRUE(refused.kiosk_refused);
    EXPECT_NE(refused.last_error.find("unknown_kiosk"), std::string::npos) << refused.last_error;
    EXPECT_EQ(hub_total(), 0);
    auto pending = log->pending_count();
    ASSERT_TRUE(pending);
    EXPECT_EQ(pending.value(), static_cast<std::int64_t>(ids.size()));

    ASSERT_TRUE(enroll());
    ASSERT_TRUE(uploader.value()->wait_until_idle(std::chrono::seconds(30)));
    uploader.value()->stop();
    for (const std::string& id : ids)
        ASSERT_EQ(hub_count(id), 1) << "event " << id;
    EXPECT_FALSE(uploader.value()->status().kiosk_refused);
}

TEST_F(DeliveryTest, HubKilledMidDeliveryLosesNothing)
{
    ASSERT_TRUE(enroll());
    auto log = open_outbox();
    ASSERT_TRUE(log);
    std::vector<std::string> ids = record_events(*log, 200, 5);

    FaultProxy proxy(m_hub->port());
    UploaderOptions options = uploader_options(proxy.port());
    options.batch_events = 10;
    auto uploader = Uploader::create(options, m_kiosk_keys);
    ASSERT_TRUE(uploader);
    uploader.value()->start();
    // Kill the hub as soon as some batches have gone through, then bring it back on a new port.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (proxy.forwarded() < 3 && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ASSERT_GE(proxy.forwarded(), 3) << uploader.value()->status().last_error;
    m_hub->stop(SIGKILL);
    const std::vector<std::string> more = record_events(*log, 20, 1);
    uploader.value()->note_recorded();
    start_hub();
    proxy.set_hub_port(m_hub->port());
    ASSERT_TRUE(uploader.value()->wait_until_idle(std::chrono::seconds(60))) << uploader.value()->status().last_error;
    uploader.value()->stop();

    ids.insert(ids.end(), more.begin(), more.end());
    for (const std::string& id : ids)
        ASSERT_EQ(hub_count(id), 1) << "event " << id;
    EXPECT_EQ(hub_integrity(), "ok");
}

TEST_F(DeliveryTest, OperatorsSeeWhatTheKioskSent)
{
    // The whole way: sealed on the kiosk, carried by the uploader, stored by the hub, opened only by
    // `lotsen-hub inbox` with the hub's secret key; counted by `stats`; the heartbeat in `fleet`.
    ASSERT_TRUE(enroll());
    auto log = open_outbox();
    ASSERT_TRUE(log);
    const std::vector<std::string> ids = record_events(*log, 12, 3);
    UploaderOptions options = uploader_options(m_hub->port());
    options.heartbeat_interval = std::chrono::hours(1);  // one at start, none while the test runs
    auto uploader = Uploader::create(options, m_kiosk_keys);
    ASSERT_TRUE(uploader);
    uploader.value()->set_catalogue_version(42);
    uploader.value()->start();
    ASSERT_TRUE(uploader.value()->wait_until_idle(std::chrono::seconds(30)));
    uploader.value()->stop();

    const std::string secret = (m_root / "keys" / "hub-seal.key").string();
    const CommandResult inbox = run_command({hub_program(), "inbox", "--data-dir", m_hub_dir.string(), "--secret-key", secret});
    ASSERT_EQ(inbox.exit_code, 0) << inbox.output;
    for (int i = 0; i < 3; ++i)
        EXPECT_NE(inbox.output.find("kim" + std::to_string(i) + "@example.org"), std::string::npos) << inbox.output;
    EXPECT_NE(inbox.output.find("friluftsframjandet"), std::string::npos);

    // The kiosk never stored the address in the clear; only the hub's key opens it.
    const CommandResult wrong_key = run_command({hub_program(), "inbox", "--data-dir", m_hub_dir.string(), "--secret-key",
                                                 (m_root / "keys" / "publisher.key").string()});
    EXPECT_EQ(wrong_key.output.find("kim0@example.org"), std::string::npos) << wrong_key.output;

    const CommandResult handled = run_command({hub_program(), "inbox", "--data-dir", m_hub_dir.string(), "--handle", ids.back()});
    EXPECT_EQ(handled.exit_code, 0) << handled.output;
    const CommandResult open_only = run_command(
        {hub_program(), "inbox", "--data-dir", m_hub_dir.string(), "--secret-key", secret, "--open"});
    EXPECT_EQ(open_only.output.find("kim2@example.org"), std::string::npos) << open_only.output;
    EXPECT_NE(open_only.output.find("kim0@example.org"), std::string::npos) << open_only.output;

    const CommandResult stats = run_command({hub_program(), "stats", "--data-dir", m_hub_dir.string(), "--csv"});
    ASSERT_EQ(stats.exit_code, 0) << stats.output;
    // 12 check-ins for one association: a count at or above 5 is shown as it is.
    EXPECT_NE(stats.output.find(",12"), std::string::npos) << stats.output;
    // 3 contact requests: under 5, never printed as a number.
    EXPECT_NE(stats.output.find("<5"), std::string::npos) << stats.output;

    const CommandResult fleet = run_command({hub_program(), "fleet", "--data-dir", m_hub_dir.string()});
    EXPECT_EQ(fleet.exit_code, 0) << fleet.output;
    if (std::getenv("LOTSEN_SHOW_OPERATOR_OUTPUT") != nullptr)
        std::printf("%s\n%s\n%s\n", inbox.output.c_str(), stats.output.c_str(), fleet.output.c_str());
    EXPECT_NE(fleet.output.find("Testbiblioteket"), std::string::npos) << fleet.output;
    EXPECT_NE(fleet.output.find("42"), std::string::npos) << "catalogue version from the heartbeat\n" << fleet.output;
}

// "Last successful send" is kept across a restart (issue 16, item 9): a new uploader on the same data
// directory starts with the time the previous one last delivered, without counting it as an answer
// since its own start (a release on trial must hear from the hub itself).
TEST_F(DeliveryTest, LastSendIsKeptAcrossARestart)
{
    ASSERT_TRUE(enroll());
    auto log = open_outbox();
    ASSERT_TRUE(log);
    record_events(*log, 3, 0);
    const UploaderOptions options = uploader_options(m_hub->port());
    {
        auto uploader = Uploader::create(options, m_kiosk_keys);
        ASSERT_TRUE(uploader);
        EXPECT_FALSE(uploader.value()->status().last_success_at) << "a send before the first one";
        uploader.value()->start();
        ASSERT_TRUE(uploader.value()->wait_until_idle(std::chrono::seconds(30))) << uploader.value()->status().last_error;
        uploader.value()->stop();
    }
    const std::optional<std::int64_t> kept = read_last_success(options.data_dir);
    ASSERT_TRUE(kept) << last_success_path(options.data_dir) << " was not written";

    auto restarted = Uploader::create(options, m_kiosk_keys);
    ASSERT_TRUE(restarted);
    const UploaderStatus status = restarted.value()->status();
    EXPECT_EQ(status.last_success_at, kept);
    EXPECT_FALSE(status.answered_since_start);
}
