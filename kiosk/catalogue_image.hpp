// catalogue_image.hpp — drawing an organisation's logo or an activity's photo in a box: fitted and
// centred, with the box's rounded tint behind it, nothing but the tint while it is being decoded or
// when it never came. Cards and the detail screen use it; the pixels come from ImageTextures.
#pragma once

#include "kiosk/ui_context.hpp"

namespace lotsen::kiosk {

/// Side of the square a card gives its picture.
float card_image_side(const UiContext& ui);

/// Draws `image` fitted inside [min, max] (screen pixels) on the current window; true when its
/// pixels were there to draw.
bool draw_catalogue_image(UiContext& ui, const ImageRef& image, const ImVec2& min, const ImVec2& max);

}  // namespace lotsen::kiosk
