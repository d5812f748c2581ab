// fleet.hpp — what the operator sees of the kiosks (`lotsen-hub fleet`, `enroll --list`, and the
// office's fleet page, which all read describe_fleet()): each enrolled kiosk's site, key, when the hub
// last heard from it, and its newest heartbeat (versions, uptime, queue depths, quarantine, disk, last
// sync, clock skew, the last refused update and refused images). Kiosks silent for longer than three
// heartbeat intervals are flagged and listed first: one missed heartbeat is a hiccup, three are a
// kiosk to go and see.
// Also owns reading an operator-typed kiosk key into the canonical form the store keys kiosks by.
#pragma once

#include "core/time/civil_time.hpp"
#include "hub/hub_store.hpp"
#include "core/base/result.hpp"

#include <cstdint>
#include <optional>
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

/// Something a kiosk refused (an update, or images), as its heartbeat reports it.
struct FleetRefusal {
    std::optional<UnixSeconds> at;
    std::string reason;                ///< as the kiosk sent it, cut to 200 bytes: escape it to show it
    std::optional<std::int64_t> count;  ///< images: how many since the kiosk started
};

/// One active kiosk as every fleet view shows it. Texts the kiosk sent are cut to a sane length but
/// not escaped: each view escapes them for where they go (terminal, HTML).
struct FleetKiosk {
    std::string public_key;
    std::string site;
    std::string name;
    bool silent = false;
    std::optional<UnixSeconds> last_seen_at;
    std::optional<std::int64_t> clock_skew_seconds;
    bool has_heartbeat = false;       ///< false: "no heartbeat yet"
    bool heartbeat_readable = false;  ///< false: "last heartbeat unreadable"
    std::optional<UnixSeconds> heartbeat_at;
    std::string software;             ///< "?" when absent
    std::optional<std::int64_t> catalogue_version;
    std::optional<std::int64_t> uptime_s;
    std::optional<std::int64_t> queue_never_drop;
    std::optional<std::int64_t> queue_low_value;
    std::optional<std::int64_t> queue_deferred;
    std::optional<std::int64_t> quarantined;
    std::optional<std::int64_t> disk_free_bytes;
    std::optional<std::int64_t> last_sync_at;
    bool has_releases = false;
    std::string running_release;  ///< empty: the packaged program
    std::vector<std::string> installed_releases;
    std::vector<std::string> failed_releases;
    std::optional<FleetRefusal> update_refusal;
    std::optional<FleetRefusal> image_refusals;
};

/// The active (not revoked) kiosks, silent ones first, then by site and name.
std::vector<FleetKiosk> describe_fleet(const std::vector<KioskRecord>& kiosks, UnixSeconds now, int heartbeat_minutes);

/// "45 s", "12 min", "3 h 5 min", "2 d 4 h" (negative counts as 0).
std::string fleet_duration_text(std::int64_t seconds);

/// "512 MiB" or "1.5 GiB".
std::string fleet_bytes_text(double bytes);

/// The fleet view: one block per active kiosk, silent ones flagged and first, revoked ones left out.
std::string render_fleet(const std::vector<KioskRecord>& kiosks, UnixSeconds now, int heartbeat_minutes);

/// The enrolment list: every kiosk with its full key, site, name, enrolment and revocation.
std::string render_enrolments(const std::vector<KioskRecord>& kiosks);

}  // namespace lotsen::hub
