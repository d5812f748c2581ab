// read_aloud.hpp — reads visible text aloud (EN 301 549 treats a public kiosk as closed functionality:
// what is on screen must also be speakable). Owns the process's one espeak-ng engine and a worker thread
// that synthesises, so the UI thread never waits for speech. UI-free: the kiosk decides what to read.
//
// espeak-ng keeps its state in globals (one voice, one output mode, one callback per process), so only
// one ReadAloud may hold the engine at a time. A second create() while one exists returns an object that
// is not available() and says why; it never touches espeak-ng.
//
// espeak-ng itself is opened with dlopen (espeak_library.hpp). The kiosk creates its ReadAloud with
// Loading::on_first_use: the library, its audio stack and the voice list are loaded on the worker
// when a visitor first asks for reading aloud, never before the first frame.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>

namespace lotsen {

/// Text-to-speech through espeak-ng, synthesised on a worker thread; one instance per process.
class ReadAloud {
public:
    /// Where synthesised speech goes.
    enum class Output {
        playback,  ///< espeak-ng plays it on the default audio device (the kiosk)
        capture,   ///< samples are counted, not played (tests, measuring); synthesis still runs for real
    };

    /// When espeak-ng is loaded and initialised.
    enum class Loading {
        now,           ///< in create() (tests, tools): available() is decided when it returns
        on_first_use,  ///< on the worker, at the first speak() (the kiosk): nothing is loaded before
    };

    /// Initialises espeak-ng once for this process, from `library` (empty: libespeak-ng.so.1), now or at
    /// the first speak(). Never fails hard: when the library cannot be loaded, espeak-ng's data or the
    /// audio output cannot be set up, or another ReadAloud holds the engine, the object is not
    /// available(), unavailable_reason() says why, and a line on stderr (the journal) says so once.
    /// Call at start-up, not per frame. `library` counts only while no engine was loaded in the process.
    static std::unique_ptr<ReadAloud> create(Output output, Loading loading = Loading::now, std::string library = {});

    /// Stops speech and joins the worker; a later create() may take espeak-ng over (same Output only:
    /// espeak-ng is initialised once per process and kept, as 1.51 cannot be re-initialised reliably).
    ~ReadAloud();
    ReadAloud(const ReadAloud&) = delete;
    ReadAloud& operator=(const ReadAloud&) = delete;

    /// True when the engine is loaded and speak() can produce speech (with on_first_use: false until
    /// the first speak() has loaded it).
    bool available() const { return m_state.load(std::memory_order_acquire) == State::ready; }
    /// True once loading was tried: available(), or not and unavailable_reason() says why.
    bool loaded() const { return m_state.load(std::memory_order_acquire) != State::not_loaded; }
    /// Why the engine is not available (empty when it is, or before loading was tried).
    std::string unavailable_reason() const;

    /// Whether espeak-ng has a voice for a language code ("sv", "en", "ar", "fa", "uk", …; "prs" (Dari)
    /// is read with the Persian voice). Case-insensitive; "sv-SE" matches through its primary subtag.
    /// Debian 12's espeak-ng-data has no Somali ("so") or Tigrinya ("ti") voice.
    bool has_voice(std::string_view language) const;

    /// Starts reading UTF-8 `text` (any script, newlines allowed; no SSML) in `language` and returns at
    /// once; the worker synthesises it. Interrupts whatever is being read. Does nothing when the engine
    /// is unavailable or has no voice for the language (check has_voice() to offer the button at all).
    void speak(std::string text, std::string language);
    /// Stops reading at once; returns without waiting for the worker.
    void stop();
    /// True from speak() until the utterance has finished or was stopped (with on_first_use, also
    /// while the first one waits for the engine to load).
    bool speaking() const;
    /// True when the latest speak() was not read at all: no engine, or no voice for its language (found
    /// out only after loading, with on_first_use). The kiosk then says it cannot read aloud.
    bool refused_last() const;

    /// Capture output: samples (mono, 16-bit, espeak-ng's sample rate) of the current or last utterance.
    std::size_t captured_samples() const;
    /// Blocks until nothing is being read or `timeout` passes; true when idle. For tests and shutdown.
    bool wait_until_idle(std::chrono::milliseconds timeout) const;
    /// Capture output: blocks until the current utterance has at least `samples` samples, it ended, or
    /// `timeout` passes; true when that many samples were captured. Lets tests stop speech mid-way.
    bool wait_until_captured(std::size_t samples, std::chrono::milliseconds timeout) const;

private:
    struct Request {
        std::string text;
        std::string voice_language;  ///< the espeak-ng language the text is read in (or asked for, before loading)
        std::uint64_t generation = 0;
        bool voice_resolved = true;  ///< false: asked before the engine was loaded; the worker finds the voice
    };
    enum class State { not_loaded, ready, unavailable };
    struct Engine;  // espeak-ng's callback and the process-wide claim (read_aloud.cpp)

    explicit ReadAloud(Output output) : m_output(output) {}
    void load_engine(const std::string& library);
    void run_worker();
    void read(const Request& request);
    std::optional<std::string> voice_language_for(std::string_view language) const;

    Output m_output;
    std::atomic<State> m_state{State::not_loaded};  ///< set once, by load_engine(); m_languages is fixed before
    bool m_owns_engine = false;         ///< this object holds the process's claim on espeak-ng
    std::string m_library;              ///< what load_engine() opens (on_first_use)
    std::string m_unavailable_reason;   ///< under m_mutex
    std::set<std::string> m_languages;  ///< every language some installed voice speaks; fixed once loaded

    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;  ///< a request, a stop, new samples or the end of an utterance
    std::optional<Request> m_pending;           ///< asked for, not yet taken by the worker
    bool m_running = false;                     ///< the worker is reading an utterance
    bool m_quit = false;
    std::uint64_t m_generation = 0;             ///< the latest speak(); espeak-ng's events carry it back
    std::uint64_t m_finished_generation = 0;    ///< playback: the last utterance espeak-ng finished
    std::size_t m_captured = 0;                 ///< samples of utterance m_generation
    bool m_refused = false;                     ///< utterance m_generation was not read (refused_last())
    std::atomic<bool> m_cancel{false};          ///< read by espeak-ng's callback to abort the utterance
    std::thread m_worker;
};

}  // namespace lotsen
