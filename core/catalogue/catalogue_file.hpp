// catalogue_file.hpp — reading a catalogue file from disk, in whichever format its name says: the one
// door through which the kiosk, the hub and the tools load a catalogue they were given by path.
#pragma once

#include "core/base/format_growth.hpp"
#include "core/catalogue/catalogue_parse.hpp"

#include <string>

namespace lotsen {

/// Reads a file (respecting limits.max_file_bytes) and parses it as JSON, reading unknown members as
/// `unknown` says, or, when the name ends in ".csv", as the CSV spreadsheet format, which people write
/// and which therefore refuses an unknown column whatever `unknown` says.
CatalogueParseResult load_catalogue_file(const std::string& path, const CatalogueLimits& limits = {},
                                         UnknownMembers unknown = UnknownMembers::refuse);

}  // namespace lotsen
