/*
 * pdf_tags.c: tagged PDF (ISO 32000-1, 14.7-14.8) from the display
 * list's structure. While pages are drawn, each run of items of one
 * element is a marked-content sequence (/P <</MCID n>> BDC ... EMC) and
 * every item of no element an artifact (/Artifact BMC ... EMC); links'
 * annotations are noted as they are made. Once every page exists the
 * structure tree is written: an element per display structure node that
 * holds something, its kids in reading order, the ParentTree that maps
 * each page's MCIDs and each annotation back to its element, /MarkInfo,
 * and on each page /StructParents and /Tabs /S. libharu 2.3.0 has no
 * call for any of it, so the dictionaries are built from its objects;
 * elements and the ParentTree write their entries from the tree's rows
 * (kept in the writer's arena) as the file is saved. Every element but
 * the document's shares one dictionary record (pdf_kept_dict), entered
 * in the cross-reference table once per element: 250,000 elements (the
 * tree of 50,000 notes) are 250,000 entries but one record, not 26 MB of
 * them. libharu writes the entries in order, so the record's write hook
 * takes the elements in the order they were entered.
 */
#include <hpdf_list.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "pdf/pdf_writer.h"

/* Standard structure types of PDF 1.7 (14.8.4): no role map is needed. */
static const char *role_name(const disp_struct *s)
{
    static const char *const heads[6] = {"H1", "H2", "H3", "H4", "H5", "H6"};
    switch (s->role) {
    case DISP_S_ARTIFACT: return "Artifact";
    case DISP_S_DOCUMENT: return "Document";
    case DISP_S_PART: return "Part";
    case DISP_S_HEADING: return heads[s->level < 1 ? 0 : s->level > 6 ? 5 : s->level - 1];
    case DISP_S_P: return "P";
    case DISP_S_L: return "L";
    case DISP_S_LI: return "LI";
    case DISP_S_LBL: return "Lbl";
    case DISP_S_LBODY: return "LBody";
    case DISP_S_QUOTE: return "BlockQuote";
    case DISP_S_CODE: return "Code";
    case DISP_S_TABLE: return "Table";
    case DISP_S_TR: return "TR";
    case DISP_S_TH: return "TH";
    case DISP_S_TD: return "TD";
    case DISP_S_FIGURE: return "Figure";
    case DISP_S_CAPTION: return "Caption";
    case DISP_S_NOTE: return "Note";
    case DISP_S_REFERENCE: return "Reference";
    case DISP_S_LINK: return "Link";
    case DISP_S_TOC: return "TOC";
    case DISP_S_TOCI: return "TOCI";
    }
    return "Span";
}

static int valid_tag(const pdf_writer *w, int tag)
{
    return tag > 0 && (size_t)tag < w->doc->n_structs ? tag : 0;
}

static bool put(pdf_writer *w, size_t page, const char *ops)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)w->pages[page]->attr;
    return pdf_check(w, HPDF_Stream_WriteStr(attr->stream, ops),
                     "cannot write marked content on page %zu", page + 1);
}

bool pdf_tags_item(pdf_writer *w, size_t page, int tag)
{
    tag = valid_tag(w, tag);
    if (w->mc_open && w->mc_tag == tag)
        return true;
    if (!pdf_tags_page_end(w, page))
        return false;
    w->mc_open = true;
    w->mc_tag = tag;
    if (!tag)
        return put(w, page, "/Artifact BMC\n");
    struct pdf_mc *mc = ARENA_PUSH(w->a, w->mcs, w->n_mcs, w->cap_mcs);
    mc->tag = tag;
    mc->page = (int)page;
    mc->mcid = w->next_mcid++;
    char ops[96];
    snprintf(ops, sizeof ops, "/%s <</MCID %d>> BDC\n", role_name(&w->doc->structs[tag]),
             mc->mcid);
    return put(w, page, ops);
}

bool pdf_tags_bound(pdf_writer *w, size_t page, int tag)
{
    tag = valid_tag(w, tag);
    if (!tag || w->next_mcid != 0)
        return true;
    struct pdf_mc *mc = ARENA_PUSH(w->a, w->mcs, w->n_mcs, w->cap_mcs);
    mc->tag = tag;
    mc->page = (int)page;
    mc->mcid = w->next_mcid++;
    return true;
}

bool pdf_tags_page_end(pdf_writer *w, size_t page)
{
    if (!w->mc_open)
        return true;
    w->mc_open = false;
    return put(w, page, "EMC\n");
}

void pdf_tags_page_start(pdf_writer *w)
{
    w->next_mcid = 0;
    w->mc_open = false;
}

void pdf_tags_annot(pdf_writer *w, size_t page, int tag, HPDF_Annotation annot,
                    const char *fallback)
{
    tag = valid_tag(w, tag);
    const char *what = tag && w->doc->structs[tag].alt ? w->doc->structs[tag].alt : fallback;
    pdf_link *link = annot->attr;
    link->contents = what && *what ? what : NULL;
    if (!tag)
        return;
    struct pdf_objr *o = ARENA_PUSH(w->a, w->objrs, w->n_objrs, w->cap_objrs);
    o->tag = tag;
    o->page = (int)page;
    o->annot = annot;
}

/* One list per node, all in one flat array (compressed sparse rows):
 * node i's items are item[start[i]] .. item[start[i + 1] - 1], in the
 * order they were added. Counted first, then filled: a list pushed per
 * node cost at least 128 bytes of arena each, 40 MB on 12,500 notes. */
typedef struct rows {
    uint32_t *start;           /* n + 1 */
    uint32_t *item;
} rows;

/* Filled in three steps: rows_count once per item (node i's count goes
 * in start[i + 2]), rows_sum (start[i + 1] becomes where node i's items
 * begin), rows_put once per item in order (start[i + 1] advances to
 * node i's end, which is where node i + 1's items begin). */
static void rows_alloc(arena *a, rows *r, size_t n, size_t total)
{
    r->start = arena_alloc(a, (n + 2) * sizeof *r->start);
    r->item = arena_alloc(a, (total + 1) * sizeof *r->item);
}

static void rows_count(rows *r, size_t i)
{
    r->start[i + 2]++;
}

static void rows_sum(rows *r, size_t n)
{
    for (size_t i = 2; i < n + 2; i++)
        r->start[i] += r->start[i - 1];
}

static void rows_put(rows *r, size_t i, size_t v)
{
    r->item[r->start[i + 1]++] = (uint32_t)v;
}

static size_t rows_len(const rows *r, size_t i)
{
    return r->start[i + 1] - r->start[i];
}

static const uint32_t *rows_of(const rows *r, size_t i)
{
    return r->item + r->start[i];
}

/* The tree's state while it is written. */
typedef struct tree {
    pdf_writer *w;
    size_t n;                  /* display structure nodes */
    uint32_t *id;              /* by node: its element's object number, 0 when it
                                * holds nothing */
    HPDF_Dict_Rec top;         /* the document's element (DISP_ROOT) */
    uint32_t *entered;         /* the other elements' nodes, in cross-reference order */
    size_t n_entered, n_written;
    uint32_t *key;             /* the first marked content in its subtree (stream order) */
    rows kids;                 /* its child nodes that hold something, in creation order */
    rows own;                  /* its marked contents (indexes into w->mcs) */
    rows annots;               /* its annotations (indexes into w->objrs) */
    uint32_t *order;           /* scratch for put_kids, as long as the longest kids row */
    HPDF_Dict root;            /* the StructTreeRoot */
    size_t n_pages;            /* the ParentTree's page keys */
} tree;

/* A reference to node i's element. */
static void put_elem(buf *b, const tree *t, size_t i)
{
    pdf_put_uint(b, t->id[i]);
    buf_puts(b, " 0 R");
}

#define NO_KEY UINT32_MAX

static void put_mcr(tree *t, buf *k, HPDF_Dict elem_page, const struct pdf_mc *mc)
{
    HPDF_Page pg = t->w->pages[mc->page];
    if (pg == elem_page) {
        pdf_put_uint(k, (unsigned long)mc->mcid);
        return;
    }
    buf_puts(k, "<</Type/MCR/Pg");
    pdf_put_ref(k, pg);
    buf_puts(k, "/MCID");
    pdf_put_uint(k, (unsigned long)mc->mcid);
    buf_puts(k, ">>");
}

/* The kids of node i in reading order, as /K's entries: a node with
 * content of its own interleaves it with its children by where each
 * first stands in the page streams; one without keeps its children in
 * the order layout made them (the logical order, a float where it is
 * anchored). Elements read after their parent (notes) come last, then
 * the annotations. */
static void put_kids(tree *t, size_t i, buf *k)
{
    pdf_writer *w = t->w;
    const uint32_t *own = rows_of(&t->own, i), *kids = rows_of(&t->kids, i);
    size_t n_own = rows_len(&t->own, i), n_kids = rows_len(&t->kids, i);
    HPDF_Dict page = n_own ? w->pages[w->mcs[own[0]].page] : NULL;
    /* Children in order, those read after held back. */
    uint32_t *order = t->order;
    size_t n_order = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t q = 0; q < n_kids; q++)
            if (w->doc->structs[kids[q]].after == (pass == 1))
                order[n_order++] = kids[q];
    size_t n_before = 0;
    while (n_before < n_order && !w->doc->structs[order[n_before]].after)
        n_before++;
    bool by_key = n_own > 0;
    size_t a = 0, c = 0;
    buf_puts(k, "/K[");
    while (a < n_own || c < n_order) {
        bool take_own;
        if (a == n_own)
            take_own = false;
        else if (c == n_order)
            take_own = true;
        else if (c >= n_before)
            take_own = true;              /* the late ones wait for all content */
        else
            take_own = by_key && own[a] < t->key[order[c]];
        if (take_own)
            put_mcr(t, k, page, &w->mcs[own[a++]]);
        else
            put_elem(k, t, order[c++]);
    }
    const uint32_t *an = rows_of(&t->annots, i);
    for (size_t q = 0; q < rows_len(&t->annots, i); q++) {
        const struct pdf_objr *o = &w->objrs[an[q]];
        buf_puts(k, "<</Type/OBJR/Obj");
        pdf_put_ref(k, o->annot);
        buf_puts(k, "/Pg");
        pdf_put_ref(k, w->pages[o->page]);
        buf_puts(k, ">>");
    }
    buf_puts(k, "]");
}

/* The write hook of a structure element: its entries, made from the
 * tree as the file is saved. Kept as text until then, they took 10-17 MB
 * of arena on 12,500 notes; as libharu objects, one per key and kid, a
 * third of the compile's PDF writing. */
static HPDF_STATUS elem_entries(HPDF_Dict dict, HPDF_Stream stream)
{
    tree *t = dict->attr;
    pdf_writer *w = t->w;
    size_t i = DISP_ROOT;
    if (dict == &w->elems) {
        if (t->n_written == t->n_entered)
            return HPDF_INVALID_OBJECT;
        i = t->entered[t->n_written++];
    }
    const disp_struct *s = &w->doc->structs[i];
    buf *b = &w->ops;
    buf_reset(b);
    buf_printf(b, "/Type/StructElem/S/%s/P", role_name(s));
    if (i == DISP_ROOT || s->parent <= 0)
        pdf_put_ref(b, t->root);
    else
        put_elem(b, t, (size_t)s->parent);
    if (s->role == DISP_S_FIGURE || (s->role == DISP_S_LBL && s->alt)) {
        /* A figure without words still says what it is. */
        buf_puts(b, "/Alt");
        pdf_put_text(b, s->alt && *s->alt ? s->alt : role_name(s));
    }
    if (s->role == DISP_S_NOTE)   /* PDF/UA-1 wants every note to have an ID of its own */
        buf_printf(b, "/ID(note-%zu)", i);
    if (s->role == DISP_S_TH)
        buf_puts(b, "/A<</O/Table/Scope/Column>>");
    if (rows_len(&t->own, i)) {
        buf_puts(b, "/Pg");
        pdf_put_ref(b, w->pages[w->mcs[rows_of(&t->own, i)[0]].page]);
    }
    put_kids(t, i, b);
    return HPDF_Stream_Write(stream, (const HPDF_BYTE *)b->data, (HPDF_UINT)b->len);
}

static bool make_elements(tree *t)
{
    pdf_writer *w = t->w;
    const display_doc *doc = w->doc;
    /* Which nodes hold something: their own content, an annotation, or
     * a child that does (a parent always comes before its children). */
    bool *holds = arena_alloc(w->a, t->n + 1);
    for (size_t q = 0; q < w->n_mcs; q++)
        holds[w->mcs[q].tag] = true;
    for (size_t q = 0; q < w->n_objrs; q++)
        holds[w->objrs[q].tag] = true;
    holds[DISP_ROOT] = true;
    for (size_t i = t->n; i-- > DISP_ROOT + 1;)
        if (holds[i] && doc->structs[i].parent > 0)
            holds[doc->structs[i].parent] = true;
    size_t n_elems = 0;
    for (size_t i = DISP_ROOT; i < t->n; i++)
        n_elems += holds[i];
    t->entered = arena_alloc(w->a, n_elems * sizeof *t->entered);
    pdf_kept_dict(&w->kept, &t->top, elem_entries, t);
    pdf_kept_dict(&w->kept, &w->elems, elem_entries, t);
    for (size_t i = DISP_ROOT; i < t->n; i++) {
        if (!holds[i])
            continue;
        HPDF_Dict d = i == DISP_ROOT ? &t->top : &w->elems;
        if (HPDF_Xref_Add(w->pdf->xref, d) != HPDF_OK)
            return false;
        t->id[i] = d->header.obj_id & 0x00FFFFFF;
        if (d == &w->elems) {
            t->entered[t->n_entered++] = (uint32_t)i;
            /* libharu enters an object once: the record forgets its number
             * (its entries keep theirs, and hold it until pdf_tags_forget). */
            d->header.obj_id = 0;
        }
    }
    /* Their kids, and the page of their own content. */
    rows_alloc(w->a, &t->own, t->n, w->n_mcs);
    rows_alloc(w->a, &t->annots, t->n, w->n_objrs);
    rows_alloc(w->a, &t->kids, t->n, n_elems);
    for (size_t q = 0; q < w->n_mcs; q++)
        rows_count(&t->own, (size_t)w->mcs[q].tag);
    for (size_t q = 0; q < w->n_objrs; q++)
        rows_count(&t->annots, (size_t)w->objrs[q].tag);
    for (size_t i = DISP_ROOT + 1; i < t->n; i++)
        if (t->id[i] && doc->structs[i].parent > 0)
            rows_count(&t->kids, (size_t)doc->structs[i].parent);
    rows_sum(&t->own, t->n);
    rows_sum(&t->annots, t->n);
    rows_sum(&t->kids, t->n);
    for (size_t q = 0; q < w->n_mcs; q++)
        rows_put(&t->own, (size_t)w->mcs[q].tag, q);
    for (size_t q = 0; q < w->n_objrs; q++)
        rows_put(&t->annots, (size_t)w->objrs[q].tag, q);
    size_t longest = 0;
    for (size_t i = DISP_ROOT + 1; i < t->n; i++) {
        int p = doc->structs[i].parent;
        if (t->id[i] && p > 0)
            rows_put(&t->kids, (size_t)p, i);
    }
    for (size_t i = 0; i < t->n; i++) {
        t->key[i] = rows_len(&t->own, i) ? rows_of(&t->own, i)[0] : NO_KEY;
        if (rows_len(&t->kids, i) > longest)
            longest = rows_len(&t->kids, i);
    }
    t->order = arena_alloc(w->a, (longest + 1) * sizeof *t->order);
    for (size_t i = t->n; i-- > DISP_ROOT + 1;) {
        int p = doc->structs[i].parent;
        if (p > 0 && t->key[i] < t->key[p])
            t->key[p] = t->key[i];
    }
    return true;
}

/* The write hook of the ParentTree: for page p (key p) the element of
 * each of its MCIDs, for annotation k (key pages + k) its element; made
 * as the file is saved, from the tree (attr), checked by parent_tree. */
static HPDF_STATUS parent_nums(HPDF_Dict dict, HPDF_Stream stream)
{
    tree *t = dict->attr;
    pdf_writer *w = t->w;
    buf *b = &w->ops;
    buf_reset(b);
    buf_puts(b, "/Nums[");
    size_t q = 0;
    for (size_t p = 0; p < t->n_pages; p++) {
        buf_printf(b, "%zu[", p);
        /* The MCIDs of a page are 0, 1, 2, ... in stream order. */
        for (; q < w->n_mcs && w->mcs[q].page == (int)p; q++)
            put_elem(b, t, (size_t)w->mcs[q].tag);
        buf_puts(b, "]");
    }
    for (size_t k = 0; k < w->n_objrs; k++) {
        pdf_put_uint(b, (unsigned long)(t->n_pages + k));
        put_elem(b, t, (size_t)w->objrs[k].tag);
    }
    buf_puts(b, "]");
    return HPDF_Stream_Write(stream, (const HPDF_BYTE *)b->data, (HPDF_UINT)b->len);
}

/* The ParentTree, written by parent_nums; each page's /StructParents
 * and each annotation's /StructParent. */
static bool parent_tree(tree *t, HPDF_Dict root)
{
    pdf_writer *w = t->w;
    HPDF_Dict pt = HPDF_Dict_New(w->pdf->mmgr);
    if (!pt || HPDF_Xref_Add(w->pdf->xref, pt) != HPDF_OK ||
        HPDF_Dict_Add(root, "ParentTree", pt) != HPDF_OK)
        return false;
    bool ok = true;
    size_t q = 0;
    for (size_t p = 0; p < t->n_pages && ok; p++) {
        for (; q < w->n_mcs && w->mcs[q].page == (int)p; q++)
            if (!t->id[w->mcs[q].tag]) {
                ok = false;
                break;
            }
        HPDF_Page pg = w->pages[p];
        ok = ok && HPDF_Dict_AddNumber(pg, "StructParents", (HPDF_INT32)p) == HPDF_OK &&
             HPDF_Dict_AddName(pg, "Tabs", "S") == HPDF_OK;
    }
    for (size_t k = 0; k < w->n_objrs && ok; k++) {
        if (!t->id[w->objrs[k].tag]) {
            ok = false;
            break;
        }
        ((pdf_link *)w->objrs[k].annot->attr)->struct_parent = (int)(t->n_pages + k);
    }
    pt->attr = t;
    pt->write_fn = parent_nums;
    return ok && HPDF_Dict_AddNumber(root, "ParentTreeNextKey",
                                     (HPDF_INT32)(t->n_pages + w->n_objrs)) == HPDF_OK;
}

bool pdf_tags_write(pdf_writer *w, size_t n_pages)
{
    HPDF_MMgr mm = w->pdf->mmgr;
    /* In the arena: the write hooks read it when the file is saved. */
    tree *t = arena_alloc(w->a, sizeof *t);
    *t = (tree){.w = w, .n = w->doc->n_structs, .n_pages = n_pages};
    size_t n = t->n + DISP_ROOT + 1;
    t->id = arena_alloc(w->a, n * sizeof *t->id);
    t->key = arena_alloc(w->a, n * sizeof *t->key);
    HPDF_Dict root = t->root = HPDF_Dict_New(mm);
    HPDF_Dict mark = HPDF_Dict_New(mm);
    HPDF_Dict prefs = HPDF_Dict_New(mm);
    bool ok = root && mark && prefs && HPDF_Xref_Add(w->pdf->xref, root) == HPDF_OK &&
              HPDF_Dict_AddName(root, "Type", "StructTreeRoot") == HPDF_OK &&
              HPDF_Dict_Add(w->pdf->catalog, "StructTreeRoot", root) == HPDF_OK &&
              HPDF_Dict_Add(w->pdf->catalog, "MarkInfo", mark) == HPDF_OK &&
              HPDF_Dict_Add(mark, "Marked", HPDF_Boolean_New(mm, HPDF_TRUE)) == HPDF_OK &&
              /* Readers show the title, not the file name. */
              HPDF_Dict_Add(w->pdf->catalog, "ViewerPreferences", prefs) == HPDF_OK &&
              HPDF_Dict_Add(prefs, "DisplayDocTitle", HPDF_Boolean_New(mm, HPDF_TRUE)) == HPDF_OK;
    if (ok && w->doc->n_structs > DISP_ROOT) {
        ok = make_elements(t) && HPDF_Dict_Add(root, "K", &t->top) == HPDF_OK &&
             parent_tree(t, root);
    } else if (ok) {
        /* A display list made by hand, with no structure: everything on
         * its pages is an artifact, under one empty document element. */
        HPDF_Dict e = HPDF_Dict_New(mm);
        ok = e && HPDF_Xref_Add(w->pdf->xref, e) == HPDF_OK &&
             HPDF_Dict_AddName(e, "Type", "StructElem") == HPDF_OK &&
             HPDF_Dict_AddName(e, "S", "Document") == HPDF_OK &&
             HPDF_Dict_Add(e, "P", root) == HPDF_OK && HPDF_Dict_Add(root, "K", e) == HPDF_OK &&
             parent_tree(t, root);
    }
    return pdf_check(w, ok ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM, "cannot write the structure tree");
}

void pdf_tags_forget(pdf_writer *w)
{
    HPDF_Xref x = w->pdf->xref;
    for (HPDF_UINT i = 0; x && i < x->entries->count; i++) {
        HPDF_XrefEntry e = HPDF_Xref_GetEntry(x, i);
        if (e->obj == (void *)&w->elems)
            e->obj = NULL;
    }
}
