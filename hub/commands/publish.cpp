// publish.cpp — `lotsen-hub publish`: validates, versions and signs a catalogue, config or release
// for the fleet (hub/publish.hpp), signs the manifest again (--refresh), shows it (--show), or
// removes files it no longer lists (--prune).
#include "core/settings/admin_lock.hpp"
#include "core/catalogue/freshness.hpp"
#include "hub/cli/arguments.hpp"
#include "hub/cli/command.hpp"
#include "hub/commands/commands.hpp"
#include "hub/keys.hpp"
#include "hub/publish.hpp"
#include "hub/server.hpp"
#include "hub/static_files.hpp"

#include <sodium.h>

#include <cstdio>
#include <optional>
#include <string>

namespace lotsen::hub::commands {

namespace {

constexpr const char* k_help = R"(Usage: lotsen-hub publish catalogue FILE.csv --data-dir DIR --key FILE [--association ID] [OPTIONS]
       lotsen-hub publish catalogue FILE.json --data-dir DIR --key FILE [--association ID |
                                  --allow-removing-association ID ...] [OPTIONS]
       lotsen-hub publish config FILE.toml --data-dir DIR --key FILE [--base LOCAL.toml] [OPTIONS]
       lotsen-hub publish release FILE.tar.gz --data-dir DIR --key FILE [OPTIONS]
       lotsen-hub publish --refresh --data-dir DIR --key FILE [--expires-days N] [--withhold-after-days N]
       lotsen-hub publish --show --data-dir DIR (--key FILE | --public-key FILE)
       lotsen-hub publish --prune --data-dir DIR (--key FILE | --public-key FILE)
  Checks the file as a kiosk would (every problem of a catalogue, as `validate` lists them; a config
  must load, laid over --base when given; a release bundle must be safe to unpack), gives it the next
  version, writes it to DIR/published/files/<sha256>.<ext> and signs a new DIR/published/manifest.json
  with the fleet's publisher key. A refusal writes nothing. Versions only increase: a catalogue JSON's
  own "version" must exceed the published one; a CSV catalogue (published as JSON), a config and a
  release get the published version + 1. Entries not being published are kept from the current
  manifest. Each entry names its file's format major (a catalogue's "format_version", a config's
  format_version, 1 when absent): a newer major becomes the main entry and the one it replaces stays
  listed beside it for kiosks that do not read the newer one yet; a file of that previous major
  replaces the one beside it (docs/updates.md, "How these formats grow").
  A catalogue is made of the associations' parts (docs/updates.md, "One catalogue, many associations"):
  a spreadsheet is one association's part and replaces only that part; a whole JSON catalogue sets
  every part. What changes is printed per association (activities added, changed, removed; the
  associations untouched).
  --association ID   the association the file is the part of: every spreadsheet row must name it (a
                     row without an organisation id is its); a JSON file with it is that part alone.
                     Without it, a spreadsheet is the part of the association its first row names
  --allow-removing-association ID
                     a whole JSON catalogue may leave out this published association, which is then
                     removed from every kiosk (repeat for each); without it that is refused
  --data-dir DIR     the hub's data directory (must exist); `serve` serves DIR/published under /v1/
  --key FILE         publisher.key from keygen. It may stay offline: publish on any machine holding a
                     copy of DIR/published, then copy files/ first and manifest.json last to the hub or
                     any web server (docs/updates.md)
  --expires-days N   the manifest expires N days from now (default 30, 1 to 366): kiosks refuse an
                     expired one, so run --refresh regularly (a systemd timer: docs/updates.md)
  --name TEXT        a label for the entry (a release's defaults to the first line of its RELEASE)
  --base LOCAL.toml  config only: a kiosk's own /etc/lotsen/lotsen.toml. Kiosks read a published config
                     laid over their own file; with --base it is checked that way (instead of over the
                     defaults) and refused with the kiosk's own error when the two do not fit together
  --force-new-key    sign although the current manifest was signed by another key: replacing the
                     publisher key (docs/updates.md); refused without it
  --withhold-after-days N
                     catalogue and --refresh: listings last checked more than N days ago (1 to 1096)
                     are not published, and the office tells their association. Kept for later
                     publications in DIR/published/sources/index.json; default 365
  --refresh          sign the current manifest again: next sequence, new expiry, entries unchanged;
                     but the catalogue is published again when its listings' checks changed it
                     (a listing went stale, or "still correct" in the office, kept in DIR/hub.db)
  --show             print the current manifest, verified, and whether each file is in files/;
                     the exit status is 1 once it has expired
  --public-key FILE  publisher.pub, enough for --show and --prune
  --prune            remove files the manifest no longer lists once they have been out of it 7 days
                     (kiosks may still be fetching them), and leftovers of interrupted publishes
)";

// The public key for --show/--prune: from --key (the secret key holds it) or --public-key.
Result<protocol::SigningPublicKey> publisher_public_key(const cli::Arguments& arguments)
{
    if (const auto path = arguments.value("--key")) {
        // Not LOTSEN_TRY: it would copy the secret key out of the Result and leave that copy unwiped.
        auto keys = load_publisher_key(*path);
        if (!keys)
            return keys.error();
        sodium_memzero(keys.value().secret_key.data(), keys.value().secret_key.size());
        return keys.value().public_key;
    }
    return load_publisher_public_key(*arguments.value("--public-key"));
}

// --show and --prune: they only read the manifest, so the public key is enough.
int show_or_prune(const cli::Arguments& arguments, const std::string& data_dir, UnixSeconds now)
{
    if (!arguments.value("--key") && !arguments.value("--public-key"))
        return cli::usage_error(k_help, "--show and --prune need --key FILE or --public-key FILE to verify the manifest");
    auto key = publisher_public_key(arguments);
    if (!key)
        return cli::fail(key.error().text());
    if (arguments.has("--show")) {
        auto current = read_published_manifest(data_dir, key.value());
        if (!current)
            return cli::fail(current.error().text());
        if (!current.value()) {
            std::printf("nothing published yet in %s\n", published_dir(data_dir).c_str());
            return 0;
        }
        std::fputs(render_manifest(*current.value(), data_dir, now).c_str(), stdout);
        return current.value()->expires_at > now ? 0 : 1;
    }
    auto pruned = prune_published(data_dir, key.value(), now);
    if (!pruned)
        return cli::fail(pruned.error().text());
    for (const std::string& name : pruned.value().removed)
        std::printf("removed files/%s\n", name.c_str());
    for (const std::string& name : pruned.value().kept_recent)
        std::printf("kept files/%s (left the manifest less than 7 days ago)\n", name.c_str());
    std::printf("%zu removed, %zu kept for now\n", pruned.value().removed.size(), pruned.value().kept_recent.size());
    return 0;
}

// KIND FILE and --refresh: they sign, so they need the secret key.
int publish_or_refresh(const cli::Arguments& arguments, const std::string& data_dir, UnixSeconds now)
{
    const auto key_path = arguments.value("--key");
    if (!key_path)
        return cli::usage_error(k_help, "publish needs --key FILE (publisher.key from lotsen-hub keygen)");
    PublishOptions options;
    options.data_dir = data_dir;
    options.name = arguments.value("--name");
    options.force_new_key = arguments.has("--force-new-key");
    options.now = now;
    if (const auto days = arguments.value("--expires-days")) {
        long long number = 0;
        if (!cli::parse_number(*days, number) || number < 1 || number > k_max_expires_days)
            return cli::usage_error(k_help, "--expires-days needs a whole number from 1 to 366");
        options.expires_days = static_cast<int>(number);
    }
    if (const auto days = arguments.value("--withhold-after-days")) {
        long long number = 0;
        if (!cli::parse_number(*days, number) || number < 1 || number > k_max_freshness_days)
            return cli::usage_error(k_help, "--withhold-after-days needs a whole number from 1 to 1096");
        options.withhold_after_days = static_cast<int>(number);
    }
    std::optional<manifest::Kind> kind;
    if (!arguments.positional.empty()) {
        const std::string& word = arguments.positional[0];
        for (auto candidate : {manifest::Kind::catalogue, manifest::Kind::config, manifest::Kind::release})
            if (word == manifest::kind_name(candidate))
                kind = candidate;
        if (!kind || arguments.positional.size() != 2)
            return cli::usage_error(k_help, "publish needs KIND FILE, KIND being catalogue, config or release");
    }
    options.config_base = arguments.value("--base");
    options.association = arguments.value("--association");
    options.allow_removing_associations = arguments.all_values("--allow-removing-association");
    if ((options.association || !options.allow_removing_associations.empty()) && kind != manifest::Kind::catalogue)
        return cli::usage_error(k_help, "--association and --allow-removing-association go with publish catalogue only");
    if (options.association && !options.allow_removing_associations.empty())
        return cli::usage_error(k_help, "--allow-removing-association goes with a whole catalogue, not with --association");
    if (options.config_base && kind != manifest::Kind::config)
        return cli::usage_error(k_help, "--base LOCAL.toml goes with publish config only");
    auto keys = load_publisher_key(*key_path);
    if (!keys)
        return cli::fail(keys.error().text());
    auto outcome = kind ? publish_file(*kind, arguments.positional[1], keys.value(), options)
                        : refresh_manifest(keys.value(), options);
    sodium_memzero(keys.value().secret_key.data(), keys.value().secret_key.size());
    if (!outcome) {
        std::fprintf(stderr, "lotsen-hub: %s\n", outcome.error().text().c_str());
        return 1;
    }
    const PublishOutcome& done = outcome.value();
    for (const std::string& note : done.notes)
        std::printf("%s\n", note.c_str());
    if (done.replaced_other_key)
        std::printf("the previous manifest was signed by another key; from now on kiosks need this key's public half\n");
    if (done.kind) {
        const std::string kind_text(manifest::kind_name(*done.kind));
        const bool beside = done.placement == Placement::previous_major;
        const auto& entry = beside ? *done.manifest.previous_major.entry(*done.kind) : *done.manifest.entry(*done.kind);
        std::printf("published %s version %lld%s as files/%s\n", kind_text.c_str(), static_cast<long long>(entry.version),
                    done.previous_version ? (" (was " + std::to_string(*done.previous_version) + ")").c_str() : "",
                    entry.file.c_str());
        if (done.placement == Placement::new_major) {
            const auto& moved = *done.manifest.previous_major.entry(*done.kind);
            std::printf("%s format %lld is new: version %lld (format %lld) stays listed beside it for kiosks that do not "
                        "read format %lld yet\n",
                        kind_text.c_str(), static_cast<long long>(entry.format), static_cast<long long>(moved.version),
                        static_cast<long long>(moved.format), static_cast<long long>(entry.format));
        } else if (beside) {
            std::printf("listed beside the main %s (format %lld) for kiosks that read format %lld only\n", kind_text.c_str(),
                        static_cast<long long>(done.manifest.entry(*done.kind)->format), static_cast<long long>(entry.format));
        }
        std::fputs(render_changes(done.changes).c_str(), stdout);
        std::fputs(done.freshness.c_str(), stdout);
    } else {
        std::printf("refreshed the manifest (sequence %lld was current)\n", static_cast<long long>(done.previous_sequence));
    }
    std::fputs(render_manifest(done.manifest, data_dir, now).c_str(), stdout);
    return 0;
}

}  // namespace

int publish_command(int argc, char** argv)
{
    if (cli::asks_for_help(argc, argv))
        return cli::print_help(k_help);
    const cli::Arguments arguments =
        cli::parse_arguments(argc, argv, {"--data-dir", "--key", "--public-key", "--expires-days", "--name", "--base", "--association",
                              "--allow-removing-association", "--withhold-after-days"},
                             {"--refresh", "--show", "--prune", "--force-new-key"});
    if (!arguments.problem.empty())
        return cli::usage_error(k_help, arguments.problem);
    const auto data_dir = arguments.value("--data-dir");
    if (!data_dir)
        return cli::usage_error(k_help, "publish needs --data-dir DIR");
    const int modes = static_cast<int>(arguments.has("--refresh")) + static_cast<int>(arguments.has("--show"))
                      + static_cast<int>(arguments.has("--prune")) + static_cast<int>(!arguments.positional.empty());
    if (modes != 1)
        return cli::usage_error(k_help, "publish needs one of: KIND FILE, --refresh, --show, --prune");
    if (!init_sodium())
        return cli::fail("libsodium could not be initialised");
    const UnixSeconds now = system_clock_now();
    if (arguments.has("--show") || arguments.has("--prune"))
        return show_or_prune(arguments, *data_dir, now);
    return publish_or_refresh(arguments, *data_dir, now);
}

}  // namespace lotsen::hub::commands
