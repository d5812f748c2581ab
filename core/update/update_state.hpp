// update_state.hpp — what the kiosk remembers about updates across restarts: where the updater's
// files live (DATA_DIR/updates), the state file's format (updates/state.json) and its codec, and the
// refusals remembered in it so that a refused file is not downloaded again by the same software.
// The state file is the kiosk's own, but another release may have written it (before a rollback, or
// after an upgrade): members this release does not know are skipped and listed, as a reader of a
// signed file does (docs/updates.md, "How these formats grow"); a format other than 1 is refused.
#pragma once

#include "core/base/format_growth.hpp"
#include "core/base/result.hpp"
#include "core/wire/manifest.hpp"
#include "core/wire/protocol.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lotsen {

/// Where the updater keeps its files under a data directory.
struct UpdatePaths {
    std::string root;            ///< DATA_DIR/updates
    std::string state;           ///< DATA_DIR/updates/state.json
    std::string partial;         ///< DATA_DIR/updates/partial: downloads in progress (resumed from here)
    std::string ready;           ///< DATA_DIR/updates/ready: verified files waiting to be applied
    std::string config_overlay;  ///< DATA_DIR/updates/config.toml: the accepted published config
};

/// The paths for `data_dir`.
UpdatePaths update_paths(const std::string& data_dir);

/// A file the kiosk refused for what it is — a catalogue that does not parse, a config that does not
/// fit, an entry larger than the kiosk takes or of a format it does not read, bytes that twice did not
/// match the signed hash — kept in the state file so that exactly this entry is not downloaded again,
/// also after a restart, until the kiosk's own software changes (a newer release may read it). Another
/// version, or the same version with another SHA-256, is tried.
struct RememberedRefusal {
    manifest::Kind kind = manifest::Kind::catalogue;
    std::int64_t version = 0;
    protocol::Sha256 sha256{};
    std::int64_t at = 0;  ///< Unix seconds
    std::string reason;   ///< at most k_max_remembered_reason_bytes: admin and the heartbeat show it after a restart
    std::string software; ///< the kiosk software version that refused it ("0.3.0"); empty: from before this member
    bool operator==(const RememberedRefusal&) const = default;
};

/// The state file keeps at most this many refusals (the oldest go first) …
inline constexpr std::size_t k_max_remembered_refusals = 16;
/// … each reason cut to this many bytes (a catalogue's problem list can be long; the state file is bounded).
inline constexpr std::size_t k_max_remembered_reason_bytes = 1024;

/// What the kiosk remembers about updates across restarts (DATA_DIR/updates/state.json).
struct UpdateState {
    manifest::Seen seen;        ///< highest manifest sequence accepted, and the version accepted per kind
    std::string etag;           ///< ETag of `manifest`, sent as If-None-Match
    std::string manifest;       ///< the last verified manifest file as fetched (verified again when used)
    std::string catalogue_name; ///< labels of the accepted versions, for admin
    std::string config_name;
    std::string release_name;
    std::vector<RememberedRefusal> refused;  ///< entries never downloaded again, oldest first
    bool operator==(const UpdateState&) const = default;
};

/// The state file's JSON. It holds only members that every release since refusals were remembered
/// reads: a kiosk whose new release fails its trial goes back to the previous program, which must still
/// read it (those programs refuse members they do not know). So the software that made each refusal
/// is kept beside it, in refusal_software_path() (save_update_state and load_update_state).
std::string encode_update_state(const UpdateState& state);
/// Parses a state file; `source` names it in errors. Every known member is checked; members this
/// program does not know are skipped and, when `ignored` is given, listed there ("refused[].note").
Result<UpdateState> decode_update_state(std::string_view text, std::string_view source, IgnoredMembers* ignored = nullptr);
/// Reads the state file; a missing file is the empty state, a damaged one an error (never "empty":
/// that would let an old manifest in again). Skipped members are logged, one line per read. Each
/// refusal's software comes from the file beside it; a refusal that file does not name (made by a
/// program from before it, or the file lost or damaged, which is logged) gets none, so it is forgotten
/// at start and its file tried again.
Result<UpdateState> load_update_state(const std::string& path);
/// Writes the file naming each refusal's software, then the state file, each atomically.
Result<void> save_update_state(const std::string& path, const UpdateState& state);
/// The file beside the state file at `state_path` that names the software of each remembered refusal:
/// DATA_DIR/updates/refusal-software.json.
std::string refusal_software_path(const std::string& state_path);

/// How an entry is named in messages: "catalogue 8 \"Spring\"".
std::string entry_label(manifest::Kind kind, const manifest::Entry& entry);
/// The version of `kind` accepted in `seen`.
std::int64_t accepted_version(const manifest::Seen& seen, manifest::Kind kind);
/// True when `refusal` is of exactly this entry (kind, version and SHA-256).
bool same_entry(const RememberedRefusal& refusal, manifest::Kind kind, std::int64_t version, const protocol::Sha256& sha256);
/// Adds `refusal` to the state's list (once per entry, newest last, at most k_max_remembered_refusals,
/// the reason cut to k_max_remembered_reason_bytes).
void remember_refusal(UpdateState& state, RememberedRefusal refusal);
/// Forgets refusals of versions at or below the accepted one of their kind: those are never wanted again.
void forget_superseded_refusals(UpdateState& state);
/// Forgets refusals made by another software version than `software` (or by a program from before
/// refusals named it): a newer release may read what an older one refused. Returns how many went.
std::size_t forget_refusals_of_other_software(UpdateState& state, std::string_view software);

}  // namespace lotsen
