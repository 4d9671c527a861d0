/*
 * test_pdf_errors.c: pins the error handling around libharu 2.3.0, whose
 * errors are sticky (every later call fails until HPDF_ResetError). A
 * write libharu fails (an unwritable path) is one error with libharu's
 * code, and later writes in the same process work. A font that cannot
 * load is one error naming it and nothing is written. Other bad input (a
 * face never prepared for embedding, a face or image that does not
 * exist, a huge font size, an impossible date, no pages) is reported or
 * handled, never a crash.
 */
#include <sys/stat.h>

#include "pdf_tools.h"

static display_doc *text_doc(arena *a, const char *font, int face, double size)
{
    display_doc *doc = display_new(a, 612, 792);
    display_add_face(a, doc, font);
    disp_page *pg = display_add_page(a, doc);
    tools_ascii(a, pg, face, size, 72, 700, "Hello");
    return doc;
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* The message of the only diagnostic in a fresh list, or "". */
static const char *only_message(diag_list *d, const char *file)
{
    if (diag_count(d) != 1) {
        printf("#   %zu diagnostics\n", diag_count(d));
        return "";
    }
    const diag_entry *e = diag_get(d, 0);
    if (!e->loc.file || strcmp(e->loc.file, file) != 0 || e->loc.line != 0)
        printf("#   at %s:%d\n", e->loc.file ? e->loc.file : "(null)", e->loc.line);
    return e->message;
}

int main(void)
{
    char *dir = tools_mkdtemp();
    char pdf[600], bogus[600], cmd[700];
    snprintf(pdf, sizeof pdf, "%s/out.pdf", dir);
    snprintf(bogus, sizeof bogus, "%s/not-a-font.ttf", dir);
    snprintf(cmd, sizeof cmd, "echo 'this is not a font' > '%s'", bogus);
    CHECK_INT(system(cmd), 0, "a file that is no font is made");
    arena *a = arena_new();
    const char *serif = tools_serif(a);

    diag_list *d = diag_new();
    CHECK(!tools_write(a, text_doc(a, "/nonexistent/briefc-font.ttf", 0, 12), pdf, "brief.pdf", d),
          "a missing font fails the write");
    CHECK_STR(only_message(d, "/nonexistent/briefc-font.ttf"),
              "cannot read font '/nonexistent/briefc-font.ttf': No such file or directory",
              "one error at the font naming it and the system's reason");
    const diag_entry *e = diag_count(d) ? diag_get(d, 0) : NULL;
    CHECK(e && e->severity == DIAG_ERROR, "an error");
    CHECK(!exists(pdf), "no file is written");
    diag_free(d);

    d = diag_new();
    CHECK(tools_write(a, text_doc(a, serif, 0, 12), pdf, NULL, d), "then a good document in the same process is written");
    CHECK_INT(diag_count(d), 0, "without diagnostics");
    CHECK(tools_qpdf_ok(dir, pdf) && tools_fonts_ok(dir, pdf, 1), "and it is a good PDF");
    CHECK_INT(tools_run(dir, "pdftotext '%s' -", pdf), 0, "pdftotext reads it");
    char *text = tools_out(dir);
    CHECK(strstr(text, "Hello") != NULL, "and finds the text");
    free(text);
    diag_free(d);

    d = diag_new();
    CHECK(!tools_write(a, text_doc(a, bogus, 0, 12), pdf, "x.pdf", d), "a file that is no font fails the write");
    const char *m = only_message(d, bogus);
    CHECK(strstr(m, "not-a-font.ttf") && strstr(m, "not a TrueType font"), "naming the file and the fault");
    printf("# %s\n", m);
    diag_free(d);

    d = diag_new();
    remove(pdf);
    CHECK(!pdf_write(text_doc(a, serif, 0, 12), pdf, "x.pdf", d),
          "a face drawn but never prepared for embedding fails the write");
    m = only_message(d, "x.pdf");
    CHECK(strstr(m, "was not prepared for embedding") != NULL, "and says so");
    CHECK(!exists(pdf), "nothing is written");
    diag_free(d);

    d = diag_new();
    CHECK(!tools_write(a, text_doc(a, serif, 3, 12), pdf, "x.pdf", d), "a face that does not exist fails the write");
    CHECK_STR(only_message(d, "x.pdf"), "text uses face 3, but there are only 1", "and says so");
    diag_free(d);

    d = diag_new();
    CHECK(tools_write(a, text_doc(a, serif, 0, 1000), pdf, "x.pdf", d),
          "a 1000 pt font is written (PDF sets no limit; libharu's font calls refused it)");
    CHECK(tools_qpdf_ok(dir, pdf), "as a valid PDF");
    diag_free(d);

    d = diag_new();
    char nowhere[700];
    snprintf(nowhere, sizeof nowhere, "%s/no/such/dir/out.pdf", dir);
    CHECK(!tools_write(a, text_doc(a, serif, 0, 12), nowhere, "out.pdf", d), "an unwritable path fails the write");
    CHECK_STR(only_message(d, "out.pdf"), "cannot save the PDF (libharu error 0x1017, detail 2)",
              "naming the file the user asked for, with libharu's code");
    diag_free(d);
    d = diag_new();
    CHECK(tools_write(a, text_doc(a, serif, 0, 12), pdf, NULL, d) && diag_count(d) == 0,
          "after libharu's error, the next write in the process works");
    diag_free(d);

    d = diag_new();
    display_doc *doc = text_doc(a, serif, 0, 12);
    image broken = {.width = 10, .height = 10, .channels = 4};
    disp_item *im = display_add_item(a, &doc->pages[0], DISP_IMAGE);
    im->u.image.w = im->u.image.h = 10;
    im->u.image.img = &broken;
    CHECK(!tools_write(a, doc, pdf, "x.pdf", d), "an image without valid pixels fails the write");
    CHECK_STR(only_message(d, "x.pdf"), "cannot embed an image on page 1: it has no valid pixels", "and says so");
    diag_free(d);

    d = diag_new();
    doc = text_doc(a, serif, 0, 12);
    doc->created = 1LL << 50;
    CHECK(tools_write(a, doc, pdf, "x.pdf", d), "a date past year 9999 does not fail the write");
    CHECK(diag_count(d) == 1 && diag_get(d, 0)->severity == DIAG_WARNING, "it is a warning");
    CHECK(tools_qpdf_ok(dir, pdf) && tools_fonts_ok(dir, pdf, 1), "and the PDF is good");
    diag_free(d);

    d = diag_new();
    doc = display_new(a, 612, 792);
    doc->title = "Empty \xf0\x9f\x98\x80 \xff";      /* above U+FFFF, invalid byte */
    display_add_outline(a, doc, "Nowhere", 1, 7);  /* a destination that does not exist */
    CHECK(tools_write(a, doc, pdf, "x.pdf", d), "a document without pages is written");
    CHECK_INT(diag_count(d), 0, "without diagnostics");
    CHECK(tools_qpdf_ok(dir, pdf), "as a valid PDF");
    CHECK_INT(tools_run(dir, "pdfinfo '%s'", pdf), 0, "pdfinfo reads it");
    char *info = tools_out(dir);
    CHECK(strstr(info, "Pages:           1\n") != NULL, "with one blank page");
    CHECK(strstr(info, "Title:           Empty \xef\xbf\xbd \xef\xbf\xbd\n") != NULL,
          "characters libharu cannot encode become U+FFFD in the title");
    free(info);
    diag_free(d);

    arena_free(a);
    tools_rmdir(dir);
    return harness_done();
}
