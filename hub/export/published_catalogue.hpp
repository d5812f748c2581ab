// published_catalogue.hpp — the catalogue a hub has published, read back from DATA_DIR/published: the
// manifest names it, its file name is its SHA-256 (checked, as when it is served). Used by the commands
// that show names (hub/cli/hub_data), `export`, and serve's open-standard routes (HSDS, feeds), which
// keep the parsed catalogue until a newer one is published.
#pragma once

#include "core/base/result.hpp"
#include "core/catalogue/model.hpp"

#include <memory>
#include <mutex>
#include <string>

namespace lotsen::hub {

/// The catalogue DATA_DIR/published (`published`) lists now, or why there is none. The manifest is the
/// hub's own file; its signature is the kiosks' business.
Result<Catalogue> read_published_catalogue(const std::string& published);

/// The published catalogue for serving, parsed once per publication (the manifest is read per call).
class PublishedCatalogue {
public:
    explicit PublishedCatalogue(std::string published) : m_published(std::move(published)) {}

    /// The current catalogue, or why there is none. Safe from any thread.
    Result<std::shared_ptr<const Catalogue>> current();

private:
    std::string m_published;
    std::mutex m_mutex;
    std::string m_file;  ///< the catalogue file m_catalogue was read from
    std::shared_ptr<const Catalogue> m_catalogue;
};

}  // namespace lotsen::hub
