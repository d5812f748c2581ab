// validate.cpp — `lotsen-hub validate FILE`: checks a catalogue (JSON, or CSV by extension) as a
// kiosk would, and the image files it names beside it as publish would, and lists every problem with
// its JSON path or row/column; exit 0 only when it has none.
#include "core/catalogue/catalogue_file.hpp"
#include "core/catalogue/catalogue_json.hpp"
#include "core/base/file.hpp"
#include "core/image/image_refs.hpp"
#include "hub/commands/commands.hpp"

#include <cstdio>
#include <string>
#include <string_view>

namespace lotsen::hub::commands {

namespace {

constexpr const char* k_help = "Usage: lotsen-hub validate FILE\n  Checks a catalogue (JSON or .csv) and lists every problem.";

int validate(const std::string& path)
{
    CatalogueParseResult result = load_catalogue_file(path);
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
