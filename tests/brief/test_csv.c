/*
 * test_csv.c: the CSV reader's refusals and positions at the edges: a
 * NUL byte in a cell is an error at its line and column (a cell is a C
 * string, so it would otherwise be cut short in silence), and after a
 * UTF-8 byte-order mark columns count from the first visible character.
 */
#include <string.h>

#include "../harness.h"
#include "brief/csv.h"

static const diag_entry *first_error(const diag_list *d)
{
    for (size_t i = 0; i < diag_count(d); i++)
        if (diag_get(d, i)->severity == DIAG_ERROR)
            return diag_get(d, i);
    return NULL;
}

static bool error_at(const char *data, size_t len, int line, int col, const char *part)
{
    arena *a = arena_new();
    diag_list *d = diag_new();
    csv_table t;
    bool ok = csv_parse(a, d, "t.csv", data, len, &t);
    const diag_entry *e = first_error(d);
    bool at = !ok && e && e->loc.line == line && e->loc.col == col && strstr(e->message, part);
    if (!at && e)
        printf("#   got %d:%d: %s\n", e->loc.line, e->loc.col, e->message);
    diag_free(d);
    arena_free(a);
    return at;
}

int main(void)
{
    CHECK(error_at("year,n\n2001,1\n2002,2\0\n", 22, 3, 7, "NUL"), "a NUL byte in a cell, at 3:7");
    CHECK(error_at("year,n\n\"20\0002\",1\n", 16, 2, 4, "NUL"), "a NUL byte in a quoted cell, at 2:4");
    CHECK(error_at("\0year,n\n", 8, 1, 1, "NUL"), "a NUL byte first, at 1:1");

    arena *a = arena_new();
    diag_list *d = diag_new();
    csv_table t;
    const char *bom = "\xef\xbb\xbfyear,n\n2001,1\n";
    CHECK(csv_parse(a, d, "t.csv", bom, strlen(bom), &t) && t.n_cols == 2 && t.n_rows == 1,
          "a file with a BOM reads as without");
    CHECK_STR(t.header[0], "year", "the BOM is no part of the first header");
    CHECK(t.header_locs[1].line == 1 && t.header_locs[1].col == 6, "the second header at 1:6");
    diag_free(d);
    arena_free(a);
    CHECK(error_at("\xef\xbb\xbfyear,,n\n1,2,3\n", 17, 1, 6, "no name"),
          "after a BOM, an error on line 1 is at its visible column (1:6)");
    CHECK(error_at("\xef\xbb\xbf\xff,n\n1,2\n", 11, 1, 1, "not UTF-8"),
          "a bad byte right after the BOM is at 1:1");
    return harness_done();
}
