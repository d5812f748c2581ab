// test_outbox.cpp — the outbox: durable storage across reopening, check-in spacing (also across
// reopening, acknowledgement and a clock set back), validation messages, sealing of contact requests
// (no plaintext in any file SQLite writes; the hub's secret key opens the box to the original
// content), UUID v4 and receipt code shapes, refusal of a newer schema, and every event reported as
// stored surviving kill -9 of the process that stored it. Schema 2: the organisation id of check-ins
// and contact requests, heartbeats, the queue cap (low-value events dropped oldest-first, never a
// check-in or contact request), bounded batches, quarantine, and migrating a version-1 file.
#include "core/outbox/outbox.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

namespace lotsen {
namespace {

namespace fs = std::filesystem;

constexpr UnixSeconds k_now = 1780300800;  // Mon 2026-06-01 10:00 CEST

struct KeyPair {
    HubPublicKey public_key{};
    std::array<unsigned char, crypto_box_SECRETKEYBYTES> secret_key{};
};

KeyPair make_key_pair()
{
    EXPECT_GE(sodium_init(), 0);
    KeyPair pair;
    crypto_box_keypair(pair.public_key.data(), pair.secret_key.data());
    return pair;
}

ContactRequest valid_request()
{
    ContactRequest request;
    request.organisation_id = "naturvan";
    request.activity_id = "promenad";
    request.name = "Zlatanbertil";
    request.channel = ContactChannel::email;
    request.reach = "zb-unik@example.org";
    request.preferred_language = "sv";
    request.consent = true;
    return request;
}

std::string message_of(const Result<ContactReceipt>& result)
{
    return result.ok() ? std::string("(succeeded)") : result.error().text();
}

// Read with one read() call: istreambuf_iterator trips GCC 12's -Wnull-dereference at -O2.
std::string read_file_bytes(const fs::path& path)
{
    std::string bytes(static_cast<std::size_t>(fs::file_size(path)), '\0');
    std::ifstream in(path, std::ios::binary);
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    EXPECT_EQ(in.gcount(), static_cast<std::streamsize>(bytes.size())) << path;
    return bytes;
}

// Byte-by-byte search, independent of std::string::find, as the privacy promise is about bytes.
bool contains_bytes(const std::string& haystack, std::string_view needle)
{
    if (needle.empty() || haystack.size() < needle.size())
        return false;
    for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
        std::size_t k = 0;
        while (k < needle.size() && haystack[i + k] == needle[k])
            ++k;
        if (k == needle.size())
            return true;
    }
    return false;
}

// 8-4-4-4-12 lowercase hex, version nibble 4, RFC 4122 variant (8, 9, a or b).
bool is_uuid_v4(std::string_view id)
{
    if (id.size() != 36)
        return false;
    for (std::size_t i = 0; i < id.size(); ++i) {
        const char c = id[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return id[14] == '4' && std::string_view("89ab").find(id[19]) != std::string_view::npos;
}

// "XXX-XXX" over 2-9 and A-Z without I, L, O, U.
bool is_receipt_code(std::string_view code)
{
    constexpr std::string_view alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    if (code.size() != 7 || code[3] != '-')
        return false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (i != 3 && alphabet.find(code[i]) == std::string_view::npos)
            return false;
    }
    return true;
}

class OutboxTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path()
                / ("lotsen-events-" + std::string(info->name()) + "-" + std::to_string(::getpid()));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        m_path = m_dir / "outbox.db";
        m_keys = make_key_pair();
    }
    void TearDown() override { fs::remove_all(m_dir); }

    OutboxOptions options_with_key(std::int64_t gap = 30) const
    {
        OutboxOptions options;
        options.hub_public_key = m_keys.public_key;
        options.min_checkin_gap_seconds = gap;
        options.min_wish_gap_seconds = gap;
        return options;
    }

    std::unique_ptr<Outbox> open_log(OutboxOptions options)
    {
        auto log = Outbox::open(m_path.string(), std::move(options));
        EXPECT_TRUE(log.ok()) << (log.ok() ? "" : log.error().text());
        return log.ok() ? std::move(log.value()) : nullptr;
    }

    std::int64_t pending(Outbox& log)
    {
        auto count = log.pending_count();
        EXPECT_TRUE(count.ok()) << (count.ok() ? "" : count.error().text());
        return count.ok() ? count.value() : -1;
    }

    std::vector<StoredEvent> all_events(Outbox& log)
    {
        auto events = log.oldest_pending(1000);
        EXPECT_TRUE(events.ok()) << (events.ok() ? "" : events.error().text());
        return events.ok() ? events.value() : std::vector<StoredEvent>{};
    }

    CheckInOutcome::Status checkin_at(Outbox& log, UnixSeconds now, const std::string& activity = "promenad")
    {
        auto outcome = log.record_checkin(CheckIn{activity}, now, ClockSync::synchronised);
        EXPECT_TRUE(outcome.ok()) << (outcome.ok() ? "" : outcome.error().text());
        return outcome.ok() ? outcome.value().status : CheckInOutcome::Status::too_soon;
    }

    // The plaintext inside a stored sealed box, opened with the test's secret key.
    std::optional<std::string> open_sealed(const std::vector<std::uint8_t>& box) const
    {
        if (box.size() < crypto_box_SEALBYTES)
            return std::nullopt;
        std::string plain(box.size() - crypto_box_SEALBYTES, '\0');
        if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()), box.data(), box.size(),
                                 m_keys.public_key.data(), m_keys.secret_key.data())
            != 0)
            return std::nullopt;
        return plain;
    }

    fs::path m_dir;
    fs::path m_path;
    KeyPair m_keys;
};

TEST_F(OutboxTest, RecordsSurviveReopening)
{
    std::string checkin_id;
    std::string contact_id;
    std::string code;
    {
        auto log = open_log(options_with_key());
        ASSERT_NE(log, nullptr);
        EXPECT_EQ(log->schema_version(), Outbox::current_schema_version());
        EXPECT_EQ(pending(*log), 0);
        auto outcome = log->record_checkin(CheckIn{"promenad", true, HowHeard::healthcare, Mood::okay}, k_now,
                                           ClockSync::unsynchronised);
        ASSERT_TRUE(outcome.ok()) << outcome.error().text();
        EXPECT_EQ(outcome.value().status, CheckInOutcome::Status::recorded);
        checkin_id = outcome.value().event_id;
        auto receipt = log->record_contact_request(valid_request(), k_now + 5, ClockSync::synchronised);
        ASSERT_TRUE(receipt.ok()) << receipt.error().text();
        contact_id = receipt.value().event_id;
        code = receipt.value().code;
        EXPECT_EQ(pending(*log), 2);
    }
    auto log = open_log(options_with_key());
    ASSERT_NE(log, nullptr);
    EXPECT_EQ(pending(*log), 2);
    const std::vector<StoredEvent> events = all_events(*log);
    ASSERT_EQ(events.size(), 2u);

    EXPECT_EQ(events[0].id, checkin_id);
    EXPECT_EQ(events[0].kind, EventKind::checkin);
    EXPECT_EQ(events[0].priority, EventPriority::never_drop);
    EXPECT_EQ(events[0].created_at, k_now);
    EXPECT_FALSE(events[0].clock_synchronised);
    EXPECT_EQ(std::string(events[0].payload.begin(), events[0].payload.end()),
              R"({"activity_id":"promenad","first_visit":true,"how_heard":"healthcare","mood":"okay"})");
    EXPECT_TRUE(events[0].receipt_code.empty());

    EXPECT_EQ(events[1].id, contact_id);
    EXPECT_EQ(events[1].kind, EventKind::contact_request);
    EXPECT_EQ(events[1].priority, EventPriority::never_drop);
    EXPECT_EQ(events[1].created_at, k_now + 5);
    EXPECT_TRUE(events[1].clock_synchronised);
    EXPECT_EQ(events[1].receipt_code, code);
    EXPECT_TRUE(log->check_integrity().ok());
}

TEST_F(OutboxTest, UnansweredCheckInQuestionsAreLeftOut)
{
    auto log = open_log(options_with_key());
    ASSERT_NE(log, nullptr);
    ASSERT_EQ(checkin_at(*log, k_now, "sticka"), CheckInOutcome::Status::recorded);
    const auto events = all_events(*log);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(std::string(events[0].payload.begin(), events[0].payload.end()), R"({"activity_id":"sticka"})");
}

TEST_F(OutboxTest, CheckInsTooCloseTogetherAreNotRecorded)
{
    {
        auto log = open_log(options_with_key(60));
        ASSERT_NE(log, nullptr);
        EXPECT_EQ(checkin_at(*log, k_now), CheckInOutcome::Status::recorded);
        auto again = log->record_checkin(CheckIn{"sticka"}, k_now + 59, ClockSync::synchronised);
        ASSERT_TRUE(again.ok());
        EXPECT_EQ(again.value().status, CheckInOutcome::Status::too_soon);
        EXPECT_TRUE(again.value().event_id.empty());
        EXPECT_EQ(pending(*log), 1);
        EXPECT_EQ(checkin_at(*log, k_now + 60), CheckInOutcome::Status::recorded);
        EXPECT_EQ(pending(*log), 2);
    }
    // The last check-in is read from the file, not remembered by the object.
    auto log = open_log(options_with_key(60));
    ASSERT_NE(log, nullptr);
    EXPECT_EQ(checkin_at(*log, k_now + 61), CheckInOutcome::Status::too_soon);
    EXPECT_EQ(checkin_at(*log, k_now + 120), CheckInOutcome::Status::recorded);
    EXPECT_EQ(pending(*log), 3);
}

TEST_F(OutboxTest, CheckInGapHoldsAfterTheUploadRemovedTheEvents)
{
    auto log = open_log(options_with_key(60));
    ASSERT_NE(log, nullptr);
    ASSERT_EQ(checkin_at(*log, k_now), CheckInOutcome::Status::recorded);
    std::vector<std::string> ids;
    for (const StoredEvent& event : all_events(*log))
        ids.push_back(event.id);
    ASSERT_TRUE(log->acknowledge(ids).ok());
    EXPECT_EQ(pending(*log), 0);
    EXPECT_EQ(checkin_at(*log, k_now + 10), CheckInOutcome::Status::too_soon);
    EXPECT_EQ(checkin_at(*log, k_now + 60), CheckInOutcome::Status::recorded);
}

TEST_F(OutboxTest, ClockSetBackDoesNotBlockCheckInsUntilItCatchesUp)
{
    auto log = open_log(options_with_key(60));
    ASSERT_NE(log, nullptr);
    ASSERT_EQ(checkin_at(*log, k_now), CheckInOutcome::Status::recorded);
    EXPECT_EQ(checkin_at(*log, k_now - 30), CheckInOutcome::Status::too_soon);  // 30 s apart either way
    EXPECT_EQ(checkin_at(*log, k_now - 86400), CheckInOutcome::Status::recorded);
    EXPECT_EQ(pending(*log), 2);
}

TEST_F(OutboxTest, ZeroGapRecordsEveryCheckIn)
{
    auto log = open_log(options_with_key(0));
    ASSERT_NE(log, nullptr);
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(checkin_at(*log, k_now), CheckInOutcome::Status::recorded);
    EXPECT_EQ(pending(*log), 3);
}

TEST_F(OutboxTest, CheckInNeedsACatalogueActivityId)
{
    auto log = open_log(options_with_key());
    ASSERT_NE(log, nullptr);
    auto outcome = log->record_checkin(CheckIn{"Not An Id"}, k_now, ClockSync::synchronised);
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.error().text(),
              "check-in: activity id \"Not An Id\" is not a catalogue id (1-64 of a-z, 0-9, '-'); nothing was stored");
    auto empty = log->record_checkin(CheckIn{""}, k_now, ClockSync::synchronised);
    EXPECT_FALSE(empty.ok());
    EXPECT_EQ(pending(*log), 0);
}

struct ValidationCase {
    const char* what;
    void (*change)(ContactRequest&);
    const char* message;
};

TEST_F(OutboxTest, ContactRequestValidationNamesTheProblemAndStoresNothing)
{
    const std::vector<ValidationCase> cases = {
        {"empty name", [](ContactRequest& r) { r.name = ""; },
         "contact request: name is empty; a first name or nickname is needed; nothing was stored"},
        {"blank name", [](ContactRequest& r) { r.name = "   "; },
         "contact request: name is empty; a first name or nickname is needed; nothing was stored"},
        {"long name", [](ContactRequest& r) { r.name = "Zlatanbertil" + std::string(49, 'x'); },
         "contact request: name is 61 bytes long; at most 60 are allowed; nothing was stored"},
        {"name with newline", [](ContactRequest& r) { r.name = "Zlatan\nbertil"; },
         "contact request: name contains a control character; nothing was stored"},
        {"name not UTF-8", [](ContactRequest& r) { r.name = "Zlatan\xF6"; },
         "contact request: name is not valid UTF-8; nothing was stored"},
        {"phone letters",
         [](ContactRequest& r) {
             r.channel = ContactChannel::phone;
             r.reach = "070-123 ab 67";
         },
         "contact request: phone number may only hold digits, spaces, '+' and '-'; nothing was stored"},
        {"phone short",
         [](ContactRequest& r) {
             r.channel = ContactChannel::phone;
             r.reach = "12 345";
         },
         "contact request: phone number has 5 digits; it needs 6 to 15; nothing was stored"},
        {"phone long",
         [](ContactRequest& r) {
             r.channel = ContactChannel::phone;
             r.reach = "+46 1234 5678 901234";
         },
         "contact request: phone number has 16 digits; it needs 6 to 15; nothing was stored"},
        {"phone plus inside",
         [](ContactRequest& r) {
             r.channel = ContactChannel::phone;
             r.reach = "070+1234567";
         },
         "contact request: phone number has a '+' after its first digit; '+' may only start the number; "
         "nothing was stored"},
        {"email without at", [](ContactRequest& r) { r.reach = "zb-unik.example.org"; },
         "contact request: e-mail address does not look like name@example.se; nothing was stored"},
        {"email without dot in domain", [](ContactRequest& r) { r.reach = "zb-unik@localhost"; },
         "contact request: e-mail address does not look like name@example.se; nothing was stored"},
        {"email with space", [](ContactRequest& r) { r.reach = "zb unik@example.org"; },
         "contact request: e-mail address does not look like name@example.se; nothing was stored"},
        {"email two ats", [](ContactRequest& r) { r.reach = "zb@unik@example.org"; },
         "contact request: e-mail address does not look like name@example.se; nothing was stored"},
        {"meet here empty",
         [](ContactRequest& r) {
             r.channel = ContactChannel::meet_here;
             r.reach = "";
         },
         "contact request: \"meet me here\" text is empty; say when to meet; nothing was stored"},
        {"meet here long",
         [](ContactRequest& r) {
             r.channel = ContactChannel::meet_here;
             r.reach = std::string(201, 'x');
         },
         "contact request: \"meet me here\" text is 201 bytes long; at most 200 are allowed; nothing was stored"},
        {"no consent", [](ContactRequest& r) { r.consent = false; },
         "contact request: the visitor has not given consent; nothing was stored"},
        {"bad language", [](ContactRequest& r) { r.preferred_language = "Svenska"; },
         "contact request: preferred language \"Svenska\" is not a language code such as \"sv\"; nothing was stored"},
        {"bad organisation", [](ContactRequest& r) { r.organisation_id = ""; },
         "contact request: organisation id \"\" is not a catalogue id (1-64 of a-z, 0-9, '-'); nothing was stored"},
    };
    auto log = open_log(options_with_key());
    ASSERT_NE(log, nullptr);
    for (const ValidationCase& c : cases) {
        ContactRequest request = valid_request();
        c.change(request);
        auto receipt = log->record_contact_request(request, k_now, ClockSync::synchronised);
        ASSERT_FALSE(receipt.ok()) << c.what;
        EXPECT_EQ(receipt.error().text(), c.message) << c.what;
        // What the visitor typed may end up in a log file: the message never repeats it.
        EXPECT_EQ(receipt.error().text().find("Zlatan"), std::string::npos) << c.what;
        EXPECT_EQ(receipt.error().text().find("zb"), std::string::npos) << c.what;
    }
    EXPECT_EQ(pending(*log), 0);
}

TEST_F(OutboxTest, ContactRequestEdgesThatAreAccepted)
{
    auto log = open_log(options_with_key());
    ASSERT_NE(log, nullptr);
    ContactRequest request = valid_request();
    request.name = std::string(60, 'x');
    request.channel = ContactChannel::phone;
    request.reach = "+46 70-123 45 67";
    EXPECT_TRUE(log->record_contact_request(request, k_now, ClockSync::synchronised).ok());
    request.reach = "123456";
    EXPECT_TRUE(log->record_contact_request(request, k_now, ClockSync::synchronised).ok());
    request.channel = ContactChannel::meet_here;
    request.reach = std::string(200, 'y');
    request.activity_id = "";  // about the association in general
    EXPECT_TRUE(log->record_contact_request(request, k_now, ClockSync::synchronised).ok());
    request.name = "ሰላም";  // Tigrinya: 9 bytes of UTF-8
    request.channel = ContactChannel::email;
    request.reach = "a@b.se";
    EXPECT_TRUE(log->record_contact_request(request, k_now, ClockSync::synchronised).ok());
    EXPECT_EQ(pending(*log), 4);
}

TEST_F(OutboxTest, ContactRequestWithoutHubKeyIsRefused)
{
    OutboxOptions options;  // no hub_public_key
    auto log = open_log(options);
    ASSERT_NE(log, nullptr);
    EXPECT_FALSE(log->accepts_contact_requests());
    auto receipt = log->record_contact_request(valid_request(), k_now, ClockSync::synchronised);
    ASSERT_FALSE(receipt.ok());
    EXPECT_NE(receipt.error().text().find("contact requests need [upstream] hub_public_key"), std::string::npos)
        << receipt.error().text();
    EXPECT_NE(receipt.error().text().find("nothing was stored"), std::string::npos);
    EXPECT_EQ(pending(*log), 0);
    // Check-ins do not need the key.
    EXPECT_EQ(checkin_at(*log, k_now), CheckInOutcome::Status::recorded);
}

TEST_F(OutboxTest, AllZeroHubKeyCannotSeal)
{
    OutboxOptions options;
    options.hub_public_key = HubPublicKey{};  // a low-order point: X25519 with it gives no secret
    auto log = open_log(options);
    ASSERT_NE(log, nullptr);
    auto receipt = log->record_contact_request(valid_request(), k_now, ClockSync::synchronised);
    ASSERT_FALSE(receipt.ok());
    EXPECT_NE(receipt.error().text().find("not a usable X25519 public key"), std::string::npos) << message_of(receipt);
    EXPECT_EQ(pending(*log), 0);
}

// The privacy promise: what the visitor typed is in no file SQLite writes, not the database, not the
// write-ahead log, not the shared-memory index. A check-in's activity id, stored in the clear, is
// found by the same scan, so the scan itself is shown to work.
TEST_F(OutboxTest, NoPlaintextOfContactRequestsOnDisk)
{
    const std::vector<std::string_view> secrets = {"Zlatanbertil", "zb-unik@example.org", "Ulrikagunnel",
                                                   "0701234567", "vid bokhyllan klockan 15"};
    const std::string control = "kontrollaktivitet-qx";
    const fs::path wal = m_dir / "outbox.db-wal";
    const fs::path shm = m_dir / "outbox.db-shm";

    auto scan = [&](const std::vector<fs::path>& files, std::string_view needle) {
        for (const fs::path& file : files) {
            if (fs::exists(file) && contains_bytes(read_file_bytes(file), needle))
                return true;
        }
        return false;
    };

    std::vector<std::string> codes;
    {
        auto log = open_log(options_with_key(0));
        ASSERT_NE(log, nullptr);
        ContactRequest email = valid_request();
        ContactRequest phone = valid_request();
        phone.name = "Ulrikagunnel";
        phone.channel = ContactChannel::phone;
        phone.reach = "0701234567";
        ContactRequest meet = valid_request();
        meet.channel = ContactChannel::meet_here;
        meet.reach = "vid bokhyllan klockan 15";
        meet.preferred_language = "ar";
        for (const ContactRequest* request : {&email, &phone, &meet}) {
            auto receipt = log->record_contact_request(*request, k_now, ClockSync::synchronised);
            ASSERT_TRUE(receipt.ok()) << receipt.error().text();
            codes.push_back(receipt.value().code);
        }
        ASSERT_EQ(checkin_at(*log, k_now, control), CheckInOutcome::Status::recorded);

        // While the log is open the events live in the WAL, and the shared-memory file exists.
        ASSERT_TRUE(fs::exists(wal));
        ASSERT_GT(fs::file_size(wal), 0u);
        ASSERT_TRUE(fs::exists(shm));
        const std::vector<fs::path> files = {m_path, wal, shm};
        EXPECT_TRUE(scan(files, control)) << "the scan does not see what is stored";
        for (std::string_view secret : secrets)
            EXPECT_FALSE(scan(files, secret)) << "found \"" << secret << "\" on disk";
        // Receipt codes are not secret: the hub matches on them.
        EXPECT_TRUE(scan(files, codes[0]));

        // The hub's secret key opens each box to exactly what the visitor entered.
        const std::vector<StoredEvent> events = all_events(*log);
        ASSERT_EQ(events.size(), 4u);
        const ContactRequest* expected[] = {&email, &phone, &meet};
        for (std::size_t i = 0; i < 3; ++i) {
            ASSERT_EQ(events[i].kind, EventKind::contact_request);
            const auto plain = open_sealed(events[i].payload);
            ASSERT_TRUE(plain.has_value()) << "sealed box " << i << " does not open";
            const auto json = nlohmann::json::parse(*plain);
            EXPECT_EQ(json.at("format"), 1);
            EXPECT_EQ(json.at("event_id"), events[i].id);
            EXPECT_EQ(json.at("receipt_code"), codes[i]);
            EXPECT_EQ(json.at("created_at"), k_now);
            EXPECT_EQ(json.at("organisation_id"), expected[i]->organisation_id);
            EXPECT_EQ(json.at("activity_id"), expected[i]->activity_id);
            EXPECT_EQ(json.at("name"), expected[i]->name);
            EXPECT_EQ(json.at("reach"), expected[i]->reach);
            EXPECT_EQ(json.at("preferred_language"), expected[i]->preferred_language);
            EXPECT_EQ(json.at("consent"), true);
        }
        EXPECT_EQ(nlohmann::json::parse(*open_sealed(events[0].payload)).at("channel"), "email");
        EXPECT_EQ(nlohmann::json::parse(*open_sealed(events[1].payload)).at("channel"), "phone");
        EXPECT_EQ(nlohmann::json::parse(*open_sealed(events[2].payload)).at("channel"), "meet_here");

        // Another key pair cannot open them.
        const KeyPair other = make_key_pair();
        std::string plain(events[0].payload.size() - crypto_box_SEALBYTES, '\0');
        EXPECT_NE(crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()), events[0].payload.data(),
                                       events[0].payload.size(), other.public_key.data(), other.secret_key.data()),
                  0);
    }
    // Closed: the WAL has been checkpointed into the database file.
    const std::vector<fs::path> files = {m_path, wal, shm};
    EXPECT_TRUE(scan(files, control));
    for (std::string_view secret : secrets)
        EXPECT_FALSE(scan(files, secret)) << "found \"" << secret << "\" on disk after closing";
}

TEST_F(OutboxTest, ContactPlaintextEscapesJson)
{
    auto log = open_log(options_with_key());
    ASSERT_NE(log, nullptr);
    ContactRequest request = valid_request();
    request.name = "Ann \"Nisse\" \\ Öberg";
    request.channel = ContactChannel::meet_here;
    request.reach = "Vid kaffet, \"klockan\" 15 \xE2\x80\x93 ungefär";
    ASSERT_TRUE(log->record_contact_request(request, k_now, ClockSync::synchronised).ok());
    const auto events = all_events(*log);
    ASSERT_EQ(events.size(), 1u);
    const auto plain = open_sealed(events[0].payload);
    ASSERT_TRUE(plain.has_value());
    const auto json = nlohmann::json::parse(*plain, nullptr, false);
    ASSERT_FALSE(json.is_discarded()) << *plain;
    EXPECT_EQ(json.at("name"), request.name);
    EXPECT_EQ(json.at("reach"), request.reach);
}

TEST_F(OutboxTest, UuidsAreUniqueVersion4)
{
    ASSERT_FALSE(is_uuid_v4("123e4567-e89b-12d3-a456-426614174000"));  // the checker knows a v1 UUID
    std::set<std::string> seen;
    for (int i = 0; i < 2000; ++i) {
        const std::string uuid = make_uuid_v4();
        ASSERT_TRUE(is_uuid_v4(uuid)) << uuid;
        seen.insert(uuid);
    }
    EXPECT_EQ(seen.size(), 2000u);

    auto log = open_log(options_with_key(0));
    ASSERT_NE(log, nullptr);
    for (int i = 0; i < 20; ++i)
        ASSERT_EQ(checkin_at(*log, k_now + i), CheckInOutcome::Status::recorded);
    std::set<std::string> stored;
    for (const StoredEvent& event : all_events(*log)) {
        EXPECT_TRUE(is_uuid_v4(event.id)) << event.id;
        stored.insert(event.id);
    }
    EXPECT_EQ(stored.size(), 20u);
}

TEST_F(OutboxTest, ReceiptCodesUseAnUnambiguousAlphabet)
{
    ASSERT_GE(sodium_init(), 0);
    ASSERT_TRUE(is_receipt_code("K7P-4QX"));
    ASSERT_FALSE(is_receipt_code("K7P-4QO"));  // the checker knows a look-alike
    std::set<std::string> seen;
    std::set<char> symbols;
    for (int i = 0; i < 2000; ++i) {
        const std::string code = make_receipt_code();
        ASSERT_TRUE(is_receipt_code(code)) << code;
        for (char c : std::string_view("01OIL")) {
            ASSERT_EQ(code.find(c), std::string::npos) << code;
        }
        seen.insert(code);
        symbols.insert(code.begin(), code.end());
    }
    EXPECT_GT(seen.size(), 1990u);        // random, not a counter or a constant
    EXPECT_EQ(symbols.size(), 30u + 1u);  // every symbol of the alphabet turns up, plus '-'

    auto log = open_log(options_with_key());
    ASSERT_NE(log, nullptr);
    auto receipt = log->record_contact_request(valid_request(), k_now, ClockSync::synchronised);
    ASSERT_TRUE(receipt.ok());
    EXPECT_TRUE(is_receipt_code(receipt.value().code));
}

TEST_F(OutboxTest, AcknowledgedEventsAreDeleted)
{
    auto log = open_log(options_with_key(0));
    ASSERT_NE(log, nullptr);
    ASSERT_EQ(checkin_at(*log, k_now), CheckInOutcome::Status::recorded);
    auto receipt = log->record_contact_request(valid_request(), k_now, ClockSync::synchronised);
    ASSERT_TRUE(receipt.ok());
    ASSERT_EQ(checkin_at(*log, k_now + 1), CheckInOutcome::Status::recorded);

    auto oldest = log->oldest_pending(2);
    ASSERT_TRUE(oldest.ok());
    ASSERT_EQ(oldest.value().size(), 2u);
    EXPECT_EQ(oldest.value()[1].id, receipt.value().event_id);

    ASSERT_TRUE(log->acknowledge({receipt.value().event_id, "00000000-0000-4000-8000-000000000000"}).ok());
    EXPECT_EQ(pending(*log), 2);
    ASSERT_TRUE(log->acknowledge({receipt.value().event_id}).ok());  // a repeated ack is harmless
    EXPECT_EQ(pending(*log), 2);
    for (const StoredEvent& event : all_events(*log))
        EXPECT_EQ(event.kind, EventKind::checkin);
}

TEST_F(OutboxTest, LogIsInWalMode)
{
    {
        auto log = open_log(options_with_key());
        ASSERT_NE(log, nullptr);
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(m_path.string().c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

TEST_F(OutboxTest, NewerSchemaIsRefusedAndLeftAlone)
{
    {
        auto log = open_log(options_with_key());
        ASSERT_NE(log, nullptr);
        ASSERT_EQ(checkin_at(*log, k_now), CheckInOutcome::Status::recorded);
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(m_path.string().c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);

    auto log = Outbox::open(m_path.string(), options_with_key());
    ASSERT_FALSE(log.ok());
    EXPECT_NE(log.error().text().find("schema version 99, newer than the 2 this program knows"), std::string::npos)
        << log.error().text();
    EXPECT_NE(log.error().text().find("outbox.db"), std::string::npos) << log.error().text();

    ASSERT_EQ(sqlite3_open(m_path.string().c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM events", -1, &stmt, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(stmt, 0), 1);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

// A child process records events as fast as it can and reports each one after record_*() returned;
// it is killed with SIGKILL at a different moment each round (check-ins, wishes and contact requests
// mixed). Every event it reported must be in the
// log afterwards, and the file must pass the integrity check. (A power cut is what synchronous=FULL
// adds on top; that cannot be simulated here.)
TEST_F(OutboxTest, EveryReportedEventSurvivesKill9)
{
    std::set<std::string> reported;
    for (const int kill_after : {1, 7, 30, 61, 150}) {
        int fds[2];
        ASSERT_EQ(::pipe(fds), 0);
        const pid_t child = ::fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            ::close(fds[0]);
            auto log = Outbox::open(m_path.string(), options_with_key(0));
            if (!log.ok())
                ::_exit(2);
            for (UnixSeconds i = 0;; ++i) {
                std::string id;
                if (i % 3 == 2) {
                    auto receipt = log.value()->record_contact_request(valid_request(), k_now + i, ClockSync::synchronised);
                    if (!receipt.ok())
                        ::_exit(3);
                    id = receipt.value().event_id;
                } else if (i % 6 == 1) {  // a visitor's wish, every other round of three
                    MissedWish wish;
                    wish.interest = "music";
                    auto outcome = log.value()->record_missed(wish, k_now + i, ClockSync::synchronised);
                    if (!outcome.ok())
                        ::_exit(6);
                    id = outcome.value().event_id;
                } else {
                    auto outcome = log.value()->record_checkin(CheckIn{"promenad"}, k_now + i, ClockSync::synchronised);
                    if (!outcome.ok())
                        ::_exit(4);
                    id = outcome.value().event_id;
                }
                id += '\n';  // 37 bytes: below PIPE_BUF, so each line arrives whole
                if (::write(fds[1], id.data(), id.size()) != static_cast<ssize_t>(id.size()))
                    ::_exit(5);
            }
        }
        ::close(fds[1]);
        std::string received;
        char buffer[4096];
        bool killed = false;
        while (true) {
            const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
            if (n <= 0)
                break;
            received.append(buffer, static_cast<std::size_t>(n));
            if (!killed && static_cast<int>(std::count(received.begin(), received.end(), '\n')) >= kill_after) {
                ::kill(child, SIGKILL);
                killed = true;  // keep reading: lines already in the pipe were committed too
            }
        }
        ::close(fds[0]);
        int status = 0;
        ASSERT_EQ(::waitpid(child, &status, 0), child);
        ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
            << "the child ended on its own (exit code " << (WIFEXITED(status) ? WEXITSTATUS(status) : -1) << ")";
        for (std::size_t begin = 0; begin < received.size();) {
            const std::size_t end = received.find('\n', begin);
            reported.insert(received.substr(begin, end - begin));
            begin = end + 1;
        }

        auto log = open_log(options_with_key(0));
        ASSERT_NE(log, nullptr);
        EXPECT_TRUE(log->check_integrity().ok());
        std::set<std::string> stored;
        for (const StoredEvent& event : all_events(*log))
            stored.insert(event.id);
        for (const std::string& id : reported)
            EXPECT_EQ(stored.count(id), 1u) << "event " << id << " was reported but is missing";
    }
    EXPECT_GE(reported.size(), 1u + 7 + 30 + 61 + 150);
}

TEST_F(OutboxTest, NotADatabaseIsAClearError)
{
    std::ofstream(m_path) << "this is not a database, it is a text file of some length to be sure\n";
    auto log = Outbox::open(m_path.string(), options_with_key());
    ASSERT_FALSE(log.ok());
    EXPECT_NE(log.error().text().find("event log: opening"), std::string::npos) << log.error().text();
}

// The whole texts: the event log's messages name their subject a second time after the path, and
// keep doing so now that the opening sequence is shared (sqlite_db.hpp's open_database).
TEST_F(OutboxTest, OpeningErrorsReadExactlyAsBefore)
{
    const std::string quoted = "'" + m_path.string() + "'";
    {
        const std::string missing = (m_dir / "no-such-dir" / "outbox.db").string();
        auto log = Outbox::open(missing, options_with_key());
        ASSERT_FALSE(log.ok());
        EXPECT_EQ(log.error().text(), "event log: opening '" + missing + "': unable to open database file");
    }
    {
        std::ofstream(m_path, std::ios::binary) << std::string(8192, 'x');
        auto log = Outbox::open(m_path.string(), options_with_key());
        ASSERT_FALSE(log.ok());
        EXPECT_EQ(log.error().text(), "event log: opening " + quoted
                                          + ": event log: switching to WAL mode failed: file is not a database "
                                            "(SQLite code 26)");
        fs::remove(m_path);
    }
    ASSERT_NE(open_log(options_with_key()), nullptr);
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(m_path.string().c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    auto log = Outbox::open(m_path.string(), options_with_key());
    ASSERT_FALSE(log.ok());
    EXPECT_EQ(log.error().text(), "event log: opening " + quoted
                                      + ": the log has schema version 99, newer than the 2 this program knows; "
                                        "refusing to use it, it was left unchanged");
}

// ---------------------------------------------------------------------------------------------
// Schema 2: organisation, heartbeats, cap, batches, quarantine, migration.

std::string heartbeat_of_size(std::size_t bytes, int n)
{
    // {"n":N,"pad":"xxx…"} padded to exactly `bytes` bytes.
    std::string json = "{\"n\":" + std::to_string(n) + ",\"pad\":\"\"}";
    json.insert(json.size() - 2, std::string(bytes - json.size(), 'x'));
    return json;
}

std::vector<std::string> ids_of(const std::vector<StoredEvent>& events)
{
    std::vector<std::string> ids;
    for (const StoredEvent& event : events)
        ids.push_back(event.id);
    return ids;
}

TEST_F(OutboxTest, CheckInCarriesItsOrganisationInThePayload)
{
    auto log = open_log(options_with_key(0));
    ASSERT_NE(log, nullptr);
    CheckIn checkin{"promenad"};
    checkin.organisation_id = "naturvan";
    ASSERT_TRUE(log->record_checkin(checkin, k_now, ClockSync::synchronised).ok());
    ASSERT_TRUE(log->record_checkin(CheckIn{"promenad"}, k_now + 1, ClockSync::synchronised).ok());
    const auto events = all_events(*log);
    ASSERT_EQ(events.size(), 2u);
    const auto json = nlohmann::json::parse(std::string(events[0].payload.begin(), events[0].payload.end()));
    EXPECT_EQ(json.at("organisation_id"), "naturvan");
    const auto without = nlohmann::json::parse(std::string(events[1].payload.begin(), events[1].payload.end()));
    EXPECT_FALSE(without.contains("organisation_id"));  // unknown: left out, as the protocol says
    EXPECT_TRUE(events[0].organisation_id.empty());     // the column is for contact requests

    checkin.organisation_id = "Naturvän";
    auto bad = log->record_checkin(checkin, k_now + 2, ClockSync::synchronised);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().text().find("organisation id"), std::string::npos) << bad.error().text();
    EXPECT_EQ(pending(*log), 2);
}

TEST_F(OutboxTest, ContactRequestKeepsItsOrganisationInTheClear)
{
    auto log = open_log(options_with_key(0));
    ASSERT_NE(log, nullptr);
    auto receipt = log->record_contact_request(valid_request(), k_now, ClockSync::unsynchronised);
    ASSERT_TRUE(receipt.ok()) << message_of(receipt);
    const auto events = all_events(*log);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].organisation_id, "naturvan");
    EXPECT_EQ(events[0].receipt_code, receipt.value().code);
    EXPECT_EQ(events[0].priority, EventPriority::never_drop);
}

TEST_F(OutboxTest, HeartbeatIsALowValueJsonObject)
{
    auto log = open_log(options_with_key(0));
    ASSERT_NE(log, nullptr);
    auto id = log->record_heartbeat(R"({"uptime_s":5})", k_now, ClockSync::unsynchronised);
    ASSERT_TRUE(id.ok()) << id.error().text();
    EXPECT_TRUE(is_uuid_v4(id.value()));
    for (const char* bad : {"[1,2]", "{", "", "42"}) {
        auto refused = log->record_heartbeat(bad, k_now, ClockSync::unsynchronised);
        ASSERT_FALSE(refused.ok()) << bad;
        EXPECT_NE(refused.error().text().find("not a JSON object"), std::string::npos) << refused.error().text();
    }
    EXPECT_FALSE(log->record_heartbeat(heartbeat_of_size(17 << 10, 1), k_now, ClockSync::unsynchronised).ok());
    const auto events = all_events(*log);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].kind, EventKind::heartbeat);
    EXPECT_EQ(events[0].priority, EventPriority::low_value);
    EXPECT_FALSE(events[0].clock_synchronised);
    auto counts = log->counts();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts.value(), (QueueCounts{0, 1, 0}));
}

TEST_F(OutboxTest, EventCapDropsOldestLowValueEventsButNeverCheckInsOrContactRequests)
{
    OutboxOptions options = options_with_key(0);
    options.max_queue_events = 5;
    auto log = open_log(options);
    ASSERT_NE(log, nullptr);
    std::vector<std::string> heartbeats;
    for (int i = 0; i < 3; ++i) {
        auto id = log->record_heartbeat("{\"n\":" + std::to_string(i) + "}", k_now + i, ClockSync::synchronised);
        ASSERT_TRUE(id.ok());
        heartbeats.push_back(id.value());
    }
    for (int i = 0; i < 4; ++i)
        ASSERT_EQ(checkin_at(*log, k_now + 10 + i), CheckInOutcome::Status::recorded);
    // 7 events over a cap of 5: the two oldest heartbeats went, the newest stays.
    auto counts = log->counts();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts.value(), (QueueCounts{4, 1, 0}));
    const auto remaining = ids_of(all_events(*log));
    EXPECT_EQ(std::count(remaining.begin(), remaining.end(), heartbeats[0]), 0);
    EXPECT_EQ(std::count(remaining.begin(), remaining.end(), heartbeats[1]), 0);
    EXPECT_EQ(std::count(remaining.begin(), remaining.end(), heartbeats[2]), 1);

    // Past the cap with nothing low-value left, visitors' events are still all kept.
    for (int i = 0; i < 4; ++i)
        ASSERT_EQ(checkin_at(*log, k_now + 20 + i), CheckInOutcome::Status::recorded);
    ASSERT_TRUE(log->record_contact_request(valid_request(), k_now + 30, ClockSync::synchronised).ok());
    counts = log->counts();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts.value(), (QueueCounts{9, 0, 0}));
    // A heartbeat recorded now is over the cap at once and goes itself.
    ASSERT_TRUE(log->record_heartbeat("{}", k_now + 40, ClockSync::synchronised).ok());
    counts = log->counts();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts.value(), (QueueCounts{9, 0, 0}));
}

TEST_F(OutboxTest, ByteCapDropsOldestLowValueEventsButNeverCheckIns)
{
    OutboxOptions options = options_with_key(0);
    options.max_queue_bytes = 1000;
    auto log = open_log(options);
    ASSERT_NE(log, nullptr);
    std::vector<std::string> heartbeats;
    for (int i = 0; i < 5; ++i) {
        auto id = log->record_heartbeat(heartbeat_of_size(300, i), k_now + i, ClockSync::synchronised);
        ASSERT_TRUE(id.ok());
        heartbeats.push_back(id.value());
    }
    // 3 × 300 fits under 1000 bytes; the two oldest were dropped.
    EXPECT_EQ(ids_of(all_events(*log)), (std::vector<std::string>{heartbeats[2], heartbeats[3], heartbeats[4]}));

    // Check-ins are small; enough of them push every heartbeat out and then stay, over the cap.
    std::int64_t checkins = 0;
    std::int64_t bytes = 0;
    for (UnixSeconds t = k_now + 100; bytes <= 2000; ++t) {
        ASSERT_EQ(checkin_at(*log, t), CheckInOutcome::Status::recorded);
        ++checkins;
        bytes = 0;
        for (const StoredEvent& event : all_events(*log)) {
            if (event.kind == EventKind::checkin)
                bytes += static_cast<std::int64_t>(event.payload.size());
        }
    }
    auto counts = log->counts();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts.value(), (QueueCounts{checkins, 0, 0}));
}

TEST_F(OutboxTest, NextBatchIsBoundedByCountAndBytesAndAlwaysMovesOneEvent)
{
    auto log = open_log(options_with_key(0));
    ASSERT_NE(log, nullptr);
    std::vector<std::string> ids;
    for (int i = 0; i < 10; ++i) {
        auto id = log->record_heartbeat(heartbeat_of_size(100, i), k_now + i, ClockSync::synchronised);
        ASSERT_TRUE(id.ok());
        ids.push_back(id.value());
    }
    auto by_count = log->next_batch(0, 4, 1 << 20);
    ASSERT_TRUE(by_count.ok());
    EXPECT_EQ(ids_of(by_count.value()), (std::vector<std::string>(ids.begin(), ids.begin() + 4)));

    auto by_bytes = log->next_batch(0, 100, 250);
    ASSERT_TRUE(by_bytes.ok());
    EXPECT_EQ(by_bytes.value().size(), 2u);

    auto one_too_big = log->next_batch(0, 100, 10);
    ASSERT_TRUE(one_too_big.ok());
    ASSERT_EQ(one_too_big.value().size(), 1u);  // larger than the bound on its own: it still moves
    EXPECT_EQ(one_too_big.value()[0].id, ids[0]);

    // Streaming: continue after the last seq of the previous batch, and every event comes once.
    std::vector<std::string> streamed;
    std::int64_t after = 0;
    while (true) {
        auto batch = log->next_batch(after, 3, 1 << 20);
        ASSERT_TRUE(batch.ok());
        if (batch.value().empty())
            break;
        EXPECT_LE(batch.value().size(), 3u);
        for (const StoredEvent& event : batch.value()) {
            EXPECT_GT(event.seq, after);
            streamed.push_back(event.id);
        }
        after = batch.value().back().seq;
    }
    EXPECT_EQ(streamed, ids);

    auto none = log->next_batch(0, 0, 1 << 20);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none.value().empty());
}

TEST_F(OutboxTest, QuarantinedEventsLeaveTheQueueAndAreListedNewestFirst)
{
    auto log = open_log(options_with_key(0));
    ASSERT_NE(log, nullptr);
    std::vector<std::string> ids;
    for (int i = 0; i < 4; ++i) {
        auto outcome = log->record_checkin(CheckIn{"promenad"}, k_now + i, ClockSync::synchronised);
        ASSERT_TRUE(outcome.ok());
        ids.push_back(outcome.value().event_id);
    }
    ASSERT_TRUE(log->record_heartbeat("{}", k_now, ClockSync::synchronised).ok());
    ASSERT_TRUE(log->quarantine(ids[1], "events[1].data.mood: 'sad' is not one of heavy, low, okay, good", k_now + 100).ok());
    ASSERT_TRUE(log->quarantine(ids[2], std::string("line\nbreak ") + std::string(600, 'a'), k_now + 200).ok());
    // Unknown ids and a second quarantine of the same event change nothing.
    ASSERT_TRUE(log->quarantine("00000000-0000-4000-8000-000000000000", "nothing", k_now + 300).ok());
    ASSERT_TRUE(log->quarantine(ids[1], "again", k_now + 400).ok());

    EXPECT_EQ(pending(*log), 3);
    EXPECT_EQ(all_events(*log).size(), 3u);
    auto batch = log->next_batch(0, 10, 1 << 20);
    ASSERT_TRUE(batch.ok());
    const auto batch_ids = ids_of(batch.value());
    EXPECT_EQ(std::count(batch_ids.begin(), batch_ids.end(), ids[1]), 0);
    EXPECT_EQ(std::count(batch_ids.begin(), batch_ids.end(), ids[2]), 0);

    auto counts = log->counts();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts.value(), (QueueCounts{2, 1, 2}));

    auto listed = log->quarantined(10);
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed.value().size(), 2u);
    EXPECT_EQ(listed.value()[0].id, ids[2]);
    EXPECT_EQ(listed.value()[0].quarantined_at, k_now + 200);
    EXPECT_EQ(listed.value()[0].kind, EventKind::checkin);
    EXPECT_LE(listed.value()[0].reason.size(), 500u);
    EXPECT_EQ(listed.value()[0].reason.find('\n'), std::string::npos);
    EXPECT_EQ(listed.value()[1].id, ids[1]);
    EXPECT_EQ(listed.value()[1].reason, "events[1].data.mood: 'sad' is not one of heavy, low, okay, good");
    EXPECT_EQ(listed.value()[1].quarantined_at, k_now + 100);

    auto newest = log->quarantined(1);
    ASSERT_TRUE(newest.ok());
    EXPECT_EQ(newest.value().size(), 1u);
}

TEST_F(OutboxTest, VersionOneLogIsMigratedWithItsEventsPending)
{
    // A log as the schema-1 program left it (its SQL copied here: migrations never change).
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(m_path.string().c_str(), &db), SQLITE_OK);
    const char* v1 = R"sql(
        CREATE TABLE meta (name TEXT PRIMARY KEY NOT NULL, value) WITHOUT ROWID;
        CREATE TABLE events (
            seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind INTEGER NOT NULL, priority INTEGER NOT NULL,
            created_at INTEGER NOT NULL, clock_synchronised INTEGER NOT NULL, payload BLOB NOT NULL,
            receipt_code TEXT);
        INSERT INTO meta VALUES ('last_checkin_at', 1780300800);
        INSERT INTO events(id, kind, priority, created_at, clock_synchronised, payload) VALUES
            ('0d4c8a8e-8a51-4f7e-b1f3-2b0d5f0f6a11', 1, 0, 1780300800, 1, CAST('{"activity_id":"promenad"}' AS BLOB));
        PRAGMA user_version = 1;
    )sql";
    ASSERT_EQ(sqlite3_exec(db, v1, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);

    auto log = open_log(options_with_key(60));
    ASSERT_NE(log, nullptr);
    EXPECT_EQ(log->schema_version(), 2);
    EXPECT_EQ(Outbox::current_schema_version(), 2);
    const auto events = all_events(*log);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].id, "0d4c8a8e-8a51-4f7e-b1f3-2b0d5f0f6a11");
    EXPECT_TRUE(events[0].organisation_id.empty());
    // The old event's size was filled in (26 bytes): with the 100-byte heartbeat after it, a bound
    // of 110 takes the old event alone (a size left at 0 would let both through).
    ASSERT_TRUE(log->record_heartbeat(heartbeat_of_size(100, 1), k_now + 1000, ClockSync::synchronised).ok());
    auto batch = log->next_batch(0, 10, 110);
    ASSERT_TRUE(batch.ok());
    EXPECT_EQ(batch.value().size(), 1u);
    auto counts = log->counts();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts.value(), (QueueCounts{1, 1, 0}));
    // The check-in spacing kept in meta survived the migration.
    EXPECT_EQ(checkin_at(*log, k_now + 10), CheckInOutcome::Status::too_soon);
    EXPECT_TRUE(log->check_integrity().ok());
}

// Issue 20: a visitor's wish ("I miss something") is stored like a check-in: never dropped, spaced so
// one visitor counts once, checked before anything is written, its JSON holding only what was said.
TEST_F(OutboxTest, AWishIsStoredAsAMissedEventWithOnlyWhatWasSaid)
{
    std::string id;
    {
        auto log = open_log(options_with_key());
        ASSERT_NE(log, nullptr);
        MissedWish wish;
        wish.interest = "music";
        wish.weekday = 5;
        wish.day_part = DayPart::evening;
        wish.language = "ar";
        auto outcome = log->record_missed(wish, k_now, ClockSync::unsynchronised);
        ASSERT_TRUE(outcome.ok()) << outcome.error().text();
        EXPECT_EQ(outcome.value().status, WishOutcome::Status::recorded);
        id = outcome.value().event_id;
        MissedWish only_a_day;
        only_a_day.weekday = 0;
        ASSERT_TRUE(log->record_missed(only_a_day, k_now + 60, ClockSync::synchronised).ok());
    }
    auto log = open_log(options_with_key());  // reopened: it was on disk
    ASSERT_NE(log, nullptr);
    const auto events = all_events(*log);
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].id, id);
    EXPECT_EQ(events[0].kind, EventKind::missed);
    EXPECT_EQ(events[0].priority, EventPriority::never_drop);
    EXPECT_FALSE(events[0].clock_synchronised);
    EXPECT_EQ(std::string(events[0].payload.begin(), events[0].payload.end()),
              R"({"day_part":"evening","interest":"music","language":"ar","weekday":"sat"})");
    EXPECT_EQ(std::string(events[1].payload.begin(), events[1].payload.end()), R"({"weekday":"mon"})");
    auto counts = log->counts();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts.value(), (QueueCounts{2, 0, 0}));
}

TEST_F(OutboxTest, AWishThatSaysNothingOrIsMalformedIsRefusedAndNothingStored)
{
    auto log = open_log(options_with_key(0));
    ASSERT_NE(log, nullptr);
    auto message = [&](const MissedWish& wish) {
        auto outcome = log->record_missed(wish, k_now, ClockSync::synchronised);
        return outcome.ok() ? std::string("(stored)") : outcome.error().text();
    };
    MissedWish empty;
    empty.language = "sv";  // a language alone is no wish
    EXPECT_EQ(message(empty), "wish: says neither an interest, a weekday nor a part of the day; nothing was stored");
    MissedWish bad_interest;
    bad_interest.interest = "Musik & dans";
    EXPECT_NE(message(bad_interest).find("wish: interest \"Musik & dans\" is not a catalogue id"), std::string::npos)
        << message(bad_interest);
    MissedWish bad_day;
    bad_day.weekday = 7;
    EXPECT_EQ(message(bad_day), "wish: weekday 7 is not 0 (Monday) to 6 (Sunday); nothing was stored");
    MissedWish bad_language;
    bad_language.day_part = DayPart::morning;
    bad_language.language = "Arabiska";
    EXPECT_NE(message(bad_language).find("is not a language code"), std::string::npos) << message(bad_language);
    EXPECT_EQ(pending(*log), 0);
}

TEST_F(OutboxTest, WishesAreSpacedApartOnTheirOwnAndNeverDroppedOverTheCap)
{
    OutboxOptions options = options_with_key(30);
    options.max_queue_events = 3;
    auto log = open_log(options);
    ASSERT_NE(log, nullptr);
    MissedWish wish;
    wish.interest = "music";
    auto at = [&](UnixSeconds now) {
        auto outcome = log->record_missed(wish, now, ClockSync::synchronised);
        EXPECT_TRUE(outcome.ok()) << outcome.error().text();
        return outcome.ok() ? outcome.value().status : WishOutcome::Status::too_soon;
    };
    EXPECT_EQ(at(k_now), WishOutcome::Status::recorded);
    EXPECT_EQ(at(k_now + 5), WishOutcome::Status::too_soon);  // one visitor tapping "send" again
    EXPECT_EQ(pending(*log), 1);
    // A check-in is spaced from check-ins, not from wishes.
    EXPECT_EQ(checkin_at(*log, k_now + 6), CheckInOutcome::Status::recorded);
    for (int i = 1; i <= 4; ++i)
        EXPECT_EQ(at(k_now + 30 * i), WishOutcome::Status::recorded);
    ASSERT_TRUE(log->record_heartbeat("{}", k_now + 200, ClockSync::synchronised).ok());
    // Over a cap of 3 events: the heartbeat went, every wish and the check-in stayed.
    auto counts = log->counts();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts.value(), (QueueCounts{6, 0, 0}));
    // The spacing is kept across reopening, like a check-in's.
    log.reset();
    log = open_log(options);
    ASSERT_NE(log, nullptr);
    EXPECT_EQ(at(k_now + 125), WishOutcome::Status::too_soon);
}

}  // namespace
}  // namespace lotsen
