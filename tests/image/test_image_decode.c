/*
 * test_image_decode.c: every good fixture in tests/image/data decodes to
 * the size, channels, alpha and pixel values its generator
 * (make_fixtures.py) wrote. JPEG pixels are checked within a tolerance.
 * image_open keeps a plain 8-bit gray or RGB PNG compressed (its IDAT
 * data as the file holds them) and decodes every other file.
 */
#include <stdlib.h>

#include "../harness.h"
#include "../png_idat.h"
#include "image/image.h"

#define DATA "tests/image/data/"

static bool load(arena *a, const char *name, image *img)
{
    char err[256] = "";
    bool ok = image_load(a, name, img, err, sizeof err);
    if (!ok)
        printf("# %s: %s\n", name, err);
    return ok;
}

static int px(const image *img, int x, int y, int c)
{
    return img->pixels[((size_t)y * img->width + x) * img->channels + c];
}

static int alpha(const image *img, int x, int y)
{
    return img->alpha[(size_t)y * img->width + x];
}

static bool rgb_is(const image *img, int x, int y, int r, int g, int b)
{
    bool ok = px(img, x, y, 0) == r && px(img, x, y, 1) == g && px(img, x, y, 2) == b;
    if (!ok)
        printf("# (%d,%d) is %d,%d,%d, expected %d,%d,%d\n", x, y, px(img, x, y, 0),
               px(img, x, y, 1), px(img, x, y, 2), r, g, b);
    return ok;
}

static bool rgb_near(const image *img, int x, int y, int r, int g, int b, int tol)
{
    bool ok = abs(px(img, x, y, 0) - r) <= tol && abs(px(img, x, y, 1) - g) <= tol &&
              abs(px(img, x, y, 2) - b) <= tol;
    if (!ok)
        printf("# (%d,%d) is %d,%d,%d, expected about %d,%d,%d\n", x, y, px(img, x, y, 0),
               px(img, x, y, 1), px(img, x, y, 2), r, g, b);
    return ok;
}

static void test_rgb8(arena *a)
{
    image img;
    if (!CHECK(load(a, DATA "rgb8.png", &img), "rgb8.png decodes"))
        return;
    CHECK_INT(img.width, 4, "rgb8.png width");
    CHECK_INT(img.height, 3, "rgb8.png height");
    CHECK_INT(img.channels, 3, "rgb8.png is RGB");
    CHECK(img.alpha == NULL, "rgb8.png has no alpha");
    CHECK(rgb_is(&img, 0, 0, 10, 5, 255), "rgb8.png pixel (0,0)");
    CHECK(rgb_is(&img, 1, 1, 70, 105, 228), "rgb8.png pixel (1,1)");
    CHECK(rgb_is(&img, 3, 2, 190, 205, 181), "rgb8.png pixel (3,2)");
    CHECK(img.dpi_x == 96.0 && img.dpi_y == 96.0, "rgb8.png pHYs 3780/m reads as 96 dpi");
}

static void test_rgba(arena *a)
{
    image img;
    if (!CHECK(load(a, DATA "rgba.png", &img), "rgba.png decodes"))
        return;
    CHECK_INT(img.width, 3, "rgba.png width");
    CHECK_INT(img.height, 2, "rgba.png height");
    CHECK_INT(img.channels, 3, "rgba.png colour is RGB");
    if (!CHECK(img.alpha != NULL, "rgba.png has alpha"))
        return;
    CHECK(rgb_is(&img, 2, 1, 160, 90, 33), "rgba.png colour (2,1) after splitting alpha off");
    CHECK(rgb_is(&img, 1, 0, 80, 0, 33), "rgba.png colour (1,0)");
    CHECK_INT(alpha(&img, 0, 0), 0, "rgba.png alpha (0,0)");
    CHECK_INT(alpha(&img, 1, 0), 100, "rgba.png alpha (1,0)");
    CHECK_INT(alpha(&img, 2, 1), 250, "rgba.png alpha (2,1)");
    CHECK(img.dpi_x == 0 && img.dpi_y == 0, "rgba.png without pHYs has dpi 0");

    if (!CHECK(load(a, DATA "rgba_opaque.png", &img), "rgba_opaque.png decodes"))
        return;
    CHECK(img.alpha == NULL, "an all-opaque alpha channel is dropped");
    CHECK_INT(img.channels, 3, "rgba_opaque.png is RGB");
    CHECK(rgb_is(&img, 1, 1, 9, 9, 7), "rgba_opaque.png pixel (1,1)");
}

static void test_palette(arena *a)
{
    image img;
    if (!CHECK(load(a, DATA "palette_trns.png", &img), "palette_trns.png decodes"))
        return;
    CHECK_INT(img.width, 4, "palette width");
    CHECK_INT(img.height, 2, "palette height");
    CHECK_INT(img.channels, 3, "palette becomes RGB");
    if (!CHECK(img.alpha != NULL, "tRNS becomes alpha"))
        return;
    CHECK(rgb_is(&img, 0, 0, 255, 0, 0), "palette entry 0 is red");
    CHECK(rgb_is(&img, 1, 0, 0, 255, 0), "palette entry 1 is green");
    CHECK(rgb_is(&img, 2, 0, 0, 0, 255), "palette entry 2 is blue");
    CHECK(rgb_is(&img, 3, 1, 0, 255, 0), "2-bit indices unpack at (3,1)");
    CHECK_INT(alpha(&img, 0, 0), 0, "tRNS entry 0 is transparent");
    CHECK_INT(alpha(&img, 1, 0), 128, "tRNS entry 1 is half");
    CHECK_INT(alpha(&img, 2, 0), 255, "entry 2 beyond tRNS is opaque");
    CHECK_INT(alpha(&img, 0, 1), 128, "alpha (0,1)");
}

static void test_16bit(arena *a)
{
    image img;
    if (!CHECK(load(a, DATA "rgb16.png", &img), "rgb16.png decodes"))
        return;
    CHECK_INT(img.width, 3, "rgb16.png width");
    CHECK_INT(img.height, 2, "rgb16.png height");
    CHECK_INT(img.channels, 3, "rgb16.png is RGB");
    CHECK(img.alpha == NULL, "rgb16.png has no alpha");
    CHECK(rgb_is(&img, 0, 0, 0x10, 0x40, 0xAB), "16-bit samples keep their high byte at (0,0)");
    CHECK(rgb_is(&img, 2, 1, 0x12, 0x41, 0xAB), "16-bit samples keep their high byte at (2,1)");
    CHECK(img.dpi_x == 72.0, "rgb16.png pHYs 2835/m reads as 72 dpi");
}

static void test_gray(arena *a)
{
    image img;
    if (CHECK(load(a, DATA "gray.png", &img), "gray.png decodes")) {
        CHECK_INT(img.width, 5, "gray.png width");
        CHECK_INT(img.height, 2, "gray.png height");
        CHECK_INT(img.channels, 1, "gray.png stays gray");
        CHECK(img.alpha == NULL, "gray.png has no alpha");
        CHECK_INT(px(&img, 2, 0, 0), 100, "gray.png (2,0)");
        CHECK_INT(px(&img, 4, 1, 0), 203, "gray.png (4,1)");
    }
    if (CHECK(load(a, DATA "gray_alpha.png", &img), "gray_alpha.png decodes")) {
        CHECK_INT(img.channels, 1, "gray+alpha stays gray");
        if (CHECK(img.alpha != NULL, "gray+alpha keeps its alpha")) {
            CHECK_INT(px(&img, 1, 1, 0), 110, "gray_alpha.png gray (1,1)");
            CHECK_INT(alpha(&img, 1, 1), 95, "gray_alpha.png alpha (1,1)");
            CHECK_INT(px(&img, 0, 0, 0), 0, "gray_alpha.png gray (0,0)");
            CHECK_INT(alpha(&img, 0, 0), 255, "gray_alpha.png alpha (0,0)");
        }
    }
    if (CHECK(load(a, DATA "gray1.png", &img), "gray1.png (1 bit) decodes")) {
        static const int want[10] = {255, 0, 255, 255, 0, 0, 255, 0, 255, 255};
        bool same = img.width == 10 && img.height == 1 && img.channels == 1;
        for (int x = 0; same && x < 10; x++)
            same = px(&img, x, 0, 0) == want[x];
        CHECK(same, "1-bit gray expands to 0 and 255");
    }
}

static void test_interlaced(arena *a)
{
    image img;
    if (!CHECK(load(a, DATA "interlaced.png", &img), "interlaced.png decodes"))
        return;
    CHECK_INT(img.width, 11, "interlaced.png width");
    CHECK_INT(img.height, 9, "interlaced.png height");
    int wrong = 0;
    for (int y = 0; y < img.height; y++)
        for (int x = 0; x < img.width; x++)
            if (px(&img, x, y, 0) != x * 20 || px(&img, x, y, 1) != y * 25 ||
                px(&img, x, y, 2) != (x * y * 3) % 256)
                wrong++;
    CHECK_INT(wrong, 0, "every pixel of all seven Adam7 passes lands in place");
}

static void test_ok_png(arena *a)
{
    image img;
    if (!CHECK(load(a, DATA "ok.png", &img), "ok.png decodes"))
        return;
    CHECK_INT(img.width, 120, "ok.png width");
    CHECK_INT(img.height, 80, "ok.png height");
    CHECK_INT(img.channels, 3, "ok.png is RGB");
    CHECK(rgb_is(&img, 0, 0, 255, 255, 255), "ok.png background is white");
    CHECK(rgb_is(&img, 20, 60, 31, 78, 121), "ok.png first bar is blue");
    CHECK(rgb_is(&img, 70, 60, 200, 80, 40), "ok.png third bar is orange");
    CHECK(img.dpi_x == 96.0, "ok.png is 96 dpi");
}

static void test_jpeg(arena *a)
{
    image img;
    if (CHECK(load(a, DATA "baseline.jpg", &img), "baseline.jpg decodes")) {
        CHECK_INT(img.width, 32, "baseline.jpg width");
        CHECK_INT(img.height, 16, "baseline.jpg height");
        CHECK_INT(img.channels, 3, "baseline.jpg is RGB");
        CHECK(img.alpha == NULL, "a JPEG has no alpha");
        CHECK(rgb_near(&img, 4, 8, 255, 0, 0, 8), "baseline.jpg left half red");
        CHECK(rgb_near(&img, 28, 8, 0, 0, 255, 8), "baseline.jpg right half blue");
        CHECK(img.dpi_x == 300.0 && img.dpi_y == 300.0, "JFIF density 300 dpi");
    }
    if (CHECK(load(a, DATA "gray.jpg", &img), "gray.jpg decodes")) {
        CHECK_INT(img.width, 16, "gray.jpg width");
        CHECK_INT(img.height, 8, "gray.jpg height");
        CHECK_INT(img.channels, 1, "gray.jpg stays gray");
        CHECK(abs(px(&img, 2, 4, 0) - 40) <= 4, "gray.jpg left is 40");
        CHECK(abs(px(&img, 13, 4, 0) - 200) <= 4, "gray.jpg right is 200");
        CHECK(img.dpi_x == 0, "JFIF without units gives dpi 0");
    }
    if (CHECK(load(a, DATA "progressive.jpg", &img), "progressive.jpg decodes")) {
        CHECK_INT(img.width, 32, "progressive.jpg width");
        CHECK_INT(img.height, 32, "progressive.jpg height");
        CHECK_INT(img.channels, 3, "progressive.jpg is RGB");
        CHECK(rgb_near(&img, 4, 4, 255, 0, 0, 8), "progressive.jpg top left red");
        CHECK(rgb_near(&img, 27, 4, 0, 255, 0, 8), "progressive.jpg top right green");
        CHECK(rgb_near(&img, 4, 27, 0, 0, 255, 8), "progressive.jpg bottom left blue");
        CHECK(rgb_near(&img, 27, 27, 255, 255, 255, 8), "progressive.jpg bottom right white");
        CHECK(img.dpi_x > 299.7 && img.dpi_x < 299.75, "JFIF 118 dots/cm is 299.72 dpi");
    }
    const char *cmyk[2] = {DATA "cmyk.jpg", DATA "ycck.jpg"};
    for (int i = 0; i < 2; i++) {
        if (!CHECK(load(a, cmyk[i], &img), i ? "ycck.jpg decodes" : "cmyk.jpg decodes"))
            continue;
        CHECK_INT(img.channels, 3, "Adobe CMYK becomes RGB");
        CHECK_INT(img.width, 32, "CMYK JPEG width");
        CHECK(rgb_near(&img, 4, 8, 255, 0, 0, 10), "inverted M+Y ink reads as red");
        CHECK(rgb_near(&img, 28, 8, 127, 127, 127, 10), "inverted 50% K reads as mid gray");
    }
    if (CHECK(load(a, DATA "ok.jpg", &img), "ok.jpg decodes")) {
        CHECK_INT(img.width, 120, "ok.jpg width");
        CHECK_INT(img.height, 80, "ok.jpg height");
        CHECK_INT(img.channels, 3, "ok.jpg is RGB");
        CHECK(img.dpi_x == 96.0, "ok.jpg is 96 dpi");
        CHECK(rgb_near(&img, 88, 20, 250, 210, 60, 20), "ok.jpg sun is yellow");
        CHECK(rgb_near(&img, 10, 78, 47, 114, 47, 25), "ok.jpg ground is green");
    }
}

static void test_open(arena *a)
{
    static const struct {
        const char *name;
        int w, h, channels;
        double dpi;
    } kept[] = {{"rgb8.png", 4, 3, 3, 96}, {"gray.png", 5, 2, 1, 0}, {"ok.png", 120, 80, 3, 96}};
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
        char path[128], what[160], err[256] = "";
        snprintf(path, sizeof path, DATA "%s", kept[i].name);
        image img;
        bool ok = image_open(a, path, &img, err, sizeof err);
        unsigned char want[1 << 16];
        size_t n = png_idat(path, want, sizeof want);
        snprintf(what, sizeof what, "image_open keeps %s compressed, its IDAT data unchanged",
                 kept[i].name);
        CHECK(ok && !img.pixels && img.zdata && img.zlen == n && memcmp(img.zdata, want, n) == 0,
              what);
        snprintf(what, sizeof what, "... with its size, channels and dpi");
        CHECK(ok && img.width == kept[i].w && img.height == kept[i].h &&
                  img.channels == kept[i].channels && img.dpi_x == kept[i].dpi &&
                  img.dpi_y == kept[i].dpi && !img.alpha,
              what);
    }
    static const char *decoded[] = {"rgba.png", "interlaced.png", "palette_trns.png",
                                    "rgb16.png", "gray1.png", "gray_alpha.png", "ok.jpg"};
    for (size_t i = 0; i < sizeof decoded / sizeof decoded[0]; i++) {
        char path[128], what[160], err[256] = "";
        snprintf(path, sizeof path, DATA "%s", decoded[i]);
        image img;
        bool ok = image_open(a, path, &img, err, sizeof err);
        snprintf(what, sizeof what, "image_open decodes %s (alpha, interlace, palette, depth, JPEG)",
                 decoded[i]);
        CHECK(ok && img.pixels && !img.zdata, what);
    }
}

int main(void)
{
    arena *a = arena_new();
    test_open(a);
    test_rgb8(a);
    test_rgba(a);
    test_palette(a);
    test_16bit(a);
    test_gray(a);
    test_interlaced(a);
    test_ok_png(a);
    test_jpeg(a);
    arena_free(a);
    return harness_done();
}
