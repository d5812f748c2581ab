// catalogue_csv.hpp — imports the spreadsheet an association keeps (one row per activity) into the
// catalogue model. Column layout and list syntax are in docs/catalogue.md, "CSV import".
#pragma once

#include "core/catalogue/catalogue_parse.hpp"

#include <cstdint>
#include <string_view>

namespace lotsen {

/// Parses CSV text (comma- or semicolon-separated, UTF-8, optional BOM, RFC 4180 quoting).
/// Problems name the row (1 = header) and column. `version` becomes the catalogue version.
CatalogueParseResult parse_catalogue_csv(std::string_view text, std::int64_t version = 1,
                                         const CatalogueLimits& limits = {});

}  // namespace lotsen
