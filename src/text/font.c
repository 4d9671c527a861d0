/*
 * font.c: reading the metrics of a TrueType file ourselves (see font.h).
 *
 * We read exactly what libharu 2.3.0 reads (hpdf_fontdef_tt.c,
 * LoadFontData): head, maxp, hhea, the Windows Unicode BMP cmap, hmtx,
 * loca, name, OS/2 and glyf. Each formula mirrors the libharu function
 * named beside it, so every width here is the one the PDF's /W declares,
 * and a font we accept is one libharu accepts. The cmap's format 12
 * subtable is deliberately not read: libharu uses only (3,1) format 4 and
 * its HPDF_UNICODE is 16 bits, so it cannot set a character beyond the
 * BMP whatever the font holds.
 *
 * Every read is bounds-checked: a truncated or garbage file is an error,
 * never an out-of-bounds read. Lookups per character are array reads:
 * the BMP's glyph ids are filled at load into 256-code pages, made only
 * for the codes the cmap maps (a Latin face touches a few pages, not a
 * 128 KB table: on this machine a first touch of a memory page costs
 * about 18 microseconds).
 */
#include "text/font.h"

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <hb.h>
#include <hb-subset.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"

#define MAX_FONT_BYTES (64u * 1024 * 1024)
#define BMP 65536

struct text_font {
    const char *path;
    const char *name;
    int units_per_em;
    int n_glyphs;
    int ascent, descent, cap_height, x_height;
    int bbox[4];            /* head's glyph box, in 1/1000 em */
    int italic_angle;       /* post's, in whole degrees */
    bool fixed_pitch;
    bool collection;        /* the first font of a .ttc: never embedded whole */
    int missing_width;      /* the .notdef advance: /DW */
    int16_t *width;         /* advances in 1/1000 em, by glyph id */
    uint16_t *gid_page[256];   /* BMP glyph ids as libharu maps them, by
                                * page of 256 codes; NULL: all 0 */
    hb_blob_t *blob;        /* HarfBuzz's view of the file, for kerning */
    hb_face_t *face;
    hb_font_t *font;
    struct kern_cache *kern;   /* pairs already measured */
    struct hash_cache *hash;   /* the file's hash, once asked for */
    void *map;              /* the file, mapped read-only (only the tables */
    size_t map_len;         /* we read are ever paged in) */
};

/* The glyph id of a BMP code (0 when unmapped). */
static inline uint16_t gid_of(uint16_t *const *pages, uint32_t cp)
{
    const uint16_t *p = pages[cp >> 8 & 0xFF];
    return cp < BMP && p ? p[cp & 0xFF] : 0;
}

/* Pair kerning found so far, keyed by (left << 16 | right): an open
 * addressing table, grown at half full. Mutable behind a const font:
 * it is a cache, and the compiles of one `briefc build` share their fonts
 * across threads, so it has a lock of its own. */
typedef struct kern_cache {
    pthread_mutex_t lock;
    arena *a;                /* its own: caches of fonts shared by threads grow at once */
    uint32_t *keys;          /* 0 marks an empty slot (pair 0,0 never asked) */
    int16_t *values;
    size_t cap, used;
} kern_cache;

/* The file's hash for a compile's record: computed on the first
 * request (never, when no record is written), then kept for every
 * compile that shares the font. */
typedef struct hash_cache {
    pthread_mutex_t lock;
    bool done;
    unsigned long long value;
} hash_cache;

typedef struct sfnt {
    const uint8_t *p;
    size_t len;
    size_t dir;             /* the table directory: 0, or a collection's first font's */
} sfnt;

typedef struct span {
    size_t off, len;
} span;

static bool u16(const sfnt *f, size_t off, uint16_t *v)
{
    if (off > f->len || f->len - off < 2)
        return false;
    *v = (uint16_t)(f->p[off] << 8 | f->p[off + 1]);
    return true;
}

static bool s16(const sfnt *f, size_t off, int16_t *v)
{
    uint16_t u;
    if (!u16(f, off, &u))
        return false;
    *v = (int16_t)u;
    return true;
}

static bool u32(const sfnt *f, size_t off, uint32_t *v)
{
    if (off > f->len || f->len - off < 4)
        return false;
    *v = (uint32_t)f->p[off] << 24 | (uint32_t)f->p[off + 1] << 16 |
         (uint32_t)f->p[off + 2] << 8 | f->p[off + 3];
    return true;
}

/* Whether [off, off+n) lies inside the file. */
static bool inside(const sfnt *f, size_t off, size_t n)
{
    return off <= f->len && f->len - off >= n;
}

/* Finds a table (libharu's FindTable: the first record with the tag). The
 * directory was checked whole by directory_intact. */
static bool table(const sfnt *f, const char *tag, span *t)
{
    uint16_t n = 0;
    u16(f, f->dir + 4, &n);
    for (size_t i = 0; i < n; i++) {
        size_t rec = f->dir + 12 + i * 16;
        if (memcmp(f->p + rec, tag, 4) != 0)
            continue;
        uint32_t o = 0, l = 0;
        u32(f, rec + 8, &o);
        u32(f, rec + 12, &l);
        t->off = o;
        t->len = l;
        return true;
    }
    return false;
}

/* Every table the directory lists must lie inside the file: a truncated
 * font is refused whole, since libharu copies tables we never read. */
static bool directory_intact(const sfnt *f)
{
    uint16_t n;
    if (!u16(f, f->dir + 4, &n) || n == 0 || !inside(f, f->dir + 12, (size_t)n * 16))
        return false;
    for (size_t i = 0; i < n; i++) {
        uint32_t o = 0, l = 0;
        u32(f, f->dir + 12 + i * 16 + 8, &o);
        u32(f, f->dir + 12 + i * 16 + 12, &l);
        if (!inside(f, o, l))
            return false;
    }
    return true;
}

/* Fills the glyph-id pages for the BMP from the first (3,1) format 4 subtable, as
 * HPDF_TTFontDef_GetGlyphid maps each code: the first segment whose end
 * is >= the code decides (0 if its start is above the code); glyph-array
 * entries get idDelta added even when they are 0; an index past the
 * array gives 0. Segments are swept once, and the codes before a
 * segment's start (glyph 0) are skipped: O(segments + codes mapped). */
static const char *read_cmap(arena *a, const sfnt *f, uint16_t **pages)
{
    span t;
    uint16_t version, n;
    if (!table(f, "cmap", &t))
        return "it has no cmap table";
    if (!u16(f, t.off, &version) || !u16(f, t.off + 2, &n) || version != 0)
        return "its cmap table is corrupt";
    size_t sub = 0;
    for (size_t i = 0; i < n && !sub; i++) {
        uint16_t plat, enc, fmt;
        uint32_t o;
        /* libharu (ParseCMap) gives up on a record it cannot read. */
        if (!u16(f, t.off + 4 + i * 8, &plat) || !u16(f, t.off + 6 + i * 8, &enc) ||
            !u32(f, t.off + 8 + i * 8, &o) || !u16(f, t.off + o, &fmt))
            return "its cmap table is truncated";
        if (plat == 3 && enc == 1 && fmt == 4 && o != 0)
            sub = t.off + o;
    }
    if (!sub)
        return "it has no Unicode (3,1) format 4 cmap, the only one libharu reads";
    uint16_t length, segx2;
    if (!u16(f, sub + 2, &length) || !u16(f, sub + 6, &segx2) || segx2 < 2)
        return "its cmap is corrupt";
    size_t segs = segx2 / 2u;
    size_t ends = sub + 14, starts = ends + segs * 2 + 2, deltas = starts + segs * 2,
           ranges = deltas + segs * 2, glyphs = ranges + segs * 2;
    size_t num_read = glyphs - sub;
    if (!inside(f, ends, num_read - 14))
        return "its cmap is truncated";
    size_t n_ids = length > num_read ? (length - num_read) / 2 : 0;
    if (!inside(f, glyphs, n_ids * 2))
        return "its cmap is truncated";
    uint32_t next = 0;        /* codes below this are claimed by a segment */
    for (size_t s = 0; s < segs && next < BMP; s++) {
        uint16_t end = 0, start = 0, ro = 0;
        int16_t delta = 0;
        u16(f, ends + s * 2, &end);
        u16(f, starts + s * 2, &start);
        s16(f, deltas + s * 2, &delta);
        u16(f, ranges + s * 2, &ro);
        for (uint32_t c = next > start ? next : start; c <= end; c++) {
            uint16_t g = 0;
            if (ro == 0) {
                g = (uint16_t)(c + (uint32_t)(int32_t)delta);
            } else {
                /* unsigned, as in libharu: an index before the array wraps
                 * to a huge value and fails the range check */
                uint32_t idx = ro / 2u + (c - start) - (uint32_t)(segs - s);
                uint16_t v;
                if (idx < n_ids && u16(f, glyphs + (size_t)idx * 2, &v))
                    g = (uint16_t)(v + (uint32_t)(int32_t)delta);
            }
            if (!g)
                continue;
            if (!pages[c >> 8])
                pages[c >> 8] = arena_alloc(a, 256 * sizeof **pages);
            pages[c >> 8][c & 0xFF] = g;
        }
        if ((uint32_t)end + 1 > next)
            next = (uint32_t)end + 1;
    }
    return NULL;
}

/* The advance in 1/1000 em, as HPDF_TTFontDef_GetGidWidth computes it:
 * unsigned, truncated, cast through UINT16 to INT16. */
static int thousandths(uint16_t advance, int upem)
{
    return (int16_t)(uint16_t)((uint32_t)advance * 1000u / (uint32_t)upem);
}

/* hhea ascender/descender as ParseHhea scales them: signed, truncated. */
static int scale_signed(int16_t v, int upem)
{
    return (int16_t)((int32_t)v * 1000 / upem);
}

/* The top of a glyph's bounding box, as HPDF_TTFontDef_GetCharBBox reads
 * it for LoadFontData's cap_height ('H') and x_height ('x'): glyf's yMax at
 * loca[gid] (short loca offsets doubled), scaled and truncated, then cast
 * to UINT16. 0 when the font lacks the character or the read fails. */
static int bbox_top(const sfnt *f, uint16_t *const *gid, int n_glyphs, span loca, span glyf,
                    int16_t loc_format, int upem, uint16_t cp)
{
    uint16_t g = gid_of(gid, cp);
    if (g == 0 || g >= n_glyphs)
        return 0;
    uint32_t at;
    if (loc_format == 0) {
        uint16_t half;
        if (!u16(f, loca.off + (size_t)g * 2, &half))
            return 0;
        at = (uint32_t)half * 2;
    } else if (!u32(f, loca.off + (size_t)g * 4, &at)) {
        return 0;
    }
    int16_t top;
    if (!s16(f, glyf.off + at + 8, &top))
        return 0;
    return (uint16_t)(int32_t)((int32_t)top * 1000 / upem);
}

/* Reads a name record's bytes as libharu's ParseName does: the Macintosh
 * Roman string as is, the Windows one by taking each UTF-16 unit's low
 * byte (LoadUnicodeName). NULL when out of the file. */
static char *name_string(arena *a, const sfnt *f, size_t off, size_t len, bool utf16)
{
    if (!inside(f, off, len))
        return NULL;
    size_t n = utf16 ? len / 2 : len;
    char *s = arena_alloc(a, n + 1);
    for (size_t i = 0; i < n; i++) {
        uint8_t c = utf16 ? f->p[off + i * 2 + 1] : f->p[off + i];
        s[i] = c >= 0x20 && c < 0x7F ? (char)c : '?';
    }
    return s;
}

/* Checks the name table as ParseName does (a PostScript name and a
 * subfamily, Macintosh or Windows US English, short enough for libharu's
 * BaseFont buffer) and returns the PostScript name. */
static const char *read_name(arena *a, const sfnt *f, const char **name)
{
    span t;
    uint16_t count, strings;
    if (!table(f, "name", &t))
        return "it has no name table";
    if (!u16(f, t.off + 2, &count) || !u16(f, t.off + 4, &strings) ||
        !inside(f, t.off + 6, (size_t)count * 12))
        return "its name table is truncated";
    size_t off_ps = 0, len_ps = 0, off_sub = 0, len_sub = 0;
    size_t off_psu = 0, len_psu = 0, off_subu = 0, len_subu = 0;
    for (size_t i = 0; i < count; i++) {
        size_t r = t.off + 6 + i * 12;
        uint16_t plat = 0, enc = 0, lang = 0, id = 0, len = 0, o = 0;
        u16(f, r, &plat);
        u16(f, r + 2, &enc);
        u16(f, r + 4, &lang);
        u16(f, r + 6, &id);
        u16(f, r + 8, &len);
        u16(f, r + 10, &o);
        size_t at = t.off + o + strings;
        bool mac = plat == 1 && enc == 0, win = plat == 3 && enc == 1 && lang == 0x0409;
        if (mac && id == 6)
            off_ps = at, len_ps = len;
        if (mac && id == 2)
            off_sub = at, len_sub = len;
        if (win && id == 6)
            off_psu = at, len_psu = len;
        if (win && id == 2)
            off_subu = at, len_subu = len;
    }
    if ((!off_ps && !off_psu) || (!off_sub && !off_subu))
        return "its name table lacks the PostScript name or subfamily libharu needs";
    size_t l1 = len_ps ? len_ps : len_psu / 2 + len_psu % 2;
    size_t l2 = len_sub ? len_sub : len_subu / 2 + len_subu % 2;
    if (l1 + l2 + 8 > 127)
        return "its PostScript name is too long for libharu";
    *name = off_ps ? name_string(a, f, off_ps, len_ps, false)
                   : name_string(a, f, off_psu, len_psu, true);
    bool sub_ok = off_sub ? inside(f, off_sub, len_sub) : inside(f, off_subu, len_subu);
    if (!*name || !sub_ok)
        return "its name table is truncated";
    return NULL;
}

/* Maps the file; returns NULL (errno set) on failure. An empty file maps
 * as a zero-length buffer. */
/* Through file_open, as every input: a FIFO or a folder named as a face
 * is refused at once, not waited on. */
static void *map_file(const char *path, size_t *len)
{
    int fd = file_open(path, MAX_FONT_BYTES, len);
    if (fd < 0)
        return NULL;
    void *p = *len ? mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fd, 0) : (void *)"";
    close(fd);
    return p == MAP_FAILED ? NULL : p;
}

static void unmap(void *p, size_t len)
{
    if (p && len)
        munmap(p, len);
}

/* The header: a TrueType font, or a collection (.ttc) whose first font
 * is one (its tables' offsets count from the file's start, so only the
 * directory moves: f->dir). Returns why not, or NULL. */
static const char *open_sfnt(sfnt *f)
{
    uint32_t version;
    f->dir = 0;
    if (!u32(f, 0, &version))
        return "it is too short to be a font";
    if (version == 0x74746366) {   /* 'ttcf' */
        uint32_t count = 0, first = 0;
        if (!u32(f, 8, &count) || count == 0 || !u32(f, 12, &first) || !u32(f, first, &version))
            return "it is a font collection (.ttc) whose header is corrupt";
        f->dir = first;
    }
    if (version == 0x4F54544F)   /* 'OTTO' */
        return "it is an OpenType font with CFF outlines; the PDF writer embeds only TrueType outlines";
    if (version != 0x00010000 && version != 0x74727565)
        return "it is not a TrueType font";
    if (!directory_intact(f))
        return "it is truncated or its table directory is corrupt";
    span t;
    if (!table(f, "glyf", &t) || !table(f, "loca", &t))
        return "it has no TrueType outlines (glyf/loca tables)";
    return NULL;
}

/* Reads every table libharu reads, in LoadFontData's order; returns why
 * the font is unusable, or NULL with font filled in. */
static const char *parse(arena *a, sfnt *f, text_font *font)
{
    const char *why0 = open_sfnt(f);
    if (why0)
        return why0;
    span head, maxp, hhea, hmtx, loca, glyf, os2;
    table(f, "glyf", &glyf);
    table(f, "loca", &loca);

    /* ParseHead: units per em (libharu divides by it unchecked). */
    uint16_t upem;
    int16_t loc_format;
    if (!table(f, "head", &head) || head.len < 54 || !u16(f, head.off + 18, &upem) ||
        !s16(f, head.off + 50, &loc_format) || upem < 16 || upem > 16384 ||
        (loc_format != 0 && loc_format != 1))
        return "its head table is missing or corrupt";
    /* ParseMaxp */
    uint16_t n_glyphs;
    if (!table(f, "maxp", &maxp) || maxp.len < 6 || !u16(f, maxp.off + 4, &n_glyphs) ||
        n_glyphs == 0)
        return "its maxp table is missing or corrupt";
    /* ParseHhea: more long metrics than glyphs would overrun libharu's
     * h_metric array. */
    int16_t asc, desc;
    uint16_t n_hm;
    if (!table(f, "hhea", &hhea) || hhea.len < 36 || !s16(f, hhea.off + 4, &asc) ||
        !s16(f, hhea.off + 6, &desc) || !u16(f, hhea.off + 34, &n_hm) || n_hm == 0 ||
        n_hm > n_glyphs)
        return "its hhea table is missing or corrupt";
    uint16_t **gid = font->gid_page;
    const char *why = read_cmap(a, f, gid);
    if (why)
        return why;
    /* ParseHmtx reads n_hm long metrics and an lsb for every other glyph. */
    if (!table(f, "hmtx", &hmtx) ||
        hmtx.len < (size_t)n_hm * 4 + ((size_t)n_glyphs - n_hm) * 2)
        return "its hmtx table is missing or truncated";
    /* ParseLoca reads numGlyphs + 1 offsets. */
    if (loca.len < ((size_t)n_glyphs + 1) * (loc_format ? 4 : 2))
        return "its loca table is truncated";
    why = read_name(a, f, &font->name);
    if (why)
        return why;
    /* ParseOS2: libharu refuses to embed a font whose licence bits forbid
     * it (restricted, no subsetting, bitmap only), and briefc always
     * embeds. It reads up to the PANOSE bytes. */
    uint16_t fs_type;
    if (!table(f, "OS/2", &os2) || os2.len < 42 || !u16(f, os2.off + 8, &fs_type))
        return "its OS/2 table is missing or truncated";
    if (fs_type & (0x0002 | 0x0100 | 0x0200))
        return "its licence bits (OS/2 fsType) forbid embedding it in a PDF";

    font->units_per_em = upem;
    font->n_glyphs = n_glyphs;
    font->ascent = scale_signed(asc, upem);
    font->descent = scale_signed(desc, upem);
    font->cap_height = bbox_top(f, gid, n_glyphs, loca, glyf, loc_format, upem, 'H');
    font->x_height = bbox_top(f, gid, n_glyphs, loca, glyf, loc_format, upem, 'x');
    /* For the PDF's font descriptor: the glyph box, the slant and the
     * pitch (a missing post table leaves them upright and proportional). */
    for (int k = 0; k < 4; k++) {
        int16_t v = 0;
        s16(f, head.off + 36 + 2 * (size_t)k, &v);
        font->bbox[k] = scale_signed(v, upem);
    }
    span post;
    uint32_t angle = 0, fixed = 0;
    if (table(f, "post", &post) && post.len >= 16 && u32(f, post.off + 4, &angle) &&
        u32(f, post.off + 12, &fixed)) {
        font->italic_angle = (int)(int32_t)angle / 65536;
        font->fixed_pitch = fixed != 0;
    }

    /* ParseHmtx pads glyphs past numberOfHMetrics with the last advance;
     * HPDF_TTFontDef_GetCharWidth gives a glyph id past numGlyphs the
     * missing width, which LoadFontData takes from glyph 0. */
    uint16_t last;
    u16(f, hmtx.off + ((size_t)n_hm - 1) * 4, &last);
    uint16_t first;
    u16(f, hmtx.off, &first);
    font->missing_width = thousandths(first, upem);
    /* By glyph, not by code point: a Latin face has a few thousand glyphs
     * and 65,536 codes. */
    int16_t *width = arena_alloc(a, (size_t)n_glyphs * sizeof *width);
    for (size_t g = 0; g < n_glyphs; g++) {
        uint16_t adv = last;
        if (g < n_hm)
            u16(f, hmtx.off + g * 4, &adv);
        width[g] = (int16_t)thousandths(adv, upem);
    }
    font->width = width;
    return NULL;
}

text_font *text_font_load(arena *a, diag_list *d, src_loc at, const char *path)
{
    size_t len = 0;
    char *data = map_file(path, &len);
    if (!data) {
        diag_error(d, at, "cannot read font '%s': %s", path, file_strerror(errno));
        return NULL;
    }
    text_font *font = arena_alloc(a, sizeof *font);
    sfnt f = {(const uint8_t *)data, len, 0};
    const char *why = parse(a, &f, font);
    if (why) {
        diag_error(d, at, "cannot use font '%s': %s", path, why);
        unmap(data, len);
        return NULL;
    }
    font->map = data;
    font->map_len = len;
    font->collection = f.dir != 0;
    font->path = arena_strdup(a, path);
    if (!font->name || !font->name[0])
        font->name = file_stem(a, path);
    font->blob = hb_blob_create(data, (unsigned)len, HB_MEMORY_MODE_READONLY, NULL, NULL);
    font->face = hb_face_create(font->blob, 0);
    font->font = hb_font_create(font->face);
    hb_font_set_scale(font->font, font->units_per_em, font->units_per_em);
    font->kern = arena_alloc(a, sizeof *font->kern);
    pthread_mutex_init(&font->kern->lock, NULL);
    font->kern->a = arena_new();
    font->hash = arena_alloc(a, sizeof *font->hash);
    pthread_mutex_init(&font->hash->lock, NULL);
    return font;
}

bool text_font_check(diag_list *d, src_loc at, const char *path)
{
    size_t len = 0;
    char *data = map_file(path, &len);
    if (!data) {
        diag_error(d, at, "cannot read font '%s': %s", path, file_strerror(errno));
        return false;
    }
    sfnt f = {(const uint8_t *)data, len, 0};
    const char *why = open_sfnt(&f);
    unmap(data, len);
    if (why)
        diag_error(d, at, "cannot use font '%s': %s", path, why);
    return !why;
}

unsigned long long text_font_file_hash(const text_font *f)
{
    hash_cache *h = f->hash;
    pthread_mutex_lock(&h->lock);
    if (!h->done) {
        h->value = file_hash(f->map, f->map_len);
        h->done = true;
    }
    unsigned long long v = h->value;
    pthread_mutex_unlock(&h->lock);
    return v;
}

void text_font_free(text_font *f)
{
    if (!f || !f->blob)
        return;
    if (f->kern) {
        pthread_mutex_destroy(&f->kern->lock);
        arena_free(f->kern->a);
    }
    if (f->hash)
        pthread_mutex_destroy(&f->hash->lock);
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
    if (n == 2 && info[0].codepoint == gid_of(f->gid_page, left) &&
        info[1].codepoint == gid_of(f->gid_page, right) &&
        hb_buffer_get_direction(buf) == HB_DIRECTION_LTR) {
        hb_position_t nominal = hb_font_get_glyph_h_advance(f->font, info[0].codepoint);
        long units = pos[0].x_advance - nominal;
        kern = (int)(units * 1000 / f->units_per_em);
    }
    hb_buffer_destroy(buf);
    return kern;
}

/* The tables libharu 2.3.0 copies into the PDF (hpdf_fontdef_tt.c,
 * REQUIRED_TAGS); every other table is dropped before subsetting, so no
 * layout table (GSUB) pulls in glyphs the text never shows. */
static bool libharu_table(hb_tag_t t)
{
    static const char tags[][5] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                                   "hmtx", "loca", "maxp", "name", "post", "prep"};
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (t == HB_TAG(tags[i][0], tags[i][1], tags[i][2], tags[i][3]))
            return true;
    return false;
}

int text_font_glyph(const text_font *f, uint32_t cp)
{
    return gid_of(f->gid_page, cp);
}

void text_font_describe(const text_font *f, text_font_desc *out)
{
    *out = (text_font_desc){
        .ascent = f->ascent,
        .descent = f->descent,
        .cap_height = f->cap_height,
        .x_height = f->x_height,
        .bbox = {f->bbox[0], f->bbox[1], f->bbox[2], f->bbox[3]},
        .italic_angle = f->italic_angle,
        .fixed_pitch = f->fixed_pitch,
        .missing_width = f->missing_width,
    };
}

const void *text_font_subset(arena *a, const text_font *f, const uint32_t *cps, size_t n,
                             uint16_t *gids, size_t *len)
{
    *len = 0;
    memset(gids, 0, n * sizeof *gids);
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in || !f->face)
        return NULL;
    hb_set_t *u = hb_subset_input_unicode_set(in);
    for (size_t i = 0; i < n; i++)
        if (text_font_has_glyph(f, cps[i]))
            hb_set_add(u, cps[i]);
    /* libharu takes the cap height and x-height from the boxes of 'H'
     * and 'x': keep them, so the FontDescriptor says what it said. */
    hb_set_add(u, 'H');
    hb_set_add(u, 'x');
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    hb_set_clear(drop);
    hb_tag_t tags[64];
    unsigned start = 0, count;
    do {
        count = sizeof tags / sizeof tags[0];
        hb_face_get_table_tags(f->face, start, &count, tags);
        for (unsigned i = 0; i < count; i++)
            if (!libharu_table(tags[i]))
                hb_set_add(drop, tags[i]);
        start += count;
    } while (count == sizeof tags / sizeof tags[0]);
    /* The Macintosh names too: libharu takes the PostScript name from
     * them first, so the BaseFont stays the whole font's. The .notdef
     * outline stays as it was. */
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NAME_LEGACY | HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
    hb_face_t *out = hb_subset_or_fail(f->face, in);
    hb_subset_input_destroy(in);
    if (!out && f->collection) {
        /* The whole file is no font a PDF can embed: the first font's
         * tables as a font of their own, with the font's own glyph ids. */
        out = hb_face_builder_create();
        start = 0;
        do {
            count = sizeof tags / sizeof tags[0];
            hb_face_get_table_tags(f->face, start, &count, tags);
            for (unsigned i = 0; i < count; i++) {
                hb_blob_t *t = hb_face_reference_table(f->face, tags[i]);
                hb_face_builder_add_table(out, tags[i], t);
                hb_blob_destroy(t);
            }
            start += count;
        } while (count == sizeof tags / sizeof tags[0]);
    }
    if (!out)
        return NULL;
    /* Each character's glyph in the subset: ids are renumbered. */
    hb_font_t *sf = hb_font_create(out);
    for (size_t i = 0; i < n; i++) {
        hb_codepoint_t g = 0;
        if (hb_font_get_nominal_glyph(sf, cps[i], &g) && g <= 0xFFFF)
            gids[i] = (uint16_t)g;
    }
    hb_font_destroy(sf);
    hb_blob_t *blob = hb_face_reference_blob(out);
    unsigned size = 0;
    const char *data = hb_blob_get_data(blob, &size);
    void *copy = NULL;
    if (data && size) {
        copy = arena_alloc(a, size);
        memcpy(copy, data, size);
        *len = size;
    }
    hb_blob_destroy(blob);
    hb_face_destroy(out);
    return copy;
}

int text_font_kern(const text_font *f, uint32_t left, uint32_t right)
{
    if (!text_font_has_glyph(f, left) || !text_font_has_glyph(f, right) || !f->font)
        return 0;
    kern_cache *k = f->kern;
    uint32_t key = left << 16 | right;
    pthread_mutex_lock(&k->lock);
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
    if (k->keys[j] == key) {
        int v = k->values[j];
        pthread_mutex_unlock(&k->lock);
        return v;
    }
    int v = shape_pair(f, left, right);
    k->keys[j] = key;
    k->values[j] = (int16_t)v;
    k->used++;
    pthread_mutex_unlock(&k->lock);
    return v;
}

const char *text_font_path(const text_font *f)
{
    return f->path;
}

const void *text_font_data(const text_font *f, size_t *len)
{
    *len = f->map_len;
    return f->map;
}

const char *text_font_name(const text_font *f)
{
    return f->name;
}

bool text_font_has_glyph(const text_font *f, uint32_t cp)
{
    uint16_t g = gid_of(f->gid_page, cp);
    return g != 0 && g < f->n_glyphs;
}

int text_font_advance(const text_font *f, uint32_t cp)
{
    uint16_t g = cp < BMP ? gid_of(f->gid_page, cp) : 0xFFFF;
    return g < f->n_glyphs ? f->width[g] : f->missing_width;
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
