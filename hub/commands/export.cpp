// export.cpp — `lotsen-hub export hsds`: the published catalogue (or --catalogue FILE) as Open Referral
// HSDS 3.0 JSON (hub/export/hsds.hpp; docs/open-standards.md), to standard output or --out FILE.
#include "hub/cli/arguments.hpp"
#include "hub/cli/command.hpp"
#include "hub/commands/commands.hpp"
#include "hub/export/hsds.hpp"
#include "hub/export/published_catalogue.hpp"
#include "core/base/file.hpp"
#include "core/base/terminal_text.hpp"
#include "core/catalogue/catalogue_file.hpp"

#include <cstdio>
#include <optional>
#include <string>

namespace lotsen::hub::commands {

namespace {

constexpr const char* k_help = R"(Usage: lotsen-hub export hsds (--data-dir DIR | --catalogue FILE) [--out FILE]
  Writes the catalogue as Open Referral HSDS 3.0 JSON: an array of organizations with their services
  (one per activity, with schedules and languages) and locations (with accessibility), as
  schema/compiled/organization_package.json of the HSDS 3.0 specification describes it.
  docs/open-standards.md says what maps where and what HSDS has no place for.
  --data-dir DIR    the catalogue this hub published last (DIR/published)
  --catalogue FILE  a catalogue file instead (checked as `validate` checks it)
  --out FILE        write here (replaced whole, never half-written) instead of standard output
`lotsen-hub serve` gives the same at GET /v1/hsds.json.
)";

}  // namespace

int export_command(int argc, char** argv)
{
    if (cli::asks_for_help(argc, argv))
        return cli::print_help(k_help);
    const cli::Arguments arguments = cli::parse_arguments(argc, argv, {"--data-dir", "--catalogue", "--out"}, {});
    if (!arguments.problem.empty())
        return cli::usage_error(k_help, arguments.problem);
    if (arguments.positional.size() != 1 || arguments.positional[0] != "hsds")
        return cli::usage_error(k_help, "export needs what to export: hsds");
    const auto data_dir = arguments.value("--data-dir");
    const auto path = arguments.value("--catalogue");
    if (data_dir.has_value() == path.has_value())
        return cli::usage_error(k_help, "export hsds needs either --data-dir DIR or --catalogue FILE");

    std::optional<Catalogue> catalogue;
    if (data_dir) {
        auto published = read_published_catalogue(*data_dir + "/published");
        if (!published)
            return cli::fail(published.error().text());
        catalogue = std::move(published.value());
    } else {
        CatalogueParseResult result = load_catalogue_file(*path);
        if (!result.ok())
            return cli::fail(*path + ": " + std::to_string(result.problems.size()) + " problem(s), nothing exported:\n" +
                             result.summary());
        catalogue = std::move(*result.catalogue);
    }
    const std::string json = catalogue_to_hsds(*catalogue);
    if (const auto out = arguments.value("--out")) {
        if (auto written = write_file_atomically(*out, json, 0644); !written)
            return cli::fail(written.error().text());
        return 0;
    }
    std::fwrite(json.data(), 1, json.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : cli::fail("export: cannot write to standard output");
}

}  // namespace lotsen::hub::commands
