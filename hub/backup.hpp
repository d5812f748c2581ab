// backup.hpp — `lotsen-hub backup` and `restore`: a consistent copy of a hub's hub.db taken while
// `serve` keeps running (SQLite's online backup API, which copies one committed state however many
// writes happen meanwhile), checked before it is trusted, and put back the same way.
#pragma once

#include "core/base/result.hpp"

#include <string>

namespace lotsen::hub {

/// What a finished backup or restore holds.
struct BackupSummary {
    long long kiosks = 0;  ///< enrolled kiosks in the copy
    long long events = 0;  ///< events in the copy
};

/// Copies `hub_db` (a hub's hub.db, perhaps being written by `serve`) to `destination`, a new file
/// (mode 0600; never overwritten), and checks the copy (PRAGMA integrity_check, the hub's tables).
/// A failed backup leaves no file behind.
Result<BackupSummary> backup_hub(const std::string& hub_db, const std::string& destination);

/// Replaces the contents of `hub_db` (an existing hub's) with `backup`, after checking the backup as
/// backup_hub checks a copy. The replacement is one write transaction: a running `serve` sees either
/// the old or the restored contents, never a mix. A backup that fails its checks changes nothing.
Result<BackupSummary> restore_hub(const std::string& backup, const std::string& hub_db);

}  // namespace lotsen::hub
