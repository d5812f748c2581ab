// release_manager.hpp — the kiosk's installed software releases (docs/updates.md): releases/<version>/
// unpacked bundles under the data directory, a `current` link switched atomically, a trial of each
// new release that must prove its health in time or be rolled back, and a list of failed versions
// that are never tried again.
#pragma once

#include "result.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace lotsen {

/// The releases of one kiosk.
class ReleaseManager {
public:
    /// Opens (creating if needed) DATA_DIR/releases and its state.
    static Result<std::unique_ptr<ReleaseManager>> open(const std::string& data_dir);
    virtual ~ReleaseManager() = default;

    /// True when `version` was tried and failed its health check: it is never installed again.
    virtual bool has_failed(std::int64_t version) const = 0;

    /// Unpacks a verified bundle into releases/<version>/ and switches `current` to it as a trial;
    /// the caller then restarts the kiosk (systemd starts the new version through the launcher).
    virtual Result<void> install_and_switch(const std::string& bundle_path, std::int64_t version, const std::string& name) = 0;

    /// What the heartbeat reports.
    struct Report {
        std::vector<std::string> installed;  ///< "version name" of each unpacked release
        std::string running;                 ///< the release this process runs ("" = the packaged one)
        std::vector<std::string> failed;     ///< versions that failed their health check
    };
    virtual Report report() const = 0;
};

}  // namespace lotsen
