/*
 * hyph.c: hyphenation points from libhyphen (see hyph.h).
 * libhyphen matches patterns case-sensitively and indexes its result by
 * character, not byte, even for UTF-8 dictionaries; words are therefore
 * lowercased first and the result read per code point.
 */
#include "text/hyph.h"

#include <hyphen.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

struct text_hyph {
    HyphenDict *dict;
};

text_hyph *text_hyph_load(diag_list *d, const char *path)
{
    HyphenDict *dict = hnj_hyphen_load(path);
    if (!dict) {
        diag_warning(d, (src_loc){path, 0, 0},
                     "cannot load the hyphenation patterns; text will not be hyphenated");
        diag_hint(d, "install Debian's hyphen-en-us package (make does this)");
        return NULL;
    }
    text_hyph *h = malloc(sizeof *h);
    if (!h) {
        hnj_hyphen_free(dict);
        return NULL;
    }
    h->dict = dict;
    return h;
}

void text_hyph_free(text_hyph *h)
{
    if (!h)
        return;
    hnj_hyphen_free(h->dict);
    free(h);
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

size_t text_hyphenate(const text_hyph *h, const uint32_t *word, size_t n, bool *after)
{
    memset(after, 0, n * sizeof *after);
    if (!h || n < TEXT_HYPH_WORD_MIN || n > 60)
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
    char hyphens[60 * 4 + 5];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    if (hnj_hyphen_hyphenate3(h->dict, utf8, (int)len, hyphens, NULL, &rep, &pos, &cut,
                              TEXT_HYPH_LEFT_MIN, TEXT_HYPH_RIGHT_MIN, 2, 2) != 0)
        return 0;
    size_t count = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        /* Odd marks hyphenation points; non-standard ones (with a
         * replacement) do not occur in English and are skipped. */
        if ((hyphens[i] & 1) && !(rep && rep[i]) && i + 1 >= TEXT_HYPH_LEFT_MIN &&
            n - i - 1 >= TEXT_HYPH_RIGHT_MIN) {
            after[i] = true;
            count++;
        }
    }
    if (rep) {
        for (size_t i = 0; i < len; i++)
            free(rep[i]);
        free(rep);
    }
    free(pos);
    free(cut);
    return count;
}
