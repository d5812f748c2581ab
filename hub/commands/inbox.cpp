// inbox.cpp — `lotsen-hub inbox`: opens the sealed contact requests with the hub's secret sealing
// key and lists them per association (hub/inbox.hpp), or marks one handled.
#include "hub/cli/arguments.hpp"
#include "hub/cli/command.hpp"
#include "hub/cli/hub_data.hpp"
#include "hub/commands/commands.hpp"
#include "hub/inbox.hpp"
#include "hub/keys.hpp"
#include "hub/server.hpp"

#include <sodium.h>

#include <cstdio>
#include <optional>

namespace lotsen::hub::commands {

namespace {

constexpr const char* k_help = R"(Usage: lotsen-hub inbox --data-dir DIR --secret-key FILE [--association ID] [--open] [--catalogue FILE]
       lotsen-hub inbox --data-dir DIR --handle EVENT_ID_OR_RECEIPT_CODE
  Opens the sealed contact requests with the hub's secret sealing key (hub-seal.key from keygen) and
  lists them per association: name, how to reach them, language, receipt code, when received, and
  whether handled. A box whose sealed ids differ from the ones it arrived with is shown as a problem
  and its contents are not shown. --open lists only unhandled ones; --association one association's;
  association and activity names come from the catalogue this hub published last, or --catalogue FILE. --handle marks one request handled (by its event
  id or the receipt code the visitor was given), which the reply-time statistics count from.
)";

}  // namespace

int inbox_command(int argc, char** argv)
{
    if (cli::asks_for_help(argc, argv))
        return cli::print_help(k_help);
    const cli::Arguments arguments = cli::parse_arguments(
        argc, argv, {"--data-dir", "--secret-key", "--association", "--handle", "--catalogue"}, {"--open"});
    if (!arguments.problem.empty() || !arguments.positional.empty())
        return cli::usage_error(k_help, arguments.problem.empty() ? "inbox takes no positional arguments" : arguments.problem);
    const auto data_dir = arguments.value("--data-dir");
    if (!data_dir)
        return cli::usage_error(k_help, "inbox needs --data-dir DIR");
    auto store = cli::open_hub_store(*data_dir);
    if (!store)
        return cli::fail(store.error().text());
    if (const auto handle = arguments.value("--handle")) {
        auto handled = mark_request_handled(*store.value(), *handle, system_clock_now());
        if (!handled)
            return cli::fail(handled.error().text());
        std::printf("%s\n", handled.value().c_str());
        return 0;
    }
    const auto secret_key = arguments.value("--secret-key");
    if (!secret_key)
        return cli::usage_error(k_help, "inbox needs --secret-key FILE to open the requests");
    auto keys = load_seal_key(*secret_key);
    if (!keys)
        return cli::fail(keys.error().text());
    std::optional<Catalogue> catalogue;
    if (!cli::load_optional_catalogue(arguments, catalogue))
        return 1;
    InboxOptions options;
    options.organisation_id = arguments.value("--association");
    options.open_only = arguments.has("--open");
    options.catalogue = catalogue ? &*catalogue : nullptr;
    auto printed = print_inbox(*store.value(), keys.value(), options, stdout);
    sodium_memzero(keys.value().secret_key.data(), keys.value().secret_key.size());
    if (!printed)
        return cli::fail(printed.error().text());
    return printed.value().problems > 0 ? 1 : 0;
}

}  // namespace lotsen::hub::commands
