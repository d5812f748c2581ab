// search_tokenizer.cpp — see search_tokenizer.hpp.
//
// unicode61 looks each character up in Unicode's tables as it meets it: whether it is a letter or a
// digit (a binary search over the categories), whether it is a combining mark, and its folded form
// (lower case, accents removed where asked). In an import of 10,000 activities in seven languages
// those look-ups were a fifth of all instructions (callgrind, with SQLite built with symbols), most of
// them for the same few hundred characters again and again.
//
// This tokenizer asks the built-in one once per character what it does with it, keeps the answer,
// and then tokenizes as unicode61 does, a table look-up per character. The answer comes from two
// texts handed to the built-in tokenizer:
// - "<c>a": a token may begin with c when the first token begins at offset 0 (unicode61 begins tokens
//   only at letters and digits; a separator or a combining mark is skipped);
// - "a<c>a": a token goes on through c when this is one token, and c's folded form is what lies
//   between the two a's (letters, digits and combining marks go on; a combining mark may fold to
//   nothing).
// Tokens are then made as unicode61 makes them (SQLite 3.40, ext/fts5/fts5_tokenize.c): separators
// skipped, a token from a character that may begin one through every character that goes on, its
// offsets the bytes of the first and past the last of them, its text their folded forms. A text that
// is not well-formed UTF-8 (unicode61 reads those in its own way), or any answer that does not fit
// this picture, goes to the built-in tokenizer whole.
#include "core/storage/search_tokenizer.hpp"

#include "core/base/text_checks.hpp"
#include "core/storage/store_internal.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lotsen::store_internal {

namespace {

std::atomic<std::size_t> g_passed_on{0};  ///< search_tokenizer_texts_passed_on()

// The built-in tokenizer, as this connection had it before ours took its name.
struct Builtin {
    void* context = nullptr;
    fts5_tokenizer methods{};
};

// What unicode61 does with one character.
struct CharacterRule {
    bool known = false;
    bool begins = false;     ///< a token may begin with it
    bool goes_on = false;    ///< a token goes on through it
    std::uint8_t length = 0; ///< bytes of its folded form
    std::array<char, 4> folded{};
};

struct Token {
    std::string text;
    int start = 0;
    int end = 0;
};

int collect_token(void* context, int, const char* token, int size, int start, int end)
{
    try {
        static_cast<std::vector<Token>*>(context)->push_back(Token{std::string(token, static_cast<std::size_t>(size)), start, end});
        return SQLITE_OK;
    } catch (const std::bad_alloc&) {
        return SQLITE_NOMEM;
    }
}

class Tokenizer {
public:
    Tokenizer(const Builtin& builtin, Fts5Tokenizer* instance) : m_builtin(builtin), m_instance(instance) {}
    ~Tokenizer() { m_builtin.methods.xDelete(m_instance); }
    Tokenizer(const Tokenizer&) = delete;
    Tokenizer& operator=(const Tokenizer&) = delete;

    int tokenize(void* context, int flags, const char* text, int size,
                 int (*token)(void*, int, const char*, int, int, int))
    {
        const auto* bytes = reinterpret_cast<const unsigned char*>(text);
        const auto length = static_cast<std::size_t>(size < 0 ? 0 : size);
        if (!m_usable || !learn(bytes, length)) {
            g_passed_on.fetch_add(1, std::memory_order_relaxed);
            return m_builtin.methods.xTokenize(m_instance, context, flags, text, size, token);
        }
        // A character's folded form is at most four bytes, and four are always copied.
        if (m_token.size() < 4 * length + 4)
            m_token.resize(4 * length + 4);
        char* const folded = m_token.data();
        std::size_t at = 0;
        while (true) {
            std::size_t step = 0;
            const CharacterRule* rule = nullptr;
            while (at < length) {
                rule = &rule_at(bytes, at, step);
                if (rule->begins)
                    break;
                at += step;
            }
            if (at >= length)
                return SQLITE_OK;
            const std::size_t start = at;
            std::memcpy(folded, rule->folded.data(), 4);
            std::size_t written = rule->length;
            at += step;
            while (at < length) {
                rule = &rule_at(bytes, at, step);
                if (!rule->goes_on)
                    break;
                std::memcpy(folded + written, rule->folded.data(), 4);
                written += rule->length;
                at += step;
            }
            const int rc = token(context, 0, folded, static_cast<int>(written), static_cast<int>(start), static_cast<int>(at));
            if (rc != SQLITE_OK)
                return rc;
        }
    }

private:
    using Block = std::array<CharacterRule, 256>;

    // The rule of the character at `at` of well-formed UTF-8 whose rules are all known, and its length.
    CharacterRule& rule_at(const unsigned char* bytes, std::size_t at, std::size_t& length)
    {
        const unsigned char lead = bytes[at];
        if (lead < 0x80) {
            length = 1;
            return m_ascii[lead];
        }
        length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        char32_t code = length == 2 ? (lead & 0x1F) : length == 3 ? (lead & 0x0F) : (lead & 0x07);
        for (std::size_t k = 1; k < length; ++k)
            code = (code << 6) | (bytes[at + k] & 0x3F);
        return rule_of(code);
    }

    CharacterRule& rule_of(char32_t code)
    {
        if (code < 0x80)
            return m_ascii[code];
        if (code < 0x10000) {
            std::unique_ptr<Block>& block = m_blocks[code >> 8];
            if (!block)
                block = std::make_unique<Block>();
            return (*block)[code & 0xFF];
        }
        return m_beyond[code];
    }

    // Whether `bytes` is well-formed UTF-8 whose every character's rule is known, asking the built-in
    // tokenizer for those not asked yet (all of ASCII the first time). False also when an answer made
    // this tokenizer unusable: from then on the built-in one tokenizes everything.
    bool learn(const unsigned char* bytes, std::size_t length)
    {
        if (!m_ascii_known) {
            for (char32_t code = 0; code < 0x80; ++code) {
                const char character = static_cast<char>(code);
                if (!ask(std::string_view(&character, 1), m_ascii[code]))
                    return m_usable = false;
            }
            m_ascii_known = true;
        }
        std::size_t at = 0;
        while (at < length) {
            if (bytes[at] < 0x80) {
                ++at;
                continue;
            }
            const std::string_view rest(reinterpret_cast<const char*>(bytes) + at, length - at);
            const std::size_t step = utf8_sequence_length(rest);
            if (step == 0)
                return false;
            std::size_t decoded = 0;
            CharacterRule& rule = rule_at(bytes, at, decoded);
            if (!rule.known && !ask(rest.substr(0, step), rule))
                return m_usable = false;
            at += step;
        }
        return true;
    }

    std::vector<Token> run(const std::string& text)
    {
        std::vector<Token> tokens;
        const int rc = m_builtin.methods.xTokenize(m_instance, &tokens, FTS5_TOKENIZE_DOCUMENT, text.data(),
                                                   static_cast<int>(text.size()), collect_token);
        if (rc != SQLITE_OK)
            throw std::bad_alloc();  // the only failure unicode61 has
        return tokens;
    }

    // Asks the built-in tokenizer what it does with `character` (see the top of the file).
    bool ask(std::string_view character, CharacterRule& rule)
    {
        try {
            const std::string c(character);
            const std::vector<Token> alone = run(c + "a");
            const std::vector<Token> inside = run("a" + c + "a");
            const bool begins = !alone.empty() && alone[0].start == 0;
            const int whole = static_cast<int>(c.size() + 2);
            if (inside.size() == 1) {
                const std::string& text = inside[0].text;
                if (inside[0].start != 0 || inside[0].end != whole || text.size() < 2 || text.size() > 6 ||
                    text.front() != 'a' || text.back() != 'a')
                    return false;
                rule.goes_on = true;
                rule.length = static_cast<std::uint8_t>(text.size() - 2);
                std::copy(text.begin() + 1, text.end() - 1, rule.folded.begin());
                // Beginning a token, the character is written as going on through one.
                if (begins && (alone.size() != 1 || alone[0].text != text.substr(1)))
                    return false;
            } else if (inside.size() == 2 && inside[0].text == "a" && inside[1].text == "a") {
                if (begins)
                    return false;  // a letter that does not go on: not unicode61 as this file knows it
            } else {
                return false;
            }
            rule.begins = begins;
            rule.known = true;
            return true;
        } catch (const std::bad_alloc&) {
            return false;
        }
    }

    Builtin m_builtin;  ///< a copy: the tokenizer may outlive the registration's context
    Fts5Tokenizer* m_instance;
    bool m_usable = true;
    bool m_ascii_known = false;
    std::array<CharacterRule, 0x80> m_ascii{};
    std::array<std::unique_ptr<Block>, 256> m_blocks;  ///< the Basic Multilingual Plane, a block as it is met
    std::unordered_map<char32_t, CharacterRule> m_beyond;
    std::vector<char> m_token;  ///< the token being made, folded
};

int create(void* context, const char** arguments, int count, Fts5Tokenizer** made)
{
    const auto& builtin = *static_cast<const Builtin*>(context);
    Fts5Tokenizer* instance = nullptr;
    if (const int rc = builtin.methods.xCreate(builtin.context, arguments, count, &instance); rc != SQLITE_OK)
        return rc;
    auto* tokenizer = new (std::nothrow) Tokenizer(builtin, instance);
    if (tokenizer == nullptr) {
        builtin.methods.xDelete(instance);
        return SQLITE_NOMEM;
    }
    *made = reinterpret_cast<Fts5Tokenizer*>(tokenizer);
    return SQLITE_OK;
}

void destroy(Fts5Tokenizer* tokenizer)
{
    delete reinterpret_cast<Tokenizer*>(tokenizer);
}

int tokenize(Fts5Tokenizer* tokenizer, void* context, int flags, const char* text, int size,
             int (*token)(void*, int, const char*, int, int, int))
{
    try {
        return reinterpret_cast<Tokenizer*>(tokenizer)->tokenize(context, flags, text, size, token);
    } catch (const std::bad_alloc&) {
        return SQLITE_NOMEM;
    }
}

}  // namespace

std::size_t search_tokenizer_texts_passed_on()
{
    return g_passed_on.load(std::memory_order_relaxed);
}

Result<void> register_search_tokenizer(sqlite3* db)
{
    fts5_api* api = LOTSEN_TRY(fts5_api_of(db));
    auto builtin = std::make_unique<Builtin>();
    if (api->xFindTokenizer(api, "unicode61", &builtin->context, &builtin->methods) != SQLITE_OK)
        return sqlite::error(db, k_subject, "finding the unicode61 tokenizer");
    fts5_tokenizer methods{create, destroy, tokenize};
    const auto forget = [](void* context) { delete static_cast<Builtin*>(context); };
    if (api->xCreateTokenizer(api, "unicode61", builtin.get(), &methods, forget) != SQLITE_OK)
        return sqlite::error(db, k_subject, "registering the search tokenizer");
    builtin.release();  // the connection's now: it calls `forget` when it closes
    return success();
}

}  // namespace lotsen::store_internal
