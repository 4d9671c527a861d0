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

    /* 120 errors: 50 shown (each with its note), then one line for the rest. */
    d = diag_new();
    for (int i = 0; i < 120; i++) {
        diag_error(d, (src_loc){"c.csv", i + 2, 1}, "row %d is bad", i + 2);
        diag_note(d, (src_loc){"c.csv", 1, 1}, "the header");
    }
    f = open_memstream(&out, &n);
    diag_print(d, f, true, false);
    fclose(f);
    int errors = 0, notes = 0;
    for (const char *p = out; (p = strstr(p, ": error: ")) != NULL; p++)
        errors++;
    for (const char *p = out; (p = strstr(p, ": note: ")) != NULL; p++)
        notes++;
    CHECK_INT(errors, DIAG_MAX_SHOWN, "only the first 50 errors are printed");
    CHECK_INT(notes, DIAG_MAX_SHOWN, "with their notes, and no note of a hidden error");
    CHECK(strstr(out, "c.csv:51:1: error: row 51 is bad") && !strstr(out, "row 52 is bad"),
          "the first 50, in order");
    CHECK(strstr(out, "\n70 more errors not shown\n") != NULL, "then '70 more errors not shown'");
    CHECK_INT(diag_error_count(d), 120, "every error is still counted");
    free(out);
    diag_free(d);

    /* 25,000 warnings (raw HTML tags, say) print no more than 50 either. */
    d = diag_new();
    for (int i = 0; i < 25000; i++)
        diag_warning(d, (src_loc){"h.md", 1, i + 1}, "raw HTML cannot be shown");
    f = open_memstream(&out, &n);
    diag_print(d, f, true, false);
    fclose(f);
    int warnings = 0;
    for (const char *p = out; (p = strstr(p, ": warning: ")) != NULL; p++)
        warnings++;
    CHECK_INT(warnings, DIAG_MAX_SHOWN, "only the first 50 warnings are printed");
    CHECK(strstr(out, "\n24950 more warnings not shown\n") != NULL, "then '24950 more warnings not shown'");
    CHECK_INT(diag_warning_count(d), 25000, "every warning is still counted");
    free(out);
    diag_free(d);

    /* A line of 10,000 characters: a window of about 100 around the column. */
    d = diag_new();
    char *line = malloc(10010);
    memset(line, 'a', 10000);
    memcpy(line + 5000, "XYZ", 3);
    memcpy(line + 10000, "\n", 2);
    diag_add_source(d, "long.yaml", line, 10001);
    diag_error(d, (src_loc){"long.yaml", 1, 5001}, "here");
    f = open_memstream(&out, &n);
    diag_print(d, f, true, false);
    fclose(f);
    const char *l1 = strstr(out, "    1 | ..."), *l2 = l1 ? strstr(l1, "\n      | ") : NULL;
    const char *caret = l2 ? strchr(l2 + 9, '^') : NULL;
    const char *xyz = l1 ? strstr(l1, "XYZ") : NULL;
    CHECK(l1 && l2 && l2 - l1 < 120, "the excerpt is cut to about 100 characters");
    CHECK(l2 && strncmp(l2 - 3, "...", 3) == 0, "with '...' on both sides");
    CHECK(caret && xyz && caret - (l2 + 1) == xyz - l1, "the caret stays under the column");
    free(out);
    free(line);
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
