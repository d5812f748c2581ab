// fuzz_catalogue_json.cpp — libFuzzer target for the catalogue JSON reader (core/catalogue_json), the
// parser every published catalogue and `--catalogue FILE` goes through. Besides "never crashes, never
// throws", it checks the promise of catalogue_json.hpp: what parses, written back with
// catalogue_to_json, parses again to the same catalogue.
#include "core/catalogue/catalogue_json.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace lotsen;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const CatalogueParseResult result = parse_catalogue_json(fuzz::as_text(data, size));
    fuzz::require(result.catalogue.has_value() || !result.problems.empty(), "a refused catalogue names a problem");
    (void)result.summary();
    if (result.ok()) {
        const CatalogueParseResult again = parse_catalogue_json(catalogue_to_json(*result.catalogue, false));
        fuzz::require(again.ok(), "catalogue_to_json of a valid catalogue parses");
        fuzz::require(*again.catalogue == *result.catalogue, "JSON round trip yields the same catalogue");
    }
    return 0;
}
