/*
 * font.c: reading the metrics of a TrueType file ourselves (see font.h).
 *
 * Only what layout needs and what libharu 2.3.0 itself reads: head, hhea,
 * maxp, hmtx, OS/2 and the Windows Unicode BMP cmap (platform 3,
 * encoding 1, format 4), which is the only one libharu uses. Widths mirror
 * HPDF_TTFontDef_GetCharWidth: advance * 1000 / unitsPerEm, truncated;
 * glyphs past numberOfHMetrics take the last advance, as in hmtx. Every
 * read is bounds-checked: a truncated or garbage file is an error, never
 * an out-of-bounds read.
 */
#include "text/font.h"

#include <errno.h>
#include <fcntl.h>
#include <hb.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"


#define MAX_FONT_BYTES (64u * 1024 * 1024)

struct text_font {
    const char *path;
    const char *name;
    int units_per_em;
    int ascent, descent, cap_height, x_height;
    int16_t *width;         /* 65536 advances in 1/1000 em, by code point */
    uint8_t *has;           /* 65536 flags: the cmap maps the code point */
    uint16_t *gid;          /* 65536 glyph ids, by code point */
    hb_blob_t *blob;        /* HarfBuzz's view of the file, for kerning */
    hb_face_t *face;
    hb_font_t *font;
    struct kern_cache *kern;   /* pairs already measured */
    void *map;              /* the file, mapped read-only (only the tables */
    size_t map_len;         /* we read are ever paged in) */
};

/* Pair kerning found so far, keyed by (left << 16 | right): an open
 * addressing table, grown at half full. Mutable behind a const font:
 * it is a cache, and a font belongs to one compile (one thread). */
typedef struct kern_cache {
    arena *a;
    uint32_t *keys;          /* 0 marks an empty slot (pair 0,0 never asked) */
    int16_t *values;
    size_t cap, used;
} kern_cache;

typedef struct sfnt {
    const uint8_t *p;
    size_t len;
} sfnt;

static bool u16(const sfnt *f, size_t off, uint16_t *v)
{
    if (off + 2 > f->len || off + 2 < off)
        return false;
    *v = (uint16_t)(f->p[off] << 8 | f->p[off + 1]);
    return true;
}

static bool u32(const sfnt *f, size_t off, uint32_t *v)
{
    if (off + 4 > f->len || off + 4 < off)
        return false;
    *v = (uint32_t)f->p[off] << 24 | (uint32_t)f->p[off + 1] << 16 |
         (uint32_t)f->p[off + 2] << 8 | f->p[off + 3];
    return true;
}

/* Finds a table; returns false if absent or outside the file. */
static bool table(const sfnt *f, const char *tag, size_t *off, size_t *len)
{
    uint16_t n;
    if (!u16(f, 4, &n))
        return false;
    for (size_t i = 0; i < n; i++) {
        size_t rec = 12 + i * 16;
        if (rec + 16 > f->len)
            return false;
        if (memcmp(f->p + rec, tag, 4) != 0)
            continue;
        uint32_t o, l;
        if (!u32(f, rec + 8, &o) || !u32(f, rec + 12, &l))
            return false;
        if ((size_t)o > f->len || (size_t)l > f->len - o)
            return false;
        *off = o;
        *len = l;
        return true;
    }
    return false;
}

/* Every table the directory lists must lie inside the file: a truncated
 * font is refused whole, since libharu copies tables we never read. */
static bool directory_intact(const sfnt *f)
{
    uint16_t n;
    if (!u16(f, 4, &n) || n == 0 || 12 + (size_t)n * 16 > f->len)
        return false;
    for (size_t i = 0; i < n; i++) {
        uint32_t o, l;
        if (!u32(f, 12 + i * 16 + 8, &o) || !u32(f, 12 + i * 16 + 12, &l) ||
            (size_t)o > f->len || (size_t)l > f->len - o)
            return false;
    }
    return true;
}

/* Fills gid[] for the BMP from the (3,1) format 4 subtable. */
static bool read_cmap(const sfnt *f, uint16_t *gid, const char **why)
{
    size_t off, len;
    uint16_t n;
    if (!table(f, "cmap", &off, &len) || !u16(f, off + 2, &n)) {
        *why = "it has no cmap table";
        return false;
    }
    size_t sub = 0;
    for (size_t i = 0; i < n; i++) {
        uint16_t plat, enc;
        uint32_t o;
        if (!u16(f, off + 4 + i * 8, &plat) || !u16(f, off + 6 + i * 8, &enc) ||
            !u32(f, off + 8 + i * 8, &o))
            break;
        uint16_t fmt;
        if (plat == 3 && enc == 1 && u16(f, off + o, &fmt) && fmt == 4) {
            sub = off + o;
            break;
        }
    }
    if (!sub) {
        *why = "it has no Unicode (3,1) format 4 cmap, which libharu needs";
        return false;
    }
    uint16_t segx2;
    if (!u16(f, sub + 6, &segx2) || segx2 == 0) {
        *why = "its cmap is corrupt";
        return false;
    }
    size_t ends = sub + 14, starts = ends + segx2 + 2, deltas = starts + segx2,
           ranges = deltas + segx2;
    for (size_t s = 0; s < segx2 / 2u; s++) {
        uint16_t end, start, delta, ro;
        if (!u16(f, ends + s * 2, &end) || !u16(f, starts + s * 2, &start) ||
            !u16(f, deltas + s * 2, &delta) || !u16(f, ranges + s * 2, &ro)) {
            *why = "its cmap is truncated";
            return false;
        }
        for (uint32_t c = start; c <= end && start <= end; c++) {
            uint16_t g;
            if (ro == 0) {
                g = (uint16_t)(c + delta);
            } else {
                size_t at = ranges + s * 2 + ro + (c - start) * 2;
                if (!u16(f, at, &g))
                    continue;
                if (g)
                    g = (uint16_t)(g + delta);
            }
            if (c < 0xFFFF)
                gid[c] = g;
            if (c == 0xFFFF)
                break;
        }
    }
    return true;
}

static int scale(int v, int upem)
{
    return (int)((long)v * 1000 / upem);
}

/* Maps the file; returns NULL (errno set) on failure. An empty file maps
 * as a zero-length buffer. */
static void *map_file(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > MAX_FONT_BYTES) {
        int e = S_ISDIR(st.st_mode) ? EISDIR : EFBIG;
        close(fd);
        errno = e;
        return NULL;
    }
    *len = (size_t)st.st_size;
    void *p = *len ? mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fd, 0) : (void *)"";
    close(fd);
    return p == MAP_FAILED ? NULL : p;
}

static void unmap(void *p, size_t len)
{
    if (p && len)
        munmap(p, len);
}

text_font *text_font_load(arena *a, diag_list *d, src_loc at, const char *path)
{
    size_t len = 0;
    char *data = map_file(path, &len);
    if (!data) {
        diag_error(d, at, "cannot read font '%s': %s", path, strerror(errno));
        return NULL;
    }
    text_font *font = arena_alloc(a, sizeof *font);
    font->map = data;
    font->map_len = len;
    sfnt f = {(const uint8_t *)data, len};
    const char *why = NULL;
    uint32_t version;
    size_t off, tlen;
    uint16_t upem = 0, n_hmetrics = 0, n_glyphs = 0, tmp = 0;
    if (!u32(&f, 0, &version)) {
        why = "it is too short to be a font";
    } else if (version == 0x4F54544F) {   /* 'OTTO' */
        why = "it is an OpenType font with CFF outlines; libharu embeds only TrueType outlines";
    } else if (version != 0x00010000 && version != 0x74727565) {
        why = "it is not a TrueType font";
    } else if (!directory_intact(&f)) {
        why = "it is truncated or its table directory is corrupt";
    } else if (!table(&f, "glyf", &off, &tlen) || !table(&f, "loca", &off, &tlen)) {
        why = "it has no TrueType outlines (glyf/loca tables)";
    } else if (!table(&f, "head", &off, &tlen) || !u16(&f, off + 18, &upem) || upem < 16 ||
               upem > 16384) {
        why = "its head table is missing or corrupt";
    } else if (!table(&f, "maxp", &off, &tlen) || !u16(&f, off + 4, &n_glyphs) || !n_glyphs) {
        why = "its maxp table is missing or corrupt";
    } else if (!table(&f, "hhea", &off, &tlen) || !u16(&f, off + 34, &n_hmetrics) ||
               !n_hmetrics || n_hmetrics > n_glyphs) {
        why = "its hhea table is missing or corrupt";
    }
    if (why) {
        diag_error(d, at, "cannot use font '%s': %s", path, why);
        unmap(data, len);
        return NULL;
    }
    font->path = arena_strdup(a, path);
    font->name = file_stem(a, path);
    font->units_per_em = upem;
    table(&f, "hhea", &off, &tlen);
    u16(&f, off + 4, &tmp);
    font->ascent = scale((int16_t)tmp, upem);
    u16(&f, off + 6, &tmp);
    font->descent = scale((int16_t)tmp, upem);
    font->cap_height = font->ascent * 7 / 10;
    font->x_height = font->ascent / 2;
    if (table(&f, "OS/2", &off, &tlen)) {
        uint16_t ver, xh, ch;
        if (u16(&f, off, &ver) && ver >= 2 && u16(&f, off + 86, &xh) && u16(&f, off + 88, &ch)) {
            font->x_height = scale((int16_t)xh, upem);
            font->cap_height = scale((int16_t)ch, upem);
        }
    }

    /* Advances by glyph, then by code point through the cmap. */
    size_t hoff;
    if (!table(&f, "hmtx", &hoff, &tlen) || tlen < (size_t)n_hmetrics * 4) {
        diag_error(d, at, "cannot use font '%s': its hmtx table is missing or truncated", path);
        unmap(data, len);
        return NULL;
    }
    uint16_t *adv = arena_alloc(a, (size_t)n_glyphs * sizeof *adv);
    for (size_t g = 0; g < n_glyphs; g++)
        u16(&f, hoff + (g < n_hmetrics ? g : n_hmetrics - 1u) * 4, &adv[g]);
    uint16_t *gid = arena_alloc(a, 65536 * sizeof *gid);
    font->gid = gid;
    if (!read_cmap(&f, gid, &why)) {
        diag_error(d, at, "cannot use font '%s': %s", path, why);
        unmap(data, len);
        return NULL;
    }
    font->width = arena_alloc(a, 65536 * sizeof *font->width);
    font->has = arena_alloc(a, 65536);
    for (size_t c = 0; c < 65536; c++) {
        uint16_t g = gid[c];
        /* libharu: a glyph id past numGlyphs gives the missing width (0). */
        font->width[c] = g < n_glyphs ? (int16_t)(uint16_t)((uint32_t)adv[g] * 1000 / upem) : 0;
        font->has[c] = g != 0 && g < n_glyphs;
    }
    font->blob = hb_blob_create(data, (unsigned)len, HB_MEMORY_MODE_READONLY, NULL, NULL);
    font->face = hb_face_create(font->blob, 0);
    font->font = hb_font_create(font->face);
    hb_font_set_scale(font->font, upem, upem);
    font->kern = arena_alloc(a, sizeof *font->kern);
    font->kern->a = a;
    return font;
}

void text_font_free(text_font *f)
{
    if (!f || !f->blob)
        return;
    hb_font_destroy(f->font);
    hb_face_destroy(f->face);
    hb_blob_destroy(f->blob);
    f->blob = NULL;
    unmap(f->map, f->map_len);
    f->map = NULL;
}

/* Shapes the pair with HarfBuzz (kern table and GPOS alike, no
 * ligatures) and returns the first glyph's advance change, in 1/1000 em.
 * Pairs that do not map one glyph per character get none. */
static int shape_pair(const text_font *f, uint32_t left, uint32_t right)
{
    hb_buffer_t *buf = hb_buffer_create();
    uint32_t cps[2] = {left, right};
    hb_buffer_add_utf32(buf, cps, 2, 0, 2);
    hb_buffer_guess_segment_properties(buf);
    static const char *const off[] = {"-liga", "-clig", "-dlig", "-calt"};
    hb_feature_t features[4];
    for (int i = 0; i < 4; i++)
        hb_feature_from_string(off[i], -1, &features[i]);
    hb_shape(f->font, buf, features, 4);
    unsigned n;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
    int kern = 0;
    if (n == 2 && info[0].codepoint == f->gid[left] && info[1].codepoint == f->gid[right] &&
        hb_buffer_get_direction(buf) == HB_DIRECTION_LTR) {
        hb_position_t nominal = hb_font_get_glyph_h_advance(f->font, info[0].codepoint);
        long units = pos[0].x_advance - nominal;
        kern = (int)(units * 1000 / f->units_per_em);
    }
    hb_buffer_destroy(buf);
    return kern;
}

int text_font_kern(const text_font *f, uint32_t left, uint32_t right)
{
    if (left > 0xFFFF || right > 0xFFFF || !f->has[left] || !f->has[right] || !f->font)
        return 0;
    kern_cache *k = f->kern;
    uint32_t key = left << 16 | right;
    if (k->cap == 0 || k->used * 2 >= k->cap) {
        size_t cap = k->cap ? k->cap * 2 : 1024;
        uint32_t *keys = arena_alloc(k->a, cap * sizeof *keys);
        int16_t *values = arena_alloc(k->a, cap * sizeof *values);
        for (size_t i = 0; i < k->cap; i++)
            if (k->keys[i]) {
                size_t j = (k->keys[i] * 2654435761u) & (cap - 1);
                while (keys[j])
                    j = (j + 1) & (cap - 1);
                keys[j] = k->keys[i];
                values[j] = k->values[i];
            }
        k->keys = keys;
        k->values = values;
        k->cap = cap;
    }
    size_t j = (key * 2654435761u) & (k->cap - 1);
    while (k->keys[j] && k->keys[j] != key)
        j = (j + 1) & (k->cap - 1);
    if (k->keys[j] == key)
        return k->values[j];
    int v = shape_pair(f, left, right);
    k->keys[j] = key;
    k->values[j] = (int16_t)v;
    k->used++;
    return v;
}

const char *text_font_path(const text_font *f)
{
    return f->path;
}

const char *text_font_name(const text_font *f)
{
    return f->name;
}

bool text_font_has_glyph(const text_font *f, uint32_t cp)
{
    return cp < 0xFFFF && f->has[cp];
}

int text_font_advance(const text_font *f, uint32_t cp)
{
    return cp < 65536 ? f->width[cp] : f->width[0];
}

int text_font_ascent(const text_font *f)
{
    return f->ascent;
}

int text_font_descent(const text_font *f)
{
    return f->descent;
}

int text_font_cap_height(const text_font *f)
{
    return f->cap_height;
}

int text_font_x_height(const text_font *f)
{
    return f->x_height;
}
