// registry.hpp — the list of screens. Adding a screen means adding its file and one line here.
#pragma once

#include "kiosk/screen.hpp"

#include <memory>
#include <vector>

namespace lotsen::kiosk {

/// Every screen of the kiosk, the first one shown after start and reset first.
std::vector<std::unique_ptr<Screen>> make_screens();

}  // namespace lotsen::kiosk
