// kinetic_scroll.cpp — momentum scrolling. The fling decays exponentially (time constant 0.325 s,
// the feel touch users know from phones) and stops at the ends instead of overshooting. A glide (to a
// field, an error, a rest point) eases out exponentially too, faster, so it ends within a second.
#include "kiosk/kinetic_scroll.hpp"

#include <algorithm>
#include <cmath>

namespace lotsen::kiosk {

namespace {
constexpr double k_decay_time_constant = 0.325;  // seconds for velocity to fall to 1/e
constexpr float k_min_velocity = 20.0f;           // px/s below which a fling stops
constexpr float k_max_velocity = 8000.0f;         // px/s, so a wild swipe stays followable
constexpr double k_velocity_window = 0.1;         // seconds of samples the release velocity uses
constexpr double k_glide_time_constant = 0.12;    // seconds for a glide's remaining distance to fall to 1/e
constexpr float k_glide_done = 0.5f;              // px from the goal where a glide just arrives
}  // namespace

void KineticScroll::set_max_offset(float max_offset)
{
    m_max_offset = std::max(0.0f, max_offset);
    m_offset = clamp(m_offset);
}

void KineticScroll::set_offset(float offset)
{
    m_offset = clamp(offset);
    m_velocity = 0.0f;
    m_target.reset();
}

void KineticScroll::scroll_to(float offset)
{
    m_velocity = 0.0f;
    if (std::fabs(clamp(offset) - m_offset) < k_glide_done) {
        m_offset = clamp(offset);
        m_target.reset();
        return;
    }
    m_target = offset;
    m_glide_fresh = true;
}

float KineticScroll::nearest_rest_point(float offset) const
{
    float best = offset;
    float distance = -1.0f;
    for (float point : m_rest_points) {
        const float d = std::fabs(clamp(point) - offset);
        if (distance < 0.0f || d < distance) {
            best = clamp(point);
            distance = d;
        }
    }
    return best;
}

float KineticScroll::clamp(float offset) const
{
    return std::clamp(offset, 0.0f, m_max_offset);
}

void KineticScroll::press(float y, double t)
{
    m_pressed = true;
    m_dragging = false;
    m_velocity = 0.0f;
    m_target.reset();  // a finger stops a glide as it stops a fling
    m_press_y = y;
    m_press_offset = m_offset;
    m_samples[0] = Sample{y, t};
    m_sample_count = 1;
}

void KineticScroll::move(float y, double t)
{
    if (!m_pressed)
        return;
    if (!m_dragging && std::fabs(y - m_press_y) > m_tap_slop)
        m_dragging = true;
    if (m_dragging)
        m_offset = clamp(m_press_offset + (m_press_y - y));
    // Keep the most recent samples in a small ring, oldest dropped first.
    if (m_sample_count == m_samples.size()) {
        std::rotate(m_samples.begin(), m_samples.begin() + 1, m_samples.end());
        m_sample_count--;
    }
    m_samples[m_sample_count++] = Sample{y, t};
}

float KineticScroll::estimate_velocity() const
{
    if (m_sample_count < 2)
        return 0.0f;
    const Sample& last = m_samples[m_sample_count - 1];
    std::size_t first = m_sample_count - 1;
    while (first > 0 && last.t - m_samples[first - 1].t <= k_velocity_window)
        first--;
    const Sample& oldest = m_samples[first];
    const double dt = last.t - oldest.t;
    if (dt <= 0.0)
        return 0.0f;
    // Finger moving up (y falling) scrolls content up: offset grows.
    return static_cast<float>((oldest.y - last.y) / dt);
}

void KineticScroll::release(double t)
{
    if (!m_pressed)
        return;
    m_pressed = false;
    m_last_update = t;
    // A finger that stopped before lifting should not fling.
    const bool stale = m_sample_count > 0 && t - m_samples[m_sample_count - 1].t > k_velocity_window;
    m_velocity = (m_dragging && !stale) ? std::clamp(estimate_velocity(), -k_max_velocity, k_max_velocity) : 0.0f;
    if (std::fabs(m_velocity) < k_min_velocity)
        m_velocity = 0.0f;
    m_dragging = false;
    if (!m_rest_points.empty()) {
        // Where the fling would have come to rest (v·τ is the whole distance of the exponential
        // decay), moved to the nearest rest point: the glide there is the fling.
        const float rest = clamp(m_offset + m_velocity * static_cast<float>(k_decay_time_constant));
        scroll_to(nearest_rest_point(rest));
    }
}

void KineticScroll::update(double t)
{
    if (m_target && !m_pressed) {
        const double dt = m_glide_fresh ? 0.0 : std::max(0.0, t - m_last_update);
        m_glide_fresh = false;
        m_last_update = t;
        const float goal = clamp(*m_target);
        m_offset = goal + (m_offset - goal) * static_cast<float>(std::exp(-dt / k_glide_time_constant));
        if (std::fabs(m_offset - goal) < k_glide_done) {
            m_offset = goal;
            m_target.reset();
        }
        return;
    }
    if (m_pressed || m_velocity == 0.0f) {
        m_last_update = t;
        return;
    }
    const double dt = std::max(0.0, t - m_last_update);
    m_last_update = t;
    // Integrate v(t) = v0·e^(−t/τ) exactly over dt so the distance does not depend on frame rate.
    const double decay = std::exp(-dt / k_decay_time_constant);
    const double distance = m_velocity * k_decay_time_constant * (1.0 - decay);
    m_offset = clamp(m_offset + static_cast<float>(distance));
    m_velocity = static_cast<float>(m_velocity * decay);
    if (std::fabs(m_velocity) < k_min_velocity || m_offset <= 0.0f || m_offset >= m_max_offset)
        m_velocity = 0.0f;
}

}  // namespace lotsen::kiosk
