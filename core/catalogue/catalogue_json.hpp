// catalogue_json.hpp — reads and writes the catalogue JSON format v1 (docs/catalogue.md).
// The reader validates strictly and reports every problem with its JSON path.
#pragma once

#include "core/catalogue/model.hpp"
#include "core/base/result.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lotsen {

/// One validation problem: where (a JSON path such as "$.activities[3].title.sv" or, for CSV,
/// "row 4, column 'town'") and why.
struct CatalogueProblem {
    std::string where;
    std::string reason;
    /// "where: reason".
    std::string to_string() const { return where + ": " + reason; }
};

/// Limits that keep a hostile or broken file from exhausting a kiosk.
struct CatalogueLimits {
    std::size_t max_file_bytes = 64u << 20;
    std::size_t max_organisations = 5'000;
    std::size_t max_activities = 50'000;
    std::size_t max_interests = 100;
    std::size_t max_short_text_bytes = 300;   ///< names, titles, addresses, places
    std::size_t max_long_text_bytes = 8'000;  ///< descriptions
    std::size_t max_list_items = 50;          ///< interests, languages, rules, dates per activity
    std::size_t max_problems = 200;           ///< stop reporting after this many
};

/// Outcome of parsing: the catalogue when there were no problems, otherwise every problem found.
struct CatalogueParseResult {
    std::optional<Catalogue> catalogue;
    std::vector<CatalogueProblem> problems;
    bool ok() const { return catalogue.has_value() && problems.empty(); }
    /// All problems, one per line.
    std::string summary() const;
};

/// Parses and validates catalogue JSON text.
CatalogueParseResult parse_catalogue_json(std::string_view text, const CatalogueLimits& limits = {});

/// Reads a file (respecting limits.max_file_bytes) and parses it as JSON or, when the name ends in
/// ".csv", as the CSV spreadsheet format.
CatalogueParseResult load_catalogue_file(const std::string& path, const CatalogueLimits& limits = {});

/// Serialises a catalogue to JSON format v1; parse_catalogue_json(to_json(c)) yields c again.
std::string catalogue_to_json(const Catalogue& catalogue, bool pretty = true);

}  // namespace lotsen
