// publish.hpp — `lotsen-hub publish`: what the region sends its fleet. It validates a catalogue
// (JSON, or CSV converted to JSON; an association's spreadsheet replaces only that association's
// part, hub/catalogue_parts.hpp), a kiosk configuration or a release bundle exactly as a kiosk
// would, gives it the next version, writes it content-addressed to DATA_DIR/published/files/ and
// signs a new manifest (core/manifest) listing it beside the entries already published. An entry
// carries its file's format major; a kind may list, beside its main entry, the newest entry of the
// previous major for kiosks that do not read the newer one yet (place_entry). It also re-signs the
// manifest with a later expiry (--refresh), shows it, and prunes files no manifest needs.
//
// Everything here works on plain files: DATA_DIR/published may live on an offline machine holding
// the publisher key, and the result is copied to any web server (docs/updates.md, "Publishing").
// Writes are ordered so a reader never sees a partial file or a manifest naming a missing one: the
// file is fsync'd and renamed into files/ first, then the manifest is replaced the same way. A
// refusal writes nothing: the manifest stays byte for byte what it was.
#pragma once

#include "core/time/civil_time.hpp"
#include "hub/catalogue_parts.hpp"
#include "core/wire/manifest.hpp"
#include "core/wire/protocol.hpp"
#include "core/base/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lotsen::hub {

/// --expires-days: its default and largest value.
inline constexpr int k_default_expires_days = 30;
inline constexpr int k_max_expires_days = 366;
/// prune keeps a file no longer listed for at least this long: a kiosk may still be fetching it.
inline constexpr std::int64_t k_prune_min_age_seconds = 7 * 86400;

/// How one publish runs.
struct PublishOptions {
    std::string data_dir;             ///< the hub's data directory (must exist); output in DATA_DIR/published/
    int expires_days = k_default_expires_days;  ///< the manifest expires this many days after `now`
    std::optional<std::string> name;  ///< the entry's label; a release's defaults to its RELEASE name
    bool force_new_key = false;       ///< sign over a manifest another key signed (key rotation)
    /// config only: a kiosk's own lotsen.toml. The config is then checked laid over it, as that kiosk
    /// reads it (apply_kiosk_config_overlay), instead of over the defaults.
    std::optional<std::string> config_base;
    /// catalogue only: the file is this association's part (a spreadsheet's rows must all name it;
    /// a JSON file must hold it alone). A spreadsheet is always one association's part: without this,
    /// the one its first row names.
    std::optional<std::string> association;
    /// catalogue only: associations a whole catalogue may leave out (they are removed); any other
    /// association a whole catalogue leaves out refuses the publish.
    std::vector<std::string> allow_removing_associations;
    /// catalogue and --refresh: listings last checked more than this many days ago are not published
    /// (hub/freshness.hpp). Unset: the limit the last publication used (sources/index.json), else 365.
    std::optional<int> withhold_after_days;
    UnixSeconds now = 0;              ///< the publishing machine's clock
};

/// Where a newly published entry goes among the entries listed for its kind.
enum class Placement {
    main,            ///< the main entry's major (or the first entry of its kind): it replaces the main entry
    new_major,       ///< a newer major: it becomes the main entry, the old main moves to previous_major
    previous_major,  ///< the previous major: it replaces (or becomes) the previous_major entry
};

/// Puts `entry` (with its file's format major) into `manifest` as `kind` by the rule above: the main
/// entry's major replaces the main; a newer major moves the main into previous_major (replacing what
/// was there); the previous_major's major — or, with none, the main's major − 1 — replaces or sets
/// previous_major. Any other major is refused with a message, `manifest` left unchanged.
Result<Placement> place_entry(manifest::Manifest& manifest, manifest::Kind kind, manifest::Entry entry);

/// What a publish wrote.
struct PublishOutcome {
    manifest::Manifest manifest;                   ///< now in DATA_DIR/published/manifest.json
    std::optional<manifest::Kind> kind;            ///< the entry published; nullopt for a refresh
    Placement placement = Placement::main;         ///< where it went (kind set)
    std::optional<std::int64_t> previous_version;  ///< the version it replaced in that place, if any
    std::int64_t previous_sequence = 0;            ///< 0 when there was no manifest
    bool replaced_other_key = false;               ///< the previous manifest was signed by another key
    /// catalogue: what it did to each association (catalogue_parts.hpp), in the catalogue's order.
    std::vector<AssociationChange> changes;
    /// Things the person should know: how a spreadsheet was read ("read as Windows-1252"), that
    /// sources/ was written anew.
    std::vector<std::string> notes;
    /// catalogue: per association, the listings not published because nobody checked them for too
    /// long, and those published again (render_withheld); empty when there are none.
    std::string freshness;
};

/// Validates `source` as `kind` — catalogue JSON or .csv, config TOML (over options.config_base when
/// given), release .tar.gz — gives it the next version, writes it to files/<sha256>.<ext> and a new
/// signed manifest listing it with the entries already published, placed by its format major
/// (place_entry: a catalogue's "format_version", a config's `format_version`, absent = 1, a release 1).
/// A catalogue JSON's own "version" must exceed every published one of its kind; a CSV catalogue, a
/// config and a release get the newest published version + 1. Refuses, writing nothing, with every
/// problem found.
///
/// A catalogue is assembled from the associations' parts (docs/updates.md, "One catalogue, many
/// associations"): a spreadsheet (or a JSON file with options.association) replaces one association's
/// part of the published format-1 catalogue and keeps every other part; a whole JSON catalogue sets
/// every part, and leaving out an association that is published is refused unless
/// options.allow_removing_associations names it. An activity id another association has is refused.
/// After the manifest, the parts are written to published/sources/.
Result<PublishOutcome> publish_file(manifest::Kind kind, const std::string& source, const protocol::SigningKeyPair& publisher,
                                    const PublishOptions& options);

/// Signs the current manifest again with the next sequence, `now` and a new expiry. Entries stay as they
/// are, except that a format-1 catalogue is published anew (next version, kind set in the outcome) when
/// its listings' freshness changed it since: a listing went stale and is left out, or the office's
/// "still correct" (hub.db) raised a listing's date or brought a withheld one back (hub/freshness.hpp).
Result<PublishOutcome> refresh_manifest(const protocol::SigningKeyPair& publisher, const PublishOptions& options);

/// The current manifest verified with `publisher`; nullopt when nothing has been published yet.
Result<std::optional<manifest::Manifest>> read_published_manifest(const std::string& data_dir,
                                                                  const protocol::SigningPublicKey& publisher);

/// The manifest for people: sequence, dates (with days left), and each entry — with the previous major
/// entries and their formats — with whether its file is present in files/ with the listed size.
std::string render_manifest(const manifest::Manifest& manifest, const std::string& data_dir, UnixSeconds now);

/// What prune removed and what it kept for now.
struct PruneOutcome {
    std::vector<std::string> removed;      ///< file names
    std::vector<std::string> kept_recent;  ///< no longer listed, but not for long enough yet
};

/// Removes from files/ what the current manifest (verified with `publisher`) does not list — main
/// entries and previous_major entries both count as listed — once it has
/// been out of it for `min_age_seconds` — counted from the later of the file's own time and the
/// publication of the entry of its kind that replaced it — and temporary files older than a day that
/// an interrupted publish left.
Result<PruneOutcome> prune_published(const std::string& data_dir, const protocol::SigningPublicKey& publisher,
                                     UnixSeconds now, std::int64_t min_age_seconds = k_prune_min_age_seconds);

}  // namespace lotsen::hub
