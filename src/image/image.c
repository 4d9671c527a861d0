/*
 * image.c: PNG and JPEG decoding under our own error handling (see
 * image.h). PNG goes through libpng's simplified API, which reports
 * errors instead of aborting; JPEG through libjpeg with an error manager
 * that jumps back here, and with its "premature end of data" warning
 * treated as the error it is (libjpeg would fill the rest with grey).
 */
#include "image/image.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <jpeglib.h>

#define MAX_PIXELS (100u * 1000 * 1000)

static bool load_png(arena *a, const char *path, image *out, char *err, size_t n)
{
    png_image pi;
    memset(&pi, 0, sizeof pi);
    pi.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&pi, path)) {
        snprintf(err, n, "not a readable PNG file (%s)", pi.message);
        return false;
    }
    if (pi.width == 0 || pi.height == 0 || (unsigned long long)pi.width * pi.height > MAX_PIXELS) {
        snprintf(err, n, "the PNG is %ux%u pixels; at most 100 megapixels are accepted",
                 pi.width, pi.height);
        png_image_free(&pi);
        return false;
    }
    bool alpha = pi.format & PNG_FORMAT_FLAG_ALPHA;
    bool color = pi.format & PNG_FORMAT_FLAG_COLOR;
    pi.format = color ? (alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB)
                      : (alpha ? PNG_FORMAT_GA : PNG_FORMAT_GRAY);
    size_t size = PNG_IMAGE_SIZE(pi);
    unsigned char *buf = arena_alloc(a, size);
    if (!png_image_finish_read(&pi, NULL, buf, 0, NULL)) {
        snprintf(err, n, "corrupt or truncated PNG data (%s)", pi.message);
        png_image_free(&pi);
        return false;
    }
    int ch = color ? 3 : 1;
    size_t px = (size_t)pi.width * pi.height;
    out->width = (int)pi.width;
    out->height = (int)pi.height;
    out->channels = ch;
    if (!alpha) {
        out->pixels = buf;
        out->alpha = NULL;
    } else {
        /* Split the alpha channel out: PDF takes it as a soft mask. */
        out->pixels = arena_alloc(a, px * (size_t)ch);
        out->alpha = arena_alloc(a, px);
        for (size_t i = 0; i < px; i++) {
            memcpy(out->pixels + i * (size_t)ch, buf + i * (size_t)(ch + 1), (size_t)ch);
            out->alpha[i] = buf[i * (size_t)(ch + 1) + (size_t)ch];
        }
    }
    out->dpi_x = out->dpi_y = 0;
    return true;
}

typedef struct jerr {
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
} jerr;

static void jpeg_fail(j_common_ptr cinfo)
{
    jerr *e = (jerr *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, e->message);
    longjmp(e->jump, 1);
}

/* Warnings (level -1) such as "premature end of JPEG file" are errors. */
static void jpeg_message(j_common_ptr cinfo, int level)
{
    if (level < 0)
        jpeg_fail(cinfo);
}

static bool load_jpeg(arena *a, FILE *f, image *out, char *err, size_t n)
{
    struct jpeg_decompress_struct cinfo;
    jerr e;
    memset(&e, 0, sizeof e);
    cinfo.err = jpeg_std_error(&e.mgr);
    e.mgr.error_exit = jpeg_fail;
    e.mgr.emit_message = jpeg_message;
    if (setjmp(e.jump)) {
        snprintf(err, n, "corrupt or truncated JPEG data (%s)", e.message);
        jpeg_destroy_decompress(&cinfo);
        return false;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_stdio_src(&cinfo, f);
    jpeg_read_header(&cinfo, TRUE);
    if (cinfo.image_width == 0 || cinfo.image_height == 0 ||
        (unsigned long long)cinfo.image_width * cinfo.image_height > MAX_PIXELS) {
        snprintf(err, n, "the JPEG is %ux%u pixels; at most 100 megapixels are accepted",
                 cinfo.image_width, cinfo.image_height);
        jpeg_destroy_decompress(&cinfo);
        return false;
    }
    bool cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    if (cmyk)
        cinfo.out_color_space = JCS_CMYK;
    else if (cinfo.num_components == 1)
        cinfo.out_color_space = JCS_GRAYSCALE;
    else
        cinfo.out_color_space = JCS_RGB;
    jpeg_start_decompress(&cinfo);
    int comps = cinfo.output_components;
    size_t w = cinfo.output_width, h = cinfo.output_height;
    unsigned char *buf = arena_alloc(a, w * h * (size_t)comps);
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = buf + (size_t)cinfo.output_scanline * w * (size_t)comps;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    out->width = (int)w;
    out->height = (int)h;
    out->alpha = NULL;
    out->dpi_x = cinfo.density_unit == 1 ? cinfo.X_density : 0;
    out->dpi_y = cinfo.density_unit == 1 ? cinfo.Y_density : 0;
    if (cmyk) {
        /* Adobe writes inverted CMYK; either way a plain conversion. */
        bool inverted = cinfo.saw_Adobe_marker;
        out->channels = 3;
        out->pixels = arena_alloc(a, w * h * 3);
        for (size_t i = 0; i < w * h; i++) {
            int c = buf[i * 4], m = buf[i * 4 + 1], y = buf[i * 4 + 2], k = buf[i * 4 + 3];
            if (!inverted) {
                c = 255 - c; m = 255 - m; y = 255 - y; k = 255 - k;
            }
            out->pixels[i * 3] = (unsigned char)(c * k / 255);
            out->pixels[i * 3 + 1] = (unsigned char)(m * k / 255);
            out->pixels[i * 3 + 2] = (unsigned char)(y * k / 255);
        }
    } else {
        out->channels = comps;
        out->pixels = buf;
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return true;
}

bool image_load(arena *a, const char *path, image *out, char *err, size_t err_len)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, err_len, "cannot open it");
        return false;
    }
    unsigned char sig[8] = {0};
    size_t got = fread(sig, 1, sizeof sig, f);
    bool ok;
    if (got == 8 && png_sig_cmp(sig, 0, 8) == 0) {
        fclose(f);
        ok = load_png(a, path, out, err, err_len);
    } else if (got >= 3 && sig[0] == 0xFF && sig[1] == 0xD8 && sig[2] == 0xFF) {
        rewind(f);
        ok = load_jpeg(a, f, out, err, err_len);
        fclose(f);
    } else {
        fclose(f);
        snprintf(err, err_len, "not a PNG or JPEG file");
        ok = false;
    }
    return ok;
}
