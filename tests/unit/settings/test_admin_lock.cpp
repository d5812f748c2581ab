// test_admin_lock.cpp — the admin PIN: Argon2id hashing and checking, the growing lockout (with an
// injected clock, so no test sleeps), and the hash-format rules the config relies on.
#include "core/settings/admin_lock.hpp"
#include "core/settings/config.hpp"

#include <sodium.h>

#include <gtest/gtest.h>

#include <cstring>

using namespace lotsen;

namespace {

// A hash made by libsodium itself with the cheapest costs, so each check takes well under a millisecond.
std::string cheap_hash(const char* pin)
{
    EXPECT_TRUE(init_sodium());
    char out[crypto_pwhash_STRBYTES];
    const int rc = crypto_pwhash_str(out, pin, std::strlen(pin), crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
    EXPECT_EQ(rc, 0);
    return out;
}

class AdminLockTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { s_hash = cheap_hash("2468"); }
    static std::string s_hash;

    // Fails three times at `now`, the last one starting the first lockout.
    static void fail_three_times(AdminLock& lock, double now)
    {
        for (int i = 0; i < 3; ++i)
            ASSERT_EQ(lock.try_pin("1357", now), PinOutcome::rejected);
    }
};

std::string AdminLockTest::s_hash;

}  // namespace

TEST_F(AdminLockTest, TheCheapHashIsArgon2id)
{
    EXPECT_EQ(s_hash.rfind("$argon2id$v=19$m=8,t=1,p=1$", 0), 0u) << s_hash;
}

TEST_F(AdminLockTest, CorrectPinIsAccepted)
{
    AdminLock lock(s_hash);
    EXPECT_TRUE(lock.configured());
    EXPECT_EQ(lock.try_pin("2468", 0.0), PinOutcome::accepted);
    EXPECT_EQ(lock.failures(), 0);
}

TEST_F(AdminLockTest, WrongPinIsRejectedAndCounted)
{
    AdminLock lock(s_hash);
    EXPECT_EQ(lock.try_pin("1357", 0.0), PinOutcome::rejected);
    EXPECT_EQ(lock.failures(), 1);
    EXPECT_EQ(lock.seconds_locked(0.0), 0.0);
    EXPECT_EQ(lock.try_pin("24680", 1.0), PinOutcome::rejected);  // the right PIN with a digit more
    EXPECT_EQ(lock.failures(), 2);
}

TEST_F(AdminLockTest, MalformedPinsAreRejectedAndCounted)
{
    AdminLock lock(s_hash);
    EXPECT_EQ(lock.try_pin("", 0.0), PinOutcome::rejected);
    EXPECT_EQ(lock.try_pin("246", 0.0), PinOutcome::rejected);
    EXPECT_EQ(lock.failures(), 2);
    AdminLock other(cheap_hash("2468a"));  // even a hash of a non-digit "PIN" is never matched
    EXPECT_EQ(other.try_pin("2468a", 0.0), PinOutcome::rejected);
}

TEST_F(AdminLockTest, ThreeFailuresLockForThirtySeconds)
{
    AdminLock lock(s_hash);
    EXPECT_EQ(lock.try_pin("1111", 100.0), PinOutcome::rejected);
    EXPECT_EQ(lock.try_pin("2222", 101.0), PinOutcome::rejected);
    EXPECT_EQ(lock.seconds_locked(101.0), 0.0);
    EXPECT_EQ(lock.try_pin("3333", 102.0), PinOutcome::rejected);
    EXPECT_DOUBLE_EQ(lock.seconds_locked(102.0), 30.0);
    EXPECT_DOUBLE_EQ(lock.seconds_locked(122.0), 10.0);
    EXPECT_EQ(lock.seconds_locked(132.0), 0.0);
    EXPECT_EQ(lock.try_pin("2468", 132.0), PinOutcome::accepted);
}

TEST_F(AdminLockTest, DuringLockoutEvenTheRightPinIsRefusedUnchecked)
{
    AdminLock lock(s_hash);
    fail_three_times(lock, 0.0);
    EXPECT_EQ(lock.try_pin("2468", 1.0), PinOutcome::locked_out);
    EXPECT_EQ(lock.try_pin("2468", 29.9), PinOutcome::locked_out);
    // Refused attempts are not counted and do not move the end of the lockout.
    EXPECT_EQ(lock.try_pin("9999", 20.0), PinOutcome::locked_out);
    EXPECT_EQ(lock.failures(), 3);
    EXPECT_DOUBLE_EQ(lock.seconds_locked(20.0), 10.0);
}

TEST_F(AdminLockTest, EachFurtherFailureDoublesTheLockoutUpToAnHour)
{
    AdminLock lock(s_hash);
    fail_three_times(lock, 0.0);
    double now = 0.0;
    const double expected[] = {30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600};
    for (const double seconds : expected) {
        ASSERT_DOUBLE_EQ(lock.seconds_locked(now), seconds) << "after " << lock.failures() << " failures";
        now += seconds;  // wait exactly until it ends
        ASSERT_EQ(lock.seconds_locked(now), 0.0);
        ASSERT_EQ(lock.try_pin("0000", now), PinOutcome::rejected);
    }
    EXPECT_EQ(lock.failures(), 13);
}

TEST_F(AdminLockTest, LockoutTable)
{
    EXPECT_EQ(AdminLock::lockout_seconds(0), 0.0);
    EXPECT_EQ(AdminLock::lockout_seconds(2), 0.0);
    EXPECT_EQ(AdminLock::lockout_seconds(3), 30.0);
    EXPECT_EQ(AdminLock::lockout_seconds(4), 60.0);
    EXPECT_EQ(AdminLock::lockout_seconds(9), 1920.0);
    EXPECT_EQ(AdminLock::lockout_seconds(10), 3600.0);
    EXPECT_EQ(AdminLock::lockout_seconds(1000), 3600.0);
}

TEST_F(AdminLockTest, SuccessResetsTheCount)
{
    AdminLock lock(s_hash);
    fail_three_times(lock, 0.0);
    ASSERT_EQ(lock.try_pin("0000", 30.0), PinOutcome::rejected);  // 4th: 60 s
    ASSERT_EQ(lock.try_pin("2468", 90.0), PinOutcome::accepted);
    EXPECT_EQ(lock.failures(), 0);
    EXPECT_EQ(lock.seconds_locked(90.0), 0.0);
    // Back to three free attempts and a first lockout of 30 s, not 120 s.
    EXPECT_EQ(lock.try_pin("0000", 91.0), PinOutcome::rejected);
    EXPECT_EQ(lock.try_pin("0000", 92.0), PinOutcome::rejected);
    EXPECT_EQ(lock.seconds_locked(92.0), 0.0);
    EXPECT_EQ(lock.try_pin("0000", 93.0), PinOutcome::rejected);
    EXPECT_DOUBLE_EQ(lock.seconds_locked(93.0), 30.0);
}

TEST_F(AdminLockTest, WithoutAHashAdminCannotBeUnlocked)
{
    AdminLock lock(std::nullopt);
    EXPECT_FALSE(lock.configured());
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(lock.try_pin("2468", i), PinOutcome::not_configured);
    EXPECT_EQ(lock.failures(), 0);
    EXPECT_EQ(lock.seconds_locked(5.0), 0.0);
}

TEST(PinHash, HashPinUsesTheChosenCostAndAFreshSalt)
{
    auto first = hash_pin("2468");
    auto second = hash_pin("2468");
    ASSERT_TRUE(first.ok()) << first.error().text();
    ASSERT_TRUE(second.ok()) << second.error().text();
    EXPECT_EQ(first.value().rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << first.value();
    EXPECT_NE(first.value(), second.value());
    EXPECT_EQ(crypto_pwhash_str_verify(first.value().c_str(), "2468", 4), 0);
    EXPECT_NE(crypto_pwhash_str_verify(first.value().c_str(), "2469", 4), 0);
    EXPECT_TRUE(check_pin_hash(first.value()).ok());
}

TEST(PinHash, HashPinRefusesWhatIsNotAPin)
{
    EXPECT_EQ(hash_pin("12a4").error().text(), "a PIN must be 4 to 12 digits (0-9)");
    EXPECT_FALSE(hash_pin("123").ok());
    EXPECT_FALSE(hash_pin("1234567890123").ok());
    EXPECT_TRUE(hash_pin("123456789012", crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN).ok());
}

TEST(PinHash, PinFormat)
{
    EXPECT_TRUE(is_pin_format("0000"));
    EXPECT_TRUE(is_pin_format("123456789012"));
    EXPECT_FALSE(is_pin_format("123"));
    EXPECT_FALSE(is_pin_format("1234567890123"));
    EXPECT_FALSE(is_pin_format("12 34"));
    EXPECT_FALSE(is_pin_format("١٢٣٤"));  // Arabic-Indic digits are not ASCII digits
}

TEST(PinHash, DemoHashIsPin2468AndShipsInTheDefaultConfig)
{
    AdminLock lock{std::string(k_demo_pin_hash)};
    EXPECT_EQ(lock.try_pin("2467", 0.0), PinOutcome::rejected);
    EXPECT_EQ(lock.try_pin("2468", 0.0), PinOutcome::accepted);
    EXPECT_TRUE(check_pin_hash(k_demo_pin_hash).ok());
    auto config = load_kiosk_config(std::string(LOTSEN_SOURCE_DIR) + "/config/lotsen.toml");
    ASSERT_TRUE(config.ok()) << config.error().text();
    EXPECT_EQ(config.value().admin_pin_hash, std::string(k_demo_pin_hash));
}

TEST(PinHash, CheckNamesWhatIsWrong)
{
    const std::string not_argon =
        "is not an Argon2id hash like \"$argon2id$v=19$m=19456,t=2,p=1$…$…\" (make one with lotsen-hub hash-pin)";
    EXPECT_EQ(check_pin_hash("2468").error().text(), not_argon);
    EXPECT_EQ(check_pin_hash("$2y$10$abcdefghijklmnopqrstuv").error().text(), not_argon);  // bcrypt
    EXPECT_EQ(check_pin_hash("$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA").error().text(),
              not_argon);
    // Right shape, but the salt and hash are not base64 libsodium can decode.
    const std::string demo(k_demo_pin_hash);
    const std::string bad_salt = "$argon2id$v=19$m=19456,t=2,p=1$!!!!" + demo.substr(demo.rfind('$'));
    EXPECT_EQ(check_pin_hash(bad_salt).error().text(), not_argon);
    EXPECT_EQ(check_pin_hash(demo.substr(0, demo.rfind('$'))).error().text(), not_argon);  // hash cut off
    const std::string tail = demo.substr(demo.find("p=1$") + 3);
    EXPECT_EQ(check_pin_hash("$argon2id$v=19$m=1048576,t=2,p=1" + tail).error().text(),
              "asks for m=1048576 KiB of memory per check; a kiosk allows at most 65536 KiB (64 MiB)");
    EXPECT_EQ(check_pin_hash("$argon2id$v=19$m=19456,t=40,p=1" + tail).error().text(),
              "asks for t=40 passes per check; a kiosk allows at most 10");
    EXPECT_EQ(check_pin_hash("$argon2id$v=19$m=19456,t=2,p=4" + tail).error().text(),
              "has p=4; libsodium checks only p=1");
    EXPECT_TRUE(check_pin_hash("$argon2id$v=19$m=65536,t=10,p=1" + tail).ok());  // at the limits
}
