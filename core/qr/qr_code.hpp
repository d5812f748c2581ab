// qr_code.hpp — QR codes (ISO/IEC 18004) for "take it with you": the module matrix only, drawn by the
// kiosk however it likes. Encoding is libqrencode's.
#pragma once

#include "core/base/result.hpp"

#include <string_view>
#include <vector>

namespace lotsen {

/// Error correction level of a symbol: the share of it that may be damaged and still read.
enum class QrLevel { low, medium, quartile, high };  // L ≈ 7 %, M ≈ 15 %, Q ≈ 25 %, H ≈ 30 %

/// A QR code symbol: size × size modules, row by row, without the quiet zone (leave 4 light
/// modules around it when drawing).
struct QrCode {
    int size = 0;                ///< modules per side: 21 + 4 × (version − 1)
    QrLevel level = QrLevel::low;
    std::vector<bool> modules;   ///< size × size, row-major; true = dark
    /// Version 1 … 40.
    int version() const { return (size - 17) / 4; }
    /// True when the module in column x, row y (0-based, from the top left) is dark.
    bool dark(int x, int y) const { return modules[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + static_cast<std::size_t>(x)]; }
};

/// Encodes `utf8_data` as bytes (8-bit mode) in the fewest modules: the smallest version that holds it
/// at level L, then the strongest error correction that still fits that version (robustness that
/// costs no module). Fails for empty data and for data longer than version 40 holds at level L
/// (2953 bytes).
Result<QrCode> make_qr_code(std::string_view utf8_data);

}  // namespace lotsen
