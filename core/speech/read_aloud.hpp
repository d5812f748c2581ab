// read_aloud.hpp — reads visible text aloud (EN 301 549 treats a public kiosk as closed functionality:
// what is on screen must also be speakable). Owns the process's one espeak-ng engine and a worker thread
// that synthesises, so the UI thread never waits for speech. UI-free: the kiosk decides what to read.
//
// espeak-ng keeps its state in globals (one voice, one output mode, one callback per process), so only
// one ReadAloud may hold the engine at a time. A second create() while one exists returns an object that
// is not available() and says why; it never touches espeak-ng.
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

    /// Initialises espeak-ng once for this process. Never fails hard: when espeak-ng's data or the audio
    /// output cannot be set up, or another ReadAloud holds the engine, the object is not available() and
    /// unavailable_reason() says why. Call at start-up, not per frame (it reads the voice files).
    static std::unique_ptr<ReadAloud> create(Output output);

    /// Stops speech and joins the worker; a later create() may take espeak-ng over (same Output only:
    /// espeak-ng is initialised once per process and kept, as 1.51 cannot be re-initialised reliably).
    ~ReadAloud();
    ReadAloud(const ReadAloud&) = delete;
    ReadAloud& operator=(const ReadAloud&) = delete;

    /// True when speak() can produce speech.
    bool available() const { return m_available; }
    /// Why the engine is not available (empty when it is).
    const std::string& unavailable_reason() const { return m_unavailable_reason; }

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
    /// True from speak() until the utterance has finished or was stopped.
    bool speaking() const;

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
        std::string voice_language;  ///< the espeak-ng language the text is read in
        std::uint64_t generation = 0;
    };
    struct Engine;  // espeak-ng's callback and the process-wide claim (read_aloud.cpp)

    explicit ReadAloud(Output output) : m_output(output) {}
    void run_worker();
    void read(const Request& request);
    std::optional<std::string> voice_language_for(std::string_view language) const;

    Output m_output;
    bool m_available = false;
    bool m_owns_engine = false;         ///< this object holds the process's claim on espeak-ng
    std::string m_unavailable_reason;
    std::set<std::string> m_languages;  ///< every language some installed voice speaks; fixed after create()

    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;  ///< a request, a stop, new samples or the end of an utterance
    std::optional<Request> m_pending;           ///< asked for, not yet taken by the worker
    bool m_running = false;                     ///< the worker is reading an utterance
    bool m_quit = false;
    std::uint64_t m_generation = 0;             ///< the latest speak(); espeak-ng's events carry it back
    std::uint64_t m_finished_generation = 0;    ///< playback: the last utterance espeak-ng finished
    std::size_t m_captured = 0;                 ///< samples of utterance m_generation
    std::atomic<bool> m_cancel{false};          ///< read by espeak-ng's callback to abort the utterance
    std::thread m_worker;
};

}  // namespace lotsen
