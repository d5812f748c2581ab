// The kiosk's first heartbeat, recorded by the uploader the moment KioskApp starts it, already says
// which releases are installed, running and failed, and which update was last refused (a refusal the
// updater remembers from before the restart). The hub address is a loopback port that takes no
// connections, so the heartbeat stays in the outbox (SQLite) and is read from there as it would be sent.
#include "kiosk/app.hpp"
#include "kiosk/headless.hpp"
#include "tests/common/release_test_support.hpp"

#include "core/outbox/outbox.hpp"
#include "core/release/release_manager.hpp"
#include "core/update/updater.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>

namespace lotsen::kiosk {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// A loopback port that is bound (so nobody else gets it) but never listens: every connection to it is
// refused at once, and nothing is ever acknowledged.
class RefusingPort {
public:
    RefusingPort()
    {
        m_socket = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (m_socket >= 0 && ::bind(m_socket, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
            ::getsockname(m_socket, reinterpret_cast<sockaddr*>(&address), &length) == 0)
            m_port = ntohs(address.sin_port);
    }
    ~RefusingPort()
    {
        if (m_socket >= 0)
            ::close(m_socket);
    }
    RefusingPort(const RefusingPort&) = delete;
    RefusingPort& operator=(const RefusingPort&) = delete;
    int port() const { return m_port; }

private:
    int m_socket = -1;
    int m_port = 0;
};

class FirstHeartbeat : public testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_GE(sodium_init(), 0);
        const auto* info = testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path() / ("lotsen-ui-" + std::to_string(::getpid()) + "-" + info->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir / "data");
    }

    void TearDown() override
    {
        m_kiosk.reset();  // its threads first: they use the release manager and the data directory
        m_releases.reset();
        fs::remove_all(m_dir);
    }

    std::string data_dir() const { return (m_dir / "data").string(); }

    fs::path m_dir;
    std::unique_ptr<ReleaseManager> m_releases;
    std::unique_ptr<HeadlessKiosk> m_kiosk;
};

TEST_F(FirstHeartbeat, CarriesTheReleasesAndTheRememberedRefusal)
{
    constexpr std::int64_t k_now = 1763900000;
    // Release 8 "0.3.0" installed and running; release 6 failed its health check earlier.
    auto releases = ReleaseManager::open(data_dir());
    ASSERT_TRUE(releases) << releases.error().text();
    m_releases = std::move(releases).value();
    ASSERT_TRUE(m_releases->record_failure(6, "started 1 time(s) without proving its health", k_now));
    testing_support::TarWriter bundle;
    bundle.file("RELEASE", "0.3.0\n");
    bundle.file("bin/lotsen", "#!/bin/sh\nexit 0\n", 0755);
    const std::string bundle_path = (m_dir / "lotsen-0.3.0.tar.gz").string();
    testing_support::write_file(bundle_path, bundle.gzipped());
    auto installed = m_releases->install_and_switch(bundle_path, 8, "0.3.0", k_now);
    ASSERT_TRUE(installed) << installed.error().text();
    m_releases->set_running(8);

    // A config the updater refused before this start, remembered in its state file by this very
    // software (a refusal by another version would be forgotten at start, and tried again).
    UpdateState state;
    const std::string reason = "published config 4: kiosk.default_language \"en\" is not in kiosk.languages";
    state.refused.push_back(
        RememberedRefusal{manifest::Kind::config, 4, protocol::sha256("config 4"), k_now, reason, LOTSEN_VERSION});
    fs::create_directories(update_paths(data_dir()).root);
    ASSERT_TRUE(save_update_state(update_paths(data_dir()).state, state));

    RefusingPort hub;
    ASSERT_GT(hub.port(), 0);
    KioskOptions options;
    options.data_dir = data_dir();
    options.assets_dir = std::string(LOTSEN_SOURCE_DIR) + "/assets";
    options.releases = m_releases.get();
    options.config.upload.url = "http://127.0.0.1:" + std::to_string(hub.port());
    PublicKey32 publisher{};
    publisher.fill(7);  // updates on (the updater restores its state); its checks fail like the uploads
    options.config.publisher_public_key = publisher;
    auto kiosk = HeadlessKiosk::create(options, 800, 480);
    ASSERT_TRUE(kiosk) << kiosk.error().text();
    m_kiosk = std::move(kiosk).value();
    ASSERT_NE(m_kiosk->app().uploader(), nullptr);
    m_kiosk->frame(k_now);  // the threads start once the first frame is out (KioskApp::first_frame_shown)

    // The uploader records its first heartbeat on its own thread right after it starts: wait for it.
    auto outbox = Outbox::open(data_dir() + "/outbox.db", OutboxOptions{});
    ASSERT_TRUE(outbox) << outbox.error().text();
    std::vector<StoredEvent> pending;
    const auto give_up = std::chrono::steady_clock::now() + 30s;
    while (pending.empty() && std::chrono::steady_clock::now() < give_up) {
        auto read = outbox.value()->oldest_pending(1);
        ASSERT_TRUE(read) << read.error().text();
        pending = std::move(read).value();
        if (pending.empty())
            std::this_thread::sleep_for(10ms);
    }
    ASSERT_EQ(pending.size(), 1u) << "no heartbeat was recorded";
    ASSERT_EQ(pending[0].kind, EventKind::heartbeat);
    const auto heartbeat = nlohmann::json::parse(pending[0].payload.begin(), pending[0].payload.end());

    ASSERT_TRUE(heartbeat.contains("releases")) << heartbeat.dump();
    EXPECT_EQ(heartbeat["releases"]["installed"], nlohmann::json::array({"8 0.3.0"})) << heartbeat.dump();
    EXPECT_EQ(heartbeat["releases"]["running"], "8 0.3.0") << heartbeat.dump();
    EXPECT_EQ(heartbeat["releases"]["failed"], nlohmann::json::array({"6"})) << heartbeat.dump();
    ASSERT_TRUE(heartbeat.contains("update_refusal")) << heartbeat.dump();
    EXPECT_EQ(heartbeat["update_refusal"]["at"], k_now);
    EXPECT_EQ(heartbeat["update_refusal"]["reason"], reason);
}

// The heartbeat and admin after a restart (issue 16, item 9): the last successful send kept in
// DATA_DIR/last-send.json by the run before, and the age of the oldest event still waiting.
TEST_F(FirstHeartbeat, CarriesTheLastSendKeptFromBeforeAndTheOldestWaitingAge)
{
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    const std::int64_t last_send = now - 7200;
    const std::int64_t waiting_since = now - 3600;
    std::ofstream(last_success_path(data_dir())) << "{\"last_success_at\": " << last_send << "}\n";
    {
        auto outbox = Outbox::open(data_dir() + "/outbox.db", OutboxOptions{});
        ASSERT_TRUE(outbox) << outbox.error().text();
        ASSERT_TRUE(outbox.value()->record_heartbeat("{\"before\": true}", waiting_since, ClockSync::synchronised));
    }
    RefusingPort hub;
    ASSERT_GT(hub.port(), 0);
    KioskOptions options;
    options.data_dir = data_dir();
    options.assets_dir = std::string(LOTSEN_SOURCE_DIR) + "/assets";
    options.config.upload.url = "http://127.0.0.1:" + std::to_string(hub.port());
    auto kiosk = HeadlessKiosk::create(options, 800, 480);
    ASSERT_TRUE(kiosk) << kiosk.error().text();
    m_kiosk = std::move(kiosk).value();
    m_kiosk->frame(now);  // the threads start once the first frame is out

    auto outbox = Outbox::open(data_dir() + "/outbox.db", OutboxOptions{});
    ASSERT_TRUE(outbox) << outbox.error().text();
    std::optional<nlohmann::json> heartbeat;
    const auto give_up = std::chrono::steady_clock::now() + 30s;
    while (!heartbeat && std::chrono::steady_clock::now() < give_up) {
        auto read = outbox.value()->oldest_pending(10);
        ASSERT_TRUE(read) << read.error().text();
        for (const StoredEvent& event : read.value()) {
            auto json = nlohmann::json::parse(event.payload.begin(), event.payload.end());
            if (json.contains("software_version"))
                heartbeat = json;
        }
        if (!heartbeat)
            std::this_thread::sleep_for(10ms);
    }
    ASSERT_TRUE(heartbeat) << "no heartbeat was recorded";
    EXPECT_EQ((*heartbeat)["last_sync_at"], last_send) << heartbeat->dump();
    ASSERT_TRUE(heartbeat->contains("oldest_waiting_s")) << heartbeat->dump();
    EXPECT_GE((*heartbeat)["oldest_waiting_s"].get<std::int64_t>(), 3600) << heartbeat->dump();

    const AdminReport report = m_kiosk->app().admin_desk().report(3);
    ASSERT_TRUE(report.upload);
    EXPECT_EQ(report.upload->last_success_at, last_send);
    EXPECT_EQ(report.oldest_waiting_at, waiting_since);
}

}  // namespace
}  // namespace lotsen::kiosk
