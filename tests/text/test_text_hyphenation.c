/*
 * test_text_hyphenation.c: Liang's patterns give TeX's hyphens, with the
 * minimum lengths kept, capitals and accents handled, acronyms and
 * non-Latin words left whole; a word asked again (kept by the memo, which
 * is keyed by the lowercased word) gets the same answer in its own case.
 */
#include "../harness.h"
#include "base/utf8.h"
#include "text/hyph.h"

static const char *hyphenate(const text_hyph *h, const char *word)
{
    static char out[256];
    uint32_t cps[64] = {0};
    bool after[64] = {false};
    size_t n = 0, i = 0, len = strlen(word);
    while (i < len && n < 64)
        cps[n++] = utf8_decode(word, len, &i, NULL);
    text_hyphenate(h, cps, n, after);
    size_t o = 0;
    for (size_t k = 0; k < n; k++) {
        o += utf8_encode(cps[k], out + o);
        if (after[k])
            out[o++] = '-';
    }
    out[o] = '\0';
    return out;
}

int main(void)
{
    diag_list *d = diag_new();
    text_hyph *h = text_hyph_load(d, TEXT_HYPH_DEFAULT);
    CHECK(h != NULL, "the English patterns load");
    CHECK_STR(hyphenate(h, "hyphenation"), "hy-phen-ation", "hyphenation");
    CHECK_STR(hyphenate(h, "Repatriation"), "Repa-tri-a-tion", "a capitalised word");
    CHECK_STR(hyphenate(h, "repatriation"), "repa-tri-a-tion", "the same word again (the memo's answer)");
    CHECK_STR(hyphenate(h, "Hyphenation"), "Hy-phen-ation", "and capitalised after it was lowercase");
    CHECK_STR(hyphenate(h, "refoulement"), "re-foule-ment", "refoulement");
    CHECK_STR(hyphenate(h, "résumé"), "ré-sumé", "accented letters (character-indexed result)");
    CHECK_STR(hyphenate(h, "UNHCR"), "UNHCR", "an acronym is left whole");
    CHECK_STR(hyphenate(h, "camps"), "camps", "a short word is left whole");
    CHECK_STR(hyphenate(h, "북한사람들"), "북한사람들", "Korean is never hyphenated");
    const char *s = hyphenate(h, "internationalization");
    CHECK(s[0] != '-' && s[1] != '-' && strstr(s, "n-") != s, "at least two letters before a hyphen");
    size_t l = strlen(s);
    CHECK(s[l - 1] != '-' && s[l - 2] != '-' && s[l - 3] != '-', "at least three letters after");
    text_hyph_free(h);
    text_hyph_free(NULL);
    diag_list *d2 = diag_new();
    CHECK(text_hyph_load(d2, "/nonexistent/hyph.dic") == NULL && diag_warning_count(d2) == 1,
          "missing patterns are a warning, not a crash");
    diag_free(d2);
    diag_free(d);
    return harness_done();
}
