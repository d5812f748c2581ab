// catalogue_file.hpp — reading a catalogue file from disk, in whichever format its name says: the one
// door through which the kiosk, the hub and the tools load a catalogue they were given by path.
#pragma once

#include "core/base/format_growth.hpp"
#include "core/catalogue/catalogue_parse.hpp"
#include "core/catalogue/catalogue_stream.hpp"

#include <string>

namespace lotsen {

/// Reads a file (respecting limits.max_file_bytes) and parses it as JSON, reading unknown members as
/// `unknown` says, or, when the name ends in ".csv", as the CSV spreadsheet format, which people write
/// and which therefore refuses an unknown column whatever `unknown` says.
CatalogueParseResult load_catalogue_file(const std::string& path, const CatalogueLimits& limits = {},
                                         UnknownMembers unknown = UnknownMembers::refuse);

/// Reads a catalogue file and hands it to `sink` piece by piece as it is read (JSON a chunk at a time,
/// in bounded memory; CSV whole, then handed on), with the checks of load_catalogue_file(). Problems
/// name the path as load_catalogue_file() does; nothing is handed on after the first.
CatalogueStreamResult stream_catalogue_file(const std::string& path, CatalogueSink& sink,
                                            const CatalogueLimits& limits = {},
                                            UnknownMembers unknown = UnknownMembers::refuse);

}  // namespace lotsen
