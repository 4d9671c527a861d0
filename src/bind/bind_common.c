/*
 * bind_common.c: opening PDFs with qpdf and the page geometry shared by
 * inspect.c and merge.c (see bind_common.h). qpdf is C++; its C API turns
 * every exception into an error kept in the qpdf_data, so after each call
 * that can fail we look at qpdf_has_error instead of its return value.
 */
#include "bind/bind_common.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"

/* Adds one of qpdf's messages to err; at most two are kept, and qpdf's
 * bare "file is damaged" only when it says nothing else. */
static void add_message(char *err, size_t err_size, const char *prefix, const char *detail,
                        int *count)
{
    if (!detail || !*detail || *count >= 2)
        return;
    size_t used = strlen(err);
    if (*count == 0)
        snprintf(err, err_size, "%s%s", prefix, detail);
    else if (strcmp(err + strlen(prefix), "file is damaged") == 0)
        snprintf(err + strlen(prefix), err_size - strlen(prefix), "%s", detail);
    else if (used < err_size)
        snprintf(err + used, err_size - used, "; %s", detail);
    ++*count;
}

bool bind_take_error(qpdf_data q, const char *prefix, char *err, size_t err_size)
{
    int count = 0;
    if (err_size == 0 || strlen(prefix) >= err_size)
        return QPDF->qpdf_has_error(q) || QPDF->qpdf_more_warnings(q);
    bool found = false;
    if (QPDF->qpdf_has_error(q)) {
        qpdf_error e = QPDF->qpdf_get_error(q);
        const char *detail = e ? QPDF->qpdf_get_error_message_detail(q, e) : NULL;
        add_message(err, err_size, prefix, detail && *detail ? detail : "unknown error", &count);
        found = true;
    }
    /* Warnings are drained either way, so a later check sees only new ones. */
    while (QPDF->qpdf_more_warnings(q)) {
        qpdf_error w = QPDF->qpdf_next_warning(q);
        if (w)
            add_message(err, err_size, prefix, QPDF->qpdf_get_error_message_detail(q, w), &count);
        found = true;
    }
    if (found && count == 0)
        snprintf(err, err_size, "%sunknown warning", prefix);
    return found;
}

/* Checks the file before qpdf sees it: qpdf would try to reconstruct any
 * file at all, so a missing file or a JPEG must be told apart here. */
static bool precheck(const char *path, char *err, size_t err_size)
{
    FILE *f = file_fopen(path, BIND_MAX_FILE_BYTES);
    if (!f) {
        if (errno == ENOENT)
            snprintf(err, err_size, "no such file");
        else
            snprintf(err, err_size, "cannot open it: %s", file_strerror(errno));
        return false;
    }
    char head[1025];
    size_t n = fread(head, 1, sizeof head - 1, f);
    bool bad_read = ferror(f) != 0;
    fclose(f);
    if (bad_read) {
        snprintf(err, err_size, "cannot read it");
        return false;
    }
    /* PDF readers accept the header anywhere in the first 1024 bytes. */
    bool found = false;
    for (size_t i = 0; i + 5 <= n && !found; i++)
        found = memcmp(head + i, "%PDF-", 5) == 0;
    if (!found) {
        snprintf(err, err_size, "it is not a PDF");
        return false;
    }
    return true;
}

bool bind_open(const char *path, qpdf_data *out, char *err, size_t err_size)
{
    *out = NULL;
    if (!precheck(path, err, err_size))
        return false;
    qpdf_data q = QPDF->qpdf_init();
    QPDF->qpdf_silence_errors(q);
    QPDF->qpdf_set_suppress_warnings(q, QPDF_TRUE);
    bool ok = false;
    QPDF->qpdf_read(q, path, "");
    if (QPDF->qpdf_has_error(q)) {
        qpdf_error e = QPDF->qpdf_get_error(q);
        enum qpdf_error_code_e code = e ? QPDF->qpdf_get_error_code(q, e) : qpdf_e_internal;
        if (code == qpdf_e_password) {
            snprintf(err, err_size, "it is encrypted: bind an unencrypted copy");
        } else if (code == qpdf_e_system) {
            const char *detail = QPDF->qpdf_get_error_message_detail(q, e);
            snprintf(err, err_size, "cannot read it: %s", detail ? detail : "");
        } else {
            const char *detail = e ? QPDF->qpdf_get_error_message_detail(q, e) : NULL;
            snprintf(err, err_size, "it is damaged: %s", detail ? detail : "unknown error");
        }
        goto done;
    }
    if (QPDF->qpdf_is_encrypted(q)) {
        snprintf(err, err_size, "it is encrypted: bind an unencrypted copy");
        goto done;
    }
    if (bind_take_error(q, "it is damaged: ", err, err_size))
        goto done;
    int n = QPDF->qpdf_get_num_pages(q);
    if (bind_take_error(q, "it is damaged: ", err, err_size))
        goto done;
    if (n <= 0) {
        snprintf(err, err_size, "it has no pages");
        goto done;
    }
    QPDF->qpdf_push_inherited_attributes_to_page(q);
    if (bind_take_error(q, "it is damaged: ", err, err_size))
        goto done;
    /* qpdf reads lazily: damage in a page's content only shows once it is
     * read, so every page's content is read now, not halfway through a
     * merge. */
    for (int i = 0; i < n; i++) {
        qpdf_oh page = QPDF->qpdf_get_page_n(q, (size_t)i);
        unsigned char *buf = NULL;
        size_t len = 0;
        QPDF->qpdf_oh_get_page_content_data(q, page, &buf, &len);
        free(buf);
        double box[4];
        int rot;
        if (bind_take_error(q, "it is damaged: ", err, err_size))
            goto done;
        if (!bind_page_box(q, page, box, &rot)) {
            bind_take_error(q, "", err, err_size);
            snprintf(err, err_size, "it is damaged: page %d has no usable MediaBox", i + 1);
            goto done;
        }
        QPDF->qpdf_oh_release(q, page);
    }
    ok = true;
done:
    if (ok)
        *out = q;
    else
        QPDF->qpdf_cleanup(&q);
    return ok;
}

bool bind_number(qpdf_data q, qpdf_oh oh, double *v)
{
    return QPDF->qpdf_oh_get_value_as_number(q, oh, v) != QPDF_FALSE;
}

/* Reads a rectangle (an array of four numbers), normalised. */
static bool read_rect(qpdf_data q, qpdf_oh page, const char *key, double r[4])
{
    if (!QPDF->qpdf_oh_has_key(q, page, key))
        return false;
    qpdf_oh arr = QPDF->qpdf_oh_get_key(q, page, key);
    bool ok = QPDF->qpdf_oh_is_array(q, arr) && QPDF->qpdf_oh_get_array_n_items(q, arr) == 4;
    for (int i = 0; ok && i < 4; i++) {
        qpdf_oh item = QPDF->qpdf_oh_get_array_item(q, arr, i);
        ok = bind_number(q, item, &r[i]) && isfinite(r[i]);
        QPDF->qpdf_oh_release(q, item);
    }
    QPDF->qpdf_oh_release(q, arr);
    if (!ok)
        return false;
    if (r[0] > r[2]) {
        double t = r[0]; r[0] = r[2]; r[2] = t;
    }
    if (r[1] > r[3]) {
        double t = r[1]; r[1] = r[3]; r[3] = t;
    }
    return true;
}

bool bind_page_box(qpdf_data q, qpdf_oh page, double box[4], int *rotate)
{
    double media[4], crop[4];
    if (!read_rect(q, page, "/MediaBox", media) || media[2] - media[0] <= 0
        || media[3] - media[1] <= 0)
        return false;
    memcpy(box, media, sizeof media);
    if (read_rect(q, page, "/CropBox", crop)) {
        double b[4] = {fmax(crop[0], media[0]), fmax(crop[1], media[1]),
                       fmin(crop[2], media[2]), fmin(crop[3], media[3])};
        /* A CropBox outside the MediaBox is ignored, as viewers do. */
        if (b[2] > b[0] && b[3] > b[1])
            memcpy(box, b, sizeof b);
    }
    long long r = 0;
    if (QPDF->qpdf_oh_has_key(q, page, "/Rotate")) {
        qpdf_oh ro = QPDF->qpdf_oh_get_key(q, page, "/Rotate");
        if (!QPDF->qpdf_oh_get_value_as_longlong(q, ro, &r))
            r = 0;
        QPDF->qpdf_oh_release(q, ro);
    }
    r %= 360;
    if (r < 0)
        r += 360;
    /* Only multiples of 90 are valid; others are read as the nearest lower. */
    *rotate = (int)(r / 90 * 90);
    return true;
}

void bind_displayed_size(const double box[4], int rotate, double *w, double *h)
{
    double bw = box[2] - box[0], bh = box[3] - box[1];
    bool swap = rotate == 90 || rotate == 270;
    *w = swap ? bh : bw;
    *h = swap ? bw : bh;
}

void bind_display_matrix(const double box[4], int rotate, double ox, double oy, double m[6])
{
    double bw = box[2] - box[0], bh = box[3] - box[1];
    /* The linear part turns the page clockwise; (tx, ty) then puts the
     * turned box's lower left corner at the origin. */
    double a, b, c, d, tx, ty;
    switch (rotate) {
    case 90:  a = 0;  b = -1; c = 1;  d = 0;  tx = 0;  ty = bw; break;
    case 180: a = -1; b = 0;  c = 0;  d = -1; tx = bw; ty = bh; break;
    case 270: a = 0;  b = 1;  c = -1; d = 0;  tx = bh; ty = 0;  break;
    default:  a = 1;  b = 0;  c = 0;  d = 1;  tx = 0;  ty = 0;  break;
    }
    /* p' = L (p - box origin) + t + o */
    m[0] = a;
    m[1] = b;
    m[2] = c;
    m[3] = d;
    m[4] = tx + ox - (a * box[0] + c * box[1]);
    m[5] = ty + oy - (b * box[0] + d * box[1]);
}

void bind_apply(const double m[6], double x, double y, double *ox, double *oy)
{
    *ox = m[0] * x + m[2] * y + m[4];
    *oy = m[1] * x + m[3] * y + m[5];
}

/* Looks a string key up in a name tree, visiting at most a bounded number
 * of nodes so a cyclic tree cannot loop. */
static bool name_tree_find(qpdf_data q, qpdf_oh node, const char *key, size_t key_len,
                           int depth, int *budget, qpdf_oh *value)
{
    if (depth > 32 || --*budget < 0 || !QPDF->qpdf_oh_is_dictionary(q, node))
        return false;
    if (QPDF->qpdf_oh_has_key(q, node, "/Names")) {
        qpdf_oh names = QPDF->qpdf_oh_get_key(q, node, "/Names");
        int n = QPDF->qpdf_oh_get_array_n_items(q, names);
        for (int i = 0; i + 1 < n; i += 2) {
            qpdf_oh k = QPDF->qpdf_oh_get_array_item(q, names, i);
            size_t len = 0;
            const char *s = QPDF->qpdf_oh_is_string(q, k) ? QPDF->qpdf_oh_get_binary_string_value(q, k, &len)
                                                   : NULL;
            bool hit = s && len == key_len && memcmp(s, key, len) == 0;
            QPDF->qpdf_oh_release(q, k);
            if (hit) {
                *value = QPDF->qpdf_oh_get_array_item(q, names, i + 1);
                return true;
            }
        }
    }
    if (QPDF->qpdf_oh_has_key(q, node, "/Kids")) {
        qpdf_oh kids = QPDF->qpdf_oh_get_key(q, node, "/Kids");
        int n = QPDF->qpdf_oh_get_array_n_items(q, kids);
        for (int i = 0; i < n; i++) {
            qpdf_oh kid = QPDF->qpdf_oh_get_array_item(q, kids, i);
            if (name_tree_find(q, kid, key, key_len, depth + 1, budget, value))
                return true;
        }
    }
    return false;
}

static bool lookup_named(qpdf_data q, const char *key, size_t len, bool is_name, qpdf_oh *value)
{
    qpdf_oh root = QPDF->qpdf_get_root(q);
    /* The PDF 1.1 /Dests dictionary is keyed by names. */
    if (is_name) {
        qpdf_oh dests = QPDF->qpdf_oh_get_key_if_dict(q, root, "/Dests");
        if (QPDF->qpdf_oh_has_key(q, dests, key)) {
            *value = QPDF->qpdf_oh_get_key(q, dests, key);
            return true;
        }
    }
    qpdf_oh names = QPDF->qpdf_oh_get_key_if_dict(q, root, "/Names");
    qpdf_oh tree = QPDF->qpdf_oh_get_key_if_dict(q, names, "/Dests");
    int budget = 100000;
    /* A name's bytes (without the slash) may also key the tree. */
    return name_tree_find(q, tree, is_name ? key + 1 : key, is_name ? len - 1 : len, 0, &budget,
                          value);
}

bool bind_resolve_dest(qpdf_data q, qpdf_oh dest, qpdf_oh *array)
{
    for (int hop = 0; hop < 4; hop++) {
        if (QPDF->qpdf_oh_is_array(q, dest)) {
            *array = dest;
            return QPDF->qpdf_oh_get_array_n_items(q, dest) >= 1;
        }
        if (QPDF->qpdf_oh_is_dictionary(q, dest)) {
            if (!QPDF->qpdf_oh_has_key(q, dest, "/D"))
                return false;
            dest = QPDF->qpdf_oh_get_key(q, dest, "/D");
            continue;
        }
        qpdf_oh found;
        if (QPDF->qpdf_oh_is_name(q, dest)) {
            const char *nm = QPDF->qpdf_oh_get_name(q, dest);
            size_t len = strlen(nm);
            char *copy = malloc(len + 1);
            if (!copy)
                abort();
            memcpy(copy, nm, len + 1);
            bool ok = lookup_named(q, copy, len, true, &found);
            free(copy);
            if (!ok)
                return false;
        } else if (QPDF->qpdf_oh_is_string(q, dest)) {
            size_t len = 0;
            const char *s = QPDF->qpdf_oh_get_binary_string_value(q, dest, &len);
            /* Returned strings live in qpdf's buffer: copy before the next call. */
            char *copy = malloc(len + 1);
            if (!copy)
                abort();
            memcpy(copy, s, len);
            copy[len] = '\0';
            bool ok = lookup_named(q, copy, len, false, &found);
            free(copy);
            if (!ok)
                return false;
        } else {
            return false;
        }
        dest = found;
    }
    return false;
}

int *bind_page_ids(qpdf_data q, int *n)
{
    int count = QPDF->qpdf_get_num_pages(q);
    if (count < 0)
        count = 0;
    int *ids = malloc(sizeof *ids * (size_t)(count ? count : 1));
    if (!ids)
        abort();
    for (int i = 0; i < count; i++) {
        qpdf_oh p = QPDF->qpdf_get_page_n(q, (size_t)i);
        ids[i] = QPDF->qpdf_oh_get_object_id(q, p);
        QPDF->qpdf_oh_release(q, p);
    }
    *n = count;
    return ids;
}

int bind_dest_page(qpdf_data q, qpdf_oh array, const int *ids, int n)
{
    qpdf_oh first = QPDF->qpdf_oh_get_array_item(q, array, 0);
    int id = QPDF->qpdf_oh_is_indirect(q, first) ? QPDF->qpdf_oh_get_object_id(q, first) : 0;
    QPDF->qpdf_oh_release(q, first);
    if (id <= 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (ids[i] == id)
            return i;
    return -1;
}
