// Tests of core/manifest: signing and verification of what the region publishes, the checks on every
// known member, format 1.1 (file formats, previous_major) written only when needed, unknown members
// ignored and listed, a newer major refused, and the freshness rules that stop a replayed,
// rolled-back or frozen manifest — also with two majors listed.
#include "core/wire/manifest.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

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

// A manifest file whose payload is exactly `payload`, signed by `publisher`.
std::string sign_payload(const std::string& payload, const protocol::SigningKeyPair& publisher)
{
    const std::string message = "LOTSEN-MANIFEST-V1\n" + payload;
    protocol::Signature signature{};
    crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         publisher.secret_key.data());
    return nlohmann::json{{"payload", protocol::to_base64(std::vector<std::uint8_t>(payload.begin(), payload.end()))},
                          {"signature", protocol::to_base64(signature)}}
        .dump();
}

// A manifest with a format-2 catalogue (version 9) and the format-1 one (version 8) beside it.
Manifest two_majors()
{
    Manifest m = sample();
    m.catalogue = entry(9, "json");
    m.catalogue->format = 2;
    m.previous_major.catalogue = entry(8, "json");
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
    auto signed_payload = [&](const std::string& payload) { return sign_payload(payload, publisher); };
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

    // A member the kiosk does not know never hides a bad known one.
    nlohmann::json extra_and_bad = good;
    extra_and_bad["catalogue"]["url"] = "http://elsewhere.example";
    extra_and_bad["catalogue"]["size"] = 0;
    auto bad_size = verify(signed_payload(extra_and_bad.dump()), publisher.public_key);
    ASSERT_FALSE(bad_size);
    EXPECT_EQ(bad_size.error().text(), "manifest payload.catalogue.size: 0 is below 1");

    nlohmann::json bad_format = good;
    bad_format["config"]["format"] = "2";
    auto not_integer = verify(signed_payload(bad_format.dump()), publisher.public_key);
    ASSERT_FALSE(not_integer);
    EXPECT_EQ(not_integer.error().text(), "manifest payload.config.format: must be an integer");
    bad_format["config"]["format"] = 0;
    EXPECT_FALSE(verify(signed_payload(bad_format.dump()), publisher.public_key));
    nlohmann::json bad_minor = good;
    bad_minor["format_minor"] = -1;
    EXPECT_FALSE(verify(signed_payload(bad_minor.dump()), publisher.public_key));

    nlohmann::json format = good;
    format["format"] = 0;
    EXPECT_FALSE(verify(signed_payload(format.dump()), publisher.public_key));
}

TEST(Manifest, WithoutNewerMembersItIsWrittenExactlyAsFormat10)
{
    // What a hub from before format 1.1 wrote for this manifest, byte for byte: kiosks from before
    // 1.1 refuse any member they do not know, so a manifest that needs nothing newer must not have one.
    Manifest m;
    m.sequence = 8;
    m.issued_at = 1763553600;
    m.expires_at = 1766145600;
    m.catalogue = entry(13, "json");
    const std::string hex = protocol::to_hex(m.catalogue->sha256);
    EXPECT_EQ(encode_payload(m), "{\n"
                                 "  \"catalogue\": {\n"
                                 "    \"file\": \"" + hex + ".json\",\n"
                                 "    \"name\": \"v13\",\n"
                                 "    \"published_at\": 1763900000,\n"
                                 "    \"sha256\": \"" + hex + "\",\n"
                                 "    \"size\": 1234,\n"
                                 "    \"version\": 13\n"
                                 "  },\n"
                                 "  \"expires_at\": 1766145600,\n"
                                 "  \"format\": 1,\n"
                                 "  \"issued_at\": 1763553600,\n"
                                 "  \"sequence\": 8\n"
                                 "}");
    EXPECT_FALSE(needs_format_minor(m));

    // Every kind, format 1 each: the members of 1.0 and no other.
    const auto json = nlohmann::json::parse(encode_payload(sample()));
    std::vector<std::string> members;
    for (const auto& [key, value] : json.items())
        members.push_back(key);
    EXPECT_EQ(members, (std::vector<std::string>{"catalogue", "config", "expires_at", "format", "issued_at", "release", "sequence"}));
    for (const char* kind : {"catalogue", "config", "release"}) {
        std::vector<std::string> entry_members;
        for (const auto& [key, value] : json[kind].items())
            entry_members.push_back(key);
        EXPECT_EQ(entry_members, (std::vector<std::string>{"file", "name", "published_at", "sha256", "size", "version"}))
            << kind;
    }
}

TEST(Manifest, Format11ListsFileFormatsAndThePreviousMajorAndRoundTrips)
{
    const auto publisher = protocol::generate_signing_key_pair();
    const Manifest m = two_majors();
    EXPECT_TRUE(needs_format_minor(m));
    const auto json = nlohmann::json::parse(encode_payload(m));
    EXPECT_EQ(json["format"], 1);
    EXPECT_EQ(json["format_minor"], 1);
    EXPECT_EQ(json["catalogue"]["format"], 2);
    EXPECT_FALSE(json["previous_major"]["catalogue"].contains("format"));  // format 1 goes without saying
    EXPECT_FALSE(json["config"].contains("format"));
    EXPECT_EQ(json["previous_major"].size(), 1u);

    auto verified = verify(sign(m, publisher), publisher.public_key);
    ASSERT_TRUE(verified) << verified.error().text();
    const Manifest& back = verified.value();
    ASSERT_TRUE(back.catalogue && back.previous_major.catalogue);
    EXPECT_EQ(back.catalogue->format, 2);
    EXPECT_EQ(back.catalogue->version, 9);
    EXPECT_EQ(back.previous_major.catalogue->format, 1);
    EXPECT_EQ(back.previous_major.catalogue->version, 8);
    EXPECT_EQ(back.previous_major.catalogue->file, m.previous_major.catalogue->file);
    EXPECT_FALSE(back.previous_major.config);
    EXPECT_TRUE(back.ignored.empty());
    EXPECT_EQ(encode_payload(back), encode_payload(m));
    EXPECT_EQ(back.newest_version(Kind::catalogue), 9);
    EXPECT_EQ(back.newest_version(Kind::config), 3);

    // An entry of another format alone makes it 1.1 too.
    Manifest config_two = sample();
    config_two.config->format = 2;
    EXPECT_TRUE(needs_format_minor(config_two));
    EXPECT_EQ(nlohmann::json::parse(encode_payload(config_two))["format_minor"], 1);
}

TEST(Manifest, MembersThisKioskDoesNotKnowAreIgnoredAndListed)
{
    const auto publisher = protocol::generate_signing_key_pair();
    nlohmann::json payload = nlohmann::json::parse(encode_payload(two_majors()));
    payload["format_minor"] = 4;  // a newer minor of format 1: read, what it adds skipped
    payload["mirrors"] = {"https://cdn.example/v1/"};
    payload["catalogue"]["image_pack"] = "abc";
    payload["previous_major"]["catalogue"]["image_pack"] = "def";
    payload["previous_major"]["fonts"] = {{"version", 1}};
    payload["release"]["delta"] = {{"from", 4}};
    payload["config"]["note with space"] = 1;
    nlohmann::json file = nlohmann::json::parse(sign_payload(payload.dump(), publisher));
    file["hint"] = "unsigned, and ignored as well";

    auto verified = verify(file.dump(), publisher.public_key);
    ASSERT_TRUE(verified) << verified.error().text();
    const Manifest& m = verified.value();
    // Everything known is there as signed.
    EXPECT_EQ(m.sequence, 7);
    EXPECT_EQ(m.catalogue->version, 9);
    EXPECT_EQ(m.previous_major.catalogue->version, 8);
    EXPECT_EQ(m.release->version, 5);
    std::vector<std::string> paths;
    for (const auto& path : m.ignored.paths())
        paths.push_back(path.path);
    std::sort(paths.begin(), paths.end());
    EXPECT_EQ(paths, (std::vector<std::string>{"manifest.hint", "payload.catalogue.image_pack", "payload.config[\"note with space\"]",
                                               "payload.mirrors", "payload.previous_major.catalogue.image_pack",
                                               "payload.previous_major.fonts", "payload.release.delta"}));
    EXPECT_EQ(m.ignored.total(), 7u);
    // What was ignored is not written back.
    EXPECT_EQ(encode_payload(m), encode_payload(two_majors()));
}

TEST(Manifest, ANewerMajorIsRefusedNamingBothVersions)
{
    const auto publisher = protocol::generate_signing_key_pair();
    nlohmann::json payload = nlohmann::json::parse(encode_payload(sample()));
    payload["format"] = 2;
    payload["catalogue"] = "whatever format 2 says";  // not read: nothing of a newer major is known
    auto refused = verify(sign_payload(payload.dump(), publisher), publisher.public_key);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().text().rfind("manifest format 2.0 is newer than this kiosk reads (1.1): ", 0), 0u)
        << refused.error().text();
    EXPECT_NE(refused.error().text().find("/v1/manifest.json"), std::string::npos) << refused.error().text();
    payload["format_minor"] = 3;
    auto with_minor = verify(sign_payload(payload.dump(), publisher), publisher.public_key);
    ASSERT_FALSE(with_minor);
    EXPECT_EQ(with_minor.error().text().rfind("manifest format 2.3 is newer", 0), 0u) << with_minor.error().text();
}

TEST(Manifest, APreviousMajorEntryNeedsAMainEntryOfAHigherFormat)
{
    const auto publisher = protocol::generate_signing_key_pair();
    const nlohmann::json good = nlohmann::json::parse(encode_payload(two_majors()));
    auto refused = [&](const std::function<void(nlohmann::json&)>& change) {
        nlohmann::json payload = good;
        change(payload);
        auto verified = verify(sign_payload(payload.dump(), publisher), publisher.public_key);
        return verified ? std::string("(accepted)") : verified.error().text();
    };
    EXPECT_EQ(refused([](auto&) {}), "(accepted)");
    EXPECT_EQ(refused([](auto& j) { j.erase("catalogue"); }),
              "manifest payload.previous_major.catalogue: listed without a main catalogue entry");
    EXPECT_EQ(refused([](auto& j) { j["previous_major"]["catalogue"]["format"] = 2; }),
              "manifest payload.previous_major.catalogue.format: 2 is not below the main catalogue entry's format 2");
    EXPECT_EQ(refused([](auto& j) { j["catalogue"].erase("format"); }),
              "manifest payload.previous_major.catalogue.format: 1 is not below the main catalogue entry's format 1");
    EXPECT_EQ(refused([](auto& j) { j["previous_major"] = {1, 2}; }), "manifest payload.previous_major: must be an object");
    EXPECT_EQ(refused([](auto& j) { j["previous_major"]["catalogue"]["file"] = "../x"; }).find(
                  "manifest payload.previous_major.catalogue.file:"),
              0u);
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

TEST(Manifest, FreshnessWithTwoMajorsLooksAtTheNewestVersionListed)
{
    // Catalogue 9 (format 2) with 8 (format 1) beside it.
    const Manifest m = two_majors();
    const std::int64_t now = m.issued_at;
    // A kiosk that took 8 (it reads format 1), or 9: nothing went back.
    EXPECT_TRUE(check_freshness(m, Seen{7, 8, 3, 5}, now));
    EXPECT_TRUE(check_freshness(m, Seen{7, 9, 3, 5}, now));
    // Above both: the region's state went back.
    auto rolled_back = check_freshness(m, Seen{7, 10, 3, 5}, now);
    ASSERT_FALSE(rolled_back);
    EXPECT_EQ(rolled_back.error().text(), "manifest catalogue version 9 is older than the 10 already accepted: refused (no rollback)");

    // The older major may carry the newer version (published after the main entry): a kiosk that
    // took it is not locked out by the main entry's lower number.
    Manifest newer_beside = m;
    newer_beside.previous_major.catalogue->version = 11;
    EXPECT_TRUE(check_freshness(newer_beside, Seen{7, 11, 3, 5}, now));
    EXPECT_EQ(newer_beside.newest_version(Kind::catalogue), 11);

    // The sequence and expiry rules are as before.
    EXPECT_FALSE(check_freshness(m, Seen{8, 0, 0, 0}, now));
    EXPECT_FALSE(check_freshness(m, Seen{}, m.expires_at));
}
