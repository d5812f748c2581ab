// keygen's files: secret halves 0600, public halves base64, never overwritten; the sealing key loads
// back and opens what its public half sealed.
#include "hub/keys.hpp"
#include "core/wire/protocol.hpp"
#include "tests/common/files.hpp"

#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace lotsen::hub {
namespace {

using lotsen::testing::read_file;

unsigned mode_of(const std::string& path)
{
    struct stat info {};
    EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
    return static_cast<unsigned>(info.st_mode & 0777);
}

class Keys : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_FALSE(m_temp.path().empty());
        dir = m_temp.str();
    }
    lotsen::testing::TempDir m_temp{"lotsen-hub-keys"};  ///< removed with everything in it after the test
    std::string dir;
};

TEST_F(Keys, SecretFilesAre0600AndPublicOnesBase64)
{
    auto keys = generate_keys(dir);
    ASSERT_TRUE(keys.ok()) << keys.error().text();
    EXPECT_EQ(mode_of(dir + "/hub-seal.key"), 0600u);
    EXPECT_EQ(mode_of(dir + "/publisher.key"), 0600u);
    EXPECT_EQ(read_file(dir + "/hub-seal.key").size(), 32u);
    EXPECT_EQ(read_file(dir + "/publisher.key").size(), 64u);
    EXPECT_EQ(read_file(dir + "/hub-seal.pub"), keys.value().seal_public_base64 + "\n");
    EXPECT_EQ(read_file(dir + "/publisher.pub"), keys.value().publisher_public_base64 + "\n");
    EXPECT_TRUE(protocol::from_base64(keys.value().seal_public_base64, "seal key", 32).ok());

    // The secret key loads back and opens a box sealed to the printed public key.
    auto loaded = load_seal_key(dir + "/hub-seal.key");
    ASSERT_TRUE(loaded.ok()) << loaded.error().text();
    EXPECT_EQ(protocol::to_base64(loaded.value().public_key), keys.value().seal_public_base64);
    const std::string message = "hej";
    std::vector<unsigned char> sealed(message.size() + crypto_box_SEALBYTES);
    crypto_box_seal(sealed.data(), reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                    loaded.value().public_key.data());
    std::string opened(message.size(), '\0');
    EXPECT_EQ(crypto_box_seal_open(reinterpret_cast<unsigned char*>(opened.data()), sealed.data(), sealed.size(),
                                   loaded.value().public_key.data(), loaded.value().secret_key.data()),
              0);
    EXPECT_EQ(opened, message);
}

TEST_F(Keys, AMissingDirectoryIsCreatedPrivate)
{
    const std::string fresh = dir + "/fleet-keys";
    ASSERT_TRUE(generate_keys(fresh).ok());
    EXPECT_EQ(mode_of(fresh), 0700u);
    EXPECT_EQ(mode_of(fresh + "/hub-seal.key"), 0600u);
    EXPECT_FALSE(generate_keys(dir + "/no/such/parent").ok());  // one level is made, never a whole path
}

TEST_F(Keys, NeverOverwritesAndWritesNothingWhenAnyFileExists)
{
    ASSERT_TRUE(generate_keys(dir).ok());
    const std::string seal = read_file(dir + "/hub-seal.key");
    const std::string publisher = read_file(dir + "/publisher.key");
    auto again = generate_keys(dir);
    ASSERT_FALSE(again.ok());
    EXPECT_NE(again.error().text().find("already exists"), std::string::npos);
    EXPECT_EQ(read_file(dir + "/hub-seal.key"), seal);
    EXPECT_EQ(read_file(dir + "/publisher.key"), publisher);

    // Only one of the four present: still nothing written.
    std::filesystem::remove(dir + "/hub-seal.key");
    std::filesystem::remove(dir + "/hub-seal.pub");
    std::filesystem::remove(dir + "/publisher.key");
    ASSERT_FALSE(generate_keys(dir).ok());
    EXPECT_FALSE(std::filesystem::exists(dir + "/hub-seal.key"));
}

TEST_F(Keys, ASecretKeyOthersMayReadIsRefused)
{
    ASSERT_TRUE(generate_keys(dir).ok());
    ASSERT_EQ(::chmod((dir + "/hub-seal.key").c_str(), 0644), 0);
    auto loaded = load_seal_key(dir + "/hub-seal.key");
    ASSERT_FALSE(loaded.ok());
    EXPECT_NE(loaded.error().text().find("chmod 600"), std::string::npos);
}

}  // namespace
}  // namespace lotsen::hub
