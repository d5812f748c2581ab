// reply_text.hpp — the sentence that tells a visitor how soon an association usually replies, from the
// reply time the hub measured (shown on detail and after a contact request, instead of the declared one).
#pragma once

#include "core/catalogue/model.hpp"
#include "kiosk/ui_context.hpp"

#include <string>

namespace lotsen::kiosk {

/// "They usually reply within 2 days." (or hours under a day) in the visitor's language.
std::string measured_reply_text(const UiContext& ui, const MeasuredReply& reply);

}  // namespace lotsen::kiosk
