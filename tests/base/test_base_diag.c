/*
 * test_base_diag.c: diagnostics print like a C compiler's, with the
 * source line and a caret under the right character; did-you-mean picks
 * near misses only.
 */
#include <stdlib.h>

#include "../harness.h"
#include "diag/diag.h"

int main(void)
{
    diag_list *d = diag_new();
    const char *src = "title: x\nsubtitel: 북한 y\n";
    diag_add_source(d, "b.yaml", src, strlen(src));
    diag_error(d, (src_loc){"b.yaml", 2, 1}, "unknown key '%s'", "subtitel");
    diag_hint(d, "did you mean '%s'?", "subtitle");
    diag_warning(d, (src_loc){"b.yaml", 2, 11}, "odd");
    CHECK_INT(diag_error_count(d), 1, "one error");
    CHECK_INT(diag_warning_count(d), 1, "one warning");
    char *out = NULL;
    size_t n;
    FILE *f = open_memstream(&out, &n);
    diag_print(d, f, true, false);
    fclose(f);
    CHECK(strstr(out, "b.yaml:2:1: error: unknown key 'subtitel'\n") != NULL, "file:line:col: error:");
    CHECK(strstr(out, "    2 | subtitel: 북한 y\n      | ^\n") != NULL, "source line and caret");
    CHECK(strstr(out, "hint: did you mean 'subtitle'?") != NULL, "hint line");
    CHECK(strstr(out, "b.yaml:2:11: warning: odd\n    2 | subtitel: 북한 y\n      |           ^\n") != NULL,
          "caret counts characters, not bytes");
    free(out);
    diag_set_warnings_as_errors(d, true);
    CHECK_INT(diag_error_count(d), 2, "--strict turns warnings into errors");
    diag_free(d);

    /* A byte-order mark is no column: the caret ignores it. */
    d = diag_new();
    diag_add_source(d, "bom.yaml", "\xef\xbb\xbftitel: x\n", 13);
    diag_error(d, (src_loc){"bom.yaml", 1, 1}, "unknown key");
    f = open_memstream(&out, &n);
    diag_print(d, f, true, false);
    fclose(f);
    CHECK(strstr(out, "    1 | titel: x\n      | ^\n") != NULL, "an excerpt after a BOM starts with the text");
    free(out);
    diag_free(d);

    const char *keys[] = {"title", "subtitle", "author", "date", "paper", "sections"};
    CHECK_STR(diag_suggest("titel", keys, 6), "title", "transposed letters");
    CHECK_STR(diag_suggest("sectons", keys, 6), "sections", "a missing letter");
    CHECK(diag_suggest("colour", keys, 6) == NULL, "no suggestion for an unrelated word");
    return harness_done();
}
