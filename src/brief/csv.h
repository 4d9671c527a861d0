/*
 * csv.h: the CSV files a figure reads its data from. RFC 4180 with the
 * habits of real data files: a header row first, comma-separated, fields
 * in double quotes when they hold commas, quotes ("" inside) or line
 * breaks; lines starting with '#' before or between rows are comments;
 * blank lines are skipped; spaces around unquoted fields are dropped.
 * Every cell keeps its line and column for messages. Private to src/brief.
 */
#ifndef BRIEFC_BRIEF_CSV_H
#define BRIEFC_BRIEF_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "diag/diag.h"

/* More columns than a figure could use is not a data file for a figure. */
#define CSV_MAX_COLUMNS 1000

typedef struct csv_table {
    size_t n_cols;
    const char **header;       /* n_cols names */
    src_loc *header_locs;
    size_t n_rows;             /* data rows, after the header */
    const char **cells;        /* n_rows * n_cols, row by row */
    src_loc *locs;             /* where each cell starts */
    src_loc *row_locs;         /* where each row starts */
} csv_table;

/* Parses data (the text of the file path) into out; reports to d every
 * problem (an unclosed quote, text after a closing quote, a row whose
 * field count differs from the header's, an empty or duplicate header
 * name, no data rows) at its line and column. False after any error. */
bool csv_parse(arena *a, diag_list *d, const char *path, const char *data, size_t len,
               csv_table *out);

/* The index of the column named name, or -1. */
int csv_column(const csv_table *t, const char *name);

#endif
