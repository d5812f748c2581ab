// apply_update.cpp — reading a verified catalogue or config for the UI thread to apply (members of a
// newer format minor skipped and named once in the log), storing a catalogue in one transaction, and
// the published config overlay.
#include "core/update/apply_update.hpp"

#include "core/base/memory.hpp"
#include "core/catalogue/catalogue_file.hpp"
#include "core/storage/store.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace lotsen {

namespace {

// One journal line per file read that held members of a newer format than this release knows.
void log_ignored(const std::string& what, const IgnoredMembers& ignored)
{
    if (!ignored.empty())
        std::fprintf(stderr, "lotsen: %s: ignored members this kiosk does not know: %s\n", what.c_str(),
                     ignored.summary().c_str());
}

}  // namespace

Result<KioskConfig> load_with_config_overlay(const KioskConfig& local, const std::string& data_dir)
{
    const std::string path = update_paths(data_dir).config_overlay;
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return local;
    std::ostringstream text;
    text << file.rdbuf();
    // Tolerant like read_config_update: after a rollback to an older release the stored overlay may
    // hold keys this release does not know, and it must not stop the kiosk starting with the rest.
    IgnoredMembers ignored;
    auto config = apply_kiosk_config_overlay(local, text.str(), path, UnknownMembers::ignore, &ignored);
    log_ignored(path, ignored);
    return config;
}

bool config_needs_restart(const KioskConfig& before, const KioskConfig& after)
{
    // The window and the UiScale are made from [screen] before the app exists, and the language bar
    // and string tables from kiosk.languages: a restart is simpler and safer than rebuilding them live.
    return before.screen_width != after.screen_width || before.screen_height != after.screen_height ||
           before.fullscreen != after.fullscreen || before.screen_diagonal_inches != after.screen_diagonal_inches ||
           before.languages != after.languages;
}

Result<Catalogue> read_catalogue_update(const ReadyUpdate& update)
{
    // Published by the hub, so a newer minor's members are skipped (and said once); a newer major is refused.
    CatalogueParseResult parsed = load_catalogue_file(update.path, CatalogueLimits{}, UnknownMembers::ignore);
    log_ignored(entry_label(update.kind, update.entry), parsed.ignored);
    if (!parsed.ok())
        return Error{entry_label(update.kind, update.entry) + " does not parse; the current catalogue stays:\n" +
                     parsed.summary()};
    // The signed manifest's version is the one the fleet counts by (rollback checks, heartbeats).
    parsed.catalogue->version = update.entry.version;
    return std::move(*parsed.catalogue);
}

Result<void> store_catalogue_update(Store& store, const Catalogue& catalogue, const ReadyUpdate& update, std::int64_t now)
{
    if (auto replaced = store.replace_catalogue(catalogue, now); !replaced)
        return Error{entry_label(update.kind, update.entry) + " could not be stored; the current catalogue stays: " +
                     replaced.error().text()};
    return success();
}

CatalogueUpdateOutcome import_catalogue_update(Store& store, const ReadyUpdate& update, std::int64_t now)
{
    CatalogueUpdateOutcome outcome;
    const std::string label = entry_label(update.kind, update.entry);
    {
        auto import = store.begin_import(now);
        if (!import) {
            outcome.kind = CatalogueUpdateOutcome::Kind::not_stored;
            outcome.reason = label + " could not be stored; the current catalogue stays: " + import.error().text();
            return outcome;
        }
        // Published by the hub, so a newer minor's members are skipped (and said once); a newer major is refused.
        CatalogueStreamResult read =
            stream_catalogue_file(update.path, *import.value(), CatalogueLimits{}, UnknownMembers::ignore);
        log_ignored(label, read.ignored);
        if (!read.problems.empty()) {
            import.value().reset();  // rolled back
            outcome.kind = CatalogueUpdateOutcome::Kind::refused;
            outcome.reason = label + " does not parse; the current catalogue stays:\n" + read.summary();
        } else {
            // The signed manifest's version is the one the fleet counts by (rollback checks, heartbeats).
            Result<void> stored = read.sink_error ? Result<void>(*read.sink_error)
                                                  : import.value()->finish(update.entry.version, read.published);
            if (!stored) {
                const Error failure = import.value()->abandon(update.entry.version, stored.error());
                outcome.kind = CatalogueUpdateOutcome::Kind::not_stored;
                outcome.reason = label + " could not be stored; the current catalogue stays: " + failure.text();
            }
        }
    }
    // The import's trees, strings and statements are freed by now; give their pages back.
    release_free_memory();
    return outcome;
}

Result<ConfigUpdate> read_config_update(const KioskConfig& local, const KioskConfig& running, const ReadyUpdate& update)
{
    std::ifstream file(update.path, std::ios::binary);
    if (!file)
        return Error{update.path + ": cannot read the downloaded config"};
    std::ostringstream text;
    text << file.rdbuf();
    ConfigUpdate result;
    result.text = text.str();
    const std::string source = "published " + entry_label(update.kind, update.entry);
    IgnoredMembers ignored;
    auto config = apply_kiosk_config_overlay(local, result.text, source, UnknownMembers::ignore, &ignored);
    log_ignored(entry_label(update.kind, update.entry), ignored);
    if (!config)
        return Error{config.error().text() + " (refused; the current configuration stays)"};
    result.config = std::move(config).value();
    result.needs_restart = config_needs_restart(running, result.config);
    return result;
}

}  // namespace lotsen
