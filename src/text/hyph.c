/*
 * hyph.c: hyphenation points from libhyphen (see hyph.h).
 * libhyphen matches patterns case-sensitively and indexes its result by
 * character, not byte, even for UTF-8 dictionaries; words are therefore
 * lowercased first and the result read per code point.
 *
 * Parsing the patterns costs as much as setting a short brief (17 ms and
 * 700 freshly touched memory pages), so the default file's state machine
 * is made at build time (hyph_compile.c, hyph_table.h) and walked here
 * exactly as libhyphen walks its own; libhyphen parses the file only when
 * it is not the one the tables were made from. Either is set up when the
 * first word needs hyphenating, and each word's answer is kept (a brief
 * repeats its words), keyed by the lowercased word. Both live in the
 * object, behind its lock, since the compiles of `briefc build` share it
 * across threads.
 */
#include "text/hyph.h"

#include <errno.h>
#include <hyphen.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/file.h"
#include "base/utf8.h"
#include "text/hyph_table.h"

typedef struct memo_slot {
    const char *word;        /* lowercased UTF-8; NULL: empty slot */
    unsigned long long mask; /* bit i: a hyphen may follow letter i */
} memo_slot;

struct text_hyph {
    char *path;
    pthread_mutex_t lock;
    bool tried;              /* the patterns were set up (or failed to be) */
    const hyph_table *table; /* the compiled tables, when they fit the file */
    HyphenDict *dict;        /* else libhyphen's own parse */
    arena *a;                /* the memo's words and table */
    memo_slot *slots;
    size_t cap, used;
};

text_hyph *text_hyph_load(diag_list *d, const char *path)
{
    if (access(path, R_OK) != 0) {
        diag_warning(d, (src_loc){path, 0, 0},
                     "cannot load the hyphenation patterns; text will not be hyphenated");
        diag_hint(d, "install Debian's hyphen-en-us package (make does this)");
        return NULL;
    }
    text_hyph *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->path = strdup(path);
    h->a = arena_new();
    pthread_mutex_init(&h->lock, NULL);
    return h;
}

void text_hyph_free(text_hyph *h)
{
    if (!h)
        return;
    if (h->dict)
        hnj_hyphen_free(h->dict);
    arena_free(h->a);
    pthread_mutex_destroy(&h->lock);
    free(h->path);
    free(h);
}

/* The slot of word (len bytes) in the memo: its entry, or the empty slot
 * where it goes. Called with the lock held. */
static memo_slot *memo_find(text_hyph *h, const char *word, size_t len)
{
    if (h->used * 2 >= h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 1024;
        memo_slot *slots = arena_alloc(h->a, cap * sizeof *slots);
        for (size_t i = 0; i < h->cap; i++)
            if (h->slots[i].word) {
                size_t j = (size_t)file_hash(h->slots[i].word, strlen(h->slots[i].word)) &
                           (cap - 1);
                while (slots[j].word)
                    j = (j + 1) & (cap - 1);
                slots[j] = h->slots[i];
            }
        h->slots = slots;
        h->cap = cap;
    }
    size_t j = (size_t)file_hash(word, len) & (h->cap - 1);
    while (h->slots[j].word && (strlen(h->slots[j].word) != len ||
                                memcmp(h->slots[j].word, word, len) != 0))
        j = (j + 1) & (h->cap - 1);
    return &h->slots[j];
}

/* The compiled tables when the file at h->path is the one they were made
 * from, else libhyphen's parse of it. */
static void set_up(text_hyph *h)
{
    h->tried = true;
    const hyph_table *t = &hyph_compiled;
    if (t->usable) {
        arena *a = arena_new();
        char *data;
        size_t len;
        if (file_read(a, h->path, 16u << 20, &data, &len) && len == t->source_size &&
            file_hash(data, len) == t->source_hash)
            h->table = t;
        arena_free(a);
        if (h->table)
            return;
    }
    h->dict = hnj_hyphen_load(h->path);
}

/* libhyphen's hnj_hyphen_hyphenate3 on the tables, for a lowercased Latin
 * word: its compound level never matches letters (hyph_compile checked),
 * so only the patterns' level runs. Sets odd[i] when the value after
 * byte i of the word is odd; the caller reads it per character. */
static void walk(const hyph_table *t, const char *word, size_t len, unsigned char *odd)
{
    char prep[60 * 4 + 3];
    unsigned char value[60 * 4 + 3];
    size_t j = 0;
    prep[j++] = '.';
    memcpy(prep + j, word, len);
    j += len;
    prep[j++] = '.';
    memset(value, 0, j);
    int32_t state = 0;
    for (size_t i = 0; i < j; i++) {
        unsigned char ch = (unsigned char)prep[i];
        bool found = false;
        while (!found) {
            if (state == -1) {
                /* libhyphen starts over on the next letter */
                state = 0;
                break;
            }
            for (int32_t k = t->first[state]; k < t->first[state + 1]; k++)
                if (t->trans_ch[k] == ch) {
                    state = t->trans_to[k];
                    found = true;
                    break;
                }
            if (!found)
                state = t->fallback[state];
        }
        if (!found || t->match[state] < 0)
            continue;
        const char *m = t->matches + t->match[state];
        long offset = (long)i + 1 - (long)strlen(m);
        for (long k = offset < 0 ? -offset : 0; m[k]; k++)
            if (value[offset + k] < (unsigned char)(m[k] - '0'))
                value[offset + k] = (unsigned char)(m[k] - '0');
    }
    /* libhyphen shifts its values by one: the value after byte i of the
     * word is value[i + 1], and there is none after the last byte. */
    for (size_t i = 0; i < len; i++)
        odd[i] = i + 1 < len ? value[i + 1] & 1 : 0;
}

static unsigned long long ask_tables(const hyph_table *t, const char *utf8, size_t len, size_t n)
{
    unsigned char odd[60 * 4];
    walk(t, utf8, len, odd);
    size_t lmin = t->lhmin > TEXT_HYPH_LEFT_MIN ? (size_t)t->lhmin : TEXT_HYPH_LEFT_MIN;
    size_t rmin = t->rhmin > TEXT_HYPH_RIGHT_MIN ? (size_t)t->rhmin : TEXT_HYPH_RIGHT_MIN;
    unsigned long long mask = 0;
    /* A character's value is the one after its last byte. */
    for (size_t b = 0, c = 0; b < len; b++) {
        bool last = b + 1 == len || ((unsigned char)utf8[b + 1] & 0xC0) != 0x80;
        if (!last)
            continue;
        if (odd[b] && c + 1 < n && c + 1 >= lmin && n - c - 1 >= rmin)
            mask |= 1ull << c;
        c++;
    }
    return mask;
}

/* The answer for the lowercased word (n letters, len bytes), as a mask;
 * called with the lock held, the patterns set up on first need. */
static unsigned long long ask(text_hyph *h, const char *utf8, size_t len, size_t n)
{
    if (!h->tried)
        set_up(h);
    if (h->table)
        return ask_tables(h->table, utf8, len, n);
    if (!h->dict)
        return 0;
    char hyphens[60 * 4 + 5];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    if (hnj_hyphen_hyphenate3(h->dict, utf8, (int)len, hyphens, NULL, &rep, &pos, &cut,
                              TEXT_HYPH_LEFT_MIN, TEXT_HYPH_RIGHT_MIN, 2, 2) != 0)
        return 0;
    unsigned long long mask = 0;
    for (size_t i = 0; i + 1 < n; i++)
        /* Odd marks hyphenation points; non-standard ones (with a
         * replacement) do not occur in English and are skipped. */
        if ((hyphens[i] & 1) && !(rep && rep[i]) && i + 1 >= TEXT_HYPH_LEFT_MIN &&
            n - i - 1 >= TEXT_HYPH_RIGHT_MIN)
            mask |= 1ull << i;
    if (rep) {
        for (size_t i = 0; i < len; i++)
            free(rep[i]);
        free(rep);
    }
    free(pos);
    free(cut);
    return mask;
}

/* Lowercase for the Latin letters the English patterns can meet; 0 for
 * anything that is not a Latin letter. */
static uint32_t latin_lower(uint32_t c)
{
    if (c >= 'a' && c <= 'z')
        return c;
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0xE0 && c <= 0xFF && c != 0xF7)
        return c;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 32;
    if (c >= 0x100 && c <= 0x17F)
        return c % 2 ? c : c + 1;
    return 0;
}

static bool is_upper(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
           (c >= 0x100 && c <= 0x17F && c % 2 == 0);
}

size_t text_hyphenate(const text_hyph *ch, const uint32_t *word, size_t n, bool *after)
{
    memset(after, 0, n * sizeof *after);
    if (!ch || n < TEXT_HYPH_WORD_MIN || n > 60)
        return 0;
    char utf8[60 * 4 + 1];
    size_t len = 0, upper = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = latin_lower(word[i]);
        if (!c)
            return 0;
        upper += is_upper(word[i]);
        len += utf8_encode(c, utf8 + len);
    }
    if (upper == n)
        return 0;
    utf8[len] = '\0';
    /* The memo and the lazily parsed patterns are a cache behind a const
     * object: they change no answer. */
    text_hyph *h = (text_hyph *)ch;
    pthread_mutex_lock(&h->lock);
    memo_slot *slot = memo_find(h, utf8, len);
    if (!slot->word) {
        slot->mask = ask(h, utf8, len, n);
        slot->word = arena_strndup(h->a, utf8, len);
        h->used++;
    }
    unsigned long long mask = slot->mask;
    pthread_mutex_unlock(&h->lock);
    size_t count = 0;
    for (size_t i = 0; i + 1 < n; i++)
        if (mask >> i & 1) {
            after[i] = true;
            count++;
        }
    return count;
}
