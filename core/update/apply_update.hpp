// apply_update.hpp — what the UI thread does with a verified file, without ImGui, so the tests apply
// updates the way the kiosk does: a catalogue read and stored, a published config read as an overlay
// on the local one (and whether it needs a restart), and the stored overlay read at every start.
#pragma once

#include "core/base/result.hpp"
#include "core/catalogue/model.hpp"
#include "core/settings/config.hpp"
#include "core/update/update_state.hpp"
#include "core/wire/manifest.hpp"

#include <cstdint>
#include <string>

namespace lotsen {

class Store;

/// Reads the accepted published config (DATA_DIR/updates/config.toml) as an overlay on the local
/// config, skipping keys this release does not know (one stderr line lists them). No file: `local` as
/// it is. A file that no longer parses: an error (the caller keeps `local`).
Result<KioskConfig> load_with_config_overlay(const KioskConfig& local, const std::string& data_dir);

/// True when moving from config `before` to `after` needs a restart ([screen] or the languages);
/// everything else is applied live.
bool config_needs_restart(const KioskConfig& before, const KioskConfig& after);

/// A downloaded file whose size and SHA-256 matched its signed entry, waiting in ready/.
struct ReadyUpdate {
    manifest::Kind kind = manifest::Kind::catalogue;
    manifest::Entry entry;
    std::string path;  ///< DATA_DIR/updates/ready/<file>
};

/// Parses a ready catalogue with the checks of `lotsen --catalogue`, under the entry's version (the
/// one the fleet counts by), except that members this release does not know are skipped and listed in
/// one stderr line. A catalogue with problems (a newer format major among them) is refused, with every problem.
Result<Catalogue> read_catalogue_update(const ReadyUpdate& update);

/// Replaces the store's catalogue with `catalogue` (read from `update`) in one transaction; when that
/// fails the store keeps the catalogue it had.
Result<void> store_catalogue_update(Store& store, const Catalogue& catalogue, const ReadyUpdate& update, std::int64_t now);

/// How import_catalogue_update() ended.
struct CatalogueUpdateOutcome {
    enum class Kind {
        stored,      ///< in use now
        refused,     ///< the file has problems: refused for good
        not_stored,  ///< the store failed: worth another try (after a restart)
    };
    Kind kind = Kind::stored;
    std::string reason;  ///< why not, as read_catalogue_update() or store_catalogue_update() says it
};

/// What the kiosk does with a ready catalogue: reads it a chunk at a time and stores each activity as
/// soon as it is read, in one transaction, under the entry's version (read_catalogue_update() and
/// store_catalogue_update() in one pass, in memory bounded by one activity rather than the file).
/// Members this release does not know are skipped and listed in one stderr line. A refused file or a
/// failed store leaves the current catalogue in use. Afterwards the memory the import used is given
/// back to the system.
CatalogueUpdateOutcome import_catalogue_update(Store& store, const ReadyUpdate& update, std::int64_t now);

/// A ready config read over the local config, and whether it needs a restart.
struct ConfigUpdate {
    KioskConfig config;  ///< local + the published overlay
    std::string text;    ///< the published file, to store as DATA_DIR/updates/config.toml
    bool needs_restart = false;
};

/// Reads a ready config as an overlay on `local` and compares it with `running`; keys this release does
/// not know are skipped and listed in one stderr line; refused with the parser's message (file, line,
/// key) when it does not parse or validate.
Result<ConfigUpdate> read_config_update(const KioskConfig& local, const KioskConfig& running, const ReadyUpdate& update);

}  // namespace lotsen
