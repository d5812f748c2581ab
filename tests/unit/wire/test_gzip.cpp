// test_gzip.cpp — gzip bodies: what gzip_compress writes is RFC 1952 (magic bytes, deflate, and
// zlib's own inflate with gzip framing gives the input back), and gzip_decompress refuses bombs,
// truncation, trailing bytes and non-gzip input.
#include "core/wire/gzip.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>
#include <string>

namespace lotsen {
namespace {

// Inflates with zlib directly (not through gzip.cpp), so the test checks the format, not itself.
std::string zlib_gunzip(const std::string& compressed)
{
    z_stream stream{};
    EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
    std::string out;
    char buffer[4096];
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    stream.avail_in = static_cast<uInt>(compressed.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef*>(buffer);
        stream.avail_out = sizeof buffer;
        rc = inflate(&stream, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - stream.avail_out);
    }
    EXPECT_EQ(rc, Z_STREAM_END);
    EXPECT_EQ(stream.avail_in, 0u);
    inflateEnd(&stream);
    return out;
}

std::string batch_like_json(std::size_t events)
{
    std::string json = R"({"format":1,"sent_at":1763899990,"clock_synchronised":false,"events":[)";
    for (std::size_t i = 0; i < events; ++i) {
        if (i)
            json += ',';
        json += R"({"id":"0d4c8a8e-8a51-4f7e-b1f3-)" + std::to_string(100000000000 + i) +
                R"(","kind":"checkin","created_at":1763899000,"clock_synchronised":false,)"
                R"("data":{"activity_id":"promenad-halmstad","mood":"okay"}})";
    }
    return json + "]}";
}

TEST(Gzip, RoundTripThroughZlibsOwnInflate)
{
    std::mt19937 rng(7);
    std::string random_bytes(200000, '\0');
    for (char& c : random_bytes)
        c = static_cast<char>(rng());
    for (const std::string& input : {std::string(), std::string("{}"), batch_like_json(500), random_bytes}) {
        auto compressed = gzip_compress(input);
        ASSERT_TRUE(compressed.ok()) << compressed.error().text();
        ASSERT_GE(compressed.value().size(), 18u);  // 10-byte header, 8-byte trailer
        EXPECT_EQ(static_cast<unsigned char>(compressed.value()[0]), 0x1F);  // RFC 1952 magic
        EXPECT_EQ(static_cast<unsigned char>(compressed.value()[1]), 0x8B);
        EXPECT_EQ(compressed.value()[2], 8);  // CM = deflate
        EXPECT_EQ(zlib_gunzip(compressed.value()), input);
        auto back = gzip_decompress(compressed.value(), input.size());
        ASSERT_TRUE(back.ok()) << back.error().text();
        EXPECT_EQ(back.value(), input);
    }
}

TEST(Gzip, BatchesShrinkSeveralFold)
{
    const std::string json = batch_like_json(500);
    auto compressed = gzip_compress(json);
    ASSERT_TRUE(compressed.ok());
    EXPECT_LT(compressed.value().size() * 5, json.size()) << compressed.value().size() << " of " << json.size();
}

TEST(Gzip, DecompressionStopsAtItsLimit)
{
    const std::string zeros(10 << 20, '\0');  // 10 MiB of zeros compress to ~10 KiB: a small bomb
    auto compressed = gzip_compress(zeros, 9);
    ASSERT_TRUE(compressed.ok());
    EXPECT_LT(compressed.value().size(), 64u << 10);
    auto refused = gzip_decompress(compressed.value(), 4 << 20);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().text().find("more than 4194304 bytes"), std::string::npos) << refused.error().text();
}

TEST(Gzip, BrokenInputIsRefused)
{
    auto compressed = gzip_compress(batch_like_json(20));
    ASSERT_TRUE(compressed.ok());
    const std::string& body = compressed.value();

    auto truncated = gzip_decompress(body.substr(0, body.size() - 4), 1 << 20);
    ASSERT_FALSE(truncated.ok());
    auto trailing = gzip_decompress(body + "x", 1 << 20);
    ASSERT_FALSE(trailing.ok());
    EXPECT_NE(trailing.error().text().find("after the end"), std::string::npos) << trailing.error().text();
    auto plain = gzip_decompress(batch_like_json(2), 1 << 20);
    ASSERT_FALSE(plain.ok());
    EXPECT_NE(plain.error().text().find("not a valid gzip body"), std::string::npos) << plain.error().text();
    std::string corrupted = body;
    corrupted[corrupted.size() - 6] = static_cast<char>(corrupted[corrupted.size() - 6] ^ 0x55);  // CRC-32
    EXPECT_FALSE(gzip_decompress(corrupted, 1 << 20).ok());
    EXPECT_FALSE(gzip_decompress("", 1 << 20).ok());
}

}  // namespace
}  // namespace lotsen
