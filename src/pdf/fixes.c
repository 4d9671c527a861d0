/*
 * fixes.c: libharu 2.3.0 workarounds through its installed private
 * headers (see fixes.h).
 */
#include "pdf/fixes.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <stdio.h>

bool pdf_fix_tounicode(HPDF_Font font)
{
    HPDF_Dict dict = (HPDF_Dict)font;
    HPDF_Dict cmap = HPDF_Dict_GetItem(dict, "ToUnicode", HPDF_OCLASS_DICT);
    if (!cmap || !cmap->stream)
        return false;
    HPDF_Stream s = cmap->stream;
    HPDF_MemStream_FreeData(s);
    HPDF_Stream_WriteStr(s,
        "/CIDInit /ProcSet findresource begin\n"
        "12 dict begin\n"
        "begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    /* Codes are the code points themselves: one bfrange per high byte,
     * skipping the surrogates, at most 100 ranges per block. */
    int ranges[256], n = 0;
    for (int hi = 0; hi < 256; hi++)
        if (hi < 0xD8 || hi > 0xDF)
            ranges[n++] = hi;
    char line[64];
    for (int i = 0; i < n; i += 100) {
        int count = n - i < 100 ? n - i : 100;
        snprintf(line, sizeof line, "%d beginbfrange\n", count);
        HPDF_Stream_WriteStr(s, line);
        for (int k = i; k < i + count; k++) {
            int hi = ranges[k];
            snprintf(line, sizeof line, "<%02X00> <%02X%s> <%02X00>\n", hi, hi,
                     hi == 0xFF ? "FE" : "FF", hi);
            HPDF_Stream_WriteStr(s, line);
        }
        HPDF_Stream_WriteStr(s, "endbfrange\n");
    }
    HPDF_Stream_WriteStr(s,
        "endcmap\n"
        "CMapName currentdict /CMap defineresource pop\n"
        "end\n"
        "end\n");
    return true;
}

HPDF_Destination pdf_fix_dest_xyz(HPDF_Doc pdf, HPDF_Page page, double x, double y)
{
    HPDF_Destination dst = HPDF_Page_CreateDestination(page);
    if (!dst)
        return NULL;
    HPDF_Array a = (HPDF_Array)dst;
    /* [page /Fit] -> [page /XYZ x y null] */
    while (a->list->count > 1) {
        void *item = HPDF_List_RemoveByIndex(a->list, a->list->count - 1);
        HPDF_Obj_Free(a->mmgr, item);
    }
    if (HPDF_Array_AddName(a, "XYZ") != HPDF_OK || HPDF_Array_AddReal(a, (HPDF_REAL)x) != HPDF_OK ||
        HPDF_Array_AddReal(a, (HPDF_REAL)y) != HPDF_OK ||
        HPDF_Array_Add(a, HPDF_Null_New(pdf->mmgr)) != HPDF_OK)
        return NULL;
    return dst;
}

bool pdf_fix_write_raw(HPDF_Page page, const char *s)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    return HPDF_Stream_WriteStr(attr->stream, s) == HPDF_OK;
}

void pdf_fix_version_14(HPDF_Doc pdf)
{
    if (pdf->pdf_version < HPDF_VER_14)
        pdf->pdf_version = HPDF_VER_14;
}
