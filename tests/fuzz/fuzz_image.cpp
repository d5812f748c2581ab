// fuzz_image.cpp — libFuzzer target for catalogue images (core/image): every input goes through the
// header check and then, as the kiosk's decoder thread does, through libpng or libjpeg scaled to a
// card's square and to a detail photo's box. Whatever the bytes, a decode either fails with a
// message or yields exactly the fitted size; nothing over the limits reaches a decoder.
#include "tests/fuzz/fuzz_support.hpp"
#include "core/catalogue/model.hpp"
#include "core/image/image_decode.hpp"
#include "core/image/image_probe.hpp"

using namespace lotsen;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view bytes = fuzz::as_text(data, size);
    const auto header = probe_image(bytes);
    for (const auto& [box_width, box_height] : {std::pair{64, 64}, std::pair{300, 180}}) {
        const auto decoded = decode_image(bytes, box_width, box_height);
        fuzz::require(!decoded || header.ok(), "only what the header check passes is decoded");
        if (!decoded)
            continue;
        const auto [width, height] = fit_inside(header.value().width, header.value().height, box_width, box_height);
        fuzz::require(decoded.value().width == width && decoded.value().height == height, "decoded to the fitted size");
        fuzz::require(decoded.value().rgba.size() == static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4,
                      "four bytes a pixel");
    }
    if (header) {
        fuzz::require(header.value().width >= 1 && header.value().width <= k_max_image_side, "width within the limit");
        fuzz::require(header.value().height >= 1 && header.value().height <= k_max_image_side, "height within the limit");
    }
    return 0;
}
