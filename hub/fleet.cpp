// fleet.cpp — rendering the fleet view and the enrolment list (see fleet.hpp). A heartbeat is the
// kiosk's own report and arrives over the network: every member is read defensively and a missing or
// odd one shows as "?" instead of failing the whole view.
#include "hub/fleet.hpp"
#include "core/base/json_parse.hpp"

#include "core/wire/protocol.hpp"
#include "core/base/terminal_text.hpp"
#include "core/base/text_checks.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace lotsen::hub {

namespace {

using Json = nlohmann::json;

std::string two_digits(int value)
{
    return (value < 10 ? "0" : "") + std::to_string(value);
}

std::string duration_text(std::int64_t seconds)
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

std::string bytes_text(double bytes)
{
    char text[32];
    if (bytes >= 1024.0 * 1024 * 1024)
        std::snprintf(text, sizeof text, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    else
        std::snprintf(text, sizeof text, "%.0f MiB", bytes / (1024.0 * 1024));
    return text;
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

std::string integer_text(const Json& object, const char* name)
{
    const auto value = integer(object, name);
    return value ? std::to_string(*value) : std::string("?");
}

// Text a kiosk sent, for the terminal: cut at `max_bytes` without splitting a character, then
// through the one escaping door, so a forged line break or terminal escape shows as \xNN.
std::string sent_text(const std::string& text, std::size_t max_bytes)
{
    return escape_for_terminal(utf8_prefix(text, max_bytes));
}

std::string heartbeat_text(const KioskRecord& kiosk)
{
    if (!kiosk.last_heartbeat)
        return "no heartbeat yet";
    const Json beat = parse_json_or_null(*kiosk.last_heartbeat);
    if (!beat.is_object())
        return "last heartbeat unreadable";
    std::string text = "heartbeat " + (kiosk.last_heartbeat_at ? format_local_time(*kiosk.last_heartbeat_at) : "?");
    const auto software = beat.find("software_version");
    text += ": software " + (software != beat.end() && software->is_string() ? sent_text(software->get<std::string>(), 32)
                                                                               : std::string("?"));
    text += ", catalogue " + integer_text(beat, "catalogue_version");
    const auto uptime = integer(beat, "uptime_s");
    text += ", up " + (uptime ? duration_text(*uptime) : std::string("?"));
    const auto queue = beat.find("queue");
    const Json no_queue = Json::object();
    const Json& queue_object = queue != beat.end() ? *queue : no_queue;
    text += "\n      queue never_drop " + integer_text(queue_object, "never_drop") + ", low_value "
            + integer_text(queue_object, "low_value") + "; quarantined " + integer_text(beat, "quarantined");
    // Events this hub (or one before it) deferred: the kiosk keeps them until a hub takes them, so a
    // number here that does not fall says the hub is older than the kiosk or holds a kind.
    if (const auto deferred = integer(queue_object, "deferred"); deferred && *deferred > 0)
        text += "; deferred by the hub " + std::to_string(*deferred);
    const auto disk = integer(beat, "disk_free_bytes");
    text += "; disk free " + (disk ? bytes_text(static_cast<double>(*disk)) : std::string("?"));
    const auto sync = integer(beat, "last_sync_at");
    text += "; last sync " + (sync ? format_local_time(*sync) : std::string("never"));
    // Software releases (docs/updates.md): what is installed, what runs, what failed its trial.
    if (const auto releases = beat.find("releases"); releases != beat.end() && releases->is_object()) {
        auto list = [&](const char* name) {
            std::string joined;
            const auto it = releases->find(name);
            if (it != releases->end() && it->is_array()) {
                for (const Json& item : *it) {
                    if (item.is_string())
                        joined += (joined.empty() ? "" : ", ") + sent_text(item.get<std::string>(), 40);
                }
            }
            return joined.empty() ? std::string("none") : joined;
        };
        const auto running = releases->find("running");
        const std::string running_text = running != releases->end() && running->is_string() && !running->get<std::string>().empty()
                                             ? sent_text(running->get<std::string>(), 40)
                                             : std::string("the packaged program");
        text += "\n      releases: running " + running_text + "; installed " + list("installed") + "; failed " + list("failed");
    }
    // The kiosk's last refused update (bad signature, expired, rollback, hash mismatch, bad file).
    if (const auto refusal = beat.find("update_refusal"); refusal != beat.end() && refusal->is_object()) {
        const auto at = integer(*refusal, "at");
        const auto reason = refusal->find("reason");
        text += "\n      ! update refused " + (at ? format_local_time(*at) : std::string("?")) + ": "
                + (reason != refusal->end() && reason->is_string() ? sent_text(reason->get<std::string>(), 200)
                                                                     : std::string("?"));
    }
    return text;
}

}  // namespace

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
    std::size_t active = 0;
    std::size_t silent = 0;
    for (const KioskRecord& kiosk : kiosks) {
        if (kiosk.revoked_at)
            continue;
        ++active;
        const bool quiet = is_silent(kiosk, now, heartbeat_minutes);
        silent += quiet ? 1 : 0;
        out += (quiet ? "! " : "  ") + escape_for_terminal(kiosk.site)
               + (kiosk.name.empty() ? "" : " / " + escape_for_terminal(kiosk.name)) + "   key "
               + kiosk.public_key.substr(0, 8) + "…\n";
        out += "      last seen ";
        out += kiosk.last_seen_at ? format_local_time(*kiosk.last_seen_at) + " (" + duration_text(now - *kiosk.last_seen_at)
                                        + " ago)"
                                  : std::string("never");
        if (quiet)
            out += "  SILENT (over 3 heartbeat intervals of " + std::to_string(heartbeat_minutes) + " min)";
        if (kiosk.clock_skew_seconds) {
            const std::int64_t skew = *kiosk.clock_skew_seconds;
            out += "; clock " + (skew == 0 ? std::string("in step") : duration_text(skew < 0 ? -skew : skew)
                                                                          + (skew < 0 ? " ahead" : " behind"));
        }
        out += "\n      " + heartbeat_text(kiosk) + "\n";
    }
    out = std::to_string(active) + " kiosk(s), " + std::to_string(silent) + " silent\n" + out;
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
