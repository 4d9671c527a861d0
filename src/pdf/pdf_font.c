/*
 * pdf_font.c: the display faces as PDF fonts, written here rather than by
 * libharu: each face a Type0 font over a CIDFontType2 whose program is
 * the subset the text module cut (or the whole file), whose codes are the
 * characters' code points (what the TJ writer writes), mapped to the
 * program's glyphs by /CIDToGIDMap, with /W giving the widths the layout
 * used, exactly. A face is written only when first drawn.
 *
 * libharu 2.3.0 could do this itself, at a price and with faults: it
 * searches its cmap for all 65,536 codes of every face, maps and measures
 * them all (a fifth of a brief's instructions), embeds only glyphs it was
 * asked to measure, and attaches its *encoding* CMap as /ToUnicode (a CID
 * CMap with begincidrange, which a ToUnicode CMap may not contain; poppler
 * warns "Invalid 'begincidrange' operator"). Here the codes are the UCS-2
 * code points, so /ToUnicode is the identity, written as bfranges, plus
 * the ligatures U+FB00-FB06 spelt out so that copied text reads "office",
 * not "o\uFB03ce"; the map is the same for every font, so one stream
 * serves them all.
 */
#include <errno.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <string.h>

#include "base/file.h"
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


/* A stream object for data, deflated at the writer's level; NULL after
 * reporting. */
static HPDF_Dict stream_of(pdf_writer *w, const void *data, size_t len, const char *what)
{
    HPDF_Dict st = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);
    if (!pdf_check_ptr(w, st, "cannot make the %s", what) ||
        !pdf_deflate_bytes(w, st, data, len, what))
        return NULL;
    return st;
}

/* An object of the cross-reference table (an indirect object). */
static HPDF_Dict indirect_dict(pdf_writer *w, const char *what)
{
    HPDF_Dict d = HPDF_Dict_New(w->pdf->mmgr);
    if (!pdf_check_ptr(w, d, "cannot make the %s", what) ||
        !pdf_check(w, HPDF_Xref_Add(w->pdf->xref, d), "cannot add the %s", what))
        return NULL;
    return d;
}

static HPDF_Dict tounicode(pdf_writer *w)
{
    if (w->tounicode)
        return w->tounicode;
    buf_reset(&w->ops);
    write_cmap(&w->ops);
    return w->tounicode = stream_of(w, w->ops.data, w->ops.len, "ToUnicode map");
}

/* /W: each run of consecutive codes as "first [w w ...]". */
static HPDF_Array widths(pdf_writer *w, const disp_face *f)
{
    HPDF_MMgr mm = w->pdf->mmgr;
    HPDF_Array wa = HPDF_Array_New(mm);
    if (!pdf_check_ptr(w, wa, "cannot make a width array"))
        return NULL;
    for (size_t i = 0; i < f->n_codes;) {
        HPDF_Array run = HPDF_Array_New(mm);
        if (!pdf_check_ptr(w, run, "cannot make a width array") ||
            !pdf_check(w, HPDF_Array_AddNumber(wa, (HPDF_INT32)f->codes[i]), "cannot write widths") ||
            !pdf_check(w, HPDF_Array_Add(wa, run), "cannot write widths"))
            return NULL;
        size_t k = i;
        do {
            if (!pdf_check(w, HPDF_Array_AddNumber(run, f->widths[k]), "cannot write widths"))
                return NULL;
            k++;
        } while (k < f->n_codes && f->codes[k] == f->codes[k - 1] + 1);
        i = k;
    }
    return wa;
}

/* /CIDToGIDMap: two bytes per code, up to the highest code drawn. */
static HPDF_Dict glyph_map(pdf_writer *w, const disp_face *f)
{
    size_t n = f->n_codes ? (size_t)f->codes[f->n_codes - 1] + 1 : 1;
    unsigned char *map = arena_alloc(w->a, 2 * n);
    for (size_t i = 0; i < f->n_codes; i++) {
        map[2 * f->codes[i]] = (unsigned char)(f->gids[i] >> 8);
        map[2 * f->codes[i] + 1] = (unsigned char)(f->gids[i] & 0xFF);
    }
    return stream_of(w, map, 2 * n, "glyph map");
}

/* The face's program: the subset, else the whole file. */
static HPDF_Dict program(pdf_writer *w, const disp_face *f, const char *path)
{
    const void *data = f->data;
    size_t len = f->len;
    if (!data) {
        char *bytes;
        if (!file_read(w->a, path, 64u << 20, &bytes, &len)) {
            diag_error(w->d, (src_loc){w->name, 0, 0}, "cannot read font %s: %s", path,
                       file_strerror(errno));
            return NULL;
        }
        data = bytes;
    }
    HPDF_Dict ff = stream_of(w, data, len, "font program");
    if (ff && !pdf_check(w, HPDF_Dict_AddNumber(ff, "Length1", (HPDF_INT32)len),
                         "cannot write the font program"))
        return NULL;
    return ff;
}

static bool add_name(pdf_writer *w, HPDF_Dict d, const char *key, const char *value)
{
    return pdf_check(w, HPDF_Dict_AddName(d, key, value), "cannot write a font's /%s", key);
}

static bool add_number(pdf_writer *w, HPDF_Dict d, const char *key, int value)
{
    return pdf_check(w, HPDF_Dict_AddNumber(d, key, value), "cannot write a font's /%s", key);
}

/* The subset's name: six capitals, different for each font of the file,
 * then the PostScript name (its spaces and delimiters left out). */
static const char *base_font(pdf_writer *w, size_t index, const char *ps)
{
    char tag[7];
    for (int k = 5; k >= 0; k--, index /= 26)
        tag[k] = (char)('A' + index % 26);
    tag[6] = '\0';
    buf b;
    buf_init(&b);
    buf_printf(&b, "%s+", tag);
    for (const char *p = ps && *ps ? ps : "Font"; *p; p++)
        if (*p > ' ' && *p < 127 && !strchr("()<>[]{}/%#", *p))
            buf_putc(&b, *p);
    const char *name = buf_to_arena(&b, w->a);
    buf_fini(&b);
    return name;
}

static HPDF_Font make_font(pdf_writer *w, const disp_face *f, const char *path)
{
    HPDF_MMgr mm = w->pdf->mmgr;
    const char *name = base_font(w, (size_t)w->n_fonts++, f->ps_name);
    HPDF_Dict file = program(w, f, path), map = glyph_map(w, f), tu = tounicode(w);
    HPDF_Array wa = widths(w, f);
    HPDF_Dict desc = indirect_dict(w, "font descriptor");
    HPDF_Dict cid = indirect_dict(w, "CID font");
    HPDF_Dict font = indirect_dict(w, "font");
    HPDF_Dict info = HPDF_Dict_New(mm);
    HPDF_Array bbox = HPDF_Array_New(mm), kids = HPDF_Array_New(mm);
    if (!file || !map || !tu || !wa || !desc || !cid || !font ||
        !pdf_check_ptr(w, info, "cannot make a font") || !pdf_check_ptr(w, bbox, "cannot make a font") ||
        !pdf_check_ptr(w, kids, "cannot make a font"))
        return NULL;
    /* Flags: symbolic (its characters are not Adobe's standard Latin set,
     * as for every CID font), italic, fixed pitch. */
    int flags = 4 | (f->italic_angle ? 64 : 0) | (f->fixed_pitch ? 1 : 0);
    for (int k = 0; k < 4; k++)
        if (!pdf_check(w, HPDF_Array_AddNumber(bbox, f->bbox[k]), "cannot write a font's box"))
            return NULL;
    bool ok = add_name(w, desc, "Type", "FontDescriptor") && add_name(w, desc, "FontName", name) &&
              add_number(w, desc, "Flags", flags) &&
              pdf_check(w, HPDF_Dict_Add(desc, "FontBBox", bbox), "cannot write a font's box") &&
              add_number(w, desc, "ItalicAngle", f->italic_angle) &&
              add_number(w, desc, "Ascent", f->ascent) && add_number(w, desc, "Descent", f->descent) &&
              add_number(w, desc, "CapHeight", f->cap_height) &&
              add_number(w, desc, "XHeight", f->x_height) &&
              add_number(w, desc, "StemV", f->fixed_pitch ? 70 : 80) &&
              pdf_check(w, HPDF_Dict_Add(desc, "FontFile2", file), "cannot write a font's program");
    ok = ok &&
         pdf_check(w, HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL)),
                   "cannot write a font's system") &&
         pdf_check(w, HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL)),
                   "cannot write a font's system") &&
         add_number(w, info, "Supplement", 0);
    ok = ok && add_name(w, cid, "Type", "Font") && add_name(w, cid, "Subtype", "CIDFontType2") &&
         add_name(w, cid, "BaseFont", name) &&
         pdf_check(w, HPDF_Dict_Add(cid, "CIDSystemInfo", info), "cannot write a font") &&
         pdf_check(w, HPDF_Dict_Add(cid, "FontDescriptor", desc), "cannot write a font") &&
         add_number(w, cid, "DW", f->missing_width) &&
         pdf_check(w, HPDF_Dict_Add(cid, "W", wa), "cannot write a font's widths") &&
         pdf_check(w, HPDF_Dict_Add(cid, "CIDToGIDMap", map), "cannot write a font's glyph map");
    ok = ok && pdf_check(w, HPDF_Array_Add(kids, cid), "cannot write a font") &&
         add_name(w, font, "Type", "Font") && add_name(w, font, "Subtype", "Type0") &&
         add_name(w, font, "BaseFont", name) && add_name(w, font, "Encoding", "Identity-H") &&
         pdf_check(w, HPDF_Dict_Add(font, "DescendantFonts", kids), "cannot write a font") &&
         pdf_check(w, HPDF_Dict_Add(font, "ToUnicode", tu), "cannot write a font's text map");
    return ok ? font : NULL;
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
    const disp_face *f = &doc->faces[face];
    const char *path = f->path ? f->path : "";
    if (!f->codes) {
        diag_error(w->d, (src_loc){w->name, 0, 0}, "font %s was not prepared for embedding "
                                                   "(no characters listed)", path);
        return NULL;
    }
    return w->fonts[face] = make_font(w, f, path);
}
