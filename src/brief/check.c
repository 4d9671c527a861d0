/*
 * check.c: checks shared by the brief and library schemas (see check.h):
 * a mapping against its table of keys, and values of the common types.
 */
#include "brief/check.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/utf8.h"

static bool type_ok(field_type t, const ynode *v)
{
    switch (t) {
    case FIELD_ANY: return true;
    case FIELD_TEXT: return v->kind == YNODE_SCALAR;
    case FIELD_LIST: return v->kind == YNODE_SEQUENCE;
    case FIELD_MAPPING: return v->kind == YNODE_MAPPING;
    case FIELD_TEXT_OR_LIST: return v->kind != YNODE_MAPPING;
    }
    return false;
}

static const char *type_name(field_type t)
{
    switch (t) {
    case FIELD_TEXT: return "text";
    case FIELD_LIST: return "a list";
    case FIELD_MAPPING: return "a mapping";
    case FIELD_TEXT_OR_LIST: return "text or a list of texts";
    default: return "something else";
    }
}

/* The keys of a table, comma-separated, for a hint. */
static char *key_list(arena *a, const field *fields, size_t n)
{
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_puts(&b, ", ");
        buf_puts(&b, fields[i].key);
    }
    char *s = b.len ? buf_to_arena(&b, a) : arena_strdup(a, "");
    buf_fini(&b);
    return s;
}

void brief_check_keys(checker *c, const ynode *map, const field *fields, size_t n,
                      const char *what, const char *unknown)
{
    const char **names = arena_alloc(c->a, (n + 1) * sizeof *names);
    for (size_t i = 0; i < n; i++)
        names[i] = fields[i].key;
    for (size_t i = 0; i < map->n; i++) {
        const ynode *k = map->keys[i], *v = map->items[i];
        size_t f = 0;
        while (f < n && strcmp(fields[f].key, k->text) != 0)
            f++;
        if (f == n) {
            if (unknown)
                diag_error(c->d, k->loc, "unknown %s '%s'", unknown, k->text);
            else
                diag_error(c->d, k->loc, "unknown key '%s' in %s", k->text, what);
            const char *near = diag_suggest(k->text, names, n);
            if (near)
                diag_hint(c->d, "did you mean '%s'?", near);
            else
                diag_hint(c->d, "the keys of %s are: %s", what, key_list(c->a, fields, n));
        } else if (!type_ok(fields[f].type, v)) {
            diag_error(c->d, v->loc, "'%s' must be %s, not %s", k->text,
                       type_name(fields[f].type), ynode_kind_name(v));
        } else {
            fields[f].check(c, k, v);
        }
    }
    for (size_t f = 0; f < n; f++)
        if (fields[f].required && !ynode_get(map, fields[f].key))
            diag_error(c->d, map->loc, "%s needs a '%s' key", what, fields[f].key);
}

void brief_check_mapping(checker *c, const ynode *map, const field *fields, size_t n,
                         const char *what)
{
    brief_check_keys(c, map, fields, n, what, NULL);
}

static bool blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            return false;
    return true;
}

void brief_hint_near(checker *c, const char *word, const char *const *candidates, size_t n,
                     const char *otherwise, ...)
{
    const char *near = diag_suggest(word, candidates, n);
    if (near) {
        diag_hint(c->d, "did you mean '%s'?", near);
        return;
    }
    if (!otherwise)
        return;
    va_list ap;
    va_start(ap, otherwise);
    char *text = arena_vprintf(c->a, otherwise, ap);
    va_end(ap);
    diag_hint(c->d, "%s", text);
}

src_loc brief_text_loc(const ynode *v)
{
    src_loc l = v->loc;
    if (v->style == YSTYLE_QUOTED)
        l.col++;
    return l;
}

bool brief_want_string(checker *c, const ynode *key, const ynode *v, bool non_empty)
{
    if (v->kind != YNODE_SCALAR)
        return diag_error(c->d, v->loc, "'%s' must be text, not %s", key->text, ynode_kind_name(v));
    if (non_empty && blank(v->text, v->len))
        return diag_error(c->d, v->loc, "'%s' must not be empty", key->text);
    return true;
}

bool brief_want_number(checker *c, const ynode *k, const ynode *v, double lo, double hi,
                       double *out)
{
    char *end;
    if (v->kind != YNODE_SCALAR || !v->len)
        return diag_error(c->d, v->loc, "'%s' must be a number", k->text);
    double x = strtod(v->text, &end);
    /* !(x >= lo): NaN fails every comparison, so it must fail this one. */
    if (*end || !(x >= lo) || !(x <= hi)) {
        diag_error(c->d, v->loc, "'%s' must be a number from %g to %g, not '%s'", k->text, lo, hi,
                   v->text);
        return false;
    }
    *out = x;
    return true;
}

bool brief_want_bool(checker *c, const ynode *k, const ynode *v, bool *out)
{
    bool plain = v->kind == YNODE_SCALAR && v->style == YSTYLE_PLAIN;
    if (plain && (strcmp(v->text, "true") == 0 || strcmp(v->text, "yes") == 0)) {
        *out = true;
        return true;
    }
    if (plain && (strcmp(v->text, "false") == 0 || strcmp(v->text, "no") == 0)) {
        *out = false;
        return true;
    }
    return diag_error(c->d, v->loc, "'%s' must be true or false", k->text);
}

static bool parse_digits(const char *s, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

int brief_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

/* YYYY-MM-DD or YYYY-MM. */
bool brief_parse_date(const char *s, int *y, int *m, int *dd)
{
    size_t n = strlen(s);
    *m = *dd = 0;
    if (!(n == 10 || n == 7) || !parse_digits(s, 4, y) || s[4] != '-' ||
        !parse_digits(s + 5, 2, m) || *m < 1 || *m > 12 || *y < 1000)
        return false;
    if (n == 7)
        return true;
    return s[7] == '-' && parse_digits(s + 8, 2, dd) && *dd >= 1 &&
           *dd <= brief_days_in_month(*y, *m);
}

src_loc brief_offset_loc(const char *path, const char *s, size_t off)
{
    int line = 1;
    size_t ls = off >= 3 ? utf8_bom(s, off) : 0;   /* columns count after a BOM */
    for (size_t i = 0; i < off; i++)
        if (s[i] == '\n') {
            line++;
            ls = i + 1;
        }
    return (src_loc){path, line, 1 + (int)utf8_count(s + ls, off - ls)};
}

bool brief_names(checker *c, const ynode *k, const ynode *v, bool one_allowed,
                 const char ***out, size_t *n)
{
    if (v->kind == YNODE_SCALAR && one_allowed) {
        if (!brief_want_string(c, k, v, true))
            return false;
        *out = arena_alloc(c->a, sizeof **out);
        (*out)[0] = v->text;
        *n = 1;
        return true;
    }
    if (v->kind != YNODE_SEQUENCE)
        return diag_error(c->d, v->loc, one_allowed ? "'%s' must be a name or a list of names, not %s"
                                                    : "'%s' must be a list, not %s",
                          k->text, ynode_kind_name(v));
    *out = arena_alloc(c->a, (v->n + 1) * sizeof **out);
    for (size_t i = 0; i < v->n; i++)
        if (brief_want_string(c, k, v->items[i], true))
            (*out)[(*n)++] = v->items[i]->text;
    return true;
}

bool brief_inside(const char *dir, const char *real)
{
    size_t rl = strlen(dir);
    if (rl == 1 && dir[0] == '/')
        return real[0] == '/';
    return strncmp(real, dir, rl) == 0 && (real[rl] == '/' || real[rl] == '\0');
}

bool brief_inside_root(const checker *c, const char *real)
{
    return brief_inside(c->root, real);
}

bool brief_climbs_out(const char *rel)
{
    int depth = 0;
    for (const char *p = rel; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            if (--depth < 0)
                return true;
        } else if (n > 0 && !(n == 1 && p[0] == '.')) {
            depth++;
        }
        p += n + (p[n] == '/');
    }
    return false;
}

/* ---- languages ---- */

static const char *const lang_codes[BRIEF_N_LANGS] = {
    [BRIEF_LANG_EN] = "en", [BRIEF_LANG_KO] = "ko",
    [BRIEF_LANG_ZH_HANS] = "zh-Hans", [BRIEF_LANG_ZH_HANT] = "zh-Hant",
};

const char *brief_lang_code(brief_lang l)
{
    return (unsigned)l < BRIEF_N_LANGS ? lang_codes[l] : "en";
}

static int lang_index(const char *s)
{
    for (int i = 0; i < BRIEF_N_LANGS; i++)
        if (strcmp(s, lang_codes[i]) == 0)
            return i;
    return -1;
}

/* Whether s is the language subtag sub, alone or with more after a
 * hyphen or underscore ("ko", "ko-KR", "ko_KR"), in any case. */
static bool has_subtag(const char *s, const char *sub)
{
    size_t n = strlen(sub);
    return strncasecmp(s, sub, n) == 0 && (!s[n] || s[n] == '-' || s[n] == '_');
}

/* What an unknown code most likely meant: a tag with a region or a
 * script (ko-KR, zh-CN, zh-TW, zh-hant) names one of ours; else the
 * nearest code by spelling. */
static void lang_hint(checker *c, const char *s)
{
    static const char *const simplified[] = {"zh-hans", "zh-cn", "zh-sg", "zh_cn", "zh_sg"};
    static const char *const traditional[] = {"zh-hant", "zh-tw", "zh-hk", "zh-mo", "zh_tw",
                                              "zh_hk", "zh_mo"};
    for (size_t i = 0; i < sizeof simplified / sizeof *simplified; i++)
        if (has_subtag(s, simplified[i])) {
            diag_hint(c->d, "did you mean 'zh-Hans'? (Chinese in simplified characters)");
            return;
        }
    for (size_t i = 0; i < sizeof traditional / sizeof *traditional; i++)
        if (has_subtag(s, traditional[i])) {
            diag_hint(c->d, "did you mean 'zh-Hant'? (Chinese in traditional characters)");
            return;
        }
    if (has_subtag(s, "zh") || strcasecmp(s, "chinese") == 0 || strcmp(s, "中文") == 0)
        diag_hint(c->d, "write zh-Hans for simplified or zh-Hant for traditional Chinese");
    else if (has_subtag(s, "ko") || strcasecmp(s, "korean") == 0 || strcmp(s, "한국어") == 0)
        diag_hint(c->d, "did you mean 'ko'? (Korean is 'ko' wherever it is written)");
    else if (has_subtag(s, "en") || strcasecmp(s, "english") == 0)
        diag_hint(c->d, "did you mean 'en'? (English is 'en' wherever it is written)");
    else
        brief_hint_near(c, s, lang_codes, BRIEF_N_LANGS,
                        "the languages are en, ko, zh-Hans and zh-Hant");
}

bool brief_check_lang(checker *c, const ynode *key, const ynode *v, brief_lang *out)
{
    if (!brief_want_string(c, key, v, true))
        return false;
    int i = lang_index(v->text);
    if (i < 0) {
        diag_error(c->d, v->loc, "unknown language '%s'", v->text);
        lang_hint(c, v->text);
        return false;
    }
    *out = (brief_lang)i;
    return true;
}

static const char *const std_names[] = {"ua-1", "a-2b", "a-2u"};

static bool std_one(checker *c, const ynode *key, const ynode *v, unsigned *out)
{
    if (!brief_want_string(c, key, v, true))
        return false;
    for (size_t i = 0; i < sizeof std_names / sizeof *std_names; i++)
        if (strcmp(v->text, std_names[i]) == 0) {
            *out |= 1u << i;
            return true;
        }
    diag_error(c->d, v->loc, "unknown PDF standard '%s'", v->text);
    const char *near = diag_suggest(v->text, std_names, sizeof std_names / sizeof *std_names);
    if (near)
        diag_hint(c->d, "did you mean '%s'?", near);
    else
        diag_hint(c->d, "the standards are ua-1 (PDF/UA-1), a-2b and a-2u (PDF/A-2)");
    return false;
}

bool brief_check_pdf_standard(checker *c, const ynode *key, const ynode *v, unsigned *out)
{
    unsigned bits = 0;
    bool ok = true;
    if (v->kind == YNODE_SEQUENCE) {
        for (size_t i = 0; i < v->n; i++)
            ok = std_one(c, key, v->items[i], &bits) && ok;
    } else {
        ok = std_one(c, key, v, &bits);
    }
    if (ok && (bits & BRIEF_STD_A2B) && (bits & BRIEF_STD_A2U)) {
        diag_error(c->d, v->loc, "a PDF meets one level of PDF/A-2: a-2b or a-2u, not both");
        diag_hint(c->d, "a-2u is a-2b and more (every character has its Unicode meaning)");
        ok = false;
    }
    if (ok)
        *out = bits;
    return ok;
}

bool brief_lang_mapping(const ynode *v)
{
    if (v->kind != YNODE_MAPPING || v->n == 0)
        return false;
    for (size_t i = 0; i < v->n; i++)
        if (lang_index(v->keys[i]->text) < 0)
            return false;
    return true;
}

/* Whether a plain text says something in a language: numbers, years,
 * percentages and dashes are the same in every one. */
static bool has_letters(const char *s)
{
    for (; *s; s++)
        if (((unsigned char)*s | 32) >= 'a' && ((unsigned char)*s | 32) <= 'z')
            return true;
    return false;
}

const ynode *brief_lang_text(checker *c, const ynode *key, const ynode *v, bool *fell_back)
{
    brief_lang want = c->b->lang;
    const char *what = key ? key->text : "this text";
    *fell_back = false;
    if (v->kind == YNODE_SCALAR) {
        *fell_back = want != BRIEF_LANG_EN && has_letters(v->text);
        return v;
    }
    if (v->kind != YNODE_MAPPING) {
        diag_error(c->d, v->loc, "'%s' must be text, or its texts by language "
                                 "({en: ..., ko: ...}), not %s", what, ynode_kind_name(v));
        return NULL;
    }
    const ynode *by_lang[BRIEF_N_LANGS] = {0};
    bool ok = true;
    for (size_t i = 0; i < v->n; i++) {
        const ynode *k = v->keys[i];
        int l = lang_index(k->text);
        if (l < 0) {
            diag_error(c->d, k->loc, "unknown language '%s'", k->text);
            lang_hint(c, k->text);
            ok = false;
        } else if (brief_want_string(c, k, v->items[i], true)) {
            by_lang[l] = v->items[i];
        } else {
            ok = false;
        }
    }
    if (!ok)
        return NULL;
    if (by_lang[want])
        return by_lang[want];
    if (by_lang[BRIEF_LANG_EN]) {
        *fell_back = true;
        return by_lang[BRIEF_LANG_EN];
    }
    diag_error(c->d, v->loc, "'%s' has no %s text, nor an en text to fall back on", what,
               lang_codes[want]);
    diag_hint(c->d, "add '%s: ...' (the brief's language) or 'en: ...' (the library's)",
              lang_codes[want]);
    return NULL;
}

void brief_lang_warn(checker *c, src_loc at, const char *what)
{
    const char *code = lang_codes[c->b->lang];
    diag_warning(c->d, at, "%s has no %s text; its en text is used", what, code);
    diag_hint(c->d, "give it by language: {en: ..., %s: ...}", code);
}
