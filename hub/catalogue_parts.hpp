// catalogue_parts.hpp — the region catalogue as the associations' parts: each association's part is
// its organisation profile and its activities. A publication replaces one part (an association's
// spreadsheet) or all of them (the region's whole catalogue); this module splits and assembles
// catalogues by part, refuses an activity id another association owns, says what changed per
// association, and keeps the parts as files under DATA_DIR/published/sources/ (docs/updates.md,
// "One catalogue, many associations").
#pragma once

#include "core/base/result.hpp"
#include "core/catalogue/model.hpp"
#include "core/time/civil_time.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lotsen::hub {

/// One association's part of the region catalogue.
struct CataloguePart {
    Organisation organisation;
    std::vector<Activity> activities;
};

/// The parts of `catalogue`, one per organisation, in its order (activities in their order).
std::vector<CataloguePart> split_into_parts(const Catalogue& catalogue);

/// The catalogue the parts make, with `interests` (the region's vocabulary; empty = the default) and `version`.
Catalogue assemble_parts(const std::vector<CataloguePart>& parts, std::vector<Interest> interests, std::int64_t version);

/// `base` with `part` in place of the part of the same association (appended when it is new).
Catalogue replace_part(const Catalogue& base, CataloguePart part, std::int64_t version);

/// An activity of `part` whose id another association of `base` already uses.
struct ForeignId {
    std::size_t activity = 0;  ///< index in part.activities
    std::string owner;         ///< the association that has the id
};

/// Every activity of `part` whose id belongs to another association in `base`.
std::vector<ForeignId> foreign_ids(const Catalogue& base, const CataloguePart& part);

/// What one publication does to one association.
struct AssociationChange {
    enum class Kind { added, changed, removed, untouched };
    std::string association;
    Kind kind = Kind::untouched;
    bool profile_changed = false;
    std::vector<std::string> added;    ///< activity ids
    std::vector<std::string> changed;
    std::vector<std::string> removed;
    std::size_t activities = 0;        ///< after the publication (before it, for a removed association)
};

/// Association by association (before's order, then new ones), what `after` changes of `before`. A
/// listing whose only difference is its last-checked date is not a change.
std::vector<AssociationChange> compare_parts(const Catalogue& before, const Catalogue& after);

/// The changes for a person: one line per association changed, added or removed, then the
/// associations untouched on one line. Ids are written as quote_for_message writes them.
std::string render_changes(const std::vector<AssociationChange>& changes);

/// sources/ under the published directory.
std::string sources_dir(const std::string& published_dir);

/// What sources/index.json says of one part.
struct SourcePart {
    std::int64_t set_in_version = 0;    ///< the catalogue version that last set the part
    std::string set_at;                 ///< when, RFC 3339 UTC
    std::string from;                   ///< the file that set it
    std::vector<std::string> withheld;  ///< its listings the published catalogue leaves out (not checked for too long)
};

/// sources/index.json: the catalogue version the parts make up, and each part.
struct SourcesIndex {
    std::int64_t catalogue_version = 0;
    /// Listings last checked longer ago than this are not published (hub/freshness.hpp); kept here so
    /// that every publication, wherever it runs, uses the limit the last one used.
    int withhold_after_days = 0;        ///< 0: never set (the default applies)
    std::vector<std::string> order;     ///< association ids in catalogue order
    std::map<std::string, SourcePart> parts;
};

/// sources/index.json of `published_dir`; nullopt when there is none or it does not read.
std::optional<SourcesIndex> read_sources_index(const std::string& published_dir);

/// The parts as sources/ holds them, in `index`'s order, withheld listings included; a part that does
/// not read is left out.
std::vector<CataloguePart> read_source_parts(const std::string& published_dir, const SourcesIndex& index);

/// `catalogue` without the listings `withheld` names (association → activity ids).
Catalogue without_withheld(const Catalogue& catalogue, const std::map<std::string, std::vector<std::string>>& withheld);

/// The parts behind the published catalogue `published` (version N), withheld listings included: those
/// in sources/ when they are of version N and make `published` once the listings index.json names as
/// withheld are left out; otherwise (none yet, or left behind by an interrupted publish) `published`
/// itself, with `note` saying that sources/ will be written anew from it.
Catalogue catalogue_from_sources(const std::string& published_dir, const Catalogue& published, std::string& note);

/// Writes sources/ for `catalogue`: one catalogue file per association (<id>.json, its "version" the
/// catalogue version that last set the part) and index.json naming the catalogue version they make
/// up, last. Parts `changes` leaves untouched keep their files; removed associations' files go.
/// `source` names the file that was published (for index.json); `withheld` the listings of
/// `catalogue` the published one leaves out, and `withhold_after_days` the limit that left them out.
Result<void> write_sources(const std::string& published_dir, const Catalogue& catalogue,
                           const std::vector<AssociationChange>& changes, const std::string& source, UnixSeconds now,
                           const std::map<std::string, std::vector<std::string>>& withheld = {},
                           int withhold_after_days = 0);

}  // namespace lotsen::hub
