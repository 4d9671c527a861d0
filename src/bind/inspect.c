/*
 * inspect.c: bind_inspect (see bind.h). Reads a source PDF's displayed
 * page sizes and its bookmarks, so the layout can make placeholder pages
 * of the same size and carry the bookmarks into briefc's outline.
 */
#include "base/file.h"
#include "bind/bind.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bind/bind_common.h"

/* Outlines nested deeper than this, or more than this many, are cut off:
 * a hostile file must not exhaust the stack or the arena. */
#define OUTLINE_MAX_DEPTH 64
#define OUTLINE_MAX_ITEMS 100000

/* A set of object ids, so a cyclic outline is walked once. */
typedef struct id_set {
    int *slots;
    size_t cap, len;
} id_set;

static bool id_set_add(id_set *s, int id)
{
    if ((s->len + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        int *slots = calloc(cap, sizeof *slots);
        if (!slots)
            abort();
        for (size_t i = 0; i < s->cap; i++) {
            if (s->slots[i]) {
                size_t h = (uint32_t)s->slots[i] * 2654435761u % cap;
                while (slots[h])
                    h = (h + 1) % cap;
                slots[h] = s->slots[i];
            }
        }
        free(s->slots);
        s->slots = slots;
        s->cap = cap;
    }
    size_t h = (uint32_t)id * 2654435761u % s->cap;
    while (s->slots[h]) {
        if (s->slots[h] == id)
            return false;
        h = (h + 1) % s->cap;
    }
    s->slots[h] = id;
    s->len++;
    return true;
}

typedef struct walk {
    arena *a;
    qpdf_data q;
    const int *ids;
    int n_ids;
    id_set seen;
    bind_outline *items;
    size_t len, cap;
} walk;

/* The y a destination shows, in the page's user space, or NAN. */
static double dest_y(qpdf_data q, qpdf_oh array)
{
    qpdf_oh kind = QPDF->qpdf_oh_get_array_item(q, array, 1);
    int at = -1;
    if (QPDF->qpdf_oh_is_name_and_equals(q, kind, "/XYZ"))
        at = 3;
    else if (QPDF->qpdf_oh_is_name_and_equals(q, kind, "/FitH")
             || QPDF->qpdf_oh_is_name_and_equals(q, kind, "/FitBH"))
        at = 2;
    else if (QPDF->qpdf_oh_is_name_and_equals(q, kind, "/FitR"))
        at = 5;
    QPDF->qpdf_oh_release(q, kind);
    double y = NAN;
    if (at > 0 && at < QPDF->qpdf_oh_get_array_n_items(q, array)) {
        qpdf_oh v = QPDF->qpdf_oh_get_array_item(q, array, at);
        if (!bind_number(q, v, &y) || !isfinite(y))
            y = NAN;
        QPDF->qpdf_oh_release(q, v);
    }
    return y;
}

static void add_item(walk *w, qpdf_oh item, int level)
{
    bind_outline *o = ARENA_PUSH(w->a, w->items, w->len, w->cap);
    o->level = level;
    o->page = -1;
    o->y = NAN;
    const char *title = "";
    size_t len = 0;
    qpdf_oh t = QPDF->qpdf_oh_get_key(w->q, item, "/Title");
    if (!QPDF->qpdf_oh_is_string(w->q, t) || !QPDF->qpdf_oh_get_value_as_utf8(w->q, t, &title, &len))
        title = "", len = 0;
    /* A NUL inside a title ends it: the caller's strings are C strings. */
    o->title = arena_strndup(w->a, title, strnlen(title, len));

    qpdf_oh dest = 0;
    bool have = false;
    if (QPDF->qpdf_oh_has_key(w->q, item, "/Dest")) {
        dest = QPDF->qpdf_oh_get_key(w->q, item, "/Dest");
        have = true;
    } else if (QPDF->qpdf_oh_has_key(w->q, item, "/A")) {
        qpdf_oh act = QPDF->qpdf_oh_get_key(w->q, item, "/A");
        qpdf_oh s = QPDF->qpdf_oh_get_key_if_dict(w->q, act, "/S");
        if (QPDF->qpdf_oh_is_name_and_equals(w->q, s, "/GoTo") && QPDF->qpdf_oh_has_key(w->q, act, "/D")) {
            dest = QPDF->qpdf_oh_get_key(w->q, act, "/D");
            have = true;
        }
    }
    qpdf_oh array;
    if (have && bind_resolve_dest(w->q, dest, &array)) {
        o->page = bind_dest_page(w->q, array, w->ids, w->n_ids);
        if (o->page >= 0)
            o->y = dest_y(w->q, array);
    }
}

static void walk_items(walk *w, qpdf_oh first, int level)
{
    if (level > OUTLINE_MAX_DEPTH)
        return;
    qpdf_oh item = first;
    while (QPDF->qpdf_oh_is_dictionary(w->q, item) && w->len < OUTLINE_MAX_ITEMS) {
        int id = QPDF->qpdf_oh_get_object_id(w->q, item);
        if (id > 0 && !id_set_add(&w->seen, id))
            return;
        add_item(w, item, level);
        if (QPDF->qpdf_oh_has_key(w->q, item, "/First"))
            walk_items(w, QPDF->qpdf_oh_get_key(w->q, item, "/First"), level + 1);
        if (!QPDF->qpdf_oh_has_key(w->q, item, "/Next"))
            break;
        item = QPDF->qpdf_oh_get_key(w->q, item, "/Next");
    }
}

bool bind_inspect(arena *a, const char *path, bind_info *out, char *err, size_t err_size)
{
    memset(out, 0, sizeof *out);
    if (!bind_qpdf_load(err, err_size))
        return false;
    qpdf_data q;
    if (!bind_open(path, &q, err, err_size))
        return false;
    bool ok = false;
    int n = 0;
    int *ids = bind_page_ids(q, &n);
    walk w = {.a = a, .q = q, .ids = ids, .n_ids = n};
    out->n_pages = (size_t)n;
    out->width = arena_alloc(a, sizeof *out->width * (size_t)n);
    out->height = arena_alloc(a, sizeof *out->height * (size_t)n);
    for (int i = 0; i < n; i++) {
        qpdf_oh page = QPDF->qpdf_get_page_n(q, (size_t)i);
        double box[4];
        int rot;
        /* bind_open has checked every page's box already. */
        if (!bind_page_box(q, page, box, &rot)) {
            snprintf(err, err_size, "it is damaged: page %d has no usable MediaBox", i + 1);
            goto done;
        }
        bind_displayed_size(box, rot, &out->width[i], &out->height[i]);
        QPDF->qpdf_oh_release(q, page);
    }
    qpdf_oh root = QPDF->qpdf_get_root(q);
    qpdf_oh outlines = QPDF->qpdf_oh_get_key_if_dict(q, root, "/Outlines");
    if (QPDF->qpdf_oh_has_key(q, outlines, "/First"))
        walk_items(&w, QPDF->qpdf_oh_get_key(q, outlines, "/First"), 1);
    if (bind_take_error(q, "it is damaged: ", err, err_size))
        goto done;
    out->outlines = w.items;
    out->n_outlines = w.len;
    file_note(a, path, NULL, 0);
    ok = true;
done:
    free(w.seen.slots);
    free(ids);
    QPDF->qpdf_cleanup(&q);
    if (!ok)
        memset(out, 0, sizeof *out);
    return ok;
}
