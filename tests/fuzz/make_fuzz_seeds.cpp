// make_fuzz_seeds.cpp — writes the seed corpora of tests/fuzz/corpus/<target>/ from the real encoders
// (synthetic catalogues through catalogue_to_json, encode_batch, encode_reply, manifest::sign with the
// fixed test publisher key), so the seeds are valid inputs of today's formats. Run it again after a
// format change: build-fuzz/bin/make_fuzz_seeds tests/fuzz/corpus (it overwrites its own files only).
#include "core/catalogue/catalogue_csv.hpp"
#include "core/catalogue/catalogue_json.hpp"
#include "tests/fuzz/fuzz_support.hpp"
#include "core/wire/manifest.hpp"
#include "core/catalogue/synthetic.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>

using namespace lotsen;

namespace {

bool write(const std::filesystem::path& dir, const std::string& name, std::string_view bytes)
{
    std::filesystem::create_directories(dir);
    std::ofstream out(dir / name, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return static_cast<bool>(out);
}

// Every optional field once: single and cancelled dates, a place with coordinates, a cost, audience,
// accessibility, languages and an organisation's public contact.
Catalogue rich_catalogue()
{
    Catalogue catalogue = generate_synthetic_catalogue(SyntheticSpec{.activities = 2, .organisations = 1, .seed = 7});
    Activity& activity = catalogue.activities.front();
    activity.schedule.dates.push_back(SingleDate{Date{2026, 12, 5}, TimeOfDay{10 * 60}, TimeOfDay{14 * 60}});
    if (!activity.schedule.weekly.empty())
        activity.schedule.cancelled.push_back(activity.schedule.weekly.front().valid_from);
    activity.place.latitude = 56.6745;
    activity.place.longitude = 12.8578;
    activity.cost.sek = 20;
    activity.cost.note.set("sv", "Fika 20 kr");
    activity.audience.min_age = 18;
    activity.languages = {"sv", "ar"};
    catalogue.organisations.front().contact.phone = "035-123 45";
    catalogue.organisations.front().contact.web = "https://example.se";
    return catalogue;
}

protocol::WireEvent checkin(const std::string& id)
{
    protocol::WireEvent event;
    event.id = id;
    event.kind = protocol::WireKind::checkin;
    event.created_at = 1763900000;
    event.clock_synchronised = true;
    event.data = R"({"activity_id":"promenad-halmstad","first_visit":true,"how_heard":"kiosk","mood":"okay"})";
    return event;
}

manifest::Entry entry(std::int64_t version, const std::string& ext)
{
    manifest::Entry e;
    e.version = version;
    e.name = "v" + std::to_string(version);
    e.size = 4096;
    e.sha256 = protocol::sha256("content " + std::to_string(version));
    e.file = protocol::to_hex(e.sha256) + "." + ext;
    e.published_at = 1763900000;
    return e;
}

// A seed that its own parser refuses would only teach the fuzzer the first error path.
bool accepted(const std::string& name, bool ok, const std::string& why)
{
    if (!ok)
        std::cerr << "make_fuzz_seeds: " << name << " is refused by its parser: " << why << "\n";
    return ok;
}

std::string error_body(const std::string& code, const std::string& message)
{
    return protocol::encode_error_reply(protocol::ErrorReply{code, message, 1763900000});
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "usage: make_fuzz_seeds CORPUS_DIR\n";
        return 2;
    }
    const std::filesystem::path root = argv[1];
    bool ok = true;

    const std::filesystem::path json = root / "fuzz_catalogue_json";
    ok &= write(json, "synthetic-3.json",
                catalogue_to_json(generate_synthetic_catalogue(SyntheticSpec{.activities = 3, .organisations = 2}), false));
    ok &= write(json, "synthetic-8-pretty.json",
                catalogue_to_json(generate_synthetic_catalogue(SyntheticSpec{.activities = 8, .organisations = 3, .seed = 2})));
    ok &= write(json, "rich.json", catalogue_to_json(rich_catalogue(), false));
    ok &= write(json, "empty.json", catalogue_to_json(Catalogue{.version = 1}, false));

    // The spreadsheets: the unit test's three rows (comma, LF) and Swedish Excel's form (BOM, semicolons, CRLF).
    const std::filesystem::path csv = root / "fuzz_catalogue_csv";
    ok &= write(csv, "three-rows.csv",
                "id,organisation_id,organisation_name_sv,municipality,title_sv,interests,weekly,from,until,dates,address,town,"
                "drop_in\n"
                "walk,halmstad-vandring,Vandringsvännerna,Halmstad,Promenad,outdoors,sat 10:00-12:00,2026-08-01,2027-06-30,,"
                "Kungsvägen 1,Tylösand,yes\n"
                "knit,varberg-stickcafe,Stickcaféet,Varberg,Stickcafé,crafts|talk,,,,2026-12-05 10:00-14:00,Torget 2,Varberg,"
                "nej\n"
                "knit-kvall,varberg-stickcafe,Stickcaféet,Varberg,Stickcafé på kvällen,crafts,thu/2 18:00-20:00,2026-09-03,"
                "2027-05-27,,Torget 2,Varberg,1\n");
    ok &= write(csv, "excel-semicolon.csv",
                "\xEF\xBB\xBFid;organisation_id;organisation_name_sv;organisation_phone;municipality;reply_days;"
                "accepts_contact_requests;title_sv;title_ar;description_sv;interests;weekly;from;until;cancelled;place_sv;"
                "address;town;lat;lon;cost_sek;cost_note_sv;languages;accessibility;audience;min_age;drop_in\r\n"
                "sang;kor-falkenberg;\"Kören \"\"Sång\"\"\";0346-123;Falkenberg;3;ja;Sångkväll;أمسية غناء;\"Vi sjunger;\nfika\";"
                "music;tue 18:00-20:00|thu 18:00-20:00;2026-08-01;2027-06-30;2026-12-29;Kyrkan;Storgatan 3;Falkenberg;"
                "56,905;12,491;20;Fika;sv|ar;wheelchair;adults;18;yes\r\n");

    const protocol::SigningKeyPair& publisher = fuzz::test_publisher();
    manifest::Manifest full;
    full.sequence = 7;
    full.issued_at = 1763900000;
    full.expires_at = full.issued_at + 30 * 86400;
    full.catalogue = entry(12, "json");
    full.config = entry(3, "toml");
    full.release = entry(5, "tar");
    manifest::Manifest catalogue_only;
    catalogue_only.sequence = 1;
    catalogue_only.issued_at = 1763900000;
    catalogue_only.expires_at = catalogue_only.issued_at + 86400;
    catalogue_only.catalogue = entry(1, "json");
    const std::filesystem::path man = root / "fuzz_manifest";
    ok &= write(man, "signed-full.json", manifest::sign(full, publisher));
    ok &= write(man, "signed-catalogue.json", manifest::sign(catalogue_only, publisher));
    ok &= write(man, "payload-full.json", manifest::encode_payload(full));
    ok &= write(man, "payload-catalogue.json", manifest::encode_payload(catalogue_only));

    protocol::WireEvent contact;
    contact.id = "7f3c1e2a-9b4d-4c8e-a1f2-3d4e5f607182";
    contact.kind = protocol::WireKind::contact_request;
    contact.created_at = 1763900100;
    contact.organisation_id = "testforeningen";
    contact.receipt_code = "K7P-4QX";
    contact.sealed.assign(48 + 20, 0xAB);  // crypto_box_SEALBYTES + a short message
    protocol::WireEvent heartbeat;
    heartbeat.id = "51111111-2222-4333-8444-555555555555";
    heartbeat.kind = protocol::WireKind::heartbeat;
    heartbeat.created_at = 1763900200;
    heartbeat.data = R"({"software_version":"0.1.0","catalogue_version":3,"uptime_s":600,"queue":{"pending":2},"disk_free_bytes":1000000})";
    const std::filesystem::path batch = root / "fuzz_event_batch";
    ok &= write(batch, "three-kinds.json",
                protocol::encode_batch(protocol::Batch{1763900300, true, {checkin("0d4c8a8e-8a51-4f7e-b1f3-2b0d5f0f6a11"), contact, heartbeat}}));
    ok &= write(batch, "one-checkin.json",
                protocol::encode_batch(protocol::Batch{1763900300, false, {checkin("0d4c8a8e-8a51-4f7e-b1f3-2b0d5f0f6a12")}}));
    ok &= write(batch, "empty.json", protocol::encode_batch(protocol::Batch{1763900300, true, {}}));

    protocol::BatchReply reply;
    reply.accepted = {"0d4c8a8e-8a51-4f7e-b1f3-2b0d5f0f6a11"};
    reply.duplicate = {"7f3c1e2a-9b4d-4c8e-a1f2-3d4e5f607182"};
    reply.rejected = {protocol::EventRejection{"51111111-2222-4333-8444-555555555555", "events[2].data.mood: unknown"}};
    reply.server_time = 1763900301;
    const std::filesystem::path replies = root / "fuzz_hub_reply";
    ok &= write(replies, "200-deliver.txt", "200\n\n" + protocol::encode_reply(reply));
    ok &= write(replies, "429-seconds.txt", "429\n120\n" + error_body("busy", "try again later"));
    ok &= write(replies, "503-date.txt", "503\nSun, 06 Nov 1994 08:49:37 GMT\n" + error_body("busy", ""));
    ok &= write(replies, "413-split.txt", "413\n\n" + error_body("too_large", "at most 1 MiB"));
    ok &= write(replies, "401-stale.txt", "401\n\n" + error_body("stale_timestamp", "the clock is off"));
    ok &= write(replies, "401-replay.txt", "401\n\n" + error_body("replay", ""));
    ok &= write(replies, "502-proxy.txt", "502\n\n<html><body>Bad Gateway</body></html>");
    ok &= write(replies, "transport.txt", "connection reset by peer\n\n");

    for (const auto& file : std::filesystem::directory_iterator(json)) {
        std::ifstream in(file.path(), std::ios::binary);
        const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        const CatalogueParseResult parsed = parse_catalogue_json(text);
        ok &= accepted(file.path().string(), parsed.ok(), parsed.summary());
    }
    for (const auto& file : std::filesystem::directory_iterator(csv)) {
        std::ifstream in(file.path(), std::ios::binary);
        const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        const CatalogueParseResult parsed = parse_catalogue_csv(text);
        ok &= accepted(file.path().string(), parsed.ok(), parsed.summary());
    }
    for (const manifest::Manifest& m : {full, catalogue_only}) {
        auto verified = manifest::verify(manifest::sign(m, publisher), publisher.public_key);
        ok &= accepted("signed manifest", verified.ok(), verified ? "" : verified.error().text());
    }
    auto decoded = protocol::decode_batch(
        protocol::encode_batch(protocol::Batch{1763900300, true, {checkin("0d4c8a8e-8a51-4f7e-b1f3-2b0d5f0f6a11"), contact, heartbeat}}));
    ok &= accepted("three-kinds.json", decoded.ok() && decoded.value().rejected.empty(),
                   decoded ? (decoded.value().rejected.empty() ? "" : decoded.value().rejected.front().reason) : decoded.error().text());

    if (!ok) {
        std::cerr << "make_fuzz_seeds: could not write (or check) the seeds under " << root << "\n";
        return 1;
    }
    return 0;
}
