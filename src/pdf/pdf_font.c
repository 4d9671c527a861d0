/*
 * pdf_font.c: loading the display faces as libharu UTF-8 CID fonts, only
 * when first drawn (so unused faces are not embedded), and replacing the
 * invalid ToUnicode CMap libharu 2.3.0 attaches to each of them.
 *
 * A face usually arrives as a subset (disp_face.data: the glyphs the
 * pages draw, cut by the text module), which libharu 2.3.0 can only read
 * from a file: its stream loader is static, so the font definition is
 * built here from the same exported parts (HPDF_TTFontDef_Load on a
 * memory stream, the document's font list, its HPDFAA-style tags).
 * libharu maps all 65,536 codes of a UTF-8 font in /CIDToGIDMap; the map
 * is cut after the highest code the pages draw.
 *
 * libharu attaches its *encoding* CMap as /ToUnicode: a CID CMap with
 * begincidrange, which a ToUnicode CMap may not contain; poppler warns
 * "Invalid 'begincidrange' operator" once per page and font. Codes in a
 * UTF-8 font are the UCS-2 code points themselves, so the right map is
 * the identity, written as bfranges, plus the ligatures U+FB00-FB06
 * spelt out so that copied text reads "office", not "o\uFB03ce". That
 * map is the same for every font, so one stream serves them all.
 */
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <string.h>

#include "pdf/pdf_writer.h"

static const struct {
    unsigned code;
    const char *text;            /* UTF-16BE hex */
} ligatures[] = {
    {0xFB00, "00660066"},        /* ff */
    {0xFB01, "00660069"},        /* fi */
    {0xFB02, "0066006C"},        /* fl */
    {0xFB03, "006600660069"},    /* ffi */
    {0xFB04, "00660066006C"},    /* ffl */
    {0xFB05, "00730074"},        /* long s t */
    {0xFB06, "00730074"},        /* st */
};
#define N_LIGATURES (sizeof ligatures / sizeof ligatures[0])

/* A bfrange may not cross a change of the high byte, so there is one per
 * high byte; the surrogate blocks D8-DF are no characters, and FB starts
 * after the ligatures, which get bfchars instead. */
static void write_cmap(buf *b)
{
    buf_puts(b, "/CIDInit /ProcSet findresource begin\n"
                "12 dict begin\n"
                "begincmap\n"
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                "/CMapName /Adobe-Identity-UCS def\n"
                "/CMapType 2 def\n"
                "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    unsigned first[256], last[256];
    int n = 0;
    for (unsigned hi = 0; hi < 256; hi++) {
        if (hi >= 0xD8 && hi <= 0xDF)
            continue;
        first[n] = hi << 8;
        last[n] = hi == 0xFF ? 0xFFFD : (hi << 8) | 0xFF;   /* FFFE/FFFF are non-characters */
        if (hi == 0xFB)
            first[n] = 0xFB00 + N_LIGATURES;
        n++;
    }
    for (int i = 0; i < n; i += 100) {
        int count = n - i < 100 ? n - i : 100;   /* at most 100 entries per block */
        buf_printf(b, "%d beginbfrange\n", count);
        for (int k = i; k < i + count; k++)
            buf_printf(b, "<%04X> <%04X> <%04X>\n", first[k], last[k], first[k]);
        buf_puts(b, "endbfrange\n");
    }
    buf_printf(b, "%zu beginbfchar\n", N_LIGATURES);
    for (size_t i = 0; i < N_LIGATURES; i++)
        buf_printf(b, "<%04X> <%s>\n", ligatures[i].code, ligatures[i].text);
    buf_puts(b, "endbfchar\n"
                "endcmap\n"
                "CMapName currentdict /CMap defineresource pop\n"
                "end\n"
                "end\n");
}

/* Rewrites the font's ToUnicode stream in place (libharu 2.3.0 internals:
 * HPDF_FontAttr.cmap_stream is the /ToUnicode stream dictionary). */
static bool fix_tounicode(pdf_writer *w, HPDF_Font font, const char *path)
{
    HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
    HPDF_Dict cmap = attr ? attr->cmap_stream : NULL;
    if (!cmap || !cmap->stream || cmap != HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT))
        return diag_error(w->d, (src_loc){w->name, 0, 0},
                          "cannot repair the ToUnicode map of font %s: libharu's font "
                          "structure is not the one of version 2.3.0", path);
    /* The dictionary's CMap keys describe libharu's encoding CMap, not this
     * one; a ToUnicode stream needs none of them. */
    static const char *const stale[] = {"Type", "CMapName", "CIDSystemInfo", "WMode"};
    for (size_t i = 0; i < sizeof stale / sizeof stale[0]; i++)
        HPDF_Dict_RemoveElement(cmap, stale[i]);   /* HPDF_DICT_ITEM_NOT_FOUND is fine */
    /* The map is the same for every font: the first font's serves all, and
     * the one libharu made for this font is left empty (unreferenced). */
    if (w->tounicode) {
        HPDF_MemStream_FreeData(cmap->stream);
        return pdf_check(w, HPDF_Dict_Add(font, "ToUnicode", w->tounicode),
                         "cannot repair the ToUnicode map of font %s", path);
    }
    w->tounicode = cmap;
    buf_reset(&w->ops);
    write_cmap(&w->ops);
    HPDF_MemStream_FreeData(cmap->stream);
    return pdf_check(w, HPDF_Stream_WriteStr(cmap->stream, w->ops.data),
                     "cannot repair the ToUnicode map of font %s", path);
}

/* A font definition from bytes in memory, registered and tagged as
 * libharu's LoadTTFontFromStream (static in hpdf_doc.c) does for a file;
 * its base-font name, or NULL with libharu's error set. */
static const char *load_from_memory(pdf_writer *w, const void *data, size_t len)
{
    HPDF_Doc pdf = w->pdf;
    HPDF_Stream s = HPDF_MemStream_New(pdf->mmgr, (HPDF_UINT)len);
    if (!s)
        return NULL;
    if (HPDF_Stream_Write(s, data, (HPDF_UINT)len) != HPDF_OK) {
        HPDF_Stream_Free(s);
        return NULL;
    }
    HPDF_FontDef def = HPDF_TTFontDef_Load(pdf->mmgr, s, HPDF_TRUE);   /* owns s now */
    if (!def)
        return NULL;
    /* As libharu: a second font of the same PostScript name is the first. */
    HPDF_FontDef known = HPDF_Doc_FindFontDef(pdf, def->base_font);
    if (known) {
        HPDF_FontDef_Free(def);
        return known->base_font;
    }
    if (HPDF_List_Add(pdf->fontdef_list, def) != HPDF_OK) {
        HPDF_FontDef_Free(def);
        return NULL;
    }
    if (pdf->ttfont_tag[0] == 0) {
        memcpy(pdf->ttfont_tag, "HPDFAA", 6);
    } else {
        for (int i = 5; i >= 0; i--) {
            if (++pdf->ttfont_tag[i] <= 'Z')
                break;
            pdf->ttfont_tag[i] = 'A';
        }
    }
    HPDF_TTFontDef_SetTagName(def, (char *)pdf->ttfont_tag);
    return def->base_font;
}

/* The highest code drawn with path's file (faces share a font by file). */
static unsigned max_code(const pdf_writer *w, const char *path)
{
    const display_doc *doc = w->doc;
    unsigned m = 0;
    for (size_t p = 0; p < doc->n_pages; p++)
        for (size_t i = 0; i < doc->pages[p].n_items; i++) {
            const disp_item *it = &doc->pages[p].items[i];
            int f = it->u.text.face;
            if (it->kind != DISP_TEXT || f < 0 || (size_t)f >= doc->n_faces ||
                !doc->faces[f].path || strcmp(doc->faces[f].path, path) != 0)
                continue;
            for (size_t g = 0; g < it->u.text.n_glyphs; g++) {
                uint32_t cp = it->u.text.glyphs[g].cp;
                if (pdf_drawable(cp) && cp > m)
                    m = cp;
            }
        }
    return m;
}

/* Cuts the font's /CIDToGIDMap (2 bytes per code, codes 0..65534) after
 * the highest code drawn: codes past the map's end are never shown. */
static bool cut_cid_map(pdf_writer *w, HPDF_Font font, const char *path)
{
    HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
    HPDF_Dict map = attr ? attr->map_stream : NULL;
    if (!map || !map->stream)
        return true;           /* not embedded: no map */
    HPDF_UINT want = (max_code(w, path) + 1) * 2, got = want;
    if (want >= map->stream->size)
        return true;
    HPDF_BYTE *head = arena_alloc(w->a, want);
    if (!pdf_check(w, HPDF_Stream_Seek(map->stream, 0, HPDF_SEEK_SET),
                   "cannot read the glyph map of font %s", path) ||
        !pdf_check(w, HPDF_Stream_Read(map->stream, head, &got),
                   "cannot read the glyph map of font %s", path))
        return false;
    HPDF_MemStream_FreeData(map->stream);
    return pdf_check(w, HPDF_Stream_Write(map->stream, head, got),
                     "cannot cut the glyph map of font %s", path);
}

HPDF_Font pdf_font(pdf_writer *w, int face)
{
    const display_doc *doc = w->doc;
    if (face < 0 || (size_t)face >= doc->n_faces) {
        diag_error(w->d, (src_loc){w->name, 0, 0}, "text uses face %d, but there are only %zu",
                   face, doc->n_faces);
        return NULL;
    }
    if (w->fonts[face])
        return w->fonts[face];
    const char *path = doc->faces[face].path ? doc->faces[face].path : "";
    /* Two styles may share a file: one font object serves both. */
    for (size_t i = 0; i < doc->n_faces; i++)
        if (w->fonts[i] && doc->faces[i].path && strcmp(doc->faces[i].path, path) == 0)
            return w->used[face] = w->used[i], w->fonts[face] = w->fonts[i];
    const disp_face *df = &doc->faces[face];
    const char *name = df->data ? load_from_memory(w, df->data, df->len)
                                : HPDF_LoadTTFontFromFile(w->pdf, path, HPDF_TRUE);
    if (!pdf_check_ptr(w, name, "cannot load font %s", path))
        return NULL;
    HPDF_Font font = HPDF_GetFont(w->pdf, name, "UTF-8");
    if (!pdf_check_ptr(w, font, "cannot use font %s with UTF-8 text", path) ||
        !fix_tounicode(w, font, path) || !cut_cid_map(w, font, path))
        return NULL;
    w->used[face] = arena_alloc(w->a, 0x10000 / 8);
    return w->fonts[face] = font;
}
