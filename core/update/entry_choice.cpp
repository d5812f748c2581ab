// entry_choice.cpp — see entry_choice.hpp.
#include "core/update/entry_choice.hpp"

#include "core/update/update_state.hpp"

namespace lotsen {

std::int64_t readable_format_major(manifest::Kind kind)
{
    switch (kind) {
    case manifest::Kind::catalogue: return 1;
    case manifest::Kind::config: return 1;
    case manifest::Kind::release: return 1;
    }
    return 1;
}

EntryChoice choose_entry(const manifest::Manifest& manifest, manifest::Kind kind, std::int64_t readable_major)
{
    EntryChoice choice;
    const auto& main = manifest.entry(kind);
    if (!main)
        return choice;
    if (main->format <= readable_major) {
        choice.entry = main;
        return choice;
    }
    const auto& previous = manifest.previous_major.entry(kind);
    if (previous && previous->format <= readable_major) {
        choice.entry = previous;
        choice.previous_major = true;
        return choice;
    }
    choice.unreadable = main;
    return choice;
}

std::string unreadable_entry_reason(manifest::Kind kind, const manifest::Entry& entry, std::int64_t readable_major,
                                    std::string_view software_version)
{
    const std::string readable = std::to_string(readable_major);
    return entry_label(kind, entry) + " is format " + std::to_string(entry.format) + ", newer than this kiosk (lotsen " +
           std::string(software_version) + ") reads (" + readable + "); upgrade this kiosk, or publish format " +
           readable + " beside it (docs/updates.md)";
}

}  // namespace lotsen
