// read_aloud.cpp — ReadAloud over espeak-ng 1.51 (Debian 12). Owns the process-wide claim on espeak-ng,
// the worker thread that calls it, and the synth callback.
//
// Threads: the UI thread only touches the request slot under m_mutex and the m_cancel flag; every
// espeak-ng call after create() happens on the worker. Capture mode synthesises synchronously on the
// worker and aborts through the callback's return value (espeak-ng's documented way to stop a
// synchronous utterance). Playback mode hands the text to espeak-ng's own audio thread and calls
// espeak_Cancel from the worker when asked to stop. Every espeak-ng call goes through the table of the
// library loaded on demand (espeak_library.hpp); with Loading::on_first_use the worker loads it too.
#include "core/speech/read_aloud.hpp"
#include "core/base/text_checks.hpp"
#include "core/speech/espeak_library.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>

namespace lotsen {

namespace {

// espeak-ng's state is global, so the claim on it is too: at most one ReadAloud initialises it.
std::atomic<bool> g_engine_claimed{false};
// The instance espeak-ng's callback reports to (set while the engine is claimed and initialised).
std::atomic<ReadAloud*> g_instance{nullptr};
// espeak-ng is initialised once per process and never terminated: 1.51 hangs in espeak_ng_Terminate
// after a second initialisation, so a later ReadAloud reuses the engine, in the output mode set first.
// Only touched by the holder of g_engine_claimed.
enum class EngineState { uninitialised, failed, capture, playback };
EngineState g_engine_state = EngineState::uninitialised;
std::string g_engine_failure;
// The loaded library's functions; set with the first successful load. A library that could not be
// loaded leaves the state uninitialised, so a later ReadAloud tries again.
EspeakLibrary g_espeak;

constexpr int buffer_milliseconds = 100;  // capture granularity, and so how soon a stop takes effect
constexpr auto playback_poll = std::chrono::milliseconds(100);  // only while speaking; see read()

std::string status_message(espeak_ng_STATUS status) {
    char buffer[256] = {};
    g_espeak.status_message(status, buffer, sizeof buffer);
    return buffer;
}

}  // namespace

struct ReadAloud::Engine {
    // espeak-ng calls this with synthesised samples (capture) or with events only (playback; from its
    // event thread). Returning 1 aborts a synchronous utterance.
    static int on_synth(short* samples, int count, espeak_EVENT* events) {
        (void)samples;
        ReadAloud* self = g_instance.load();
        if (self == nullptr)
            return 1;
        std::uint64_t generation = 0;
        bool terminated = false;
        for (espeak_EVENT* event = events; event != nullptr && event->type != espeakEVENT_LIST_TERMINATED; ++event) {
            generation = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(event->user_data));
            if (event->type == espeakEVENT_MSG_TERMINATED)
                terminated = true;
        }
        if (events != nullptr && generation == 0)
            generation = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(events->user_data));
        {
            std::lock_guard lock(self->m_mutex);
            // Samples of an utterance that has been replaced are not counted as the new one's.
            if (generation == self->m_generation && count > 0)
                self->m_captured += static_cast<std::size_t>(count);
            if (terminated)
                self->m_finished_generation = std::max(self->m_finished_generation, generation);
        }
        self->m_changed.notify_all();
        return self->m_cancel.load() ? 1 : 0;
    }
};

std::unique_ptr<ReadAloud> ReadAloud::create(Output output, Loading loading, std::string library) {
    std::unique_ptr<ReadAloud> self(new ReadAloud(output));
    bool expected = false;
    if (!g_engine_claimed.compare_exchange_strong(expected, true)) {
        self->m_unavailable_reason = "another ReadAloud already holds espeak-ng in this process (it has one global engine)";
        self->m_state.store(State::unavailable, std::memory_order_release);
        return self;
    }
    self->m_owns_engine = true;
    self->m_library = library.empty() ? std::string(k_espeak_soname) : std::move(library);
    if (loading == Loading::now) {
        self->load_engine(self->m_library);
        if (!self->available())
            return self;
    }
    self->m_worker = std::thread([raw = self.get()] { raw->run_worker(); });
    return self;
}

// On the thread of create() (Loading::now) or on the worker (on_first_use), by the holder of the claim.
void ReadAloud::load_engine(const std::string& library) {
    const EngineState wanted = m_output == Output::capture ? EngineState::capture : EngineState::playback;
    std::string failure;
    if (g_engine_state == EngineState::uninitialised) {
        if (auto loaded = load_espeak_library(library.c_str()); !loaded) {
            failure = loaded.error().text();  // stays uninitialised: nothing of espeak-ng was touched
        } else {
            g_espeak = loaded.value();
            g_engine_state = EngineState::failed;
            g_espeak.initialize_path(nullptr);  // Debian's espeak-ng-data
            espeak_ng_ERROR_CONTEXT context = nullptr;
            espeak_ng_STATUS status = g_espeak.initialize(&context);
            g_espeak.clear_error_context(&context);
            if (status != ENS_OK) {
                g_engine_failure = "espeak-ng could not load its data (package espeak-ng-data): " + status_message(status);
            } else {
                const auto mode = m_output == Output::capture ? ENOUTPUT_MODE_SYNCHRONOUS : ENOUTPUT_MODE_SPEAK_AUDIO;
                status = g_espeak.initialize_output(mode, buffer_milliseconds, nullptr);
                if (status != ENS_OK)
                    g_engine_failure = "espeak-ng has no audio output: " + status_message(status);
                else
                    g_engine_state = wanted;
            }
        }
    }
    if (failure.empty() && g_engine_state == EngineState::failed)
        failure = g_engine_failure;
    else if (failure.empty() && g_engine_state != wanted)
        failure = std::string("espeak-ng was set up for ") +
                  (g_engine_state == EngineState::capture ? "capture" : "playback") +
                  " earlier in this process and cannot switch its output";
    std::set<std::string> languages;
    if (failure.empty()) {
        g_instance.store(this);
        g_espeak.set_synth_callback(&Engine::on_synth);
        for (const espeak_VOICE** voice = g_espeak.list_voices(nullptr); voice != nullptr && *voice != nullptr; ++voice) {
            if ((*voice)->identifier != nullptr && std::string_view((*voice)->identifier).starts_with("mb/"))
                continue;  // MBROLA voices need separately installed diphone data
            // `languages` is a run of (priority byte, NUL-terminated code) pairs, ended by a zero byte.
            for (const char* entry = (*voice)->languages; entry != nullptr && *entry != 0;) {
                std::string_view code(entry + 1);
                languages.insert(ascii_lower(code));
                entry += 1 + code.size() + 1;
            }
        }
        if (languages.empty())
            failure = "espeak-ng lists no voices (is espeak-ng-data installed?)";
    }
    if (!failure.empty()) {
        // Said once per ReadAloud: the journal is where staff look when the button says it cannot read.
        std::fprintf(stderr, "lotsen: read aloud is off: %s\n", failure.c_str());
        {
            std::lock_guard lock(m_mutex);
            m_unavailable_reason = failure;
        }
        m_state.store(State::unavailable, std::memory_order_release);
        return;
    }
    m_languages = std::move(languages);
    m_state.store(State::ready, std::memory_order_release);  // publishes m_languages to other threads
}

std::string ReadAloud::unavailable_reason() const {
    std::lock_guard lock(m_mutex);
    return m_unavailable_reason;
}

ReadAloud::~ReadAloud() {
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
        m_pending.reset();
        m_cancel.store(true);
    }
    m_changed.notify_all();
    if (m_worker.joinable())
        m_worker.join();
    if (available() && m_output == Output::playback)
        g_espeak.cancel();  // silence; the engine itself stays initialised (see g_engine_state)
    if (m_owns_engine) {
        g_instance.store(nullptr);
        g_engine_claimed.store(false);
    }
}

std::optional<std::string> ReadAloud::voice_language_for(std::string_view language) const {
    std::string code = ascii_lower(language);
    std::replace(code.begin(), code.end(), '_', '-');
    if (code == "prs" || code.starts_with("prs-"))
        code = "fa";  // Dari is written and read like Persian; espeak-ng has no separate Dari voice
    if (m_languages.contains(code))
        return code;
    const std::string primary = code.substr(0, code.find('-'));
    if (m_languages.contains(primary))
        return primary;
    return std::nullopt;
}

bool ReadAloud::has_voice(std::string_view language) const {
    return available() && voice_language_for(language).has_value();
}

void ReadAloud::speak(std::string text, std::string language) {
    const State state = m_state.load(std::memory_order_acquire);
    std::optional<std::string> voice;
    if (state == State::ready)
        voice = voice_language_for(language);
    {
        std::lock_guard lock(m_mutex);
        ++m_generation;
        m_captured = 0;
        m_refused = false;
        m_cancel.store(true);  // the utterance being read, if any, ends at its next buffer
        if (state == State::not_loaded && m_worker.joinable()) {
            m_pending = Request{std::move(text), std::move(language), m_generation, false};  // the worker loads first
        } else if (voice) {
            m_pending = Request{std::move(text), std::move(*voice), m_generation};
        } else {
            m_pending.reset();  // no engine or no voice: say nothing rather than read it in a wrong language
            m_refused = true;
        }
    }
    m_changed.notify_all();
}

bool ReadAloud::refused_last() const {
    std::lock_guard lock(m_mutex);
    return m_refused;
}

void ReadAloud::stop() {
    {
        std::lock_guard lock(m_mutex);
        // The generation stays: captured_samples() then shows how far the stopped utterance got.
        m_pending.reset();
        m_cancel.store(true);
    }
    m_changed.notify_all();
}

bool ReadAloud::speaking() const {
    std::lock_guard lock(m_mutex);
    return m_running || m_pending.has_value();
}

std::size_t ReadAloud::captured_samples() const {
    std::lock_guard lock(m_mutex);
    return m_captured;
}

bool ReadAloud::wait_until_idle(std::chrono::milliseconds timeout) const {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, timeout, [this] { return !m_running && !m_pending; });
}

bool ReadAloud::wait_until_captured(std::size_t samples, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(m_mutex);
    m_changed.wait_for(lock, timeout, [&] { return m_captured >= samples || (!m_running && !m_pending); });
    return m_captured >= samples;
}

void ReadAloud::run_worker() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] { return m_quit || m_pending.has_value(); });
        if (m_quit)
            return;
        Request request = std::move(*m_pending);
        m_pending.reset();
        m_running = true;
        m_cancel.store(false);
        lock.unlock();
        if (!request.voice_resolved) {
            // The first request of an on_first_use engine: load it here, off the UI thread.
            if (!loaded())
                load_engine(m_library);
            std::optional<std::string> voice = available() ? voice_language_for(request.voice_language) : std::nullopt;
            if (voice) {
                request.voice_language = std::move(*voice);
                request.voice_resolved = true;
            } else {
                std::lock_guard refused(m_mutex);
                if (request.generation == m_generation)
                    m_refused = true;
            }
        }
        if (request.voice_resolved && !m_cancel.load())  // not stopped or replaced while it loaded
            read(request);
        lock.lock();
        m_running = false;
        m_changed.notify_all();
    }
}

// Runs on the worker. Returns when the utterance has ended, was replaced, or was stopped.
void ReadAloud::read(const Request& request) {
    espeak_VOICE selector{};
    selector.languages = request.voice_language.c_str();
    if (g_espeak.set_voice(&selector) != ENS_OK)
        return;
    // The generation travels as user data so the callback can tell this utterance's samples and events
    // from a replaced one's.
    void* user_data = reinterpret_cast<void*>(static_cast<std::uintptr_t>(request.generation));
    unsigned int unique_id = 0;
    // No SSML flag: catalogue text is plain and may contain '<'. In capture mode this call returns when
    // the utterance is done or the callback aborted it.
    const espeak_ng_STATUS status = g_espeak.synthesize(request.text.c_str(), request.text.size() + 1, 0, POS_CHARACTER, 0,
                                                         espeakCHARS_UTF8, &unique_id, user_data);
    if (status != ENS_OK || m_output == Output::capture)
        return;

    // Playback: espeak-ng reads on its own threads. Wait for its "message terminated" event, a stop or a
    // new request; poll espeak_IsPlaying as well, because an audio device that fails to open mid-way
    // ends the utterance without that event.
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (m_quit || m_cancel.load()) {
            lock.unlock();
            g_espeak.cancel();
            return;
        }
        if (m_finished_generation >= request.generation)
            return;
        if (!m_changed.wait_for(lock, playback_poll, [&] {
                return m_quit || m_cancel.load() || m_finished_generation >= request.generation;
            })) {
            lock.unlock();
            const bool playing = g_espeak.is_playing() != 0;
            lock.lock();
            if (!playing && m_finished_generation < request.generation && !m_cancel.load())
                return;
        }
    }
}

}  // namespace lotsen
