/*
 * fonts.c: the default families and the fallback chain (see font.h).
 * A style's chain: its own face, then Noto Serif (Latin a sans or mono
 * face lacks; the bold cut for bold styles), then AR PL SungtiL GB for
 * simplified Chinese (so a Chinese phrase is set in one face), then a
 * Hangul face, then AR PL Mingti2L Big5 for the traditional characters
 * and Hanja the GB face lacks (Nanum Gothic's Hanja are passed over).
 * The Hangul face follows the style: Nanum Myeongjo in serif text (bold
 * for bold), Nanum Gothic in sans and mono text (bold for bold), and
 * Nanum Gothic for italic serif text, since no Korean italic exists and
 * Korean sets emphasis in a contrasting face rather than a slant.
 * Chinese (ideographs, CJK punctuation, full-width forms) in any style
 * but the upright serif goes first to WenQuanYi Micro Hei, the one Hei:
 * Chinese headings, and bold and italic Chinese, are Hei.
 *
 * Faces are loaded when first consulted: a Latin brief never reads the
 * Korean and Chinese files (megabytes each), and the compile's record
 * names only the faces that decided something. The compiles of `briefc
 * build` share one set, each through a view of its own (which faces it
 * asked for, where a face that fails to load is reported); the loaded
 * pointers are atomics behind the set's lock.
 *
 * Droid Sans Fallback is not used: most of its ideographs are composite
 * glyphs whose parts have glyph ids above 32767, which libharu 2.3.0's
 * CheckCompositGryph reads as signed and so leaves out of the subset
 * (权 is drawn as 又 alone). Micro Hei, made from Droid, has such
 * composites too, but faces are now cut by hb-subset, not libharu
 * (test_pdf_cjk measures every glyph's ink).
 */
#include "text/font.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "base/file.h"

enum {
    FACE_KOREAN = TEXT_STYLE_COUNT,
    FACE_KOREAN_BOLD,
    FACE_CHINESE,
    FACE_CHINESE_TRAD,
    FACE_KOREAN_SANS,
    FACE_KOREAN_SANS_BOLD,
    FACE_CHINESE_SANS,
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
    [TEXT_SANS_ITALIC] = "NotoSans-Italic.ttf",
    [TEXT_SANS_BOLD_ITALIC] = "NotoSans-BoldItalic.ttf",
    [FACE_KOREAN] = "NanumMyeongjo.ttf",
    [FACE_KOREAN_BOLD] = "NanumMyeongjoBold.ttf",
    [FACE_CHINESE] = "gbsn00lp.ttf",
    [FACE_CHINESE_TRAD] = "bsmi00lp.ttf",
    [FACE_KOREAN_SANS] = "NanumGothic.ttf",
    [FACE_KOREAN_SANS_BOLD] = "NanumGothicBold.ttf",
    [FACE_CHINESE_SANS] = "wqy-microhei.ttc",
};

/* The faces themselves, shared by every view of a set. */
typedef struct face_set {
    arena *a;                  /* where faces loaded later live */
    pthread_mutex_t lock;      /* one load at a time */
    const char *paths[FACE_COUNT];
    src_loc at[FACE_COUNT];
    int alias[FACE_COUNT];     /* the face that stands in for i (itself unless a cut is absent) */
    _Atomic(text_font *) faces[FACE_COUNT];
    bool failed[FACE_COUNT];   /* under lock */
} face_set;

/* One compile's view of a set: where its loads report, what it asked. */
struct text_fonts {
    face_set *set;
    diag_list *d;              /* a face found unusable on loading is reported here */
    _Atomic unsigned consulted;   /* bit i: face i was asked for through this view */
    bool owner;                /* frees the set */
};

static bool is_sans(int i)
{
    return i == TEXT_SANS || i == TEXT_SANS_BOLD || i == TEXT_SANS_ITALIC ||
           i == TEXT_SANS_BOLD_ITALIC;
}

/* The file of face i: the default, or the family's cut. */
static const char *face_file(arena *a, int i, const text_families *fam, src_loc *at)
{
    static const char *const cuts[] = {
        [TEXT_SERIF] = "Regular", [TEXT_SERIF_BOLD] = "Bold", [TEXT_SERIF_ITALIC] = "Italic",
        [TEXT_SERIF_BOLD_ITALIC] = "BoldItalic", [TEXT_SANS] = "Regular",
        [TEXT_SANS_BOLD] = "Bold", [TEXT_MONO] = "Regular", [TEXT_SANS_ITALIC] = "Italic",
        [TEXT_SANS_BOLD_ITALIC] = "BoldItalic",
    };
    const char *family = NULL;
    if (fam && i <= TEXT_SERIF_BOLD_ITALIC && fam->serif)
        family = fam->serif, *at = fam->serif_loc;
    else if (fam && is_sans(i) && fam->sans)
        family = fam->sans, *at = fam->sans_loc;
    else if (fam && i == TEXT_MONO && fam->mono)
        family = fam->mono, *at = fam->mono_loc;
    return family ? arena_printf(a, "%s-%s.ttf", family, cuts[i]) : files[i];
}

text_fonts *text_fonts_load(arena *a, diag_list *d, const char *fonts_dir,
                            const text_families *fam)
{
    face_set *set = arena_alloc(a, sizeof *set);
    set->a = a;
    pthread_mutex_init(&set->lock, NULL);
    text_fonts *fs = arena_alloc(a, sizeof *fs);
    fs->set = set;
    fs->d = d;
    fs->owner = true;
    bool ok = true;
    for (int i = 0; i < FACE_COUNT; i++) {
        src_loc at = {0};
        char *path = file_join(a, fonts_dir, face_file(a, i, fam, &at));
        set->alias[i] = i;
        /* A sans family of two cuts (the faces before 2026 had no sans
         * italic) keeps working: its upright cut stands in, as before. */
        if ((i == TEXT_SANS_ITALIC || i == TEXT_SANS_BOLD_ITALIC) && fam && fam->sans &&
            access(path, F_OK) != 0) {
            int up = i == TEXT_SANS_ITALIC ? TEXT_SANS : TEXT_SANS_BOLD;
            set->alias[i] = up;
            set->paths[i] = set->paths[up];
            set->at[i] = set->at[up];
            continue;
        }
        if (!at.file)
            at = (src_loc){path, 0, 0};
        set->paths[i] = path;
        set->at[i] = at;
        /* A style's faces are checked now, so a family a style names is
         * an error at its key at once; the Korean and Chinese fallbacks
         * (no style names them) when first consulted, so a Latin brief
         * never opens their files. */
        if (i < TEXT_STYLE_COUNT)
            ok = text_font_check(d, at, path) && ok;
    }
    if (!ok) {
        text_fonts_free(fs);
        return NULL;
    }
    return fs;
}

text_fonts *text_fonts_view(arena *a, diag_list *d, const text_fonts *base)
{
    text_fonts *fs = arena_alloc(a, sizeof *fs);
    fs->set = base->set;
    fs->d = d;
    return fs;
}

/* Face i, loaded on first use; NULL when it cannot be (reported once, to
 * the view that first asked). A cache behind a const set: loading changes
 * no answer but the time; the view remembers it asked. */
static text_font *face_of(const text_fonts *cfs, int i)
{
    text_fonts *fs = (text_fonts *)cfs;
    face_set *set = fs->set;
    i = set->alias[i];
    atomic_fetch_or_explicit(&fs->consulted, 1u << i, memory_order_relaxed);
    text_font *f = atomic_load_explicit(&set->faces[i], memory_order_acquire);
    if (f)
        return f;
    pthread_mutex_lock(&set->lock);
    f = atomic_load_explicit(&set->faces[i], memory_order_relaxed);
    if (!f && !set->failed[i]) {
        diag_list *quiet = fs->d ? NULL : diag_new();
        f = text_font_load(set->a, fs->d ? fs->d : quiet, set->at[i], set->paths[i]);
        diag_free(quiet);
        set->failed[i] = !f;
        atomic_store_explicit(&set->faces[i], f, memory_order_release);
    }
    pthread_mutex_unlock(&set->lock);
    return f;
}

void text_fonts_free(text_fonts *fs)
{
    if (!fs || !fs->owner)
        return;
    for (int i = 0; i < FACE_COUNT; i++)
        text_font_free(atomic_load(&fs->set->faces[i]));
    pthread_mutex_destroy(&fs->set->lock);
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
    return face >= 0 && face < FACE_COUNT ? fs->set->paths[face] : NULL;
}

const text_font *text_fonts_find(const text_fonts *fs, const char *path)
{
    for (int i = 0; fs && i < FACE_COUNT; i++) {
        const text_font *f = atomic_load_explicit(&fs->set->faces[i], memory_order_acquire);
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
    unsigned asked = fs ? atomic_load_explicit(&((text_fonts *)fs)->consulted,
                                               memory_order_relaxed) : 0;
    for (int i = 0; fs && i < FACE_COUNT; i++) {
        const text_font *f = atomic_load_explicit(&fs->set->faces[i], memory_order_acquire);
        size_t len;
        if (f && (asked >> i & 1)) {
            text_font_data(f, &len);
            file_note_deferred(a, text_font_path(f), len, font_hash, f);
        }
    }
}

static bool is_bold(text_style s)
{
    return s == TEXT_SERIF_BOLD || s == TEXT_SERIF_BOLD_ITALIC || s == TEXT_SANS_BOLD ||
           s == TEXT_SANS_BOLD_ITALIC;
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
    /* Hangul in Gothic where the Latin is sans or mono, and for italic
     * serif text (the visible emphasis Korean has); Myeongjo elsewhere. */
    bool gothic = is_sans(style) || style == TEXT_MONO || style == TEXT_SERIF_ITALIC ||
                  style == TEXT_SERIF_BOLD_ITALIC;
    int korean = gothic ? (bold ? FACE_KOREAN_SANS_BOLD : FACE_KOREAN_SANS)
                        : (bold ? FACE_KOREAN_BOLD : FACE_KOREAN);
    /* Chinese in every style but the upright serif is set in WenQuanYi
     * Micro Hei, a Hei (sans) of GB 2312 and Big5 whole: headings are
     * Hei, and bold or italic Chinese in Song text is Hei, as Chinese
     * typesetting shows emphasis without a bold Song. Only Chinese:
     * its Hangul and Latin are left to the faces made for them. */
    bool han = (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
               (cp >= 0xF900 && cp <= 0xFAFF);
    bool chinese = han || (cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0x3000 && cp <= 0x303F) ||
                   (cp >= 0xFF00 && cp <= 0xFFEF);
    bool hei = style != TEXT_SERIF && chinese;
    const int chain[] = {style, bold ? TEXT_SERIF_BOLD : TEXT_SERIF,
                         hei ? FACE_CHINESE_SANS : FACE_CHINESE, FACE_CHINESE, korean,
                         FACE_CHINESE_TRAD};
    /* Nanum Gothic has KS X 1001's Hanja, Nanum Myeongjo none: ideographs
     * stay with the Chinese faces, so one text's Hanja share one face. */
    for (size_t i = 0; i < sizeof chain / sizeof chain[0]; i++) {
        if (han && chain[i] == korean && gothic)
            continue;
        const text_font *f = face_of(fs, chain[i]);
        if (f && text_font_has_glyph(f, cp))
            return fs->set->alias[chain[i]];
    }
    return -1;
}
