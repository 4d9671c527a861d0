/*
 * font.h: the text module's view of fonts: TrueType files read by our own
 * code for metrics (never through libharu), plus the default families in
 * fonts/ with a fallback chain per code point.
 *
 * The widths given here are exactly the widths the PDF declares: integer
 * thousandths of an em, computed the way libharu 2.3.0 computes /W.
 * Never calls libharu.
 */
#ifndef BRIEFC_TEXT_FONT_H
#define BRIEFC_TEXT_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "diag/diag.h"

typedef struct text_font text_font;

/* Loads one TrueType (glyf-outline) font, or a collection's (.ttc) first
 * font, for metrics. On failure (missing,
 * unreadable, not TrueType, corrupt tables) reports an error at `at` and
 * returns NULL; never crashes on a malformed file. The arena owns it. */
text_font *text_font_load(arena *a, diag_list *d, src_loc at, const char *path);

/* The cheap part of text_font_load: the file is there, is TrueType and
 * its table directory is whole; errors reported as text_font_load does. */
bool text_font_check(diag_list *d, src_loc at, const char *path);

/* The font file's hash (base's file_hash), computed on first use and kept. */
unsigned long long text_font_file_hash(const text_font *f);

/* Releases what the font holds outside the arena (HarfBuzz's objects). */
void text_font_free(text_font *f);

const char *text_font_path(const text_font *f);
/* The font file's bytes (mapped), e.g. to note them in a compile's record. */
const void *text_font_data(const text_font *f, size_t *len);
/* The font's PostScript name, e.g. "NotoSerif-Regular". */
const char *text_font_name(const text_font *f);
bool text_font_has_glyph(const text_font *f, uint32_t cp);
/* Advance width of cp in 1/1000 em, as libharu writes it in /W (the
 * .notdef width when the font lacks cp). */
int text_font_advance(const text_font *f, uint32_t cp);
/* Kerning between two characters set side by side in this font, in
 * 1/1000 em (negative brings them closer), from the kern table or GPOS
 * as HarfBuzz reads them; 0 for a pair the font does not kern. */
int text_font_kern(const text_font *f, uint32_t left, uint32_t right);
/* The font cut down to the characters cps (n of them, those it lacks
 * ignored) by HarfBuzz, as a TrueType (glyf) file holding only the tables
 * a PDF embeds (libharu 2.3.0's set): each character keeps its glyph, so its width
 * stays the one text_font_advance gives, and the outlines are the
 * font's own. For the PDF writer, which embeds it instead of the file.
 * NULL (and *len 0) when HarfBuzz cannot cut it: embed the whole file
 * (a collection's first font is then copied out whole, its own ids kept).
 * gids[i] gets the glyph id of cps[i] in the subset (0: not in it). The
 * arena owns the bytes. */
const void *text_font_subset(arena *a, const text_font *f, const uint32_t *cps, size_t n,
                             uint16_t *gids, size_t *len);
/* The glyph id of cp in the whole font (0 when the font lacks it). */
int text_font_glyph(const text_font *f, uint32_t cp);

/* What a PDF's font descriptor says of a face, in 1/1000 em: the
 * vertical metrics above, the glyph box (head), the slant in degrees and
 * the pitch (post), and the width of a missing glyph (/DW). */
typedef struct text_font_desc {
    int ascent, descent, cap_height, x_height;
    int bbox[4];
    int italic_angle;
    bool fixed_pitch;
    int missing_width;
} text_font_desc;
void text_font_describe(const text_font *f, text_font_desc *out);
/* Vertical metrics in 1/1000 em (descent is negative), as libharu's
 * HPDF_Font_GetAscent/GetDescent/GetCapHeight/GetXHeight report them. */
int text_font_ascent(const text_font *f);
int text_font_descent(const text_font *f);
int text_font_cap_height(const text_font *f);
int text_font_x_height(const text_font *f);

/* The default families. Styles are what the document asks for; faces are
 * the loaded files (styles' own faces first, then the fallbacks). */
typedef enum {
    TEXT_SERIF,
    TEXT_SERIF_BOLD,
    TEXT_SERIF_ITALIC,
    TEXT_SERIF_BOLD_ITALIC,
    TEXT_SANS,
    TEXT_SANS_BOLD,
    TEXT_MONO,
    TEXT_SANS_ITALIC,         /* after MONO: the older styles keep their numbers */
    TEXT_SANS_BOLD_ITALIC,
    TEXT_STYLE_COUNT
} text_style;

typedef struct text_fonts text_fonts;

/* The families a style asks for: base names of files in the fonts folder
 * (NAME-Regular.ttf, NAME-Bold.ttf, ...); NULL keeps the default. A sans
 * family's NAME-Italic.ttf and NAME-BoldItalic.ttf may be absent: its
 * upright cuts stand in. Errors about a family are reported at its loc. */
typedef struct text_families {
    const char *serif, *sans, *mono;
    src_loc serif_loc, sans_loc, mono_loc;
} text_families;

/* The faces of the families (NULL: the defaults) in fonts_dir, each
 * checked (there, TrueType, its table directory whole) but loaded only
 * when first consulted (text_fonts_face, text_fonts_pick): a document
 * pays for the faces it uses. Errors are reported to d (at the file, or
 * at the style key that named the family) and NULL returned if a face is
 * unusable; one found unusable only when loaded is reported to d then,
 * so d must outlive the set's use, or text_fonts_preload must end it. */
text_fonts *text_fonts_load(arena *a, diag_list *d, const char *fonts_dir,
                            const text_families *fam);
/* A compile's view of a set others share (`briefc build`): the same
 * faces, loaded once for all, but its own record of the faces it asked
 * for (text_fonts_note) and its own d for a face that fails to load. The
 * arena owns the view; text_fonts_free(view) frees nothing. */
text_fonts *text_fonts_view(arena *a, diag_list *d, const text_fonts *base);
void text_fonts_free(text_fonts *fs);      /* text_fonts_free(NULL) is a no-op */
size_t text_fonts_count(const text_fonts *fs);
/* Face i, loaded if it was not; NULL when it cannot be (reported). */
const text_font *text_fonts_face(const text_fonts *fs, int face);
/* Face i's file, without loading it. */
const char *text_fonts_path(const text_fonts *fs, int face);
/* Notes, in the record kept with a, the file of every face asked for
 * through this view (the faces the compile consulted), hashed only if the
 * record is read. */
void text_fonts_note(const text_fonts *fs, arena *a);
/* The loaded face of fs whose file is path, NULL when none is. */
const text_font *text_fonts_find(const text_fonts *fs, const char *path);
/* The face that sets cp in the given style: the style's own face when it
 * has the glyph, else the first fallback face that has it (Korean and
 * Chinese faces, bold matched to bold and sans to sans where the cut
 * exists); -1 when no face has it. */
int text_fonts_pick(const text_fonts *fs, text_style style, uint32_t cp);
/* A character no face has but a stand-in shows faithfully: U+2212 MINUS
 * SIGN (no shipped text face has it) is drawn as the face's en dash, as
 * typesetters do with such fonts, and the non-breaking and figure hyphens
 * as a hyphen. Returns the stand-in's code point, or 0. The PDF keeps the
 * real character for copying, searching and reading aloud. */
uint32_t text_stand_in(uint32_t cp);

#endif
