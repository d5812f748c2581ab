// catalogue_json_stream.cpp — the streaming read of a JSON catalogue (catalogue_stream.hpp). nlohmann's
// SAX parser reads the source through a 64 KiB buffer; the handler below keeps track of where it is
// (so duplicate keys, which nlohmann would silently collapse, syntax errors, invalid UTF-8 and too deep
// nesting are reported with a JSON path and a byte offset), builds a tree of one interest, organisation
// or activity at a time, has CatalogueReader check it, hands it to the sink and forgets it.
// Problems are kept in one list per part of the document and joined in the order the rules have
// always been reported in: syntax, the top level, interests, organisations, activities.
// nlohmann exceptions are caught here and become problems; none leave core/.
#include "core/catalogue/catalogue_stream.hpp"

#include "core/base/json_parse.hpp"
#include "core/base/text_checks.hpp"
#include "core/catalogue/catalogue_json.hpp"
#include "core/catalogue/catalogue_json_reader.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <exception>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace lotsen {

namespace {

// The first of bytes[from, size) that is `stop` or `other_stop`; `size` when there is none. Most of a
// catalogue is text between such bytes: eight bytes at a time are let through when none of them is
// one (a zero byte of `word ^ stop` marks a `stop`; the test for a zero byte may flag other bytes of
// a word that has one, never a word without), the word that has one is looked at byte by byte.
std::size_t first_stop(const unsigned char* bytes, std::size_t from, std::size_t size, unsigned char stop,
                       unsigned char other_stop)
{
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    const auto has_zero_byte = [](std::uint64_t word) { return (word - ones) & ~word & highs; };
    while (from + 8 <= size) {
        std::uint64_t word = 0;
        std::memcpy(&word, bytes + from, 8);
        if ((has_zero_byte(word ^ (ones * stop)) | has_zero_byte(word ^ (ones * other_stop))) != 0)
            break;
        from += 8;
    }
    while (from < size && bytes[from] != stop && bytes[from] != other_stop)
        ++from;
    return from;
}

}  // namespace

Result<std::size_t> TextCatalogueSource::read(char* buffer, std::size_t size)
{
    const std::size_t count = std::min(size, m_text.size() - m_offset);
    std::memcpy(buffer, m_text.data() + m_offset, count);
    m_offset += count;
    return count;
}

Result<void> TextCatalogueSource::rewind()
{
    m_offset = 0;
    return success();
}

std::string CatalogueStreamResult::summary() const
{
    std::string out;
    for (const CatalogueProblem& problem : problems) {
        if (!out.empty())
            out += '\n';
        out += problem.to_string();
    }
    if (sink_error)
        out += (out.empty() ? "" : "\n") + sink_error->text();
    return out;
}

Result<void> feed_catalogue(const Catalogue& catalogue, CatalogueSink& sink)
{
    LOTSEN_TRY(sink.interests(catalogue.interests));
    for (const Organisation& organisation : catalogue.organisations)
        LOTSEN_TRY(sink.organisation(organisation));
    for (const Activity& activity : catalogue.activities)
        LOTSEN_TRY(sink.activity(activity));
    return success();
}

namespace catalogue_json_detail {

namespace {

constexpr std::size_t k_chunk_bytes = 64 * 1024;

// The source read a chunk at a time, one byte handed to the parser at a time, checking UTF-8 and the
// length of strings on the way (nlohmann holds a whole string in memory before it says anything).
// Both checks run over a chunk as it is read (check_chunk), so handing a byte over is an increment:
// run per byte as the parser took them, they were 6.5 % of a first start's instructions with 10,000
// activities to import, 2.2 % over the chunk (callgrind). A string that grows past the limit ends the
// chunk just after the byte that crossed it, so the parser sees the same bytes as before.
class ChunkReader {
public:
    ChunkReader(CatalogueSource& source, std::size_t max_string_bytes)
        : m_source(source), m_max_string_bytes(max_string_bytes), m_buffer(k_chunk_bytes)
    {
    }

    // The parser takes every byte through these three: a pointer each, no index into the buffer.
    bool at_end() { return m_next == m_end && !refill(); }
    char current() const { return *m_next; }
    void advance() { ++m_next; }

    /// Bytes handed to the parser so far.
    std::size_t offset() const { return m_chunk_offset + static_cast<std::size_t>(m_next - m_buffer.data()); }
    /// Where the first byte that is not part of a UTF-8 character sits, and that byte. Found as a chunk
    /// is read, so it may lie past offset().
    std::optional<std::size_t> first_invalid_utf8() const { return m_invalid_at; }
    unsigned char first_invalid_byte() const { return m_invalid_byte; }
    /// Why the source could not be read, when it could not.
    const std::optional<Error>& read_error() const { return m_read_error; }
    /// Where a string longer than the limit starts, when reading stopped at one.
    std::optional<std::size_t> long_string_at() const { return m_long_string_at; }

private:
    bool refill()
    {
        if (m_stopped)
            return false;
        m_chunk_offset += static_cast<std::size_t>(m_end - m_buffer.data());  // the chunk before, all handed over
        m_next = m_buffer.data();
        m_end = m_next;
        Result<std::size_t> got = m_source.read(m_buffer.data(), m_buffer.size());
        if (!got || got.value() == 0) {
            if (!got)
                m_read_error = got.error();
            else if (m_utf8_needed > 0 && !m_invalid_at)
                invalid_utf8(m_lead_offset, m_lead_byte);  // the file ends inside a character
            m_stopped = true;
            return false;
        }
        m_end = m_next + check_chunk(got.value());
        return true;
    }

    // Checks the chunk's first `size` bytes; how many of them the parser may have (fewer when a
    // string grew too long: reading stops there). Runs of plain ASCII, most of a catalogue, are
    // skipped by loops that touch nothing but the bytes (the members' state, read through `this`
    // beside a char pointer, would be loaded again at every byte).
    std::size_t check_chunk(std::size_t size)
    {
        const auto* bytes = reinterpret_cast<const unsigned char*>(m_buffer.data());
        for (std::size_t i = 0; i < size; ++i) {
            if (m_utf8_needed == 0 && !m_escaped) {
                std::size_t end = i;
                if (m_in_string) {
                    // Plain ASCII and whole well-formed characters (most texts of a catalogue are in
                    // scripts other than Latin); a character the chunk's end cuts, or a malformed one,
                    // goes byte by byte below.
                    while (end < size) {
                        const unsigned char byte = bytes[end];
                        if (byte < 0x80) {
                            if (byte == '"' || byte == '\\')
                                break;
                            ++end;
                            continue;
                        }
                        const std::size_t length =
                            utf8_sequence_length(std::string_view(reinterpret_cast<const char*>(bytes) + end, size - end));
                        if (length == 0)
                            break;
                        end += length;
                    }
                    const std::size_t room = m_max_string_bytes - std::min(m_string_bytes, m_max_string_bytes);
                    if (end - i > room) {
                        m_long_string_at = m_string_at;  // the byte at i + room is one too many
                        m_stopped = true;
                        return i + room + 1;
                    }
                    m_string_bytes += end - i;
                } else {
                    while (end < size && bytes[end] < 0x80 && bytes[end] != '"')
                        ++end;
                }
                i = end;
                if (i == size)
                    break;
            }
            const unsigned char byte = bytes[i];
            if (byte >= 0x80 || m_utf8_needed > 0)
                check_utf8(byte, m_chunk_offset + i);
            if (!m_in_string) {
                if (byte == '"') {
                    m_in_string = true;
                    m_string_at = m_chunk_offset + i;
                    m_string_bytes = 0;
                }
                continue;
            }
            if (m_escaped) {
                m_escaped = false;
            } else if (byte == '\\') {
                m_escaped = true;
            } else if (byte == '"') {
                m_in_string = false;
                continue;
            }
            if (++m_string_bytes > m_max_string_bytes) {
                m_long_string_at = m_string_at;
                m_stopped = true;
                return i + 1;
            }
        }
        return size;
    }

    // The rules of utf8_lead() (core/base/text_checks.hpp), one byte at a time; `at` is its offset.
    void check_utf8(unsigned char byte, std::size_t at)
    {
        if (m_invalid_at)
            return;  // only the first one is told
        if (m_utf8_needed > 0) {
            const bool fits = m_second_byte ? byte >= m_low && byte <= m_high : byte >= 0x80 && byte <= 0xBF;
            m_second_byte = false;
            if (!fits)
                invalid_utf8(m_lead_offset, m_lead_byte);
            else
                --m_utf8_needed;
            return;
        }
        if (byte < 0x80)
            return;
        const Utf8Lead lead = utf8_lead(byte);
        if (lead.length == 0) {
            invalid_utf8(at, byte);
            return;
        }
        m_lead_offset = at;
        m_lead_byte = byte;
        m_second_byte = true;
        m_low = lead.low;
        m_high = lead.high;
        m_utf8_needed = static_cast<int>(lead.length) - 1;
    }

    void invalid_utf8(std::size_t offset, unsigned char byte)
    {
        m_invalid_at = offset;
        m_invalid_byte = byte;
        m_utf8_needed = 0;
    }

    CatalogueSource& m_source;
    std::size_t m_max_string_bytes;
    std::vector<char> m_buffer;
    const char* m_next = m_buffer.data();  ///< the next byte for the parser
    const char* m_end = m_next;            ///< the end of what it may have of the chunk
    std::size_t m_chunk_offset = 0;  ///< where the chunk in m_buffer begins in the source
    bool m_stopped = false;
    std::optional<Error> m_read_error;

    int m_utf8_needed = 0;
    bool m_second_byte = false;
    unsigned char m_low = 0x80;
    unsigned char m_high = 0xBF;
    std::size_t m_lead_offset = 0;
    unsigned char m_lead_byte = 0;
    std::optional<std::size_t> m_invalid_at;
    unsigned char m_invalid_byte = 0;

    bool m_in_string = false;
    bool m_escaped = false;
    std::size_t m_string_at = 0;
    std::size_t m_string_bytes = 0;
    std::optional<std::size_t> m_long_string_at;
};

// What nlohmann's parser reads from: an input iterator over the ChunkReader; the default one is the end.
class ChunkIterator {
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = char;

    ChunkIterator() = default;
    explicit ChunkIterator(ChunkReader& reader) : m_reader(&reader) {}

    char operator*() const { return m_reader->current(); }
    ChunkIterator& operator++()
    {
        m_reader->advance();
        return *this;
    }
    bool operator==(const ChunkIterator& other) const { return ended() == other.ended(); }
    bool operator!=(const ChunkIterator& other) const { return !(*this == other); }

private:
    bool ended() const { return m_reader == nullptr || m_reader->at_end(); }
    ChunkReader* m_reader = nullptr;
};

// "byte offset 8 (line 1, column 9)"; lines and columns count from 1, columns in bytes. Read again from
// the source's start: it is only needed for the one syntax error that ends a read.
std::string describe_offset(CatalogueSource& source, std::size_t offset)
{
    std::size_t line = 1;
    std::size_t line_start = 0;
    std::size_t position = 0;
    if (source.rewind()) {
        std::vector<char> buffer(k_chunk_bytes);
        while (position < offset) {
            Result<std::size_t> got = source.read(buffer.data(), std::min(buffer.size(), offset - position));
            if (!got || got.value() == 0)
                break;
            for (std::size_t i = 0; i < got.value(); ++i) {
                if (buffer[i] == '\n') {
                    ++line;
                    line_start = position + i + 1;
                }
            }
            position += got.value();
        }
    }
    offset = std::min(offset, position);  // past the end: the end
    return "byte offset " + std::to_string(offset) + " (line " + std::to_string(line) + ", column " +
           std::to_string(offset - line_start + 1) + ")";
}

// The parts of the document, in the order their problems are reported.
enum Bucket : std::size_t {
    k_syntax,
    k_top,
    k_interests_head,
    k_interests,
    k_organisations_head,
    k_organisations,
    k_activities_head,
    k_activities,
    k_bucket_count
};

// The top-level lists, read one item at a time.
enum class List { none, interests, organisations, activities };

struct ListState {
    bool seen = false;  // the member was met
    bool done = false;  // and read to its end
};

// The SAX handler nlohmann's parser calls (its interface, by name). Pass 1 reads the whole document; a
// pass 2 (when the activities came before the interests or organisations) reads only the activities.
class StreamHandler {
public:
    StreamHandler(ChunkReader& input, CatalogueReader& reader, std::array<CatalogueProblemList, k_bucket_count>& buckets,
                  const CatalogueLimits& limits, CatalogueSink& sink, Catalogue& model, int pass)
        : m_input(input), m_reader(reader), m_buckets(buckets), m_limits(limits), m_sink(sink), m_model(model),
          m_pass(pass)
    {
    }

    // Set by pass 1 for pass 2.
    ListState interests_state, organisations_state, activities_state;
    bool activities_deferred = false;
    bool interests_given = false;
    /// Set before pass 1 when the file has no `interests` member (catalogue_may_have_interests()): the
    /// default vocabulary is known from the start, so the activities need no second pass.
    bool no_interests_member = false;
    bool default_vocabulary_used = false;  ///< pass 1 read activities against it
    Json header = Json::object();           // the top level's scalar members (containers stand in empty)
    std::optional<Json> root_stand_in;      // the document when it is not an object
    std::optional<Error> sink_error;
    std::size_t activities_given = 0;

    /// Where the parse stopped, when it did on an error of the text.
    struct Stop {
        enum class Kind { syntax, too_deep, read, long_string } kind = Kind::syntax;
        std::size_t offset = 0;
        std::string path;
        std::string reason;
    };
    std::optional<Stop> stop;

    // A scalar is made into a tree node only where one is kept: skipped values cost no allocation.
    bool null() { return scalar([] { return Json(nullptr); }); }
    bool boolean(bool value) { return scalar([value] { return Json(value); }); }
    bool number_integer(Json::number_integer_t value) { return scalar([value] { return Json(value); }); }
    bool number_unsigned(Json::number_unsigned_t value) { return scalar([value] { return Json(value); }); }
    bool number_float(Json::number_float_t value, const Json::string_t&) { return scalar([value] { return Json(value); }); }
    bool string(Json::string_t& value) { return scalar([&value] { return Json(std::move(value)); }); }
    bool binary(Json::binary_t& value) { return scalar([&value] { return Json::binary(value); }); }  // never in JSON text
    bool start_object(std::size_t) { return open(false); }
    bool start_array(std::size_t) { return open(true); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(Json::string_t& name)
    {
        check_item_limit();
        Frame& top = m_frames.back();
        const bool duplicate = top.container != nullptr
                                   ? top.container->contains(name)
                                   : std::find(top.keys.begin(), top.keys.end(), name) != top.keys.end();
        if (duplicate && m_pass == 1) {
            std::string where = path();
            append_key(where, name);
            m_buckets[k_syntax].add(std::move(where), "duplicate key: the field appears more than once in this object");
        }
        if (top.container == nullptr)
            top.keys.push_back(name);
        top.key = std::move(name);
        top.has_key = true;
        top.repeated_key = duplicate;
        return true;
    }

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& error)
    {
        Stop at;
        at.path = path();
        // nlohmann reports how many bytes it had read; the offending byte is the last of them.
        at.offset = position == 0 ? 0 : position - 1;
        at.reason = json_parse_reason(error.what());
        if (m_input.read_error()) {
            at.kind = Stop::Kind::read;
            at.reason = m_input.read_error()->text();
        } else if (m_input.long_string_at()) {
            at.kind = Stop::Kind::long_string;
            at.offset = *m_input.long_string_at();
        }
        stop = std::move(at);
        return false;
    }

    bool any_problem() const
    {
        return std::any_of(m_buckets.begin(), m_buckets.end(), [](const CatalogueProblemList& list) { return !list.empty(); });
    }

    /// Hands the vocabulary to the sink, once, before the first activity.
    bool give_interests()
    {
        if (interests_given)
            return true;
        interests_given = true;
        return give([&] { return m_sink.interests(m_model.interests); });
    }

private:
    enum class Role { value, root, list };

    struct Frame {
        Role role = Role::value;
        bool is_array = false;
        Json* container = nullptr;  // the tree being built here; null while skipping
        std::string key;            // member being read, for objects
        bool has_key = false;       // false between members
        bool repeated_key = false;  // `key` was met before in this object
        std::size_t next_index = 0; // arrays: values begun
        std::vector<std::string> keys;  // objects not being built: names met, for duplicate keys
        List list = List::none;
    };

    // Whether the activities can be checked now: the interests were read, or the file has none and the
    // default vocabulary holds (given to the reader here, before the first activity).
    bool vocabulary_known()
    {
        if (interests_state.done)
            return true;
        if (!no_interests_member || interests_state.seen)
            return false;
        if (!default_vocabulary_used) {
            m_reader.default_vocabulary();
            default_vocabulary_used = true;
        }
        return true;
    }

    // An `interests` member where the scan before pass 1 found none: the file changed in between.
    // Activities already read against the default vocabulary may be wrong, so nothing more is handed on
    // and the import is refused (the problem lands in the syntax list, which then stands alone only if
    // the parse also stopped).
    void interests_after_all()
    {
        if (!default_vocabulary_used)
            return;
        m_buckets[k_syntax].add("$", "the file changed while it was read");
    }

    // A failed sink ends the parse (the caller rolls back); a problem only stops the handing on.
    bool keep_going() const { return !sink_error.has_value(); }

    template <typename Give>
    bool give(Give give_it)
    {
        if (sink_error || any_problem())
            return keep_going();
        if (Result<void> given = give_it(); !given)
            sink_error = given.error();
        return keep_going();
    }

    // The path of the value being read now, spelled as the catalogue's messages spell keys.
    std::string path() const
    {
        std::string out = "$";
        for (std::size_t i = 0; i < m_frames.size(); ++i) {
            const Frame& frame = m_frames[i];
            if (frame.is_array) {
                const bool innermost = i + 1 == m_frames.size();
                append_index(out, innermost ? frame.next_index : frame.next_index - 1);
            } else if (frame.has_key) {
                append_key(out, frame.key);
            }
        }
        return out;
    }

    static List list_named(std::string_view name)
    {
        if (name == "interests")
            return List::interests;
        if (name == "organisations")
            return List::organisations;
        if (name == "activities")
            return List::activities;
        return List::none;
    }

    static bool is_header_member(std::string_view name)
    {
        return name == "format" || name == "format_version" || name == "format_minor" || name == "version" ||
               name == "published";
    }

    ListState& state_of(List list)
    {
        return list == List::interests ? interests_state
               : list == List::organisations ? organisations_state
                                             : activities_state;
    }

    static Bucket head_of(List list)
    {
        return list == List::interests ? k_interests_head
               : list == List::organisations ? k_organisations_head
                                             : k_activities_head;
    }

    static Bucket body_of(List list)
    {
        return list == List::interests ? k_interests : list == List::organisations ? k_organisations : k_activities;
    }

    static const char* noun_of(List list)
    {
        return list == List::interests ? "interest" : list == List::organisations ? "organisation" : "activity";
    }

    // A top-level member's value that is not a list read item by item: a scalar, or a container that
    // stands in empty (its contents are skipped, only its kind matters to the messages).
    void top_member(const std::string& name, const Json& value)
    {
        const List list = list_named(name);
        if (list != List::none) {
            if (m_pass != 1)
                return;
            ListState& state = state_of(list);
            state.seen = true;
            state.done = true;
            if (list == List::interests)
                interests_after_all();
            m_reader.report_into(m_buckets[head_of(list)]);
            const JsonPath root;
            m_reader.check_list_kind(value, root / name);
            return;
        }
        if (m_pass != 1)
            return;
        if (is_header_member(name)) {
            header[name] = value;
        } else {
            m_reader.report_into(m_buckets[k_top]);
            m_reader.unknown_root_member(name);
        }
    }

    // Whether item `index` of `list` is built and read (else skipped, syntax only).
    bool reads_item(List list, std::size_t index) const
    {
        switch (list) {
        case List::interests:
        case List::organisations:
            return true;  // past the limit their ids are still read
        case List::activities:
            return (m_pass == 2 || !activities_deferred) && index < m_limits.max_activities;
        case List::none:
            break;
        }
        return false;
    }

    // An item being built that grows past the limit is said so and skipped from there on.
    void check_item_limit()
    {
        if (!m_building || m_input.offset() - m_item_start <= k_max_catalogue_item_bytes)
            return;
        const Frame& list = m_frames[m_list_depth - 1];
        std::string where = "$";
        append_key(where, list_name(list.list));
        append_index(where, m_item_index);
        m_buckets[body_of(list.list)].add(std::move(where), "takes more than " + std::to_string(k_max_catalogue_item_bytes) +
                                                                " bytes of the file, the limit for one " + noun_of(list.list));
        for (std::size_t i = m_list_depth; i < m_frames.size(); ++i)
            m_frames[i].container = nullptr;
        m_item = Json();
        m_building = false;
        m_item_oversized = true;
    }

    static const char* list_name(List list)
    {
        return list == List::interests ? "interests" : list == List::organisations ? "organisations" : "activities";
    }

    // Places a value in the tree being built in `top`; returns where it now lives.
    static Json* place(Frame& top, Json value)
    {
        if (top.is_array) {
            top.container->push_back(std::move(value));
            return &top.container->back();
        }
        if (!top.repeated_key) {
            // A new member goes at the end: key() has already looked for it (operator[] would again).
            // The key is copied, not moved: path() names it while its value is read.
            Json::object_t& members = top.container->get_ref<Json::object_t&>();
            members.emplace_back(top.key, std::move(value));
            return &members.back().second;
        }
        // A repeated key overwrites: the last value wins, as nlohmann's own parser does.
        Json& slot = (*top.container)[top.key];
        slot = std::move(value);
        return &slot;
    }

    template <typename Make>
    bool scalar(Make make)
    {
        check_item_limit();
        if (m_frames.empty()) {
            root_stand_in = make();
            return true;
        }
        Frame& top = m_frames.back();
        switch (top.role) {
        case Role::root:
            top_member(top.key, make());
            top.has_key = false;
            return true;
        case Role::list: {
            const std::size_t index = top.next_index++;
            if (!reads_item(top.list, index))
                return true;
            return item_read(top.list, index, make());
        }
        case Role::value:
            break;
        }
        if (top.container != nullptr)
            place(top, make());
        if (top.is_array)
            ++top.next_index;
        else
            top.has_key = false;
        return true;
    }

    bool open(bool is_array)
    {
        check_item_limit();
        if (m_frames.size() >= k_max_json_depth) {
            if (m_pass == 1)
                m_buckets[k_syntax].add(path(), "nested more than " + std::to_string(k_max_json_depth) +
                                                    " levels deep; a catalogue never is");
            stop = Stop{Stop::Kind::too_deep, m_input.offset(), path(), ""};
            return false;
        }
        Frame frame;
        frame.is_array = is_array;
        if (m_frames.empty()) {
            if (is_array)
                root_stand_in = Json::array();
            else
                frame.role = Role::root;
            m_frames.push_back(std::move(frame));
            return true;
        }
        Frame& top = m_frames.back();
        switch (top.role) {
        case Role::root: {
            const List list = list_named(top.key);
            if (list != List::none && is_array && (m_pass == 1 || list == List::activities)) {
                frame.role = Role::list;
                frame.list = list;
                if (m_pass == 1) {
                    state_of(list).seen = true;
                    if (list == List::interests)
                        interests_after_all();
                    if (list == List::activities && !(vocabulary_known() && organisations_state.done))
                        activities_deferred = true;
                }
            } else {
                top_member(top.key, is_array ? Json::array() : Json::object());
            }
            break;
        }
        case Role::list: {
            const std::size_t index = top.next_index++;
            if (reads_item(top.list, index)) {
                m_item = is_array ? Json::array() : Json::object();
                frame.container = &m_item;
                m_building = true;
                m_item_oversized = false;
                m_item_start = m_input.offset();
                m_item_index = index;
                m_list_depth = m_frames.size();
            }
            break;
        }
        case Role::value:
            if (top.container != nullptr)
                frame.container = place(top, is_array ? Json::array() : Json::object());
            if (top.is_array)
                ++top.next_index;
            break;
        }
        m_frames.push_back(std::move(frame));
        return true;
    }

    bool close()
    {
        check_item_limit();
        Frame closed = std::move(m_frames.back());
        m_frames.pop_back();
        if (m_frames.empty())
            return true;  // the document's end: pass 1's caller finishes the top level
        Frame& top = m_frames.back();
        switch (top.role) {
        case Role::root:
            if (closed.role == Role::list)
                list_read(closed.list, closed.next_index);
            top.has_key = false;
            return keep_going();
        case Role::list:
            if (m_frames.size() == m_list_depth && (m_building || m_item_oversized)) {
                const bool oversized = m_item_oversized;
                m_building = false;
                m_item_oversized = false;
                if (oversized)
                    return true;
                Json item = std::move(m_item);
                m_item = Json();
                return item_read(top.list, top.next_index - 1, item);
            }
            return true;
        case Role::value:
            break;
        }
        if (!top.is_array)
            top.has_key = false;
        return true;
    }

    // One item of a list, read whole.
    bool item_read(List list, std::size_t index, const Json& item)
    {
        const JsonPath root;
        const JsonPath list_path = root / list_name(list);
        m_reader.report_into(m_buckets[body_of(list)]);
        switch (list) {
        case List::interests:
            if (index < m_limits.max_interests)
                m_reader.read_interest_item(item, list_path, index, m_model);
            else
                m_reader.register_interest_beyond_limit(item);
            return true;
        case List::organisations:
            if (index < m_limits.max_organisations) {
                Organisation organisation = m_reader.read_organisation_item(item, list_path, index);
                return give([&] { return m_sink.organisation(std::move(organisation)); });
            }
            m_reader.register_organisation_beyond_limit(item, index);
            return true;
        case List::activities: {
            Activity activity = m_reader.read_activity_item(item, list_path, index);
            if (!give_interests())
                return false;
            const bool handed = !any_problem() && !sink_error;
            const bool going = give([&] { return m_sink.activity(std::move(activity)); });
            if (handed && !sink_error)
                ++activities_given;
            return going;
        }
        case List::none:
            break;
        }
        return true;
    }

    // A list read to its end: its length is judged, and what depends on it may begin.
    void list_read(List list, std::size_t size)
    {
        const JsonPath root;
        const JsonPath list_path = root / list_name(list);
        m_reader.report_into(m_buckets[head_of(list)]);
        switch (list) {
        case List::interests:
            m_reader.check_list_size(list_path, size, m_limits.max_interests, "interests", 1);
            m_reader.interests_read(true, size == 0);
            interests_state.done = true;
            break;
        case List::organisations:
            m_reader.check_list_size(list_path, size, m_limits.max_organisations, "organisations");
            m_reader.organisations_read();
            organisations_state.done = true;
            break;
        case List::activities:
            if (m_pass == 2 || !activities_deferred)
                m_reader.check_list_size(list_path, size, m_limits.max_activities, "activities");
            activities_state.done = true;
            break;
        case List::none:
            break;
        }
    }

    ChunkReader& m_input;
    CatalogueReader& m_reader;
    std::array<CatalogueProblemList, k_bucket_count>& m_buckets;
    const CatalogueLimits& m_limits;
    CatalogueSink& m_sink;
    Catalogue& m_model;  // the top level's facts and the interests; organisations and activities go to the sink
    int m_pass;
    std::vector<Frame> m_frames;

    Json m_item;                    // the item being built
    bool m_building = false;
    bool m_item_oversized = false;  // the item being skipped grew past the limit
    std::size_t m_item_start = 0;
    std::size_t m_item_index = 0;
    std::size_t m_list_depth = 0;   // frames open while the item's own frame is not
};

std::array<CatalogueProblemList, k_bucket_count> make_buckets(std::size_t max_problems)
{
    return {CatalogueProblemList(max_problems), CatalogueProblemList(max_problems), CatalogueProblemList(max_problems),
            CatalogueProblemList(max_problems), CatalogueProblemList(max_problems), CatalogueProblemList(max_problems),
            CatalogueProblemList(max_problems), CatalogueProblemList(max_problems)};
}

// The stopped parse's own problem, said as the catalogue's messages always said it.
void report_stop(const StreamHandler::Stop& stop, ChunkReader& input, CatalogueSource& source,
                 CatalogueProblemList& problems)
{
    using Kind = StreamHandler::Stop::Kind;
    switch (stop.kind) {
    case Kind::too_deep:
        return;  // said where it happened
    case Kind::read:
        problems.add("$", "could not be read: " + stop.reason);
        return;
    case Kind::long_string:
        problems.add(stop.path, "a string at " + describe_offset(source, stop.offset) + " is longer than " +
                                    std::to_string(k_max_catalogue_item_bytes) + " bytes, the limit for one string");
        return;
    case Kind::syntax:
        break;
    }
    if (input.first_invalid_utf8() && *input.first_invalid_utf8() <= stop.offset) {
        static constexpr char digits[] = "0123456789ABCDEF";
        const unsigned char byte = input.first_invalid_byte();
        const std::string hex{'0', 'x', digits[byte >> 4], digits[byte & 0xF]};
        problems.add(stop.path, "invalid UTF-8: byte " + hex + " at " +
                                    describe_offset(source, *input.first_invalid_utf8()) +
                                    " is not part of a UTF-8 character; the file must be UTF-8");
    } else {
        problems.add(stop.path, "invalid JSON at " + describe_offset(source, stop.offset) + ": " + stop.reason);
    }
}

// One pass over the source; false when the text stopped it (the problem is in the syntax list) or the sink did.
bool run_pass(StreamHandler& handler, ChunkReader& input)
{
    Json::sax_parse(ChunkIterator(input), ChunkIterator(), &handler);
    return !handler.stop && !handler.sink_error;
}

}  // namespace

}  // namespace catalogue_json_detail

// A scan of the bytes that follows strings and nesting but builds nothing, far cheaper than the JSON
// parser. A key with an escape counts as "may" because nlohmann would decode it. Only a well-formed
// document gets "no", and then the parser finds no such member either. Stops at the first such member,
// so a file that has one costs a few bytes of reading.
bool catalogue_may_have_interests(CatalogueSource& source)
{
    constexpr std::string_view name = "interests";
    std::vector<char> buffer(64 * 1024);
    int depth = 0;
    bool seen_root = false;
    bool in_string = false;
    bool escaped = false;
    bool expect_key = false;  // at depth 1 after '{' or ',': the next string is a member's name
    bool in_key = false;
    std::string key;
    for (;;) {
        const Result<std::size_t> got = source.read(buffer.data(), buffer.size());
        if (!got)
            return true;
        const std::size_t size = got.value();
        if (size == 0)
            break;
        const auto* bytes = reinterpret_cast<const unsigned char*>(buffer.data());
        for (std::size_t i = 0; i < size; ++i) {
            if (in_string) {
                if (escaped) {
                    escaped = false;
                    continue;
                }
                if (!in_key) {  // the bulk of a catalogue: skip to the next quote or backslash
                    i = first_stop(bytes, i, size, '"', '\\');
                    if (i == size)
                        break;
                }
                const char c = bytes[i];
                if (c == '\\') {
                    if (in_key)
                        return true;
                    escaped = true;
                } else if (c == '"') {
                    in_string = false;
                    if (in_key) {
                        in_key = false;
                        if (key == name)
                            return true;
                    }
                } else if (key.size() <= name.size()) {
                    key += c;
                }
                continue;
            }
            switch (bytes[i]) {
            case '"':
                in_string = true;
                if (depth == 1 && expect_key) {
                    in_key = true;
                    expect_key = false;
                    key.clear();
                }
                break;
            case '{':
            case '[':
                if (depth == 0) {
                    if (bytes[i] == '[' || seen_root)
                        return true;
                    seen_root = true;
                    expect_key = true;
                }
                ++depth;
                break;
            case '}':
            case ']':
                if (--depth < 0)
                    return true;
                break;
            case ',':
                expect_key = depth == 1;
                break;
            default:
                break;
            }
        }
    }
    return !seen_root || in_string || depth != 0;
}

CatalogueStreamResult stream_catalogue_json(CatalogueSource& source, CatalogueSink& sink, const CatalogueLimits& limits,
                                            UnknownMembers unknown)
{
    using namespace catalogue_json_detail;
    CatalogueStreamResult result;
    auto buckets = make_buckets(limits.max_problems);
    try {
        IgnoredMembers ignored;
        CatalogueReader reader(limits, buckets[k_top], unknown, ignored);
        Catalogue model;  // the top level and the interests
        // A file without `interests` (as `lotsen-hub generate` writes them) would otherwise have its
        // activities deferred to a second pass: only the end of the root shows that none comes.
        const bool no_interests_member = !catalogue_may_have_interests(source);
        if (Result<void> rewound = source.rewind(); !rewound) {
            result.problems = {CatalogueProblem{"$", "could not be read again: " + rewound.error().text()}};
            return result;
        }
        ChunkReader input(source, k_max_catalogue_item_bytes);
        StreamHandler first(input, reader, buckets, limits, sink, model, 1);
        first.no_interests_member = no_interests_member;
        bool read = run_pass(first, input);
        if (first.stop)
            report_stop(*first.stop, input, source, buckets[k_syntax]);
        bool newer_major = false;
        CatalogueProblemList newer(limits.max_problems);  // a newer major is said alone
        if (read) {
            reader.report_into(buckets[k_top]);
            if (first.root_stand_in) {
                reader.root_not_object(*first.root_stand_in);
            } else {
                reader.report_into(newer);
                newer_major = reader.refuse_newer_major(first.header);
            }
            if (!first.root_stand_in && !newer_major) {
                reader.report_into(buckets[k_top]);
                reader.read_header(first.header, model);
                if (!first.interests_state.seen)
                    reader.default_vocabulary();
                if (!first.organisations_state.seen) {
                    reader.report_into(buckets[k_organisations_head]);
                    reader.required_missing(JsonPath{} / "organisations");
                }
                if (!first.activities_state.seen) {
                    reader.report_into(buckets[k_activities_head]);
                    reader.required_missing(JsonPath{} / "activities");
                }
                read = first.give_interests();
                if (read && first.activities_deferred) {
                    // The activities came before what they refer to: read them again, now that it is known.
                    if (Result<void> rewound = source.rewind(); !rewound) {
                        buckets[k_syntax].add("$", "could not be read again: " + rewound.error().text());
                    } else {
                        ChunkReader again(source, k_max_catalogue_item_bytes);
                        StreamHandler second(again, reader, buckets, limits, sink, model, 2);
                        second.interests_given = true;
                        if (!run_pass(second, again) && second.stop)
                            buckets[k_syntax].add("$", "the file changed while it was read");
                        first.sink_error = second.sink_error;
                        first.activities_given = second.activities_given;
                    }
                }
            }
        }
        CatalogueProblemList problems(limits.max_problems);
        if (first.stop || newer_major) {
            // A text that is not JSON says only that (and what was wrong before it); a newer major only that.
            problems.append(std::move(buckets[k_syntax]));
            problems.append(std::move(newer));
        } else {
            for (CatalogueProblemList& bucket : buckets)
                problems.append(std::move(bucket));
            result.ignored = std::move(ignored);
        }
        result.problems = std::move(problems).finish();
        result.sink_error = first.sink_error;
        result.version = model.version;
        result.published = model.published;
        result.activities = first.activities_given;
    } catch (const std::exception& error) {
        // Nothing above is expected to throw but allocation; whatever it is stays inside core/.
        result.problems = {CatalogueProblem{"$", std::string("could not be read: ") + error.what()}};
    }
    return result;
}

namespace {

// Keeps what a streaming read hands on: a catalogue read whole, for those who want the model.
class CollectingSink final : public CatalogueSink {
public:
    explicit CollectingSink(Catalogue& catalogue) : m_catalogue(catalogue) {}
    Result<void> interests(const std::vector<Interest>& interests) override
    {
        m_catalogue.interests = interests;
        return success();
    }
    Result<void> organisation(Organisation organisation) override
    {
        m_catalogue.organisations.push_back(std::move(organisation));
        return success();
    }
    Result<void> activity(Activity activity) override
    {
        m_catalogue.activities.push_back(std::move(activity));
        return success();
    }

private:
    Catalogue& m_catalogue;
};

}  // namespace

CatalogueParseResult read_catalogue_json(CatalogueSource& source, const CatalogueLimits& limits, UnknownMembers unknown)
{
    CatalogueParseResult result;
    Catalogue catalogue;
    CollectingSink sink(catalogue);
    CatalogueStreamResult streamed = stream_catalogue_json(source, sink, limits, unknown);
    result.problems = std::move(streamed.problems);
    result.ignored = std::move(streamed.ignored);
    if (result.problems.empty()) {
        catalogue.version = streamed.version;
        catalogue.published = std::move(streamed.published);
        result.catalogue = std::move(catalogue);
    }
    return result;
}

CatalogueParseResult parse_catalogue_json(std::string_view text, const CatalogueLimits& limits, UnknownMembers unknown)
{
    if (text.size() > limits.max_file_bytes) {
        CatalogueParseResult result;
        result.problems.push_back(CatalogueProblem{"$", "the catalogue is " + std::to_string(text.size()) +
                                                            " bytes, more than the limit of " +
                                                            std::to_string(limits.max_file_bytes) + " bytes"});
        return result;
    }
    TextCatalogueSource source(text);
    return read_catalogue_json(source, limits, unknown);
}

}  // namespace lotsen
