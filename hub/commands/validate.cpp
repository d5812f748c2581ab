// validate.cpp — `lotsen-hub validate FILE`: checks a catalogue (JSON, or CSV by extension) as a
// kiosk would, and the image files it names beside it as publish would, and lists every problem with
// its JSON path or row/column; exit 0 only when it has none. A spreadsheet read as Windows-1252
// says so.
#include "core/catalogue/catalogue_csv.hpp"
#include "core/catalogue/catalogue_file.hpp"
#include "core/catalogue/catalogue_json.hpp"
#include "core/base/file.hpp"
#include "core/base/text_checks.hpp"
#include "core/image/image_refs.hpp"
#include "hub/commands/commands.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace lotsen::hub::commands {

namespace {

constexpr const char* k_help = "Usage: lotsen-hub validate FILE\n  Checks a catalogue (JSON or .csv) and lists every problem.";

bool is_spreadsheet(const std::string& path)
{
    return path.size() >= 4 && ascii_lower(std::string_view(path).substr(path.size() - 4)) == ".csv";
}

// A spreadsheet through the importer itself, which says how its bytes were read.
CatalogueParseResult load_spreadsheet(const std::string& path)
{
    const CatalogueLimits limits;
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error || size > limits.max_file_bytes)
        return load_catalogue_file(path);  // its message names what is wrong, before a byte is read
    std::ifstream file(path, std::ios::binary);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    if (!file || !file.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
        return load_catalogue_file(path);  // its message names what could not be read
    ImportedSpreadsheet imported = import_catalogue_csv(bytes, CsvImportOptions{1, std::nullopt, false, limits});
    if (imported.read_as_windows_1252)
        std::printf("%s: read as Windows-1252 (the file is not UTF-8)\n", path.c_str());
    return std::move(imported.result);
}

int validate(const std::string& path)
{
    CatalogueParseResult result = is_spreadsheet(path) ? load_spreadsheet(path) : load_catalogue_file(path);
    if (result.ok())
        result.problems = resolve_image_files(*result.catalogue, parent_of(path));
    if (!result.ok()) {
        std::fprintf(stderr, "%s: %zu problem(s):\n%s\n", path.c_str(), result.problems.size(),
                     result.summary().c_str());
        return 1;
    }
    const Catalogue& catalogue = *result.catalogue;
    const bool default_vocabulary = catalogue.interests.empty();
    std::printf("%s: ok — version %lld, %zu organisations, %zu activities, %zu interests%s, %zu images\n", path.c_str(),
                static_cast<long long>(catalogue.version), catalogue.organisations.size(),
                catalogue.activities.size(),
                default_vocabulary ? default_interests().size() : catalogue.interests.size(),
                default_vocabulary ? " (the default vocabulary)" : "", referenced_images(catalogue).size());
    return 0;
}

}  // namespace

int validate_command(int argc, char** argv)
{
    // Help only as the first word, and on standard output even for a wrong command line.
    const bool wants_help = argc >= 3 && std::string_view(argv[2]) == "--help";
    if (wants_help || argc != 3) {
        std::puts(k_help);
        return wants_help ? 0 : 2;
    }
    return validate(argv[2]);
}

}  // namespace lotsen::hub::commands
