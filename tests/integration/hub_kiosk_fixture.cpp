#include "tests/integration/hub_kiosk_fixture.hpp"

#include "core/catalogue/synthetic.hpp"
#include "core/time/civil_time.hpp"
#include "core/update/apply_update.hpp"
#include "tests/common/files.hpp"

#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <thread>

namespace fs = std::filesystem;

namespace lotsen::testing {

void HubKioskTest::SetUp()
{
    ASSERT_GE(sodium_init(), 0);
    m_root = fs::temp_directory_path() / (root_prefix() + std::to_string(::getpid()) + "-" +
                                          ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_root);
    m_hub_dir = m_root / "hub";
    m_kiosk_dir = m_root / "kiosk";
    fs::create_directories(m_hub_dir);
    fs::create_directories(m_kiosk_dir);
    const CommandResult keygen = run_command({hub_program(), "keygen", "--out-dir", keys_dir().string()});
    ASSERT_EQ(keygen.exit_code, 0) << keygen.output;
    std::string pub = read_file(keys_dir() / "publisher.pub");
    while (!pub.empty() && (pub.back() == '\n' || pub.back() == ' '))
        pub.pop_back();
    auto key = protocol::from_base64(pub, "publisher.pub", 32);
    ASSERT_TRUE(key) << key.error().text();
    std::copy(key.value().begin(), key.value().end(), m_publisher.begin());
    m_hub = std::make_unique<HubProcess>(m_hub_dir.string());
    ASSERT_GT(m_hub->port(), 0) << "lotsen-hub serve did not come up";
    auto store = Store::open((m_kiosk_dir / "lotsen.db").string());
    ASSERT_TRUE(store) << store.error().text();
    m_store = std::move(store).value();
}

void HubKioskTest::TearDown()
{
    m_updater.reset();
    m_hub.reset();
    m_store.reset();
    fs::remove_all(m_root);
}

Catalogue HubKioskTest::synthetic_catalogue(std::int64_t version, int activities, int organisations,
                                            std::uint64_t seed)
{
    SyntheticSpec spec;
    spec.activities = activities;
    spec.organisations = organisations;
    spec.seed = seed;
    spec.first_day = Date{2025, 1, 1};
    spec.last_day = Date{2030, 12, 31};
    Catalogue result = generate_synthetic_catalogue(spec);
    result.version = version;
    return result;
}

CommandResult HubKioskTest::publish_file(const std::string& kind, const fs::path& file,
                                         std::vector<std::string> extra) const
{
    std::vector<std::string> argv{hub_program(),      "publish", kind, file.string(), "--data-dir",
                                  m_hub_dir.string(), "--key",   (keys_dir() / "publisher.key").string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run_command(argv);
}

UpdaterOptions HubKioskTest::updater_options(int port) const
{
    using namespace std::chrono_literals;
    UpdaterOptions o;
    o.url = "http://127.0.0.1:" + std::to_string(port != 0 ? port : m_hub->port());
    o.data_dir = m_kiosk_dir.string();
    o.publisher_key = m_publisher;
    o.interval = 1h;
    o.retry_base = 1h;
    o.connect_timeout = 2s;
    o.manifest_timeout = 5s;
    o.low_speed_time = 5s;
    return o;
}

Updater& HubKioskTest::start_updater_with(const UpdaterOptions& options)
{
    m_updater.reset();
    auto updater = Updater::create(options);
    EXPECT_TRUE(updater) << updater.error().text();
    m_updater = std::move(updater).value();
    m_updater->start();
    // Wait for the check it makes at start, and only for that one: check_and_wait() here would ask for a
    // second check whenever the thread had already begun the first (a race that showed under ASan on a
    // loaded machine, where a cut download was then resumed before the test looked).
    const auto give_up = std::chrono::steady_clock::now() + k_hub_wait;
    while (m_updater->status().checks < 1 && std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_EQ(m_updater->status().checks, 1u);
    return *m_updater;
}

bool HubKioskTest::apply_catalogue(const ReadyUpdate& update)
{
    auto catalogue = read_catalogue_update(update);
    if (!catalogue) {
        m_updater->refused(update, catalogue.error().text());
        return false;
    }
    if (auto stored = store_catalogue_update(*m_store, catalogue.value(), update, unix_now()); !stored) {
        m_updater->not_applied(update, stored.error().text());
        return false;
    }
    auto accepted = m_updater->accepted(update);
    EXPECT_TRUE(accepted) << accepted.error().text();
    return true;
}

std::string HubKioskTest::last_refusal() const
{
    const auto refusal = m_updater->status().last_refusal;
    return refusal ? refusal->reason : std::string();
}

}  // namespace lotsen::testing
