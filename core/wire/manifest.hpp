// manifest.hpp — what the region publishes to its fleet (docs/updates.md): one signed manifest listing
// the current catalogue, configuration and software release, each with a version that only
// increases, its size and SHA-256, and where to fetch it. Shared by `lotsen-hub publish`, which
// writes and signs it, and the kiosk's updater, which verifies it before trusting anything in it.
//
// The file (manifest.json) is {"payload": BASE64, "signature": BASE64}: the signature is Ed25519 by
// the fleet's publisher key over "LOTSEN-MANIFEST-V1\n" followed by the payload bytes, so no JSON
// canonicalisation is needed — the kiosk verifies the exact bytes, then parses them.
//
// The format grows (docs/updates.md, "How these formats grow"): format 1.1 adds each file's own format
// major and, per kind, the newest entry of the previous major for kiosks that do not read the newer
// one yet. A manifest that needs neither is written exactly as format 1.0 was. Within major 1 a kiosk
// ignores members it does not know (and lists them); a newer major is refused.
#pragma once

#include "core/base/format_growth.hpp"
#include "core/wire/protocol.hpp"
#include "core/base/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lotsen::manifest {

/// The manifest format this program reads and writes: major 1 ("format"), minor 1 ("format_minor",
/// written only when a manifest uses a 1.1 member).
inline constexpr int k_format = 1;
inline constexpr int k_format_minor = 1;
/// Where a hub serves the manifest, relative to its base URL; files are under k_files_prefix.
inline constexpr std::string_view k_manifest_path = "/v1/manifest.json";
inline constexpr std::string_view k_files_prefix = "/v1/files/";
/// Largest manifest file a kiosk reads.
inline constexpr std::size_t k_max_manifest_bytes = 64 << 10;

/// True for a published file's name: "<64 lowercase hex>.<1-8 of a-z0-9>", a plain name, never a path.
bool is_file_name(std::string_view name);

/// What one entry of the manifest is.
enum class Kind { catalogue, config, release };
std::string_view kind_name(Kind kind);

/// One published file.
struct Entry {
    std::int64_t version = 0;    ///< only ever increases, per kind
    std::string name;            ///< a release's name ("0.2.0"); the catalogue's/config's label; may be empty
    std::uint64_t size = 0;      ///< bytes
    protocol::Sha256 sha256{};   ///< of the file's bytes
    std::string file;            ///< file name under k_files_prefix: "<sha256 hex>.<ext>", [0-9a-f.a-z] only
    std::int64_t published_at = 0;
    std::int64_t format = 1;     ///< the major of the file's own format ("format", written when not 1)
};

/// Per kind, the newest entry published in the previous major of that kind's file format, listed
/// beside the main entry for kiosks that do not read the main entry's major yet ("previous_major").
struct PreviousMajor {
    std::optional<Entry> catalogue;
    std::optional<Entry> config;
    std::optional<Entry> release;

    /// The entry of `kind`, if listed.
    const std::optional<Entry>& entry(Kind kind) const;
    std::optional<Entry>& entry(Kind kind);
    /// True when no kind has one.
    bool empty() const { return !catalogue && !config && !release; }
};

/// The manifest's content.
struct Manifest {
    std::int64_t sequence = 0;   ///< increases with every manifest published: an older one is a replay
    std::int64_t issued_at = 0;  ///< Unix seconds
    std::int64_t expires_at = 0; ///< Unix seconds; a kiosk refuses it after this (freeze protection)
    std::optional<Entry> catalogue;
    std::optional<Entry> config;
    std::optional<Entry> release;
    PreviousMajor previous_major;  ///< each needs a main entry of its kind with a higher format
    /// Members a reader of this program's format did not know and skipped (verify, parse_payload);
    /// never written.
    IgnoredMembers ignored;

    /// The entry of `kind`, if published.
    const std::optional<Entry>& entry(Kind kind) const;
    std::optional<Entry>& entry(Kind kind);
    /// The newest version listed for `kind`, main entry or previous major; 0 when none is.
    std::int64_t newest_version(Kind kind) const;
};

/// True when `manifest` needs format 1.1: an entry of another format than 1, or a previous major.
bool needs_format_minor(const Manifest& manifest);

/// The payload JSON of a manifest: format 1.0 member for member unless needs_format_minor().
std::string encode_payload(const Manifest& manifest);

/// The manifest file: payload signed with the publisher's secret key.
std::string sign(const Manifest& manifest, const protocol::SigningKeyPair& publisher);

/// Verifies a manifest file with the publisher's public key and parses it. Fails — naming what was
/// wrong — on a bad signature, malformed JSON, a newer major format, a bad entry, a previous_major
/// entry without a main entry of a higher format, or a file name that is not a plain "<hex>.<ext>".
/// Members it does not know (in the outer object, the payload, an entry, previous_major) are skipped
/// and listed in Manifest::ignored. Expiry and versions are the caller's policy (check_freshness).
Result<Manifest> verify(std::string_view file, const protocol::SigningPublicKey& publisher);

/// Parses the payload JSON that verify() has checked the signature of. Public only so that the fuzz
/// and unit tests reach the parser without a publisher key; callers must use verify().
Result<Manifest> parse_payload(std::string_view payload);

/// What the kiosk has already accepted, for rollback and freeze protection.
struct Seen {
    std::int64_t sequence = 0;
    std::int64_t catalogue_version = 0;
    std::int64_t config_version = 0;
    std::int64_t release_version = 0;
    bool operator==(const Seen&) const = default;
};

/// Refuses a verified manifest that has expired at `now`, whose sequence is below the one already
/// seen, or that lists for some kind nothing as new as the version already accepted: the newest
/// version of the kind (main entry or previous major) below it is a rollback (the message says which).
/// An equal sequence is fine (the same manifest fetched again). An entry older than the accepted one
/// beside a newer one is no rollback; the caller simply does not take it.
Result<void> check_freshness(const Manifest& manifest, const Seen& seen, std::int64_t now);

}  // namespace lotsen::manifest
