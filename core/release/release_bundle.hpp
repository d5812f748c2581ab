// release_bundle.hpp — a software release as the region publishes it: a gzip-compressed tar archive
// (ustar/pax) of the built programs and assets, with a RELEASE file naming it and bin/lotsen in it.
// Read by `lotsen-hub publish release` (inspect, before anything is published) and by the kiosk's
// release manager (unpack, after the manifest's SHA-256 matched). Both refuse what could escape the
// release's own directory: absolute paths, "..", links pointing outside, devices, FIFOs.
#pragma once

#include "core/base/result.hpp"

#include <cstdint>
#include <string>

namespace lotsen::release_bundle {

/// What a bundle holds.
struct BundleInfo {
    std::string name;          ///< the first line of its RELEASE file, e.g. "0.2.0"
    std::int64_t files = 0;    ///< regular files
    std::uint64_t bytes = 0;   ///< their total size, unpacked
};

/// Reads a bundle without unpacking it; the error names the archive member that is wrong.
Result<BundleInfo> inspect(const std::string& path);

/// Unpacks a bundle into `destination`, which must not exist yet (made by this call), with the same
/// checks; on any error nothing is left at `destination`.
Result<BundleInfo> unpack(const std::string& path, const std::string& destination);

}  // namespace lotsen::release_bundle
