// fuzz_catalogue_csv.cpp — libFuzzer target for the spreadsheet import (core/catalogue_csv): quoting,
// separators, BOM, cell syntax. A CSV catalogue is held to the rules of JSON, so whatever imports must
// survive the trip through catalogue_to_json and parse_catalogue_json unchanged.
#include "core/catalogue/catalogue_csv.hpp"
#include "core/catalogue/catalogue_json.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace lotsen;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const CatalogueParseResult result = parse_catalogue_csv(fuzz::as_text(data, size), 7);
    fuzz::require(result.catalogue.has_value() || !result.problems.empty(), "a refused CSV names a problem");
    (void)result.summary();
    if (result.ok()) {
        const CatalogueParseResult as_json = parse_catalogue_json(catalogue_to_json(*result.catalogue, false));
        fuzz::require(as_json.ok(), "an imported CSV catalogue passes the JSON rules");
        fuzz::require(*as_json.catalogue == *result.catalogue, "CSV → JSON → model yields the same catalogue");
    }
    return 0;
}
