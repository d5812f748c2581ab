// office_page.hpp — the frame every office page shares (head, header with the user's language and
// sign-out forms, the region's navigation, main) and the small builders the pages use: translated
// escaped text, notices, redirects. Used by office.cpp (the hand-over) and region_pages.cpp.
#pragma once

#include "hub/office/office.hpp"
#include "hub/office/office_store.hpp"

#include <string>
#include <string_view>

namespace lotsen::hub::office {

/// What frames a page.
struct Frame {
    std::string language;
    std::string title;
    const OfficeUser* user = nullptr;  ///< signed in: the header's forms (and the region's navigation)
    std::string csrf;
};

/// Who is asking, once their session is checked.
struct Office::Context {
    OfficeUser user;
    std::string session_hash;
    std::string csrf;
    std::string language;
};

/// The text `key` in `language`, escaped for HTML.
std::string t(const std::string& language, std::string_view key);

/// A whole page around `main`; `wide` lets tables and plots use a wider column.
std::string page(const Frame& frame, const std::string& main, bool wide = false);

/// A response with this status and body (HTML).
WebResponse html_response(int status, std::string body);

/// A 303 to `location`.
WebResponse redirect(const std::string& location);

/// A notice paragraph: an error (role alert) or a confirmation (role status).
std::string notice(const std::string& language, std::string_view key, bool error);

}  // namespace lotsen::hub::office
