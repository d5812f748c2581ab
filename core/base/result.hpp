// result.hpp — errors as values. Core functions that can fail return Result<T>; exceptions never
// leave core/. An Error says what was wrong and where (file, line, JSON path, row/column), and who
// says so as data of its own, so that a caller adding its context never cuts text apart.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace lotsen {

/// A failure: a human-readable message that names what was wrong and where.
struct Error {
    Error() = default;
    /// `what` was wrong, told by `who` (none: the message says who it is from).
    Error(std::string what, std::string who = {}) : message(std::move(what)), subject(std::move(who)) {}

    std::string message;  ///< what was wrong and where, without the subject
    std::string subject;  ///< the part that reports it ("store", "event log"); empty when the message says it

    /// The whole text as shown and logged: "subject: message", or the message alone.
    std::string text() const { return subject.empty() ? message : subject + ": " + message; }
};

/// Either a value of T or an Error. Check ok() before value().
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}

    /// True when a value is held.
    bool ok() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return ok(); }

    /// The value; only valid when ok().
    T& value() & { assert(ok()); return std::get<T>(m_data); }
    const T& value() const& { assert(ok()); return std::get<T>(m_data); }
    T&& value() && { assert(ok()); return std::get<T>(std::move(m_data)); }

    /// The error; only valid when !ok().
    const Error& error() const { assert(!ok()); return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

/// Result of an operation that yields nothing but can fail.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { assert(m_failed); return m_error; }
    /// Nothing; present so that LOTSEN_TRY yields the value of any Result.
    void value() const { assert(ok()); }

private:
    Error m_error;
    bool m_failed = false;
};

/// Shorthand for a successful Result<void>.
inline Result<void> success() { return {}; }

}  // namespace lotsen

/// Yields the value of a Result, or returns its error from the current function (like SerenityOS's
/// TRY): `auto store = LOTSEN_TRY(Store::open(path));`. A GNU statement expression, which GCC and
/// Clang have; __extension__ keeps -Wpedantic quiet about it.
#define LOTSEN_TRY(expr)                                     \
    __extension__({                                          \
        auto&& lotsen_try_result_ = (expr);                  \
        if (!lotsen_try_result_.ok())                        \
            return ::lotsen::Error{lotsen_try_result_.error()}; \
        std::move(lotsen_try_result_).value();               \
    })
