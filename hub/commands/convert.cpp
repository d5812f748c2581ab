// convert.cpp — `lotsen-hub convert FILE.csv OUT.json [--version N]`: turns an association's CSV
// spreadsheet into catalogue JSON, refusing it (and writing nothing) when it has problems.
#include "core/catalogue/catalogue_csv.hpp"
#include "core/catalogue/catalogue_json.hpp"
#include "hub/cli/arguments.hpp"
#include "hub/cli/command.hpp"
#include "hub/commands/commands.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace lotsen::hub::commands {

namespace {

constexpr const char* k_help = "Usage: lotsen-hub convert FILE.csv OUT.json [--version N]\n"
                               "  Imports an association's CSV spreadsheet and writes catalogue JSON.";

}  // namespace

int convert_command(int argc, char** argv)
{
    // Help only as the first word, and on standard output even for a wrong command line.
    const bool wants_help = argc >= 3 && std::string_view(argv[2]) == "--help";
    if (wants_help || (argc != 4 && argc != 6)) {
        std::puts(k_help);
        return wants_help ? 0 : 2;
    }
    long long version = 1;
    if (argc == 6 && (std::string_view(argv[4]) != "--version" || !cli::parse_number(argv[5], version) || version < 1))
        return cli::fail("--version needs a whole number ≥ 1");
    std::ifstream in(argv[2], std::ios::binary);
    if (!in)
        return cli::fail(std::string(argv[2]) + ": cannot open");
    std::ostringstream text_stream;
    text_stream << in.rdbuf();
    const std::string text = text_stream.str();
    CsvImportOptions options;
    options.version = version;
    const ImportedSpreadsheet imported = import_catalogue_csv(text, options);
    if (imported.read_as_windows_1252)
        std::fprintf(stderr, "%s: read as Windows-1252 (the file is not UTF-8)\n", argv[2]);  // stdout may be the JSON
    const CatalogueParseResult& result = imported.result;
    if (!result.ok()) {
        std::fprintf(stderr, "%s: %zu problem(s):\n%s\n", argv[2], result.problems.size(), result.summary().c_str());
        return 1;
    }
    return cli::write_output_file(argv[3], catalogue_to_json(*result.catalogue));
}

}  // namespace lotsen::hub::commands
