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
// offsets the bytes of the first and past the last of them, its text their folded forms. They are
// handed on once the whole text is made: a text that is not well-formed UTF-8 (unicode61 reads those
// in its own way), or any answer that does not fit this picture, goes to the built-in tokenizer whole.
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
        auto& tokens = *static_cast<std::vector<Token>*>(context);
        tokens.push_back(Token{std::string(token, static_cast<std::size_t>(size)), start, end});
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
        if (m_usable && make_tokens(bytes, static_cast<std::size_t>(size < 0 ? 0 : size))) {
            for (const Made& made : m_made) {
                const int rc =
                    token(context, 0, m_folded.data() + made.folded_at, made.folded_length, made.start, made.end);
                if (rc != SQLITE_OK)
                    return rc;
            }
            return SQLITE_OK;
        }
        g_passed_on.fetch_add(1, std::memory_order_relaxed);
        return m_builtin.methods.xTokenize(m_instance, context, flags, text, size, token);
    }

private:
    using Block = std::array<CharacterRule, 256>;

    // A token made, handed on once the whole text is: its folded form in m_folded, and its offsets.
    struct Made {
        std::size_t folded_at = 0;
        int folded_length = 0;
        int start = 0;
        int end = 0;
    };

    // The text's tokens into m_made and m_folded; false (nothing to hand on) when the text is not
    // well-formed UTF-8 or the built-in tokenizer gave an answer this file does not expect.
    bool make_tokens(const unsigned char* bytes, std::size_t length)
    {
        if (!m_ascii_known && !learn_ascii())
            return false;
        m_made.clear();
        // A character's folded form is at most four bytes, and four are always copied.
        if (m_folded.size() < 4 * length + 4)
            m_folded.resize(4 * length + 4);
        char* const folded = m_folded.data();
        std::size_t written = 0;
        std::size_t at = 0;
        std::size_t step = 0;
        while (true) {
            const CharacterRule* rule = nullptr;
            while (at < length) {
                rule = rule_at(bytes, at, length, step);
                if (rule == nullptr)
                    return false;
                if (rule->begins)
                    break;
                at += step;
            }
            if (at >= length)
                return true;
            Made made;
            made.folded_at = written;
            made.start = static_cast<int>(at);
            std::memcpy(folded + written, rule->folded.data(), 4);
            written += rule->length;
            at += step;
            while (at < length) {
                rule = rule_at(bytes, at, length, step);
                if (rule == nullptr)
                    return false;
                if (!rule->goes_on)
                    break;
                std::memcpy(folded + written, rule->folded.data(), 4);
                written += rule->length;
                at += step;
            }
            made.folded_length = static_cast<int>(written - made.folded_at);
            made.end = static_cast<int>(at);
            m_made.push_back(made);
        }
    }

    // The rule of the character at `at` and its length in bytes; asked for when it is not known yet.
    // Null when no well-formed character starts there, or the answer made this tokenizer unusable.
    // Called for every character: inlined (a call per character was a fifth of the tokenizer), the
    // rare work out of line.
    [[gnu::always_inline]] const CharacterRule* rule_at(const unsigned char* bytes, std::size_t at, std::size_t length,
                                                        std::size_t& step)
    {
        const unsigned char lead = bytes[at];
        if (lead < 0x80) {
            step = 1;
            return &m_ascii[lead];
        }
        const Utf8Step read = utf8_step(std::string_view(reinterpret_cast<const char*>(bytes) + at, length - at));
        if (!read.valid)
            return nullptr;
        step = read.length;
        const char32_t code = read.code;
        const Block* block = code < 0x10000 ? m_blocks[code >> 8].get() : nullptr;
        const CharacterRule* rule = block != nullptr ? &(*block)[code & 0xFF] : nullptr;
        if (rule != nullptr && rule->known)
            return rule;
        return learn(code, std::string_view(reinterpret_cast<const char*>(bytes) + at, step));
    }

    // The rule of a character not met before, asked for.
    [[gnu::noinline]] const CharacterRule* learn(char32_t code, std::string_view character)
    {
        CharacterRule& rule = rule_of(code);
        if (!rule.known && !ask(character, rule)) {
            m_usable = false;
            return nullptr;
        }
        return &rule;
    }

    CharacterRule& rule_of(char32_t code)
    {
        if (code < 0x10000) {
            std::unique_ptr<Block>& block = m_blocks[code >> 8];
            if (!block)
                block = std::make_unique<Block>();
            return (*block)[code & 0xFF];
        }
        return m_beyond[code];
    }

    // All of ASCII, asked for at once the first time: an ASCII byte then needs no check.
    bool learn_ascii()
    {
        for (char32_t code = 0; code < 0x80; ++code) {
            const char character = static_cast<char>(code);
            if (!ask(std::string_view(&character, 1), m_ascii[code]))
                return m_usable = false;
        }
        return m_ascii_known = true;
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
    std::vector<char> m_folded;  ///< the tokens of the text being tokenized, folded, one after the other
    std::vector<Made> m_made;
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
