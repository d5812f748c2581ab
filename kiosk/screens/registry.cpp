// registry.cpp — one line per screen.
#include "screens/registry.hpp"

#include "screens/today_screen.hpp"

namespace lotsen::kiosk {

std::vector<std::unique_ptr<Screen>> make_screens()
{
    std::vector<std::unique_ptr<Screen>> screens;
    screens.push_back(std::make_unique<TodayScreen>());
    return screens;
}

}  // namespace lotsen::kiosk
