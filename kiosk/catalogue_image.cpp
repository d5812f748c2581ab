// catalogue_image.cpp — see catalogue_image.hpp.
#include "kiosk/catalogue_image.hpp"

#include "kiosk/image_textures.hpp"

#include <cmath>

namespace lotsen::kiosk {

float card_image_side(const UiContext& ui)
{
    return ui.scale.em(3.6f);
}

bool draw_catalogue_image(UiContext& ui, const ImageRef& image, const ImVec2& min, const ImVec2& max)
{
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, ui.palette.surface_pressed, ui.scale.em(0.3f));
    if (!ui.images)
        return false;
    // Pixels of the box as drawn: the texture is decoded at this size, never larger.
    const int box_width = static_cast<int>(std::floor(max.x - min.x));
    const int box_height = static_cast<int>(std::floor(max.y - min.y));
    const ImageTexture texture = ui.images->get(image, box_width, box_height);
    if (!texture.texture)
        return false;
    const float x = min.x + std::floor((static_cast<float>(box_width - texture.width)) * 0.5f);
    const float y = min.y + std::floor((static_cast<float>(box_height - texture.height)) * 0.5f);
    draw->AddImage(static_cast<ImTextureID>(texture.texture), ImVec2(x, y),
                   ImVec2(x + static_cast<float>(texture.width), y + static_cast<float>(texture.height)));
    return true;
}

}  // namespace lotsen::kiosk
