// The crash test of issue 5: the kiosk's delivery path (lotsen-outbox-driver: the real outbox and
// uploader) is killed with SIGKILL at random moments while it confirms and uploads events, many
// times over, and the hub is killed now and then too. Then it is left to drain. Every event it
// confirmed must be at the hub exactly once, nothing may be left behind, and both databases must
// pass PRAGMA integrity_check.
//
// LOTSEN_CRASH_ITERATIONS sets the number of kills (default 100; `make crash-test` runs 1,000).
#include "tests/integration/delivery_fixture.hpp"
#include "tests/integration/fault_proxy.hpp"

#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <set>

namespace fs = std::filesystem;
using namespace lotsen;
using namespace lotsen::testing;

namespace {

int iterations()
{
    const char* value = std::getenv("LOTSEN_CRASH_ITERATIONS");
    const int count = value != nullptr ? std::atoi(value) : 0;
    return count > 0 ? count : 100;
}

std::vector<std::string> driver_command(const fs::path& kiosk_dir, int port, const std::string& hub_key)
{
    return {LOTSEN_OUTBOX_DRIVER, "--data-dir", kiosk_dir.string(), "--hub-url",
            "http://127.0.0.1:" + std::to_string(port), "--hub-key", hub_key};
}

// Takes "confirmed <id>" lines until the deadline; returns false at end of output.
void collect(ChildProcess& driver, std::set<std::string>& confirmed, std::chrono::steady_clock::time_point until)
{
    std::string line;
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
        if (left.count() <= 0 || !driver.read_line(line, static_cast<int>(left.count())))
            return;
        if (line.rfind("confirmed ", 0) == 0)
            confirmed.insert(line.substr(10));
    }
}

// How long a driver takes from its start to its first confirmed event on this machine, now: an
// AddressSanitizer build or a busy machine starts several times slower than a plain build at rest.
// The driver is killed right after; what it confirmed counts like every other run's.
std::chrono::milliseconds time_to_first_confirmation(const std::vector<std::string>& command,
                                                     std::set<std::string>& confirmed)
{
    const auto started = std::chrono::steady_clock::now();
    ChildProcess driver(command);
    std::string line;
    while (driver.read_line(line, 30000) && line.rfind("confirmed ", 0) != 0) {
    }
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    if (line.rfind("confirmed ", 0) == 0)
        confirmed.insert(line.substr(10));
    driver.kill_and_wait(SIGKILL);
    collect(driver, confirmed, std::chrono::steady_clock::now() + std::chrono::milliseconds(50));
    return elapsed;
}

}  // namespace

TEST_F(DeliveryTest, EveryConfirmedEventSurvivesRandomKills)
{
    ASSERT_TRUE(enroll());
    FaultProxy proxy(m_hub->port());
    std::set<std::string> confirmed;
    // Kills land anywhere from opening the outbox to well into confirming and uploading: the
    // lifetimes reach 120 ms past the time a driver needs to confirm its first event here, so a
    // slow start (sanitizers, load) does not turn most runs into kills before the first event.
    const auto first = time_to_first_confirmation(driver_command(m_kiosk_dir, proxy.port(), m_hub_public_key), confirmed);
    ASSERT_FALSE(confirmed.empty()) << "the driver confirmed nothing within 30 s";
    std::mt19937 rng(20261123);
    std::uniform_int_distribution<int> lifetime_ms(5, static_cast<int>(first.count()) + 120);
    const int kills = iterations();
    int hub_kills = 0;

    for (int i = 0; i < kills; ++i) {
        ChildProcess driver(driver_command(m_kiosk_dir, proxy.port(), m_hub_public_key));
        ASSERT_TRUE(driver.started());
        collect(driver, confirmed, std::chrono::steady_clock::now() + std::chrono::milliseconds(lifetime_ms(rng)));
        const int status = driver.kill_and_wait(SIGKILL);
        ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
            << "the driver ended on its own (status " << status << ") in iteration " << i;
        // Lines it printed before it died are still in the pipe: those events were confirmed too.
        collect(driver, confirmed, std::chrono::steady_clock::now() + std::chrono::milliseconds(50));
        if (i % 25 == 12) {
            m_hub->stop(SIGKILL);
            ++hub_kills;
            start_hub();
            proxy.set_hub_port(m_hub->port());
        }
    }

    // Let it drain with nobody killing it.
    ChildProcess drain({LOTSEN_OUTBOX_DRIVER, "--data-dir", m_kiosk_dir.string(), "--hub-url",
                        "http://127.0.0.1:" + std::to_string(proxy.port()), "--hub-key", m_hub_public_key, "--drain", "120"});
    ASSERT_EQ(drain.wait(), 0) << "the outbox did not drain";

    ASSERT_GT(confirmed.size(), static_cast<std::size_t>(kills)) << "the driver hardly confirmed anything";
    int missing = 0;
    for (const std::string& id : confirmed)
        missing += hub_count(id) == 1 ? 0 : 1;
    EXPECT_EQ(missing, 0) << "of " << confirmed.size() << " confirmed events";
    // Events committed but killed before "confirmed" was printed arrive too; nothing else does.
    EXPECT_GE(hub_total(), static_cast<int>(confirmed.size()));

    auto log = open_outbox();
    ASSERT_TRUE(log);
    auto pending = log->pending_count();
    ASSERT_TRUE(pending);
    EXPECT_EQ(pending.value(), 0);
    auto counts = log->counts();
    ASSERT_TRUE(counts);
    EXPECT_EQ(counts.value().quarantined, 0);
    auto integrity = log->check_integrity();
    EXPECT_TRUE(integrity) << integrity.error().text();
    EXPECT_EQ(hub_integrity(), "ok");
    RecordProperty("confirmed_events", static_cast<int>(confirmed.size()));
    RecordProperty("hub_events", hub_total());
    RecordProperty("kiosk_kills", kills);
    RecordProperty("hub_kills", hub_kills);
    std::printf("crash test: %d kiosk kills, %d hub kills, %zu confirmed events, %d at the hub\n", kills, hub_kills,
                confirmed.size(), hub_total());
}
