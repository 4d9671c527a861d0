/*
 * jpeg.c: JPEG decoding with libjpeg under our own error handling. Its
 * fatal errors jump back to the one setjmp in guarded(). Some of its
 * "warnings" mean the picture is damaged: at the end of a truncated file
 * libjpeg warns "Premature end of JPEG file" and paints the rest grey, so
 * those warnings are errors here; harmless ones are dropped silently.
 * CMYK and YCCK (Photoshop's inverted CMYK) are converted to RGB.
 */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

#include "image/decode.h"

/* Everything the error path needs lives here, in the caller's frame,
 * so no local of the function that calls setjmp changes after it. */
typedef struct jpeg_ctx {
    struct jpeg_decompress_struct cinfo;
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
    FILE *f;
    bool all_rows_read;
    bool truncated;
    char message[JMSG_LENGTH_MAX];
} jpeg_ctx;

static void on_error(j_common_ptr cinfo)
{
    jpeg_ctx *c = cinfo->client_data;
    (*cinfo->err->format_message)(cinfo, c->message);
    longjmp(c->jump, 1);
}

static bool damaging(int code)
{
    return code == JWRN_JPEG_EOF || code == JWRN_HIT_MARKER || code == JWRN_HUFF_BAD_CODE ||
           code == JWRN_ARITH_BAD_CODE || code == JWRN_MUST_RESYNC;
}

/* level -1 is a warning, higher levels are trace output. */
static void on_message(j_common_ptr cinfo, int level)
{
    jpeg_ctx *c = cinfo->client_data;
    if (level >= 0)
        return;
    int code = cinfo->err->msg_code;
    cinfo->err->num_warnings++;
    /* A missing end marker after a complete picture loses nothing. */
    if (code == JWRN_JPEG_EOF && c->all_rows_read)
        return;
    if (!damaging(code))
        return;
    c->truncated = code == JWRN_JPEG_EOF;
    on_error(cinfo);
}

/* Adobe applications store CMYK inverted (255 = no ink); the Adobe
 * marker tells which. Converts in place: the RGB output of pixel i never
 * reaches the CMYK input of a later pixel. */
static void cmyk_to_rgb(unsigned char *px, size_t n, bool inverted)
{
    for (size_t i = 0; i < n; i++) {
        unsigned c = px[i * 4], m = px[i * 4 + 1], y = px[i * 4 + 2], k = px[i * 4 + 3];
        if (!inverted) {
            c = 255 - c;
            m = 255 - m;
            y = 255 - y;
            k = 255 - k;
        }
        px[i * 3] = (unsigned char)((c * k + 127) / 255);
        px[i * 3 + 1] = (unsigned char)((m * k + 127) / 255);
        px[i * 3 + 2] = (unsigned char)((y * k + 127) / 255);
    }
}

static bool read_image(jpeg_ctx *c, arena *a, image *out, char *err, size_t err_len)
{
    struct jpeg_decompress_struct *ci = &c->cinfo;
    jpeg_read_header(ci, TRUE);
    if (!image_size_ok(ci->image_width, ci->image_height, "JPEG", err, err_len))
        return false;
    int want;
    switch (ci->jpeg_color_space) {
    case JCS_GRAYSCALE:
        ci->out_color_space = JCS_GRAYSCALE;
        want = 1;
        break;
    case JCS_YCbCr:
    case JCS_RGB:
        ci->out_color_space = JCS_RGB;
        want = 3;
        break;
    case JCS_CMYK:
    case JCS_YCCK:
        ci->out_color_space = JCS_CMYK;
        want = 4;
        break;
    default:
        snprintf(err, err_len, "unsupported JPEG colour space (%d components of unknown "
                 "kind; greyscale, RGB and CMYK are supported)", ci->num_components);
        return false;
    }
    jpeg_start_decompress(ci);
    if (ci->output_components != want) {
        snprintf(err, err_len, "unsupported JPEG layout (%d components)", ci->output_components);
        return false;
    }
    size_t w = ci->output_width, h = ci->output_height, stride = w * (size_t)want;
    unsigned char *px = arena_alloc(a, stride * h);
    while (ci->output_scanline < ci->output_height) {
        JSAMPROW row = px + (size_t)ci->output_scanline * stride;
        if (jpeg_read_scanlines(ci, &row, 1) != 1) {
            snprintf(err, err_len, "truncated JPEG data (the decoder stopped early)");
            return false;
        }
    }
    c->all_rows_read = true;
    jpeg_finish_decompress(ci);

    if (want == 4)
        cmyk_to_rgb(px, w * h, ci->saw_Adobe_marker);
    if (ci->saw_JFIF_marker && ci->density_unit == 1) {
        out->dpi_x = ci->X_density;
        out->dpi_y = ci->Y_density;
    } else if (ci->saw_JFIF_marker && ci->density_unit == 2) {
        out->dpi_x = ci->X_density * 2.54;
        out->dpi_y = ci->Y_density * 2.54;
    }
    out->width = (int)w;
    out->height = (int)h;
    out->channels = want == 1 ? 1 : 3;
    out->pixels = px;
    out->alpha = NULL;
    return true;
}

static bool guarded(jpeg_ctx *c, arena *a, image *out, char *err, size_t err_len)
{
    if (setjmp(c->jump)) {
        if (c->truncated)
            snprintf(err, err_len, "truncated JPEG data (the file ends before the image does)");
        else
            snprintf(err, err_len, "corrupt or unsupported JPEG data (%s)", c->message);
        return false;
    }
    jpeg_create_decompress(&c->cinfo);
    jpeg_stdio_src(&c->cinfo, c->f);
    return read_image(c, a, out, err, err_len);
}

bool image_jpeg_decode(arena *a, FILE *f, image *out, char *err, size_t err_len)
{
    jpeg_ctx c;
    memset(&c, 0, sizeof c);
    c.f = f;
    c.cinfo.err = jpeg_std_error(&c.mgr);
    c.mgr.error_exit = on_error;
    c.mgr.emit_message = on_message;
    c.cinfo.client_data = &c;
    bool ok = guarded(&c, a, out, err, err_len);
    /* Safe on a struct jpeg_create_decompress never reached: mem is NULL. */
    jpeg_destroy_decompress(&c.cinfo);
    return ok;
}
