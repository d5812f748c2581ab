// fleet.cpp — rendering the fleet view and the enrolment list (see fleet.hpp). A heartbeat is the
// kiosk's own report and arrives over the network: every member is read defensively and a missing or
// odd one shows as "?" instead of failing the whole view.
#include "hub/fleet.hpp"
#include "core/base/json_parse.hpp"

#include "core/wire/protocol.hpp"
#include "core/base/terminal_text.hpp"
#include "core/base/text_checks.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <tuple>

namespace lotsen::hub {

namespace {

using Json = nlohmann::json;

std::string two_digits(int value)
{
    return (value < 10 ? "0" : "") + std::to_string(value);
}

// A non-negative integer member, or nullopt.
std::optional<std::int64_t> integer(const Json& object, const char* name)
{
    if (!object.is_object())
        return std::nullopt;
    const auto it = object.find(name);
    if (it == object.end() || !it->is_number_integer())
        return std::nullopt;
    return it->get<std::int64_t>();
}

std::string number_text(const std::optional<std::int64_t>& value)
{
    return value ? std::to_string(*value) : std::string("?");
}

// A string member cut at `max_bytes` without splitting a character, or "".
std::string sent_string(const Json& object, const char* name, std::size_t max_bytes)
{
    const auto it = object.find(name);
    if (it == object.end() || !it->is_string())
        return {};
    const std::string& whole = it->get_ref<const std::string&>();
    return std::string(utf8_prefix(whole, max_bytes));
}

std::optional<FleetRefusal> refusal(const Json& beat, const char* name)
{
    const auto it = beat.find(name);
    if (it == beat.end() || !it->is_object())
        return std::nullopt;
    FleetRefusal found{integer(*it, "at"), sent_string(*it, "reason", 200), integer(*it, "count")};
    if (found.reason.empty())
        found.reason = "?";
    return found;
}

FleetKiosk describe(const KioskRecord& kiosk, UnixSeconds now, int heartbeat_minutes)
{
    FleetKiosk out;
    out.public_key = kiosk.public_key;
    out.site = kiosk.site;
    out.name = kiosk.name;
    out.silent = is_silent(kiosk, now, heartbeat_minutes);
    out.last_seen_at = kiosk.last_seen_at;
    out.clock_skew_seconds = kiosk.clock_skew_seconds;
    out.has_heartbeat = kiosk.last_heartbeat.has_value();
    if (!out.has_heartbeat)
        return out;
    const Json beat = parse_json_or_null(*kiosk.last_heartbeat);
    out.heartbeat_readable = beat.is_object();
    if (!out.heartbeat_readable)
        return out;
    out.heartbeat_at = kiosk.last_heartbeat_at;
    out.software = sent_string(beat, "software_version", 32);
    if (out.software.empty())
        out.software = "?";
    out.catalogue_version = integer(beat, "catalogue_version");
    out.uptime_s = integer(beat, "uptime_s");
    const auto queue = beat.find("queue");
    const Json no_queue = Json::object();
    const Json& queue_object = queue != beat.end() ? *queue : no_queue;
    out.queue_never_drop = integer(queue_object, "never_drop");
    out.queue_low_value = integer(queue_object, "low_value");
    out.queue_deferred = integer(queue_object, "deferred");
    out.quarantined = integer(beat, "quarantined");
    out.disk_free_bytes = integer(beat, "disk_free_bytes");
    out.last_sync_at = integer(beat, "last_sync_at");
    // Software releases (docs/updates.md): what is installed, what runs, what failed its trial.
    if (const auto releases = beat.find("releases"); releases != beat.end() && releases->is_object()) {
        out.has_releases = true;
        auto list = [&](const char* name) {
            std::vector<std::string> items;
            const auto it = releases->find(name);
            if (it != releases->end() && it->is_array()) {
                for (const Json& item : *it) {
                    if (item.is_string())
                        items.emplace_back(utf8_prefix(item.get_ref<const std::string&>(), 40));
                }
            }
            return items;
        };
        out.installed_releases = list("installed");
        out.failed_releases = list("failed");
        out.running_release = sent_string(*releases, "running", 40);
    }
    // The kiosk's last refused update (bad signature, expired, rollback, hash mismatch, bad file), and
    // the images it refused (too large, wrong hash, not an image): the catalogue stays in use.
    out.update_refusal = refusal(beat, "update_refusal");
    out.image_refusals = refusal(beat, "image_refusals");
    return out;
}

std::string joined_for_terminal(const std::vector<std::string>& items)
{
    std::string joined;
    for (const std::string& item : items)
        joined += (joined.empty() ? "" : ", ") + escape_for_terminal(item);
    return joined.empty() ? std::string("none") : joined;
}

// The heartbeat lines of `lotsen-hub fleet`; kiosk texts through the one escaping door, so a forged
// line break or terminal escape shows as \xNN.
std::string heartbeat_text(const FleetKiosk& kiosk)
{
    if (!kiosk.has_heartbeat)
        return "no heartbeat yet";
    if (!kiosk.heartbeat_readable)
        return "last heartbeat unreadable";
    std::string text = "heartbeat " + (kiosk.heartbeat_at ? format_local_time(*kiosk.heartbeat_at) : "?");
    text += ": software " + escape_for_terminal(kiosk.software);
    text += ", catalogue " + number_text(kiosk.catalogue_version);
    text += ", up " + (kiosk.uptime_s ? fleet_duration_text(*kiosk.uptime_s) : std::string("?"));
    text += "\n      queue never_drop " + number_text(kiosk.queue_never_drop) + ", low_value "
            + number_text(kiosk.queue_low_value) + "; quarantined " + number_text(kiosk.quarantined);
    // Events this hub (or one before it) deferred: the kiosk keeps them until a hub takes them, so a
    // number here that does not fall says the hub is older than the kiosk or holds a kind.
    if (kiosk.queue_deferred && *kiosk.queue_deferred > 0)
        text += "; deferred by the hub " + std::to_string(*kiosk.queue_deferred);
    text += "; disk free " + (kiosk.disk_free_bytes ? fleet_bytes_text(static_cast<double>(*kiosk.disk_free_bytes)) : std::string("?"));
    text += "; last sync " + (kiosk.last_sync_at ? format_local_time(*kiosk.last_sync_at) : std::string("never"));
    if (kiosk.has_releases) {
        const std::string running =
            kiosk.running_release.empty() ? std::string("the packaged program") : escape_for_terminal(kiosk.running_release);
        text += "\n      releases: running " + running + "; installed " + joined_for_terminal(kiosk.installed_releases)
                + "; failed " + joined_for_terminal(kiosk.failed_releases);
    }
    if (kiosk.update_refusal) {
        text += "\n      ! update refused "
                + (kiosk.update_refusal->at ? format_local_time(*kiosk.update_refusal->at) : std::string("?")) + ": "
                + escape_for_terminal(kiosk.update_refusal->reason);
    }
    if (kiosk.image_refusals) {
        text += "\n      ! images refused: " + number_text(kiosk.image_refusals->count) + ", the last "
                + (kiosk.image_refusals->at ? format_local_time(*kiosk.image_refusals->at) : std::string("?")) + ": "
                + escape_for_terminal(kiosk.image_refusals->reason);
    }
    return text;
}

}  // namespace

std::string fleet_duration_text(std::int64_t seconds)
{
    if (seconds < 0)
        seconds = 0;
    if (seconds < 120)
        return std::to_string(seconds) + " s";
    if (seconds < 7200)
        return std::to_string(seconds / 60) + " min";
    if (seconds < 2 * 86400)
        return std::to_string(seconds / 3600) + " h " + std::to_string(seconds % 3600 / 60) + " min";
    return std::to_string(seconds / 86400) + " d " + std::to_string(seconds % 86400 / 3600) + " h";
}

std::string fleet_bytes_text(double bytes)
{
    char text[32];
    if (bytes >= 1024.0 * 1024 * 1024)
        std::snprintf(text, sizeof text, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    else
        std::snprintf(text, sizeof text, "%.0f MiB", bytes / (1024.0 * 1024));
    return text;
}

std::vector<FleetKiosk> describe_fleet(const std::vector<KioskRecord>& kiosks, UnixSeconds now, int heartbeat_minutes)
{
    std::vector<FleetKiosk> out;
    for (const KioskRecord& kiosk : kiosks) {
        if (!kiosk.revoked_at)
            out.push_back(describe(kiosk, now, heartbeat_minutes));
    }
    std::stable_sort(out.begin(), out.end(), [](const FleetKiosk& a, const FleetKiosk& b) {
        if (a.silent != b.silent)
            return a.silent;
        return std::tie(a.site, a.name) < std::tie(b.site, b.name);
    });
    return out;
}

Result<std::string> canonical_kiosk_key(std::string_view text)
{
    auto bytes = protocol::from_base64(text, "kiosk key", 32);
    if (!bytes)
        return Error{bytes.error().text() + " (expected what `lotsen --kiosk-key` prints: 44 characters of base64)"};
    return protocol::to_base64(bytes.value());
}

std::string format_local_time(UnixSeconds t)
{
    // Labelled with its zone (CET or CEST, Stockholm time), as publish labels its times UTC.
    const LocalDateTime local = stockholm::to_local(t);
    return local.date.to_string() + " " + two_digits(local.time.hour()) + ":" + two_digits(local.time.minute())
           + (stockholm::utc_offset_at(t) == 7200 ? " CEST" : " CET");
}

bool is_silent(const KioskRecord& kiosk, UnixSeconds now, int heartbeat_minutes)
{
    if (!kiosk.last_seen_at)
        return true;
    return now - *kiosk.last_seen_at > 3 * static_cast<std::int64_t>(heartbeat_minutes) * 60;
}

std::string render_fleet(const std::vector<KioskRecord>& kiosks, UnixSeconds now, int heartbeat_minutes)
{
    std::string out;
    std::size_t silent = 0;
    const std::vector<FleetKiosk> fleet = describe_fleet(kiosks, now, heartbeat_minutes);
    for (const FleetKiosk& kiosk : fleet) {
        silent += kiosk.silent ? 1 : 0;
        out += (kiosk.silent ? "! " : "  ") + escape_for_terminal(kiosk.site)
               + (kiosk.name.empty() ? "" : " / " + escape_for_terminal(kiosk.name)) + "   key "
               + kiosk.public_key.substr(0, 8) + "…\n";
        out += "      last seen ";
        out += kiosk.last_seen_at ? format_local_time(*kiosk.last_seen_at) + " ("
                                        + fleet_duration_text(now - *kiosk.last_seen_at) + " ago)"
                                  : std::string("never");
        if (kiosk.silent)
            out += "  SILENT (over 3 heartbeat intervals of " + std::to_string(heartbeat_minutes) + " min)";
        if (kiosk.clock_skew_seconds) {
            const std::int64_t skew = *kiosk.clock_skew_seconds;
            out += "; clock " + (skew == 0 ? std::string("in step")
                                           : fleet_duration_text(skew < 0 ? -skew : skew) + (skew < 0 ? " ahead" : " behind"));
        }
        out += "\n      " + heartbeat_text(kiosk) + "\n";
    }
    out = std::to_string(fleet.size()) + " kiosk(s), " + std::to_string(silent) + " silent\n" + out;
    return out;
}

std::string render_enrolments(const std::vector<KioskRecord>& kiosks)
{
    std::string out;
    for (const KioskRecord& kiosk : kiosks) {
        out += kiosk.public_key + "  " + escape_for_terminal(kiosk.site)
               + (kiosk.name.empty() ? "" : " / " + escape_for_terminal(kiosk.name)) + "  enrolled "
               + format_local_time(kiosk.enrolled_at);
        if (kiosk.revoked_at)
            out += "  REVOKED " + format_local_time(*kiosk.revoked_at);
        out += "\n";
    }
    if (kiosks.empty())
        out = "no kiosks enrolled\n";
    return out;
}

}  // namespace lotsen::hub
