// published_catalogue.cpp — reading the published catalogue back (see published_catalogue.hpp).
#include "hub/export/published_catalogue.hpp"

#include "core/catalogue/catalogue_file.hpp"
#include "core/wire/manifest.hpp"
#include "core/wire/protocol.hpp"
#include "hub/static_files.hpp"

#include <nlohmann/json.hpp>

namespace lotsen::hub {

namespace {

// The catalogue file name the manifest in `published` lists.
Result<std::string> published_catalogue_file(StaticFiles& files, const std::string& published)
{
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
    return parsed.value().catalogue->file;
}

Result<Catalogue> read_catalogue_file(StaticFiles& files, const std::string& published, const std::string& name)
{
    const StaticLookup file = files.file(name);
    if (file.status != StaticLookup::Status::found)
        return Error{published + "/files/" + name + ": " + (file.problem.empty() ? std::string("missing") : file.problem)};
    CatalogueParseResult result = load_catalogue_file(published + "/files/" + name);
    if (!result.ok())
        return Error{published + "/files/" + name + ": " + result.summary()};
    return std::move(*result.catalogue);
}

}  // namespace

Result<Catalogue> read_published_catalogue(const std::string& published)
{
    StaticFiles files(published);
    const std::string name = LOTSEN_TRY(published_catalogue_file(files, published));
    return read_catalogue_file(files, published, name);
}

Result<std::shared_ptr<const Catalogue>> PublishedCatalogue::current()
{
    StaticFiles files(m_published);
    const std::string name = LOTSEN_TRY(published_catalogue_file(files, m_published));
    const std::lock_guard lock(m_mutex);
    if (name != m_file || !m_catalogue) {
        Catalogue catalogue = LOTSEN_TRY(read_catalogue_file(files, m_published, name));
        m_catalogue = std::make_shared<const Catalogue>(std::move(catalogue));
        m_file = name;
    }
    return m_catalogue;
}

}  // namespace lotsen::hub
