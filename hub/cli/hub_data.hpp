// hub_data.hpp — what the upstream commands open besides their own arguments: the hub's data
// directory and its hub.db (--data-dir DIR), and the catalogue some of them take for names
// (--catalogue FILE).
#pragma once

#include "core/base/result.hpp"
#include "core/catalogue/model.hpp"
#include "hub/cli/arguments.hpp"
#include "hub/hub_store.hpp"

#include <memory>
#include <optional>
#include <string>

namespace lotsen::hub::cli {

/// Opens DIR/hub.db of an existing hub. A folder that is not one (missing, or without hub.db) is
/// refused with a message naming it: a mistyped --data-dir must never start a new, empty hub. Only
/// `lotsen-hub init` creates one (create_hub).
Result<std::unique_ptr<HubStore>> open_hub_store(const std::string& data_dir);

/// DIR/hub.db of an existing hub, refused as open_hub_store refuses (for commands that open it
/// without a HubStore: backup, restore).
Result<std::string> existing_hub_db(const std::string& data_dir);

/// What create_hub did.
enum class HubCreated { created, already_there };

/// Creates a hub in DIR: the folder (mode 0700: it holds sealed requests; its parent must exist) and
/// an empty hub.db. A folder that already holds a hub is left as it is.
Result<HubCreated> create_hub(const std::string& data_dir);

/// Loads the catalogue for names instead of ids into `catalogue`: --catalogue FILE when given, else
/// the catalogue this hub published last (DATA_DIR/published: the manifest names it, its file name is
/// its SHA-256, which is checked). A --catalogue with problems is refused: they are printed and false
/// is returned. Without either, ids are shown and a note on standard error says why.
bool load_optional_catalogue(const Arguments& arguments, std::optional<Catalogue>& catalogue);

}  // namespace lotsen::hub::cli
