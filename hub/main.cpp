// main.cpp — the `lotsen-hub` operator command: a thin dispatcher. It checks catalogues before they
// are published, generates synthetic ones for benchmarks, hashes admin PINs, and runs the upstream:
// keys, enrolment, the ingest server, publishing to the fleet, the contact-request inbox, statistics
// and the fleet view. Each command parses its arguments here and calls the module that owns the work.
#include "core/settings/admin_lock.hpp"
#include "core/catalogue/catalogue_file.hpp"
#include "core/catalogue/catalogue_csv.hpp"
#include "core/catalogue/catalogue_json.hpp"
#include "hub/fleet.hpp"
#include "hub/hub_store.hpp"
#include "hub/inbox.hpp"
#include "hub/keys.hpp"
#include "hub/publish.hpp"
#include "hub/server.hpp"
#include "hub/static_files.hpp"
#include "hub/stats.hpp"
#include "core/catalogue/synthetic.hpp"

#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

constexpr const char* k_usage = R"(Usage: lotsen-hub COMMAND [ARGS]

Commands:
  validate FILE            check a catalogue (JSON, or CSV by extension) and list every problem
                           with its JSON path or row/column; exit 0 only when it has none
  convert FILE.csv OUT     turn an association's CSV spreadsheet into catalogue JSON
          [--version N]    (the catalogue version to give it, default 1)
  generate N OUT           write a synthetic catalogue of N activities (benchmarks, load tests)
          [--seed S]
  hash-pin                 read an admin PIN (4 to 12 digits) from standard input and print its
                           Argon2id hash for [admin] pin_hash in a kiosk's lotsen.toml
  keygen --out-dir DIR     create the hub's sealing key pair and the publisher key pair
  enroll --data-dir DIR    register a kiosk's public key for a site (also --list, --revoke KEY)
  serve --data-dir DIR     receive kiosks' batches over HTTP (POST /v1/events, GET /v1/health)
        --listen HOST:PORT and serve what was published (GET /v1/manifest.json, /v1/files/…)
  publish KIND FILE        validate, version and sign a catalogue, config or release for the fleet
          --data-dir DIR   into DIR/published (also --refresh, --show, --prune)
          --key FILE
  inbox --data-dir DIR     open, list and mark handled the sealed contact requests
  stats --data-dir DIR     anonymous statistics, cells under 5 suppressed (table or --csv)
  fleet --data-dir DIR     every kiosk's last contact and heartbeat; silent ones flagged
  COMMAND --help           help for one command
)";

int fail(const std::string& message)
{
    std::fprintf(stderr, "lotsen-hub: %s\n", message.c_str());
    return 2;
}

bool parse_number(std::string_view text, long long& out)
{
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && end == text.data() + text.size();
}

int write_file(const std::string& path, const std::string& content)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out)
        return fail(path + ": cannot write");
    return 0;
}

int validate(const std::string& path)
{
    const lotsen::CatalogueParseResult result = lotsen::load_catalogue_file(path);
    if (!result.ok()) {
        std::fprintf(stderr, "%s: %zu problem(s):\n%s\n", path.c_str(), result.problems.size(),
                     result.summary().c_str());
        return 1;
    }
    const lotsen::Catalogue& catalogue = *result.catalogue;
    const bool default_vocabulary = catalogue.interests.empty();
    std::printf("%s: ok — version %lld, %zu organisations, %zu activities, %zu interests%s\n", path.c_str(),
                static_cast<long long>(catalogue.version), catalogue.organisations.size(),
                catalogue.activities.size(),
                default_vocabulary ? lotsen::default_interests().size() : catalogue.interests.size(),
                default_vocabulary ? " (the default vocabulary)" : "");
    return 0;
}

constexpr const char* k_hash_pin_help = R"(Usage: lotsen-hub hash-pin
  Reads an admin PIN of 4 to 12 digits from standard input (one line) and prints its Argon2id hash,
  to be put in the kiosk's lotsen.toml as  [admin] pin_hash = "…".  On a terminal the PIN is read
  twice without echo; otherwise the first line is used, e.g.  lotsen-hub hash-pin < pin.txt
  Every kiosk gets its own PIN: the shipped demo hash (PIN 2468) is for trying Lotsen out only.
  Cost: Argon2id t=2, m=19 MiB, p=1 (OWASP's recommended minimum), so a check on a Raspberry Pi
  stays well under a second and within the kiosk's memory budget.
)";

// One line of standard input into `buffer` (no copy elsewhere, so it can be wiped). Returns the
// length, or -1 at end of input before any character, or -2 when the line does not fit.
long read_secret_line(std::array<char, 64>& buffer)
{
    std::size_t length = 0;
    bool any = false;
    bool too_long = false;
    for (int c = std::getchar(); c != EOF && c != '\n'; c = std::getchar()) {
        any = true;
        if (length < buffer.size())
            buffer[length++] = static_cast<char>(c);
        else
            too_long = true;
    }
    if (!any && std::feof(stdin))
        return -1;
    if (too_long)
        return -2;
    if (length > 0 && buffer[length - 1] == '\r')
        --length;
    return static_cast<long>(length);
}

// Reads a PIN into `buffer`, prompting without echo twice on a terminal. Returns its length or
// prints why not and returns -1.
long read_pin(std::array<char, 64>& buffer)
{
    const bool terminal = isatty(STDIN_FILENO) == 1;
    termios saved{};
    if (terminal && tcgetattr(STDIN_FILENO, &saved) == 0) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    auto restore = [&] {
        if (terminal) {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
            std::fputc('\n', stderr);
        }
    };
    if (terminal)
        std::fputs("Admin PIN (4 to 12 digits): ", stderr);
    long length = read_secret_line(buffer);
    if (terminal && length >= 0) {
        std::array<char, 64> again{};
        std::fputs("\nThe same PIN again: ", stderr);
        const long again_length = read_secret_line(again);
        const bool same = again_length == length &&
                          sodium_memcmp(again.data(), buffer.data(), static_cast<std::size_t>(length)) == 0;
        sodium_memzero(again.data(), again.size());
        if (!same) {
            restore();
            std::fputs("lotsen-hub: the two PINs differ; nothing was hashed\n", stderr);
            return -1;
        }
    }
    restore();
    if (length == -1)
        std::fputs("lotsen-hub: no PIN on standard input (see lotsen-hub hash-pin --help)\n", stderr);
    else if (length == -2 || !lotsen::is_pin_format(std::string_view(buffer.data(), static_cast<std::size_t>(length))))
        std::fputs("lotsen-hub: a PIN must be 4 to 12 digits (0-9), on one line\n", stderr);
    else
        return length;
    return -1;
}

int hash_pin_command()
{
    if (!lotsen::init_sodium())
        return fail("libsodium could not be initialised");
    std::array<char, 64> buffer{};
    const long length = read_pin(buffer);
    if (length < 0) {
        sodium_memzero(buffer.data(), buffer.size());
        return 2;
    }
    const lotsen::Result<std::string> hash =
        lotsen::hash_pin(std::string_view(buffer.data(), static_cast<std::size_t>(length)));
    sodium_memzero(buffer.data(), buffer.size());
    if (!hash)
        return fail(hash.error().text());
    std::printf("%s\n", hash.value().c_str());
    return 0;
}

// ---------------------------------------------------------------------------------------------
// Upstream commands. Each parses its own arguments and hands the work to its module.

// One command's arguments: options with a value, flags, and the remaining words.
struct Arguments {
    std::map<std::string, std::string> values;
    std::set<std::string> flags;
    std::vector<std::string> positional;
    std::string problem;  ///< set when the command line cannot be understood

    bool has(const std::string& flag) const { return flags.count(flag) > 0; }
    std::optional<std::string> value(const std::string& name) const
    {
        const auto it = values.find(name);
        return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
    }
};

Arguments parse_arguments(int argc, char** argv, const std::set<std::string>& valued, const std::set<std::string>& flags)
{
    Arguments arguments;
    for (int i = 2; i < argc; ++i) {
        const std::string word = argv[i];
        if (valued.count(word)) {
            if (i + 1 >= argc) {
                arguments.problem = word + " needs a value";
                return arguments;
            }
            arguments.values[word] = argv[++i];
        } else if (flags.count(word)) {
            arguments.flags.insert(word);
        } else if (word.size() > 1 && word[0] == '-') {
            arguments.problem = "unknown option " + word;
            return arguments;
        } else {
            arguments.positional.push_back(word);
        }
    }
    return arguments;
}

int usage_error(const char* help, const std::string& problem)
{
    std::fprintf(stderr, "lotsen-hub: %s\n%s", problem.c_str(), help);
    return 2;
}

std::string hub_db_path(const std::string& data_dir)
{
    return data_dir + (data_dir.empty() || data_dir.back() == '/' ? "" : "/") + "hub.db";
}

// Opens DIR/hub.db, creating DIR (mode 0700: it holds sealed requests) when `create` is set.
lotsen::Result<std::unique_ptr<lotsen::hub::HubStore>> open_hub_store(const std::string& data_dir, bool create)
{
    struct stat info {};
    if (::stat(data_dir.c_str(), &info) != 0) {
        if (!create)
            return lotsen::Error{data_dir + ": no such hub data directory"};
        if (::mkdir(data_dir.c_str(), 0700) != 0)
            return lotsen::Error{data_dir + ": cannot create the hub data directory"};
    } else if (!S_ISDIR(info.st_mode)) {
        return lotsen::Error{data_dir + ": is not a directory"};
    }
    return lotsen::hub::HubStore::open(hub_db_path(data_dir));
}

// Loads --catalogue FILE when given, for names instead of ids; a catalogue with problems is refused.
bool load_optional_catalogue(const Arguments& arguments, std::optional<lotsen::Catalogue>& catalogue)
{
    const auto path = arguments.value("--catalogue");
    if (!path)
        return true;
    lotsen::CatalogueParseResult result = lotsen::load_catalogue_file(*path);
    if (!result.ok()) {
        std::fprintf(stderr, "lotsen-hub: %s: %zu problem(s), names not shown:\n%s\n", path->c_str(),
                     result.problems.size(), result.summary().c_str());
        return false;
    }
    catalogue = std::move(*result.catalogue);
    return true;
}

constexpr const char* k_keygen_help = R"(Usage: lotsen-hub keygen --out-dir DIR
  Creates in DIR (which must exist):
    hub-seal.key   the hub's X25519 secret key (mode 0600): only `lotsen-hub inbox` needs it
    hub-seal.pub   its public half (base64): every kiosk's [upstream] hub_public_key
    publisher.key  the fleet's Ed25519 publisher secret key (mode 0600): keep it offline if you can
    publisher.pub  its public half (base64)
  Never overwrites: when any of the four exists, nothing is written.
)";

int keygen_command(int argc, char** argv)
{
    const Arguments arguments = parse_arguments(argc, argv, {"--out-dir"}, {});
    if (!arguments.problem.empty() || !arguments.positional.empty() || !arguments.value("--out-dir"))
        return usage_error(k_keygen_help, arguments.problem.empty() ? "keygen needs --out-dir DIR" : arguments.problem);
    const auto keys = lotsen::hub::generate_keys(*arguments.value("--out-dir"));
    if (!keys)
        return fail(keys.error().text());
    std::printf("Keys written to %s. Put this in every kiosk's lotsen.toml:\n\n[upstream]\nhub_public_key = \"%s\"\n\n"
                "Publisher public key: %s\n",
                arguments.value("--out-dir")->c_str(), keys.value().seal_public_base64.c_str(),
                keys.value().publisher_public_base64.c_str());
    return 0;
}

constexpr const char* k_enroll_help = R"(Usage: lotsen-hub enroll --data-dir DIR --site "Site" [--name NAME] KIOSK_PUBLIC_KEY
       lotsen-hub enroll --data-dir DIR --list
       lotsen-hub enroll --data-dir DIR --revoke KIOSK_PUBLIC_KEY
  Registers a kiosk's Ed25519 public key (base64, as `lotsen --kiosk-key` prints it) for a site, so
  the hub accepts its batches; --list shows every enrolment, --revoke refuses a kiosk from now on
  (what it delivered stays). The hub's data lives in DIR/hub.db.
)";

int enroll_command(int argc, char** argv)
{
    const Arguments arguments = parse_arguments(argc, argv, {"--data-dir", "--site", "--name", "--revoke"}, {"--list"});
    if (!arguments.problem.empty())
        return usage_error(k_enroll_help, arguments.problem);
    const auto data_dir = arguments.value("--data-dir");
    if (!data_dir)
        return usage_error(k_enroll_help, "enroll needs --data-dir DIR");
    auto store = open_hub_store(*data_dir, /*create=*/true);
    if (!store)
        return fail(store.error().text());
    const lotsen::UnixSeconds now = lotsen::hub::system_clock_now();
    if (arguments.has("--list")) {
        auto kiosks = store.value()->list_kiosks();
        if (!kiosks)
            return fail(kiosks.error().text());
        std::fputs(lotsen::hub::render_enrolments(kiosks.value()).c_str(), stdout);
        return 0;
    }
    if (const auto revoke = arguments.value("--revoke")) {
        auto key = lotsen::hub::canonical_kiosk_key(*revoke);
        if (!key)
            return fail(key.error().text());
        auto revoked = store.value()->revoke_kiosk(key.value(), now);
        if (!revoked)
            return fail(revoked.error().text());
        if (!revoked.value())
            return fail("no enrolled kiosk has the key " + key.value());
        std::printf("revoked %s\n", key.value().c_str());
        return 0;
    }
    const auto site = arguments.value("--site");
    if (!site || site->empty() || arguments.positional.size() != 1)
        return usage_error(k_enroll_help, "enroll needs --site \"Site\" and one kiosk public key");
    auto key = lotsen::hub::canonical_kiosk_key(arguments.positional[0]);
    if (!key)
        return fail(key.error().text());
    auto enrolled = store.value()->enroll_kiosk(key.value(), *site, arguments.value("--name").value_or(""), now);
    if (!enrolled)
        return fail(enrolled.error().text());
    std::printf("enrolled %s at %s\n", key.value().c_str(), site->c_str());
    return 0;
}

constexpr const char* k_serve_help = R"(Usage: lotsen-hub serve --data-dir DIR --listen HOST:PORT [--max-body-bytes N] [--threads N] [--quiet]
  Receives kiosks' signed batches (POST /v1/events, docs/protocol.md) into DIR/hub.db, answers
  GET /v1/health, and serves what `lotsen-hub publish` wrote to DIR/published: GET or HEAD
  /v1/manifest.json and /v1/files/<sha256>.<ext>, with ETag, If-None-Match and Range (docs/updates.md).
  PORT 0 picks a free port; the bound one is printed as "listening on HOST:PORT".
  --max-body-bytes  most bytes a body may decompress to (default 4194304); the wire limit is 1 MiB
  --threads         worker threads (default 8)
  --quiet           no per-request log lines on standard error
  SIGINT or SIGTERM stops it cleanly.
)";

// "HOST:PORT" or "[v6]:PORT" into its parts.
bool parse_listen(const std::string& text, std::string& host, int& port)
{
    const std::size_t colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0)
        return false;
    host = text.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    long long number = -1;
    if (!parse_number(std::string_view(text).substr(colon + 1), number) || number < 0 || number > 65535)
        return false;
    port = static_cast<int>(number);
    return !host.empty();
}

int serve_command(int argc, char** argv)
{
    const Arguments arguments =
        parse_arguments(argc, argv, {"--data-dir", "--listen", "--max-body-bytes", "--threads"}, {"--quiet"});
    if (!arguments.problem.empty() || !arguments.positional.empty())
        return usage_error(k_serve_help, arguments.problem.empty() ? "serve takes no positional arguments" : arguments.problem);
    const auto data_dir = arguments.value("--data-dir");
    const auto listen = arguments.value("--listen");
    if (!data_dir || !listen)
        return usage_error(k_serve_help, "serve needs --data-dir DIR and --listen HOST:PORT");
    std::string host;
    int port = 0;
    if (!parse_listen(*listen, host, port))
        return usage_error(k_serve_help, "--listen needs HOST:PORT, e.g. 127.0.0.1:8080 (PORT 0 picks one)");
    lotsen::hub::ServerOptions options;
    if (const auto max_body = arguments.value("--max-body-bytes")) {
        long long bytes = 0;
        if (!parse_number(*max_body, bytes) || bytes < 1024 || bytes > (1LL << 30))
            return usage_error(k_serve_help, "--max-body-bytes needs a whole number from 1024 to 1073741824");
        options.max_body_bytes = static_cast<std::size_t>(bytes);
    }
    if (const auto threads = arguments.value("--threads")) {
        long long count = 0;
        if (!parse_number(*threads, count) || count < 1 || count > 256)
            return usage_error(k_serve_help, "--threads needs a whole number from 1 to 256");
        options.threads = static_cast<std::size_t>(count);
    }
    options.log_requests = !arguments.has("--quiet");
    options.published_dir = lotsen::hub::published_dir(*data_dir);
    auto store = open_hub_store(*data_dir, /*create=*/true);
    if (!store)
        return fail(store.error().text());

    // Signals are taken by one thread with sigwait, never by a handler: stopping the server is not
    // async-signal-safe. Blocked before any server thread exists, so every thread inherits the mask.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGUSR1);  // main's "run() returned" to the waiter
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    lotsen::hub::Server server(std::move(store.value()), options);
    auto bound = server.bind(host, port);
    if (!bound)
        return fail(bound.error().text());
    std::printf("listening on %s:%d\n", host.c_str(), bound.value());
    std::fflush(stdout);

    std::atomic<bool> finished{false};
    std::thread waiter([&] {
        int signal_number = 0;
        sigwait(&signals, &signal_number);
        if (signal_number == SIGUSR1)
            return;
        std::fprintf(stderr, "lotsen-hub: stopping (%s)\n", signal_number == SIGINT ? "SIGINT" : "SIGTERM");
        // Repeated until run() has returned: a signal that arrives before listening began would
        // otherwise be lost.
        while (!finished.load()) {
            server.stop();
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });
    auto ran = server.run();
    finished.store(true);
    pthread_kill(waiter.native_handle(), SIGUSR1);
    waiter.join();
    if (!ran)
        return fail(ran.error().text());
    return 0;
}

constexpr const char* k_inbox_help = R"(Usage: lotsen-hub inbox --data-dir DIR --secret-key FILE [--association ID] [--open] [--catalogue FILE]
       lotsen-hub inbox --data-dir DIR --handle EVENT_ID_OR_RECEIPT_CODE
  Opens the sealed contact requests with the hub's secret sealing key (hub-seal.key from keygen) and
  lists them per association: name, how to reach them, language, receipt code, when received, and
  whether handled. A box whose sealed ids differ from the ones it arrived with is shown as a problem
  and its contents are not shown. --open lists only unhandled ones; --association one association's;
  --catalogue shows association and activity names. --handle marks one request handled (by its event
  id or the receipt code the visitor was given), which the reply-time statistics count from.
)";

int inbox_command(int argc, char** argv)
{
    const Arguments arguments =
        parse_arguments(argc, argv, {"--data-dir", "--secret-key", "--association", "--handle", "--catalogue"}, {"--open"});
    if (!arguments.problem.empty() || !arguments.positional.empty())
        return usage_error(k_inbox_help, arguments.problem.empty() ? "inbox takes no positional arguments" : arguments.problem);
    const auto data_dir = arguments.value("--data-dir");
    if (!data_dir)
        return usage_error(k_inbox_help, "inbox needs --data-dir DIR");
    auto store = open_hub_store(*data_dir, /*create=*/false);
    if (!store)
        return fail(store.error().text());
    if (const auto handle = arguments.value("--handle")) {
        auto handled = lotsen::hub::mark_request_handled(*store.value(), *handle, lotsen::hub::system_clock_now());
        if (!handled)
            return fail(handled.error().text());
        std::printf("%s\n", handled.value().c_str());
        return 0;
    }
    const auto secret_key = arguments.value("--secret-key");
    if (!secret_key)
        return usage_error(k_inbox_help, "inbox needs --secret-key FILE to open the requests");
    auto keys = lotsen::hub::load_seal_key(*secret_key);
    if (!keys)
        return fail(keys.error().text());
    std::optional<lotsen::Catalogue> catalogue;
    if (!load_optional_catalogue(arguments, catalogue))
        return 1;
    lotsen::hub::InboxOptions options;
    options.organisation_id = arguments.value("--association");
    options.open_only = arguments.has("--open");
    options.catalogue = catalogue ? &*catalogue : nullptr;
    auto printed = lotsen::hub::print_inbox(*store.value(), keys.value(), options, stdout);
    sodium_memzero(keys.value().secret_key.data(), keys.value().secret_key.size());
    if (!printed)
        return fail(printed.error().text());
    return printed.value().problems > 0 ? 1 : 0;
}

constexpr const char* k_stats_help = R"(Usage: lotsen-hub stats --data-dir DIR [--csv] [--catalogue FILE] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
  Anonymous statistics: check-ins per association and activity per ISO week, share of first visits,
  how visitors heard of the activity, mood, contact requests per association and their reply times.
  Every count under 5 is printed as "<5", and further cells are hidden where a total would let a
  "<5" be worked out (see docs in hub/stats.hpp). --csv prints table,row,column,value lines.
  --from/--to bound the days (Swedish time, both inclusive); --catalogue shows names instead of ids.
)";

int stats_command(int argc, char** argv)
{
    const Arguments arguments =
        parse_arguments(argc, argv, {"--data-dir", "--catalogue", "--from", "--to"}, {"--csv"});
    if (!arguments.problem.empty() || !arguments.positional.empty())
        return usage_error(k_stats_help, arguments.problem.empty() ? "stats takes no positional arguments" : arguments.problem);
    const auto data_dir = arguments.value("--data-dir");
    if (!data_dir)
        return usage_error(k_stats_help, "stats needs --data-dir DIR");
    lotsen::hub::StatsOptions options;
    for (const char* name : {"--from", "--to"}) {
        if (const auto text = arguments.value(name)) {
            const auto date = lotsen::Date::parse(*text);
            if (!date)
                return usage_error(k_stats_help, std::string(name) + " needs a date YYYY-MM-DD");
            (std::string_view(name) == "--from" ? options.from : options.to) = *date;
        }
    }
    options.csv = arguments.has("--csv");
    std::optional<lotsen::Catalogue> catalogue;
    if (!load_optional_catalogue(arguments, catalogue))
        return 1;
    options.catalogue = catalogue ? &*catalogue : nullptr;
    auto store = open_hub_store(*data_dir, /*create=*/false);
    if (!store)
        return fail(store.error().text());
    auto report = lotsen::hub::render_stats(*store.value(), options);
    if (!report)
        return fail(report.error().text());
    std::fputs(report.value().c_str(), stdout);
    return 0;
}

constexpr const char* k_fleet_help = R"(Usage: lotsen-hub fleet --data-dir DIR [--heartbeat-minutes N]
  Lists every enrolled kiosk: site, key prefix, when the hub last heard from it, clock skew, and its
  newest heartbeat (software and catalogue versions, uptime, queue depths, quarantined events, free
  disk, last sync). Kiosks silent for more than 3 heartbeat intervals (default interval 5 minutes,
  as kiosks send them) are marked "!" and SILENT; the exit status is 1 when any is.
)";

int fleet_command(int argc, char** argv)
{
    const Arguments arguments = parse_arguments(argc, argv, {"--data-dir", "--heartbeat-minutes"}, {});
    if (!arguments.problem.empty() || !arguments.positional.empty())
        return usage_error(k_fleet_help, arguments.problem.empty() ? "fleet takes no positional arguments" : arguments.problem);
    const auto data_dir = arguments.value("--data-dir");
    if (!data_dir)
        return usage_error(k_fleet_help, "fleet needs --data-dir DIR");
    long long minutes = 5;
    if (const auto text = arguments.value("--heartbeat-minutes"); text && (!parse_number(*text, minutes) || minutes < 1 || minutes > 1440))
        return usage_error(k_fleet_help, "--heartbeat-minutes needs a whole number from 1 to 1440");
    auto store = open_hub_store(*data_dir, /*create=*/false);
    if (!store)
        return fail(store.error().text());
    auto kiosks = store.value()->list_kiosks();
    if (!kiosks)
        return fail(kiosks.error().text());
    const lotsen::UnixSeconds now = lotsen::hub::system_clock_now();
    std::fputs(lotsen::hub::render_fleet(kiosks.value(), now, static_cast<int>(minutes)).c_str(), stdout);
    const bool any_silent = std::any_of(kiosks.value().begin(), kiosks.value().end(), [&](const auto& kiosk) {
        return !kiosk.revoked_at && lotsen::hub::is_silent(kiosk, now, static_cast<int>(minutes));
    });
    return any_silent ? 1 : 0;
}

constexpr const char* k_publish_help = R"(Usage: lotsen-hub publish catalogue FILE.json|FILE.csv --data-dir DIR --key FILE [OPTIONS]
       lotsen-hub publish config FILE.toml --data-dir DIR --key FILE [--base LOCAL.toml] [OPTIONS]
       lotsen-hub publish release FILE.tar.gz --data-dir DIR --key FILE [OPTIONS]
       lotsen-hub publish --refresh --data-dir DIR --key FILE [--expires-days N]
       lotsen-hub publish --show --data-dir DIR (--key FILE | --public-key FILE)
       lotsen-hub publish --prune --data-dir DIR (--key FILE | --public-key FILE)
  Checks the file as a kiosk would (every problem of a catalogue, as `validate` lists them; a config
  must load, laid over --base when given; a release bundle must be safe to unpack), gives it the next
  version, writes it to DIR/published/files/<sha256>.<ext> and signs a new DIR/published/manifest.json
  with the fleet's publisher key. A refusal writes nothing. Versions only increase: a catalogue JSON's
  own "version" must exceed the published one; a CSV catalogue (published as JSON), a config and a
  release get the published version + 1. Entries not being published are kept from the current
  manifest.
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
  --refresh          sign the current manifest again: next sequence, new expiry, entries unchanged
  --show             print the current manifest, verified, and whether each file is in files/;
                     the exit status is 1 once it has expired
  --public-key FILE  publisher.pub, enough for --show and --prune
  --prune            remove files the manifest no longer lists once they have been out of it 7 days
                     (kiosks may still be fetching them), and leftovers of interrupted publishes
)";

// The public key for --show/--prune: from --key (the secret key holds it) or --public-key.
lotsen::Result<lotsen::protocol::SigningPublicKey> publisher_public_key(const Arguments& arguments)
{
    if (const auto path = arguments.value("--key")) {
        auto keys = lotsen::hub::load_publisher_key(*path);
        if (!keys)
            return keys.error();
        sodium_memzero(keys.value().secret_key.data(), keys.value().secret_key.size());
        return keys.value().public_key;
    }
    return lotsen::hub::load_publisher_public_key(*arguments.value("--public-key"));
}

int publish_command(int argc, char** argv)
{
    const Arguments arguments =
        parse_arguments(argc, argv, {"--data-dir", "--key", "--public-key", "--expires-days", "--name", "--base"},
                        {"--refresh", "--show", "--prune", "--force-new-key"});
    if (!arguments.problem.empty())
        return usage_error(k_publish_help, arguments.problem);
    const auto data_dir = arguments.value("--data-dir");
    if (!data_dir)
        return usage_error(k_publish_help, "publish needs --data-dir DIR");
    const int modes = static_cast<int>(arguments.has("--refresh")) + static_cast<int>(arguments.has("--show"))
                      + static_cast<int>(arguments.has("--prune")) + static_cast<int>(!arguments.positional.empty());
    if (modes != 1)
        return usage_error(k_publish_help, "publish needs one of: KIND FILE, --refresh, --show, --prune");
    if (!lotsen::init_sodium())
        return fail("libsodium could not be initialised");
    const lotsen::UnixSeconds now = lotsen::hub::system_clock_now();

    if (arguments.has("--show") || arguments.has("--prune")) {
        if (!arguments.value("--key") && !arguments.value("--public-key"))
            return usage_error(k_publish_help, "--show and --prune need --key FILE or --public-key FILE to verify the manifest");
        auto key = publisher_public_key(arguments);
        if (!key)
            return fail(key.error().text());
        if (arguments.has("--show")) {
            auto current = lotsen::hub::read_published_manifest(*data_dir, key.value());
            if (!current)
                return fail(current.error().text());
            if (!current.value()) {
                std::printf("nothing published yet in %s\n", lotsen::hub::published_dir(*data_dir).c_str());
                return 0;
            }
            std::fputs(lotsen::hub::render_manifest(*current.value(), *data_dir, now).c_str(), stdout);
            return current.value()->expires_at > now ? 0 : 1;
        }
        auto pruned = lotsen::hub::prune_published(*data_dir, key.value(), now);
        if (!pruned)
            return fail(pruned.error().text());
        for (const std::string& name : pruned.value().removed)
            std::printf("removed files/%s\n", name.c_str());
        for (const std::string& name : pruned.value().kept_recent)
            std::printf("kept files/%s (left the manifest less than 7 days ago)\n", name.c_str());
        std::printf("%zu removed, %zu kept for now\n", pruned.value().removed.size(), pruned.value().kept_recent.size());
        return 0;
    }

    const auto key_path = arguments.value("--key");
    if (!key_path)
        return usage_error(k_publish_help, "publish needs --key FILE (publisher.key from lotsen-hub keygen)");
    lotsen::hub::PublishOptions options;
    options.data_dir = *data_dir;
    options.name = arguments.value("--name");
    options.force_new_key = arguments.has("--force-new-key");
    options.now = now;
    if (const auto days = arguments.value("--expires-days")) {
        long long number = 0;
        if (!parse_number(*days, number) || number < 1 || number > lotsen::hub::k_max_expires_days)
            return usage_error(k_publish_help, "--expires-days needs a whole number from 1 to 366");
        options.expires_days = static_cast<int>(number);
    }
    std::optional<lotsen::manifest::Kind> kind;
    if (!arguments.positional.empty()) {
        const std::string& word = arguments.positional[0];
        for (auto candidate : {lotsen::manifest::Kind::catalogue, lotsen::manifest::Kind::config, lotsen::manifest::Kind::release})
            if (word == lotsen::manifest::kind_name(candidate))
                kind = candidate;
        if (!kind || arguments.positional.size() != 2)
            return usage_error(k_publish_help, "publish needs KIND FILE, KIND being catalogue, config or release");
    }
    options.config_base = arguments.value("--base");
    if (options.config_base && kind != lotsen::manifest::Kind::config)
        return usage_error(k_publish_help, "--base LOCAL.toml goes with publish config only");
    auto keys = lotsen::hub::load_publisher_key(*key_path);
    if (!keys)
        return fail(keys.error().text());
    auto outcome = kind ? lotsen::hub::publish_file(*kind, arguments.positional[1], keys.value(), options)
                        : lotsen::hub::refresh_manifest(keys.value(), options);
    sodium_memzero(keys.value().secret_key.data(), keys.value().secret_key.size());
    if (!outcome) {
        std::fprintf(stderr, "lotsen-hub: %s\n", outcome.error().text().c_str());
        return 1;
    }
    const lotsen::hub::PublishOutcome& done = outcome.value();
    if (done.replaced_other_key)
        std::printf("the previous manifest was signed by another key; from now on kiosks need this key's public half\n");
    if (done.kind) {
        const auto& entry = *done.manifest.entry(*done.kind);
        std::printf("published %s version %lld%s as files/%s\n", std::string(lotsen::manifest::kind_name(*done.kind)).c_str(),
                    static_cast<long long>(entry.version),
                    done.previous_version ? (" (was " + std::to_string(*done.previous_version) + ")").c_str() : "",
                    entry.file.c_str());
    } else {
        std::printf("refreshed the manifest (sequence %lld was current)\n", static_cast<long long>(done.previous_sequence));
    }
    std::fputs(lotsen::hub::render_manifest(done.manifest, *data_dir, now).c_str(), stdout);
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2 || std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h") {
        std::fputs(k_usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const std::string_view command = argv[1];
    const bool wants_help = argc >= 3 && std::string_view(argv[2]) == "--help";
    if (command == "--version") {
        std::printf("lotsen-hub %s\n", LOTSEN_VERSION);
        return 0;
    }
    if (command == "validate") {
        if (wants_help || argc != 3) {
            std::puts("Usage: lotsen-hub validate FILE\n  Checks a catalogue (JSON or .csv) and lists every problem.");
            return wants_help ? 0 : 2;
        }
        return validate(argv[2]);
    }
    if (command == "convert") {
        if (wants_help || (argc != 4 && argc != 6)) {
            std::puts("Usage: lotsen-hub convert FILE.csv OUT.json [--version N]\n"
                      "  Imports an association's CSV spreadsheet and writes catalogue JSON.");
            return wants_help ? 0 : 2;
        }
        long long version = 1;
        if (argc == 6 && (std::string_view(argv[4]) != "--version" || !parse_number(argv[5], version) || version < 1))
            return fail("--version needs a whole number ≥ 1");
        std::ifstream in(argv[2], std::ios::binary);
        if (!in)
            return fail(std::string(argv[2]) + ": cannot open");
        std::ostringstream text_stream;
        text_stream << in.rdbuf();
        const std::string text = text_stream.str();
        const lotsen::CatalogueParseResult result = lotsen::parse_catalogue_csv(text, version);
        if (!result.ok()) {
            std::fprintf(stderr, "%s: %zu problem(s):\n%s\n", argv[2], result.problems.size(), result.summary().c_str());
            return 1;
        }
        return write_file(argv[3], lotsen::catalogue_to_json(*result.catalogue));
    }
    if (command == "generate") {
        if (wants_help || (argc != 4 && argc != 6)) {
            std::puts("Usage: lotsen-hub generate N OUT.json [--seed S]\n"
                      "  Writes a valid synthetic catalogue of N activities (deterministic per seed).");
            return wants_help ? 0 : 2;
        }
        long long count = 0;
        long long seed = 1;
        if (!parse_number(argv[2], count) || count < 1 || count > 50'000)
            return fail("N must be a whole number from 1 to 50000");
        if (argc == 6 && (std::string_view(argv[4]) != "--seed" || !parse_number(argv[5], seed)))
            return fail("--seed needs a whole number");
        lotsen::SyntheticSpec spec;
        spec.activities = static_cast<int>(count);
        spec.organisations = std::max(1, static_cast<int>(count / 25));
        spec.seed = static_cast<std::uint64_t>(seed);
        return write_file(argv[3], lotsen::catalogue_to_json(lotsen::generate_synthetic_catalogue(spec)));
    }
    if (command == "hash-pin") {
        if (wants_help || argc != 2) {
            std::fputs(k_hash_pin_help, wants_help ? stdout : stderr);
            return wants_help ? 0 : 2;
        }
        return hash_pin_command();
    }
    // The upstream commands print their own help (--help anywhere after the command).
    struct UpstreamCommand {
        std::string_view name;
        const char* help;
        int (*run)(int, char**);
    };
    static constexpr std::array<UpstreamCommand, 7> k_upstream{{
        {"keygen", k_keygen_help, keygen_command},
        {"enroll", k_enroll_help, enroll_command},
        {"serve", k_serve_help, serve_command},
        {"inbox", k_inbox_help, inbox_command},
        {"stats", k_stats_help, stats_command},
        {"fleet", k_fleet_help, fleet_command},
        {"publish", k_publish_help, publish_command},
    }};
    for (const UpstreamCommand& upstream : k_upstream) {
        if (command != upstream.name)
            continue;
        for (int i = 2; i < argc; ++i) {
            if (std::string_view(argv[i]) == "--help" || std::string_view(argv[i]) == "-h") {
                std::fputs(upstream.help, stdout);
                return 0;
            }
        }
        return upstream.run(argc, argv);
    }
    return fail("unknown command \"" + std::string(command) + "\" (see lotsen-hub --help)");
}
