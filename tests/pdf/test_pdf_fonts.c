/*
 * test_pdf_fonts.c: pins the font objects pdf_font.c writes in place of
 * libharu's (whose Type0 set-up walked all 65,536 codes of every face).
 * Each face drawn is one Type0 font over a CIDFontType2: embedded,
 * subset-tagged in the order first drawn, with a ToUnicode map; its /W
 * gives exactly the widths the layout used; its /CIDToGIDMap ends at the
 * highest code drawn; a face that could not be cut goes in whole and
 * draws the very same page as its subset; text extracts without a
 * warning and qpdf finds nothing wrong.
 */
#include "pdf_tools.h"
#include "text/font.h"

/* The number of the object an entry of the object whose text starts at
 * obj refers to ("/Key 12 0 R"), 0 if none. */
static int ref_of(const char *obj, const char *key)
{
    const char *end = strstr(obj, "endobj"), *k = strstr(obj, key);
    int id = 0;
    if (!k || (end && k > end) || sscanf(k + strlen(key), " %d 0 R", &id) != 1)
        return 0;
    return id;
}

static const char *object(const char *qdf, int id)
{
    char head[64];
    snprintf(head, sizeof head, "\n%d 0 obj", id);
    return id ? strstr(qdf, head) : NULL;
}

/* The CIDFontType2 object whose BaseFont ends in name. */
static const char *cid_font(const char *qdf, const char *name)
{
    for (const char *p = qdf; (p = strstr(p, "/Subtype /CIDFontType2")) != NULL; p++) {
        const char *start = p;
        while (start > qdf && strncmp(start, " obj", 4) != 0)
            start--;
        const char *end = strstr(p, "endobj"), *base = strstr(start, "/BaseFont /");
        if (base && end && base < end) {
            const char *e = base + 11;
            size_t n = strcspn(e, " \n/>");
            if (n >= strlen(name) && strncmp(e + n - strlen(name), name, strlen(name)) == 0)
                return start;
        }
    }
    return NULL;
}

/* The decoded length of a font's CIDToGIDMap; -1 when not found. */
static long map_length(const char *qdf, const char *name)
{
    const char *cid = cid_font(qdf, name);
    const char *map = cid ? object(qdf, ref_of(cid, "/CIDToGIDMap")) : NULL;
    const char *len = map ? object(qdf, ref_of(map, "/Length")) : NULL;
    long n = -1;
    if (!len || sscanf(strstr(len, "obj") + 3, " %ld", &n) != 1)
        return -1;
    return n;
}

/* The width /W gives code cp in a font, -1 when it gives none. */
static int w_width(const char *qdf, const char *name, unsigned cp)
{
    const char *cid = cid_font(qdf, name);
    const char *w = cid ? strstr(cid, "/W [") : NULL;
    if (!w)
        return -1;
    const char *p = w + 4;
    unsigned first;
    int used;
    while (sscanf(p, " %u [%n", &first, &used) == 1 && used > 0) {
        p += used;
        int width;
        for (unsigned code = first; sscanf(p, " %d%n", &width, &used) == 1; code++) {
            p += used;
            if (code == cp)
                return width;
        }
        while (*p == ' ' || *p == '\n')
            p++;
        if (*p != ']')
            return -1;
        p++;
    }
    return -1;
}

int main(void)
{
    char *dir = tools_mkdtemp();
    char pdf[600], one[700], two[700];
    snprintf(pdf, sizeof pdf, "%s/fonts.pdf", dir);
    arena *a = arena_new();
    diag_list *d = diag_new();

    display_doc *doc = display_new(a, 300, 200);
    const char *serif_path = tools_serif(a);
    int serif = display_add_face(a, doc, serif_path);
    int korean = display_add_face(a, doc, tools_font(a, "NanumMyeongjo.ttf",
                                                     "/usr/share/fonts/truetype/nanum/NanumMyeongjo.ttf"));
    int whole = display_add_face(a, doc, serif_path);   /* the same file, not cut */
    display_add_face(a, doc, tools_font(a, "NotoSerif-Bold.ttf",
                                        "/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf"));
    static const uint32_t cafe[] = {'c', 'a', 'f', 0xE9, ' ', 'H', 'i', ' ', 'W', 'A', 'V', 'E'};
    static const uint32_t hangul[] = {0xD55C, 0xAD6D, 0xC5B4};       /* 한국어 */
    /* The Korean face first: fonts are tagged in the order first drawn. */
    disp_page *pg = display_add_page(a, doc);
    tools_text(a, pg, korean, 12, 40, 150, hangul, 3);
    tools_text(a, pg, serif, 24, 40, 100, cafe, 12);
    pg = display_add_page(a, doc);
    tools_text(a, pg, korean, 12, 40, 150, hangul, 3);
    tools_text(a, pg, whole, 24, 40, 100, cafe, 12);
    CHECK(layout_embed_faces(a, d, doc, NULL, NULL), "the faces are prepared for embedding");
    CHECK(doc->faces[serif].data && doc->faces[serif].len > 0, "the serif face is cut");
    CHECK_INT((long)doc->faces[serif].n_codes, 11, "to the 11 characters it draws");
    /* A face hb-subset could not cut goes in whole, with its own glyphs. */
    text_font *font = text_font_load(a, d, (src_loc){serif_path, 0, 0}, serif_path);
    disp_face *wf = &doc->faces[whole];
    uint16_t *gids = arena_alloc(a, wf->n_codes * sizeof *gids);
    for (size_t i = 0; i < wf->n_codes; i++)
        gids[i] = (uint16_t)text_font_glyph(font, wf->codes[i]);
    wf->data = NULL;
    wf->len = 0;
    wf->gids = gids;
    CHECK(pdf_write(doc, pdf, "fonts.pdf", d), "the document is written");
    CHECK_INT(diag_count(d), 0, "without diagnostics");

    CHECK_INT(tools_run(dir, "pdftotext '%s' -", pdf), 0, "pdftotext reads it");
    char *text = tools_out(dir), *err = tools_err(dir);
    CHECK_STR(err, "", "pdftotext prints no warning");
    CHECK(strstr(text, "caf\xc3\xa9 Hi WAVE") != NULL, "the Latin text extracts");
    CHECK(strstr(text, "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4") != NULL, "the Korean text extracts");
    free(text);
    free(err);
    CHECK(tools_fonts_ok(dir, pdf, 3), "3 fonts (the bold face is not drawn), all emb/sub/uni yes");
    tools_run(dir, "pdffonts '%s' | grep -c 'AAAAAA+NanumMyeongjo \\|AAAAAB+NotoSerif-Regular "
                   "\\|AAAAAC+NotoSerif-Regular '", pdf);
    char *tags = tools_out(dir);
    CHECK_STR(tags, "3\n", "tagged in the order first drawn, each tag its own");
    free(tags);

    char *qdf = tools_qdf(dir, pdf);
    CHECK_INT(map_length(qdf, "AAAAAB+NotoSerif-Regular"), (0xE9 + 1) * 2,
              "the serif map ends at U+00E9, the highest code it draws");
    CHECK_INT(map_length(qdf, "+NanumMyeongjo"), (0xD55C + 1) * 2, "the Korean map ends at U+D55C");
    int same = 0;
    for (size_t i = 0; i < sizeof cafe / sizeof *cafe; i++)
        same += w_width(qdf, "AAAAAB+NotoSerif-Regular", cafe[i]) == text_font_advance(font, cafe[i]) &&
                w_width(qdf, "AAAAAC+NotoSerif-Regular", cafe[i]) == text_font_advance(font, cafe[i]);
    CHECK_INT(same, 12, "/W gives each character the width the layout used");
    CHECK_INT(w_width(qdf, "AAAAAB+NotoSerif-Regular", 'B'), -1, "and none for a character not drawn");
    free(qdf);
    CHECK(tools_qpdf_ok(dir, pdf), "qpdf --check passes");

    /* The subset and the whole file draw the same page. */
    CHECK_INT(tools_run(dir, "pdftoppm -r 100 -gray -f 1 -l 1 '%s' '%s/one' && "
                             "pdftoppm -r 100 -gray -f 2 -l 2 '%s' '%s/two'", pdf, dir, pdf, dir),
              0, "both pages render");
    snprintf(one, sizeof one, "%s/one-1.pgm", dir);
    snprintf(two, sizeof two, "%s/two-2.pgm", dir);
    char *p1 = tools_slurp(one), *p2 = tools_slurp(two);
    CHECK(strlen(p1) > 1000 && strcmp(p1, p2) == 0, "the face cut and the face whole draw the same pixels");
    int inked = 0;
    for (const char *p = strchr(p1, '\n'); p && *p; p++)
        inked += (unsigned char)*p < 128;
    CHECK(inked > 200, "and the text is drawn (dark pixels on the page)");
    free(p1);
    free(p2);

    text_font_free(font);
    diag_free(d);
    arena_free(a);
    tools_rmdir(dir);
    return harness_done();
}
