// input_wait.hpp — how the main loop sleeps where SDL cannot. SDL 2.26 blocks in SDL_WaitEventTimeout
// only on X11 and Wayland; on KMS/DRM (a Pi without a desktop) and the dummy driver it wakes every
// millisecond to look. Instead the loop sleeps in poll(2) on:
// - the input devices' files (DEVICE_DIR/event*, opened read-only beside SDL's own descriptors, which
//   still read them: ours only say *when* there is something, and what arrives on ours is discarded),
// - an inotify watch of DEVICE_DIR, so a touch screen plugged in later is watched too,
// - an eventfd rung for every event another thread pushes into SDL's queue (a decoded picture, a
//   test's tap),
// until one of them or the next timer. The kernel hands evdev readers a touch only once its whole
// packet (SYN_REPORT) is in, so when ours is readable SDL's is too, and one pump reads the touch.
//
// The ring must come after the event is in the queue, or the loop, woken, looks at a queue without it
// and sleeps on for its one-second timer. SDL_PushEvent calls its event watches *before* it queues,
// so a watch cannot ring: InputWait is SDL's event filter instead. An event pushed from another
// thread is taken by the filter into a list of InputWait's own, then the eventfd is rung, and the
// filter tells SDL to drop it; wait() puts the list back into SDL's queue (SDL_PeepEvents, on the
// loop's thread) before it returns. SDL_PushEvent returns 0 for such an event ("filtered"), not 1.
// Events the loop's own thread pushes (SDL_PollEvent's pump) pass untouched and ring nothing: the
// loop is awake and takes them on its next look.
#pragma once

#include <SDL_events.h>
#include <SDL_thread.h>

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace lotsen::kiosk {

class InputWait {
public:
    /// Watches DEVICE_DIR ("/dev/input" on a kiosk; a test's folder of FIFOs). Never fails: a missing
    /// folder, a device the kiosk may not read or no inotify leave the eventfd and the timer, and
    /// `problems()` says which. Needs SDL's event subsystem running (SDL_Init), and is made on the
    /// thread that calls wait(): events from every other thread ring it. Sets SDL's event filter
    /// (SDL has one) and takes it away again when destroyed; events already queued stay queued.
    static std::unique_ptr<InputWait> create(const std::string& device_dir = "/dev/input");
    ~InputWait();
    InputWait(const InputWait&) = delete;
    InputWait& operator=(const InputWait&) = delete;

    /// Why wait() returned.
    enum class Woken { input, queued_event, timeout, interrupted };

    /// Sleeps up to `timeout_ms` (0: only looks). Input (a device with something to read, or a device
    /// added or gone) comes before a queued SDL event, which comes before the timeout. A signal
    /// (SIGTERM from systemd) ends the wait at once: `interrupted`. Whatever it returns, the events
    /// other threads pushed until then are in SDL's queue, in the order they were pushed.
    Woken wait(int timeout_ms);

    /// How many devices are watched now.
    std::size_t device_count() const { return m_devices.size(); }

    /// What could not be watched, one line each, for the journal (empty when everything could).
    const std::vector<std::string>& problems() const { return m_problems; }

private:
    struct Device {
        std::string name;
        int fd = -1;
    };

    explicit InputWait(std::string device_dir);
    void rescan();
    void close_device(std::size_t index);
    /// SDL's event filter: keeps what the loop's thread pushes, takes what others push.
    static int take_from_other_threads(void* self, SDL_Event* event);
    /// Puts the events taken from other threads into SDL's queue.
    void hand_over();

    std::string m_dir;
    SDL_threadID m_loop_thread = 0;
    std::mutex m_taken_mutex;
    std::vector<SDL_Event> m_taken;  ///< pushed by other threads, not yet in SDL's queue
    int m_event_fd = -1;
    int m_inotify_fd = -1;
    std::vector<Device> m_devices;
    std::vector<std::string> m_problems;
};

}  // namespace lotsen::kiosk
