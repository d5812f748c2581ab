// Read-aloud engine: real espeak-ng in capture mode (no audio device needed). No assertion depends on
// wall-clock time: waits have generous limits that only guard against hangs, and "stopped early" is
// measured in samples against the same text read in full.
#include "core/speech/read_aloud.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <string>

using lotsen::ReadAloud;
using namespace std::chrono_literals;

namespace {

constexpr auto hang_guard = 60s;

const std::string swedish_sentence = "Välkommen! Här hittar du föreningar och aktiviteter nära dig.";

// About a minute and a half of speech.
std::string long_swedish_text() {
    std::string text;
    for (int i = 0; i < 12; ++i)
        text += "Språkcaféet träffas varje tisdag i biblioteket. Du behöver inte anmäla dig, du kan bara komma.\n"
                "Det kostar ingenting, och det finns kaffe. Alla språknivåer är välkomna.\n";
    return text;
}

std::unique_ptr<ReadAloud> capture_engine() {
    auto engine = ReadAloud::create(ReadAloud::Output::capture);
    EXPECT_TRUE(engine->available()) << engine->unavailable_reason();
    return engine;
}

std::size_t samples_of(ReadAloud& engine, const std::string& text, const std::string& language) {
    engine.speak(text, language);
    EXPECT_TRUE(engine.wait_until_idle(hang_guard));
    return engine.captured_samples();
}

}  // namespace

// What Debian 12's espeak-ng-data (1.51) really has for the kiosk's languages: Swedish, English, Arabic,
// Persian (also used for Dari) and Ukrainian; no Somali and no Tigrinya voice (Amharic exists, but it is
// not Tigrinya, so it is not substituted).
TEST(ReadAloudVoices, DebianHasTheseKioskLanguages) {
    auto engine = capture_engine();
    for (const char* language : {"sv", "en", "uk", "ar", "fa", "prs", "sv-SE", "EN", "en_GB"})
        EXPECT_TRUE(engine->has_voice(language)) << language;
}

TEST(ReadAloudVoices, AbsentLanguagesHaveNoVoice) {
    auto engine = capture_engine();
    for (const char* language : {"so", "ti", "tlh", "", "-", "xx-sv"})
        EXPECT_FALSE(engine->has_voice(language)) << language;
}

TEST(ReadAloudCapture, SwedishSentenceProducesSamplesAndEnds) {
    auto engine = capture_engine();
    EXPECT_FALSE(engine->speaking());
    engine->speak(swedish_sentence, "sv");
    EXPECT_TRUE(engine->wait_until_idle(hang_guard));
    EXPECT_FALSE(engine->speaking());
    // A few seconds at espeak-ng's 22050 Hz: well over one second's worth of samples.
    EXPECT_GT(engine->captured_samples(), 22050u);
}

TEST(ReadAloudCapture, ReadsEveryScriptAndNewlines) {
    auto engine = capture_engine();
    EXPECT_GT(samples_of(*engine, "مرحبا بك في المكتبة\nيمكنك أن تأتي فقط", "ar"), 0u);
    EXPECT_GT(samples_of(*engine, "Ласкаво просимо!\nПриходьте просто так.", "uk"), 0u);
    EXPECT_GT(samples_of(*engine, "خوش آمدید", "prs"), 0u);
    EXPECT_GT(samples_of(*engine, "Tags <b>and</b> & ampersands are read as text.", "en"), 0u);
}

TEST(ReadAloudCapture, LanguageWithoutVoiceSaysNothing) {
    auto engine = capture_engine();
    engine->speak("እንቋዕ ብደሓን መጻእኩም", "ti");
    EXPECT_FALSE(engine->speaking());
    EXPECT_TRUE(engine->wait_until_idle(hang_guard));
    EXPECT_EQ(engine->captured_samples(), 0u);
}

TEST(ReadAloudCapture, StopEndsALongTextEarly) {
    auto engine = capture_engine();
    const std::size_t full = samples_of(*engine, long_swedish_text(), "sv");
    ASSERT_GT(full, 60u * 22050u);  // over a minute: the text really is long

    engine->speak(long_swedish_text(), "sv");
    ASSERT_TRUE(engine->wait_until_captured(1, hang_guard));  // it has started
    engine->stop();
    ASSERT_TRUE(engine->wait_until_idle(hang_guard));
    EXPECT_FALSE(engine->speaking());
    const std::size_t stopped = engine->captured_samples();
    EXPECT_GT(stopped, 0u);
    EXPECT_LT(stopped, full / 2) << "stop() should end synthesis at the next buffer";

    // The engine is usable again after a stop.
    EXPECT_GT(samples_of(*engine, swedish_sentence, "sv"), 0u);
}

TEST(ReadAloudCapture, StopWhenIdleIsHarmless) {
    auto engine = capture_engine();
    engine->stop();
    EXPECT_FALSE(engine->speaking());
    EXPECT_TRUE(engine->wait_until_idle(hang_guard));
}

TEST(ReadAloudCapture, SpeakReplacesTheRunningUtterance) {
    auto engine = capture_engine();
    const std::size_t full_long = samples_of(*engine, long_swedish_text(), "sv");
    const std::size_t short_alone = samples_of(*engine, swedish_sentence, "sv");
    ASSERT_LT(short_alone, full_long / 4);

    engine->speak(long_swedish_text(), "sv");
    ASSERT_TRUE(engine->wait_until_captured(1, hang_guard));
    engine->speak(swedish_sentence, "sv");
    ASSERT_TRUE(engine->wait_until_idle(hang_guard));
    // Only the replacement's samples are counted, and it was read in full. Not sample-exact: espeak-ng
    // carries a few samples of state over from the aborted utterance (17 of 91623 on Debian 12).
    const std::size_t replaced = engine->captured_samples();
    EXPECT_GE(replaced + short_alone / 100, short_alone);
    EXPECT_LE(replaced, short_alone + short_alone / 100);
}

TEST(ReadAloudCapture, DestructionWhileSpeakingJoinsAndFreesTheEngine) {
    {
        auto engine = capture_engine();
        engine->speak(long_swedish_text(), "sv");
        ASSERT_TRUE(engine->wait_until_captured(1, hang_guard));
        EXPECT_TRUE(engine->speaking());
    }  // the destructor stops and joins mid-utterance
    auto again = capture_engine();
    EXPECT_GT(samples_of(*again, swedish_sentence, "sv"), 0u);
}

TEST(ReadAloudEngine, OnlyOneInstanceHoldsEspeak) {
    auto first = capture_engine();
    auto second = ReadAloud::create(ReadAloud::Output::capture);
    EXPECT_FALSE(second->available());
    EXPECT_NE(second->unavailable_reason().find("another ReadAloud"), std::string::npos) << second->unavailable_reason();
    EXPECT_FALSE(second->has_voice("sv"));
    second->speak(swedish_sentence, "sv");  // harmless no-op
    EXPECT_FALSE(second->speaking());
    second.reset();
    // The second one's destruction did not release the first one's claim or engine.
    EXPECT_GT(samples_of(*first, swedish_sentence, "sv"), 0u);
}

// Playback needs an audio device, which test machines rarely have. Whatever happens, create() must
// not crash or block, and an engine that says it is available must stop and go idle on request.
TEST(ReadAloudPlayback, CreateNeverCrashesAndStopsOnRequest) {
    auto engine = ReadAloud::create(ReadAloud::Output::playback);
    if (!engine->available()) {
        EXPECT_FALSE(engine->unavailable_reason().empty());
        engine->speak(swedish_sentence, "sv");
        EXPECT_FALSE(engine->speaking());
        return;
    }
    EXPECT_TRUE(engine->unavailable_reason().empty());
    engine->speak(long_swedish_text(), "sv");
    engine->stop();
    EXPECT_TRUE(engine->wait_until_idle(hang_guard));
    EXPECT_FALSE(engine->speaking());
    engine->speak(swedish_sentence, "sv");  // destroyed while (perhaps) speaking
}

// The kiosk's engine (issue 21): espeak-ng is loaded on the worker by the first request, not by create().
TEST(ReadAloudOnFirstUse, LoadsAtTheFirstRequestAndReadsIt) {
    auto engine = ReadAloud::create(ReadAloud::Output::capture, ReadAloud::Loading::on_first_use);
    EXPECT_FALSE(engine->loaded());
    EXPECT_FALSE(engine->available());
    EXPECT_TRUE(engine->unavailable_reason().empty());
    engine->speak(swedish_sentence, "sv");
    EXPECT_TRUE(engine->speaking());  // from the request on, also while the engine loads
    ASSERT_TRUE(engine->wait_until_idle(hang_guard));
    ASSERT_TRUE(engine->available()) << engine->unavailable_reason();
    EXPECT_FALSE(engine->refused_last());
    EXPECT_GT(engine->captured_samples(), 0u);
    EXPECT_TRUE(engine->has_voice("sv"));
    EXPECT_GT(samples_of(*engine, swedish_sentence, "sv"), 0u);  // and again, loaded
}

// Whether a language has a voice is known only once the engine is loaded: the first request in a
// language without one is refused after loading, and says so through refused_last().
TEST(ReadAloudOnFirstUse, AFirstRequestWithoutAVoiceIsRefusedAfterLoading) {
    auto engine = ReadAloud::create(ReadAloud::Output::capture, ReadAloud::Loading::on_first_use);
    engine->speak("ሰላም", "ti");
    ASSERT_TRUE(engine->wait_until_idle(hang_guard));
    EXPECT_TRUE(engine->available()) << engine->unavailable_reason();
    EXPECT_TRUE(engine->refused_last());
    EXPECT_EQ(engine->captured_samples(), 0u);
    engine->speak(swedish_sentence, "sv");
    ASSERT_TRUE(engine->wait_until_idle(hang_guard));
    EXPECT_FALSE(engine->refused_last());
    EXPECT_GT(engine->captured_samples(), 0u);
}

// A kiosk without libespeak-ng.so.1: a clear line naming the library and dlerror(), no reading aloud,
// no crash. In a fresh process of its own (gtest's threadsafe death test re-runs this binary for this
// test alone), since a process that has loaded espeak-ng keeps it and never opens another library.
TEST(ReadAloudMissingLibraryDeathTest, SaysWhichLibraryAndReadsNothing) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    EXPECT_EXIT(
        {
            auto engine = ReadAloud::create(ReadAloud::Output::capture, ReadAloud::Loading::on_first_use,
                                            "libespeak-ng-missing.so.1");
            engine->speak(swedish_sentence, "sv");
            const bool idle = engine->wait_until_idle(hang_guard);
            const std::string reason = engine->unavailable_reason();
            const bool as_expected = idle && engine->loaded() && !engine->available() && engine->refused_last() &&
                                     !engine->has_voice("sv") && engine->captured_samples() == 0 &&
                                     reason.find("libespeak-ng-missing.so.1") != std::string::npos &&
                                     reason.find("cannot open shared object file") != std::string::npos;
            engine->speak(swedish_sentence, "sv");  // refused at once now, still no crash
            const bool refused_again = !engine->speaking() && engine->refused_last();
            engine.reset();
            std::exit(as_expected && refused_again ? 0 : 1);
        },
        testing::ExitedWithCode(0),
        "lotsen: read aloud is off: cannot load libespeak-ng-missing.so.1: .*cannot open shared object file");
}
