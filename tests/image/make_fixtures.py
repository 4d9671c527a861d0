#!/usr/bin/env python3
"""make_fixtures.py: writes the image test fixtures into tests/image/data/.

Run once by hand (the files are committed): python3 tests/image/make_fixtures.py
PNGs are written byte by byte with zlib; JPEGs go through cjpeg (Debian
package libjpeg-turbo-progs) from PPM/PGM files, and the CMYK JPEGs through
a small C program linked with libjpeg. The test files check pixel values
that follow from the formulas below, so keep the two in step.
"""
import os
import struct
import subprocess
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
TMP = tempfile.mkdtemp(prefix="briefc-img-")


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def ihdr(w, h, depth, ctype, interlace=0):
    return chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, interlace))


def phys(ppm):
    return chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1))


SIG = b"\x89PNG\r\n\x1a\n"


def png(w, h, depth, ctype, rows, extra=b"", interlace=0):
    """rows: list of raw byte strings, one per scanline (already packed).
    For interlace=1, rows is a list of passes, each a list of rows."""
    if interlace:
        raw = b"".join(b"\x00" + r for p in rows for r in p)
    else:
        raw = b"".join(b"\x00" + r for r in rows)
    return (SIG + ihdr(w, h, depth, ctype, interlace) + extra
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def rgb_rows(w, h, f):
    return [bytes(c for x in range(w) for c in f(x, y)) for y in range(h)]


def save(name, data):
    with open(os.path.join(DATA, name), "wb") as fh:
        fh.write(data)


# --- good PNGs -----------------------------------------------------------

def rgb8(x, y):
    return (x * 60 + 10, y * 100 + 5, 255 - x * 20 - y * 7)


def rgba(x, y):
    return (x * 80, y * 90, 33, x * 100 + y * 50)


def gray_alpha(x, y):
    return (x * 100 + y * 10, 255 - x * 60 - y * 100)


def interlaced(x, y):
    return (x * 20, y * 25, (x * y * 3) % 256)


def adam7(w, h, f):
    passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4),
              (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
    out = []
    for x0, y0, dx, dy in passes:
        rows = []
        for y in range(y0, h, dy):
            xs = range(x0, w, dx)
            if len(xs):
                rows.append(bytes(c for x in xs for c in f(x, y)))
        out.append(rows)
    return out


def palette_rows(w, h):
    # 2-bit indices, four to a byte: index = (x + y) % 3
    rows = []
    for y in range(h):
        idx = [(x + y) % 3 for x in range(w)]
        rows.append(bytes([(idx[0] << 6) | (idx[1] << 4) | (idx[2] << 2) | idx[3]]))
    return rows


def rgb16(x, y):
    # high bytes 0x12.., low bytes 0xFF: stripping keeps 0x12, scaling would round up
    return ((0x10 + x) * 256 + 0xFF, (0x40 + y) * 256 + 0x80, 0xABCD)


def chart(x, y):
    """ok.png: a bar chart, four bars on a white ground with an axis."""
    bars = [(14, 36, 30, (31, 78, 121)), (40, 62, 52, (31, 78, 121)),
            (66, 88, 18, (200, 80, 40)), (92, 114, 62, (31, 78, 121))]
    if 8 <= x <= 116 and y == 72:
        return (60, 60, 60)
    if x == 8 and 6 <= y <= 72:
        return (60, 60, 60)
    for x0, x1, hgt, col in bars:
        if x0 <= x < x1 and 72 - hgt <= y < 72:
            return col
    if y < 72 and y % 16 == 8 and x > 8 and x % 2 == 0:
        return (205, 205, 205)
    return (255, 255, 255)


def landscape(x, y):
    """ok.jpg: a sky gradient, a sun and green hills."""
    import math
    hill = 52 + 8 * math.sin(x / 14.0) + 4 * math.sin(x / 5.0 + 1)
    if y >= hill:
        shade = int(40 * (y - hill) / 30)
        return (60 - shade // 2, 140 - shade, 60 - shade // 2)
    if (x - 88) ** 2 + (y - 20) ** 2 <= 100:
        return (250, 210, 60)
    t = y / 60.0
    return (int(90 + 120 * t), int(150 + 80 * t), 235)


def main():
    os.makedirs(DATA, exist_ok=True)
    save("rgb8.png", png(4, 3, 8, 2, rgb_rows(4, 3, rgb8), phys(3780)))
    save("rgba.png", png(3, 2, 8, 6, rgb_rows(3, 2, rgba)))
    save("rgba_opaque.png", png(2, 2, 8, 6, rgb_rows(2, 2, lambda x, y: (x * 9, y * 9, 7, 255))))
    plte = chunk(b"PLTE", bytes([255, 0, 0, 0, 255, 0, 0, 0, 255]))
    trns = chunk(b"tRNS", bytes([0, 128]))
    save("palette_trns.png", png(4, 2, 2, 3, palette_rows(4, 2), plte + trns))
    rows16 = [b"".join(struct.pack(">HHH", *rgb16(x, y)) for x in range(3)) for y in range(2)]
    save("rgb16.png", png(3, 2, 16, 2, rows16, phys(2835)))
    save("gray.png", png(5, 2, 8, 0, [bytes(x * 50 + y * 3 for x in range(5)) for y in range(2)]))
    save("gray_alpha.png", png(2, 2, 8, 4, rgb_rows(2, 2, gray_alpha)))
    save("gray1.png", png(10, 1, 1, 0, [bytes([0b10110010, 0b11000000])]))
    save("interlaced.png", png(11, 9, 8, 2, adam7(11, 9, interlaced), interlace=1))
    ok_png = png(120, 80, 8, 2, rgb_rows(120, 80, chart), phys(3780))
    save("ok.png", ok_png)

    # --- broken PNGs -----------------------------------------------------
    idat = ok_png.index(b"IDAT")
    idat_len = struct.unpack(">I", ok_png[idat - 4:idat])[0]
    save("truncated.png", ok_png[:idat + 4 + idat_len // 2])
    good = bytearray(png(4, 3, 8, 2, rgb_rows(4, 3, rgb8)))
    i = good.index(b"IDAT")
    n = struct.unpack(">I", good[i - 4:i])[0]
    good[i + 4 + n] ^= 0xFF              # first byte of the IDAT CRC
    save("bad_crc.png", bytes(good))
    save("bad_signature.png", png(4, 3, 8, 2, rgb_rows(4, 3, rgb8)).replace(b"\r\n", b"\n", 1))
    save("empty.png", b"")
    save("text.png", b"This is not an image, only text saved with a .png name.\n")
    tiny = zlib.compress(b"\x00\x00\x00\x00", 9)
    save("huge.png", SIG + ihdr(100000, 100000, 8, 2) + chunk(b"IDAT", tiny) + chunk(b"IEND", b""))
    save("zero_width.png", SIG + ihdr(0, 10, 8, 2) + chunk(b"IDAT", tiny) + chunk(b"IEND", b""))

    # --- JPEGs -------------------------------------------------------------
    def ppm(name, w, h, f):
        p = os.path.join(TMP, name)
        with open(p, "wb") as fh:
            fh.write(b"P6\n%d %d\n255\n" % (w, h))
            fh.write(bytes(c for y in range(h) for x in range(w) for c in f(x, y)))
        return p

    def pgm(name, w, h, f):
        p = os.path.join(TMP, name)
        with open(p, "wb") as fh:
            fh.write(b"P5\n%d %d\n255\n" % (w, h))
            fh.write(bytes(f(x, y) for y in range(h) for x in range(w)))
        return p

    def cjpeg(args, src):
        return subprocess.run(["cjpeg"] + args + [src], check=True, capture_output=True).stdout

    def jfif_density(data, unit, d):
        assert data[2:4] == b"\xff\xe0" and data[6:11] == b"JFIF\x00"
        b = bytearray(data)
        b[13] = unit
        b[14:18] = struct.pack(">HH", d, d)
        return bytes(b)

    halves = ppm("halves.ppm", 32, 16, lambda x, y: (255, 0, 0) if x < 16 else (0, 0, 255))
    base = cjpeg(["-quality", "95"], halves)
    save("baseline.jpg", jfif_density(base, 1, 300))
    save("gray.jpg", cjpeg(["-quality", "95", "-grayscale"],
                           pgm("gray.pgm", 16, 8, lambda x, y: 40 if x < 8 else 200)))
    quads = ppm("quads.ppm", 32, 32, lambda x, y: [[(255, 0, 0), (0, 255, 0)],
                                                   [(0, 0, 255), (255, 255, 255)]][y // 16][x // 16])
    save("progressive.jpg", jfif_density(cjpeg(["-quality", "95", "-progressive"], quads), 2, 118))
    ok_jpg = cjpeg(["-quality", "85", "-optimize"], ppm("ok.ppm", 120, 80, landscape))
    save("ok.jpg", jfif_density(ok_jpg, 1, 96))
    save("truncated.jpg", ok_jpg[:len(ok_jpg) // 2])
    prog = cjpeg(["-quality", "85", "-progressive"], ppm("ok2.ppm", 120, 80, landscape))
    save("truncated_progressive.jpg", prog[:len(prog) // 2])
    sof = base.index(b"\xff\xc0")
    huge = bytearray(base)
    huge[sof + 5:sof + 9] = struct.pack(">HH", 20000, 20000)
    save("huge.jpg", bytes(huge))

    # CMYK and YCCK with an Adobe marker, inverted as Photoshop writes them
    src = os.path.join(TMP, "cmyk.c")
    exe = os.path.join(TMP, "cmyk")
    with open(src, "w") as fh:
        fh.write(CMYK_C)
    subprocess.run(["cc", "-o", exe, src, "-ljpeg"], check=True)
    for name, ycck in (("cmyk.jpg", "0"), ("ycck.jpg", "1")):
        subprocess.run([exe, os.path.join(DATA, name), ycck], check=True)


CMYK_C = r"""
#include <stdio.h>
#include <stdlib.h>
#include <jpeglib.h>
/* 32x16: left half pure red ink (M+Y), right half 50% black. Inverted. */
int main(int argc, char **argv)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr e;
    FILE *f = fopen(argv[1], "wb");
    if (!f) return 1;
    c.err = jpeg_std_error(&e);
    jpeg_create_compress(&c);
    jpeg_stdio_dest(&c, f);
    c.image_width = 32; c.image_height = 16;
    c.input_components = 4; c.in_color_space = JCS_CMYK;
    jpeg_set_defaults(&c);
    jpeg_set_colorspace(&c, atoi(argv[2]) ? JCS_YCCK : JCS_CMYK);
    jpeg_set_quality(&c, 95, TRUE);
    jpeg_start_compress(&c, TRUE);
    unsigned char row[32 * 4];
    for (int x = 0; x < 32; x++) {
        unsigned char ink[4] = {0, 255, 255, 0};
        if (x >= 16) { ink[1] = 0; ink[2] = 0; ink[3] = 128; }
        for (int k = 0; k < 4; k++) row[x * 4 + k] = 255 - ink[k];
    }
    JSAMPROW r = row;
    for (int y = 0; y < 16; y++) jpeg_write_scanlines(&c, &r, 1);
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    fclose(f);
    return 0;
}
"""

if __name__ == "__main__":
    main()
