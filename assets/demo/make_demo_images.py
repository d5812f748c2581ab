#!/usr/bin/env python3
"""Draws the demo catalogue's pictures into assets/demo/images/ (PNG, made here, no outside art).

    python3 assets/demo/make_demo_images.py            # writes the PNG files next to this script
    python3 assets/demo/make_demo_images.py --check    # exits 1 if a file is out of date

Each picture is a few flat shapes (sky, hills, notes, yarn, a pot, a board, emblems) filled with 2x2
supersampling, written with zlib alone, so the output is byte-identical on every run. The catalogue
names them with "image": {"file": "images/<name>.png"} (make_demo_catalogue.py); publishing turns
each into its SHA-256 and sizes (docs/catalogue.md, "Images").
"""

import math
import struct
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "images"


def png(width, height, pixel):
    """PNG bytes of an RGB image; pixel(x, y) gives the colour at the centre of (x, y)."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            acc = [0, 0, 0]
            for dy in (0.25, 0.75):
                for dx in (0.25, 0.75):
                    c = pixel(x + dx, y + dy)
                    acc[0] += c[0]
                    acc[1] += c[1]
                    acc[2] += c[2]
            rows.extend(bytes(int(v / 4 + 0.5) for v in acc))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) +
            chunk(b"IEND", b""))


def mix(a, b, t):
    return tuple(a[i] + (b[i] - a[i]) * t for i in range(3))


def in_circle(x, y, cx, cy, r):
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def in_ellipse(x, y, cx, cy, rx, ry, angle=0.0):
    c, s = math.cos(angle), math.sin(angle)
    u, v = (x - cx) * c + (y - cy) * s, -(x - cx) * s + (y - cy) * c
    return (u / rx) ** 2 + (v / ry) ** 2 <= 1.0


def near_segment(x, y, ax, ay, bx, by, half):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= half * half


def outdoors(x, y):
    # A path over two hills under a low sun.
    if y < 180 - 40 * math.sin(x / 90) and y < 215 + 25 * math.sin(x / 60 + 1):
        if in_circle(x, y, 350, 95, 42):
            return (250, 208, 90)
        return mix((126, 182, 230), (214, 234, 246), y / 200)
    if y < 215 + 25 * math.sin(x / 60 + 1):
        return (86, 150, 96)
    if abs(x - 240 - (y - 320) * 0.55) < (y - 200) * 0.35:
        return (214, 190, 140)
    return (60, 124, 74)


def music(x, y):
    # Two beamed notes and one on its own.
    ink = (52, 40, 96)
    for cx, cy in ((150, 220), (260, 200)):
        if in_ellipse(x, y, cx, cy, 30, 21, -0.35) or near_segment(x, y, cx + 26, cy - 8, cx + 26, cy - 140, 5):
            return ink
    if near_segment(x, y, 176, 72, 286, 52, 11):
        return ink
    if in_ellipse(x, y, 380, 240, 26, 18, -0.35) or near_segment(x, y, 403, 233, 403, 120, 4.5):
        return ink
    return mix((250, 226, 196), (244, 190, 170), (x + y) / 800)


def crafts(x, y):
    # A ball of yarn and two needles.
    if near_segment(x, y, 300, 60, 440, 280, 6) or near_segment(x, y, 340, 50, 380, 290, 6):
        return (140, 110, 80)
    if in_circle(x, y, 200, 180, 105):
        d = math.hypot(x - 200, y - 180)
        stripe = (math.sin((x - 200) * 0.09 + (y - 180) * 0.04) + math.sin(d * 0.12)) > 0.6
        return (176, 54, 84) if stripe else (214, 82, 112)
    return (236, 228, 214)


def cooking(x, y):
    # A pot on a stove with steam.
    for i, sx in enumerate((190, 240, 290)):
        if 40 < y < 130 and abs(x - sx - 14 * math.sin(y / 14 + i)) < 5:
            return (250, 250, 250)
    if 150 <= y <= 270 and 130 <= x <= 350:
        return (64, 88, 110)
    if in_ellipse(x, y, 240, 150, 118, 18):
        return (90, 116, 140)
    if near_segment(x, y, 100, 175, 130, 175, 8) or near_segment(x, y, 350, 175, 380, 175, 8):
        return (64, 88, 110)
    if y > 270:
        return (120, 120, 124)
    return mix((255, 214, 150), (245, 160, 110), y / 320)


def games(x, y):
    # A board and a pawn.
    if in_circle(x, y, 330, 120, 26) or (in_ellipse(x, y, 330, 190, 34, 60) and y > 140) or (
            in_ellipse(x, y, 330, 250, 56, 18)):
        return (40, 40, 44)
    if 60 <= x < 420 and 40 <= y < 300:
        light = ((int(x - 60) // 45) + (int(y - 40) // 45)) % 2 == 0
        return (238, 218, 180) if light else (150, 106, 72)
    return (90, 130, 120)


def logo(colour_a, colour_b, kind):
    def draw(x, y):
        if not in_circle(x, y, 128, 128, 120):
            return (255, 255, 255)
        if kind == "leaf" and in_ellipse(x, y, 128, 128, 80, 42, -0.7):
            return colour_b
        if kind == "rings" and (in_circle(x, y, 100, 128, 52) ^ in_circle(x, y, 156, 128, 52)):
            return colour_b
        if kind == "wave" and abs(y - 128 - 26 * math.sin(x / 22)) < 14:
            return colour_b
        return colour_a
    return draw


PICTURES = {
    "outdoors.png": (480, 320, outdoors),
    "music.png": (480, 320, music),
    "crafts.png": (480, 320, crafts),
    "cooking.png": (480, 320, cooking),
    "games.png": (480, 320, games),
    "logo-leaf.png": (256, 256, logo((52, 120, 80), (200, 230, 180), "leaf")),
    "logo-rings.png": (256, 256, logo((60, 72, 150), (240, 200, 90), "rings")),
    "logo-wave.png": (256, 256, logo((30, 110, 150), (200, 236, 246), "wave")),
}


def main():
    check = "--check" in sys.argv[1:]
    OUT.mkdir(exist_ok=True)
    stale = []
    for name, (width, height, pixel) in PICTURES.items():
        data = png(width, height, pixel)
        path = OUT / name
        if check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(name)
        else:
            path.write_bytes(data)
    if stale:
        print("out of date: " + ", ".join(stale) + " (run make_demo_images.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
