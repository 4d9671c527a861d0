/*
 * merge.c: bind_merge (see bind.h). Each source page becomes a Form
 * XObject in the packet, drawn first on its placeholder page, so the
 * placeholder's own stamp lands on top. The placeholder page objects stay
 * (libharu's outlines, links and destinations point at them); only their
 * /Resources, /Contents and /Annots change. Source documents stay open
 * until the write, because qpdf copies foreign stream data lazily.
 */
#include "bind/bind.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bind/bind_common.h"

typedef struct source {
    const char *path;
    qpdf_data q;
    int *ids;     /* object ids of its pages, to find where a link points */
    int n_ids;
} source;

typedef struct bound {
    int src;           /* index into sources */
    qpdf_oh placeholder;
    double m[6];       /* source page space to placeholder space */
} bound;

typedef struct merge {
    qpdf_data pk;
    const bind_page *pages;
    size_t n;
    source *sources;
    size_t n_sources;
    bound *bound;
    int dropped;
    char *err;
    size_t err_size;
} merge;

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        abort();
    return p;
}

/* A number as a PDF object: integers stay integers, so boxes read well. */
static qpdf_oh num(qpdf_data q, double v)
{
    if (fabs(v) < 1e9 && v == floor(v))
        return QPDF->qpdf_oh_new_integer(q, (long long)v);
    return QPDF->qpdf_oh_new_real_from_double(q, v, 4);
}

static qpdf_oh num_array(qpdf_data q, const double *v, int n)
{
    qpdf_oh arr = QPDF->qpdf_oh_new_array(q);
    for (int i = 0; i < n; i++)
        QPDF->qpdf_oh_append_item(q, arr, num(q, v[i]));
    return arr;
}

/* Copies an object of the source into the packet. qpdf copies only
 * indirect objects across documents, so a direct one travels inside an
 * indirect array made for the purpose; left unreferenced in the packet,
 * that array is not written. */
static qpdf_oh copy_in(qpdf_data pk, qpdf_data sq, qpdf_oh oh)
{
    if (QPDF->qpdf_oh_is_indirect(sq, oh))
        return QPDF->qpdf_oh_copy_foreign_object(pk, sq, oh);
    qpdf_oh wrap = QPDF->qpdf_oh_new_array(sq);
    QPDF->qpdf_oh_append_item(sq, wrap, oh);
    qpdf_oh ind = QPDF->qpdf_make_indirect_object(sq, wrap);
    qpdf_oh copied = QPDF->qpdf_oh_copy_foreign_object(pk, sq, ind);
    return QPDF->qpdf_oh_get_array_item(pk, copied, 0);
}

/* The keys of a dictionary, malloc'ed (free with free_keys). qpdf lets
 * one key iteration run at a time, so the keys are taken out first. */
static char **dict_keys(qpdf_data q, qpdf_oh dict, size_t *n)
{
    size_t len = 0, cap = 8;
    char **keys = xcalloc(cap, sizeof *keys);
    if (QPDF->qpdf_oh_is_dictionary(q, dict)) {
        QPDF->qpdf_oh_begin_dict_key_iter(q, dict);
        while (QPDF->qpdf_oh_dict_more_keys(q)) {
            const char *k = QPDF->qpdf_oh_dict_next_key(q);
            if (len == cap) {
                cap *= 2;
                keys = realloc(keys, cap * sizeof *keys);
                if (!keys)
                    abort();
            }
            keys[len] = strdup(k ? k : "");
            if (!keys[len])
                abort();
            len++;
        }
    }
    *n = len;
    return keys;
}

static void free_keys(char **keys, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
}

/* A new direct dictionary holding the same values as dict. */
static qpdf_oh shallow_copy(qpdf_data q, qpdf_oh dict)
{
    qpdf_oh copy = QPDF->qpdf_oh_new_dictionary(q);
    size_t n;
    char **keys = dict_keys(q, dict, &n);
    for (size_t i = 0; i < n; i++)
        QPDF->qpdf_oh_replace_key(q, copy, keys[i], QPDF->qpdf_oh_get_key(q, dict, keys[i]));
    free_keys(keys, n);
    return copy;
}

static bool failed(merge *mg, qpdf_data q, const char *what)
{
    return bind_take_error(q, what, mg->err, mg->err_size);
}

/* Finds the placeholder a page of a source is bound to, or -1. */
static int target_of(const merge *mg, int src, int src_page)
{
    for (size_t i = 0; i < mg->n; i++)
        if (mg->bound[i].src == src && mg->pages[i].src_page == src_page)
            return (int)i;
    return -1;
}

static bool read_num_item(qpdf_data q, qpdf_oh arr, int at, double *v)
{
    if (at >= QPDF->qpdf_oh_get_array_n_items(q, arr))
        return false;
    qpdf_oh item = QPDF->qpdf_oh_get_array_item(q, arr, at);
    bool ok = bind_number(q, item, v) && isfinite(*v);
    QPDF->qpdf_oh_release(q, item);
    return ok;
}

/* The view of an explicit destination moved into placeholder space. A
 * translation keeps the kind and its nulls; a turned page's view becomes
 * /XYZ at the corresponding point (a /FitH on a turned page would fit the
 * wrong way). */
static qpdf_oh moved_dest(merge *mg, qpdf_data sq, qpdf_oh arr, const bound *to)
{
    qpdf_data pk = mg->pk;
    const double *m = to->m;
    bool shift = m[0] == 1 && m[1] == 0 && m[2] == 0 && m[3] == 1;
    qpdf_oh out = QPDF->qpdf_oh_new_array(pk);
    QPDF->qpdf_oh_append_item(pk, out, to->placeholder);
    qpdf_oh kind = QPDF->qpdf_oh_get_array_item(sq, arr, 1);
    const char *name = QPDF->qpdf_oh_is_name(sq, kind) ? QPDF->qpdf_oh_get_name(sq, kind) : "/Fit";
    char k[16];
    snprintf(k, sizeof k, "%s", name);
    double x, y, x2, y2, z;
    if (strcmp(k, "/FitR") == 0 && read_num_item(sq, arr, 2, &x) && read_num_item(sq, arr, 3, &y)
        && read_num_item(sq, arr, 4, &x2) && read_num_item(sq, arr, 5, &y2)) {
        double ax, ay, bx, by;
        bind_apply(m, x, y, &ax, &ay);
        bind_apply(m, x2, y2, &bx, &by);
        double r[4] = {fmin(ax, bx), fmin(ay, by), fmax(ax, bx), fmax(ay, by)};
        QPDF->qpdf_oh_append_item(pk, out, QPDF->qpdf_oh_new_name(pk, "/FitR"));
        for (int i = 0; i < 4; i++)
            QPDF->qpdf_oh_append_item(pk, out, num(pk, r[i]));
        return out;
    }
    bool xyz = strcmp(k, "/XYZ") == 0;
    bool horiz = strcmp(k, "/FitH") == 0 || strcmp(k, "/FitBH") == 0;
    bool vert = strcmp(k, "/FitV") == 0 || strcmp(k, "/FitBV") == 0;
    if (!xyz && !horiz && !vert) {
        QPDF->qpdf_oh_append_item(pk, out, QPDF->qpdf_oh_new_name(pk, strcmp(k, "/FitB") == 0 ? "/FitB" : "/Fit"));
        return out;
    }
    bool have_x = xyz ? read_num_item(sq, arr, 2, &x) : vert && read_num_item(sq, arr, 2, &x);
    bool have_y = xyz ? read_num_item(sq, arr, 3, &y) : horiz && read_num_item(sq, arr, 2, &y);
    bool have_z = xyz && read_num_item(sq, arr, 4, &z) && z > 0;
    if (shift) {
        QPDF->qpdf_oh_append_item(pk, out, QPDF->qpdf_oh_new_name(pk, k));
        if (xyz || vert)
            QPDF->qpdf_oh_append_item(pk, out, have_x ? num(pk, x + m[4]) : QPDF->qpdf_oh_new_null(pk));
        if (xyz || horiz)
            QPDF->qpdf_oh_append_item(pk, out, have_y ? num(pk, y + m[5]) : QPDF->qpdf_oh_new_null(pk));
        if (xyz)
            QPDF->qpdf_oh_append_item(pk, out, have_z ? num(pk, z) : QPDF->qpdf_oh_new_null(pk));
        return out;
    }
    /* Unknown coordinates of a turned page: the top left of what shows. */
    double px, py;
    bind_apply(m, have_x ? x : 0, have_y ? y : 0, &px, &py);
    QPDF->qpdf_oh_append_item(pk, out, QPDF->qpdf_oh_new_name(pk, "/XYZ"));
    QPDF->qpdf_oh_append_item(pk, out, have_x || have_y ? num(pk, px) : QPDF->qpdf_oh_new_null(pk));
    QPDF->qpdf_oh_append_item(pk, out, have_x || have_y ? num(pk, py) : QPDF->qpdf_oh_new_null(pk));
    QPDF->qpdf_oh_append_item(pk, out, have_z ? num(pk, z) : QPDF->qpdf_oh_new_null(pk));
    return out;
}

/* Keys of a source annotation that are not copied: they point at the
 * source's pages, fields or structure, or are rebuilt below. */
static bool skipped_key(const char *k)
{
    static const char *const skip[] = {"/P", "/Parent", "/Popup", "/IRT", "/StructParent",
                                       "/Dest", "/A", "/Rect", "/PA", "/QuadPoints"};
    for (size_t i = 0; i < sizeof skip / sizeof *skip; i++)
        if (strcmp(k, skip[i]) == 0)
            return true;
    return false;
}

/* The value of key `key` in the number tree's flat /Nums (the tree
 * libharu's writer made, src/pdf/pdf_tags.c), or 0. */
static qpdf_oh nums_get(qpdf_data pk, qpdf_oh nums, long long key)
{
    int n = QPDF->qpdf_oh_get_array_n_items(pk, nums);
    for (int k = 0; k + 1 < n; k += 2) {
        long long v;
        if (QPDF->qpdf_oh_get_value_as_longlong(pk, QPDF->qpdf_oh_get_array_item(pk, nums, k), &v) &&
            v == key)
            return QPDF->qpdf_oh_get_array_item(pk, nums, k + 1);
    }
    return 0;
}

/* A carried link joins the packet's structure tree: a Link element
 * holding it (an OBJR), under the element of the bound page's content
 * (the first in the page's ParentTree entry: its MCID 0), with its own
 * ParentTree key. A packet written untagged is left as it is. */
static void tag_link(merge *mg, qpdf_oh page, qpdf_oh annot)
{
    qpdf_data pk = mg->pk;
    qpdf_oh str = QPDF->qpdf_oh_get_key(pk, QPDF->qpdf_get_root(pk), "/StructTreeRoot");
    qpdf_oh pt = QPDF->qpdf_oh_get_key_if_dict(pk, str, "/ParentTree");
    qpdf_oh nums = QPDF->qpdf_oh_get_key_if_dict(pk, pt, "/Nums");
    long long sp, next;
    if (!QPDF->qpdf_oh_is_array(pk, nums) ||
        !QPDF->qpdf_oh_get_value_as_longlong(pk, QPDF->qpdf_oh_get_key(pk, page, "/StructParents"), &sp) ||
        !QPDF->qpdf_oh_get_value_as_longlong(pk, QPDF->qpdf_oh_get_key(pk, str, "/ParentTreeNextKey"),
                                             &next))
        return;
    qpdf_oh arr = nums_get(pk, nums, sp);
    if (!arr || !QPDF->qpdf_oh_is_array(pk, arr) || QPDF->qpdf_oh_get_array_n_items(pk, arr) < 1)
        return;
    qpdf_oh parent = QPDF->qpdf_oh_get_array_item(pk, arr, 0);
    qpdf_oh kids = QPDF->qpdf_oh_get_key_if_dict(pk, parent, "/K");
    if (!QPDF->qpdf_oh_is_array(pk, kids))
        return;
    qpdf_oh objr = QPDF->qpdf_oh_new_dictionary(pk);
    QPDF->qpdf_oh_replace_key(pk, objr, "/Type", QPDF->qpdf_oh_new_name(pk, "/OBJR"));
    QPDF->qpdf_oh_replace_key(pk, objr, "/Obj", annot);
    QPDF->qpdf_oh_replace_key(pk, objr, "/Pg", page);
    qpdf_oh k = QPDF->qpdf_oh_new_array(pk);
    QPDF->qpdf_oh_append_item(pk, k, objr);
    qpdf_oh link = QPDF->qpdf_oh_new_dictionary(pk);
    QPDF->qpdf_oh_replace_key(pk, link, "/Type", QPDF->qpdf_oh_new_name(pk, "/StructElem"));
    QPDF->qpdf_oh_replace_key(pk, link, "/S", QPDF->qpdf_oh_new_name(pk, "/Link"));
    QPDF->qpdf_oh_replace_key(pk, link, "/P", parent);
    QPDF->qpdf_oh_replace_key(pk, link, "/Pg", page);
    QPDF->qpdf_oh_replace_key(pk, link, "/K", k);
    qpdf_oh elem = QPDF->qpdf_make_indirect_object(pk, link);
    QPDF->qpdf_oh_append_item(pk, kids, elem);
    QPDF->qpdf_oh_append_item(pk, nums, QPDF->qpdf_oh_new_integer(pk, next));
    QPDF->qpdf_oh_append_item(pk, nums, elem);
    QPDF->qpdf_oh_replace_key(pk, annot, "/StructParent", QPDF->qpdf_oh_new_integer(pk, next));
    QPDF->qpdf_oh_replace_key(pk, str, "/ParentTreeNextKey", QPDF->qpdf_oh_new_integer(pk, next + 1));
}

/* Carries one annotation of bound page i over, or counts it dropped. */
static void carry_annot(merge *mg, size_t i, qpdf_oh annot, qpdf_oh annots_out)
{
    qpdf_data pk = mg->pk;
    const bound *b = &mg->bound[i];
    source *s = &mg->sources[b->src];
    qpdf_data sq = s->q;
    if (!QPDF->qpdf_oh_is_dictionary(sq, annot))
        return;
    qpdf_oh subtype = QPDF->qpdf_oh_get_key(sq, annot, "/Subtype");
    if (!QPDF->qpdf_oh_is_name_and_equals(sq, subtype, "/Link")) {
        mg->dropped++;
        return;
    }
    qpdf_oh dest = 0, uri = 0;
    bool has_dest = false, has_uri = false;
    if (QPDF->qpdf_oh_has_key(sq, annot, "/Dest")) {
        dest = QPDF->qpdf_oh_get_key(sq, annot, "/Dest");
        has_dest = true;
    } else if (QPDF->qpdf_oh_has_key(sq, annot, "/A")) {
        qpdf_oh act = QPDF->qpdf_oh_get_key(sq, annot, "/A");
        qpdf_oh kind = QPDF->qpdf_oh_get_key_if_dict(sq, act, "/S");
        if (QPDF->qpdf_oh_is_name_and_equals(sq, kind, "/URI") && QPDF->qpdf_oh_has_key(sq, act, "/URI")) {
            uri = QPDF->qpdf_oh_get_key(sq, act, "/URI");
            has_uri = QPDF->qpdf_oh_is_string(sq, uri);
        } else if (QPDF->qpdf_oh_is_name_and_equals(sq, kind, "/GoTo")
                   && QPDF->qpdf_oh_has_key(sq, act, "/D")) {
            dest = QPDF->qpdf_oh_get_key(sq, act, "/D");
            has_dest = true;
        }
        if (!has_uri && !has_dest) {
            /* Launch, GoToR, JavaScript, named actions: not ours to carry. */
            mg->dropped++;
            return;
        }
    }
    qpdf_oh new_dest = 0;
    if (has_dest) {
        qpdf_oh arr;
        int to = -1;
        if (bind_resolve_dest(sq, dest, &arr)) {
            int page = bind_dest_page(sq, arr, s->ids, s->n_ids);
            if (page >= 0)
                to = target_of(mg, b->src, page);
        }
        if (to < 0) {
            mg->dropped++;
            return;
        }
        new_dest = moved_dest(mg, sq, arr, &mg->bound[to]);
    }
    double r[4];
    qpdf_oh rect = QPDF->qpdf_oh_get_key(sq, annot, "/Rect");
    for (int k = 0; k < 4; k++) {
        if (!read_num_item(sq, rect, k, &r[k])) {
            mg->dropped++;
            return;
        }
    }
    qpdf_oh out = QPDF->qpdf_oh_new_dictionary(pk);
    size_t n;
    char **keys = dict_keys(sq, annot, &n);
    for (size_t k = 0; k < n; k++)
        if (!skipped_key(keys[k]))
            QPDF->qpdf_oh_replace_key(pk, out, keys[k], copy_in(pk, sq, QPDF->qpdf_oh_get_key(sq, annot, keys[k])));
    free_keys(keys, n);
    double xs[4], ys[4];
    bind_apply(b->m, r[0], r[1], &xs[0], &ys[0]);
    bind_apply(b->m, r[2], r[1], &xs[1], &ys[1]);
    bind_apply(b->m, r[2], r[3], &xs[2], &ys[2]);
    bind_apply(b->m, r[0], r[3], &xs[3], &ys[3]);
    double nr[4] = {xs[0], ys[0], xs[0], ys[0]};
    for (int k = 1; k < 4; k++) {
        nr[0] = fmin(nr[0], xs[k]);
        nr[1] = fmin(nr[1], ys[k]);
        nr[2] = fmax(nr[2], xs[k]);
        nr[3] = fmax(nr[3], ys[k]);
    }
    QPDF->qpdf_oh_replace_key(pk, out, "/Rect", num_array(pk, nr, 4));
    /* QuadPoints are pairs of coordinates in page space, like the Rect. */
    qpdf_oh quads = QPDF->qpdf_oh_get_key(sq, annot, "/QuadPoints");
    int nq = QPDF->qpdf_oh_is_array(sq, quads) ? QPDF->qpdf_oh_get_array_n_items(sq, quads) : 0;
    if (nq > 0 && nq % 8 == 0) {
        qpdf_oh moved = QPDF->qpdf_oh_new_array(pk);
        bool all = true;
        for (int k = 0; all && k < nq; k += 2) {
            double x, y, mx, my;
            all = read_num_item(sq, quads, k, &x) && read_num_item(sq, quads, k + 1, &y);
            bind_apply(b->m, all ? x : 0, all ? y : 0, &mx, &my);
            QPDF->qpdf_oh_append_item(pk, moved, num(pk, mx));
            QPDF->qpdf_oh_append_item(pk, moved, num(pk, my));
        }
        if (all)
            QPDF->qpdf_oh_replace_key(pk, out, "/QuadPoints", moved);
    }
    if (has_dest) {
        QPDF->qpdf_oh_replace_key(pk, out, "/Dest", new_dest);
    } else if (has_uri) {
        qpdf_oh act = QPDF->qpdf_oh_new_dictionary(pk);
        QPDF->qpdf_oh_replace_key(pk, act, "/S", QPDF->qpdf_oh_new_name(pk, "/URI"));
        QPDF->qpdf_oh_replace_key(pk, act, "/URI", copy_in(pk, sq, uri));
        QPDF->qpdf_oh_replace_key(pk, out, "/A", act);
    }
    if (!QPDF->qpdf_oh_has_key(pk, out, "/Contents"))
        QPDF->qpdf_oh_replace_key(pk, out, "/Contents",
                                  has_uri ? copy_in(pk, sq, uri)
                                          : QPDF->qpdf_oh_new_unicode_string(pk, "Link"));
    qpdf_oh ind = QPDF->qpdf_make_indirect_object(pk, out);
    QPDF->qpdf_oh_append_item(pk, annots_out, ind);
    tag_link(mg, b->placeholder, ind);
}

/* Puts source page i under its placeholder: the Form XObject, the new
 * resources and contents. Annotations come after every page is placed,
 * since a link may point at a page bound later. */
static bool place(merge *mg, size_t i)
{
    qpdf_data pk = mg->pk;
    const bind_page *bp = &mg->pages[i];
    bound *b = &mg->bound[i];
    qpdf_data sq = mg->sources[b->src].q;
    qpdf_oh spage = QPDF->qpdf_get_page_n(sq, (size_t)bp->src_page);
    double box[4], pbox[4];
    int rot, prot;
    if (!bind_page_box(sq, spage, box, &rot) || !bind_page_box(pk, b->placeholder, pbox, &prot)) {
        snprintf(mg->err, mg->err_size, "page %d of the packet or page %d of %s has no usable MediaBox",
                 bp->page + 1, bp->src_page + 1, bp->src);
        return false;
    }
    double w, h;
    bind_displayed_size(box, rot, &w, &h);
    if (fabs(w - (pbox[2] - pbox[0])) > 0.5 || fabs(h - (pbox[3] - pbox[1])) > 0.5) {
        snprintf(mg->err, mg->err_size,
                 "page %d of the packet is %.1f x %.1f pt but page %d of %s shows %.1f x %.1f pt",
                 bp->page + 1, pbox[2] - pbox[0], pbox[3] - pbox[1], bp->src_page + 1, bp->src, w, h);
        return false;
    }
    bind_display_matrix(box, rot, pbox[0], pbox[1], b->m);

    unsigned char *buf = NULL;
    size_t len = 0;
    QPDF->qpdf_oh_get_page_content_data(sq, spage, &buf, &len);
    if (failed(mg, sq, "cannot read a source page: ")) {
        free(buf);
        return false;
    }
    qpdf_oh form = QPDF->qpdf_oh_new_stream(pk);
    QPDF->qpdf_oh_replace_stream_data(pk, form, buf ? buf : (const unsigned char *)"", len,
                                QPDF->qpdf_oh_new_null(pk), QPDF->qpdf_oh_new_null(pk));
    free(buf);
    qpdf_oh fd = QPDF->qpdf_oh_get_dict(pk, form);
    QPDF->qpdf_oh_replace_key(pk, fd, "/Type", QPDF->qpdf_oh_new_name(pk, "/XObject"));
    QPDF->qpdf_oh_replace_key(pk, fd, "/Subtype", QPDF->qpdf_oh_new_name(pk, "/Form"));
    QPDF->qpdf_oh_replace_key(pk, fd, "/BBox", num_array(pk, box, 4));
    QPDF->qpdf_oh_replace_key(pk, fd, "/Matrix", num_array(pk, b->m, 6));
    qpdf_oh sres = QPDF->qpdf_oh_get_key(sq, spage, "/Resources");
    if (QPDF->qpdf_oh_is_dictionary(sq, sres))
        QPDF->qpdf_oh_replace_key(pk, fd, "/Resources", copy_in(pk, sq, sres));
    else
        QPDF->qpdf_oh_replace_key(pk, fd, "/Resources", QPDF->qpdf_oh_new_dictionary(pk));
    /* A transparency group changes how the page composites: keep it. */
    qpdf_oh group = QPDF->qpdf_oh_get_key(sq, spage, "/Group");
    if (QPDF->qpdf_oh_is_dictionary(sq, group))
        QPDF->qpdf_oh_replace_key(pk, fd, "/Group", copy_in(pk, sq, group));
    if (failed(mg, sq, "cannot copy a source page: ") || failed(mg, pk, "cannot build the page: "))
        return false;

    /* The placeholder's resources may be shared with other pages (or be an
     * indirect object): a fresh copy changes this page alone. */
    qpdf_oh res = shallow_copy(pk, QPDF->qpdf_oh_get_key(pk, b->placeholder, "/Resources"));
    qpdf_oh xobj = shallow_copy(pk, QPDF->qpdf_oh_get_key(pk, res, "/XObject"));
    char name[48];
    for (int k = 0;; k++) {
        snprintf(name, sizeof name, "/BriefcBound%d", k);
        if (!QPDF->qpdf_oh_has_key(pk, xobj, name))
            break;
    }
    QPDF->qpdf_oh_replace_key(pk, xobj, name, form);
    QPDF->qpdf_oh_replace_key(pk, res, "/XObject", xobj);
    QPDF->qpdf_oh_replace_key(pk, b->placeholder, "/Resources", res);

    /* A tagged packet reserved MCID 0 of the placeholder for what goes
     * under it (src/pdf/pdf_tags.c): the bound page reads as the text of
     * the element the ParentTree names for it. Its own tags, inside a
     * Form XObject, are not carried over. */
    char ops[120];
    bool tagged = QPDF->qpdf_oh_has_key(pk, b->placeholder, "/StructParents");
    int ops_len = snprintf(ops, sizeof ops, tagged ? "/Part <</MCID 0>> BDC q %s Do Q EMC\n"
                                                   : "q %s Do Q\n", name);
    qpdf_oh under = QPDF->qpdf_oh_new_stream(pk);
    QPDF->qpdf_oh_replace_stream_data(pk, under, (const unsigned char *)ops, (size_t)ops_len,
                                QPDF->qpdf_oh_new_null(pk), QPDF->qpdf_oh_new_null(pk));
    qpdf_oh contents = QPDF->qpdf_oh_new_array(pk);
    QPDF->qpdf_oh_append_item(pk, contents, under);
    qpdf_oh old = QPDF->qpdf_oh_get_key(pk, b->placeholder, "/Contents");
    if (QPDF->qpdf_oh_is_array(pk, old)) {
        int n = QPDF->qpdf_oh_get_array_n_items(pk, old);
        for (int k = 0; k < n; k++)
            QPDF->qpdf_oh_append_item(pk, contents, QPDF->qpdf_oh_get_array_item(pk, old, k));
    } else if (QPDF->qpdf_oh_is_stream(pk, old)) {
        QPDF->qpdf_oh_append_item(pk, contents, old);
    }
    QPDF->qpdf_oh_replace_key(pk, b->placeholder, "/Contents", contents);
    return !failed(mg, pk, "cannot build the page: ");
}

static bool carry_annots(merge *mg, size_t i)
{
    qpdf_data pk = mg->pk;
    const bound *b = &mg->bound[i];
    qpdf_data sq = mg->sources[b->src].q;
    qpdf_oh spage = QPDF->qpdf_get_page_n(sq, (size_t)mg->pages[i].src_page);
    qpdf_oh annots = QPDF->qpdf_oh_get_key(sq, spage, "/Annots");
    int n = QPDF->qpdf_oh_is_array(sq, annots) ? QPDF->qpdf_oh_get_array_n_items(sq, annots) : 0;
    if (n == 0)
        return true;
    qpdf_oh out = QPDF->qpdf_oh_get_key(pk, b->placeholder, "/Annots");
    if (!QPDF->qpdf_oh_is_array(pk, out)) {
        out = QPDF->qpdf_oh_new_array(pk);
        QPDF->qpdf_oh_replace_key(pk, b->placeholder, "/Annots", out);
    }
    for (int k = 0; k < n; k++)
        carry_annot(mg, i, QPDF->qpdf_oh_get_array_item(sq, annots, k), out);
    return !failed(mg, sq, "cannot copy a source page's annotations: ")
           && !failed(mg, pk, "cannot copy a source page's annotations: ");
}

/* Opens the packet: a PDF libharu just wrote, so any warning is a fault. */
static bool open_packet(merge *mg, const char *path)
{
    mg->pk = QPDF->qpdf_init();
    QPDF->qpdf_silence_errors(mg->pk);
    QPDF->qpdf_set_suppress_warnings(mg->pk, QPDF_TRUE);
    QPDF->qpdf_read(mg->pk, path, "");
    if (failed(mg, mg->pk, "cannot read the packet: "))
        return false;
    QPDF->qpdf_push_inherited_attributes_to_page(mg->pk);
    return !failed(mg, mg->pk, "cannot read the packet: ");
}

static bool same_file(const char *a, const char *b)
{
    if (strcmp(a, b) == 0)
        return true;
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev
           && sa.st_ino == sb.st_ino;
}

static bool open_sources(merge *mg)
{
    int n_packet = QPDF->qpdf_get_num_pages(mg->pk);
    if (failed(mg, mg->pk, "cannot read the packet: "))
        return false;
    for (size_t i = 0; i < mg->n; i++) {
        const bind_page *bp = &mg->pages[i];
        if (bp->page < 0 || bp->page >= n_packet) {
            snprintf(mg->err, mg->err_size, "the packet has no page %d", bp->page + 1);
            return false;
        }
        for (size_t j = 0; j < i; j++) {
            if (mg->pages[j].page == bp->page) {
                snprintf(mg->err, mg->err_size, "page %d of the packet is bound twice",
                         bp->page + 1);
                return false;
            }
        }
        if (!bp->src) {
            snprintf(mg->err, mg->err_size, "page %d of the packet has no source", bp->page + 1);
            return false;
        }
        size_t s = 0;
        while (s < mg->n_sources && strcmp(mg->sources[s].path, bp->src) != 0)
            s++;
        if (s == mg->n_sources) {
            source *src = &mg->sources[mg->n_sources];
            src->path = bp->src;
            char why[512];
            if (!bind_open(bp->src, &src->q, why, sizeof why)) {
                snprintf(mg->err, mg->err_size, "%s: %s", bp->src, why);
                return false;
            }
            mg->n_sources++;
            src->ids = bind_page_ids(src->q, &src->n_ids);
        }
        if (bp->src_page < 0 || bp->src_page >= mg->sources[s].n_ids) {
            snprintf(mg->err, mg->err_size, "%s has no page %d", bp->src, bp->src_page + 1);
            return false;
        }
        mg->bound[i].src = (int)s;
        mg->bound[i].placeholder = QPDF->qpdf_get_page_n(mg->pk, (size_t)bp->page);
    }
    return !failed(mg, mg->pk, "cannot read the packet: ");
}

bool bind_merge(const char *packet_pdf, const char *out_pdf, const bind_page *pages, size_t n,
                bool deterministic_id, int *dropped, char *err, size_t err_size)
{
    *dropped = 0;
    if (!bind_qpdf_load(err, err_size))
        return false;
    if (same_file(packet_pdf, out_pdf)) {
        snprintf(err, err_size, "the output must be another file than the packet");
        return false;
    }
    merge mg = {.pages = pages, .n = n, .err = err, .err_size = err_size};
    mg.sources = xcalloc(n, sizeof *mg.sources);
    mg.bound = xcalloc(n, sizeof *mg.bound);
    bool ok = false, writing = false;
    if (!open_packet(&mg, packet_pdf) || !open_sources(&mg))
        goto done;
    for (size_t i = 0; i < n; i++)
        if (!place(&mg, i))
            goto done;
    for (size_t i = 0; i < n; i++)
        if (!carry_annots(&mg, i))
            goto done;
    writing = true;
    QPDF->qpdf_init_write(mg.pk, out_pdf);
    if (failed(&mg, mg.pk, "cannot write the bound PDF: "))
        goto done;
    QPDF->qpdf_set_deterministic_ID(mg.pk, deterministic_id ? QPDF_TRUE : QPDF_FALSE);
    /* The bound pages may use features newer than libharu's PDF 1.3 (a
     * transparency group, say): the output takes the newest source's
     * version (qpdf keeps the highest minimum it is given). */
    for (size_t s = 0; s < mg.n_sources; s++) {
        char version[32];
        snprintf(version, sizeof version, "%s", QPDF->qpdf_get_pdf_version(mg.sources[s].q));
        int ext = QPDF->qpdf_get_pdf_extension_level(mg.sources[s].q);
        if (version[0])
            QPDF->qpdf_set_minimum_pdf_version_and_extension(mg.pk, version, ext);
    }
    QPDF->qpdf_write(mg.pk);
    if (failed(&mg, mg.pk, "cannot write the bound PDF: "))
        goto done;
    for (size_t s = 0; s < mg.n_sources; s++)
        if (failed(&mg, mg.sources[s].q, "a source went wrong while writing: "))
            goto done;
    ok = true;
done:
    if (!ok && writing)
        unlink(out_pdf);
    for (size_t s = 0; s < mg.n_sources; s++) {
        free(mg.sources[s].ids);
        QPDF->qpdf_cleanup(&mg.sources[s].q);
    }
    if (mg.pk)
        QPDF->qpdf_cleanup(&mg.pk);
    free(mg.sources);
    free(mg.bound);
    *dropped = ok ? mg.dropped : 0;
    return ok;
}
