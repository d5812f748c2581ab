// frame_settling.cpp — see frame_settling.hpp. The buffers are hashed eight bytes at a time with a multiply and
// a rotation per word: a 1920×1080 frame's draw data (some 100–300 KB) costs a few tens of
// microseconds, measured by lotsen-bench's frame figures.
#include "kiosk/frame_settling.hpp"

#include <imgui.h>

#include <cstddef>
#include <cstring>

namespace lotsen::kiosk {

namespace {

constexpr std::uint64_t k_multiplier = 0x9E3779B97F4A7C15ull;  // 2^64 / golden ratio, odd

class Hasher {
public:
    void add_word(std::uint64_t word)
    {
        m_state ^= word;
        m_state *= k_multiplier;
        m_state ^= m_state >> 29;
    }

    void add_bytes(const void* data, std::size_t size)
    {
        const auto* bytes = static_cast<const unsigned char*>(data);
        std::size_t i = 0;
        for (; i + 8 <= size; i += 8) {
            std::uint64_t word = 0;
            std::memcpy(&word, bytes + i, 8);
            add_word(word);
        }
        std::uint64_t tail = 0;
        if (size > i)
            std::memcpy(&tail, bytes + i, size - i);
        add_word(tail ^ (static_cast<std::uint64_t>(size) << 56));  // the length, so a shifted tail differs
    }

    template <typename T>
    void add(const T& value)
    {
        add_bytes(&value, sizeof(T));
    }

    std::uint64_t value() const { return m_state; }

private:
    std::uint64_t m_state = 0x6C6F7473656E0001ull;
};

}  // namespace

std::uint64_t draw_data_hash(const ImDrawData& data, std::uint32_t clear_colour)
{
    Hasher hash;
    hash.add(clear_colour);
    hash.add(data.DisplayPos);
    hash.add(data.DisplaySize);
    hash.add(data.FramebufferScale);
    hash.add(data.CmdListsCount);
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList& list = *data.CmdLists[n];
        hash.add_bytes(list.VtxBuffer.Data, static_cast<std::size_t>(list.VtxBuffer.Size) * sizeof(ImDrawVert));
        hash.add_bytes(list.IdxBuffer.Data, static_cast<std::size_t>(list.IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            hash.add(cmd.ClipRect);
            hash.add(reinterpret_cast<std::uintptr_t>(cmd.TextureId));
            hash.add(cmd.VtxOffset);
            hash.add(cmd.IdxOffset);
            hash.add(cmd.ElemCount);
            hash.add(reinterpret_cast<std::uintptr_t>(cmd.UserCallback));
        }
    }
    return hash.value();
}

}  // namespace lotsen::kiosk
