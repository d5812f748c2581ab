// entry_choice.hpp — which entry of a manifest this kiosk takes, per kind: the newest it can read.
// A manifest may list beside a kind's main entry the newest one of the previous major of that kind's
// file format (manifest 1.1, "previous_major"), for kiosks that do not read the newer major yet. The
// majors this release reads are here, in one place; the choice and the message for a kiosk that reads
// neither entry are plain functions, tested without a network.
#pragma once

#include "core/wire/manifest.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lotsen {

/// The newest major of `kind`'s file format this release reads: a catalogue's "format_version"
/// (core/catalogue), a config's `format_version` (core/settings; absent = 1), a release bundle's
/// layout (core/release). 1 for each today; raise it here together with the reader.
std::int64_t readable_format_major(manifest::Kind kind);

/// What a kiosk that reads up to one major makes of the entries listed for one kind.
struct EntryChoice {
    /// The newest entry it reads: the main entry when its format is readable, else the previous major
    /// entry when that one's is; nullopt when nothing is listed or nothing is readable.
    std::optional<manifest::Entry> entry;
    bool previous_major = false;  ///< `entry` is the previous_major entry (the main one is too new)
    /// The main entry, when neither it nor a previous major entry is readable: refused (nothing of
    /// this kind is taken).
    std::optional<manifest::Entry> unreadable;
};

/// The entry of `kind` in `manifest` for a kiosk reading file formats up to `readable_major`.
EntryChoice choose_entry(const manifest::Manifest& manifest, manifest::Kind kind, std::int64_t readable_major);

/// Why `entry` of `kind` is refused by a kiosk of `software_version` that reads up to `readable_major`:
/// "catalogue 9 \"Spring\" is format 2, newer than this kiosk (lotsen 0.3.0) reads (1); upgrade this
/// kiosk, or publish format 1 beside it (docs/updates.md)".
std::string unreadable_entry_reason(manifest::Kind kind, const manifest::Entry& entry, std::int64_t readable_major,
                                    std::string_view software_version);

}  // namespace lotsen
