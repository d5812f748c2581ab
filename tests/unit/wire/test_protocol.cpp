// Tests of core/protocol: encodings, the key file, signatures, and the batch/reply codecs — the
// wire contract of docs/protocol.md, checked without a network — including how it grows: deferred
// kinds and members, heartbeat data within its bounds, reply format 1.1.
#include "core/wire/protocol.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace lotsen;
using namespace lotsen::protocol;

namespace {

class ProtocolTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_GE(sodium_init(), 0);
        m_dir = fs::temp_directory_path() / ("lotsen-protocol-" + std::to_string(::getpid()) + "-"
                                             + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    fs::path m_dir;
};

WireEvent sample_checkin(std::string id = "0d4c8a8e-8a51-4f7e-b1f3-2b0d5f0f6a11")
{
    WireEvent event;
    event.id = std::move(id);
    event.kind = WireKind::checkin;
    event.created_at = 1763899000;
    event.clock_synchronised = true;
    event.data = R"({"activity_id":"promenad-halmstad","first_visit":true,"mood":"okay"})";
    return event;
}

WireEvent sample_contact()
{
    WireEvent event;
    event.id = "a0b7c0de-1111-4222-8333-444455556666";
    event.kind = WireKind::contact_request;
    event.created_at = 1763899100;
    event.organisation_id = "friluftsframjandet";
    event.receipt_code = "K7P-4QX";
    event.sealed.assign(crypto_box_SEALBYTES + 20, 0xAB);
    return event;
}

std::string batch_with_event(const std::string& event_json)
{
    return R"({"format":1,"sent_at":5,"clock_synchronised":true,"events":[)" + event_json + "]}";
}

}  // namespace

TEST_F(ProtocolTest, Base64RoundTripsAndRefusesNonCanonicalText)
{
    const std::vector<std::uint8_t> bytes = {0, 1, 2, 250, 251, 252, 253};
    const std::string text = to_base64(bytes);
    EXPECT_EQ(text, "AAEC+vv8/Q==");
    auto back = from_base64(text, "value");
    ASSERT_TRUE(back) << back.error().text();
    EXPECT_EQ(back.value(), bytes);

    EXPECT_FALSE(from_base64("AAEC+vv8/R==", "value"));  // non-zero padding bits: a second spelling
    EXPECT_FALSE(from_base64("AAEC+vv8/Q", "value"));    // padding missing
    EXPECT_FALSE(from_base64("AAEC-vv8_Q==", "value"));  // URL alphabet
    auto wrong_size = from_base64(text, "the key", 32);
    ASSERT_FALSE(wrong_size);
    EXPECT_NE(wrong_size.error().text().find("the key: decodes to 7 bytes, not 32"), std::string::npos);
}

TEST_F(ProtocolTest, Sha256MatchesTheStandardTestVector)
{
    // FIPS 180-2, appendix B.1.
    EXPECT_EQ(to_hex(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(ProtocolTest, KeyFileIsCreatedPrivateAndReadBackUnchanged)
{
    const std::string path = (m_dir / "kiosk.key").string();
    auto created = load_or_create_key_pair(path);
    ASSERT_TRUE(created) << created.error().text();
    struct stat info {};
    ASSERT_EQ(::stat(path.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    EXPECT_EQ(fs::file_size(path), 64u);

    auto loaded = load_or_create_key_pair(path);
    ASSERT_TRUE(loaded) << loaded.error().text();
    EXPECT_EQ(loaded.value().public_key, created.value().public_key);
    EXPECT_EQ(loaded.value().secret_key, created.value().secret_key);
    // No temporary files left beside it.
    EXPECT_EQ(std::distance(fs::directory_iterator(m_dir), fs::directory_iterator{}), 1);
}

TEST_F(ProtocolTest, KeyFileReadableByOthersIsRefusedAndKept)
{
    const std::string path = (m_dir / "kiosk.key").string();
    ASSERT_TRUE(load_or_create_key_pair(path));
    ::chmod(path.c_str(), 0644);
    auto loaded = load_or_create_key_pair(path);
    ASSERT_FALSE(loaded);
    EXPECT_NE(loaded.error().text().find("mode 0644"), std::string::npos) << loaded.error().text();
    EXPECT_EQ(fs::file_size(path), 64u);
}

TEST_F(ProtocolTest, DamagedOrShortKeyFileIsRefusedNotReplaced)
{
    const std::string path = (m_dir / "kiosk.key").string();
    ASSERT_TRUE(load_or_create_key_pair(path));
    std::string bytes;
    {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream content;
        content << in.rdbuf();
        bytes = content.str();
    }
    bytes[40] = static_cast<char>(bytes[40] ^ 0x01);  // a bit of the public half flipped
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << bytes;
    }
    auto damaged = load_or_create_key_pair(path);
    ASSERT_FALSE(damaged);
    EXPECT_NE(damaged.error().text().find("damaged"), std::string::npos);

    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << bytes.substr(0, 10);
    }
    auto short_file = load_or_create_key_pair(path);
    ASSERT_FALSE(short_file);
    EXPECT_NE(short_file.error().text().find("64-byte"), std::string::npos);
    EXPECT_EQ(fs::file_size(path), 10u);  // left as it was, for someone to look at
}

TEST_F(ProtocolTest, SigningStringIsTheSixDocumentedLines)
{
    const std::string text = signing_string("POST", "/v1/events", 1763900000, "KEY=", sha256("abc"));
    EXPECT_EQ(text, "LOTSEN-V1\nPOST\n/v1/events\n1763900000\nKEY=\n"
                    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(ProtocolTest, SignedRequestVerifiesAndAnyChangeBreaksIt)
{
    const SigningKeyPair keys = generate_signing_key_pair();
    const std::string body = R"({"format":1})";
    const SignedHeaders headers = sign_request(keys, "POST", k_events_path, 1000, body);
    auto auth = parse_auth_headers(headers.kiosk, headers.timestamp, headers.signature);
    ASSERT_TRUE(auth) << auth.error().text();
    EXPECT_EQ(auth.value().kiosk, keys.public_key);
    EXPECT_EQ(auth.value().timestamp, 1000);
    EXPECT_TRUE(verify_request(auth.value(), "POST", k_events_path, body));

    EXPECT_FALSE(verify_request(auth.value(), "POST", k_events_path, body + " "));
    EXPECT_FALSE(verify_request(auth.value(), "POST", "/v1/other", body));
    EXPECT_FALSE(verify_request(auth.value(), "PUT", k_events_path, body));
    RequestAuth later = auth.value();
    later.timestamp += 1;
    EXPECT_FALSE(verify_request(later, "POST", k_events_path, body));
    RequestAuth other_kiosk = auth.value();
    other_kiosk.kiosk = generate_signing_key_pair().public_key;
    EXPECT_FALSE(verify_request(other_kiosk, "POST", k_events_path, body));
}

TEST_F(ProtocolTest, MalformedAuthHeadersNameTheHeader)
{
    const SignedHeaders headers = sign_request(generate_signing_key_pair(), "POST", k_events_path, 7, "{}");
    auto missing = parse_auth_headers("", headers.timestamp, headers.signature);
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().text().find("X-Lotsen-Kiosk: missing"), std::string::npos);
    auto bad_time = parse_auth_headers(headers.kiosk, "-7", headers.signature);
    ASSERT_FALSE(bad_time);
    EXPECT_NE(bad_time.error().text().find("X-Lotsen-Timestamp"), std::string::npos);
    auto short_signature = parse_auth_headers(headers.kiosk, headers.timestamp, "AAAA");
    ASSERT_FALSE(short_signature);
    EXPECT_NE(short_signature.error().text().find("X-Lotsen-Signature"), std::string::npos);
}

TEST_F(ProtocolTest, BatchRoundTripsThroughTheWireForm)
{
    Batch batch;
    batch.sent_at = 1763899990;
    batch.clock_synchronised = false;
    batch.events = {sample_checkin(), sample_contact()};
    WireEvent heartbeat;
    heartbeat.id = "77e1aaaa-bbbb-4ccc-9ddd-eeeeffff0000";
    heartbeat.kind = WireKind::heartbeat;
    heartbeat.created_at = 1763899200;
    heartbeat.data = R"({"uptime_s":86400,"queue":{"never_drop":3,"low_value":1}})";
    batch.events.push_back(heartbeat);

    auto decoded = decode_batch(encode_batch(batch));
    ASSERT_TRUE(decoded) << decoded.error().text();
    EXPECT_TRUE(decoded.value().rejected.empty());
    const Batch& back = decoded.value().batch;
    EXPECT_EQ(back.sent_at, batch.sent_at);
    EXPECT_FALSE(back.clock_synchronised);
    ASSERT_EQ(back.events.size(), 3u);
    EXPECT_EQ(back.events[0].id, batch.events[0].id);
    EXPECT_EQ(back.events[0].kind, WireKind::checkin);
    EXPECT_TRUE(back.events[0].clock_synchronised);
    EXPECT_NE(back.events[0].data.find("\"mood\":\"okay\""), std::string::npos);
    EXPECT_EQ(back.events[1].kind, WireKind::contact_request);
    EXPECT_EQ(back.events[1].sealed, batch.events[1].sealed);
    EXPECT_EQ(back.events[1].receipt_code, "K7P-4QX");
    EXPECT_EQ(back.events[1].organisation_id, "friluftsframjandet");
    EXPECT_EQ(back.events[2].kind, WireKind::heartbeat);
    EXPECT_EQ(back.events[2].created_at, 1763899200);
}

TEST_F(ProtocolTest, BodiesThatAreNotBatchesFailAsAWhole)
{
    EXPECT_FALSE(decode_batch("not json"));
    EXPECT_FALSE(decode_batch("[]"));
    EXPECT_FALSE(decode_batch(R"({"format":2,"sent_at":1,"clock_synchronised":true,"events":[]})"));
    EXPECT_FALSE(decode_batch(R"({"format":1,"sent_at":1,"clock_synchronised":true})"));
    EXPECT_FALSE(decode_batch(R"({"format":1,"sent_at":"1","clock_synchronised":true,"events":[]})"));
    EXPECT_FALSE(decode_batch(std::string("{\"format\":1,\"x\":\"\xff\"}")));
}

// Issue 13: a newer major is refused with a message naming the versions; any minor of major 1 is
// read, and top-level members this hub does not know are ignored (a kiosk is a signed machine).
TEST_F(ProtocolTest, BatchFormatGrowsByMinorsAndANewerMajorIsRefusedByName)
{
    auto newer = decode_batch(R"({"format":2,"sent_at":1,"clock_synchronised":true,"events":[]})");
    ASSERT_FALSE(newer);
    EXPECT_EQ(newer.error().text(), "body.format: batch format 2 is newer than this hub reads (1.x); "
                                    "upgrade the hub before its kiosks");
    auto zero = decode_batch(R"({"format":0,"sent_at":1,"clock_synchronised":true,"events":[]})");
    ASSERT_FALSE(zero);
    EXPECT_NE(zero.error().text().find("body.format: 0"), std::string::npos) << zero.error().text();

    auto minor = decode_batch(
        R"({"format":1,"format_minor":3,"sent_at":1,"clock_synchronised":true,"events":[],"batch_id":"b-1","x":{"y":[1]}})");
    ASSERT_TRUE(minor) << minor.error().text();
    EXPECT_EQ(minor.value().format, (FormatVersion{1, 3}));
    EXPECT_EQ(minor.value().ignored.summary(), "body.batch_id, body.x");
    EXPECT_EQ(minor.value().batch.sent_at, 1);

    auto plain = decode_batch(encode_batch(Batch{1, true, {sample_checkin()}}));
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain.value().format, (FormatVersion{1, 0}));
    EXPECT_TRUE(plain.value().ignored.empty());
    // What this kiosk writes is format 1.0: no format_minor, byte for byte what older hubs read.
    EXPECT_EQ(encode_batch(Batch{7, false, {}}), R"({"format":1,"sent_at":7,"clock_synchronised":false,"events":[]})");

    // format_minor is a known member: malformed, it is refused like any other.
    auto text_minor = decode_batch(R"({"format":1,"format_minor":"1","sent_at":1,"clock_synchronised":true,"events":[]})");
    ASSERT_FALSE(text_minor);
    EXPECT_EQ(text_minor.error().text(), "body.format_minor: must be an integer");
    EXPECT_FALSE(decode_batch(R"({"format":1,"format_minor":-1,"sent_at":1,"clock_synchronised":true,"events":[]})"));
    // A member name a client made up is quoted in the path, never printed raw.
    auto odd = decode_batch("{\"format\":1,\"sent_at\":1,\"clock_synchronised\":true,\"events\":[],\"a\\nb\":0}");
    ASSERT_TRUE(odd);
    EXPECT_EQ(odd.value().ignored.summary(), "body.\"a\\nb\"");
}

TEST_F(ProtocolTest, BadEventsAreRejectedOneByOneWithTheirPath)
{
    const std::string good = encode_batch(Batch{1, true, {sample_checkin()}});
    const std::string good_event = good.substr(good.find("[{") + 1, good.rfind("}]") - good.find("[{"));
    const std::string body = batch_with_event(
        good_event + R"(,{"id":"11111111-2222-4333-8444-555555555555","kind":"checkin","created_at":1,)"
        R"("clock_synchronised":true,"data":{"activity_id":"a","mood":"sad"}})"
        R"(,{"id":"not-a-uuid","kind":"checkin","created_at":1,"clock_synchronised":true,"data":{"activity_id":"a"}})"
        R"(,{"id":"21111111-2222-4333-8444-555555555555","kind":"party","created_at":1,"clock_synchronised":true})"
        R"(,{"id":"31111111-2222-4333-8444-555555555555","kind":"checkin","created_at":1,"clock_synchronised":true,)"
        R"("data":{"activity_id":"a","name":"Kim"}})"
        R"(,{"id":"41111111-2222-4333-8444-555555555555","kind":"contact_request","created_at":1,)"
        R"("clock_synchronised":true,"organisation_id":"o","receipt_code":"K7P-4QX","sealed":"AAAA"})");
    auto decoded = decode_batch(body);
    ASSERT_TRUE(decoded) << decoded.error().text();
    ASSERT_EQ(decoded.value().batch.events.size(), 1u);
    const auto& rejected = decoded.value().rejected;
    ASSERT_EQ(rejected.size(), 3u);
    EXPECT_EQ(rejected[0].id, "11111111-2222-4333-8444-555555555555");
    EXPECT_EQ(rejected[0].reason, "events[1].data.mood: \"sad\" is not one of heavy, low, okay, good");
    EXPECT_NE(rejected[1].reason.find("events[2].id"), std::string::npos);
    EXPECT_NE(rejected[2].reason.find("events[5].sealed"), std::string::npos);
    // Issue 13: a kind or a member this hub does not know is deferred, no longer rejected.
    const auto& deferred = decoded.value().deferred;
    ASSERT_EQ(deferred.size(), 2u);
    EXPECT_EQ(deferred[0].id, "21111111-2222-4333-8444-555555555555");
    EXPECT_NE(deferred[0].reason.find("events[3].kind"), std::string::npos);
    EXPECT_EQ(deferred[1].reason, "events[4].data.name: a member this hub does not know");  // no personal data in the clear
}

// Issue 13: what a newer kiosk may send — a new kind, a new member on a known kind's event or in a
// check-in's data — is deferred with the reason, so the kiosk keeps it; only a sound envelope is
// deferred, and a malformed member the hub does know is still a rejection.
TEST_F(ProtocolTest, UnknownKindsAndMembersAreDeferredAndMalformedKnownMembersStillRejected)
{
    const std::string envelope = R"("created_at":1763899000,"clock_synchronised":true)";
    const std::string sealed = to_base64(std::vector<std::uint8_t>(crypto_box_SEALBYTES + 20, 0xAB));
    const std::string good = encode_batch(Batch{1, true, {sample_checkin("91111111-2222-4333-8444-555555555555")}});
    const std::string good_event = good.substr(good.find("[{") + 1, good.rfind("}]") - good.find("[{"));
    const std::vector<std::string> events = {
        R"({"id":"01111111-2222-4333-8444-555555555555","kind":"missed_activity",)" + envelope
            + R"(,"data":{"activity_id":"promenad","reason":"weather"}})",
        R"({"id":"11111111-2222-4333-8444-555555555555","kind":"checkin",)" + envelope
            + R"(,"data":{"activity_id":"promenad","mood":"good","duration_s":3600}})",
        R"({"id":"21111111-2222-4333-8444-555555555555","kind":"checkin",)" + envelope
            + R"(,"source":"qr","data":{"activity_id":"promenad"}})",
        R"({"id":"31111111-2222-4333-8444-555555555555","kind":"contact_request",)" + envelope
            + R"(,"organisation_id":"o","receipt_code":"K7P-4QX","sealed":")" + sealed + R"(","reply_by":1763999000})",
        // A malformed known member beside an unknown one: rejected, not deferred.
        R"({"id":"41111111-2222-4333-8444-555555555555","kind":"checkin",)" + envelope
            + R"(,"data":{"activity_id":"promenad","mood":"sad","duration_s":3600}})",
        // Unknown kinds whose envelope is not sound: rejected.
        R"({"id":"not-a-uuid","kind":"missed_activity",)" + envelope + "}",
        R"({"id":"61111111-2222-4333-8444-555555555555","kind":"missed_activity","clock_synchronised":true})",
        R"({"id":"71111111-2222-4333-8444-555555555555","kind":"missed_activity","created_at":1,"clock_synchronised":"yes"})",
        R"({"id":"81111111-2222-4333-8444-555555555555","kind":7,)" + envelope + "}",
        good_event,
    };
    std::string joined;
    for (const std::string& event : events)
        joined += (joined.empty() ? "" : ",") + event;
    auto decoded = decode_batch(batch_with_event(joined));
    ASSERT_TRUE(decoded) << decoded.error().text();

    const auto& deferred = decoded.value().deferred;
    ASSERT_EQ(deferred.size(), 4u);
    EXPECT_EQ(deferred[0].id, "01111111-2222-4333-8444-555555555555");
    EXPECT_EQ(deferred[0].reason,
              "events[0].kind: \"missed_activity\" is not a kind this hub knows (checkin, contact_request, heartbeat, missed)");
    EXPECT_EQ(deferred[1].id, "11111111-2222-4333-8444-555555555555");
    EXPECT_EQ(deferred[1].reason, "events[1].data.duration_s: a member this hub does not know");
    EXPECT_EQ(deferred[2].reason, "events[2].source: a member this hub does not know");
    EXPECT_EQ(deferred[3].id, "31111111-2222-4333-8444-555555555555");
    EXPECT_EQ(deferred[3].reason, "events[3].reply_by: a member this hub does not know");

    const auto& rejected = decoded.value().rejected;
    ASSERT_EQ(rejected.size(), 5u);
    EXPECT_EQ(rejected[0].id, "41111111-2222-4333-8444-555555555555");
    EXPECT_EQ(rejected[0].reason, "events[4].data.mood: \"sad\" is not one of heavy, low, okay, good");
    EXPECT_NE(rejected[1].reason.find("events[5].id"), std::string::npos) << rejected[1].reason;
    EXPECT_EQ(rejected[2].reason, "events[6].created_at: missing");
    EXPECT_EQ(rejected[3].reason, "events[7].clock_synchronised: must be true or false");
    EXPECT_EQ(rejected[4].reason, "events[8].kind: must be a string");

    ASSERT_EQ(decoded.value().batch.events.size(), 1u);  // the events behind them still count
    EXPECT_EQ(decoded.value().batch.events[0].id, "91111111-2222-4333-8444-555555555555");
}

namespace {

// A heartbeat event around `data` (JSON object text).
std::string heartbeat_event(const std::string& id, const std::string& data, const std::string& beside = "")
{
    return R"({"id":")" + id + R"(","kind":"heartbeat","created_at":1763899200,"clock_synchronised":true,)" + beside
           + R"("data":)" + data + "}";
}

// An object nested `levels` deep, the outermost included: {"n":{"n":…{}…}}.
std::string nested(std::size_t levels)
{
    std::string text;
    for (std::size_t i = 1; i < levels; ++i)
        text += R"({"n":)";
    text += "{}";
    text += std::string(levels - 1, '}');
    return text;
}

}  // namespace

// Issue 13: a heartbeat is never deferred (a newer kiosk must not look silent); members the hub
// does not know are kept as they came, within bounds of depth, size and count; the members the hub
// reads are checked for their types.
TEST_F(ProtocolTest, HeartbeatKeepsUnknownMembersWithinBoundsAndRefusesBeyondEach)
{
    const std::string within =
        R"({"software_version":"0.3.0","queue":{"never_drop":3,"low_value":1,"deferred":2,"oldest_s":40},)"
        R"("screen":{"rotation":90,"panel":)" + nested(k_max_heartbeat_depth - 2) + "}}";  // 8 levels
    auto kept = decode_batch(batch_with_event(heartbeat_event("01111111-2222-4333-8444-555555555555", within,
                                                              R"("priority":"low",)")));
    ASSERT_TRUE(kept) << kept.error().text();
    ASSERT_TRUE(kept.value().rejected.empty()) << kept.value().rejected[0].reason;
    EXPECT_TRUE(kept.value().deferred.empty());
    ASSERT_EQ(kept.value().batch.events.size(), 1u);
    EXPECT_EQ(nlohmann::json::parse(kept.value().batch.events[0].data), nlohmann::json::parse(within));
    // A member beside data is not stored; it is named among the ignored ones.
    EXPECT_EQ(kept.value().ignored.summary(), "events[].priority");

    // Beyond each bound: rejected with a reason naming the bound, the other events untouched.
    const std::string too_deep = R"({"software_version":"0.3.0","screen":)" + nested(k_max_heartbeat_depth) + "}";  // 9
    // Past the heartbeat's 8 levels, within the 64 of any JSON body (deeper refuses the whole body, below).
    const std::string very_deep = R"({"screen":)" + nested(50) + "}";
    const std::string too_big = R"({"note":")" + std::string(k_max_heartbeat_bytes, 'x') + R"("})";
    std::string too_many = R"({"counts":[)";
    for (std::size_t i = 0; i < k_max_heartbeat_values; ++i)
        too_many += (i == 0 ? "" : ",") + std::to_string(i);
    too_many += "]}";
    const std::string body = batch_with_event(
        heartbeat_event("11111111-2222-4333-8444-555555555555", too_deep) + ","
        + heartbeat_event("21111111-2222-4333-8444-555555555555", very_deep) + ","
        + heartbeat_event("31111111-2222-4333-8444-555555555555", too_big) + ","
        + heartbeat_event("41111111-2222-4333-8444-555555555555", too_many) + ","
        + heartbeat_event("51111111-2222-4333-8444-555555555555", within));
    auto decoded = decode_batch(body);
    ASSERT_TRUE(decoded) << decoded.error().text();
    const auto& rejected = decoded.value().rejected;
    ASSERT_EQ(rejected.size(), 4u);
    EXPECT_EQ(rejected[0].reason, "events[0].data: nested deeper than 8 levels of objects and arrays; "
                                  "a heartbeat beyond its bounds is refused");
    EXPECT_EQ(rejected[1].reason, "events[1].data: nested deeper than 8 levels of objects and arrays; "
                                  "a heartbeat beyond its bounds is refused");
    EXPECT_EQ(rejected[2].reason, "events[2].data: " + std::to_string(too_big.size())
                                      + " bytes encoded; a heartbeat's data is at most 16384");
    EXPECT_EQ(rejected[3].reason, "events[3].data: more than 512 members and array elements in all; "
                                  "a heartbeat beyond its bounds is refused");
    ASSERT_EQ(decoded.value().batch.events.size(), 1u);
    EXPECT_EQ(decoded.value().batch.events[0].id, "51111111-2222-4333-8444-555555555555");

    // Exactly at the count bound is fine.
    std::string at_count = R"({"counts":[)";
    for (std::size_t i = 1; i < k_max_heartbeat_values; ++i)
        at_count += (i == 1 ? "" : ",") + std::to_string(i);
    at_count += "]}";
    auto at_bound = decode_batch(batch_with_event(heartbeat_event("61111111-2222-4333-8444-555555555555", at_count)));
    ASSERT_TRUE(at_bound);
    EXPECT_TRUE(at_bound.value().rejected.empty()) << at_bound.value().rejected[0].reason;
}

// Issue 17: past 64 levels the body is refused whole before any tree is built, naming where (a
// million levels used to crash the hub in dump()); the kiosk splits the batch and quarantines it.
TEST_F(ProtocolTest, ABodyNestedPastTheJsonBoundIsRefusedWholeNamingWhere)
{
    const std::string deep = "{\"deep\":" + std::string(1'000'000, '[') + std::string(1'000'000, ']') + "}";
    auto refused = decode_batch(batch_with_event(heartbeat_event("71111111-2222-4333-8444-555555555555", deep)));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().text().rfind("body: nested more than 64 levels of objects and arrays at $.events[0].data.deep[0][0]", 0), 0u)
        << refused.error().text();
}

TEST_F(ProtocolTest, HeartbeatMembersTheHubReadsAreCheckedForTheirTypes)
{
    const std::pair<const char*, const char*> cases[] = {
        {R"({"software_version":3})", "events[0].data.software_version: must be a string"},
        {R"({"uptime_s":"1 h"})", "events[0].data.uptime_s: must be an integer"},
        {R"({"disk_free_bytes":1.5})", "events[0].data.disk_free_bytes: must be an integer"},
        {R"({"queue":[3,1]})", "events[0].data.queue: must be an object"},
        {R"({"queue":{"never_drop":"3"}})", "events[0].data.queue.never_drop: must be an integer"},
        {R"({"queue":{"deferred":true}})", "events[0].data.queue.deferred: must be an integer"},
        {R"({"releases":{"installed":["7 0.2.0",8]}})", "events[0].data.releases.installed: must be an array of strings"},
        {R"({"releases":{"running":null}})", "events[0].data.releases.running: must be a string"},
        {R"({"update_refusal":{"at":"yesterday","reason":"x"}})", "events[0].data.update_refusal.at: must be an integer"},
        {R"({"last_sync_at":null})", "events[0].data.last_sync_at: must be an integer"},
        {R"([])", "events[0].data: must be an object"},
    };
    for (const auto& [data, reason] : cases) {
        auto decoded = decode_batch(batch_with_event(heartbeat_event("01111111-2222-4333-8444-555555555555", data)));
        ASSERT_TRUE(decoded) << data;
        ASSERT_EQ(decoded.value().rejected.size(), 1u) << data;
        EXPECT_EQ(decoded.value().rejected[0].reason, reason);
    }
    // Every member is optional: a kiosk of an older release sends fewer.
    auto empty = decode_batch(batch_with_event(heartbeat_event("01111111-2222-4333-8444-555555555555", "{}")));
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty.value().batch.events.size(), 1u);
}

TEST_F(ProtocolTest, OversizedEventIsRejectedAlone)
{
    WireEvent big = sample_checkin();
    big.kind = WireKind::heartbeat;
    big.data = R"({"note":")" + std::string(k_max_event_bytes, 'x') + "\"}";
    auto decoded = decode_batch(encode_batch(Batch{1, true, {big, sample_checkin("51111111-2222-4333-8444-555555555555")}}));
    ASSERT_TRUE(decoded);
    ASSERT_EQ(decoded.value().rejected.size(), 1u);
    EXPECT_EQ(decoded.value().rejected[0].id, big.id);
    EXPECT_EQ(decoded.value().batch.events.size(), 1u);
}

TEST_F(ProtocolTest, AnEventsSizeIsItsEncodedSizeToTheByte)
{
    // A check-in whose data carries a member this hub does not know is deferred when it fits, and
    // rejected for its size one encoded byte later. The padding is newlines: two bytes each, encoded.
    const auto with_note = [](const std::string& note, std::string id = "0d4c8a8e-8a51-4f7e-b1f3-2b0d5f0f6a11") {
        WireEvent event = sample_checkin(std::move(id));
        event.data = R"({"activity_id":"promenad-halmstad","note":)" + nlohmann::json(note).dump() + "}";
        return event;
    };
    const std::size_t empty_body = encode_batch(Batch{1, true, {}}).size();
    const std::size_t bare = encode_batch(Batch{1, true, {with_note("")}}).size() - empty_body;  // the event alone
    const std::size_t room = k_max_event_bytes - bare;  // encoded bytes the note may take
    std::string fits(room / 2, '\n');
    if (room % 2 == 1)
        fits += 'x';
    const WireEvent at_limit = with_note(fits);
    const WireEvent over = with_note(fits + "y", "51111111-2222-4333-8444-555555555555");
    ASSERT_EQ(encode_batch(Batch{1, true, {at_limit}}).size() - empty_body, k_max_event_bytes);

    auto decoded = decode_batch(encode_batch(Batch{1, true, {at_limit, over}}));
    ASSERT_TRUE(decoded) << decoded.error().text();
    ASSERT_EQ(decoded.value().deferred.size(), 1u);
    EXPECT_EQ(decoded.value().deferred[0].id, at_limit.id);
    ASSERT_EQ(decoded.value().rejected.size(), 1u);
    EXPECT_EQ(decoded.value().rejected[0].id, over.id);
    EXPECT_EQ(decoded.value().rejected[0].reason,
              "events[1]: " + std::to_string(k_max_event_bytes + 1) + " bytes encoded; at most "
                  + std::to_string(k_max_event_bytes) + " are accepted");
}

TEST_F(ProtocolTest, RepliesRoundTripAndGarbageIsAnError)
{
    BatchReply reply;
    reply.accepted = {"a"};
    reply.duplicate = {"b", "c"};
    reply.rejected = {{"d", "events[3].data.mood: bad"}};
    reply.server_time = 42;
    auto back = decode_reply(encode_reply(reply));
    ASSERT_TRUE(back) << back.error().text();
    EXPECT_EQ(back.value().accepted, reply.accepted);
    EXPECT_EQ(back.value().duplicate, reply.duplicate);
    ASSERT_EQ(back.value().rejected.size(), 1u);
    EXPECT_EQ(back.value().rejected[0].reason, "events[3].data.mood: bad");
    EXPECT_EQ(back.value().server_time, 42);

    // Without deferrals the reply is byte for byte what reply format 1.0 was.
    EXPECT_EQ(encode_reply(reply),
              R"({"accepted":["a"],"duplicate":["b","c"],"rejected":[{"id":"d","reason":"events[3].data.mood: bad"}],)"
              R"("server_time":42})");

    EXPECT_FALSE(decode_reply("<html>502 Bad Gateway</html>"));
    EXPECT_FALSE(decode_reply(R"({"accepted":["a"]})"));
    EXPECT_FALSE(decode_reply(R"({"accepted":[1],"duplicate":[],"rejected":[],"server_time":1})"));

    auto error = decode_error_reply(encode_error_reply({"stale_timestamp", "off by 9000 s", 99}));
    ASSERT_TRUE(error);
    EXPECT_EQ(error.value().error, "stale_timestamp");
    EXPECT_EQ(error.value().server_time, 99);
    EXPECT_FALSE(decode_error_reply("{}"));
}

// Issue 13: reply format 1.1 adds "deferred", written only when there is something deferred; the
// kiosk ignores reply members it does not know (a newer hub may add some) but not malformed known ones.
TEST_F(ProtocolTest, ReplyCarriesDeferralsAndUnknownReplyMembersAreIgnored)
{
    BatchReply reply;
    reply.accepted = {"a"};
    reply.deferred = {{"e", "events[1].kind: \"missed_activity\" is not a kind this hub knows"}};
    reply.server_time = 7;
    const std::string encoded = encode_reply(reply);
    EXPECT_EQ(encoded, R"({"accepted":["a"],"deferred":[{"id":"e","reason":"events[1].kind: \"missed_activity\" )"
                       R"(is not a kind this hub knows"}],"duplicate":[],"rejected":[],"server_time":7})");
    auto back = decode_reply(encoded);
    ASSERT_TRUE(back) << back.error().text();
    ASSERT_EQ(back.value().deferred.size(), 1u);
    EXPECT_EQ(back.value().deferred[0].id, "e");
    EXPECT_EQ(back.value().deferred[0].reason, reply.deferred[0].reason);
    EXPECT_EQ(encode_reply(back.value()), encoded);

    auto older = decode_reply(R"({"accepted":["a"],"duplicate":[],"rejected":[],"server_time":1})");
    ASSERT_TRUE(older);
    EXPECT_TRUE(older.value().deferred.empty());

    auto newer = decode_reply(R"({"accepted":["a"],"duplicate":[],"rejected":[{"id":"d","reason":"r","code":9}],)"
                              R"("deferred":[{"id":"e","reason":"r","retry_after_s":60}],"server_time":1,)"
                              R"("format_minor":4,"advice":{"upgrade":true}})");
    ASSERT_TRUE(newer) << newer.error().text();
    EXPECT_EQ(newer.value().accepted, std::vector<std::string>{"a"});
    EXPECT_EQ(newer.value().deferred.size(), 1u);
    EXPECT_EQ(newer.value().rejected.size(), 1u);

    auto malformed = decode_reply(R"({"accepted":[],"duplicate":[],"rejected":[],"deferred":{"id":"e"},"server_time":1})");
    ASSERT_FALSE(malformed);
    EXPECT_EQ(malformed.error().text(), "reply.deferred: must be an array");
    EXPECT_FALSE(decode_reply(R"({"accepted":[],"duplicate":[],"rejected":[],"deferred":[{"id":"e"}],"server_time":1})"));
}

TEST_F(ProtocolTest, RetryAfterReadsSecondsAndHttpDates)
{
    EXPECT_EQ(parse_retry_after("120", 0), 120);
    EXPECT_EQ(parse_retry_after(" 7 ", 0), 7);
    // 1994-11-06T08:49:37Z is 784111777.
    EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784111777 - 30), 30);
    EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784111777 + 30), 0);
    EXPECT_FALSE(parse_retry_after("soon", 0));
    EXPECT_FALSE(parse_retry_after("-5", 0));
    EXPECT_FALSE(parse_retry_after("Sun, 31 Feb 1994 08:49:37 GMT", 0));
    // delay-seconds is 1*DIGIT (RFC 9110 §10.2.3): leading zeros are still the number, and a number past
    // 64 signed bits is no delay at all.
    EXPECT_EQ(parse_retry_after(std::string(40, '0') + "9", 0), 9);
    EXPECT_EQ(parse_retry_after("9223372036854775807", 0), 9223372036854775807);
    EXPECT_FALSE(parse_retry_after("9223372036854775808", 0));
}

TEST_F(ProtocolTest, StoredEventsBecomeWireEvents)
{
    StoredEvent checkin;
    checkin.id = "0d4c8a8e-8a51-4f7e-b1f3-2b0d5f0f6a11";
    checkin.kind = EventKind::checkin;
    const std::string json = R"({"activity_id":"x"})";
    checkin.payload.assign(json.begin(), json.end());
    auto wire = to_wire_event(checkin);
    ASSERT_TRUE(wire);
    EXPECT_EQ(wire.value().data, json);

    StoredEvent damaged = checkin;
    damaged.payload = {'{', 'x'};
    auto refused = to_wire_event(damaged);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().text().find(checkin.id), std::string::npos);

    StoredEvent contact;
    contact.id = "a0b7c0de-1111-4222-8333-444455556666";
    contact.kind = EventKind::contact_request;
    contact.organisation_id = "org";
    contact.receipt_code = "K7P-4QX";
    contact.payload.assign(crypto_box_SEALBYTES + 5, 1);
    auto sealed = to_wire_event(contact);
    ASSERT_TRUE(sealed);
    EXPECT_EQ(sealed.value().sealed, contact.payload);
    EXPECT_EQ(sealed.value().organisation_id, "org");
}

// Issue 20: a visitor's wish ("I miss something") is the kind "missed", batch format 1.1. A batch that
// holds one says format_minor 1; every other batch stays 1.0's bytes. Known members are checked
// like a check-in's; an unknown one defers the event.
namespace {

WireEvent sample_wish(std::string id, std::string data)
{
    WireEvent event;
    event.id = std::move(id);
    event.kind = WireKind::missed;
    event.created_at = 1763899000;
    event.clock_synchronised = true;
    event.data = std::move(data);
    return event;
}

}  // namespace

TEST_F(ProtocolTest, AWishTravelsAsKindMissedInBatchFormatOneOne)
{
    EXPECT_EQ(k_batch_format.minor, 1);
    const std::string without = encode_batch(Batch{1, true, {sample_checkin()}});
    EXPECT_EQ(without.find("format_minor"), std::string::npos) << without;
    const WireEvent wish = sample_wish("a1111111-2222-4333-8444-555555555555",
                                       R"({"interest":"music","weekday":"sat","day_part":"evening","language":"ar"})");
    const std::string with = encode_batch(Batch{1, true, {sample_checkin(), wish}});
    EXPECT_EQ(with.rfind(R"({"format":1,"format_minor":1,"sent_at":1,)", 0), 0u) << with;

    auto decoded = decode_batch(with);
    ASSERT_TRUE(decoded) << decoded.error().text();
    EXPECT_EQ(decoded.value().format.minor, 1);
    EXPECT_TRUE(decoded.value().rejected.empty());
    EXPECT_TRUE(decoded.value().deferred.empty());
    ASSERT_EQ(decoded.value().batch.events.size(), 2u);
    const WireEvent& back = decoded.value().batch.events[1];
    EXPECT_EQ(back.kind, WireKind::missed);
    EXPECT_EQ(wire_kind_name(back.kind), "missed");
    const auto data = nlohmann::json::parse(back.data);
    EXPECT_EQ(data.at("interest"), "music");
    EXPECT_EQ(data.at("weekday"), "sat");
    EXPECT_EQ(data.at("day_part"), "evening");
    EXPECT_EQ(data.at("language"), "ar");
}

TEST_F(ProtocolTest, AWishIsCheckedLikeACheckIn)
{
    const std::vector<std::string> datas = {
        R"({"weekday":"sat"})",                                  // 0: one thing is enough
        R"({"interest":"music","colour":"blue"})",               // 1: unknown member: deferred
        R"({"weekday":"saturday"})",                             // 2: not a weekday: rejected
        R"({"day_part":"night"})",                               // 3: not a part of the day
        R"({"interest":"Music!"})",                              // 4: not a catalogue id
        R"({"language":"ar"})",                                  // 5: a language alone says nothing
        R"({"interest":"music","language":"Arabic language"})",  // 6: not a language code
        R"([])",                                                 // 7: not an object
    };
    Batch batch{1, true, {}};
    for (std::size_t i = 0; i < datas.size(); ++i)
        batch.events.push_back(sample_wish("b" + std::to_string(i) + "111111-2222-4333-8444-555555555555", datas[i]));
    auto decoded = decode_batch(encode_batch(batch));
    ASSERT_TRUE(decoded) << decoded.error().text();
    ASSERT_EQ(decoded.value().batch.events.size(), 1u);
    EXPECT_EQ(decoded.value().batch.events[0].id, batch.events[0].id);
    ASSERT_EQ(decoded.value().deferred.size(), 1u);
    EXPECT_EQ(decoded.value().deferred[0].reason, "events[1].data.colour: a member this hub does not know");
    const auto& rejected = decoded.value().rejected;
    ASSERT_EQ(rejected.size(), 6u);
    EXPECT_EQ(rejected[0].reason, "events[2].data.weekday: \"saturday\" is not one of mon, tue, wed, thu, fri, sat, sun");
    EXPECT_EQ(rejected[1].reason, "events[3].data.day_part: \"night\" is not one of morning, afternoon, evening");
    EXPECT_NE(rejected[2].reason.find("events[4].data.interest"), std::string::npos) << rejected[2].reason;
    EXPECT_EQ(rejected[3].reason, "events[5].data: names neither interest, weekday nor day_part");
    EXPECT_NE(rejected[4].reason.find("events[6].data.language"), std::string::npos) << rejected[4].reason;
    EXPECT_EQ(rejected[5].reason, "events[7].data: must be an object");
}

TEST_F(ProtocolTest, AStoredWishBecomesAMissedEvent)
{
    StoredEvent stored;
    stored.id = "c1111111-2222-4333-8444-555555555555";
    stored.kind = EventKind::missed;
    stored.created_at = 5;
    const std::string json = R"({"interest":"music"})";
    stored.payload.assign(json.begin(), json.end());
    auto wire = to_wire_event(stored);
    ASSERT_TRUE(wire) << wire.error().text();
    EXPECT_EQ(wire.value().kind, WireKind::missed);
    EXPECT_EQ(wire.value().data, json);
    stored.payload = {'[', ']'};
    EXPECT_FALSE(to_wire_event(stored));
}

