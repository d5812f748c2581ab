// retention.hpp — erasing contact requests' personal data when its time is up ([retention] of
// office.toml): a request's sealed box (and any opened copy stored beside it) is overwritten
// `days_after_closed` after its outcome was set (handled_at) or `days_after_received` after the hub
// received it, whichever comes first. What stays is anonymous: association, site, times, outcome.
//
// Erased means gone from the disk, not just from queries: every hub.db connection runs with
// secure_delete on (freed cells and pages are overwritten with zeros), the pass overwrites the
// columns in one transaction, and then checkpoints the WAL with TRUNCATE so that the old page images
// in hub.db-wal are gone too. A checkpoint that a reader blocks is reported; the next pass tries again.
// The pass also deletes the hub's own backups (`lotsen-hub backup`) older than backup_days.
#pragma once

#include "core/base/result.hpp"
#include "core/time/civil_time.hpp"
#include "hub/hub_store.hpp"
#include "hub/mail/mail_settings.hpp"

#include <string>
#include <vector>

namespace lotsen::hub {

/// A column that holds a request's personal data, keyed by the request's event id.
struct PersonalColumn {
    std::string table;
    std::string column;
    std::string key_column;    ///< holds contact_requests.event_id
    std::string erased_value;  ///< SQL literal written over it: NULL, X'' (a NOT NULL blob) or '' (NOT NULL text)
};

/// The sealed box: contact_requests.sealed. Stores that keep an opened copy or a free-text note about
/// the visitor add their columns to RetentionOptions::more_columns.
PersonalColumn sealed_box_column();

/// What a pass may do besides the sealed box.
struct RetentionOptions {
    bool dry_run = false;                      ///< only say what would be erased and deleted
    std::vector<PersonalColumn> more_columns;  ///< further personal data per request
};

/// What a pass did (or, dry, would do).
struct RetentionReport {
    std::vector<std::string> erased;           ///< event ids whose personal data was erased
    std::vector<std::string> backups_deleted;  ///< backup files removed (paths)
    bool checkpointed = false;                 ///< hub.db-wal was checkpointed and truncated
    std::string checkpoint_problem;            ///< why not, when it was tried and failed
};

/// Erases what is due at `now` (see the file comment), checkpoints, and deletes old backups.
/// Nothing is erased in part: the overwrites are one transaction.
Result<RetentionReport> run_retention(HubStore& store, const mail::RetentionSettings& settings, UnixSeconds now,
                                      const RetentionOptions& options);

}  // namespace lotsen::hub
