// catalogue_stream.hpp — reading a JSON catalogue piece by piece: the file is read in small chunks and
// every interest, organisation and activity is checked and handed on (to the store, or to a model) as
// soon as it is read, so memory stays bounded by one activity, not by the file. The rules and their
// messages are the ones parse_catalogue_json() has always had (docs/catalogue.md).
#pragma once

#include "core/base/format_growth.hpp"
#include "core/base/result.hpp"
#include "core/catalogue/catalogue_parse.hpp"
#include "core/catalogue/model.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lotsen {

/// Bytes a streaming read takes a catalogue from; it can start again from the first byte (a file
/// whose activities come before its organisations is read twice, see stream_catalogue_json()).
class CatalogueSource {
public:
    virtual ~CatalogueSource() = default;
    /// Up to `size` bytes into `buffer`: how many were read (0 at the end), or why none could be.
    virtual Result<std::size_t> read(char* buffer, std::size_t size) = 0;
    /// Back to the first byte.
    virtual Result<void> rewind() = 0;
};

/// A catalogue held in memory as text.
class TextCatalogueSource final : public CatalogueSource {
public:
    explicit TextCatalogueSource(std::string_view text) : m_text(text) {}
    Result<std::size_t> read(char* buffer, std::size_t size) override;
    Result<void> rewind() override;

private:
    std::string_view m_text;
    std::size_t m_offset = 0;
};

/// What a streaming read hands on, each piece once it is read and only while the file has shown no
/// problem: after the first problem reading goes on (to report every problem) but nothing more is
/// handed on, and whoever was given pieces must drop them (the store rolls its transaction back).
class CatalogueSink {
public:
    virtual ~CatalogueSink() = default;
    /// The interest vocabulary as the file declares it (empty: it declares none), before any activity.
    virtual Result<void> interests(const std::vector<Interest>& interests) = 0;
    /// One organisation, in file order, before any activity.
    virtual Result<void> organisation(Organisation organisation) = 0;
    /// One activity, in file order, after the vocabulary and every organisation.
    virtual Result<void> activity(Activity activity) = 0;
};

/// What a streaming read found; the catalogue itself went to the sink.
struct CatalogueStreamResult {
    /// Every problem, in the order parse_catalogue_json() has always reported them.
    std::vector<CatalogueProblem> problems;
    /// Members skipped because the reader did not know them (UnknownMembers::ignore).
    IgnoredMembers ignored;
    /// The sink's own failure (a full disk, say): reading stopped there; the file may well be sound.
    std::optional<Error> sink_error;
    std::int64_t version = 0;   ///< the file's "version" (when read without a problem)
    std::string published;      ///< its "published", "" when absent
    std::size_t activities = 0; ///< activities handed to the sink
    /// True when the whole file was read without a problem and the sink took every piece.
    bool ok() const { return problems.empty() && !sink_error; }
    /// All problems, one per line (or the sink's error).
    std::string summary() const;
};

/// Reads catalogue JSON of any format 1.x from `source`, checking every member as
/// parse_catalogue_json() does, and hands each valid piece to `sink` as soon as it is read. Memory is
/// bounded by the largest activity, interest list or organisation (each at most
/// k_max_catalogue_item_bytes) and by the ids seen, never by the file. When the file puts
/// its activities before its interests or organisations (which the writer and the hub never do),
/// the activities are checked in a second pass over the source, still one at a time. A file without an
/// `interests` member is found so by a cheap scan first (catalogue_may_have_interests()) and then
/// parsed once. Exceptions (an allocation) become problems; none leave this function.
/// Whether the JSON document in `source` (read from where it stands to its end) may have a top-level
/// member "interests": false only for a whole object without one; true when it has one, or the scan
/// cannot tell (not an object, a key written with escapes, text ending inside the root, a read error).
bool catalogue_may_have_interests(CatalogueSource& source);

CatalogueStreamResult stream_catalogue_json(CatalogueSource& source, CatalogueSink& sink,
                                            const CatalogueLimits& limits = {},
                                            UnknownMembers unknown = UnknownMembers::refuse);

/// Hands an already read catalogue to `sink` as a streaming read would (the CSV reader's path, tests).
Result<void> feed_catalogue(const Catalogue& catalogue, CatalogueSink& sink);

/// Reads a whole catalogue from `source` into the model: parse_catalogue_json() for any source.
CatalogueParseResult read_catalogue_json(CatalogueSource& source, const CatalogueLimits& limits = {},
                                         UnknownMembers unknown = UnknownMembers::refuse);

/// The most bytes one interest, organisation or activity may take in the file, and the longest
/// string anywhere in it: what a streaming read holds at once (docs/catalogue.md, "Limits").
inline constexpr std::size_t k_max_catalogue_item_bytes = 1u << 20;

}  // namespace lotsen
