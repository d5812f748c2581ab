// screen.cpp — the fixed frame every screen is drawn in.
#include "screen.hpp"

namespace lotsen::kiosk {

void Screen::draw(UiContext& ui)
{
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                       ImGuiWindowFlags_NoScrollWithMouse;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin(id(), nullptr, flags);
    ImGui::PopStyleVar();
    draw_content(ui);
    ImGui::End();
}

}  // namespace lotsen::kiosk
