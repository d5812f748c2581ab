// url.hpp — the one check of an upstream URL ([upstream] url, the uploader's and the updater's
// options). Plain text rules, no network library: the configuration reader uses it too.
#pragma once

#include "core/base/result.hpp"

#include <string_view>

namespace lotsen {

/// Checks an [upstream] url: http:// or https://, a host, no spaces or control characters, no query.
Result<void> validate_upstream_url(std::string_view url);

}  // namespace lotsen
