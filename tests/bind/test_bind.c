/*
 * test_bind.c: tests of src/bind. Every fixture is made here, in a fresh
 * temporary folder: source PDFs written by hand (with computed xref
 * offsets), the packet written by libharu as briefc writes it, an
 * encrypted copy by qpdf's writer, damaged copies by cutting or changing
 * bytes of a good file. The merged PDF is read back with qpdf's C API,
 * pdftotext (when installed) and `qpdf --check`.
 */
#include <hpdf.h>
#include <math.h>
#include <pthread.h>
#include <qpdf/qpdf-c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "bind/bind.h"
#include "../harness.h"

static arena *A;
static char dir[64];

static const char *tmp(const char *name)
{
    return arena_printf(A, "%s/%s", dir, name);
}

/* A stream object's body with its /Length. */
static const char *strm(const char *dict, const char *data)
{
    return arena_printf(A, "<< %s /Length %zu >>\nstream\n%s\nendstream", dict, strlen(data), data);
}

/* Writes objects 1..n (objs[i] is object i+1; object 1 is the catalog)
 * with a correct xref table. */
static void write_pdf(const char *path, const char *const *objs, int n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    long *off = calloc((size_t)n + 1, sizeof *off);
    fputs("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", f);
    for (int i = 0; i < n; i++) {
        off[i] = ftell(f);
        fprintf(f, "%d 0 obj\n%s\nendobj\n", i + 1, objs[i]);
    }
    long xref = ftell(f);
    fprintf(f, "xref\n0 %d\n0000000000 65535 f \n", n + 1);
    for (int i = 0; i < n; i++)
        fprintf(f, "%010ld 00000 n \n", off[i]);
    fprintf(f, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", n + 1, xref);
    fclose(f);
    free(off);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = arena_alloc(A, (size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, f);
    fclose(f);
    return buf;
}

static void spit(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data, 1, len, f);
    fclose(f);
}

/* Source A: three pages (inherited MediaBox; a CropBox; /Rotate 90),
 * bookmarks with nesting and both kinds of text string, and on its pages
 * a URI link, links to other pages (explicit and named), a widget. */
static void make_source_a(const char *path)
{
    const char *objs[] = {
        /* 1 */ "<< /Type /Catalog /Pages 2 0 R /Outlines 10 0 R /Names << /Dests 20 0 R >> >>",
        /* 2 */ "<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 /MediaBox [0 0 612 792] >>",
        /* 3 */ "<< /Type /Page /Parent 2 0 R /Contents 6 0 R /Resources << /Font << /F1 9 0 R >> >>"
                " /Annots [11 0 R 12 0 R 13 0 R 14 0 R] >>",
        /* 4 */ "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /CropBox [50 100 550 700]"
                " /Contents 7 0 R /Resources << /Font << /F1 9 0 R >> >> /Annots [15 0 R] >>",
        /* 5 */ "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 500] /Rotate 90"
                " /Contents 8 0 R /Resources << /Font << /F1 9 0 R >> >> /Annots [19 0 R] >>",
        /* 6 */ strm("", "BT /F1 24 Tf 72 700 Td (SOURCE ONE) Tj ET"),
        /* 7 */ strm("", "BT /F1 24 Tf 100 400 Td (SOURCE TWO) Tj ET"),
        /* 8 */ strm("", "BT /F1 18 Tf 20 250 Td (SOURCE THREE) Tj ET"),
        /* 9 */ "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        /* 10 */ "<< /Type /Outlines /First 16 0 R /Last 21 0 R /Count 4 >>",
        /* 11 */ "<< /Type /Annot /Subtype /Link /Rect [72 600 200 620] /P 3 0 R /Border [0 0 0]"
                 " /A << /S /URI /URI (https://example.org/a) >> >>",
        /* 12 */ "<< /Type /Annot /Subtype /Link /Rect [72 560 200 580] /P 3 0 R"
                 " /Dest [4 0 R /XYZ 60 650 0] >>",
        /* 13 */ "<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /Rect [72 500 200 520] /P 3 0 R >>",
        /* 14 */ "<< /Type /Annot /Subtype /Link /Rect [72 460 200 480] /P 3 0 R"
                 " /A << /S /GoTo /D (chap3) >> >>",
        /* 15 */ "<< /Type /Annot /Subtype /Link /Rect [60 110 160 130] /P 4 0 R"
                 " /QuadPoints [60 110 160 110 160 130 60 130]"
                 " /Dest [3 0 R /XYZ null 700 null] >>",
        /* 16 */ "<< /Title (Intro) /Parent 10 0 R /Next 17 0 R /First 18 0 R /Last 18 0 R /Count 1"
                 " /Dest [3 0 R /XYZ 0 700 0] >>",
        /* 17 */ "<< /Title (Annex \\204 B) /Parent 10 0 R /Prev 16 0 R /Next 21 0 R"
                 " /Dest [4 0 R /FitH 650] >>",
        /* 18 */ "<< /Title <FEFF004A00FC0072> /Parent 16 0 R /A << /S /GoTo /D (chap3) >> >>",
        /* 19 */ "<< /Type /Annot /Subtype /Link /Rect [10 20 110 40] /P 5 0 R"
                 " /A << /S /URI /URI (https://example.org/c) >> >>",
        /* 20 */ "<< /Names [(chap3) [5 0 R /Fit]] >>",
        /* 21 */ "<< /Title (Nowhere) /Parent 10 0 R /Prev 17 0 R /Dest (nosuchname) >>",
    };
    write_pdf(path, objs, (int)(sizeof objs / sizeof *objs));
}

/* Source B: two pages; page 1 links to page 2, which is not bound. */
static void make_source_b(const char *path)
{
    const char *objs[] = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R"
        " /Resources << /Font << /F1 6 0 R >> >> /Annots [7 0 R] >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R"
        " /Resources << /Font << /F1 6 0 R >> >> >>",
        strm("", "BT /F1 24 Tf 72 300 Td (SOURCE BEE) Tj ET"),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Type /Annot /Subtype /Link /Rect [72 600 200 620] /Dest [4 0 R /Fit] >>",
    };
    write_pdf(path, objs, (int)(sizeof objs / sizeof *objs));
}

/* The packet as briefc makes it: libharu pages with a stamp each; pages
 * 1-4 are placeholders, page 5 is briefc's own. */
static bool make_packet(const char *path)
{
    static const double size[5][2] = {{612, 792}, {500, 600}, {500, 300}, {612, 792}, {612, 792}};
    static const char *const stamp[5] = {"STAMP ONE", "STAMP TWO", "STAMP THREE", "STAMP FOUR",
                                         "PLAIN PAGE"};
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    if (!pdf)
        return false;
    HPDF_Font font = HPDF_GetFont(pdf, "Helvetica", NULL);
    HPDF_Page first = NULL;
    for (int i = 0; i < 5; i++) {
        HPDF_Page p = HPDF_AddPage(pdf);
        if (!first)
            first = p;
        HPDF_Page_SetWidth(p, (HPDF_REAL)size[i][0]);
        HPDF_Page_SetHeight(p, (HPDF_REAL)size[i][1]);
        HPDF_Page_BeginText(p);
        HPDF_Page_SetFontAndSize(p, font, 10);
        HPDF_Page_TextOut(p, 20, 10, stamp[i]);
        HPDF_Page_EndText(p);
    }
    HPDF_Outline o = HPDF_CreateOutline(pdf, NULL, "Packet", NULL);
    HPDF_Destination d = HPDF_Page_CreateDestination(first);
    HPDF_Outline_SetDestination(o, d);
    bool ok = HPDF_SaveToFile(pdf, path) == HPDF_OK && HPDF_GetError(pdf) == HPDF_OK;
    HPDF_Free(pdf);
    return ok;
}

/* Writes an encrypted copy of src with qpdf's writer. */
static bool make_encrypted(const char *src, const char *dst, const char *user_password)
{
    qpdf_data q = qpdf_init();
    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    bool ok = (qpdf_read(q, src, "") & QPDF_ERRORS) == 0
              && (qpdf_init_write(q, dst) & QPDF_ERRORS) == 0;
    if (ok) {
        qpdf_set_r6_encryption_parameters2(q, user_password, "owner", QPDF_TRUE, QPDF_TRUE,
                                           QPDF_TRUE, QPDF_TRUE, QPDF_TRUE, QPDF_TRUE,
                                           qpdf_r3p_full, QPDF_TRUE);
        ok = (qpdf_write(q) & QPDF_ERRORS) == 0;
    }
    qpdf_cleanup(&q);
    return ok;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void test_inspect(const char *a_pdf)
{
    bind_info info;
    char err[512] = "";
    bool ok = bind_inspect(A, a_pdf, &info, err, sizeof err);
    if (!CHECK(ok, "inspect reads a good PDF"))
        printf("#   %s\n", err);
    if (!ok)
        return;
    CHECK_INT(info.n_pages, 3, "inspect counts the pages");
    CHECK(info.width[0] == 612 && info.height[0] == 792, "an inherited MediaBox gives the size");
    CHECK(info.width[1] == 500 && info.height[1] == 600, "the CropBox gives the size");
    CHECK(info.width[2] == 500 && info.height[2] == 300, "/Rotate 90 swaps width and height");
    CHECK_INT(info.n_outlines, 4, "every bookmark is read");
    if (info.n_outlines != 4)
        return;
    const bind_outline *o = info.outlines;
    CHECK_STR(o[0].title, "Intro", "first bookmark's title");
    CHECK(o[0].level == 1 && o[0].page == 0 && o[0].y == 700, "first bookmark: level 1, page 0, y 700");
    CHECK_STR(o[1].title, "J\xc3\xbcr", "a UTF-16BE title becomes UTF-8");
    CHECK(o[1].level == 2 && o[1].page == 2 && isnan(o[1].y),
          "a nested bookmark through a named GoTo: level 2, page 2, no y");
    CHECK_STR(o[2].title, "Annex \xe2\x80\x94 B", "a PDFDocEncoding title becomes UTF-8");
    CHECK(o[2].level == 1 && o[2].page == 1 && o[2].y == 650, "/FitH gives the y");
    CHECK_STR(o[3].title, "Nowhere", "a bookmark to an unknown name is kept");
    CHECK(o[3].page == -1 && isnan(o[3].y), "it points nowhere");
}

static void expect_fail(const char *path, const char *prefix, const char *what)
{
    bind_info info;
    char err[512] = "";
    bool ok = bind_inspect(A, path, &info, err, sizeof err);
    if (!CHECK(!ok && starts_with(err, prefix), what))
        printf("#   ok=%d err=\"%s\", expected \"%s...\"\n", ok, err, prefix);
    else
        printf("#   %s\n", err);
    CHECK(info.n_pages == 0 && info.outlines == NULL, "a failed inspect leaves nothing behind");
}

static void test_inspect_failures(const char *a_pdf)
{
    expect_fail(tmp("missing.pdf"), "no such file", "a missing file fails");
    spit(tmp("text.pdf"), "hello, not a PDF\n", 17);
    expect_fail(tmp("text.pdf"), "it is not a PDF", "a text file fails");

    if (CHECK(make_encrypted(a_pdf, tmp("enc-empty.pdf"), ""), "fixture: encrypted, empty password"))
        expect_fail(tmp("enc-empty.pdf"), "it is encrypted: bind an unencrypted copy",
                    "encryption with an empty password fails");
    if (CHECK(make_encrypted(a_pdf, tmp("enc-pw.pdf"), "secret"), "fixture: encrypted with a password"))
        expect_fail(tmp("enc-pw.pdf"), "it is encrypted: bind an unencrypted copy",
                    "encryption with a password fails");

    size_t len;
    char *good = slurp(a_pdf, &len);
    /* A wrong startxref offset makes qpdf reconstruct the xref table. */
    char *bad = arena_alloc(A, len + 1);
    memcpy(bad, good, len);
    char *sx = strstr(bad, "startxref\n");
    if (sx)
        memcpy(sx + 10, "12", 2);
    spit(tmp("badxref.pdf"), bad, len);
    expect_fail(tmp("badxref.pdf"), "it is damaged: ", "a file with a wrong startxref fails");
    spit(tmp("cut.pdf"), good, len * 2 / 3);
    expect_fail(tmp("cut.pdf"), "it is damaged: ", "a truncated file fails");

    /* Damage that only shows when the page's content is read. */
    const char *lazy[] = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents 4 0 R >>",
        strm("/Filter /FlateDecode", "this is not deflated data at all"),
    };
    write_pdf(tmp("lazy.pdf"), lazy, 4);
    expect_fail(tmp("lazy.pdf"), "it is damaged: ", "a page with undecodable content fails");

    const char *empty[] = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [] /Count 0 >>",
    };
    write_pdf(tmp("nopages.pdf"), empty, 2);
    expect_fail(tmp("nopages.pdf"), "it has no pages", "a PDF without pages fails");
}

/* The output, read back with qpdf. */
typedef struct readback {
    qpdf_data q;
    int ids[8];
    int n;
} readback;

static bool rb_open(readback *rb, const char *path)
{
    rb->q = qpdf_init();
    qpdf_silence_errors(rb->q);
    qpdf_set_suppress_warnings(rb->q, QPDF_TRUE);
    if (qpdf_read(rb->q, path, "") & QPDF_ERRORS)
        return false;
    rb->n = qpdf_get_num_pages(rb->q);
    for (int i = 0; i < rb->n && i < 8; i++)
        rb->ids[i] = qpdf_oh_get_object_id(rb->q, qpdf_get_page_n(rb->q, (size_t)i));
    return true;
}

/* Finds the annotation of page `page` whose /Subtype is subtype and whose
 * key `key` unparses to something containing `want`; 0 when none. */
static qpdf_oh find_annot(readback *rb, int page, const char *subtype, const char *key,
                          const char *want)
{
    qpdf_data q = rb->q;
    qpdf_oh annots = qpdf_oh_get_key(q, qpdf_get_page_n(q, (size_t)page), "/Annots");
    int n = qpdf_oh_get_array_n_items(q, annots);
    for (int i = 0; i < n; i++) {
        qpdf_oh an = qpdf_oh_get_array_item(q, annots, i);
        if (!qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, an, "/Subtype"), subtype))
            continue;
        if (!key)
            return an;
        const char *s = qpdf_oh_unparse_resolved(q, qpdf_oh_get_key(q, an, key));
        if (strstr(s, want))
            return an;
    }
    return 0;
}

static bool rect_is(readback *rb, qpdf_oh an, double x0, double y0, double x1, double y1)
{
    qpdf_oh r = qpdf_oh_get_key(rb->q, an, "/Rect");
    double want[4] = {x0, y0, x1, y1};
    for (int i = 0; i < 4; i++)
        if (fabs(qpdf_oh_get_numeric_value(rb->q, qpdf_oh_get_array_item(rb->q, r, i)) - want[i])
            > 0.01)
            return false;
    return true;
}

/* The dest's first item is output page `page`. */
static bool dest_page_is(readback *rb, qpdf_oh an, int page)
{
    qpdf_oh d = qpdf_oh_get_key(rb->q, an, "/Dest");
    return qpdf_oh_is_array(rb->q, d)
           && qpdf_oh_get_object_id(rb->q, qpdf_oh_get_array_item(rb->q, d, 0)) == rb->ids[page];
}

/* The text pdftotext finds on one page (1-based), or NULL. */
static char *page_text(const char *pdf, int page)
{
    char *cmd = arena_printf(A, "pdftotext -q -f %d -l %d '%s' - 2>/dev/null", page, page, pdf);
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    size_t len = 0, cap = 4096;
    char *buf = arena_alloc(A, cap);
    size_t got;
    while ((got = fread(buf + len, 1, cap - len - 1, p)) > 0) {
        len += got;
        if (len + 1 == cap) {
            buf = arena_realloc(A, buf, cap, cap * 2);
            cap *= 2;
        }
    }
    buf[len] = '\0';
    return pclose(p) == 0 ? buf : NULL;
}

/* Where pdftotext puts a word on a page (1-based), in its top-down
 * coordinates; false when the word is not there. */
static bool word_at(const char *pdf, int page, const char *word, double *x, double *y)
{
    char *cmd = arena_printf(A, "pdftotext -q -bbox -f %d -l %d '%s' - 2>/dev/null", page, page, pdf);
    FILE *p = popen(cmd, "r");
    if (!p)
        return false;
    char line[512];
    bool found = false;
    char *want = arena_printf(A, ">%s</word>", word);
    while (fgets(line, sizeof line, p))
        if (!found && strstr(line, want))
            found = sscanf(line, " <word xMin=\"%lf\" yMin=\"%lf\"", x, y) == 2;
    pclose(p);
    return found;
}

static void test_merge(const char *a_pdf, const char *b_pdf)
{
    const char *packet = tmp("packet.pdf"), *out = tmp("out.pdf");
    if (!CHECK(make_packet(packet), "fixture: libharu writes the packet"))
        return;
    bind_page pages[] = {{0, a_pdf, 0}, {1, a_pdf, 1}, {2, a_pdf, 2}, {3, b_pdf, 0}};
    char err[512] = "";
    int dropped = -1;
    bool ok = bind_merge(packet, out, pages, 4, true, &dropped, err, sizeof err);
    if (!CHECK(ok, "merge succeeds"))
        printf("#   %s\n", err);
    if (!ok)
        return;
    CHECK_INT(dropped, 2, "the widget and the link to an unbound page are dropped and counted");

    char *cmd = arena_printf(A, "qpdf --check '%s' >/dev/null 2>&1", out);
    CHECK_INT(system(cmd), 0, "qpdf --check passes without warnings");

    readback rb;
    if (!CHECK(rb_open(&rb, out), "the output reads back")) {
        qpdf_cleanup(&rb.q);
        return;
    }
    CHECK_INT(rb.n, 5, "the output has the packet's pages");
    CHECK(find_annot(&rb, 0, "/Link", "/A", "https://example.org/a") != 0, "a URI link survives");
    qpdf_oh an = find_annot(&rb, 0, "/Link", "/Dest", "/XYZ");
    CHECK(an && dest_page_is(&rb, an, 1), "an explicit link to a bound page goes to its placeholder");
    CHECK(an && strstr(qpdf_oh_unparse(rb.q, qpdf_oh_get_key(rb.q, an, "/Dest")), "/XYZ 10 550"),
          "its view is moved by the CropBox offset");
    CHECK(an && !qpdf_oh_has_key(rb.q, an, "/P"), "/P is removed");
    an = find_annot(&rb, 0, "/Link", "/Dest", "/Fit");
    CHECK(an && dest_page_is(&rb, an, 2), "a named link to a bound page goes to its placeholder");
    CHECK(find_annot(&rb, 0, "/Widget", NULL, NULL) == 0, "the widget is not carried");
    an = find_annot(&rb, 1, "/Link", "/Dest", "");
    CHECK(an && dest_page_is(&rb, an, 0) && rect_is(&rb, an, 10, 10, 110, 30),
          "on a cropped page a link's Rect is shifted");
    CHECK(an && strstr(qpdf_oh_unparse(rb.q, qpdf_oh_get_key(rb.q, an, "/QuadPoints")),
                       "[ 10 10 110 10 110 30 10 30 ]"),
          "and so are its QuadPoints");
    CHECK_STR(qpdf_get_pdf_version(rb.q), "1.7", "the output takes the sources' PDF version");
    an = find_annot(&rb, 2, "/Link", "/A", "https://example.org/c");
    CHECK(an && rect_is(&rb, an, 20, 190, 40, 290), "on a turned page a link's Rect is turned");
    CHECK(find_annot(&rb, 3, "/Link", NULL, NULL) == 0, "B's link to its unbound page is dropped");

    /* The source is drawn first, so the stamp lands on top. */
    qpdf_oh contents = qpdf_oh_get_key(rb.q, qpdf_get_page_n(rb.q, 0), "/Contents");
    unsigned char *buf = NULL;
    size_t len = 0;
    qpdf_oh_get_stream_data(rb.q, qpdf_oh_get_array_item(rb.q, contents, 0), qpdf_dl_generalized,
                            NULL, &buf, &len);
    CHECK(buf && len > 0 && strstr((char *)buf, "Do") && qpdf_oh_get_array_n_items(rb.q, contents) >= 2,
          "the placeholder's contents start with the bound page");
    free(buf);
    qpdf_oh xo = qpdf_oh_get_key(rb.q, qpdf_oh_get_key(rb.q, qpdf_get_page_n(rb.q, 0), "/Resources"),
                                 "/XObject");
    CHECK(qpdf_oh_has_key(rb.q, xo, "/BriefcBound0"), "the form is named /BriefcBound0");
    qpdf_cleanup(&rb.q);

    if (access("/usr/bin/pdftotext", X_OK) == 0) {
        static const char *const want[5][2] = {{"SOURCE ONE", "STAMP ONE"},
                                               {"SOURCE TWO", "STAMP TWO"},
                                               {"SOURCE THREE", "STAMP THREE"},
                                               {"SOURCE BEE", "STAMP FOUR"},
                                               {"PLAIN PAGE", "PLAIN PAGE"}};
        for (int i = 0; i < 5; i++) {
            char *text = page_text(out, i + 1);
            bool both = text && strstr(text, want[i][0]) && strstr(text, want[i][1]);
            if (!CHECK(both, arena_printf(A, "page %d shows %s and %s", i + 1, want[i][0], want[i][1])))
                printf("#   text: %s\n", text ? text : "(none)");
        }
    }

    if (access("/usr/bin/pdftotext", X_OK) == 0) {
        /* Source positions: 100,400 on a page cropped at 50,100 (top 700);
         * 20,250 on a 300x500 page turned clockwise. */
        double x = 0, y = 0;
        CHECK(word_at(out, 2, "TWO", &x, &y) && fabs(x - 159.3) < 1 && fabs(y - 282.8) < 1,
              "the cropped page's text sits where a viewer shows it");
        CHECK(word_at(out, 3, "SOURCE", &x, &y) && fabs(x - 246.3) < 1 && fabs(y - 20) < 1,
              "the turned page's text sits where a viewer shows it");
    }

    /* SOURCE_DATE_EPOCH builds: the same input gives the same bytes. */
    const char *out2 = tmp("out2.pdf");
    int dropped2 = -1;
    ok = bind_merge(packet, out2, pages, 4, true, &dropped2, err, sizeof err);
    size_t l1 = 0, l2 = 0;
    char *b1 = slurp(out, &l1), *b2 = ok ? slurp(out2, &l2) : NULL;
    CHECK(ok && b1 && b2 && l1 == l2 && memcmp(b1, b2, l1) == 0,
          "a deterministic merge is reproducible");

    /* Failures. */
    ok = bind_merge(packet, packet, pages, 4, true, &dropped, err, sizeof err);
    CHECK(!ok, "the output may not be the packet");
    bind_page enc[] = {{0, tmp("enc-empty.pdf"), 0}};
    ok = bind_merge(packet, tmp("out3.pdf"), enc, 1, true, &dropped, err, sizeof err);
    if (!CHECK(!ok && strstr(err, "encrypted"), "an encrypted source fails the merge"))
        printf("#   %s\n", err);
    CHECK(access(tmp("out3.pdf"), F_OK) != 0, "a failed merge writes nothing");
    bind_page wrong_size[] = {{0, a_pdf, 1}};
    ok = bind_merge(packet, tmp("out4.pdf"), wrong_size, 1, true, &dropped, err, sizeof err);
    CHECK(!ok && strstr(err, "pt"), "a placeholder of the wrong size fails");
    bind_page no_page[] = {{0, a_pdf, 7}};
    ok = bind_merge(packet, tmp("out5.pdf"), no_page, 1, true, &dropped, err, sizeof err);
    CHECK(!ok && strstr(err, "no page 8"), "a source page out of range fails");
}

/* Two threads inspect and merge at once: the module keeps no shared
 * state, so both must succeed every time. */
typedef struct job {
    const char *a_pdf, *packet, *out;
    int ok;
} job;

static void *run_job(void *p)
{
    job *j = p;
    for (int round = 0; round < 5; round++) {
        arena *a = arena_new();
        bind_info info;
        char err[256];
        bool ok = bind_inspect(a, j->a_pdf, &info, err, sizeof err) && info.n_outlines == 4;
        bind_page pages[] = {{0, j->a_pdf, 0}, {1, j->a_pdf, 1}};
        int dropped;
        ok = ok && bind_merge(j->packet, j->out, pages, 2, true, &dropped, err, sizeof err)
             && dropped == 2;
        j->ok += ok;
        arena_free(a);
    }
    return NULL;
}

static void test_threads(const char *a_pdf)
{
    job jobs[2] = {{a_pdf, tmp("packet.pdf"), tmp("thread0.pdf"), 0},
                   {a_pdf, tmp("packet.pdf"), tmp("thread1.pdf"), 0}};
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, run_job, &jobs[i]);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    CHECK(jobs[0].ok == 5 && jobs[1].ok == 5, "two threads inspect and merge at once");
}

int main(void)
{
    A = arena_new();
    snprintf(dir, sizeof dir, "/tmp/briefc-bind-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    const char *a_pdf = tmp("a.pdf"), *b_pdf = tmp("b.pdf");
    make_source_a(a_pdf);
    make_source_b(b_pdf);
    test_inspect(a_pdf);
    test_inspect_failures(a_pdf);
    test_merge(a_pdf, b_pdf);
    test_threads(a_pdf);
    if (!harness_failed && !getenv("BIND_KEEP"))
        system(arena_printf(A, "rm -rf '%s'", dir));
    else
        printf("# fixtures kept in %s\n", dir);
    arena_free(A);
    return harness_done();
}
