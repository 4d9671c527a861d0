/*
 * csv.c: a figure's CSV data file to a table of positioned cells (see
 * csv.h). One pass over the bytes; a record may span lines inside quotes.
 */
#include "brief/csv.h"

#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"

typedef struct reader {
    arena *a;
    diag_list *d;
    const char *path, *s;
    size_t len, i;
    int line;                  /* of s[i] */
    size_t line_start;         /* offset of that line's first byte */
    size_t seen;               /* here() last counted columns up to this offset ... */
    int seen_col;              /* ... which is this column of the current line */
    bool failed;
} reader;

/* The line and column of byte off, counted from the start of the text. */
static src_loc locate(const reader *r, size_t off)
{
    int line = 1;
    size_t ls = utf8_bom(r->s, r->len);   /* columns count after a BOM */
    if (ls > off)
        ls = 0;
    for (size_t k = ls; k < off && k < r->len; k++)
        if (r->s[k] == '\n') {
            line++;
            ls = k + 1;
        }
    return (src_loc){r->path, line, 1 + (int)utf8_count(r->s + ls, off - ls)};
}

/* The same for a byte of the current line. Fields are located left to
 * right, so columns are counted on from the last one asked for, which
 * keeps reading a long line linear. */
static src_loc here(reader *r, size_t off)
{
    if (off < r->line_start || off < r->seen)
        return locate(r, off);
    r->seen_col += (int)utf8_count(r->s + r->seen, off - r->seen);
    r->seen = off;
    return (src_loc){r->path, r->line, 1 + r->seen_col};
}

static void newline(reader *r)
{
    r->line++;
    r->line_start = r->seen = r->i;
    r->seen_col = 0;
}

typedef struct field {
    const char *text;
    src_loc loc;
} field;

typedef struct record {
    field *fields;
    size_t n, cap;
    src_loc loc;
} record;

/* Reads one field at r->i, up to (not past) the ',' or line end that ends it. */
static field read_field(reader *r)
{
    while (r->i < r->len && (r->s[r->i] == ' ' || r->s[r->i] == '\t'))
        r->i++;
    field f = {NULL, here(r, r->i)};
    buf b;
    buf_init(&b);
    if (r->i < r->len && r->s[r->i] == '"') {
        size_t open = r->i++;
        bool closed = false;
        while (r->i < r->len) {
            char c = r->s[r->i++];
            if (c == '"') {
                if (r->i < r->len && r->s[r->i] == '"') {
                    buf_putc(&b, '"');
                    r->i++;
                    continue;
                }
                closed = true;
                break;
            }
            if (c == '\r' && r->i < r->len && r->s[r->i] == '\n')
                continue;   /* CRLF inside a field reads as a line break */
            buf_putc(&b, c);
            if (c == '\n')
                newline(r);
        }
        if (!closed) {
            diag_error(r->d, here(r, open), "this quoted field is never closed");
            diag_hint(r->d, "end it with a double quote; write a quote inside a field as \"\"");
            r->failed = true;
        }
        while (r->i < r->len && (r->s[r->i] == ' ' || r->s[r->i] == '\t'))
            r->i++;
        if (closed && r->i < r->len && r->s[r->i] != ',' && r->s[r->i] != '\n' &&
            r->s[r->i] != '\r') {
            diag_error(r->d, here(r, r->i), "text after the closing quote of a field");
            diag_hint(r->d, "put the whole field inside the quotes, or remove the quotes");
            r->failed = true;
            while (r->i < r->len && r->s[r->i] != ',' && r->s[r->i] != '\n')
                r->i++;
        }
    } else {
        size_t start = r->i;
        while (r->i < r->len && r->s[r->i] != ',' && r->s[r->i] != '\n')
            r->i++;
        size_t end = r->i;
        while (end > start && (r->s[end - 1] == ' ' || r->s[end - 1] == '\t' ||
                               r->s[end - 1] == '\r'))
            end--;
        buf_append(&b, r->s + start, end - start);
    }
    f.text = b.len ? buf_to_arena(&b, r->a) : "";
    buf_fini(&b);
    return f;
}

/* Skips blank and comment lines; false at the end of the text. */
static bool next_record_start(reader *r)
{
    while (r->i < r->len) {
        size_t k = r->i;
        while (k < r->len && (r->s[k] == ' ' || r->s[k] == '\t' || r->s[k] == '\r'))
            k++;
        if (k < r->len && r->s[k] != '\n' && r->s[k] != '#')
            return true;
        const char *nl = memchr(r->s + k, '\n', r->len - k);
        if (!nl) {
            r->i = r->len;
            return false;
        }
        r->i = (size_t)(nl - r->s) + 1;
        newline(r);
    }
    return false;
}

static void read_record(reader *r, record *rec)
{
    rec->n = 0;
    rec->loc = here(r, r->i);
    for (;;) {
        field *f = ARENA_PUSH(r->a, rec->fields, rec->n, rec->cap);
        *f = read_field(r);
        if (r->i < r->len && r->s[r->i] == ',') {
            r->i++;
            continue;
        }
        if (r->i < r->len && r->s[r->i] == '\n') {
            r->i++;
            newline(r);
        }
        return;
    }
}

bool csv_parse(arena *a, diag_list *d, const char *path, const char *data, size_t len,
               csv_table *out)
{
    memset(out, 0, sizeof *out);
    reader r = {a, d, path, data, len, 0, 1, 0, 0, 0, false};
    r.i = r.line_start = r.seen = utf8_bom(data, len);
    size_t bad = utf8_first_invalid(data, len);
    if (bad < len)
        return diag_error(d, locate(&r, bad), "this byte is not UTF-8; save the file as UTF-8 text");
    /* Cells are C strings: a NUL would cut one short without a word. */
    const char *nul = memchr(data, '\0', len);
    if (nul) {
        diag_error(d, locate(&r, (size_t)(nul - data)), "a NUL byte in the data file");
        diag_hint(d, "a data file is text: remove the byte, or export the file again as CSV");
        return false;
    }
    if (!next_record_start(&r))
        return diag_error(d, (src_loc){path, 1, 1}, "the data file is empty; it needs a header "
                                                    "row and at least one row of data");
    record rec = {0};
    read_record(&r, &rec);
    if (rec.n > CSV_MAX_COLUMNS)
        return diag_error(d, rec.loc, "the header row has %zu columns; a figure's data file has "
                                      "at most %d", rec.n, CSV_MAX_COLUMNS);
    out->n_cols = rec.n;
    out->header = arena_alloc(a, rec.n * sizeof *out->header);
    out->header_locs = arena_alloc(a, rec.n * sizeof *out->header_locs);
    for (size_t c = 0; c < rec.n; c++) {
        out->header[c] = rec.fields[c].text;
        out->header_locs[c] = rec.fields[c].loc;
        if (!*rec.fields[c].text) {
            diag_error(d, rec.fields[c].loc, "column %zu of the header row has no name", c + 1);
            diag_hint(d, "the first row names the columns, e.g. year,arrivals");
            r.failed = true;
        }
        for (size_t k = 0; k < c && *rec.fields[c].text; k++)
            if (strcmp(out->header[k], out->header[c]) == 0) {
                diag_error(d, rec.fields[c].loc, "two columns are named '%s'", out->header[c]);
                diag_note(d, out->header_locs[k], "the first '%s' is here", out->header[c]);
                r.failed = true;
            }
    }
    size_t cap = 0, cap_locs = 0, cap_rows = 0, n_cells = 0, n_locs = 0;
    while (next_record_start(&r)) {
        read_record(&r, &rec);
        if (rec.n != out->n_cols) {
            diag_error(d, rec.loc, "this row has %zu field%s; the header has %zu", rec.n,
                       rec.n == 1 ? "" : "s", out->n_cols);
            diag_hint(d, "every row needs one field per column; put a field that holds a "
                         "comma in double quotes");
            r.failed = true;
            continue;
        }
        for (size_t c = 0; c < rec.n; c++) {
            *(const char **)ARENA_PUSH(a, out->cells, n_cells, cap) = rec.fields[c].text;
            *(src_loc *)ARENA_PUSH(a, out->locs, n_locs, cap_locs) = rec.fields[c].loc;
        }
        *(src_loc *)ARENA_PUSH(a, out->row_locs, out->n_rows, cap_rows) = rec.loc;
    }
    if (!r.failed && out->n_rows == 0)
        return diag_error(d, out->header_locs[0], "the data file has a header row but no data");
    return !r.failed;
}

int csv_column(const csv_table *t, const char *name)
{
    for (size_t c = 0; c < t->n_cols; c++)
        if (strcmp(t->header[c], name) == 0)
            return (int)c;
    return -1;
}
