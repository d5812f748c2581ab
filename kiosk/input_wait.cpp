// input_wait.cpp — the main loop's sleep in poll(2) on input devices, their folder and SDL's queue
// (input_wait.hpp says why).
#include "kiosk/input_wait.hpp"

#include "core/base/file.hpp"

#include <SDL.h>

#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <filesystem>

namespace lotsen::kiosk {

namespace {

// The events SDL's queue holds now, taken out of it (SDL_SetEventFilter discards them).
std::vector<SDL_Event> take_queued()
{
    std::vector<SDL_Event> queued;
    SDL_Event event;
    while (SDL_PeepEvents(&event, 1, SDL_GETEVENT, SDL_FIRSTEVENT, SDL_LASTEVENT) == 1)
        queued.push_back(event);
    return queued;
}

void put_back(std::vector<SDL_Event>& events)
{
    if (!events.empty())
        SDL_PeepEvents(events.data(), static_cast<int>(events.size()), SDL_ADDEVENT, 0, 0);
    events.clear();
}

// More than this many events from other threads between two looks (a decoded picture is one) means
// the loop is stuck; past it, SDL queues them itself after the ring, as it did with a watch.
constexpr std::size_t k_most_taken = 1024;

// Reads `fd` until it has nothing more; false when it is gone (the device was unplugged) or broken.
bool drain(int fd)
{
    alignas(8) char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n > 0)
            continue;
        if (n < 0 && errno == EINTR)
            continue;
        return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);  // 0: the other end closed (a FIFO)
    }
}

}  // namespace

std::unique_ptr<InputWait> InputWait::create(const std::string& device_dir)
{
    return std::unique_ptr<InputWait>(new InputWait(device_dir));
}

InputWait::InputWait(std::string device_dir) : m_dir(std::move(device_dir))
{
    m_event_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m_event_fd >= 0) {
        m_loop_thread = SDL_ThreadID();
        std::vector<SDL_Event> queued = take_queued();
        SDL_SetEventFilter(take_from_other_threads, this);
        put_back(queued);
    } else {
        m_problems.push_back("no eventfd (" + errno_text(errno) + "): events from other threads wait for the next timer");
    }
    m_inotify_fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (m_inotify_fd >= 0 &&
        ::inotify_add_watch(m_inotify_fd, m_dir.c_str(), IN_CREATE | IN_DELETE | IN_ATTRIB | IN_MOVED_TO | IN_MOVED_FROM) < 0) {
        m_problems.push_back(m_dir + " cannot be watched for new devices (" + errno_text(errno) + ")");
        ::close(m_inotify_fd);
        m_inotify_fd = -1;
    } else if (m_inotify_fd < 0) {
        m_problems.push_back("no inotify (" + errno_text(errno) + "): devices plugged in later are not watched");
    }
    rescan();
}

InputWait::~InputWait()
{
    if (m_event_fd >= 0) {
        std::vector<SDL_Event> queued = take_queued();
        SDL_SetEventFilter(nullptr, nullptr);  // waits for a filter call under way to end
        put_back(queued);
        hand_over();
        ::close(m_event_fd);
    }
    if (m_inotify_fd >= 0)
        ::close(m_inotify_fd);
    for (const Device& device : m_devices)
        ::close(device.fd);
}

int InputWait::take_from_other_threads(void* self, SDL_Event* event)
{
    auto* wait = static_cast<InputWait*>(self);
    if (SDL_ThreadID() == wait->m_loop_thread)
        return 1;
    bool taken = false;
    {
        std::lock_guard lock(wait->m_taken_mutex);
        if (wait->m_taken.size() < k_most_taken) {
            wait->m_taken.push_back(*event);
            taken = true;
        }
    }
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = ::write(wait->m_event_fd, &one, sizeof one);
    return taken ? 0 : 1;  // 0: SDL drops it, it is ours to queue
}

void InputWait::hand_over()
{
    std::vector<SDL_Event> taken;
    {
        std::lock_guard lock(m_taken_mutex);
        taken.swap(m_taken);
    }
    put_back(taken);
}

void InputWait::rescan()
{
    std::error_code error;
    std::vector<std::string> present;
    for (const auto& entry : std::filesystem::directory_iterator(m_dir, error)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("event", 0) == 0)
            present.push_back(name);
    }
    // Devices gone from the folder are closed; new ones opened. One that cannot be opened yet (udev
    // sets its group a moment after making it) is tried again on the next change (IN_ATTRIB).
    for (std::size_t i = m_devices.size(); i-- > 0;) {
        if (std::find(present.begin(), present.end(), m_devices[i].name) == present.end())
            close_device(i);
    }
    for (const std::string& name : present) {
        const bool watched = std::any_of(m_devices.begin(), m_devices.end(), [&](const Device& d) { return d.name == name; });
        if (watched)
            continue;
        const std::string path = m_dir + "/" + name;
        const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) {
            const std::string problem = path + " cannot be read (" + errno_text(errno) + ")";
            if (std::find(m_problems.begin(), m_problems.end(), problem) == m_problems.end())
                m_problems.push_back(problem);
            continue;
        }
        m_devices.push_back({name, fd});
    }
}

void InputWait::close_device(std::size_t index)
{
    ::close(m_devices[index].fd);
    m_devices.erase(m_devices.begin() + static_cast<std::ptrdiff_t>(index));
}

InputWait::Woken InputWait::wait(int timeout_ms)
{
    std::vector<pollfd> watched;
    watched.reserve(2 + m_devices.size());
    watched.push_back({m_event_fd, POLLIN, 0});
    watched.push_back({m_inotify_fd, POLLIN, 0});  // a negative fd is skipped by poll
    for (const Device& device : m_devices)
        watched.push_back({device.fd, POLLIN, 0});
    const int ready = ::poll(watched.data(), watched.size(), timeout_ms);
    const int poll_errno = errno;
    if (ready <= 0) {
        hand_over();  // one taken since poll gave up: its ring ends the next wait, the event is queued now
        return ready == 0 || poll_errno != EINTR ? Woken::timeout : Woken::interrupted;
    }

    bool input = false;
    // Devices first, from the back, so closing one does not move those not yet looked at.
    for (std::size_t i = m_devices.size(); i-- > 0;) {
        const short revents = watched[2 + i].revents;
        if (revents == 0)
            continue;
        input = true;
        if ((revents & (POLLERR | POLLNVAL)) != 0 || !drain(m_devices[i].fd))
            close_device(i);  // unplugged (ENODEV) or broken: inotify's rescan opens it again if it returns
        else if ((revents & POLLHUP) != 0)
            close_device(i);
    }
    if (watched[1].revents != 0) {
        drain(m_inotify_fd);
        rescan();
        input = true;
    }
    const bool queued = watched[0].revents != 0;
    if (queued)
        drain(m_event_fd);
    hand_over();  // after the drain: an event taken after it rings again, so the next wait ends at once
    if (input)
        return Woken::input;
    return queued ? Woken::queued_event : Woken::timeout;
}

}  // namespace lotsen::kiosk
