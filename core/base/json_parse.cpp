// json_parse.cpp — the non-template part of the bounded JSON parse (see json_parse.hpp).
#include "core/base/json_parse.hpp"

namespace lotsen {

std::string json_parse_reason(const std::string& nlohmann_message)
{
    std::string message = nlohmann_message;
    if (message.rfind("[json.exception.", 0) == 0) {
        if (const std::size_t end = message.find("] "); end != std::string::npos)
            message.erase(0, end + 2);
    }
    if (message.rfind("parse error", 0) == 0) {
        if (const std::size_t colon = message.find(": "); colon != std::string::npos)
            message.erase(0, colon + 2);
    }
    if (const std::size_t echo = message.find("; last read: '"); echo != std::string::npos) {
        const std::size_t expected = message.rfind("'; expected");
        if (expected != std::string::npos && expected > echo)
            message.erase(echo, expected + 1 - echo);
        else
            message.erase(echo);
    }
    return message;
}

}  // namespace lotsen
