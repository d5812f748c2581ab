// contact_test_support.hpp — contact requests sealed to a hub key exactly as a kiosk seals them, with
// personal data of the test's choosing, delivered through the real ingest path at a chosen hub time.
// For the tests that must prove where personal data does and does not end up (retention, notices).
#pragma once

#include "tests/hub/hub_test_support.hpp"
#include "hub/keys.hpp"

#include <string>

namespace lotsen::hub::test {

/// What a visitor gave.
struct VisitorDetails {
    std::string name;
    std::string channel = "phone";  ///< phone, email, meet_here
    std::string reach;              ///< the number or address
    std::string message;            ///< free text (the kiosk's "about", kept in the box)
};

/// What goes inside the box when a test makes it disagree with its row (empty: the row's own).
struct SealedOverrides {
    std::string event_id;
    std::string receipt_code;
};

/// A contact request for `organisation` sealed to `keys.public_key`.
inline protocol::WireEvent sealed_contact_request(const SealKeyPair& keys, const std::string& organisation,
                                                  const VisitorDetails& visitor, UnixSeconds created_at,
                                                  const SealedOverrides& inside = {})
{
    protocol::WireEvent event;
    event.id = make_uuid_v4();
    event.kind = protocol::WireKind::contact_request;
    event.created_at = created_at;
    event.clock_synchronised = true;
    event.organisation_id = organisation;
    event.receipt_code = make_receipt_code();
    const nlohmann::json plain = {{"format", 1},
                                  {"event_id", inside.event_id.empty() ? event.id : inside.event_id},
                                  {"receipt_code", inside.receipt_code.empty() ? event.receipt_code : inside.receipt_code},
                                  {"created_at", created_at},
                                  {"organisation_id", organisation},
                                  {"activity_id", "promenad"},
                                  {"name", visitor.name},
                                  {"channel", visitor.channel},
                                  {"reach", visitor.reach},
                                  {"message", visitor.message},
                                  {"preferred_language", "sv"},
                                  {"consent", true}};
    const std::string text = plain.dump();
    event.sealed.resize(text.size() + crypto_box_SEALBYTES);
    crypto_box_seal(event.sealed.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                    keys.public_key.data());
    return event;
}

/// Delivers `event` through the real ingest path, signed by `kiosk`, at hub time `received_at`; a
/// failed delivery fails the test.
inline void deliver_through_ingest(HubStore& store, const protocol::SigningKeyPair& kiosk, const protocol::WireEvent& event,
                                   UnixSeconds received_at)
{
    OwnedRequest request;
    request.body = protocol::encode_batch(batch_of({event}, received_at));
    request.headers = protocol::sign_request(kiosk, "POST", "/v1/events", received_at, request.body);
    const IngestResponse response = ingest_events(store, request.view(), received_at);
    EXPECT_EQ(response.status, 200) << response.body;
}

}  // namespace lotsen::hub::test
