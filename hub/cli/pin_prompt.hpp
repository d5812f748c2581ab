// pin_prompt.hpp — reading an admin PIN for `hash-pin`: from a terminal twice without echo, else
// the first line of standard input, into a buffer the caller wipes (the PIN is never copied).
#pragma once

#include <array>

namespace lotsen::hub::cli {

/// Where a PIN is read into; the caller wipes it with sodium_memzero when done.
using PinBuffer = std::array<char, 64>;

/// Reads a PIN of 4 to 12 digits into `buffer`, prompting without echo twice on a terminal.
/// Returns its length, or prints why not ("lotsen-hub: …" on standard error) and returns -1.
long read_pin(PinBuffer& buffer);

}  // namespace lotsen::hub::cli
