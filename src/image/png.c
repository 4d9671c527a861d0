/*
 * png.c: PNG decoding with libpng under our own error handling. libpng
 * reports errors through a function we install, which jumps back to the
 * one setjmp in guarded(); its warnings are dropped, so nothing reaches
 * stderr. Every PNG comes out as 8-bit gray or RGB, plus an alpha plane
 * when the file has real transparency.
 *
 * image_png_compressed reads a PNG without decoding it: when its rows can
 * go into a PDF as they are (8-bit gray or RGB, not interlaced, no
 * transparency), it keeps the IDAT chunks' zlib stream, whose PNG row
 * filters are PDF's predictor 15, so the pixels are neither inflated nor
 * deflated again. Every chunk's CRC is checked; anything unusual sends
 * the file to the decoder, which gives the verdict it always gave.
 */
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "image/decode.h"

/* Everything the error path needs lives here, in the caller's frame,
 * so no local of the function that calls setjmp changes after it. */
typedef struct png_ctx {
    FILE *f;
    png_structp png;
    png_infop info;
    bool truncated;
    bool read_failed;
    char message[200];
    char warning[200];      /* the last warning, which may explain an error */
} png_ctx;

static void on_error(png_structp png, png_const_charp msg)
{
    png_ctx *c = png_get_error_ptr(png);
    snprintf(c->message, sizeof c->message, "%s", msg ? msg : "unknown error");
    png_longjmp(png, 1);
}

/* Warnings never print; the last is kept because libpng explains a bad
 * IHDR only in warnings before failing with "Invalid IHDR data". */
static void on_warning(png_structp png, png_const_charp msg)
{
    png_ctx *c = png_get_error_ptr(png);
    snprintf(c->warning, sizeof c->warning, "%s", msg ? msg : "");
}

/* Our own reader, so that running out of bytes says "truncated". */
static void read_bytes(png_structp png, png_bytep data, size_t n)
{
    png_ctx *c = png_get_io_ptr(png);
    if (fread(data, 1, n, c->f) == n)
        return;
    if (ferror(c->f))
        c->read_failed = true;
    else
        c->truncated = true;
    png_error(png, "read past the end of the file");
}

/* pHYs gives pixels per metre; a whole dpi that rounds to exactly this
 * value is what the writer meant (3780 is 96 dpi, not 96.012). */
static double dpi_from_ppm(png_uint_32 ppm)
{
    double dpi = ppm * 0.0254;
    unsigned long whole = (unsigned long)(dpi + 0.5);
    if ((unsigned long)(whole / 0.0254 + 0.5) == ppm)
        return (double)whole;
    return dpi;
}

/* Moves the last channel of each pixel into a plane of its own; the
 * colour channels close up in place (they only ever move left). Returns
 * NULL when every pixel is opaque, so no soft mask is written for it. */
static unsigned char *split_alpha(arena *a, unsigned char *px, size_t n, int ch)
{
    size_t cc = (size_t)ch - 1;
    bool opaque = true;
    for (size_t i = 0; i < n && opaque; i++)
        opaque = px[i * (size_t)ch + cc] == 255;
    unsigned char *alpha = opaque ? NULL : arena_alloc(a, n);
    for (size_t i = 0; i < n; i++) {
        if (alpha)
            alpha[i] = px[i * (size_t)ch + cc];
        memmove(px + i * cc, px + i * (size_t)ch, cc);
    }
    return alpha;
}

static bool read_image(png_ctx *c, arena *a, image *out, char *err, size_t err_len)
{
    png_set_read_fn(c->png, c, read_bytes);
    png_set_sig_bytes(c->png, 8);
    png_read_info(c->png, c->info);
    png_uint_32 w = png_get_image_width(c->png, c->info);
    png_uint_32 h = png_get_image_height(c->png, c->info);
    if (!image_size_ok(w, h, "PNG", err, err_len))
        return false;

    /* Palette to RGB, gray below 8 bits to 8, tRNS to an alpha channel. */
    png_set_expand(c->png);
    png_set_strip_16(c->png);
    int passes = png_set_interlace_handling(c->png);
    png_read_update_info(c->png, c->info);
    int ch = png_get_channels(c->png, c->info);
    size_t stride = png_get_rowbytes(c->png, c->info);
    if (png_get_bit_depth(c->png, c->info) != 8 || ch < 1 || ch > 4 ||
        stride != (size_t)w * (size_t)ch) {
        snprintf(err, err_len, "unsupported PNG layout (%d channels, %zu bytes a row)",
                 ch, stride);
        return false;
    }

    unsigned char *px = arena_alloc(a, stride * h);
    /* Each interlace pass revisits every row and fills in its pixels. */
    for (int pass = 0; pass < passes; pass++)
        for (png_uint_32 y = 0; y < h; y++)
            png_read_row(c->png, px + (size_t)y * stride, NULL);
    png_read_end(c->png, NULL);

    png_uint_32 rx = 0, ry = 0;
    int unit = 0;
    if (png_get_pHYs(c->png, c->info, &rx, &ry, &unit) && unit == PNG_RESOLUTION_METER) {
        out->dpi_x = dpi_from_ppm(rx);
        out->dpi_y = dpi_from_ppm(ry);
    }
    out->width = (int)w;
    out->height = (int)h;
    out->channels = ch <= 2 ? 1 : 3;
    out->pixels = px;
    out->alpha = (ch == 2 || ch == 4) ? split_alpha(a, px, (size_t)w * h, ch) : NULL;
    return true;
}

static bool guarded(png_ctx *c, arena *a, image *out, char *err, size_t err_len)
{
    if (setjmp(png_jmpbuf(c->png))) {
        if (c->truncated)
            snprintf(err, err_len, "truncated PNG data (the file ends before the image does)");
        else if (c->read_failed)
            snprintf(err, err_len, "cannot read the file");
        else if (strstr(c->message, "IHDR") && c->warning[0])
            snprintf(err, err_len, "corrupt PNG data (%s: %s)", c->message, c->warning);
        else
            snprintf(err, err_len, "corrupt PNG data (%s)", c->message);
        return false;
    }
    return read_image(c, a, out, err, err_len);
}

bool image_png_decode(arena *a, FILE *f, image *out, char *err, size_t err_len)
{
    png_ctx c;
    memset(&c, 0, sizeof c);
    c.f = f;
    c.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &c, on_error, on_warning);
    if (c.png)
        c.info = png_create_info_struct(c.png);
    if (!c.png || !c.info) {
        png_destroy_read_struct(&c.png, NULL, NULL);
        snprintf(err, err_len, "cannot start the PNG decoder");
        return false;
    }
    bool ok = guarded(&c, a, out, err, err_len);
    png_destroy_read_struct(&c.png, &c.info, NULL);
    return ok;
}

/* CRC-32 as PNG defines it (ISO 3309), a byte at a time from a table
 * made on the stack: small files, a few hundred KB at most a brief. */
static uint32_t crc32_png(const unsigned char *p, size_t n)
{
    uint32_t table[256];
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++)
        c = table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

bool image_png_compressed(arena *a, const unsigned char *d, size_t n, image *out)
{
    memset(out, 0, sizeof *out);
    size_t at = 8, idat_len = 0;
    bool ihdr = false, iend = false, in_idat = false, idat_done = false;
    uint32_t w = 0, h = 0;
    /* First pass: the chunks' frames, CRCs and what they say. */
    while (at < n && !iend) {
        if (n - at < 12)
            return false;
        uint32_t len = be32(d + at);
        const unsigned char *type = d + at + 4, *data = d + at + 8;
        if (len > n - at - 12 || crc32_png(type, (size_t)len + 4) != be32(data + len))
            return false;
        bool is_idat = memcmp(type, "IDAT", 4) == 0;
        if (!ihdr) {
            if (memcmp(type, "IHDR", 4) != 0 || len != 13)
                return false;
            w = be32(data);
            h = be32(data + 4);
            /* 8-bit gray (0) or RGB (2), deflate, adaptive filters, no interlace */
            if (data[8] != 8 || (data[9] != 0 && data[9] != 2) || data[10] || data[11] ||
                data[12])
                return false;
            ihdr = true;
        } else if (is_idat) {
            if (idat_done)
                return false;   /* IDAT chunks must be consecutive */
            idat_len += len;
        } else if (memcmp(type, "IEND", 4) == 0) {
            iend = true;
        } else if (memcmp(type, "tRNS", 4) == 0 || !(type[0] & 0x20)) {
            return false;       /* transparency, or a critical chunk the decoder must judge */
        } else if (memcmp(type, "pHYs", 4) == 0 && len == 9 && data[8] == 1) {
            out->dpi_x = dpi_from_ppm(be32(data));
            out->dpi_y = dpi_from_ppm(be32(data + 4));
        }
        if (in_idat && !is_idat)
            idat_done = true;
        in_idat = is_idat;
        at += (size_t)len + 12;
    }
    char err[8];
    if (!iend || !idat_len || w > 0x7FFFFFFF || h > 0x7FFFFFFF ||
        !image_size_ok(w, h, "PNG", err, sizeof err))
        return false;
    /* A zlib header (deflate, a valid check), as the decoder would demand. */
    unsigned char *z = arena_alloc(a, idat_len);
    size_t zn = 0;
    for (at = 8; zn < idat_len;) {
        uint32_t len = be32(d + at);
        if (memcmp(d + at + 4, "IDAT", 4) == 0) {
            memcpy(z + zn, d + at + 8, len);
            zn += len;
        }
        at += (size_t)len + 12;
    }
    if (zn < 2 || (z[0] & 0x0F) != 8 || (z[0] >> 4) > 7 || ((unsigned)z[0] << 8 | z[1]) % 31 ||
        (z[1] & 0x20)) {
        memset(out, 0, sizeof *out);
        return false;
    }
    out->width = (int)w;
    out->height = (int)h;
    out->channels = d[8 + 8 + 9] == 0 ? 1 : 3;
    out->zdata = z;
    out->zlen = zn;
    return true;
}
