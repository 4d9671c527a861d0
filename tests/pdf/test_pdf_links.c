/*
 * test_pdf_links.c: pins links, destinations and bookmarks. libharu 2.3.0
 * refuses the zoom "null" in HPDF_Destination_SetXYZ (and then poisons the
 * document), so destinations are rebuilt as [page /XYZ left top null];
 * URI links get no /Border from libharu, so every link gets [0 0 0]; URIs
 * are percent-encoded; bookmarks nest by level, also across a skipped
 * level, with UTF-8 titles.
 *
 * Link annotations are written by a dictionary's write hook, with their
 * destination's array in them, and the bookmarks' destination arrays
 * share their page reference, /XYZ and null (src/pdf/pdf_nav.c): both rely
 * on libharu 2.3.0's internals, so their bytes are compared here with what
 * libharu writes for the same link made with its own calls (key order,
 * HPDF_FToA's reals, the top/bottom swap, the URI's escapes, the array),
 * its destination's array object put where the link refers to it.
 */
#include "pdf_tools.h"

#include <ctype.h>
#include <hpdf.h>

/* s with every reference "N G R" as "R": the two files number their
 * objects differently. */
static char *no_refs(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    while (*s) {
        const char *p = s;
        while (isdigit((unsigned char)*p))
            p++;
        if (p > s && p[0] == ' ' && isdigit((unsigned char)p[1])) {
            const char *q = p + 1;
            while (isdigit((unsigned char)*q))
                q++;
            if (q[0] == ' ' && q[1] == 'R') {
                *o++ = 'R';
                s = q + 2;
                continue;
            }
        }
        *o++ = *s++;
    }
    *o = 0;
    return out;
}

/* Appends to *all every span of pdf from `open` to just before `close`,
 * each followed by '|'. */
static void spans(const char *pdf, const char *open, const char *close, char **all, size_t *len)
{
    for (const char *p = pdf; (p = strstr(p, open)) != NULL; p++) {
        const char *e = strstr(p, close);
        size_t n = e ? (size_t)(e - p) : 0;
        *all = realloc(*all, *len + n + 2);
        memcpy(*all + *len, p, n);
        *len += n;
        (*all)[(*len)++] = '|';
        (*all)[*len] = 0;
    }
}

/* From each "/Rect" of a PDF's text to the end of its dictionary, in
 * file order, references blanked; with inline, a link's "/Dest N 0 R"
 * is given the array object it refers to (libharu's own links have one;
 * ours write it in). */
static char *links_of(const char *path, bool inline_dest)
{
    char *pdf = tools_slurp(path), *all = calloc(1, 1), *dest = calloc(1, 1);
    size_t len = 0, dlen = 0;
    spans(pdf, "/Rect [ ", "/F 4\012", &all, &len);
    if (inline_dest)
        spans(pdf, " obj\012[ ", "]\012endobj", &dest, &dlen);
    free(pdf);
    char *out = no_refs(all), *arr = no_refs(dest);
    free(all);
    free(dest);
    char *at = inline_dest ? strstr(out, "/Dest R\012") : NULL, *open = strchr(arr, '[');
    if (at && open) {
        /* " obj\n[ R /XYZ x y null |": the one array, its "]" restored. */
        arr[strlen(arr) - 1] = 0;
        size_t n = strlen(out) + strlen(open) + 8;
        char *joined = malloc(n);
        snprintf(joined, n, "%.*s/Dest %s]%s", (int)(at - out), out, open, at + strlen("/Dest R"));
        free(out);
        out = joined;
    }
    free(arr);
    return out;
}

/* The links of check_bytes made with libharu's calls. */
static bool libharu_links(const char *path)
{
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    if (!pdf)
        return false;
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_SetWidth(page, 612);
    HPDF_Page_SetHeight(page, 792);
    HPDF_Destination dst = HPDF_Page_CreateDestination(page);
    HPDF_Array_Clear(dst);
    HPDF_Array_Add(dst, page);
    HPDF_Array_AddName(dst, "XYZ");
    HPDF_Array_AddReal(dst, (HPDF_REAL)79.123456);
    HPDF_Array_AddReal(dst, (HPDF_REAL)110.4);
    HPDF_Array_Add(dst, HPDF_Null_New(pdf->mmgr));
    HPDF_Rect r = {(HPDF_REAL)113.608, (HPDF_REAL)659.04901, (HPDF_REAL)(113.608 + 6.369),
                   (HPDF_REAL)(659.04901 - 7.48651)};
    HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(page, r, dst);
    HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
    HPDF_Dict_AddNumber(a, "F", 4);
    HPDF_Rect u = {-3.5, 0.000004f, 32767, 0.25};
    a = HPDF_Page_CreateURILinkAnnot(page, u, "https://example.org/(x)%5Cy");   /* as encoded */
    HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
    HPDF_Dict_AddNumber(a, "F", 4);
    bool ok = HPDF_SaveToFile(pdf, path) == HPDF_OK;
    HPDF_Free(pdf);
    return ok;
}

/* The same links through the writer: the bytes must be libharu's. */
static void check_bytes(const char *dir, arena *a)
{
    char ours[600], theirs[600];
    snprintf(ours, sizeof ours, "%s/ours.pdf", dir);
    snprintf(theirs, sizeof theirs, "%s/theirs.pdf", dir);
    diag_list *d = diag_new();
    display_doc *doc = display_new(a, 612, 792);
    int f = display_add_face(a, doc, tools_serif(a));
    disp_page *p = display_add_page(a, doc);
    tools_ascii(a, p, f, 12, 72, 700, "x");
    int there = display_add_dest(a, doc, 0, 79.123456, 110.4);
    disp_item *l = display_add_item(a, p, DISP_LINK);
    l->u.link.x = 113.608;
    l->u.link.y = 659.04901;
    l->u.link.w = 6.369;
    l->u.link.h = -7.48651;                        /* libharu swaps top and bottom */
    l->u.link.dest = there;
    disp_item *u = display_add_item(a, p, DISP_LINK);
    u->u.link.x = -3.5;
    u->u.link.y = 0.000004;
    u->u.link.w = 40000;                           /* clamped to 32767 */
    u->u.link.h = 0.25 - 0.000004;
    u->u.link.uri = "https://example.org/(x)\\y";
    CHECK(tools_write(a, doc, ours, NULL, d), "the links are written");
    CHECK(libharu_links(theirs), "libharu writes the same links with its own calls");
    char *o = links_of(ours, false), *t = links_of(theirs, true);
    CHECK(strstr(o, "/XYZ 79.12346 110.4 null") != NULL, "our destination is there");
    CHECK_STR(o, t, "link annotations and destinations are libharu's bytes");
    free(o);
    free(t);
    diag_free(d);
}

int main(void)
{
    char *dir = tools_mkdtemp();
    char pdf[600];
    snprintf(pdf, sizeof pdf, "%s/links.pdf", dir);
    arena *a = arena_new();
    diag_list *d = diag_new();

    display_doc *doc = display_new(a, 612, 792);
    int f = display_add_face(a, doc, tools_serif(a));
    disp_page *p1 = display_add_page(a, doc);
    disp_page *p2 = display_add_page(a, doc);
    tools_ascii(a, p1, f, 12, 72, 700, "See the second page.");
    tools_ascii(a, p2, f, 12, 72, 500, "Here.");
    int there = display_add_dest(a, doc, 1, 72, 512.5);
    int top = display_add_dest(a, doc, 0, 0, 792);
    display_add_dest(a, doc, 0, 10, 10);          /* never pointed at */
    disp_item *l = display_add_item(a, p1, DISP_LINK);
    l->u.link.x = 72;
    l->u.link.y = 697;
    l->u.link.w = 100;
    l->u.link.h = 14;
    l->u.link.dest = there;
    disp_item *u = display_add_item(a, p1, DISP_LINK);
    u->u.link.x = 72;
    u->u.link.y = 600;
    u->u.link.w = 50;
    u->u.link.h = 14;
    u->u.link.uri = "https://example.org/a b/caf\xc3\xa9?q=1%20x";
    disp_item *bad = display_add_item(a, p2, DISP_LINK);
    bad->u.link.w = bad->u.link.h = 10;
    bad->u.link.dest = 99;                         /* out of range: left out */
    /* A(1) > B(2) > C(3); D(1) > E(3), skipping level 2 */
    display_add_outline(a, doc, "A \xc3\x9c" "bersicht", 1, top);
    display_add_outline(a, doc, "B", 2, there);
    display_add_outline(a, doc, "C \xea\xb0\x9c\xec\x9a\x94", 3, there);
    display_add_outline(a, doc, "D", 1, there);
    display_add_outline(a, doc, "E", 3, top);
    CHECK(tools_write(a, doc, pdf, NULL, d), "the document is written");
    CHECK_INT(diag_count(d), 0, "without diagnostics");
    CHECK(tools_qpdf_ok(dir, pdf), "qpdf --check passes");
    CHECK(tools_fonts_ok(dir, pdf, 1), "the font is embedded, subset, with ToUnicode");

    char *qdf = tools_qdf(dir, pdf);
    CHECK_INT(tools_count(qdf, "/Subtype /Link"), 2, "two links (the one to a missing destination is left out)");
    CHECK_INT(tools_count(qdf, "/Border [\n    0\n    0\n    0\n  ]"), 2, "both links have /Border [0 0 0]");
    CHECK(strstr(qdf, "/URI (https://example.org/a%20b/caf%C3%A9?q=1%20x)") != NULL,
          "the URI is percent-encoded (space, UTF-8), an existing %20 kept");
    CHECK_INT(tools_count(qdf, "/XYZ\n"), 3,
              "the bookmarks' two destinations and the link's, in it (the unused one is not written)");
    free(qdf);

    /* The annotations and the outline tree, as qpdf's JSON shows them;
     * the tree flattened to "title@page[dest]{kids}". */
    CHECK_INT(tools_run(dir, "qpdf --json --json-key=qpdf '%s' | tr -d ' \\n'", pdf), 0,
              "qpdf --json reads the objects");
    char *json = tools_out(dir);
    CHECK_INT(tools_count(json, "\"/Border\":[0,0,0]"), 2, "/Border [0 0 0] in JSON too");
    free(json);
    char script[700];
    snprintf(script, sizeof script, "%s/tree.py", dir);
    FILE *py = fopen(script, "w");
    fputs("import json, sys\n"
          "def show(es):\n"
          "    return ','.join('%s@%d%s%s' % (e['title'], e['destpageposfrom1'], json.dumps(e['dest'][1:]),\n"
          "                    '{' + show(e['kids']) + '}' if e['kids'] else '') for e in es)\n"
          "print(show(json.load(sys.stdin)['outlines']))\n", py);
    fclose(py);
    CHECK_INT(tools_run(dir, "qpdf --json --json-key=outlines '%s' | python3 '%s'", pdf, script), 0,
              "qpdf lists the outlines");
    char *tree = tools_out(dir);
    CHECK_STR(tree, "A \xc3\x9c" "bersicht@1[\"/XYZ\", 0, 792, null]{"
                    "B@2[\"/XYZ\", 72, 512.5, null]{C \xea\xb0\x9c\xec\x9a\x94@2[\"/XYZ\", 72, 512.5, null]}},"
                    "D@2[\"/XYZ\", 72, 512.5, null]{E@1[\"/XYZ\", 0, 792, null]}\n",
              "A > B > C and D > E (under D across the missing level 2), UTF-8 titles, "
              "destinations [page /XYZ left top null]");
    free(tree);
    /* /Count in object order: the pages (2), the outline root (4 visible:
     * A, B, D, E), A (1: B; B is closed), B (-1: closed over C), D (1). */
    CHECK_INT(tools_run(dir, "qpdf --json --json-key=qpdf '%s' | tr -d ' \\n' | "
                             "grep -o '\"/Count\":-*[0-9]*' | tr '\\n' ' '", pdf), 0,
              "qpdf shows the counts");
    char *counts = tools_out(dir);
    CHECK_STR(counts, "\"/Count\":2 \"/Count\":4 \"/Count\":1 \"/Count\":-1 \"/Count\":1 ",
              "outline counts: 4 visible at the top, level 1 open, deeper levels closed");
    free(counts);

    check_bytes(dir, a);

    diag_free(d);
    arena_free(a);
    tools_rmdir(dir);
    return harness_done();
}
