// serve.cpp — `lotsen-hub serve`: runs the hub's HTTP server (hub/server.hpp) over DIR/hub.db and
// DIR/published until SIGINT or SIGTERM (hub/cli/stop_signals.hpp stops it cleanly); --hold-kind
// holds a kind of event on the kiosks (answered deferred); --routes lists what it answers. It loads
// (or makes) the hub's time key, which signs the hub's clock in its replies to kiosks.
#include "hub/cli/arguments.hpp"
#include "hub/cli/command.hpp"
#include "hub/cli/hub_data.hpp"
#include "hub/cli/stop_signals.hpp"
#include "hub/commands/commands.hpp"
#include "hub/keys.hpp"
#include "hub/server.hpp"
#include "hub/static_files.hpp"
#include "core/base/text_checks.hpp"
#include "core/wire/protocol.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace lotsen::hub::commands {

namespace {

constexpr const char* k_help = R"(Usage: lotsen-hub serve --data-dir DIR --listen HOST:PORT [--max-body-bytes N] [--threads N]
                        [--max-connections N] [--max-per-address N] [--idle-timeout SECONDS]
                        [--hold-kind KIND]... [--quiet]
       lotsen-hub serve --routes
  Receives kiosks' signed batches (POST /v1/events, docs/protocol.md) into DIR/hub.db, answers
  GET /v1/health, and serves what `lotsen-hub publish` wrote to DIR/published: GET or HEAD
  /v1/manifest.json and /v1/files/<sha256>.<ext>, with ETag, If-None-Match and Range (docs/updates.md);
  the published catalogue as Open Referral HSDS 3.0 JSON at GET /v1/hsds.json, and iCalendar feeds at
  GET /feeds/association/<id>.ics and /feeds/site/<location id>.ics (docs/open-standards.md).
  docs/openapi.yaml describes every route; --routes prints them, one "METHOD PATH" a line, and exits.
  Replies to kiosks carry the hub's clock signed with DIR/hub-time.key (made here if missing).
  PORT 0 picks a free port; the bound one is printed as "listening on HOST:PORT".
  --max-body-bytes  most bytes a body may decompress to (default 4194304); the wire limit is 1 MiB
  --threads         event-loop threads, each serving many connections (default 8)
  --max-connections open connections in all; more are closed at once (default 4000, and never more
                    than the open-file limit allows)
  --max-per-address open connections from one client address (default 0: no limit, as behind a
                    proxy every connection comes from the proxy; without one, e.g. 64)
  --idle-timeout    seconds a connection may stay silent before it is closed (default 30)
  --hold-kind KIND  holds events of KIND (checkin, contact_request, heartbeat or missed; repeatable):
                    they are answered "deferred" and not stored, so the kiosks keep them and offer
                    them again after about an hour — e.g. while the statistics of KIND are migrated
  --quiet           no per-request log lines on standard error
  SIGINT or SIGTERM stops it cleanly.
)";

// A --hold-kind value.
std::optional<protocol::WireKind> parse_kind(std::string_view text)
{
    for (const protocol::WireKind kind :
         {protocol::WireKind::checkin, protocol::WireKind::contact_request, protocol::WireKind::heartbeat,
          protocol::WireKind::missed}) {
        if (text == protocol::wire_kind_name(kind))
            return kind;
    }
    return std::nullopt;
}

}  // namespace

int serve_command(int argc, char** argv)
{
    if (cli::asks_for_help(argc, argv))
        return cli::print_help(k_help);
    const cli::Arguments arguments =
        cli::parse_arguments(argc, argv, {"--data-dir", "--listen", "--max-body-bytes", "--threads", "--max-connections", "--max-per-address",
                                            "--idle-timeout", "--hold-kind"}, {"--quiet", "--routes"});
    if (!arguments.problem.empty() || !arguments.positional.empty())
        return cli::usage_error(k_help, arguments.problem.empty() ? "serve takes no positional arguments" : arguments.problem);
    if (arguments.has("--routes")) {
        for (const Route& route : served_routes())
            std::printf("%.*s %.*s\n", static_cast<int>(route.method.size()), route.method.data(),
                        static_cast<int>(route.path.size()), route.path.data());
        return 0;
    }
    const auto data_dir = arguments.value("--data-dir");
    const auto listen = arguments.value("--listen");
    if (!data_dir || !listen)
        return cli::usage_error(k_help, "serve needs --data-dir DIR and --listen HOST:PORT");
    std::string host;
    int port = 0;
    if (!cli::parse_listen(*listen, host, port))
        return cli::usage_error(k_help, "--listen needs HOST:PORT, e.g. 127.0.0.1:8080 (PORT 0 picks one)");
    ServerOptions options;
    if (const auto max_body = arguments.value("--max-body-bytes")) {
        long long bytes = 0;
        if (!cli::parse_number(*max_body, bytes) || bytes < 1024 || bytes > (1LL << 30))
            return cli::usage_error(k_help, "--max-body-bytes needs a whole number from 1024 to 1073741824");
        options.max_body_bytes = static_cast<std::size_t>(bytes);
    }
    if (const auto threads = arguments.value("--threads")) {
        long long count = 0;
        if (!cli::parse_number(*threads, count) || count < 1 || count > 256)
            return cli::usage_error(k_help, "--threads needs a whole number from 1 to 256");
        options.threads = static_cast<std::size_t>(count);
    }
    const auto whole_number = [&](const char* name, long long low, long long high, auto& target) {
        const auto text = arguments.value(name);
        if (!text)
            return true;
        long long number = 0;
        if (!cli::parse_number(*text, number) || number < low || number > high)
            return false;
        target = static_cast<std::remove_reference_t<decltype(target)>>(number);
        return true;
    };
    if (!whole_number("--max-connections", 16, 1'000'000, options.max_connections))
        return cli::usage_error(k_help, "--max-connections needs a whole number from 16 to 1000000");
    if (!whole_number("--max-per-address", 0, 1'000'000, options.max_per_address))
        return cli::usage_error(k_help, "--max-per-address needs a whole number from 0 (no limit) to 1000000");
    if (!whole_number("--idle-timeout", 1, 3600, options.idle_timeout_seconds))
        return cli::usage_error(k_help, "--idle-timeout needs a whole number of seconds from 1 to 3600");
    for (const std::string& kind : arguments.all_values("--hold-kind")) {
        const auto held = parse_kind(kind);
        if (!held)
            return cli::usage_error(k_help, "--hold-kind needs checkin, contact_request, heartbeat or missed, not " + quote_for_message(kind));
        if (std::find(options.held_kinds.begin(), options.held_kinds.end(), *held) == options.held_kinds.end())
            options.held_kinds.push_back(*held);
    }
    options.log_requests = !arguments.has("--quiet");
    options.published_dir = published_dir(*data_dir);
    auto store = cli::open_hub_store(*data_dir);
    if (!store)
        return cli::fail(store.error().text());
    // Only serve loads the time key's secret half: it signs the hub's clock for kiosks whose own
    // clock is not synchronised (docs/protocol.md, "The hub's signed time"). A hub made before the
    // key existed gets one now, said loudly, since its kiosks need the public half.
    auto time_key = load_or_create_time_key(*data_dir);
    if (!time_key)
        return cli::fail(time_key.error().text());
    if (time_key.value().created) {
        std::fprintf(stderr,
                     "lotsen-hub: made the hub's time key %s/%s (this hub had none); put this in every kiosk's [upstream]:\n"
                     "hub_time_key = \"%s\"\n",
                     data_dir->c_str(), k_time_secret_file, time_key.value().public_base64.c_str());
    }
    options.time_key = time_key.value().keys;

    cli::StopSignals signals;  // before any server thread exists

    Server server(std::move(store.value()), options);
    auto bound = server.bind(host, port);
    if (!bound)
        return cli::fail(bound.error().text());
    for (const protocol::WireKind kind : options.held_kinds) {
        const std::string name(protocol::wire_kind_name(kind));
        std::fprintf(stderr, "lotsen-hub: holding %s events (--hold-kind): they are answered deferred and stay on the kiosks\n",
                     name.c_str());
    }
    std::printf("listening on %s:%d\n", host.c_str(), bound.value());
    std::fflush(stdout);

    auto ran = signals.run_until_stopped(
        "lotsen-hub", [&] { return server.run(); }, [&] { server.stop(); });
    if (!ran)
        return cli::fail(ran.error().text());
    return 0;
}

}  // namespace lotsen::hub::commands
