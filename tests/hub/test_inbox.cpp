// The inbox opens a request sealed as the kiosk seals it, refuses a box that does not belong to its
// row, and marks requests handled.
#include "tests/hub/contact_test_support.hpp"
#include "hub/inbox.hpp"

#include <cstdio>

namespace lotsen::hub::test {
namespace {

using Json = nlohmann::json;

class Inbox : public HubFixture {
protected:
    void SetUp() override
    {
        HubFixture::SetUp();
        crypto_box_keypair(keys.public_key.data(), keys.secret_key.data());
    }

    // A contact request sealed to the hub key; `sealed_id` / `sealed_code` override what goes inside.
    protocol::WireEvent sealed_request(const std::string& organisation, std::string sealed_id = "", std::string sealed_code = "")
    {
        return sealed_contact_request(keys, organisation, {"Anna", "phone", "070-123 45 67", ""}, k_now - 60,
                                      {std::move(sealed_id), std::move(sealed_code)});
    }

    std::string print(const InboxOptions& options, InboxSummary* summary_out = nullptr)
    {
        std::FILE* out = std::tmpfile();
        EXPECT_NE(out, nullptr);
        auto summary = print_inbox(*store, keys, options, out);
        EXPECT_TRUE(summary.ok());
        if (summary.ok() && summary_out)
            *summary_out = summary.value();
        std::rewind(out);
        std::string text;
        for (int c = std::fgetc(out); c != EOF; c = std::fgetc(out))
            text += static_cast<char>(c);
        std::fclose(out);
        return text;
    }

    SealKeyPair keys;
};

TEST_F(Inbox, OpensASealedRequestListsItAndMarksItHandled)
{
    const auto request = sealed_request("forening-a");
    ASSERT_EQ(send(signed_batch(batch_of({request}))).status, 200);

    InboxSummary summary;
    const std::string listing = print(InboxOptions{}, &summary);
    EXPECT_EQ(summary.shown, 1u);
    EXPECT_EQ(summary.open, 1u);
    EXPECT_EQ(summary.problems, 0u);
    EXPECT_NE(listing.find("== forening-a: 1 request(s), 1 open"), std::string::npos) << listing;
    EXPECT_NE(listing.find("Anna"), std::string::npos) << listing;
    EXPECT_NE(listing.find("phone: 070-123 45 67"), std::string::npos) << listing;
    EXPECT_NE(listing.find(request.receipt_code), std::string::npos) << listing;
    EXPECT_NE(listing.find("OPEN"), std::string::npos) << listing;

    // By the receipt code the visitor was given, in lowercase as an operator may type it.
    std::string code = request.receipt_code;
    for (char& c : code)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto handled = mark_request_handled(*store, code, k_now + 3600);
    ASSERT_TRUE(handled.ok()) << handled.error().text();
    EXPECT_NE(handled.value().find(request.id), std::string::npos);
    auto rows = store->contact_requests(std::nullopt);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(rows.value()[0].handled_at, std::optional<UnixSeconds>(k_now + 3600));

    InboxOptions open_only;
    open_only.open_only = true;
    EXPECT_NE(print(open_only).find("no open contact requests"), std::string::npos);
    EXPECT_NE(print(InboxOptions{}).find("handled"), std::string::npos);

    auto again = mark_request_handled(*store, request.id, k_now + 7200);
    ASSERT_TRUE(again.ok());
    EXPECT_NE(again.value().find("already handled"), std::string::npos);
    EXPECT_FALSE(mark_request_handled(*store, "ZZZ-ZZZ", k_now).ok());
}

TEST_F(Inbox, ABoxWhoseSealedIdsDifferIsAProblemAndItsContentsAreNotShown)
{
    const auto moved = sealed_request("forening-a", make_uuid_v4());
    const auto other_code = sealed_request("forening-a", "", "ABC-DEF");
    ASSERT_EQ(send(signed_batch(batch_of({moved, other_code}))).status, 200);
    InboxSummary summary;
    const std::string listing = print(InboxOptions{}, &summary);
    EXPECT_EQ(summary.problems, 2u);
    EXPECT_NE(listing.find("PROBLEM: the sealed event id differs"), std::string::npos) << listing;
    EXPECT_NE(listing.find("PROBLEM: the sealed receipt code differs"), std::string::npos) << listing;
    EXPECT_EQ(listing.find("Anna"), std::string::npos) << listing;
}

TEST_F(Inbox, ABoxSealedToAnotherKeyDoesNotOpen)
{
    const SealKeyPair right = keys;
    crypto_box_keypair(keys.public_key.data(), keys.secret_key.data());  // seal to a stranger's key
    const auto request = sealed_request("forening-a");
    keys = right;
    ASSERT_EQ(send(signed_batch(batch_of({request}))).status, 200);
    InboxSummary summary;
    const std::string listing = print(InboxOptions{}, &summary);
    EXPECT_EQ(summary.problems, 1u);
    EXPECT_NE(listing.find("does not open"), std::string::npos) << listing;
}

TEST_F(Inbox, FiltersByAssociation)
{
    ASSERT_EQ(send(signed_batch(batch_of({sealed_request("forening-a"), sealed_request("forening-b")}))).status, 200);
    InboxOptions options;
    options.organisation_id = "forening-b";
    const std::string listing = print(options);
    EXPECT_NE(listing.find("forening-b"), std::string::npos);
    EXPECT_EQ(listing.find("forening-a"), std::string::npos) << listing;
}

}  // namespace
}  // namespace lotsen::hub::test
