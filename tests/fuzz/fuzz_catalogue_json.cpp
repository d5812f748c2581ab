// fuzz_catalogue_json.cpp — libFuzzer target for the catalogue JSON reader (core/catalogue_json), the
// parser every published catalogue and `--catalogue FILE` goes through, in both its modes. Besides
// "never crashes, never throws", it checks the promises of catalogue_json.hpp: what parses, written
// back with catalogue_to_json, parses again to the same catalogue; and the tolerant reader differs
// from the strict one only by what it skips: what the strict one reads it reads the same, skipping
// nothing, and what it reads, written back, the strict one reads. The streaming read under it hands
// a sink exactly the pieces of a catalogue it accepts, and nothing once a problem is found.
#include "core/catalogue/catalogue_json.hpp"
#include "core/catalogue/catalogue_stream.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace lotsen;

namespace {

// Counts what the streaming read hands on.
struct CountingSink final : CatalogueSink {
    std::size_t organisations = 0;
    std::size_t activities = 0;
    Result<void> interests(const std::vector<Interest>&) override { return success(); }
    Result<void> organisation(Organisation) override
    {
        fuzz::require(activities == 0, "organisations come before activities");
        ++organisations;
        return success();
    }
    Result<void> activity(Activity) override
    {
        ++activities;
        return success();
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text = fuzz::as_text(data, size);
    const CatalogueParseResult result = parse_catalogue_json(text);
    fuzz::require(result.catalogue.has_value() || !result.problems.empty(), "a refused catalogue names a problem");
    fuzz::require(result.ignored.empty(), "the strict reader skips nothing");
    (void)result.summary();
    TextCatalogueSource source(text);
    CountingSink sink;
    const CatalogueStreamResult streamed = stream_catalogue_json(source, sink);
    fuzz::require(streamed.problems.size() == result.problems.size(), "streaming reports what parsing reports");
    if (result.ok()) {
        fuzz::require(sink.organisations == result.catalogue->organisations.size() &&
                          sink.activities == result.catalogue->activities.size(),
                      "a valid catalogue is handed on whole");
    }
    if (result.ok()) {
        const CatalogueParseResult again = parse_catalogue_json(catalogue_to_json(*result.catalogue, false));
        fuzz::require(again.ok(), "catalogue_to_json of a valid catalogue parses");
        fuzz::require(*again.catalogue == *result.catalogue, "JSON round trip yields the same catalogue");
    }

    const CatalogueParseResult tolerant = parse_catalogue_json(text, {}, UnknownMembers::ignore);
    fuzz::require(tolerant.catalogue.has_value() || !tolerant.problems.empty(), "a refused catalogue names a problem");
    (void)tolerant.ignored.summary();
    if (result.ok()) {
        fuzz::require(tolerant.ok() && tolerant.ignored.empty(), "what the strict reader reads, the tolerant one reads whole");
        fuzz::require(*tolerant.catalogue == *result.catalogue, "both readers read the same catalogue");
    }
    if (tolerant.ok()) {
        const CatalogueParseResult again = parse_catalogue_json(catalogue_to_json(*tolerant.catalogue, false));
        fuzz::require(again.ok(), "a tolerantly read catalogue, written back, reads strictly");
        fuzz::require(*again.catalogue == *tolerant.catalogue, "JSON round trip yields the same catalogue");
    }
    return 0;
}
