// json_members.hpp — core-internal helper for the strict JSON readers (protocol, manifest): the
// first member of an object that is not in the allowed list. Strict readers refuse unknown members
// instead of ignoring them, so two programs that disagree about a format find out at once.
// Included only by core's .cpp files (nlohmann-json is a private dependency of lotsen_core).
#pragma once

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>
#include <string_view>

namespace lotsen::json_members {

/// The first key of `object` not in `allowed`, or "" when every key is allowed.
inline std::string first_unknown(const nlohmann::json& object, std::initializer_list<std::string_view> allowed)
{
    for (const auto& [key, value] : object.items()) {
        bool known = false;
        for (std::string_view name : allowed)
            known = known || key == name;
        if (!known)
            return key;
    }
    return {};
}

}  // namespace lotsen::json_members
