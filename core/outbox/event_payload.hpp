// event_payload.hpp — what goes inside an outbox event, for outbox.cpp: a check-in as JSON and a
// contact request sealed to the hub's key. Not part of the outbox's API; the checks of what visitors
// sent and the event ids and receipt codes (outbox.hpp) live in event_payload.cpp too.
#pragma once

#include "core/outbox/outbox.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace lotsen {

/// The check-in as the hub receives it: a JSON object without the questions left unanswered.
std::vector<std::uint8_t> checkin_payload(const CheckIn& checkin);

/// The wish as the hub receives it ("missed" event data): a JSON object without what was not said.
std::vector<std::uint8_t> missed_payload(const MissedWish& wish);

/// The wire name of a weekday, 0 = "mon" … 6 = "sun"; "" outside 0..6.
std::string_view weekday_wire_name(int weekday);

/// The wire name of a part of the day: "morning", "afternoon", "evening".
std::string_view day_part_wire_name(DayPart part);

/// The contact request, with its event id, receipt code and creation time, sealed to `hub_key`
/// (libsodium sealed box). The plaintext is wiped from memory before this returns; an error when
/// `hub_key` is not a usable X25519 public key.
Result<std::vector<std::uint8_t>> seal_contact_request(const ContactRequest& request, const HubPublicKey& hub_key,
                                                       std::string_view event_id, std::string_view receipt_code,
                                                       UnixSeconds created_at);

}  // namespace lotsen
