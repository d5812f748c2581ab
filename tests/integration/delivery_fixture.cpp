// delivery_fixture.cpp — see delivery_fixture.hpp.
#include "tests/integration/delivery_fixture.hpp"

#include "core/time/civil_time.hpp"

#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace lotsen::testing {

namespace {

std::string read_text(const fs::path& path)
{
    std::ifstream in(path);
    std::ostringstream content;
    content << in.rdbuf();
    std::string text = content.str();
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text;
}

// Opens the hub's database read-only for one question.
struct HubDb {
    explicit HubDb(const fs::path& path)
    {
        sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
        sqlite3_busy_timeout(db, 5000);
    }
    ~HubDb() { sqlite3_close(db); }
    HubDb(const HubDb&) = delete;
    HubDb& operator=(const HubDb&) = delete;

    std::string text(const char* sql, const std::string& parameter = {}) const
    {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK)
            return std::string("prepare failed: ") + sqlite3_errmsg(db);
        if (!parameter.empty())
            sqlite3_bind_text(stmt, 1, parameter.c_str(), -1, SQLITE_TRANSIENT);
        std::string result;
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            const unsigned char* value = sqlite3_column_text(stmt, 0);
            result += result.empty() ? "" : "\n";
            result += value != nullptr ? reinterpret_cast<const char*>(value) : "";
        }
        sqlite3_finalize(stmt);
        return result;
    }

    sqlite3* db = nullptr;
};

}  // namespace

void DeliveryTest::SetUp()
{
    ASSERT_GE(sodium_init(), 0);
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(name.begin(), name.end(), '/', '-');  // parameterised tests are "Test/Case"
    m_root = fs::temp_directory_path() / ("lotsen-delivery-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(m_root);
    m_hub_dir = m_root / "hub";
    m_kiosk_dir = m_root / "kiosk";
    fs::create_directories(m_hub_dir);
    fs::create_directories(m_kiosk_dir);
    fs::create_directories(m_root / "keys");

    const CommandResult keygen = run_command({hub_program(), "keygen", "--out-dir", (m_root / "keys").string()});
    ASSERT_EQ(keygen.exit_code, 0) << keygen.output;
    const CommandResult init = run_command({hub_program(), "init", "--data-dir", m_hub_dir.string()});
    ASSERT_EQ(init.exit_code, 0) << init.output;
    m_hub_public_key = read_text(m_root / "keys" / "hub-seal.pub");
    ASSERT_EQ(m_hub_public_key.size(), 44u) << m_hub_public_key;

    auto keys = protocol::load_or_create_key_pair((m_kiosk_dir / "kiosk.key").string());
    ASSERT_TRUE(keys) << keys.error().text();
    m_kiosk_keys = keys.value();
    start_hub();
}

void DeliveryTest::TearDown()
{
    m_hub.reset();
    fs::remove_all(m_root);
}

bool DeliveryTest::enroll()
{
    const CommandResult result = run_command({hub_program(), "enroll", "--data-dir", m_hub_dir.string(), "--site",
                                              "Testbiblioteket", protocol::to_base64(m_kiosk_keys.public_key)});
    if (result.exit_code != 0)
        ADD_FAILURE() << result.output;
    return result.exit_code == 0;
}

void DeliveryTest::start_hub(std::vector<std::string> extra)
{
    m_hub.reset();
    m_hub = std::make_unique<HubProcess>(m_hub_dir.string(), 0, std::move(extra));
    ASSERT_GT(m_hub->port(), 0) << "lotsen-hub serve did not come up";
}

std::unique_ptr<Outbox> DeliveryTest::open_outbox()
{
    auto key = protocol::from_base64(m_hub_public_key, "hub key", 32);
    EXPECT_TRUE(key);
    if (!key)
        return nullptr;
    OutboxOptions options;
    HubPublicKey public_key{};
    std::copy(key.value().begin(), key.value().end(), public_key.begin());
    options.hub_public_key = public_key;
    options.min_checkin_gap_seconds = 0;
    options.min_wish_gap_seconds = 0;
    auto log = Outbox::open((m_kiosk_dir / "outbox.db").string(), options);
    EXPECT_TRUE(log) << log.error().text();
    return log ? std::move(log.value()) : nullptr;
}

std::vector<std::string> DeliveryTest::record_events(Outbox& log, int checkins, int contacts)
{
    std::vector<std::string> ids;
    const UnixSeconds now = unix_now();
    for (int i = 0; i < checkins; ++i) {
        CheckIn checkin;
        checkin.activity_id = "promenad-" + std::to_string(i % 7);
        checkin.organisation_id = "friluftsframjandet";
        checkin.first_visit = i % 3 == 0;
        checkin.mood = static_cast<Mood>(i % 4);
        auto outcome = log.record_checkin(checkin, now, ClockSync::synchronised);
        EXPECT_TRUE(outcome) << outcome.error().text();
        if (outcome)
            ids.push_back(outcome.value().event_id);
    }
    for (int i = 0; i < contacts; ++i) {
        ContactRequest request;
        request.organisation_id = "friluftsframjandet";
        request.name = "Kim";
        request.channel = ContactChannel::email;
        request.reach = "kim" + std::to_string(i) + "@example.org";
        request.preferred_language = "ar";
        request.consent = true;
        auto receipt = log.record_contact_request(request, now, ClockSync::unsynchronised);
        EXPECT_TRUE(receipt) << receipt.error().text();
        if (receipt)
            ids.push_back(receipt.value().event_id);
    }
    return ids;
}

UploaderOptions DeliveryTest::uploader_options(int port) const
{
    UploaderOptions options;
    options.url = "http://127.0.0.1:" + std::to_string(port);
    options.outbox_path = (m_kiosk_dir / "outbox.db").string();
    options.data_dir = m_kiosk_dir.string();
    options.batch_events = 50;
    options.flush_events = 1;
    options.flush_interval = std::chrono::milliseconds(50);
    options.heartbeat_interval = std::chrono::milliseconds(0);
    options.backoff_base = std::chrono::milliseconds(10);
    options.backoff_cap = std::chrono::milliseconds(200);
    options.connect_timeout = std::chrono::seconds(2);
    options.request_timeout = std::chrono::seconds(1);  // the "hang" faults end here
    return options;
}

int DeliveryTest::hub_count(const std::string& id) const
{
    return std::stoi(HubDb(m_hub_dir / "hub.db").text("SELECT count(*) FROM events WHERE id = ?1", id));
}

int DeliveryTest::hub_total() const
{
    return std::stoi(HubDb(m_hub_dir / "hub.db").text("SELECT count(*) FROM events"));
}

std::string DeliveryTest::hub_integrity() const
{
    return HubDb(m_hub_dir / "hub.db").text("PRAGMA integrity_check");
}

std::int64_t DeliveryTest::hub_clock_skew() const
{
    return std::stoll(HubDb(m_hub_dir / "hub.db").text("SELECT clock_skew_seconds FROM kiosks"));
}

}  // namespace lotsen::testing
