// string_tables_cache.hpp — the UI string tables kept on disk between starts. Parsing the seven TOML
// files was a tenth of a kiosk's work up to its first frame (issue 21), and they change only with a
// package update. A file is used only when it was made by the same program from the same *.toml files
// (by name and identity: device, inode, size, modification and change times) and its contents match
// their digest; otherwise the files are parsed (with every error load_directory reports) and it is
// replaced.
#pragma once

#include "core/base/result.hpp"
#include "core/i18n/strings.hpp"

#include <string>

namespace lotsen::kiosk {

struct LoadedStringTables {
    StringTables tables;
    bool restored = false;  ///< read from the cache file, not parsed
    /// A log line when something needs saying: a damaged file replaced, or tables that could not be kept.
    std::string message;
};

/// StringTables::load_directory(`directory`), from `cache_path` when that file was made from the same
/// files; an empty `cache_path` only parses.
Result<LoadedStringTables> load_string_tables(const std::string& directory, const std::string& cache_path);

/// The file load_string_tables uses in a kiosk's cache folder.
std::string string_tables_cache_path(const std::string& cache_dir);

}  // namespace lotsen::kiosk
