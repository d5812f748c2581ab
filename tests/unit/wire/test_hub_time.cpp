// Tests of the hub's signed time (docs/protocol.md, "The hub's signed time"): what the hub signs,
// what a kiosk accepts (only a time signed by the hub's time key over the request it just sent) and
// refuses (another key, another request or nonce, a cut-short or garbled header), the clock that
// judges a manifest's expiry, and HubTime carrying a signed time on by the boot clock.
#include "core/time/hub_time.hpp"
#include "core/update/updater.hpp"
#include "core/wire/protocol.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>

using namespace lotsen;
using namespace lotsen::protocol;

namespace {

constexpr std::int64_t k_hub_now = 1780300800;

class HubTimeSigning : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_GE(sodium_init(), 0);
        m_hub = generate_signing_key_pair();
        m_kiosk = generate_signing_key_pair();
        m_request = sign_request(m_kiosk, "POST", k_events_path, k_hub_now, R"({"format":1})");
        m_nonce = new_time_nonce();
    }

    SigningKeyPair m_hub;
    SigningKeyPair m_kiosk;
    SignedHeaders m_request;
    std::string m_nonce;
};

TEST_F(HubTimeSigning, TheTimeSignedForThisRequestVerifies)
{
    const std::string header = sign_hub_time(m_hub, k_hub_now, m_request.signature, m_nonce);
    ASSERT_EQ(header.rfind("v1 1780300800 ", 0), 0u) << header;
    const auto time = verify_hub_time(header, m_hub.public_key, m_request.signature, m_nonce);
    ASSERT_TRUE(time) << time.error().text();
    EXPECT_EQ(time.value(), k_hub_now);
}

TEST_F(HubTimeSigning, TheSignedMessageIsDomainSeparated)
{
    EXPECT_EQ(hub_time_message(42, "SIG", "NONCE"), "lotsen-time-v1\n42\nSIG\nNONCE");
}

TEST_F(HubTimeSigning, NoncesAreFreshAndSixteenBytes)
{
    const std::string other = new_time_nonce();
    EXPECT_NE(m_nonce, other);
    EXPECT_TRUE(from_base64(m_nonce, "nonce", k_time_nonce_bytes));
}

TEST_F(HubTimeSigning, AnotherKeyIsRefused)
{
    const SigningKeyPair stranger = generate_signing_key_pair();
    const std::string header = sign_hub_time(stranger, k_hub_now, m_request.signature, m_nonce);
    const auto time = verify_hub_time(header, m_hub.public_key, m_request.signature, m_nonce);
    ASSERT_FALSE(time);
    EXPECT_NE(time.error().text().find("does not verify"), std::string::npos) << time.error().text();
}

TEST_F(HubTimeSigning, ATimeForAnotherRequestIsRefused)
{
    // An old reply replayed to a new request: same key, another request signature.
    const SignedHeaders later = sign_request(m_kiosk, "POST", k_events_path, k_hub_now + 1, R"({"format":1})");
    const std::string old_reply = sign_hub_time(m_hub, k_hub_now - 86400, m_request.signature, m_nonce);
    EXPECT_FALSE(verify_hub_time(old_reply, m_hub.public_key, later.signature, m_nonce));
    // The same request signature (a kiosk that sent the same batch at the same second after a
    // reboot) with a new nonce: still refused.
    EXPECT_FALSE(verify_hub_time(old_reply, m_hub.public_key, m_request.signature, new_time_nonce()));
}

TEST_F(HubTimeSigning, AChangedTimeIsRefused)
{
    std::string header = sign_hub_time(m_hub, k_hub_now, m_request.signature, m_nonce);
    header.replace(3, 10, "1780300900");
    EXPECT_FALSE(verify_hub_time(header, m_hub.public_key, m_request.signature, m_nonce));
}

TEST_F(HubTimeSigning, TruncatedAndGarbledHeadersAreRefused)
{
    const std::string header = sign_hub_time(m_hub, k_hub_now, m_request.signature, m_nonce);
    for (const std::string& bad : {std::string(), std::string("v1"), std::string("v1 1780300800"),
                                  header.substr(0, header.size() - 10), header.substr(0, header.size() - 1),
                                  "v2" + header.substr(2), "v1 -5 " + header.substr(header.rfind(' ') + 1),
                                  "v1 12x4 " + header.substr(header.rfind(' ') + 1), header + " extra",
                                  "v1  1780300800 " + header.substr(header.rfind(' ') + 1),
                                  std::string("v1 1780300800 !!!!"), std::string(4000, 'A')}) {
        SCOPED_TRACE(bad.substr(0, 80));
        const auto time = verify_hub_time(bad, m_hub.public_key, m_request.signature, m_nonce);
        ASSERT_FALSE(time);
        EXPECT_NE(time.error().text().find(k_header_hub_time), std::string::npos) << time.error().text();
    }
}

TEST_F(HubTimeSigning, TheHubSignsNothingItCouldNotHaveBeenAsked)
{
    EXPECT_EQ(sign_hub_time(m_hub, k_hub_now, "not a signature", m_nonce), "");
    EXPECT_EQ(sign_hub_time(m_hub, k_hub_now, m_request.signature, "c2hvcnQ="), "");
    EXPECT_EQ(sign_hub_time(m_hub, k_hub_now, m_request.signature, ""), "");
}

TEST(ExpiryClock, ASynchronisedLocalClockJudges)
{
    const ExpiryClock clock = choose_expiry_clock(k_hub_now + 400 * 86400, true, k_hub_now);
    EXPECT_EQ(clock.source, ExpiryClock::Source::local_synchronised);
    EXPECT_EQ(clock.now, k_hub_now + 400 * 86400);
}

TEST(ExpiryClock, AnUnsynchronisedClockGivesWayToTheHubsSignedTime)
{
    const ExpiryClock clock = choose_expiry_clock(k_hub_now + 400 * 86400, false, k_hub_now);
    EXPECT_EQ(clock.source, ExpiryClock::Source::hub_signed);
    EXPECT_EQ(clock.now, k_hub_now);
    EXPECT_EQ(clock.description, "the hub's signed time (local clock not synchronised, 400 days ahead)");
}

TEST(ExpiryClock, WithoutASignedTimeTheLocalClockJudgesAsBefore)
{
    const ExpiryClock clock = choose_expiry_clock(k_hub_now - 7200, false, std::nullopt);
    EXPECT_EQ(clock.source, ExpiryClock::Source::local_unsynchronised);
    EXPECT_EQ(clock.now, k_hub_now - 7200);
    EXPECT_NE(clock.description.find("not synchronised"), std::string::npos);
}

TEST(HubTimeKeeper, CarriesTheSignedTimeOnByTheBootClock)
{
    std::int64_t boot_ms = 5'000;
    HubTime time([&] { return boot_ms; });
    EXPECT_FALSE(time.now());
    time.record(k_hub_now);
    EXPECT_EQ(time.now(), k_hub_now);
    boot_ms += 90'500;  // the wall clock may jump; the boot clock only moves on
    EXPECT_EQ(time.now(), k_hub_now + 90);
    time.record(k_hub_now + 1000);
    EXPECT_EQ(time.now(), k_hub_now + 1000);
}

}  // namespace
