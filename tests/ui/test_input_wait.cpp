// test_input_wait.cpp — the main loop's sleep where SDL cannot block (kiosk/input_wait.hpp). A folder of
// FIFOs named event* stands in for /dev/input (this machine has no input devices and no uinput): data
// on one wakes the wait as input and is drained, so the next wait sleeps again; a device added to the
// folder later is watched from then on, and one removed is let go; an event pushed into SDL's queue
// from another thread wakes it as a queued event. The waits have long deadlines that the wake must cut
// short; nothing here measures time.
#include "kiosk/input_wait.hpp"
#include "tests/common/files.hpp"

#include <SDL.h>
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace lotsen::kiosk {
namespace {

constexpr int k_deadline_ms = 20000;  // far longer than a wake takes; a wait that reaches it has failed

class InputWaitTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_EQ(SDL_InitSubSystem(SDL_INIT_EVENTS), 0) << SDL_GetError();
        ASSERT_FALSE(m_dir.path().empty());
    }
    void TearDown() override
    {
        for (int fd : m_writers)
            ::close(fd);
        SDL_QuitSubSystem(SDL_INIT_EVENTS);
    }

    // A stand-in device: a FIFO DIR/NAME, held open for writing so it never reads as hung up.
    int add_device(const std::string& name)
    {
        const std::string path = (m_dir.path() / name).string();
        EXPECT_EQ(::mkfifo(path.c_str(), 0600), 0) << std::strerror(errno);
        const int fd = ::open(path.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);  // O_RDWR: opens without a reader
        EXPECT_GE(fd, 0) << std::strerror(errno);
        m_writers.push_back(fd);
        return fd;
    }

    static void touch(int fd)
    {
        const char packet[24] = {1};  // the size of one struct input_event on 64-bit Linux
        ASSERT_EQ(::write(fd, packet, sizeof packet), static_cast<ssize_t>(sizeof packet));
    }

    std::string dir() const { return m_dir.path().string(); }

private:
    lotsen::testing::TempDir m_dir{"lotsen-input-wait"};
    std::vector<int> m_writers;
};

TEST_F(InputWaitTest, NothingHappeningIsATimeout)
{
    add_device("event0");
    auto wait = InputWait::create(dir());
    EXPECT_EQ(wait->device_count(), 1u);
    EXPECT_TRUE(wait->problems().empty());
    EXPECT_EQ(wait->wait(0), InputWait::Woken::timeout);
    EXPECT_EQ(wait->wait(20), InputWait::Woken::timeout);
}

TEST_F(InputWaitTest, ATouchWakesItAsInputAndIsDrainedSoTheNextWaitSleeps)
{
    const int first = add_device("event0");
    const int second = add_device("event3");
    add_device("mouse0");  // not an event device: not watched
    auto wait = InputWait::create(dir());
    EXPECT_EQ(wait->device_count(), 2u);

    std::thread finger([&] { touch(second); });
    EXPECT_EQ(wait->wait(k_deadline_ms), InputWait::Woken::input);
    finger.join();
    EXPECT_EQ(wait->wait(0), InputWait::Woken::timeout);  // drained: it would not keep the loop awake

    touch(first);
    touch(first);
    EXPECT_EQ(wait->wait(k_deadline_ms), InputWait::Woken::input);
    EXPECT_EQ(wait->wait(0), InputWait::Woken::timeout);
    EXPECT_EQ(wait->device_count(), 2u);
}

TEST_F(InputWaitTest, ADevicePluggedInLaterIsWatchedAndOneRemovedIsLetGo)
{
    auto wait = InputWait::create(dir());
    EXPECT_EQ(wait->device_count(), 0u);

    const int later = add_device("event7");
    EXPECT_EQ(wait->wait(k_deadline_ms), InputWait::Woken::input);  // the folder changed: SDL looks too
    EXPECT_EQ(wait->device_count(), 1u);
    while (wait->wait(0) != InputWait::Woken::timeout) {
    }
    touch(later);
    EXPECT_EQ(wait->wait(k_deadline_ms), InputWait::Woken::input);

    ASSERT_EQ(::unlink((std::filesystem::path(dir()) / "event7").c_str()), 0);
    EXPECT_EQ(wait->wait(k_deadline_ms), InputWait::Woken::input);
    EXPECT_EQ(wait->device_count(), 0u);
}

TEST_F(InputWaitTest, AnEventPushedFromAnotherThreadWakesIt)
{
    auto wait = InputWait::create(dir());
    std::thread other([] {
        SDL_Event event{};
        event.type = SDL_USEREVENT;
        EXPECT_EQ(SDL_PushEvent(&event), 0) << "taken by InputWait's filter, so SDL says filtered: " << SDL_GetError();
    });
    EXPECT_EQ(wait->wait(k_deadline_ms), InputWait::Woken::queued_event);
    other.join();
    SDL_Event event{};
    EXPECT_EQ(SDL_PollEvent(&event), 1);
    EXPECT_EQ(event.type, static_cast<Uint32>(SDL_USEREVENT));
    while (SDL_PollEvent(&event))
        ADD_FAILURE() << "another event " << event.type;
    EXPECT_EQ(wait->wait(0), InputWait::Woken::timeout);
}

// SDL_PushEvent calls its event watches before it queues the event. A pushing thread that stalls
// between the two (preempted on a busy machine; here a watch that sleeps) must not leave the loop
// woken to an empty queue: it would sleep on for its one-second timer with the event unseen. Each
// round the other thread pushes one event while this one waits; when the wait ends, that event is
// in the queue.
TEST_F(InputWaitTest, AnEventFromAnotherThreadIsInTheQueueWhenTheWaitEnds)
{
    constexpr int k_rounds = 20;
    auto wait = InputWait::create(dir());
    SDL_threadID waiting_thread = SDL_ThreadID();
    SDL_EventFilter stall = [](void* waiting, SDL_Event*) {  // stalls every thread but the waiting one
        if (SDL_ThreadID() != *static_cast<SDL_threadID*>(waiting))
            SDL_Delay(50);
        return 1;
    };
    SDL_AddEventWatch(stall, &waiting_thread);
    std::atomic<int> round{0};
    std::thread other([&] {
        for (int i = 1; i <= k_rounds; ++i) {
            while (round.load() < i)
                std::this_thread::yield();
            SDL_Event event{};
            event.type = SDL_USEREVENT;
            event.user.code = i;
            EXPECT_GE(SDL_PushEvent(&event), 0) << SDL_GetError();
        }
    });
    for (int i = 1; i <= k_rounds; ++i) {
        round.store(i);
        EXPECT_EQ(wait->wait(k_deadline_ms), InputWait::Woken::queued_event) << "round " << i;
        SDL_Event event{};
        if (SDL_PollEvent(&event) != 1) {
            ADD_FAILURE() << "round " << i << ": woken, but the event is not in the queue";
            round.store(k_rounds);  // lets the other thread push the rest and end
            break;
        }
        EXPECT_EQ(event.type, static_cast<Uint32>(SDL_USEREVENT));
        EXPECT_EQ(event.user.code, i);
        while (SDL_PollEvent(&event))  // to the end of this look (SDL's sentinel), as the loop does
            ADD_FAILURE() << "round " << i << ": another event " << event.type;
    }
    other.join();
    SDL_DelEventWatch(stall, &waiting_thread);
}

// The filter InputWait sets takes nothing away: events queued before it was made are still there,
// and those other threads pushed before it is destroyed are queued, not lost with it.
TEST_F(InputWaitTest, ComingAndGoingLosesNoEvent)
{
    SDL_Event before{};
    before.type = SDL_USEREVENT;
    before.user.code = 1;
    ASSERT_EQ(SDL_PushEvent(&before), 1) << SDL_GetError();
    {
        auto wait = InputWait::create(dir());
        std::thread other([] {
            SDL_Event event{};
            event.type = SDL_USEREVENT;
            event.user.code = 2;
            EXPECT_EQ(SDL_PushEvent(&event), 0) << SDL_GetError();
        });
        other.join();
    }
    std::vector<Sint32> codes;
    SDL_Event event{};
    while (SDL_PollEvent(&event)) {
        if (event.type == SDL_USEREVENT)
            codes.push_back(event.user.code);
    }
    EXPECT_EQ(codes, (std::vector<Sint32>{1, 2}));
}

TEST_F(InputWaitTest, AMissingFolderIsSaidAndTheWaitStillWorks)
{
    auto wait = InputWait::create(dir() + "/no-such-folder");
    ASSERT_FALSE(wait->problems().empty());
    EXPECT_NE(wait->problems().front().find("no-such-folder cannot be watched for new devices"), std::string::npos)
        << wait->problems().front();
    EXPECT_EQ(wait->wait(10), InputWait::Woken::timeout);
}

}  // namespace
}  // namespace lotsen::kiosk
