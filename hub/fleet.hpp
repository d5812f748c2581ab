// fleet.hpp — what the operator sees of the kiosks (`lotsen-hub fleet`, `enroll --list`): each
// enrolled kiosk's site, key, when the hub last heard from it, and its newest heartbeat (versions,
// uptime, queue depths, quarantine, disk, last sync, clock skew). Kiosks silent for longer than three
// heartbeat intervals are flagged: one missed heartbeat is a hiccup, three are a kiosk to go and see.
// Also owns reading an operator-typed kiosk key into the canonical form the store keys kiosks by.
#pragma once

#include "core/time/civil_time.hpp"
#include "hub/hub_store.hpp"
#include "core/base/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace lotsen::hub {

/// A kiosk key as typed by an operator (base64 of 32 bytes), in canonical base64.
Result<std::string> canonical_kiosk_key(std::string_view text);

/// "YYYY-MM-DD HH:MM CET" or "… CEST": Swedish local time, labelled with its zone.
std::string format_local_time(UnixSeconds t);

/// True when the kiosk has not been heard from for more than three heartbeat intervals.
bool is_silent(const KioskRecord& kiosk, UnixSeconds now, int heartbeat_minutes);

/// The fleet view: one block per active kiosk, silent ones flagged, revoked ones left out.
std::string render_fleet(const std::vector<KioskRecord>& kiosks, UnixSeconds now, int heartbeat_minutes);

/// The enrolment list: every kiosk with its full key, site, name, enrolment and revocation.
std::string render_enrolments(const std::vector<KioskRecord>& kiosks);

}  // namespace lotsen::hub
