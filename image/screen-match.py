#!/usr/bin/env python3
"""screen-match.py — which of the headless tour's pictures a screenshot of a turned panel shows.

    image/screen-match.py SCREENSHOT.ppm DEGREES EXPECTED.png OTHER.png

SCREENSHOT is what qemu's screendump saw on the output (binary PPM); the kiosk drew its picture upright
at the panel's size and turned it DEGREES clockwise onto the output ([screen] rotation). This turns the
screenshot back and compares it, in 8 x 8 pixel blocks of grey, with two PNGs the headless tour drew
upright at the panel's size: exit 0 when it is nearer EXPECTED than OTHER, 1 when not, 2 on bad input.
A picture turned the wrong way, or a tap that opened another screen, is nearer OTHER (or neither).
The blocks forgive what differs between Mesa's renderer and the tour's software one (anti-aliasing,
the clock's minute); the two screens differ in whole regions. Standard library only (zlib for PNG).
"""
import re
import sys
import zlib

BLOCK = 8


def read_ppm(path):
    data = open(path, "rb").read()
    # Exactly one whitespace byte after maxval: the pixels may begin with bytes that look like spaces.
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
    if not header:
        sys.exit("screen-match: %s: not a binary 8-bit PPM" % path)
    width, height = int(header.group(1)), int(header.group(2))
    pixels = data[header.end():]
    if len(pixels) < width * height * 3:
        sys.exit("screen-match: %s: %d bytes of pixels, %dx%d needs %d" % (path, len(pixels), width, height, width * height * 3))
    return width, height, [pixels[i:i + 3] for i in range(0, width * height * 3, 3)]


def read_png(path):
    """8-bit RGB or RGBA, not interlaced: what kiosk/png_writer.cpp writes."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("screen-match: %s: not a PNG" % path)
    at, idat, header = 8, b"", None
    while at < len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    width, height = int.from_bytes(header[0:4], "big"), int.from_bytes(header[4:8], "big")
    depth, colour, interlace = header[8], header[9], header[12]
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        sys.exit("screen-match: %s: only 8-bit RGB(A), not interlaced" % path)
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        rows.append(line)
        previous = line
    return width, height, [bytes(rows[y][x * channels:x * channels + 3]) for y in range(height) for x in range(width)]


def upright(width, height, pixels, degrees):
    """The picture before it was turned `degrees` clockwise (kiosk/screen_rotation.cpp, to_output)."""
    if degrees in (90, 270):
        w, h = height, width  # the upright picture is the output turned on its side
    else:
        w, h = width, height
    out = []
    for y in range(h):
        for x in range(w):
            if degrees == 90:
                ox, oy = h - 1 - y, x
            elif degrees == 180:
                ox, oy = w - 1 - x, h - 1 - y
            elif degrees == 270:
                ox, oy = y, w - 1 - x
            else:
                ox, oy = x, y
            out.append(pixels[oy * width + ox])
    return w, h, out


def blocks(width, height, pixels):
    grey = []
    for by in range(0, height - BLOCK + 1, BLOCK):
        for bx in range(0, width - BLOCK + 1, BLOCK):
            total = 0
            for y in range(by, by + BLOCK):
                for p in pixels[y * width + bx:y * width + bx + BLOCK]:
                    total += p[0] * 3 + p[1] * 6 + p[2]
            grey.append(total / (BLOCK * BLOCK * 10))
    return grey


def distance(a, b):
    return sum(abs(x - y) for x, y in zip(a, b)) / len(a)


def main():
    if len(sys.argv) != 5 or sys.argv[2] not in ("0", "90", "180", "270"):
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    shot = upright(*read_ppm(sys.argv[1]), int(sys.argv[2]))
    expected, other = read_png(sys.argv[3]), read_png(sys.argv[4])
    if shot[:2] != expected[:2] or shot[:2] != other[:2]:
        print("screen-match: the screenshot turned upright is %dx%d, the tour's pictures %dx%d and %dx%d"
              % (shot[0], shot[1], expected[0], expected[1], other[0], other[1]), file=sys.stderr)
        return 1
    near = distance(blocks(*shot), blocks(*expected))
    far = distance(blocks(*shot), blocks(*other))
    print("mean grey difference per 8x8 block: %.1f from %s, %.1f from %s" % (near, sys.argv[3], far, sys.argv[4]))
    return 0 if near < far else 1


if __name__ == "__main__":
    sys.exit(main())
