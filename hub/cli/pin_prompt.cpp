// pin_prompt.cpp — the terminal side of reading a PIN (see pin_prompt.hpp).
#include "hub/cli/pin_prompt.hpp"

#include "core/settings/admin_lock.hpp"

#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <string_view>

namespace lotsen::hub::cli {

namespace {

// One line of standard input into `buffer` (no copy elsewhere, so it can be wiped). Returns the
// length, or -1 at end of input before any character, or -2 when the line does not fit.
long read_secret_line(PinBuffer& buffer)
{
    std::size_t length = 0;
    bool any = false;
    bool too_long = false;
    for (int c = std::getchar(); c != EOF && c != '\n'; c = std::getchar()) {
        any = true;
        if (length < buffer.size())
            buffer[length++] = static_cast<char>(c);
        else
            too_long = true;
    }
    if (!any && std::feof(stdin))
        return -1;
    if (too_long)
        return -2;
    if (length > 0 && buffer[length - 1] == '\r')
        --length;
    return static_cast<long>(length);
}

}  // namespace

long read_pin(PinBuffer& buffer)
{
    const bool terminal = isatty(STDIN_FILENO) == 1;
    termios saved{};
    if (terminal && tcgetattr(STDIN_FILENO, &saved) == 0) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    auto restore = [&] {
        if (terminal) {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
            std::fputc('\n', stderr);
        }
    };
    if (terminal)
        std::fputs("Admin PIN (4 to 12 digits): ", stderr);
    long length = read_secret_line(buffer);
    if (terminal && length >= 0) {
        PinBuffer again{};
        std::fputs("\nThe same PIN again: ", stderr);
        const long again_length = read_secret_line(again);
        const bool same = again_length == length &&
                          sodium_memcmp(again.data(), buffer.data(), static_cast<std::size_t>(length)) == 0;
        sodium_memzero(again.data(), again.size());
        if (!same) {
            restore();
            std::fputs("lotsen-hub: the two PINs differ; nothing was hashed\n", stderr);
            return -1;
        }
    }
    restore();
    if (length == -1)
        std::fputs("lotsen-hub: no PIN on standard input (see lotsen-hub hash-pin --help)\n", stderr);
    else if (length == -2 || !is_pin_format(std::string_view(buffer.data(), static_cast<std::size_t>(length))))
        std::fputs("lotsen-hub: a PIN must be 4 to 12 digits (0-9), on one line\n", stderr);
    else
        return length;
    return -1;
}

}  // namespace lotsen::hub::cli
