// hub_data.cpp — opening the data directory and the optional catalogue (see hub_data.hpp).
#include "hub/cli/hub_data.hpp"

#include "core/catalogue/catalogue_file.hpp"
#include "core/catalogue/catalogue_json.hpp"
#include "core/base/terminal_text.hpp"
#include "core/wire/manifest.hpp"
#include "core/wire/protocol.hpp"
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

namespace {

// The catalogue the manifest in DATA_DIR/published names, or why there is none. The manifest is the
// hub's own file; its signature is the kiosks' business. The catalogue file must match the SHA-256
// its name states, as when it is served.
Result<Catalogue> published_catalogue(const std::string& data_dir)
{
    const std::string published = data_dir + "/published";
    StaticFiles files(published);
    const StaticLookup manifest_file = files.manifest();
    if (manifest_file.status != StaticLookup::Status::found)
        return Error{"nothing published in " + published + " yet"};
    std::string text(static_cast<std::size_t>(manifest_file.content->size()), '\0');
    if (manifest_file.content->read_at(0, text.data(), text.size()) != static_cast<long>(text.size()))
        return Error{published + "/manifest.json: cannot be read"};
    const auto outer = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!outer.is_object() || !outer.contains("payload") || !outer["payload"].is_string())
        return Error{published + "/manifest.json: not a manifest"};
    const auto payload = protocol::from_base64(outer["payload"].get<std::string>(), "manifest.payload");
    if (!payload)
        return payload.error();
    const auto parsed = manifest::parse_payload(std::string(payload.value().begin(), payload.value().end()));
    if (!parsed)
        return parsed.error();
    if (!parsed.value().catalogue)
        return Error{"no catalogue has been published here"};
    const std::string name = parsed.value().catalogue->file;
    const StaticLookup file = files.file(name);
    if (file.status != StaticLookup::Status::found)
        return Error{published + "/files/" + name + ": " + (file.problem.empty() ? std::string("missing") : file.problem)};
    CatalogueParseResult result = load_catalogue_file(published + "/files/" + name);
    if (!result.ok())
        return Error{published + "/files/" + name + ": " + result.summary()};
    return std::move(*result.catalogue);
}

}  // namespace

bool load_optional_catalogue(const Arguments& arguments, std::optional<Catalogue>& catalogue)
{
    const auto path = arguments.value("--catalogue");
    if (!path) {
        const auto data_dir = arguments.value("--data-dir");
        if (!data_dir)
            return true;
        auto published = published_catalogue(*data_dir);
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
