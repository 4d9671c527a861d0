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

/* libqpdf's C API, loaded when a packet first binds a PDF: linking it
 * would cost every compile, packet or not, some 15 ms of start-up for
 * its C++ runtime and its TLS library's set-up. Every call goes through
 * this table, QPDF->qpdf_read(...); the entry points (bind_inspect,
 * bind_merge) first make sure it is there (bind_qpdf_load). */
#define BIND_QPDF_FUNCTIONS(X) \
    X(qpdf_cleanup) \
    X(qpdf_get_error) \
    X(qpdf_get_error_code) \
    X(qpdf_get_error_message_detail) \
    X(qpdf_get_num_pages) \
    X(qpdf_get_page_n) \
    X(qpdf_get_pdf_extension_level) \
    X(qpdf_get_pdf_version) \
    X(qpdf_get_root) \
    X(qpdf_has_error) \
    X(qpdf_init) \
    X(qpdf_init_write) \
    X(qpdf_is_encrypted) \
    X(qpdf_make_indirect_object) \
    X(qpdf_more_warnings) \
    X(qpdf_next_warning) \
    X(qpdf_oh_append_item) \
    X(qpdf_oh_begin_dict_key_iter) \
    X(qpdf_oh_copy_foreign_object) \
    X(qpdf_oh_dict_more_keys) \
    X(qpdf_oh_dict_next_key) \
    X(qpdf_oh_get_array_item) \
    X(qpdf_oh_get_array_n_items) \
    X(qpdf_oh_get_binary_string_value) \
    X(qpdf_oh_get_dict) \
    X(qpdf_oh_get_key) \
    X(qpdf_oh_get_key_if_dict) \
    X(qpdf_oh_get_name) \
    X(qpdf_oh_get_object_id) \
    X(qpdf_oh_get_page_content_data) \
    X(qpdf_oh_get_value_as_longlong) \
    X(qpdf_oh_get_value_as_number) \
    X(qpdf_oh_get_value_as_utf8) \
    X(qpdf_oh_has_key) \
    X(qpdf_oh_is_array) \
    X(qpdf_oh_is_dictionary) \
    X(qpdf_oh_is_indirect) \
    X(qpdf_oh_is_name) \
    X(qpdf_oh_is_name_and_equals) \
    X(qpdf_oh_is_stream) \
    X(qpdf_oh_is_string) \
    X(qpdf_oh_new_array) \
    X(qpdf_oh_new_dictionary) \
    X(qpdf_oh_new_integer) \
    X(qpdf_oh_new_name) \
    X(qpdf_oh_new_null) \
    X(qpdf_oh_new_real_from_double) \
    X(qpdf_oh_new_stream) \
    X(qpdf_oh_new_unicode_string) \
    X(qpdf_oh_release) \
    X(qpdf_oh_replace_key) \
    X(qpdf_oh_replace_stream_data) \
    X(qpdf_push_inherited_attributes_to_page) \
    X(qpdf_read) \
    X(qpdf_set_deterministic_ID) \
    X(qpdf_set_minimum_pdf_version_and_extension) \
    X(qpdf_set_suppress_warnings) \
    X(qpdf_silence_errors) \
    X(qpdf_write)

typedef struct bind_qpdf {
#define BIND_QPDF_SLOT(f) __typeof__(f) *f;
    BIND_QPDF_FUNCTIONS(BIND_QPDF_SLOT)
#undef BIND_QPDF_SLOT
} bind_qpdf;

/* Loads libqpdf once per process (the table is read-only after); false,
 * with why in err, when it cannot be loaded. */
bool bind_qpdf_load(char *err, size_t err_size);
/* The table; only after bind_qpdf_load has returned true. */
const bind_qpdf *bind_qpdf_api(void);
#define QPDF (bind_qpdf_api())

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
