// image_textures.hpp — catalogue images on screen: a decoder thread of its own reads a file from
// DATA_DIR/images and decodes it (core/image, libpng/libjpeg) scaled to the box it is drawn in; the
// UI thread turns finished pixels into SDL textures once a frame. Textures are few and small: at
// most a set number and bytes, the least recently drawn dropped first, so the memory budget holds
// however many activities have images. Screens ask for a texture each frame and draw nothing while
// it is not ready; the decoder never touches ImGui or SDL.
#pragma once

#include "core/base/worker.hpp"
#include "core/catalogue/model.hpp"

#include <SDL.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace lotsen::kiosk {

/// The bounds of the texture cache.
struct ImageTextureLimits {
    std::size_t max_textures = 48;                ///< textures kept at once
    std::size_t max_texture_bytes = 12u << 20;    ///< their pixels, 4 bytes each
};

/// A texture ready to draw and its size in pixels.
struct ImageTexture {
    SDL_Texture* texture = nullptr;
    int width = 0;
    int height = 0;
};

/// Decodes catalogue images off the UI thread and keeps an LRU of textures.
class ImageTextures {
public:
    /// Reads from `images_dir` (DATA_DIR/images), makes textures on `renderer`.
    ImageTextures(SDL_Renderer* renderer, std::string images_dir, ImageTextureLimits limits = {});
    ~ImageTextures();
    ImageTextures(const ImageTextures&) = delete;
    ImageTextures& operator=(const ImageTextures&) = delete;

    /// Decode on the caller's thread instead (the headless tour and tests, where the picture must be
    /// there in the frame that asks for it).
    void set_synchronous(bool synchronous) { m_synchronous = synchronous; }

    /// The texture of `image` fitted inside `box_width` x `box_height` pixels, or nothing while it is
    /// being decoded, when its file is not there (yet), or when it could not be decoded (logged once).
    ImageTexture get(const ImageRef& image, int box_width, int box_height);

    /// Turns decoded pixels into textures (UI thread, once a frame); true when any arrived, so the
    /// frame must be drawn again.
    bool take_decoded();
    /// True when decoded pixels wait for take_decoded().
    bool has_decoded() const;

    /// Drops every texture and forgets failures (a new catalogue, new files).
    void clear();

    /// How many textures are held, and their bytes (for tests, the bench and admin).
    std::size_t texture_count() const { return m_textures.size(); }
    std::size_t texture_bytes() const { return m_bytes; }
    const ImageTextureLimits& limits() const { return m_limits; }

    /// Since start (clear() keeps them), for admin and the heartbeat: pictures that could not be shown
    /// (a file that does not decode, over the texture budget, or no texture) and the newest reason.
    struct Counts {
        std::uint64_t not_shown = 0;
        std::int64_t last_not_shown_at = 0;  ///< Unix seconds
        std::string last_not_shown;          ///< why, naming the file
    };
    const Counts& counts() const { return m_counts; }

private:
    struct Request {
        std::string key;
        std::string path;
        int box_width = 0;
        int box_height = 0;
    };
    struct Decoded {
        std::string key;
        int width = 0;
        int height = 0;
        std::vector<std::uint8_t> rgba;  ///< empty: failed
        std::string error;
    };
    struct Entry {
        ImageTexture texture;
        std::list<std::string>::iterator use;  ///< its place in m_use (front = most recent)
    };

    static Decoded decode(const Request& request);
    void run();
    void insert(Decoded decoded);
    void evict_to_fit(std::size_t extra_bytes);
    void not_shown(const std::string& key, std::string reason);

    SDL_Renderer* m_renderer;
    std::string m_directory;
    ImageTextureLimits m_limits;
    bool m_synchronous = false;

    // UI thread only.
    std::unordered_map<std::string, Entry> m_textures;
    std::list<std::string> m_use;
    std::size_t m_bytes = 0;
    std::unordered_set<std::string> m_failed;   ///< keys that could not be decoded: not asked again
    std::unordered_set<std::string> m_pending;  ///< keys asked of the decoder, not yet back
    Counts m_counts;

    // Shared with the decoder thread, under m_mutex.
    mutable std::mutex m_mutex;
    std::deque<Request> m_requests;
    std::vector<Decoded> m_done;
    Worker m_worker{m_mutex};
};

}  // namespace lotsen::kiosk
