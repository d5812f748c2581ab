// local_catalogue.hpp — the catalogue file a kiosk is started with (`lotsen --catalogue FILE`): read a
// chunk at a time and stored as it is read, with the pictures named beside it checked, filled in and
// copied into the kiosk's image folder, in one transaction.
#pragma once

#include "core/base/result.hpp"

#include <cstdint>
#include <string>

namespace lotsen {

class Store;

/// Imports `path` (JSON or CSV, refusing members it does not know) into `store`, occurrences around
/// `now`; images named beside the file are checked and copied into `images_dir` as they are met. The
/// file's or its images' problems come back as text (one per line, JSON paths included) and leave the
/// store's catalogue as it was; a store that fails is an error. Afterwards the memory the import used
/// is given back to the system.
Result<std::string> import_local_catalogue(Store& store, const std::string& path, const std::string& images_dir,
                                           std::int64_t now);

}  // namespace lotsen
