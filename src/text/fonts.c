/*
 * fonts.c: the default families and the fallback chain (see font.h).
 * A style's chain: its own face, then Noto Serif (Latin a sans or mono
 * face lacks; the bold cut for bold styles), then AR PL SungtiL GB for
 * simplified Chinese (so a Chinese phrase is set in one face), then Nanum
 * Myeongjo for Hangul (bold for bold styles), then AR PL Mingti2L Big5
 * for the traditional characters and Hanja the GB face lacks (Nanum
 * Myeongjo has no Hanja).
 *
 * Faces are loaded when first consulted: a Latin brief never reads the
 * Korean and Chinese files (megabytes each), and the compile's record
 * names only the faces that decided something. The loaded pointers are
 * atomics behind a lock, as the compiles of `briefc build` share one set
 * (which it preloads).
 *
 * Droid Sans Fallback is not used: most of its ideographs are composite
 * glyphs whose parts have glyph ids above 32767, which libharu 2.3.0's
 * CheckCompositGryph reads as signed and so leaves out of the subset
 * (权 is drawn as 又 alone).
 */
#include "text/font.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "base/file.h"

enum {
    FACE_KOREAN = TEXT_STYLE_COUNT,
    FACE_KOREAN_BOLD,
    FACE_CHINESE,
    FACE_CHINESE_TRAD,
    FACE_COUNT
};

static const char *const files[FACE_COUNT] = {
    [TEXT_SERIF] = "NotoSerif-Regular.ttf",
    [TEXT_SERIF_BOLD] = "NotoSerif-Bold.ttf",
    [TEXT_SERIF_ITALIC] = "NotoSerif-Italic.ttf",
    [TEXT_SERIF_BOLD_ITALIC] = "NotoSerif-BoldItalic.ttf",
    [TEXT_SANS] = "NotoSans-Regular.ttf",
    [TEXT_SANS_BOLD] = "NotoSans-Bold.ttf",
    [TEXT_MONO] = "NotoSansMono-Regular.ttf",
    [FACE_KOREAN] = "NanumMyeongjo.ttf",
    [FACE_KOREAN_BOLD] = "NanumMyeongjoBold.ttf",
    [FACE_CHINESE] = "gbsn00lp.ttf",
    [FACE_CHINESE_TRAD] = "bsmi00lp.ttf",
};

struct text_fonts {
    arena *a;                  /* where faces loaded later live */
    diag_list *d;              /* where a face found unusable later is reported */
    pthread_mutex_t lock;      /* one load at a time */
    const char *paths[FACE_COUNT];
    src_loc at[FACE_COUNT];
    _Atomic(text_font *) faces[FACE_COUNT];
    bool failed[FACE_COUNT];   /* under lock */
};

/* The file of face i: the default, or the family's cut. */
static const char *face_file(arena *a, int i, const text_families *fam, src_loc *at)
{
    static const char *const cuts[] = {
        [TEXT_SERIF] = "Regular", [TEXT_SERIF_BOLD] = "Bold", [TEXT_SERIF_ITALIC] = "Italic",
        [TEXT_SERIF_BOLD_ITALIC] = "BoldItalic", [TEXT_SANS] = "Regular",
        [TEXT_SANS_BOLD] = "Bold", [TEXT_MONO] = "Regular",
    };
    const char *family = NULL;
    if (fam && i <= TEXT_SERIF_BOLD_ITALIC && fam->serif)
        family = fam->serif, *at = fam->serif_loc;
    else if (fam && (i == TEXT_SANS || i == TEXT_SANS_BOLD) && fam->sans)
        family = fam->sans, *at = fam->sans_loc;
    else if (fam && i == TEXT_MONO && fam->mono)
        family = fam->mono, *at = fam->mono_loc;
    return family ? arena_printf(a, "%s-%s.ttf", family, cuts[i]) : files[i];
}

text_fonts *text_fonts_load(arena *a, diag_list *d, const char *fonts_dir,
                            const text_families *fam)
{
    text_fonts *fs = arena_alloc(a, sizeof *fs);
    fs->a = a;
    fs->d = d;
    pthread_mutex_init(&fs->lock, NULL);
    bool ok = true;
    for (int i = 0; i < FACE_COUNT; i++) {
        src_loc at = {0};
        char *path = file_join(a, fonts_dir, face_file(a, i, fam, &at));
        if (!at.file)
            at = (src_loc){path, 0, 0};
        fs->paths[i] = path;
        fs->at[i] = at;
        ok = text_font_check(d, at, path) && ok;
    }
    if (!ok) {
        text_fonts_free(fs);
        return NULL;
    }
    return fs;
}

/* Face i, loaded on first use; NULL when it cannot be (reported once).
 * A cache behind a const set: loading changes no answer but the time. */
static text_font *face_of(const text_fonts *cfs, int i)
{
    text_fonts *fs = (text_fonts *)cfs;
    text_font *f = atomic_load_explicit(&fs->faces[i], memory_order_acquire);
    if (f)
        return f;
    pthread_mutex_lock(&fs->lock);
    f = atomic_load_explicit(&fs->faces[i], memory_order_relaxed);
    if (!f && !fs->failed[i]) {
        diag_list *quiet = fs->d ? NULL : diag_new();
        f = text_font_load(fs->a, fs->d ? fs->d : quiet, fs->at[i], fs->paths[i]);
        diag_free(quiet);
        fs->failed[i] = !f;
        atomic_store_explicit(&fs->faces[i], f, memory_order_release);
    }
    pthread_mutex_unlock(&fs->lock);
    return f;
}

bool text_fonts_preload(text_fonts *fs, diag_list *d)
{
    fs->d = d;
    bool ok = true;
    for (int i = 0; i < FACE_COUNT; i++)
        ok = face_of(fs, i) && ok;
    fs->d = NULL;
    return ok;
}

void text_fonts_free(text_fonts *fs)
{
    if (!fs)
        return;
    for (int i = 0; i < FACE_COUNT; i++)
        text_font_free(atomic_load(&fs->faces[i]));
    pthread_mutex_destroy(&fs->lock);
}

size_t text_fonts_count(const text_fonts *fs)
{
    (void)fs;
    return FACE_COUNT;
}

const text_font *text_fonts_face(const text_fonts *fs, int face)
{
    return face >= 0 && face < FACE_COUNT ? face_of(fs, face) : NULL;
}

const char *text_fonts_path(const text_fonts *fs, int face)
{
    return face >= 0 && face < FACE_COUNT ? fs->paths[face] : NULL;
}

const text_font *text_fonts_find(const text_fonts *fs, const char *path)
{
    for (int i = 0; fs && i < FACE_COUNT; i++) {
        const text_font *f = atomic_load_explicit(&((text_fonts *)fs)->faces[i],
                                                  memory_order_acquire);
        if (f && strcmp(text_font_path(f), path) == 0)
            return f;
    }
    return NULL;
}

static unsigned long long font_hash(const void *f)
{
    return text_font_file_hash(f);
}

void text_fonts_note(const text_fonts *fs, arena *a)
{
    for (int i = 0; fs && i < FACE_COUNT; i++) {
        const text_font *f = atomic_load_explicit(&((text_fonts *)fs)->faces[i],
                                                  memory_order_acquire);
        size_t len;
        if (f) {
            text_font_data(f, &len);
            file_note_deferred(a, text_font_path(f), len, font_hash, f);
        }
    }
}

static bool is_bold(text_style s)
{
    return s == TEXT_SERIF_BOLD || s == TEXT_SERIF_BOLD_ITALIC || s == TEXT_SANS_BOLD;
}

uint32_t text_stand_in(uint32_t cp)
{
    switch (cp) {
    case 0x2212:               /* minus sign */
    case 0x2012:               /* figure dash */
        return 0x2013;         /* en dash */
    case 0x2010:               /* hyphen */
    case 0x2011:               /* non-breaking hyphen */
        return '-';
    default:
        return 0;
    }
}

int text_fonts_pick(const text_fonts *fs, text_style style, uint32_t cp)
{
    if (style < 0 || style >= TEXT_STYLE_COUNT)
        style = TEXT_SERIF;
    if (cp > 0xFFFF)
        return -1;     /* libharu 2.3.0 sets only BMP characters */
    bool bold = is_bold(style);
    const int chain[] = {style, bold ? TEXT_SERIF_BOLD : TEXT_SERIF, FACE_CHINESE,
                         bold ? FACE_KOREAN_BOLD : FACE_KOREAN, FACE_CHINESE_TRAD};
    for (size_t i = 0; i < sizeof chain / sizeof chain[0]; i++) {
        const text_font *f = face_of(fs, chain[i]);
        if (f && text_font_has_glyph(f, cp))
            return chain[i];
    }
    return -1;
}
