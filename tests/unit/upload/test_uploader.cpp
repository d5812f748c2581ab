// test_uploader.cpp — the upload pipeline's decisions without a network: what each hub reply means
// (docs/protocol.md, "Replies"), full-jitter backoff within its bounds, Retry-After as a minimum,
// the 413/400 split down to the one event that is quarantined, the heartbeat's JSON, and the
// events URL (the [upstream] url checks are test_url.cpp's). The pipeline against a server on
// loopback is test_uploader_loopback.cpp.
#include "core/upload/uploader.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>

namespace lotsen {
namespace {

using std::chrono::milliseconds;
using Kind = ReplyAction::Kind;

constexpr std::int64_t k_now = 1763900000;

HttpReply reply(long status, std::string body, std::string retry_after = {})
{
    HttpReply r;
    r.transport_ok = true;
    r.status = status;
    r.body = std::move(body);
    r.retry_after = std::move(retry_after);
    return r;
}

std::string error_body(std::string_view code)
{
    protocol::ErrorReply error;
    error.error = std::string(code);
    error.message = "because";
    error.server_time = k_now + 4000;
    return protocol::encode_error_reply(error);
}

TEST(UploaderClassify, OkReplyIsDeliveredWithItsLists)
{
    protocol::BatchReply ok;
    ok.accepted = {"0d4c8a8e-8a51-4f7e-b1f3-2b0d5f0f6a11"};
    ok.duplicate = {"a0b7c3d1-0000-4000-8000-000000000001"};
    ok.rejected = {{"77e1aaaa-0000-4000-8000-000000000002", "events[2].data.mood: 'sad' is not one of heavy, low, okay, good"}};
    ok.server_time = k_now;
    const ReplyAction action = classify_reply(reply(200, protocol::encode_reply(ok)), k_now);
    ASSERT_EQ(action.kind, Kind::deliver);
    EXPECT_EQ(action.reply.accepted, ok.accepted);
    EXPECT_EQ(action.reply.duplicate, ok.duplicate);
    ASSERT_EQ(action.reply.rejected.size(), 1u);
    EXPECT_EQ(action.reply.rejected[0].reason, ok.rejected[0].reason);
}

// Issue 13: a reply of format 1.1 carries "deferred"; the kiosk reads it, and ignores reply members
// it does not know (a newer hub may add some) instead of taking the reply for garbage.
TEST(UploaderClassify, DeferralsAreDeliveredAndUnknownReplyMembersIgnored)
{
    protocol::BatchReply ok;
    ok.accepted = {"0d4c8a8e-8a51-4f7e-b1f3-2b0d5f0f6a11"};
    ok.deferred = {{"a0b7c3d1-0000-4000-8000-000000000001", "held by the operator"}};
    ok.server_time = k_now;
    const ReplyAction action = classify_reply(reply(200, protocol::encode_reply(ok)), k_now);
    ASSERT_EQ(action.kind, Kind::deliver);
    EXPECT_EQ(action.reply.accepted, ok.accepted);
    ASSERT_EQ(action.reply.deferred.size(), 1u);
    EXPECT_EQ(action.reply.deferred[0].id, ok.deferred[0].id);

    const ReplyAction newer = classify_reply(
        reply(200, R"({"accepted":[],"duplicate":[],"rejected":[],"server_time":1,"retry_hint_s":600,"notes":[{"x":1}]})"),
        k_now);
    EXPECT_EQ(newer.kind, Kind::deliver) << newer.reason;
    // A malformed member the kiosk does know is still garbage: nothing is acted on.
    EXPECT_EQ(classify_reply(reply(200, R"({"accepted":[],"duplicate":[],"rejected":[],"deferred":"all","server_time":1})"),
                             k_now)
                  .kind,
              Kind::retry);
}

TEST(UploaderClassify, GarbageAndNetworkErrorsAreRetried)
{
    EXPECT_EQ(classify_reply(reply(200, "<html>oops</html>"), k_now).kind, Kind::retry);
    EXPECT_EQ(classify_reply(reply(200, R"({"accepted":[]})"), k_now).kind, Kind::retry);  // fields missing
    EXPECT_EQ(classify_reply(reply(200, ""), k_now).kind, Kind::retry);
    HttpReply refused;
    refused.transport_error = "Couldn't connect to server";
    const ReplyAction action = classify_reply(refused, k_now);
    EXPECT_EQ(action.kind, Kind::retry);
    EXPECT_NE(action.reason.find("Couldn't connect"), std::string::npos) << action.reason;
}

TEST(UploaderClassify, ServerErrorsAreRetriedWithOrWithoutTheHubsBody)
{
    EXPECT_EQ(classify_reply(reply(500, error_body("internal")), k_now).kind, Kind::retry);
    EXPECT_EQ(classify_reply(reply(502, "<html>Bad Gateway</html>"), k_now).kind, Kind::retry);
    EXPECT_EQ(classify_reply(reply(504, ""), k_now).kind, Kind::retry);
}

TEST(UploaderClassify, BadRequestAndTooLargeSplit)
{
    for (long status : {400L, 413L}) {
        const ReplyAction action =
            classify_reply(reply(status, error_body(status == 400 ? "bad_request" : "too_large")), k_now);
        EXPECT_EQ(action.kind, Kind::split) << status;
        EXPECT_NE(action.reason.find(std::to_string(status)), std::string::npos) << action.reason;
        EXPECT_NE(action.reason.find("because"), std::string::npos) << action.reason;
    }
}

TEST(UploaderClassify, FourHundredsWithoutTheHubsBodyQuarantineNothing)
{
    // A proxy's 413 page or a wrong URL's 404 must not set visitors' events aside.
    EXPECT_EQ(classify_reply(reply(413, "<html>Request Entity Too Large</html>"), k_now).kind, Kind::retry);
    EXPECT_EQ(classify_reply(reply(404, "not found"), k_now).kind, Kind::retry);
    EXPECT_EQ(classify_reply(reply(404, error_body("not_found")), k_now).kind, Kind::retry);
    EXPECT_EQ(classify_reply(reply(401, "no"), k_now).kind, Kind::retry);
}

TEST(UploaderClassify, AuthenticationReplies)
{
    const ReplyAction stale = classify_reply(reply(401, error_body("stale_timestamp")), k_now);
    EXPECT_EQ(stale.kind, Kind::adopt_clock);
    EXPECT_EQ(stale.server_time, k_now + 4000);
    EXPECT_EQ(classify_reply(reply(401, error_body("replay")), k_now).kind, Kind::new_timestamp);
    EXPECT_EQ(classify_reply(reply(401, error_body("unknown_kiosk")), k_now).kind, Kind::refused);
    EXPECT_EQ(classify_reply(reply(401, error_body("bad_signature")), k_now).kind, Kind::refused);
    EXPECT_EQ(classify_reply(reply(401, error_body("something_new")), k_now).kind, Kind::retry);
}

TEST(UploaderClassify, BusyHonoursRetryAfterUpToAnHour)
{
    const ReplyAction seconds = classify_reply(reply(429, error_body("busy"), "120"), k_now);
    EXPECT_EQ(seconds.kind, Kind::busy);
    EXPECT_EQ(seconds.retry_after_seconds, 120);
    const ReplyAction no_body = classify_reply(reply(503, "", "7"), k_now);
    EXPECT_EQ(no_body.kind, Kind::busy);
    EXPECT_EQ(no_body.retry_after_seconds, 7);
    const ReplyAction huge = classify_reply(reply(503, error_body("busy"), "999999"), k_now);
    EXPECT_EQ(huge.retry_after_seconds, k_max_retry_after_seconds);
    // Sun, 06 Nov 1994 08:49:37 GMT is 784111777; a minute later is "now".
    const ReplyAction date = classify_reply(reply(503, error_body("busy"), "Sun, 06 Nov 1994 08:49:37 GMT"), 784111777 - 60);
    EXPECT_EQ(date.retry_after_seconds, 60);
    const ReplyAction unreadable = classify_reply(reply(429, error_body("busy"), "soon"), k_now);
    EXPECT_EQ(unreadable.kind, Kind::busy);
    EXPECT_EQ(unreadable.retry_after_seconds, std::nullopt);
    EXPECT_EQ(classify_reply(reply(429, error_body("busy")), k_now).retry_after_seconds, std::nullopt);
}

TEST(UploaderBackoff, FullJitterStaysWithinTheCappedExponential)
{
    std::mt19937_64 rng(12345);
    const milliseconds base(1000);
    const milliseconds cap(300000);
    for (int n = 0; n <= 14; ++n) {
        const std::int64_t bound = std::min<std::int64_t>(cap.count(), base.count() << n);
        std::int64_t low = bound;
        std::int64_t high = 0;
        for (int i = 0; i < 2000; ++i) {
            const std::int64_t delay = backoff_delay(n, base, cap, rng).count();
            ASSERT_GE(delay, 0) << "n=" << n;
            ASSERT_LE(delay, bound) << "n=" << n;
            low = std::min(low, delay);
            high = std::max(high, delay);
        }
        // Full jitter uses the whole range, not only its top (a fixed seed: no flakiness).
        EXPECT_LT(low, bound / 10 + 1) << "n=" << n;
        EXPECT_GT(high, bound * 9 / 10) << "n=" << n;
    }
}

TEST(UploaderBackoff, ManyFailuresNeitherOverflowNorPassTheCap)
{
    std::mt19937_64 rng(1);
    for (int n : {62, 63, 64, 1000, 1 << 30}) {
        const milliseconds delay = backoff_delay(n, milliseconds(1000), milliseconds(300000), rng);
        EXPECT_GE(delay.count(), 0);
        EXPECT_LE(delay.count(), 300000);
    }
    EXPECT_EQ(backoff_delay(5, milliseconds(0), milliseconds(0), rng).count(), 0);
}

TEST(UploaderBackoff, RetryAfterRaisesTheMinimumButIsBelievedForAnHourAtMost)
{
    std::mt19937_64 rng(99);
    for (int i = 0; i < 500; ++i) {
        const milliseconds small = failure_delay(1, milliseconds(1000), milliseconds(300000), 30, rng);
        ASSERT_GE(small.count(), 30000);
        ASSERT_LE(small.count(), 30000);  // backoff after one failure is at most 2 s: Retry-After wins
        const milliseconds capped = failure_delay(20, milliseconds(1000), milliseconds(300000), 86400, rng);
        ASSERT_EQ(capped.count(), 3600000);
        const milliseconds none = failure_delay(3, milliseconds(1000), milliseconds(300000), std::nullopt, rng);
        ASSERT_LE(none.count(), 8000);
    }
}

TEST(UploaderSplit, HalvesDownToSingleEvents)
{
    EXPECT_TRUE(split_batch(0).empty());
    EXPECT_TRUE(split_batch(1).empty());
    using Halves = std::vector<std::pair<std::size_t, std::size_t>>;
    EXPECT_EQ(split_batch(2), (Halves{{0, 1}, {1, 2}}));
    EXPECT_EQ(split_batch(5), (Halves{{0, 2}, {2, 5}}));
    EXPECT_EQ(split_batch(500), (Halves{{0, 250}, {250, 500}}));
}

// The split plan played against a hub that refuses (413) every batch holding a poison event: all
// other events are delivered, exactly the poison ones end up alone and quarantined, and the number
// of requests stays near poison · 2 · log2(n).
TEST(UploaderSplit, PoisonEventsAreIsolatedAndEverythingElseDelivered)
{
    const std::size_t n = 500;
    const std::set<std::size_t> poison = {0, 137, 138, 499};
    std::vector<std::size_t> delivered;
    std::vector<std::size_t> quarantined;
    int requests = 0;
    std::function<void(std::size_t, std::size_t)> send = [&](std::size_t begin, std::size_t end) {
        ++requests;
        const bool refused = std::any_of(poison.begin(), poison.end(), [&](std::size_t p) { return p >= begin && p < end; });
        if (!refused) {
            for (std::size_t i = begin; i < end; ++i)
                delivered.push_back(i);
            return;
        }
        const auto halves = split_batch(end - begin);
        if (halves.empty()) {
            quarantined.push_back(begin);
            return;
        }
        for (const auto& [b, e] : halves)
            send(begin + b, begin + e);
    };
    send(0, n);
    EXPECT_EQ(quarantined, (std::vector<std::size_t>(poison.begin(), poison.end())));
    EXPECT_EQ(delivered.size() + quarantined.size(), n);
    std::sort(delivered.begin(), delivered.end());
    EXPECT_EQ(std::adjacent_find(delivered.begin(), delivered.end()), delivered.end());  // each once
    EXPECT_LE(requests, static_cast<int>(poison.size()) * 2 * 9 + 1);
}

TEST(UploaderHeartbeat, ReportsWhatTheProtocolLists)
{
    HeartbeatFacts facts;
    facts.software_version = "0.1.0";
    facts.catalogue_version = 12;
    facts.uptime_s = 86400;
    facts.queue = QueueCounts{3, 1, 2};
    facts.disk_free_bytes = 12884901888ULL;
    auto json = nlohmann::json::parse(heartbeat_json(facts));
    EXPECT_EQ(json.at("software_version"), "0.1.0");
    EXPECT_EQ(json.at("catalogue_version"), 12);
    EXPECT_EQ(json.at("uptime_s"), 86400);
    EXPECT_EQ(json.at("queue").at("never_drop"), 3);
    EXPECT_EQ(json.at("queue").at("low_value"), 1);
    EXPECT_EQ(json.at("queue").at("deferred"), 0);
    EXPECT_EQ(json.at("quarantined"), 2);
    EXPECT_EQ(json.at("disk_free_bytes"), 12884901888ULL);
    EXPECT_FALSE(json.contains("last_sync_at"));  // absent before the first upload
    facts.last_sync_at = 1763898000;
    json = nlohmann::json::parse(heartbeat_json(facts));
    EXPECT_EQ(json.at("last_sync_at"), 1763898000);
    EXPECT_EQ(json.size(), 8u);
    facts.events_deferred = 5;  // issue 13: events the hub deferred, kept in the outbox
    json = nlohmann::json::parse(heartbeat_json(facts));
    EXPECT_EQ(json.at("queue").at("deferred"), 5);
}

TEST(UploaderHeartbeat, ReportsReleases)
{
    HeartbeatFacts facts;
    auto json = nlohmann::json::parse(heartbeat_json(facts));
    // The packaged program, nothing installed: still reported, so the fleet sees "none" rather than "unknown".
    EXPECT_EQ(json.at("releases"), nlohmann::json::parse(R"({"installed":[],"running":"","failed":[]})"));
    facts.releases_installed = {"7 0.2.0", "8 0.3.0"};
    facts.release_running = "7 0.2.0";
    facts.releases_failed = {"8 0.3.0"};
    json = nlohmann::json::parse(heartbeat_json(facts));
    EXPECT_EQ(json.at("releases").at("installed"), nlohmann::json::parse(R"(["7 0.2.0","8 0.3.0"])"));
    EXPECT_EQ(json.at("releases").at("running"), "7 0.2.0");
    EXPECT_EQ(json.at("releases").at("failed"), nlohmann::json::parse(R"(["8 0.3.0"])"));
}

TEST(UploaderHeartbeat, ReportsImageRefusalsOnceThereAreAny)
{
    HeartbeatFacts facts;
    EXPECT_FALSE(nlohmann::json::parse(heartbeat_json(facts)).contains("image_refusals"));  // none yet
    const std::string reason = std::string(64, 'a') + ".png: not a PNG or JPEG file";
    facts.image_refusals = HeartbeatFacts::ImageRefusalsFact{3, 1763899000, reason};
    const auto json = nlohmann::json::parse(heartbeat_json(facts));
    ASSERT_TRUE(json.contains("image_refusals")) << json.dump();
    EXPECT_EQ(json.at("image_refusals"),
              nlohmann::json::parse(R"({"count":3,"at":1763899000,"reason":")" + reason + R"("})"));
}

TEST(UploaderHeartbeat, DiskFreeIsReadFromTheFileSystem)
{
    EXPECT_TRUE(disk_free_bytes("/").has_value());
    EXPECT_EQ(disk_free_bytes("/no/such/directory/here"), std::nullopt);
}

TEST(UploaderUrl, EventsUrl)
{
    EXPECT_EQ(events_url("https://hub.example.se"), "https://hub.example.se/v1/events");
    EXPECT_EQ(events_url("http://127.0.0.1:8080/"), "http://127.0.0.1:8080/v1/events");
    EXPECT_EQ(events_url("https://example.se/lotsen/"), "https://example.se/lotsen/v1/events");
}

TEST(UploaderCreate, RefusesBadOptions)
{
    UploaderOptions options;
    options.url = "hub.example.se";
    options.outbox_path = "/tmp/x/outbox.db";
    auto bad_url = Uploader::create(options, protocol::generate_signing_key_pair());
    ASSERT_FALSE(bad_url.ok());
    EXPECT_NE(bad_url.error().text().find("https://"), std::string::npos) << bad_url.error().text();
    options.url = "https://hub.example.se";
    options.batch_events = 1001;
    EXPECT_FALSE(Uploader::create(options, protocol::generate_signing_key_pair()).ok());
    options.batch_events = 500;
    options.deferred_retry = milliseconds(-1);
    EXPECT_FALSE(Uploader::create(options, protocol::generate_signing_key_pair()).ok());
    options.deferred_retry = milliseconds(0);
    options.outbox_path.clear();
    EXPECT_FALSE(Uploader::create(options, protocol::generate_signing_key_pair()).ok());
}

// A hub that accepts the connection and never answers: only stop() can end the request (the
// timeouts are set far beyond any test run). The events stay pending.
TEST(UploaderStop, AbortsARequestInFlight)
{
    const auto dir = std::filesystem::temp_directory_path() / ("lotsen-uploader-stop-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);

    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(listener, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ASSERT_EQ(::listen(listener, 4), 0);
    socklen_t length = sizeof address;
    ASSERT_EQ(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length), 0);

    UploaderOptions options;
    options.url = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
    options.outbox_path = (dir / "outbox.db").string();
    options.request_timeout = std::chrono::minutes(10);
    options.low_speed_time = std::chrono::minutes(10);
    options.heartbeat_interval = std::chrono::hours(1);  // one heartbeat at start: something to send
    auto uploader = Uploader::create(options, protocol::generate_signing_key_pair());
    ASSERT_TRUE(uploader.ok()) << uploader.error().text();
    uploader.value()->start();

    const int connection = ::accept(listener, nullptr, nullptr);  // the uploader is now mid-request
    ASSERT_GE(connection, 0);
    uploader.value()->stop();  // must return although the hub never answers
    EXPECT_FALSE(uploader.value()->status().running);
    ::close(connection);
    ::close(listener);

    auto log = Outbox::open(options.outbox_path, OutboxOptions{});
    ASSERT_TRUE(log.ok());
    auto counts = log.value()->counts();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts.value(), (QueueCounts{0, 1, 0}));  // nothing acknowledged, nothing quarantined
    log = Error{"closed"};
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace lotsen
