// registry.cpp — one line per screen; the first is home (shown after start and every reset).
#include "kiosk/screens/registry.hpp"

#include "kiosk/screens/admin_pin_screen.hpp"
#include "kiosk/screens/admin_screen.hpp"
#include "kiosk/screens/checkin_screen.hpp"
#include "kiosk/screens/contact_screen.hpp"
#include "kiosk/screens/detail_screen.hpp"
#include "kiosk/screens/help_screen.hpp"
#include "kiosk/screens/home_screen.hpp"
#include "kiosk/screens/interests_screen.hpp"
#include "kiosk/screens/language_screen.hpp"
#include "kiosk/screens/list_screen.hpp"
#include "kiosk/screens/search_screen.hpp"
#include "kiosk/screens/thanks_screen.hpp"
#include "kiosk/screens/wish_screen.hpp"

namespace lotsen::kiosk {

std::vector<std::unique_ptr<Screen>> make_screens()
{
    std::vector<std::unique_ptr<Screen>> screens;
    screens.push_back(std::make_unique<HomeScreen>());
    screens.push_back(std::make_unique<InterestsScreen>());
    screens.push_back(std::make_unique<ListScreen>());
    screens.push_back(std::make_unique<SearchScreen>());
    screens.push_back(std::make_unique<DetailScreen>());
    screens.push_back(std::make_unique<CheckInScreen>());
    screens.push_back(std::make_unique<ContactScreen>());
    screens.push_back(std::make_unique<ThanksScreen>());
    screens.push_back(std::make_unique<WishScreen>());
    screens.push_back(std::make_unique<HelpScreen>());
    screens.push_back(std::make_unique<LanguageScreen>());
    screens.push_back(std::make_unique<AdminPinScreen>());
    screens.push_back(std::make_unique<AdminScreen>());
    return screens;
}

}  // namespace lotsen::kiosk
