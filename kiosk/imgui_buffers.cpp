// imgui_buffers.cpp — see imgui_buffers.hpp. Uses ImGui's internal window list (imgui_internal.h of
// the same 1.86 the library was built from).
#include "kiosk/imgui_buffers.hpp"

#include <imgui.h>
#include <imgui_internal.h>

namespace lotsen::kiosk {

namespace {

template <typename T>
std::size_t capacity_bytes(const ImVector<T>& vector)
{
    return static_cast<std::size_t>(vector.Capacity) * sizeof(T);
}

}  // namespace

std::size_t imgui_window_buffer_bytes()
{
    const ImGuiContext* context = ImGui::GetCurrentContext();
    if (!context)
        return 0;
    std::size_t bytes = 0;
    for (const ImGuiWindow* window : context->Windows) {
        const ImDrawList& draw = *window->DrawList;
        bytes += capacity_bytes(draw.CmdBuffer) + capacity_bytes(draw.IdxBuffer) + capacity_bytes(draw.VtxBuffer) +
                 capacity_bytes(draw._Path) + capacity_bytes(draw._ClipRectStack) + capacity_bytes(draw._TextureIdStack) +
                 capacity_bytes(draw._Splitter._Channels);
        for (const ImDrawChannel& channel : draw._Splitter._Channels)
            bytes += capacity_bytes(channel._CmdBuffer) + capacity_bytes(channel._IdxBuffer);
    }
    return bytes;
}

void release_imgui_window_buffers()
{
    ImGuiContext* context = ImGui::GetCurrentContext();
    if (!context)
        return;
    for (ImGuiWindow* window : context->Windows) {
        if (!window->MemoryCompacted)
            ImGui::GcCompactTransientWindowBuffers(window);
        // ImGui remembers the sizes to take them again when the window is next drawn (Begin wakes
        // it); forgotten, the window grows from its next frame's needs like a new one.
        window->MemoryDrawListIdxCapacity = 0;
        window->MemoryDrawListVtxCapacity = 0;
    }
}

}  // namespace lotsen::kiosk
