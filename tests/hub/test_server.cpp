// The real server on loopback (port 0), driven with httplib's client: gzip bodies, a gzip bomb, the
// wire-size limit, the health endpoint. The store is a file, read through a second connection.
#include "tests/hub/hub_test_support.hpp"
#include "hub/server.hpp"
#include "tests/common/files.hpp"

#include <httplib.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

namespace lotsen::hub::test {
namespace {

using Json = nlohmann::json;

// gzip (RFC 1952) of `repeat` copies of `chunk`, compressed as a stream so a large input never
// exists in memory at once.
std::string gzip(const std::string& chunk, std::size_t repeat = 1)
{
    z_stream stream{};
    EXPECT_EQ(deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY), Z_OK);
    std::string out;
    std::string buffer(1 << 16, '\0');
    for (std::size_t i = 0; i < repeat; ++i) {
        stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(chunk.data()));
        stream.avail_in = static_cast<uInt>(chunk.size());
        const int flush = i + 1 == repeat ? Z_FINISH : Z_NO_FLUSH;
        int rc = Z_OK;
        do {
            stream.next_out = reinterpret_cast<Bytef*>(buffer.data());
            stream.avail_out = static_cast<uInt>(buffer.size());
            rc = deflate(&stream, flush);
            out.append(buffer.data(), buffer.size() - stream.avail_out);
        } while (stream.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    }
    deflateEnd(&stream);
    return out;
}

class Server : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_GE(sodium_init(), 0);
        ASSERT_FALSE(m_temp.path().empty());
        dir = m_temp.str();
        auto observer_store = HubStore::open(dir + "/hub.db");
        ASSERT_TRUE(observer_store.ok()) << observer_store.error().text();
        observer = std::move(observer_store.value());
        kiosk = protocol::generate_signing_key_pair();
        ASSERT_TRUE(observer->enroll_kiosk(protocol::to_base64(kiosk.public_key), "Test site", "", system_clock_now()).ok());

        auto server_store = HubStore::open(dir + "/hub.db");
        ASSERT_TRUE(server_store.ok());
        ServerOptions options;
        options.log_requests = false;
        server = std::make_unique<hub::Server>(std::move(server_store.value()), options);
        auto bound = server->bind("127.0.0.1", 0);
        ASSERT_TRUE(bound.ok()) << bound.error().text();
        port = bound.value();
        ASSERT_GT(port, 0);
        // The socket listens from bind() on: requests queue until run() accepts them.
        thread = std::thread([this] { run_result = server->run().ok(); });
    }

    void TearDown() override
    {
        if (server)
            server->stop();
        if (thread.joinable())
            thread.join();
        EXPECT_TRUE(run_result);
        observer.reset();
        server.reset();
    }

    httplib::Headers signed_headers(const std::string& uncompressed_body, bool gzipped)
    {
        const auto signed_request = protocol::sign_request(kiosk, "POST", "/v1/events", system_clock_now(), uncompressed_body);
        httplib::Headers headers{{protocol::k_header_kiosk, signed_request.kiosk},
                                 {protocol::k_header_timestamp, signed_request.timestamp},
                                 {protocol::k_header_signature, signed_request.signature}};
        if (gzipped)
            headers.emplace("Content-Encoding", "gzip");
        return headers;
    }

    bool healthy()
    {
        httplib::Client client("127.0.0.1", port);
        const auto res = client.Get("/v1/health");
        return res && res->status == 200 && Json::parse(res->body)["status"] == "ok";
    }

    lotsen::testing::TempDir m_temp{"lotsen-hub-test"};  ///< removed with everything in it after the test
    std::string dir;
    std::unique_ptr<HubStore> observer;
    protocol::SigningKeyPair kiosk;
    std::unique_ptr<hub::Server> server;
    int port = 0;
    std::thread thread;
    bool run_result = true;
};

TEST_F(Server, HealthAnswersWithServerTime)
{
    httplib::Client client("127.0.0.1", port);
    const auto res = client.Get("/v1/health");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    const Json body = Json::parse(res->body);
    EXPECT_EQ(body["status"], "ok");
    EXPECT_TRUE(body["server_time"].is_number_integer());
}

TEST_F(Server, AcceptsAGzipBodySignedOverItsUncompressedForm)
{
    const std::string body = protocol::encode_batch(batch_of({checkin("a", "x", system_clock_now() - 10),
                                                              checkin("a", "y", system_clock_now() - 5)},
                                                             system_clock_now()));
    httplib::Client client("127.0.0.1", port);
    const auto res = client.Post("/v1/events", signed_headers(body, true), gzip(body), "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    auto reply = protocol::decode_reply(res->body);
    ASSERT_TRUE(reply.ok()) << reply.error().text();
    EXPECT_EQ(reply.value().accepted.size(), 2u);
    auto counted = observer->row_counts();
    ASSERT_TRUE(counted.ok());
    EXPECT_EQ(counted.value().events, 2);

    // Keep-alive: a second request on the same client also works; an uncompressed one too.
    const std::string plain = protocol::encode_batch(batch_of({checkin("a", "z", system_clock_now())}, system_clock_now()));
    const auto second = client.Post("/v1/events", signed_headers(plain, false), plain, "application/json");
    ASSERT_TRUE(second);
    EXPECT_EQ(second->status, 200) << second->body;
}

TEST_F(Server, AGzipBombIsRefusedWith413AndTheServerCarriesOn)
{
    // 100 MiB of zeros compress to about 100 KiB: well under the wire limit, far over the 4 MiB that
    // a body may decompress to.
    const std::string bomb = gzip(std::string(1 << 20, '\0'), 100);
    ASSERT_LT(bomb.size(), protocol::k_max_wire_body_bytes);
    httplib::Client client("127.0.0.1", port);
    const auto res = client.Post("/v1/events", signed_headers("irrelevant", true), bomb, "application/json");
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    EXPECT_EQ(res->status, 413);
    EXPECT_EQ(Json::parse(res->body)["error"], "too_large");
    EXPECT_TRUE(healthy());
    auto counted = observer->row_counts();
    ASSERT_TRUE(counted.ok());
    EXPECT_EQ(counted.value().events, 0);
}

TEST_F(Server, ABodyOverTheWireLimitIs413)
{
    const std::string body(protocol::k_max_wire_body_bytes + 1, 'x');
    httplib::Client client("127.0.0.1", port);
    const auto res = client.Post("/v1/events", signed_headers(body, false), body, "application/json");
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    EXPECT_EQ(res->status, 413);
    EXPECT_EQ(Json::parse(res->body)["error"], "too_large");
    EXPECT_TRUE(healthy());
}

TEST_F(Server, InvalidGzipAndUnknownEncodingsAre400)
{
    httplib::Client client("127.0.0.1", port);
    const auto broken = client.Post("/v1/events", signed_headers("{}", true), std::string("not gzip at all"), "application/json");
    ASSERT_TRUE(broken);
    EXPECT_EQ(broken->status, 400);
    EXPECT_EQ(Json::parse(broken->body)["error"], "bad_request");

    httplib::Headers headers = signed_headers("{}", false);
    headers.emplace("Content-Encoding", "compress");
    const auto unknown = client.Post("/v1/events", headers, std::string("{}"), "application/json");
    ASSERT_TRUE(unknown);
    EXPECT_EQ(unknown->status, 400);
    EXPECT_TRUE(healthy());
}

TEST_F(Server, AnUnsignedRequestIs401AndStoresNothing)
{
    const std::string body = protocol::encode_batch(batch_of({checkin("a", "x", system_clock_now())}, system_clock_now()));
    httplib::Client client("127.0.0.1", port);
    const auto res = client.Post("/v1/events", body, "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
    auto counted = observer->row_counts();
    ASSERT_TRUE(counted.ok());
    EXPECT_EQ(counted.value().events, 0);
    EXPECT_EQ(counted.value().seen_signatures, 0);
}

}  // namespace
}  // namespace lotsen::hub::test
