// config.hpp — the kiosk's configuration (TOML): where it stands, its languages, its screen and
// opening hours, the idle timeouts, the crisis numbers of the "help now" screen, the admin PIN hash,
// the hub's public key and address with the upload knobs, and the check-in rate limit.
// Wrong types are errors with file, line and key, and so are unknown keys, except in a published
// overlay read tolerantly; defaults fill what is left out.
#pragma once

#include "core/base/format_growth.hpp"
#include "core/time/civil_time.hpp"
#include "core/i18n/localized_text.hpp"
#include "core/base/result.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lotsen {

/// One number on the "help now" screen.
struct HelpContact {
    LocalizedText name;         ///< who answers, e.g. "Självmordslinjen"; has "sv" or "en"
    std::string number;         ///< as dialled and shown: digits, spaces, '+' and '-' ("08-702 16 80")
    LocalizedText description;  ///< when to call; may be empty
    bool operator==(const HelpContact&) const = default;
};

/// The crisis numbers used when the config has no help.contacts, as in config/lotsen.toml.
std::vector<HelpContact> default_help_contacts();

/// The hours the screen is on during one day, in local minutes: [open, close). A close at or before
/// the open (e.g. 22:00-02:00) runs past midnight into the next day; close 1440 is "24:00".
struct OpenSpan {
    int open_minute = 0;     ///< 0..1439
    int close_minute = 1440; ///< 0..1440, never equal to open_minute
    bool operator==(const OpenSpan&) const = default;
};

/// When the screen is on, per weekday, in Europe/Stockholm wall-clock time.
struct OpeningHours {
    bool always_on = true;  ///< no [opening_hours] section: the screen never sleeps
    /// Monday (0) … Sunday (6); nullopt = closed all day (a previous day's span may still run into it).
    std::array<std::optional<OpenSpan>, 7> days{};

    /// True when the screen should be on at local time `time`.
    bool on_at(const LocalDateTime& time) const;

    /// Seconds from `now` until on_at next changes (DST-correct, at least 1); nullopt when it never
    /// does (always on, or the same all week round the clock).
    std::optional<std::int64_t> seconds_until_change(UnixSeconds now) const;

    bool operator==(const OpeningHours&) const = default;
};

/// A notice the region (or the site's staff) shows visitors on every screen, such as "The library
/// closes at 16:00 today" or, as a warning, "This kiosk is being repaired: call 035-13 70 00 for
/// help" ([notice], config format 1.1). Empty text: no notice.
struct Notice {
    enum class Level { info, warning };
    LocalizedText text;
    Level level = Level::info;
    bool operator==(const Notice&) const = default;
};

/// A 32-byte X25519 public key (crypto_box_PUBLICKEYBYTES).
using PublicKey32 = std::array<unsigned char, 32>;

/// How the kiosk talks to its hub ([upstream] besides hub_public_key). Without a url nothing is
/// uploaded: events wait in the outbox (bounded by the queue cap) until one is configured.
struct UploadConfig {
    std::optional<std::string> url;  ///< hub base URL, e.g. "https://hub.example.se"
    int heartbeat_minutes = 5;       ///< a heartbeat event this often (1..1440)
    int flush_seconds = 60;          ///< upload what waits at least this often (5..86400)
    int flush_events = 50;           ///< … and at once when this many wait (1..1000)
    int batch_events = 500;          ///< most events in one request (1..1000)
    int batch_kilobytes = 256;       ///< most event bytes in one request, uncompressed (16..1024)
    int connect_timeout_seconds = 10;   ///< give up connecting after this long (1..120)
    int request_timeout_seconds = 60;   ///< give up a whole request after this long (5..600)
    int queue_megabytes = 32;        ///< outbox cap; heartbeats beyond it go oldest-first (1..4096)
    int update_minutes = 15;         ///< look for a new signed manifest this often (1..1440)
    bool operator==(const UploadConfig&) const = default;
};

/// Settings of one kiosk. Defaults are what config/lotsen.toml ships (except its demo PIN hash).
struct KioskConfig {
    std::string town = "Halmstad";             ///< this kiosk's town: "near here" when a place has no position
    std::optional<double> latitude = 56.6745;  ///< this kiosk's position (WGS 84; both or neither): cards show
    std::optional<double> longitude = 12.8578; ///< distances from it (default: central Halmstad)
    double near_km = 5.0;                      ///< "only near here" and home's list: within this distance (0.1..100)
    std::string directions = "geo";            ///< the directions code: "geo" (RFC 5870) or a map link with {lat} {lon}
    LanguageCode default_language = "sv";      ///< language after start and after every idle reset
    std::vector<LanguageCode> languages{"sv", "en", "ar", "fa", "so", "ti", "uk"};
    int idle_prompt_seconds = 90;              ///< no touch this long → "still there?" (10..3600)
    int idle_reset_seconds = 20;               ///< then unanswered this long → full reset (5..600)
    int screen_width = 1280;                   ///< window size when not fullscreen, and headless size
    int screen_height = 800;
    bool fullscreen = true;
    double screen_diagonal_inches = 15.6;      ///< physical size, for touch targets in millimetres
    int screen_rotation = 0;                   ///< degrees the picture is turned clockwise on the output
    LocalizedText help_intro;                  ///< text above the crisis numbers; empty = the built-in one
    std::vector<HelpContact> help_contacts = default_help_contacts();  ///< never empty
    Notice notice;                             ///< [notice]: a band on every visitor screen; none by default
    OpeningHours opening_hours;                ///< when the screen is on
    std::optional<std::string> admin_pin_hash; ///< Argon2id string; nullopt = admin cannot be unlocked
    std::optional<PublicKey32> hub_public_key; ///< seals contact requests; nullopt = none can be sent
    std::optional<PublicKey32> publisher_public_key; ///< Ed25519 key the fleet's manifests are signed with; nullopt = no updates
    std::optional<PublicKey32> hub_time_key;   ///< Ed25519 key the hub signs its clock with (config format 1.4); nullopt = not trusted
    UploadConfig upload;                       ///< the rest of [upstream]
    int checkin_min_gap_seconds = 10;          ///< least time between two check-ins here (0..3600)
    int health_check_seconds = 120;            ///< [updates] a new release must prove its health this soon (10..3600)
    int image_budget_mb = 64;                  ///< [updates] disk for catalogue images, MiB (1..4096; config format 1.3)

    /// True when the screen should be on at local time `time` (opening_hours).
    bool screen_on_at(const LocalDateTime& time) const { return opening_hours.on_at(time); }

    /// Seconds from `now` until the screen should next switch on or off; nullopt = never.
    std::optional<std::int64_t> seconds_until_screen_change(UnixSeconds now) const
    {
        return opening_hours.seconds_until_change(now);
    }
};

/// Parses TOML text strictly (a key this release does not know is an error); `source_name` names the
/// file in error messages. Any config format 1.x is read; format_version 2 is refused.
Result<KioskConfig> parse_kiosk_config(std::string_view toml_text, std::string_view source_name);

/// Parses TOML text as an overlay on `base`: keys it has replace base's, the rest stay (a published
/// config over the kiosk's own file). Same checks and messages as parse_kiosk_config, except that with
/// UnknownMembers::ignore a key or table this release does not know is skipped and, when `ignored` is
/// given, listed there ("screen.brightness").
Result<KioskConfig> apply_kiosk_config_overlay(KioskConfig base, std::string_view toml_text, std::string_view source_name,
                                               UnknownMembers unknown = UnknownMembers::refuse,
                                               IgnoredMembers* ignored = nullptr);

/// Reads and parses a config file.
Result<KioskConfig> load_kiosk_config(const std::string& path);

/// Parses "WxH" (e.g. "800x480"); both sides 200..8192.
Result<std::pair<int, int>> parse_screen_size(std::string_view text);

}  // namespace lotsen
