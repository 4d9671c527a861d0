/*
 * embed.c: the last step of the display list, once its pages are final:
 * what the PDF embeds of each face. For every face the pages draw with,
 * the characters drawn, the font program cut down to them (hb-subset,
 * through the text module), each character's glyph in that program and
 * its width, and the metrics of the font descriptor. The PDF writer then
 * writes the font objects from these alone, and never reads a font file
 * or searches a cmap.
 */
#include <string.h>

#include "layout/layout.h"

/* The characters the pages draw with each face, as one bit per BMP code
 * point; NULL for a face nothing is drawn with. */
static uint8_t **drawn_sets(arena *a, const display_doc *doc, size_t *counts)
{
    size_t nf = doc->n_faces;
    uint8_t **sets = arena_alloc(a, nf * sizeof *sets);
    for (size_t p = 0; p < doc->n_pages; p++)
        for (size_t i = 0; i < doc->pages[p].n_items; i++) {
            const disp_item *it = &doc->pages[p].items[i];
            int f = it->u.text.face;
            if (it->kind != DISP_TEXT || f < 0 || (size_t)f >= nf)
                continue;
            if (!sets[f])
                sets[f] = arena_alloc(a, 0x10000 / 8);
            for (size_t g = 0; g < it->u.text.run->n_glyphs; g++) {
                uint32_t cp = it->u.text.run->glyphs[g];
                if ((sets[f][cp >> 3] & 1u << (cp & 7)))
                    continue;
                sets[f][cp >> 3] |= (uint8_t)(1u << (cp & 7));
                counts[f]++;
            }
        }
    return sets;
}

static void embed_face(arena *a, disp_face *df, const text_font *font, const uint8_t *set,
                       size_t count)
{
    uint32_t *cps = arena_alloc(a, (count + 1) * sizeof *cps);
    size_t n = 0;
    for (uint32_t cp = 0; cp <= 0xFFFF && n < count; cp++)
        if (set[cp >> 3] & 1u << (cp & 7))
            cps[n++] = cp;
    uint16_t *gids = arena_alloc(a, (n + 1) * sizeof *gids);
    int16_t *widths = arena_alloc(a, (n + 1) * sizeof *widths);
    df->data = text_font_subset(a, font, cps, n, gids, &df->len);
    for (size_t i = 0; i < n; i++) {
        if (!df->data)         /* not cut: the whole file, its own glyphs */
            gids[i] = (uint16_t)text_font_glyph(font, cps[i]);
        widths[i] = (int16_t)text_font_advance(font, cps[i]);
    }
    df->codes = cps;
    df->gids = gids;
    df->widths = widths;
    df->n_codes = n;
    df->ps_name = arena_strdup(a, text_font_name(font));
    text_font_desc m;
    text_font_describe(font, &m);
    df->ascent = m.ascent;
    df->descent = m.descent;
    df->cap_height = m.cap_height;
    df->x_height = m.x_height;
    memcpy(df->bbox, m.bbox, sizeof df->bbox);
    df->italic_angle = m.italic_angle;
    df->missing_width = m.missing_width;
    df->fixed_pitch = m.fixed_pitch;
}

bool layout_embed_faces(arena *a, diag_list *d, display_doc *doc, layout_face_finder find,
                        void *ctx)
{
    size_t nf = doc->n_faces;
    if (!nf)
        return true;
    size_t *counts = arena_alloc(a, nf * sizeof *counts);
    uint8_t **sets = drawn_sets(a, doc, counts);
    bool ok = true;
    for (size_t f = 0; f < nf; f++) {
        disp_face *df = &doc->faces[f];
        if (!sets[f] || !df->path)
            continue;
        const text_font *font = find ? find(ctx, df->path) : NULL;
        text_font *own = NULL;
        if (!font) {
            font = own = text_font_load(a, d, (src_loc){df->path, 0, 0}, df->path);
            if (!own) {
                ok = false;
                continue;
            }
        }
        embed_face(a, df, font, sets[f], counts[f]);
        if (own)
            text_font_free(own);
    }
    return ok;
}
