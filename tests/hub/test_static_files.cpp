// Serving the published tree: the Range, If-None-Match and file-name rules on their own, then the
// real server on loopback — 200 with a strong ETag, 304, 206 with the exact bytes, resuming from an
// offset, 416 with "bytes */SIZE", HEAD, traversal attempts sent byte for byte over a raw socket, a
// damaged or replaced file, and a file large enough to be streamed in many pieces.
#include "core/wire/manifest.hpp"
#include "tests/hub/publish_test_support.hpp"
#include "hub/request_rules.hpp"
#include "hub/server.hpp"
#include "hub/static_files.hpp"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

namespace lotsen::hub::test {
namespace {

using Kind = RangeAnswer::Kind;

TEST(StaticRules, RangeHeaders)
{
    auto expect = [](std::string_view header, std::uint64_t size, Kind kind, std::uint64_t first = 0,
                     std::uint64_t length = 0) {
        const RangeAnswer answer = interpret_range(header, size);
        EXPECT_EQ(answer.kind, kind) << header;
        if (kind == Kind::partial) {
            EXPECT_EQ(answer.first, first) << header;
            EXPECT_EQ(answer.length, length) << header;
        }
    };
    expect("bytes=0-", 100, Kind::partial, 0, 100);
    expect("bytes=10-19", 100, Kind::partial, 10, 10);
    expect("bytes=90-", 100, Kind::partial, 90, 10);
    expect("bytes=99-99", 100, Kind::partial, 99, 1);
    expect("bytes=90-500", 100, Kind::partial, 90, 10);  // the end is clamped to the last byte
    expect("bytes=-10", 100, Kind::partial, 90, 10);
    expect("bytes=-500", 100, Kind::partial, 0, 100);
    expect("Bytes = 5-6", 100, Kind::partial, 5, 2);
    expect("bytes=100-", 100, Kind::unsatisfiable);  // a finished download asking for more
    expect("bytes=100-200", 100, Kind::unsatisfiable);
    expect("bytes=-0", 100, Kind::unsatisfiable);
    // Ignored: the whole file is the answer.
    expect("bytes=0-1,5-6", 100, Kind::whole);
    expect("items=0-1", 100, Kind::whole);
    expect("bytes=5-2", 100, Kind::whole);
    expect("bytes=a-b", 100, Kind::whole);
    expect("bytes=-", 100, Kind::whole);
    expect("bytes=+5-", 100, Kind::whole);
    expect("bytes=99999999999999999999999-", 100, Kind::whole);
}

// Found by fuzz_hub_request: a position with more than 19 digits (leading zeros) was honoured by
// interpret_range but called unreadable by the server's first check, so it was answered 416. Both now
// read a position the same way; what one honours the other reads.
TEST(StaticRules, APositionWithLeadingZerosIsReadAlikeByBothRules)
{
    const std::string zeros(40, '0');
    for (const std::string& header : {"bytes=-" + zeros + "10", "bytes=" + zeros + "5-" + zeros + "6", "bytes=" + zeros + "90-"}) {
        EXPECT_TRUE(is_readable_range(header)) << header;
        EXPECT_EQ(interpret_range(header, 100).kind, Kind::partial) << header;
    }
    EXPECT_EQ(interpret_range("bytes=-" + zeros + "10", 100).first, 90u);
    // Beyond 64 bits, however written, neither honours it.
    EXPECT_FALSE(is_readable_range("bytes=0-99999999999999999999999"));
    EXPECT_EQ(interpret_range("bytes=0-99999999999999999999999", 100).kind, Kind::whole);
}

TEST(StaticRules, EntityTagsAndNames)
{
    const std::string tag = entity_tag(protocol::sha256("x"));
    EXPECT_EQ(tag, "\"" + protocol::to_hex(protocol::sha256("x")) + "\"");
    EXPECT_TRUE(if_none_match_matches(tag, tag));
    EXPECT_TRUE(if_none_match_matches("\"other\", W/" + tag, tag));
    EXPECT_TRUE(if_none_match_matches("*", tag));
    EXPECT_FALSE(if_none_match_matches("\"other\"", tag));
    EXPECT_FALSE(if_none_match_matches(tag.substr(1, 64), tag));  // unquoted
    EXPECT_TRUE(if_range_allows(tag, tag));
    EXPECT_FALSE(if_range_allows("W/" + tag, tag));
    EXPECT_FALSE(if_range_allows("Wed, 19 Nov 2025 12:00:00 GMT", tag));

    const std::string hex(64, 'a');
    EXPECT_TRUE(is_published_file_name(hex + ".json"));
    EXPECT_TRUE(is_published_file_name(hex + ".tgz"));
    EXPECT_TRUE(is_published_file_name(hex + ".abcdefg8"));
    EXPECT_FALSE(is_published_file_name(hex + ".abcdefghi"));
    EXPECT_FALSE(is_published_file_name(hex + "."));
    EXPECT_FALSE(is_published_file_name(hex + ".JSON"));
    EXPECT_FALSE(is_published_file_name(std::string(64, 'A') + ".json"));
    EXPECT_FALSE(is_published_file_name(hex.substr(1) + ".json"));
    EXPECT_FALSE(is_published_file_name("../" + hex.substr(3) + ".json"));
    EXPECT_FALSE(is_published_file_name(hex + ".js/n"));
    EXPECT_FALSE(is_published_file_name(".publish-abcdef"));
    EXPECT_FALSE(is_published_file_name("manifest.json"));
}

// A hub serving a published catalogue, release and one large file, on loopback.
class Serving : public PublishFixture {
protected:
    void SetUp() override
    {
        PublishFixture::SetUp();
        // hub.db in the data directory: the file a traversal would be after.
        auto store = HubStore::open(data_dir + "/hub.db");
        ASSERT_TRUE(store.ok()) << store.error().text();
        ServerOptions server_options;
        server_options.log_requests = false;
        server_options.published_dir = published_dir(data_dir);
        server = std::make_unique<hub::Server>(std::move(store.value()), server_options);
        auto bound = server->bind("127.0.0.1", 0);
        ASSERT_TRUE(bound.ok()) << bound.error().text();
        port = bound.value();
        thread = std::thread([this] { server->run().ok(); });
    }

    void TearDown() override
    {
        if (server)
            server->stop();
        if (thread.joinable())
            thread.join();
        server.reset();
        PublishFixture::TearDown();
    }

    // Publishes a catalogue and a release; returns the manifest.
    manifest::Manifest publish_some()
    {
        auto catalogue = publish_file(manifest::Kind::catalogue, source("c.json", catalogue_json(1)), publisher, options());
        EXPECT_TRUE(catalogue.ok()) << catalogue.error().text();
        auto release_done = publish_file(manifest::Kind::release, release("0.9.0", 300'000), publisher, options());
        EXPECT_TRUE(release_done.ok()) << release_done.error().text();
        return release_done.ok() ? release_done.value().manifest : manifest::Manifest{};
    }

    // A file of `size` bytes placed straight into files/ under its hash.
    std::string place_file(std::size_t size)
    {
        std::string bytes(size, '\0');
        for (std::size_t i = 0; i < size; ++i)
            bytes[i] = static_cast<char>((i * 7919) % 251);
        const std::string name = protocol::to_hex(protocol::sha256(bytes)) + ".bin";
        write_text(published() + "/files/" + name, bytes);
        return name;
    }

    httplib::Result get(const std::string& path, httplib::Headers headers = {})
    {
        httplib::Client client("127.0.0.1", port);
        return client.Get(path.c_str(), headers);
    }

    // The status code of a request sent exactly as written (no client tidies the path up).
    int raw_status(const std::string& target)
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        EXPECT_GE(fd, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
        const std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        EXPECT_EQ(::send(fd, request.data(), request.size(), 0), static_cast<ssize_t>(request.size()));
        std::string reply;
        char buffer[4096];
        for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
            reply.append(buffer, static_cast<std::size_t>(n));
        ::close(fd);
        if (reply.rfind("HTTP/1.1 ", 0) != 0 || reply.size() < 12)
            return -1;
        return std::stoi(reply.substr(9, 3));
    }

    std::unique_ptr<hub::Server> server;
    int port = 0;
    std::thread thread;
};

TEST_F(Serving, TheManifestIsServedWithAStrongETagAndNoCache)
{
    const auto none = get("/v1/manifest.json");
    ASSERT_TRUE(none);
    EXPECT_EQ(none->status, 404);  // nothing published yet

    publish_some();
    const std::string file = read_text(manifest_path());
    const auto res = get("/v1/manifest.json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->body, file);
    EXPECT_EQ(res->get_header_value("ETag"), entity_tag(protocol::sha256(file)));
    EXPECT_EQ(res->get_header_value("Cache-Control"), "no-cache");
    EXPECT_EQ(res->get_header_value("Content-Length"), std::to_string(file.size()));
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
    EXPECT_TRUE(manifest::verify(res->body, publisher.public_key).ok());

    // The kiosk's conditional poll: 304 while unchanged, 200 with a new tag after a refresh.
    const std::string etag = res->get_header_value("ETag");
    const auto unchanged = get("/v1/manifest.json", {{"If-None-Match", etag}});
    ASSERT_TRUE(unchanged);
    EXPECT_EQ(unchanged->status, 304);
    EXPECT_TRUE(unchanged->body.empty());
    EXPECT_EQ(unchanged->get_header_value("ETag"), etag);
    ASSERT_TRUE(refresh_manifest(publisher, options(k_publish_now + 3600)).ok());
    const auto changed = get("/v1/manifest.json", {{"If-None-Match", etag}});
    ASSERT_TRUE(changed);
    EXPECT_EQ(changed->status, 200);
    EXPECT_NE(changed->get_header_value("ETag"), etag);
    EXPECT_EQ(changed->body, read_text(manifest_path()));
}

TEST_F(Serving, AFileIsServedWholeWithItsHashAsETagAnd304WhenUnchanged)
{
    const manifest::Manifest manifest = publish_some();
    ASSERT_TRUE(manifest.release);
    const std::string bytes = read_text(published() + "/files/" + manifest.release->file);
    const auto res = get("/v1/files/" + manifest.release->file);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->body.size(), bytes.size());
    EXPECT_TRUE(res->body == bytes);
    const std::string etag = "\"" + protocol::to_hex(manifest.release->sha256) + "\"";
    EXPECT_EQ(res->get_header_value("ETag"), etag);
    EXPECT_EQ(res->get_header_value("Content-Length"), std::to_string(bytes.size()));
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/gzip");
    EXPECT_EQ(res->get_header_value("Accept-Ranges"), "bytes");
    EXPECT_NE(res->get_header_value("Cache-Control").find("immutable"), std::string::npos);

    const auto again = get("/v1/files/" + manifest.release->file, {{"If-None-Match", etag}});
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 304);
    EXPECT_TRUE(again->body.empty());

    const auto catalogue = get("/v1/files/" + manifest.catalogue->file);
    ASSERT_TRUE(catalogue);
    EXPECT_EQ(catalogue->status, 200);
    // The file as published (the publish dated its listings, catalogue format 1.4), byte for byte.
    EXPECT_EQ(catalogue->body, read_text(published() + "/files/" + manifest.catalogue->file));
    EXPECT_NE(catalogue->body.find("\"id\": \"walk\""), std::string::npos) << catalogue->body;
    EXPECT_EQ(catalogue->get_header_value("Content-Type"), "application/json");

    httplib::Client client("127.0.0.1", port);
    const auto head = client.Head(("/v1/files/" + manifest.release->file).c_str());
    ASSERT_TRUE(head);
    EXPECT_EQ(head->status, 200);
    EXPECT_EQ(head->get_header_value("Content-Length"), std::to_string(bytes.size()));
    EXPECT_EQ(head->get_header_value("ETag"), etag);
    EXPECT_TRUE(head->body.empty());
}

TEST_F(Serving, RangesGiveTheExactBytesAndADownloadResumesFromItsOffset)
{
    const std::string name = place_file(3 << 20);  // many provider pieces
    const std::string bytes = read_text(published() + "/files/" + name);
    const std::string path = "/v1/files/" + name;
    const std::string size = std::to_string(bytes.size());

    const auto middle = get(path, {{"Range", "bytes=100000-100999"}});
    ASSERT_TRUE(middle);
    EXPECT_EQ(middle->status, 206);
    EXPECT_EQ(middle->get_header_value("Content-Range"), "bytes 100000-100999/" + size);
    EXPECT_EQ(middle->get_header_value("Content-Length"), "1000");
    EXPECT_TRUE(middle->body == bytes.substr(100000, 1000));

    // A cut download: the first part arrived, the rest is asked for from where it stopped.
    const std::size_t cut = 1'234'567;
    const auto rest = get(path, {{"Range", "bytes=" + std::to_string(cut) + "-"}});
    ASSERT_TRUE(rest);
    EXPECT_EQ(rest->status, 206);
    EXPECT_EQ(rest->get_header_value("Content-Range"),
              "bytes " + std::to_string(cut) + "-" + std::to_string(bytes.size() - 1) + "/" + size);
    EXPECT_TRUE(bytes.substr(0, cut) + rest->body == bytes);
    EXPECT_EQ(rest->get_header_value("ETag"), "\"" + name.substr(0, 64) + "\"");

    const auto tail = get(path, {{"Range", "bytes=-10"}});
    ASSERT_TRUE(tail);
    EXPECT_EQ(tail->status, 206);
    EXPECT_EQ(tail->body, bytes.substr(bytes.size() - 10));

    // An end past the file is clamped (httplib alone would announce bytes it never sends).
    const auto past = get(path, {{"Range", "bytes=" + std::to_string(bytes.size() - 5) + "-99999999"}});
    ASSERT_TRUE(past);
    EXPECT_EQ(past->status, 206);
    EXPECT_EQ(past->body, bytes.substr(bytes.size() - 5));
    EXPECT_EQ(past->get_header_value("Content-Range"),
              "bytes " + std::to_string(bytes.size() - 5) + "-" + std::to_string(bytes.size() - 1) + "/" + size);

    // If-Range with another version's tag: the range is ignored, the whole new file comes.
    const auto other = get(path, {{"Range", "bytes=10-"}, {"If-Range", "\"" + std::string(64, '0') + "\""}});
    ASSERT_TRUE(other);
    EXPECT_EQ(other->status, 200);
    EXPECT_EQ(other->body.size(), bytes.size());
    const auto same = get(path, {{"Range", "bytes=10-"}, {"If-Range", "\"" + name.substr(0, 64) + "\""}});
    ASSERT_TRUE(same);
    EXPECT_EQ(same->status, 206);

    // Several ranges: answered whole, which HTTP allows.
    const auto several = get(path, {{"Range", "bytes=0-1,5-6"}});
    ASSERT_TRUE(several);
    EXPECT_EQ(several->status, 200);
    EXPECT_TRUE(several->body == bytes);
}

TEST_F(Serving, ARangeBeyondTheEndIs416WithTheSize)
{
    const std::string name = place_file(5000);
    const std::string path = "/v1/files/" + name;
    for (const char* range : {"bytes=5000-", "bytes=6000-7000", "bytes=-0"}) {
        const auto res = get(path, {{"Range", range}});
        ASSERT_TRUE(res) << range;
        EXPECT_EQ(res->status, 416) << range;
        EXPECT_EQ(res->get_header_value("Content-Range"), "bytes */5000") << range;
    }
    // A Range httplib cannot parse is refused by httplib itself, before any handler: also 416.
    const auto garbage = get(path, {{"Range", "bytes=abc"}});
    ASSERT_TRUE(garbage);
    EXPECT_EQ(garbage->status, 416);
    // The server carries on.
    const auto whole = get(path);
    ASSERT_TRUE(whole);
    EXPECT_EQ(whole->status, 200);
    EXPECT_EQ(whole->body.size(), 5000u);
}

TEST_F(Serving, NothingOutsideTheFileNameRuleIsReachable)
{
    const manifest::Manifest manifest = publish_some();
    ASSERT_TRUE(manifest.catalogue);
    ASSERT_EQ(raw_status("/v1/files/" + manifest.catalogue->file), 200);  // the raw client works
    const std::string hex = manifest.catalogue->file.substr(0, 64);
    for (const std::string& target : std::vector<std::string>{
             "/v1/files/..%2f..%2fhub.db",
             "/v1/files/../../hub.db",
             "/v1/files/%2e%2e/%2e%2e/hub.db",
             "/v1/files/..%2fmanifest.json",
             "/v1/files/%2fetc%2fpasswd",
             "/v1/files/" + hex + ".json%00.txt",
             "/v1/files/" + hex + ".JSON",
             "/v1/files/" + hex + ".jsonjsonj",
             "/v1/files/" + hex.substr(1) + ".json",
             "/v1/files/" + std::string(64, 'f') + ".json",  // well-formed, but not there
             "/v1/files/",
             "/v1/files/.publish-abcdef",
             "/v1/files/%2e%2e%2fpublished%2fmanifest.json",
         }) {
        EXPECT_EQ(raw_status(target), 404) << target;
    }
    // A symbolic link planted under a valid name is not followed.
    const std::string link_name = std::string(64, 'e') + ".json";
    std::filesystem::create_symlink(data_dir + "/hub.db", published() + "/files/" + link_name);
    EXPECT_EQ(raw_status("/v1/files/" + link_name), 404);
}

TEST_F(Serving, ADamagedOrReplacedFileIsNotServedUnderItsName)
{
    const std::string name = place_file(10000);
    const std::string path = published() + "/files/" + name;
    const auto first = get("/v1/files/" + name);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->status, 200);

    // Replaced by other bytes of the same size (a new inode): the cached hash is not trusted.
    std::string other = read_text(path);
    other[0] = static_cast<char>(other[0] ^ 0x55);
    write_text(path + ".new", other);
    std::filesystem::rename(path + ".new", path);
    const auto replaced = get("/v1/files/" + name);
    ASSERT_TRUE(replaced);
    EXPECT_EQ(replaced->status, 500);
    EXPECT_NE(replaced->body, other);
}

}  // namespace
}  // namespace lotsen::hub::test
