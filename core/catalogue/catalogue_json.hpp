// catalogue_json.hpp — reads and writes the catalogue JSON format, major version 1 (docs/catalogue.md).
// The reader validates every member it knows and reports every problem with its JSON path; members it
// does not know are refused (what people write) or skipped and listed (a published file of a newer minor).
#pragma once

#include "core/base/format_growth.hpp"
#include "core/catalogue/catalogue_parse.hpp"
#include "core/catalogue/model.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace lotsen {

/// Parses and validates catalogue JSON text of any format 1.x. `unknown` says what a member this
/// reader does not know is: a problem naming its path (refuse), or skipped and listed in the result's
/// `ignored` (ignore). A newer major (format_version 2) is a problem either way.
CatalogueParseResult parse_catalogue_json(std::string_view text, const CatalogueLimits& limits = {},
                                          UnknownMembers unknown = UnknownMembers::refuse);

/// The format minor `catalogue` needs: 5 when an organisation says what it needs or offers (1.5), 4
/// when an activity has a last-checked date (1.4), 3 when an
/// organisation has a measured reply time (1.3), 2 when an organisation or activity has an image (1.2),
/// 1 when a place says how to find it (1.1), else 0.
std::int64_t catalogue_format_minor_needed(const Catalogue& catalogue);

/// Serialises a catalogue to JSON format 1.x, with the minor it needs (format_minor only when above
/// 0); parse_catalogue_json(to_json(c)) yields c again.
std::string catalogue_to_json(const Catalogue& catalogue, bool pretty = true);

}  // namespace lotsen
