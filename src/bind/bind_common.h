/*
 * bind_common.h: what inspect.c and merge.c share: opening a PDF with qpdf
 * under the module's rules (errors and warnings both fail it, every page's
 * content is read so lazily found damage shows), a page's visible box and
 * rotation, and the matrix that displays a page the way a viewer would.
 * Only src/bind/ includes qpdf headers.
 */
#ifndef BRIEFC_BIND_COMMON_H
#define BRIEFC_BIND_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#include <qpdf/qpdf-c.h>

/* A PDF to bind larger than this is refused before qpdf reads it. */
#define BIND_MAX_FILE_BYTES (1024ull * 1024 * 1024)

/* Opens path, refusing what bind_inspect refuses, with inherited page
 * attributes pushed down to every page. On success *out must be released
 * with qpdf_cleanup; on failure nothing is left open. */
bool bind_open(const char *path, qpdf_data *out, char *err, size_t err_size);

/* Copies qpdf's pending error (or, without one, its first warning) into
 * err after prefix, clears the rest and returns true; false when there
 * was neither. */
bool bind_take_error(qpdf_data q, const char *prefix, char *err, size_t err_size);

/* The page's visible box (CropBox, else MediaBox, intersected with
 * MediaBox; normalised so box[0] < box[2], box[1] < box[3]) and its
 * /Rotate as 0, 90, 180 or 270. False when it has no usable MediaBox. */
bool bind_page_box(qpdf_data q, qpdf_oh page, double box[4], int *rotate);

/* Displayed width and height of a box rotated by rotate degrees. */
void bind_displayed_size(const double box[4], int rotate, double *w, double *h);

/* The matrix [a b c d e f] that maps the box, turned clockwise by rotate
 * (as a viewer shows it), onto [ox oy ox+w oy+h]. */
void bind_display_matrix(const double box[4], int rotate, double ox, double oy, double m[6]);

/* Applies m to the point (x, y). */
void bind_apply(const double m[6], double x, double y, double *ox, double *oy);

/* Reads a number from a dictionary's key or an array's item; false when
 * it is missing or not a number. */
bool bind_number(qpdf_data q, qpdf_oh oh, double *v);

/* Destinations. */

/* Resolves a destination value (an explicit array, a name or a string
 * naming one through the catalog's /Dests dictionary or /Names /Dests
 * name tree; a dictionary with /D) to its explicit array. */
bool bind_resolve_dest(qpdf_data q, qpdf_oh dest, qpdf_oh *array);

/* The object ids of every page, in order, malloc'ed (the caller frees). */
int *bind_page_ids(qpdf_data q, int *n);

/* The index of the page an explicit destination points at, or -1. */
int bind_dest_page(qpdf_data q, qpdf_oh array, const int *ids, int n);

#endif
