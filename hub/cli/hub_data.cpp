// hub_data.cpp — opening the data directory and the optional catalogue (see hub_data.hpp).
#include "hub/cli/hub_data.hpp"

#include "core/catalogue/catalogue_file.hpp"
#include "core/catalogue/catalogue_json.hpp"
#include "core/base/terminal_text.hpp"
#include "core/wire/manifest.hpp"
#include "core/wire/protocol.hpp"
#include "hub/export/published_catalogue.hpp"
#include "hub/static_files.hpp"

#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace lotsen::hub::cli {

namespace {

std::string hub_db_path(const std::string& data_dir)
{
    return data_dir + (data_dir.empty() || data_dir.back() == '/' ? "" : "/") + "hub.db";
}

}  // namespace

Result<std::unique_ptr<HubStore>> open_hub_store(const std::string& data_dir)
{
    auto path = existing_hub_db(data_dir);
    if (!path)
        return path.error();
    return HubStore::open(path.value());
}

Result<std::string> existing_hub_db(const std::string& data_dir)
{
    struct stat info {};
    if (::stat(data_dir.c_str(), &info) != 0)
        return Error{data_dir + ": no such folder, so not a hub data directory. Check --data-dir for a typo; a new hub "
                                "is made only by `lotsen-hub init --data-dir " + data_dir + "`"};
    if (!S_ISDIR(info.st_mode))
        return Error{data_dir + ": is not a folder, so not a hub data directory"};
    if (::stat(hub_db_path(data_dir).c_str(), &info) != 0)
        return Error{data_dir + ": not a hub data directory (it has no hub.db). Check --data-dir for a typo; a new hub "
                                "is made only by `lotsen-hub init --data-dir " + data_dir + "`"};
    return hub_db_path(data_dir);
}

Result<HubCreated> create_hub(const std::string& data_dir)
{
    struct stat info {};
    if (::stat(data_dir.c_str(), &info) != 0) {
        if (::mkdir(data_dir.c_str(), 0700) != 0)
            return Error{data_dir + ": cannot create the hub data directory: " + std::strerror(errno)};
    } else if (!S_ISDIR(info.st_mode)) {
        return Error{data_dir + ": is not a folder"};
    } else if (::stat(hub_db_path(data_dir).c_str(), &info) == 0) {
        return HubCreated::already_there;
    }
    auto store = HubStore::open(hub_db_path(data_dir));
    if (!store)
        return store.error();
    return HubCreated::created;
}

bool load_optional_catalogue(const Arguments& arguments, std::optional<Catalogue>& catalogue)
{
    const auto path = arguments.value("--catalogue");
    if (!path) {
        const auto data_dir = arguments.value("--data-dir");
        if (!data_dir)
            return true;
        auto published = read_published_catalogue(*data_dir + "/published");
        if (!published) {
            std::fprintf(stderr, "lotsen-hub: names not shown (ids instead): %s; --catalogue FILE gives them\n",
                         escape_for_terminal(published.error().text()).c_str());
            return true;
        }
        catalogue = std::move(published.value());
        return true;
    }
    CatalogueParseResult result = load_catalogue_file(*path);
    if (!result.ok()) {
        std::fprintf(stderr, "lotsen-hub: %s: %zu problem(s), names not shown:\n%s\n", path->c_str(),
                     result.problems.size(), result.summary().c_str());
        return false;
    }
    catalogue = std::move(*result.catalogue);
    return true;
}

}  // namespace lotsen::hub::cli
