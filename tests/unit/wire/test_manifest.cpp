// Tests of core/manifest: signing and verification of what the region publishes, strict parsing,
// and the freshness rules that stop a replayed, rolled-back or frozen manifest.
#include "core/wire/manifest.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <nlohmann/json.hpp>

using namespace lotsen;
using namespace lotsen::manifest;

namespace {

Entry entry(std::int64_t version, const std::string& ext)
{
    Entry e;
    e.version = version;
    e.name = "v" + std::to_string(version);
    e.size = 1234;
    e.sha256 = protocol::sha256("content " + std::to_string(version));
    e.file = protocol::to_hex(e.sha256) + "." + ext;
    e.published_at = 1763900000;
    return e;
}

Manifest sample()
{
    Manifest m;
    m.sequence = 7;
    m.issued_at = 1763900000;
    m.expires_at = 1763900000 + 30 * 86400;
    m.catalogue = entry(12, "json");
    m.config = entry(3, "toml");
    m.release = entry(5, "tar");
    return m;
}

// The manifest file with its payload replaced by `payload` (signature kept).
std::string with_payload(const std::string& file, const std::string& payload)
{
    nlohmann::json json = nlohmann::json::parse(file);
    json["payload"] = protocol::to_base64(std::vector<std::uint8_t>(payload.begin(), payload.end()));
    return json.dump();
}

}  // namespace

TEST(Manifest, SignedManifestVerifiesAndRoundTrips)
{
    ASSERT_GE(sodium_init(), 0);
    const auto publisher = protocol::generate_signing_key_pair();
    const std::string file = sign(sample(), publisher);
    auto verified = verify(file, publisher.public_key);
    ASSERT_TRUE(verified) << verified.error().text();
    EXPECT_EQ(verified.value().sequence, 7);
    ASSERT_TRUE(verified.value().catalogue);
    EXPECT_EQ(verified.value().catalogue->version, 12);
    EXPECT_EQ(verified.value().catalogue->sha256, sample().catalogue->sha256);
    EXPECT_EQ(verified.value().release->file, sample().release->file);
    EXPECT_EQ(verified.value().config->name, "v3");
}

TEST(Manifest, AnyChangeOrAnotherKeyIsRefused)
{
    const auto publisher = protocol::generate_signing_key_pair();
    const std::string file = sign(sample(), publisher);
    auto other_key = verify(file, protocol::generate_signing_key_pair().public_key);
    ASSERT_FALSE(other_key);
    EXPECT_NE(other_key.error().text().find("signature does not verify"), std::string::npos);

    Manifest bumped = sample();
    bumped.catalogue->version = 13;
    auto tampered = verify(with_payload(file, encode_payload(bumped)), publisher.public_key);
    ASSERT_FALSE(tampered);
    EXPECT_NE(tampered.error().text().find("signature"), std::string::npos);
    EXPECT_FALSE(verify("not json", publisher.public_key));
    EXPECT_FALSE(verify(R"({"payload":"e30=","signature":"AAAA"})", publisher.public_key));
}

TEST(Manifest, SignedButMalformedContentIsStillRefused)
{
    // A publisher's mistake must not become a kiosk's problem: the content is checked after the signature.
    const auto publisher = protocol::generate_signing_key_pair();
    auto signed_payload = [&](const std::string& payload) {
        const std::string message = "LOTSEN-MANIFEST-V1\n" + payload;
        protocol::Signature signature{};
        crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                             message.size(), publisher.secret_key.data());
        return nlohmann::json{{"payload", protocol::to_base64(std::vector<std::uint8_t>(payload.begin(), payload.end()))},
                              {"signature", protocol::to_base64(signature)}}
            .dump();
    };
    nlohmann::json good = nlohmann::json::parse(encode_payload(sample()));
    ASSERT_TRUE(verify(signed_payload(good.dump()), publisher.public_key));

    nlohmann::json traversal = good;
    traversal["release"]["file"] = "../../etc/passwd";
    auto refused = verify(signed_payload(traversal.dump()), publisher.public_key);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().text().find("manifest payload.release.file"), std::string::npos) << refused.error().text();

    nlohmann::json mismatch = good;
    mismatch["config"]["file"] = protocol::to_hex(protocol::sha256("other")) + ".toml";
    EXPECT_FALSE(verify(signed_payload(mismatch.dump()), publisher.public_key));

    nlohmann::json extra = good;
    extra["catalogue"]["url"] = "http://elsewhere.example";
    auto unknown = verify(signed_payload(extra.dump()), publisher.public_key);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().text(), "manifest payload.catalogue.url: unknown member");

    nlohmann::json format = good;
    format["format"] = 2;
    EXPECT_FALSE(verify(signed_payload(format.dump()), publisher.public_key));
}

TEST(Manifest, FreshnessRefusesExpiredReplayedAndRolledBack)
{
    const Manifest m = sample();
    Seen seen{7, 12, 3, 5};
    EXPECT_TRUE(check_freshness(m, seen, m.issued_at + 10));  // the same manifest again is fine

    auto expired = check_freshness(m, seen, m.expires_at);
    ASSERT_FALSE(expired);
    EXPECT_NE(expired.error().text().find("expired"), std::string::npos);

    auto replayed = check_freshness(m, Seen{8, 0, 0, 0}, m.issued_at);
    ASSERT_FALSE(replayed);
    EXPECT_NE(replayed.error().text().find("sequence 7 is older than the 8"), std::string::npos);

    auto rolled_back = check_freshness(m, Seen{1, 0, 0, 6}, m.issued_at);
    ASSERT_FALSE(rolled_back);
    EXPECT_NE(rolled_back.error().text().find("release version 5 is older than the 6"), std::string::npos);
}
