// catalogue_json.hpp — reads and writes the catalogue JSON format v1 (docs/catalogue.md).
// The reader validates strictly and reports every problem with its JSON path.
#pragma once

#include "core/catalogue/catalogue_parse.hpp"
#include "core/catalogue/model.hpp"

#include <string>
#include <string_view>

namespace lotsen {

/// Parses and validates catalogue JSON text.
CatalogueParseResult parse_catalogue_json(std::string_view text, const CatalogueLimits& limits = {});

/// Serialises a catalogue to JSON format v1; parse_catalogue_json(to_json(c)) yields c again.
std::string catalogue_to_json(const Catalogue& catalogue, bool pretty = true);

}  // namespace lotsen
