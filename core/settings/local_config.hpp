// local_config.hpp — the kiosk's own config file at start, never a reason to stop: a file that does not
// load is reported (file, line, key) and the last configuration that loaded is used instead, kept as a
// copy under the data directory; with none, the built-in defaults and an out-of-order screen. A file
// that loads but lacks a section a deployed kiosk needs is named in warnings.
#pragma once

#include "core/settings/config.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lotsen {

/// Where the configuration in force at start came from, and what staff must be told about it.
struct ConfigOrigin {
    enum class Source {
        built_in,      ///< no --config given: the built-in defaults, as intended
        file,          ///< the local file loaded
        last_good,     ///< the local file did not load: the last copy that did
        out_of_order,  ///< the local file did not load and no copy had: built-in defaults, out of order
    };
    Source source = Source::built_in;
    std::string path;                  ///< the local file named with --config (empty for built_in)
    std::string problem;               ///< why it did not load, with its line and key; empty when it did
    std::vector<std::string> missing;  ///< sections a deployed kiosk needs that the file in use lacks
    std::string note;                  ///< the last good copy could not be saved or read: why
};

/// A configuration and where it came from.
struct LocalConfig {
    KioskConfig config;
    ConfigOrigin origin;
};

/// DATA_DIR/config/last-good.toml: the last local file that loaded, byte for byte.
std::string last_good_config_path(const std::string& data_dir);

/// Loads `path` (nullopt: built-in defaults). When it loads, its text is kept as the last good copy
/// (written durably, only when it changed); when it does not, the last good copy is used, or with none
/// the built-in defaults (Source::out_of_order). Never fails.
LocalConfig load_local_config(const std::optional<std::string>& path, const std::string& data_dir);

/// The sections a deployed kiosk needs ([kiosk], [admin], [upstream], [help]) that `toml_text` lacks,
/// each with what is missing without it; empty when the text does not parse (that is an error instead).
std::vector<std::string> missing_deployment_sections(std::string_view toml_text);

/// The log lines (without "lotsen: ") that say what `origin` means; none for a file that loaded whole.
std::vector<std::string> describe_config_origin(const ConfigOrigin& origin);

}  // namespace lotsen
