// directions_link.hpp — the link a visitor's phone opens for directions to a place ([kiosk]
// directions): an RFC 5870 geo: URI, or the region's own map-link template.
#pragma once

#include "core/base/result.hpp"

#include <string>
#include <string_view>

namespace lotsen {

/// The [kiosk] directions value meaning "a geo: URI" (what the phone's own map app opens).
inline constexpr std::string_view k_directions_geo = "geo";

/// Checks a [kiosk] directions value: "geo", or an http:// or https:// link with a host that holds both
/// {lat} and {lon}, with no spaces or control characters. The message says what is wrong.
Result<void> validate_directions(std::string_view directions);

/// The link to `latitude`,`longitude` (WGS 84 degrees): "geo:56.671800,12.859800" when `directions` is
/// "geo" (RFC 5870: WGS 84 is its default CRS), else `directions` with every {lat} and {lon} replaced.
/// Six decimals are about 0.1 m: finer than any map needs, and short enough to keep the QR code coarse.
std::string directions_link(std::string_view directions, double latitude, double longitude);

}  // namespace lotsen
