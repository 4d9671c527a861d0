/*
 * test_pdf_tags.c: pins what the structure tree's dictionaries rely on in
 * libharu 2.3.0 (src/pdf/pdf_tags.c). Each element (and each link,
 * src/pdf/pdf_nav.c) is a dictionary record kept in the writer's arena
 * (pdf_kept_dict), written wholly by its write
 * hook: its bytes must be those of a dictionary HPDF_Dict_New makes with
 * the same hook, and HPDF_Free must hand its record and its shared empty
 * list only to their own memory manager (whose free does nothing), never
 * to the document's. Every element but the document's shares one record,
 * entered once per element: libharu must take it again once it forgets
 * its number, write the entries in the order they were entered (the
 * record's hook takes its elements in that order), and, since
 * HPDF_Dict_Free zeroes a record's class so that a second free would go
 * to free(), pdf_tags_forget must take it out of the table first.
 */
#include "pdf_tools.h"

#include <hpdf.h>
#include <hpdf_objects.h>

#include "pdf/pdf_writer.h"

#define N_KEPT 3

/* What the document's memory manager was asked to free. */
static void *freed[4096];
static size_t n_freed;

static void *count_alloc(HPDF_UINT size)
{
    return malloc(size);
}

static void count_free(void *p)
{
    if (n_freed < sizeof freed / sizeof *freed)
        freed[n_freed++] = p;
    free(p);
}

static HPDF_STATUS entries(HPDF_Dict dict, HPDF_Stream s)
{
    char t[64];
    snprintf(t, sizeof t, "/Type/StructElem/S/%s", (const char *)dict->attr);
    return HPDF_Stream_WriteStr(s, t);
}

static bool was_freed(const void *lo, size_t len)
{
    for (size_t i = 0; i < n_freed; i++)
        if ((const char *)freed[i] >= (const char *)lo && (const char *)freed[i] < (const char *)lo + len)
            return true;
    return false;
}

/* The shared record's hook: the next role of the list it stands for. */
typedef struct shared {
    const char *const *roles;
    size_t n, next;
} shared;

static HPDF_STATUS shared_entries(HPDF_Dict dict, HPDF_Stream s)
{
    shared *sh = dict->attr;
    if (sh->next == sh->n)
        return HPDF_INVALID_OBJECT;
    char t[64];
    snprintf(t, sizeof t, "/Type/StructElem/S/%s", sh->roles[sh->next++]);
    return HPDF_Stream_WriteStr(s, t);
}

static void test_shared(const char *dir)
{
    char path[600];
    snprintf(path, sizeof path, "%s/shared.pdf", dir);
    HPDF_Doc pdf = HPDF_NewEx(NULL, count_alloc, count_free, 0, NULL);
    HPDF_AddPage(pdf);
    pdf_writer *w = calloc(1, sizeof *w);
    w->pdf = pdf;
    pdf_kept_init(&w->kept, pdf->mmgr);
    static const char *const roles[] = {"P", "Note", "Lbl", "Link", "Reference"};
    enum { N = sizeof roles / sizeof *roles };
    shared sh = {roles, N, 0};
    pdf_kept_dict(&w->kept, &w->elems, shared_entries, &sh);
    HPDF_UINT ids[N];
    bool ok = true;
    for (size_t i = 0; i < N && ok; i++) {
        ok = HPDF_Xref_Add(pdf->xref, &w->elems) == HPDF_OK;
        ids[i] = w->elems.header.obj_id & 0x00FFFFFF;
        if (i == 0) {
            HPDF_STATUS again = HPDF_Xref_Add(pdf->xref, &w->elems);
            HPDF_ResetError(pdf);
            CHECK(again != HPDF_OK, "libharu refuses a record it has entered already");
        }
        w->elems.header.obj_id = 0;
    }
    CHECK(ok, "a record that forgets its number is entered again, once per element");
    CHECK_INT((int)(ids[N - 1] - ids[0]), N - 1, "the entries' numbers follow one another");
    CHECK_INT(HPDF_SaveToFile(pdf, path), HPDF_OK, "the document is saved");
    CHECK_INT((int)sh.next, N, "the hook ran once per entry");
    char *file = tools_slurp(path);
    int in_order = 0;
    for (size_t i = 0; i < N; i++) {
        char want[128];
        snprintf(want, sizeof want, "%u 0 obj\012<<\012/Type/StructElem/S/%s>>\012endobj", ids[i],
                 roles[i]);
        in_order += strstr(file, want) != NULL;
    }
    free(file);
    CHECK_INT(in_order, N, "each entry is written in the order it was entered");
    CHECK(tools_qpdf_ok(dir, path), "qpdf --check passes on the shared record's file");

    pdf_tags_forget(w);
    int left = 0;
    for (HPDF_UINT i = 0; i < pdf->xref->entries->count; i++)
        left += HPDF_Xref_GetEntry(pdf->xref, i)->obj == (void *)&w->elems;
    CHECK_INT(left, 0, "pdf_tags_forget takes every entry of the shared record out");
    n_freed = 0;
    HPDF_Free(pdf);
    CHECK(!was_freed(w, sizeof *w), "HPDF_Free does not free the shared record");
    CHECK(w->elems.header.obj_class == HPDF_OCLASS_DICT, "nor frees it through its own manager");
    free(w);
}

int main(void)
{
    char *dir = tools_mkdtemp();
    char path[600];
    snprintf(path, sizeof path, "%s/kept.pdf", dir);

    HPDF_Doc pdf = HPDF_NewEx(NULL, count_alloc, count_free, 0, NULL);
    CHECK(pdf != NULL, "libharu starts with our memory manager");
    HPDF_AddPage(pdf);
    pdf_kept *kept = malloc(sizeof *kept);
    HPDF_Dict_Rec *recs = malloc(N_KEPT * sizeof *recs);
    pdf_kept_init(kept, pdf->mmgr);
    static const char *const roles[N_KEPT] = {"Document", "P", "Note"};
    HPDF_Array arr = HPDF_Array_New(pdf->mmgr);
    bool ok = arr && HPDF_Dict_Add(pdf->catalog, "Kept", arr) == HPDF_OK;
    for (int i = 0; i < N_KEPT && ok; i++) {
        pdf_kept_dict(kept, &recs[i], entries, (void *)roles[i]);
        ok = HPDF_Xref_Add(pdf->xref, &recs[i]) == HPDF_OK && HPDF_Array_Add(arr, &recs[i]) == HPDF_OK;
    }
    /* The same element made by libharu. */
    HPDF_Dict theirs = HPDF_Dict_New(pdf->mmgr);
    ok = ok && theirs && HPDF_Xref_Add(pdf->xref, theirs) == HPDF_OK &&
         HPDF_Dict_Add(pdf->catalog, "Theirs", theirs) == HPDF_OK;
    if (ok) {
        theirs->write_fn = entries;
        theirs->attr = (void *)"Note";
    }
    CHECK(ok, "kept dictionaries go into the cross-reference table and an array");
    HPDF_UINT kept_id = recs[2].header.obj_id & 0x00FFFFFF,
              their_id = theirs ? theirs->header.obj_id & 0x00FFFFFF : 0;
    CHECK_INT(HPDF_SaveToFile(pdf, path), HPDF_OK, "the document is saved");

    char *file = tools_slurp(path);
    char want[128], got[128];
    snprintf(want, sizeof want, "%u 0 obj\012<<\012/Type/StructElem/S/Note>>\012endobj", their_id);
    CHECK(strstr(file, want) != NULL, "libharu writes its own dictionary's hook inside << >>");
    snprintf(got, sizeof got, "%u 0 obj\012<<\012/Type/StructElem/S/Note>>\012endobj", kept_id);
    CHECK(strstr(file, got) != NULL, "a kept dictionary's bytes are the same");
    CHECK(strstr(file, "/Kept [") != NULL, "the kept dictionaries are referenced");
    free(file);
    CHECK(tools_qpdf_ok(dir, path), "qpdf --check passes");

    n_freed = 0;
    HPDF_Free(pdf);
    CHECK(n_freed > 0, "HPDF_Free frees through the document's manager");
    CHECK(!was_freed(recs, N_KEPT * sizeof *recs), "no kept record is freed by the document's manager");
    CHECK(!was_freed(kept, sizeof *kept), "nor the shared list");
    /* HPDF_Dict_Free clears the class as it frees a record: it reached
     * each kept one and passed it to the kept manager. */
    int cleared = 0;
    for (int i = 0; i < N_KEPT; i++)
        cleared += recs[i].header.obj_class == 0;
    CHECK_INT(cleared, N_KEPT, "HPDF_Free freed each kept record through its own manager");
    CHECK_INT((int)kept->empty.count, 0, "the shared list is still empty");
    free(recs);
    free(kept);
    test_shared(dir);
    tools_rmdir(dir);
    return harness_done();
}
