/*
 * test_pdf_image.c: pins images as raw pixels with a soft mask built from
 * the alpha channel (libharu 2.3.0's PNG loader aborts on corrupt files
 * and never compresses masks, and leaves the header at 1.3 although SMask
 * needs 1.4). An RGBA image drawn twice is embedded once, with its SMask;
 * a gray image whose alpha is all opaque gets no mask. Rows a PNG keeps
 * compressed (image.zdata) go in as they are, flagged /FlateDecode with
 * PNG's predictors through the dictionary's write hook (libharu deflates
 * every stream it flags and drops /Filter from the others), and render
 * with the PNG's own colours.
 */
#include "pdf_tools.h"
#include "../png_idat.h"

/* The IDAT data of a PNG fixture (tests/image/data), concatenated. */
int main(void)
{
    char *dir = tools_mkdtemp();
    char pdf[600];
    snprintf(pdf, sizeof pdf, "%s/image.pdf", dir);
    arena *a = arena_new();
    diag_list *d = diag_new();

    enum { W = 16, H = 8 };
    image rgba = {.width = W, .height = H, .channels = 3};
    rgba.pixels = arena_alloc(a, W * H * 3);
    rgba.alpha = arena_alloc(a, W * H);
    for (int i = 0; i < W * H; i++) {
        rgba.pixels[3 * i] = (unsigned char)(i * 2);
        rgba.pixels[3 * i + 1] = 200;
        rgba.pixels[3 * i + 2] = (unsigned char)(255 - i);
        rgba.alpha[i] = (unsigned char)(i % W * 16);    /* a left-to-right fade */
    }
    image gray = {.width = 3, .height = 2, .channels = 1};
    gray.pixels = arena_alloc(a, 6);
    gray.alpha = arena_alloc(a, 6);
    memset(gray.pixels, 128, 6);
    memset(gray.alpha, 255, 6);

    display_doc *doc = display_new(a, 612, 792);
    disp_page *pg = display_add_page(a, doc);
    disp_page *pg2 = display_add_page(a, doc);
    disp_item *im = display_add_item(a, pg, DISP_IMAGE);
    im->u.image.x = 72;
    im->u.image.y = 600;
    im->u.image.w = 160;
    im->u.image.h = 80;
    im->u.image.img = &rgba;
    disp_item *again = display_add_item(a, pg2, DISP_IMAGE);
    *again = *im;
    again->u.image.y = 300;
    disp_item *g = display_add_item(a, pg, DISP_IMAGE);
    g->u.image.x = 72;
    g->u.image.y = 400;
    g->u.image.w = 30;
    g->u.image.h = 20;
    g->u.image.img = &gray;
    disp_item *r = display_add_item(a, pg, DISP_RULE);
    r->u.rule.x0 = 72;
    r->u.rule.y0 = 590;
    r->u.rule.x1 = 540;
    r->u.rule.y1 = 590;
    r->u.rule.width = 0.5;
    r->color = (disp_color){0.2, 0.4, 0.6};
    disp_item *box = display_add_item(a, pg, DISP_RECT);
    box->u.rect.x = 72;
    box->u.rect.y = 100;
    box->u.rect.w = 200;
    box->u.rect.h = 50;
    box->color = (disp_color){0.9, 0.9, 0.8};
    /* rgb8.png: 4x3 RGB, pixel (x, y) = (60x+10, 100y+5, 255-20x-7y). */
    static unsigned char z[1024];
    image packed = {.width = 4, .height = 3, .channels = 3, .zdata = z,
                    .zlen = png_idat("tests/image/data/rgb8.png", z, sizeof z)};
    CHECK(packed.zlen > 10, "the PNG fixture's IDAT data is read");
    disp_page *pg3 = display_add_page(a, doc);
    disp_item *pk = display_add_item(a, pg3, DISP_IMAGE);
    pk->u.image.x = 300;
    pk->u.image.y = 600;
    pk->u.image.w = 40;        /* 10 pt a pixel */
    pk->u.image.h = 30;
    pk->u.image.img = &packed;
    CHECK(tools_write(a, doc, pdf, NULL, d), "the document is written");
    CHECK_INT(diag_count(d), 0, "without diagnostics");
    CHECK(tools_qpdf_ok(dir, pdf), "qpdf --check passes");
    CHECK(tools_fonts_ok(dir, pdf, 0), "no font is embedded when no text is drawn");

    char *head = tools_slurp(pdf);
    CHECK(strncmp(head, "%PDF-1.4", 8) == 0, "the header says PDF 1.4, which SMask needs");
    free(head);

    CHECK_INT(tools_run(dir, "pdfimages -list '%s'", pdf), 0, "pdfimages lists the images");
    char *list = tools_out(dir);
    /* page num type width height color comp bpc enc interp object ID ... */
    int page, num, w, h, comp, bpc, obj[4], gen;
    char type[16], color[16], enc[16], interp[8];
    int rows = 0, images = 0, smasks = 0, rgb_obj = -1, rgb_again = -1, gray_ok = 0;
    char *line = strtok(list, "\n");
    for (int i = 0; line; line = strtok(NULL, "\n"), i++) {
        if (i < 2 || sscanf(line, "%d %d %15s %d %d %15s %d %d %15s %7s %d %d", &page, &num, type, &w, &h,
                            color, &comp, &bpc, enc, interp, &obj[0], &gen) != 12)
            continue;
        rows++;
        if (strcmp(type, "image") == 0 && strcmp(color, "rgb") == 0 && w == W && h == H && bpc == 8) {
            images++;
            if (page == 1)
                rgb_obj = obj[0];
            else
                rgb_again = obj[0];
        }
        if (strcmp(type, "smask") == 0 && strcmp(color, "gray") == 0 && w == W && h == H)
            smasks++;
        if (strcmp(type, "image") == 0 && strcmp(color, "gray") == 0 && w == 3 && h == 2)
            gray_ok++;
    }
    free(list);
    CHECK_INT(images, 2, "the 16x8 RGB image is drawn twice");
    CHECK(rgb_obj > 0 && rgb_obj == rgb_again, "both draws use the same object: embedded once");
    CHECK_INT(smasks, 2, "each draw shows the gray smask from the alpha channel");
    CHECK_INT(gray_ok, 1, "the gray image is there");
    CHECK_INT(rows, 6, "and the compressed 4x3 image; nothing else (the opaque gray image has no smask)");

    char *qdf = tools_qdf(dir, pdf);
    CHECK_INT(tools_count(qdf, "/Subtype /Image"), 4,
              "four image objects: RGB, its mask, gray, the compressed one");
    CHECK_INT(tools_count(qdf, "/Predictor 15"), 0,
              "qpdf's QDF form decodes the PNG predictors (the data was readable)");
    CHECK_INT(tools_count(qdf, "/SMask "), 1, "one SMask reference");
    CHECK(strstr(qdf, "0.2 0.4 0.6 RG") && strstr(qdf, "0.5 w") && strstr(qdf, "72 590 m") &&
              strstr(qdf, "540 590 l"), "the rule: colour, width, line");
    CHECK(strstr(qdf, "0.9 0.9 0.8 rg") && strstr(qdf, "72 100 200 50 re"), "the box: colour, rectangle");
    free(qdf);
    /* The mask is Flate-compressed (libharu's PNG loader leaves masks raw). */
    CHECK_INT(tools_run(dir, "qpdf --json --json-key=qpdf '%s' | tr -d ' \\n' | "
                             "grep -o '\"/Filter\":\\[\\?\"/FlateDecode\"' | wc -l", pdf), 0, "qpdf --json reads it");
    char *filters = tools_out(dir);
    CHECK_INT(atoi(filters), 7, "the 7 streams (3 pages, 4 images, the mask among them) are "
                                "Flate-compressed");
    free(filters);

    char raw[600];
    snprintf(raw, sizeof raw, "%s/raw.pdf", dir);
    CHECK_INT(tools_run(dir, "qpdf --stream-data=preserve --object-streams=disable --qdf '%s' '%s'",
                        pdf, raw), 0, "a copy with the streams as written");
    char *kept = tools_slurp(raw);
    CHECK(strstr(kept, "/Predictor 15") && strstr(kept, "/Colors 3") && strstr(kept, "/Columns 4") &&
              tools_count(kept, "/Filter /FlateDecode") >= 1,
          "the compressed image says FlateDecode with predictor 15 for 4 RGB columns ");
    free(kept);
    /* Pixel (1, 2) of the image: x 310-320, y 600-610 pt; at 72 dpi the
     * raster row of y = 605 is 792 - 605. */
    CHECK_INT(tools_run(dir, "pdftoppm -r 72 -f 3 -l 3 -x 315 -y 187 -W 1 -H 1 '%s' | tail -c 3 | od -An -tu1",
                        pdf), 0, "pdftoppm renders the third page");
    char *px = tools_out(dir);
    int red = -1, green = -1, blue = -1;
    sscanf(px, "%d %d %d", &red, &green, &blue);
    free(px);
    CHECK(red == 70 && green == 205 && blue == 221, "the pixel has the PNG's colour (70, 205, 221)");
    if (red != 70 || green != 205 || blue != 221)
        printf("#   got %d %d %d\n", red, green, blue);

    diag_free(d);
    arena_free(a);
    tools_rmdir(dir);
    return harness_done();
}
