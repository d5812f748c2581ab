// fuzz_manifest.cpp — libFuzzer target for the signed fleet manifest (core/manifest). Each input goes
// to both doors: verify() with the fixed test publisher key (the seeds hold manifests signed with it,
// so mutations exercise the outer JSON, base64 and signature checks), and parse_payload(), the parser
// behind the signature (every known member checked, unknown ones listed, previous_major's rules),
// which a fuzzer could never reach through verify() by forging one.
#include "tests/fuzz/fuzz_support.hpp"
#include "core/update/entry_choice.hpp"
#include "core/wire/manifest.hpp"

using namespace lotsen;

namespace {

// A parsed manifest, written back and parsed again, must come out the same.
void check_round_trip(const manifest::Manifest& parsed)
{
    const std::string payload = manifest::encode_payload(parsed);
    auto again = manifest::parse_payload(payload);
    fuzz::require(again.ok(), "encode_payload of a parsed manifest parses");
    fuzz::require(manifest::encode_payload(again.value()) == payload, "manifest payload round trip");
    fuzz::require(again.value().ignored.empty(), "an encoded manifest has no member its reader does not know");
    // The freshness rules take any parsed manifest; they must only compare.
    (void)manifest::check_freshness(parsed, manifest::Seen{}, parsed.issued_at);
    (void)manifest::check_freshness(parsed, manifest::Seen{parsed.sequence, 1, 1, 1}, parsed.expires_at);
    // Whatever is listed, each kind yields at most one entry to take, of a format it reads.
    for (manifest::Kind kind : {manifest::Kind::catalogue, manifest::Kind::config, manifest::Kind::release}) {
        const EntryChoice choice = choose_entry(parsed, kind, 1);
        fuzz::require(!(choice.entry && choice.unreadable), "an entry is taken or refused, not both");
        fuzz::require(!choice.entry || choice.entry->format <= 1, "only a readable format is taken");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text = fuzz::as_text(data, size);
    if (auto verified = manifest::verify(text, fuzz::test_publisher().public_key))
        check_round_trip(verified.value());
    if (auto parsed = manifest::parse_payload(text))
        check_round_trip(parsed.value());
    return 0;
}
