// outbox_driver.cpp — `lotsen-outbox-driver`, the kiosk's delivery path without its screens: it
// records check-ins and contact requests into the real outbox as fast as a busy kiosk would and
// uploads them with the real Uploader, printing "confirmed <event id>" the moment the kiosk would
// tell the visitor "sent". The crash test kills it with SIGKILL at random moments and then checks
// that every confirmed event reached the hub exactly once.
//
//   lotsen-outbox-driver --data-dir DIR --hub-url URL --hub-key BASE64 [--events N] [--drain SECONDS]
//
// With --drain it records nothing, waits until the outbox is empty and prints "drained" (exit 0), or
// gives up after SECONDS (exit 1).
//
// With --contact-organisation ORG (and --contact-name, --contact-channel phone|email|meet_here,
// --contact-reach, --contact-language) it records
// one contact request with exactly those fields, and with --heartbeat-software TEXT one heartbeat
// whose software_version is TEXT; then it delivers them, prints "confirmed <event id>" for the
// request and exits (the office's browser test sends what a visitor typed this way, hostile text too).
//
// With --wishes N (and --wish-interest ID, --wish-weekday mon…sun, --wish-day-part morning|afternoon|
// evening, --wish-language CODE) it records N "I miss something" wishes with those fields, delivers
// them, prints "confirmed <event id>" for each and exits (the /wishes browser test). Without it, the
// busy-kiosk loop records wishes among its check-ins and contact requests (the crash test counts them).
#include "core/time/civil_time.hpp"
#include "core/outbox/outbox.hpp"
#include "core/wire/protocol.hpp"
#include "core/upload/uploader.hpp"

#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace lotsen;

namespace {

int fail(const std::string& message)
{
    std::fprintf(stderr, "lotsen-outbox-driver: %s\n", message.c_str());
    return 2;
}

}  // namespace

int main(int argc, char** argv)
{
    std::string data_dir;
    std::string hub_url;
    std::string hub_key;
    long events = 1'000'000;
    long drain_seconds = -1;
    std::string contact_organisation;
    std::string contact_name = "Kim";
    std::string contact_reach = "070-000 00 00";
    std::string contact_language = "sv";
    std::string contact_channel = "phone";
    std::string heartbeat_software;
    long wish_count = 0;
    MissedWish wish;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const std::string value = argv[i + 1];
        if (flag == "--data-dir")
            data_dir = value;
        else if (flag == "--hub-url")
            hub_url = value;
        else if (flag == "--hub-key")
            hub_key = value;
        else if (flag == "--events")
            events = std::atol(value.c_str());
        else if (flag == "--drain")
            drain_seconds = std::atol(value.c_str());
        else if (flag == "--contact-organisation")
            contact_organisation = value;
        else if (flag == "--contact-name")
            contact_name = value;
        else if (flag == "--contact-reach")
            contact_reach = value;
        else if (flag == "--contact-language")
            contact_language = value;
        else if (flag == "--contact-channel")
            contact_channel = value;
        else if (flag == "--heartbeat-software")
            heartbeat_software = value;
        else if (flag == "--wishes")
            wish_count = std::atol(value.c_str());
        else if (flag == "--wish-interest")
            wish.interest = value;
        else if (flag == "--wish-weekday") {
            static const char* const k_days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
            for (int day = 0; day < 7; ++day) {
                if (value == k_days[day])
                    wish.weekday = day;
            }
        } else if (flag == "--wish-day-part")
            wish.day_part = value == "morning" ? DayPart::morning : value == "afternoon" ? DayPart::afternoon : DayPart::evening;
        else if (flag == "--wish-language")
            wish.language = value;
        else
            return fail("unknown option " + flag);
    }
    if (data_dir.empty() || hub_url.empty() || hub_key.empty())
        return fail("usage: --data-dir DIR --hub-url URL --hub-key BASE64 [--events N] [--drain SECONDS]");
    if (sodium_init() < 0)
        return fail("libsodium cannot start");

    auto key_bytes = protocol::from_base64(hub_key, "--hub-key", 32);
    if (!key_bytes)
        return fail(key_bytes.error().text());
    OutboxOptions log_options;
    HubPublicKey public_key{};
    std::copy(key_bytes.value().begin(), key_bytes.value().end(), public_key.begin());
    log_options.hub_public_key = public_key;
    log_options.min_checkin_gap_seconds = 0;  // every tap counts here: the test wants many events
    log_options.min_wish_gap_seconds = 0;
    const std::string outbox_path = data_dir + "/outbox.db";
    auto log = Outbox::open(outbox_path, log_options);
    if (!log)
        return fail(log.error().text());

    auto keys = protocol::load_or_create_key_pair(data_dir + "/kiosk.key");
    if (!keys)
        return fail(keys.error().text());
    UploaderOptions options;
    options.url = hub_url;
    options.outbox_path = outbox_path;
    options.data_dir = data_dir;
    options.log_options = log_options;
    options.batch_events = 25;
    options.flush_events = 5;
    options.flush_interval = std::chrono::milliseconds(20);
    options.heartbeat_interval = std::chrono::milliseconds(0);
    options.backoff_base = std::chrono::milliseconds(5);
    options.backoff_cap = std::chrono::milliseconds(100);
    options.request_timeout = std::chrono::seconds(5);
    auto uploader = Uploader::create(options, keys.value());
    if (!uploader)
        return fail(uploader.error().text());
    uploader.value()->start();

    if (drain_seconds >= 0) {
        const bool drained = uploader.value()->wait_until_idle(std::chrono::seconds(drain_seconds));
        uploader.value()->stop();
        std::printf(drained ? "drained\n" : "not drained\n");
        return drained ? 0 : 1;
    }

    if (wish_count > 0) {
        std::vector<std::string> confirmed;
        for (long i = 0; i < wish_count; ++i) {
            auto outcome = log.value()->record_missed(wish, unix_now(), ClockSync::synchronised);
            if (!outcome)
                return fail(outcome.error().text());
            confirmed.push_back(outcome.value().event_id);
        }
        uploader.value()->note_recorded();
        const bool drained = uploader.value()->wait_until_idle(std::chrono::seconds(30));
        uploader.value()->stop();
        if (!drained)
            return fail("the hub did not take the wishes within 30 s");
        for (const std::string& id : confirmed)
            std::printf("confirmed %s\n", id.c_str());
        return 0;
    }

    if (!contact_organisation.empty() || !heartbeat_software.empty()) {
        const UnixSeconds now = unix_now();
        if (!heartbeat_software.empty()) {
            HeartbeatFacts facts;
            facts.software_version = heartbeat_software;
            facts.now = now;
            auto beat = log.value()->record_heartbeat(heartbeat_json(facts), now, ClockSync::unsynchronised);
            if (!beat)
                return fail(beat.error().text());
        }
        std::string confirmed;
        if (!contact_organisation.empty()) {
            ContactRequest request;
            request.organisation_id = contact_organisation;
            request.name = contact_name;
            request.channel = contact_channel == "email"       ? ContactChannel::email
                              : contact_channel == "meet_here" ? ContactChannel::meet_here
                                                               : ContactChannel::phone;
            request.reach = contact_reach;
            request.preferred_language = contact_language;
            request.consent = true;
            auto receipt = log.value()->record_contact_request(request, now, ClockSync::unsynchronised);
            if (!receipt)
                return fail(receipt.error().text());
            confirmed = receipt.value().event_id;
        }
        uploader.value()->note_recorded();
        const bool drained = uploader.value()->wait_until_idle(std::chrono::seconds(30));
        uploader.value()->stop();
        if (!drained)
            return fail("the hub did not take the events within 30 s");
        if (!confirmed.empty())
            std::printf("confirmed %s\n", confirmed.c_str());
        return 0;
    }

    std::mt19937 rng(static_cast<unsigned>(::getpid()));
    const char* activities[] = {"promenad-halmstad", "sprakcafe-varberg", "korsang-falkenberg"};
    for (long i = 0; i < events; ++i) {
        const UnixSeconds now = unix_now();
        std::string confirmed;
        if (i % 5 == 4) {
            ContactRequest request;
            request.organisation_id = "friluftsframjandet";
            request.name = "Kim";
            request.channel = ContactChannel::phone;
            request.reach = "070-000 00 00";
            request.preferred_language = "sv";
            request.consent = true;
            auto receipt = log.value()->record_contact_request(request, now, ClockSync::unsynchronised);
            if (!receipt)
                return fail(receipt.error().text());
            confirmed = receipt.value().event_id;
        } else if (i % 5 == 2) {
            MissedWish missed;
            missed.interest = "music";
            missed.day_part = DayPart::evening;
            auto outcome = log.value()->record_missed(missed, now, ClockSync::synchronised);
            if (!outcome)
                return fail(outcome.error().text());
            confirmed = outcome.value().event_id;
        } else {
            CheckIn checkin;
            checkin.activity_id = activities[i % 3];
            checkin.mood = static_cast<Mood>(rng() % 4);
            auto outcome = log.value()->record_checkin(checkin, now, ClockSync::synchronised);
            if (!outcome)
                return fail(outcome.error().text());
            confirmed = outcome.value().event_id;
        }
        // The kiosk says "sent" only now, after the commit returned.
        std::printf("confirmed %s\n", confirmed.c_str());
        std::fflush(stdout);
        uploader.value()->note_recorded();
        std::this_thread::sleep_for(std::chrono::microseconds(rng() % 2000));
    }
    uploader.value()->wait_until_idle(std::chrono::seconds(30));
    uploader.value()->stop();
    return 0;
}
