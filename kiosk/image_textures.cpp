// image_textures.cpp — see image_textures.hpp. The decoder wakes the main loop with an SDL user
// event (SDL_PushEvent is safe from any thread) so a finished picture is drawn without waiting for
// the next timer.
#include "kiosk/image_textures.hpp"

#include "core/image/image_decode.hpp"
#include "core/image/image_refs.hpp"
#include "core/time/civil_time.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <cstdio>

namespace lotsen::kiosk {

ImageTextures::ImageTextures(SDL_Renderer* renderer, std::string images_dir, ImageTextureLimits limits)
    : m_renderer(renderer), m_directory(std::move(images_dir)), m_limits(limits)
{
}

ImageTextures::~ImageTextures()
{
    m_worker.stop();
    clear();
}

ImageTexture ImageTextures::get(const ImageRef& image, int box_width, int box_height)
{
    if (!image.resolved() || box_width <= 0 || box_height <= 0)
        return {};
    std::string key = image.sha256 + " " + std::to_string(box_width) + "x" + std::to_string(box_height);
    if (const auto found = m_textures.find(key); found != m_textures.end()) {
        m_use.splice(m_use.begin(), m_use, found->second.use);
        return found->second.texture;
    }
    if (m_failed.contains(key) || m_pending.contains(key))
        return {};
    Request request{key, m_directory + "/" + image_file_name(image), box_width, box_height};
    struct stat info {};
    if (::stat(request.path.c_str(), &info) != 0)
        return {};  // not fetched (yet): asked again next frame, which costs one stat
    if (m_synchronous) {
        insert(decode(request));
        if (const auto found = m_textures.find(key); found != m_textures.end())
            return found->second.texture;
        return {};
    }
    m_pending.insert(key);
    {
        std::lock_guard lock(m_mutex);
        m_requests.push_back(std::move(request));
    }
    m_worker.start([this] { run(); });
    m_worker.wake();
    return {};
}

ImageTextures::Decoded ImageTextures::decode(const Request& request)
{
    Decoded decoded;
    decoded.key = request.key;
    auto bytes = read_image_file(request.path);
    if (!bytes) {
        decoded.error = bytes.error().text();
        return decoded;
    }
    auto image = decode_image(bytes.value(), request.box_width, request.box_height);
    if (!image) {
        decoded.error = request.path + ": " + image.error().text();
        return decoded;
    }
    // Its last use, for the disk budget's least-recently-used order (core/image/image_cache.hpp).
    ::utimensat(AT_FDCWD, request.path.c_str(), nullptr, 0);
    decoded.width = image.value().width;
    decoded.height = image.value().height;
    decoded.rgba = std::move(image.value().rgba);
    return decoded;
}

void ImageTextures::run()
{
    std::unique_lock lock(m_mutex);
    while (!m_worker.stop_requested()) {
        if (m_requests.empty()) {
            m_worker.sleep_until(lock, std::chrono::steady_clock::now() + std::chrono::hours(1),
                                 [this] { return !m_requests.empty(); });
            continue;
        }
        Request request = std::move(m_requests.front());
        m_requests.pop_front();
        lock.unlock();
        Decoded decoded = decode(request);
        lock.lock();
        m_done.push_back(std::move(decoded));
        SDL_Event event{};
        event.type = SDL_USEREVENT;
        SDL_PushEvent(&event);  // wakes the main loop; it draws a frame, which takes the pixels
    }
}

bool ImageTextures::has_decoded() const
{
    std::lock_guard lock(m_mutex);
    return !m_done.empty();
}

bool ImageTextures::take_decoded()
{
    std::vector<Decoded> done;
    {
        std::lock_guard lock(m_mutex);
        done.swap(m_done);
    }
    for (Decoded& decoded : done) {
        m_pending.erase(decoded.key);
        insert(std::move(decoded));
    }
    return !done.empty();
}

void ImageTextures::insert(Decoded decoded)
{
    if (decoded.rgba.empty()) {
        not_shown(decoded.key, decoded.error);
        return;
    }
    const std::size_t bytes = decoded.rgba.size();
    if (bytes > m_limits.max_texture_bytes) {
        not_shown(decoded.key, decoded.key + ": " + std::to_string(decoded.width) + " x " + std::to_string(decoded.height) +
                                   " pixels is more than the texture budget of " +
                                   std::to_string(m_limits.max_texture_bytes) + " bytes");
        return;
    }
    evict_to_fit(bytes);
    SDL_Texture* texture =
        SDL_CreateTexture(m_renderer, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, decoded.width, decoded.height);
    if (!texture) {
        not_shown(decoded.key, decoded.key + ": no texture: " + SDL_GetError());
        return;
    }
    SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
    SDL_UpdateTexture(texture, nullptr, decoded.rgba.data(), decoded.width * 4);
    m_use.push_front(decoded.key);
    m_textures[decoded.key] = Entry{ImageTexture{texture, decoded.width, decoded.height}, m_use.begin()};
    m_bytes += bytes;
}

void ImageTextures::not_shown(const std::string& key, std::string reason)
{
    std::fprintf(stderr, "lotsen: image not shown: %s\n", reason.c_str());
    m_failed.insert(key);
    ++m_counts.not_shown;
    m_counts.last_not_shown_at = unix_now();
    m_counts.last_not_shown = std::move(reason);
}

void ImageTextures::evict_to_fit(std::size_t extra_bytes)
{
    while (!m_use.empty() &&
           (m_textures.size() + 1 > m_limits.max_textures || m_bytes + extra_bytes > m_limits.max_texture_bytes)) {
        const std::string key = m_use.back();
        m_use.pop_back();
        const auto found = m_textures.find(key);
        if (found == m_textures.end())
            continue;
        m_bytes -= static_cast<std::size_t>(found->second.texture.width) * static_cast<std::size_t>(found->second.texture.height) * 4;
        SDL_DestroyTexture(found->second.texture.texture);
        m_textures.erase(found);
    }
}

void ImageTextures::clear()
{
    for (auto& [key, entry] : m_textures)
        SDL_DestroyTexture(entry.texture.texture);
    m_textures.clear();
    m_use.clear();
    m_bytes = 0;
    m_failed.clear();
}

}  // namespace lotsen::kiosk
