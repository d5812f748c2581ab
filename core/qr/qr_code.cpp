// qr_code.cpp — wraps libqrencode's QRcode_encodeData into a plain matrix of modules.
//
// The level is chosen for the size of the modules, not for the error correction: on a kiosk screen
// a phone reads best the code with the fewest (so the largest) modules. A screen is flat, lit and
// clean compared with paper, so level L is enough when it saves a version; when the data leaves room
// in the version anyway, the stronger levels are free and are taken.
#include "core/qr/qr_code.hpp"

#include <qrencode.h>

#include <cerrno>
#include <memory>
#include <string>

namespace lotsen {

namespace {

constexpr std::size_t k_max_bytes_level_l = 2953;  // version 40, 8-bit mode, level L (ISO/IEC 18004 table 7)

struct QrcodeFree {
    void operator()(QRcode* code) const { QRcode_free(code); }
};

using Symbol = std::unique_ptr<QRcode, QrcodeFree>;

// `data` at `level`, in version `min_version` or the smallest larger one that holds it (0 = any).
Symbol encode(std::string_view data, int min_version, QRecLevel level)
{
    return Symbol(QRcode_encodeData(static_cast<int>(data.size()), reinterpret_cast<const unsigned char*>(data.data()),
                                    min_version, level));
}

}  // namespace

Result<QrCode> make_qr_code(std::string_view utf8_data)
{
    if (utf8_data.empty())
        return Error{"QR code: there is nothing to encode (the data is empty)"};
    if (utf8_data.size() > k_max_bytes_level_l) {
        return Error{"QR code: " + std::to_string(utf8_data.size()) + " bytes is too long; a QR code holds at most " +
                     std::to_string(k_max_bytes_level_l) + " bytes (version 40, error correction level L)"};
    }
    errno = 0;
    Symbol code = encode(utf8_data, 0, QR_ECLEVEL_L);
    if (!code) {
        const int error = errno;
        if (error == ERANGE)
            return Error{"QR code: " + std::to_string(utf8_data.size()) + " bytes is too long for a QR code"};
        return Error{"QR code: libqrencode could not encode " + std::to_string(utf8_data.size()) + " bytes (errno " +
                     std::to_string(error) + ")"};
    }
    QrLevel level = QrLevel::low;
    const int version = code->version;
    const struct {
        QRecLevel ec;
        QrLevel level;
    } stronger[] = {{QR_ECLEVEL_M, QrLevel::medium}, {QR_ECLEVEL_Q, QrLevel::quartile}, {QR_ECLEVEL_H, QrLevel::high}};
    for (const auto& candidate : stronger) {
        Symbol better = encode(utf8_data, version, candidate.ec);
        if (!better || better->version != version)
            break;  // the stronger level needs a larger symbol: not worth it
        code = std::move(better);
        level = candidate.level;
    }
    QrCode result;
    result.size = code->width;
    result.level = level;
    const std::size_t count = static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width);
    result.modules.resize(count);
    // libqrencode gives one byte per module; bit 0 is the colour (1 = dark), the other bits say
    // what the module is part of.
    for (std::size_t i = 0; i < count; ++i)
        result.modules[i] = (code->data[i] & 1) != 0;
    return result;
}

}  // namespace lotsen
