// terminal_text.hpp — the one escaping door for text on its way to a terminal or a log: what a kiosk,
// a visitor or an HTTP client sent is shown, never obeyed (no forged line, no terminal escape).
#pragma once

#include <string>
#include <string_view>

namespace lotsen {

/// `text` safe to show on a terminal or in a log line, whatever sent it: control characters (C0, DEL,
/// C1), bytes that are not UTF-8 and the backslash become \xNN (\\ for the backslash), so no line
/// break, terminal escape or forged log line gets through; printable UTF-8 of any script stays. The one
/// door for every text a kiosk, a visitor or a client sent on its way to a terminal or a log.
std::string escape_for_terminal(std::string_view text);

}  // namespace lotsen
