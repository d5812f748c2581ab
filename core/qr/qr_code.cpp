// qr_code.cpp — wraps libqrencode's QRcode_encodeData into a plain matrix of modules.
#include "core/qr/qr_code.hpp"

#include <qrencode.h>

#include <cerrno>
#include <memory>
#include <string>

namespace lotsen {

namespace {

constexpr std::size_t k_max_bytes_level_m = 2331;  // version 40, 8-bit mode, level M (ISO/IEC 18004 table 7)

struct QrcodeFree {
    void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

Result<QrCode> make_qr_code(std::string_view utf8_data)
{
    if (utf8_data.empty())
        return Error{"QR code: there is nothing to encode (the data is empty)"};
    if (utf8_data.size() > k_max_bytes_level_m) {
        return Error{"QR code: " + std::to_string(utf8_data.size()) + " bytes is too long; a QR code at error "
                     "correction level M holds at most " + std::to_string(k_max_bytes_level_m) + " bytes"};
    }
    errno = 0;
    // Version 0 lets libqrencode pick the smallest version that holds the data.
    std::unique_ptr<QRcode, QrcodeFree> code(
        QRcode_encodeData(static_cast<int>(utf8_data.size()), reinterpret_cast<const unsigned char*>(utf8_data.data()),
                          0, QR_ECLEVEL_M));
    if (!code) {
        const int error = errno;
        if (error == ERANGE) {
            return Error{"QR code: " + std::to_string(utf8_data.size())
                         + " bytes is too long for a QR code at error correction level M"};
        }
        return Error{"QR code: libqrencode could not encode " + std::to_string(utf8_data.size()) + " bytes (errno "
                     + std::to_string(error) + ")"};
    }
    QrCode result;
    result.size = code->width;
    const std::size_t count = static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width);
    result.modules.resize(count);
    // libqrencode gives one byte per module; bit 0 is the colour (1 = dark), the other bits say
    // what the module is part of.
    for (std::size_t i = 0; i < count; ++i)
        result.modules[i] = (code->data[i] & 1) != 0;
    return result;
}

}  // namespace lotsen
