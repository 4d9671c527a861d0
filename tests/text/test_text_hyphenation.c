/*
 * test_text_hyphenation.c: Liang's patterns give TeX's hyphens, with the
 * minimum lengths kept, capitals and accents handled, acronyms and
 * non-Latin words left whole; a word asked again (kept by the memo, which
 * is keyed by the lowercased word) gets the same answer in its own case.
 * The tables compiled at build time answer as libhyphen's own parse of the
 * same file does, for every word of the example briefs' Markdown and a
 * list of accented ones; a pattern file that is not the one they were
 * made from is parsed by libhyphen.
 */
#include "../harness.h"
#include "base/utf8.h"
#include "text/hyph.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* Every run of Latin letters of the Markdown files under dir. */
static size_t collect_words(const char *dir, char ***words, size_t *n, size_t *cap)
{
    DIR *dp = opendir(dir);
    size_t files = 0;
    for (struct dirent *e; dp && (e = readdir(dp));) {
        if (e->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            files += collect_words(path, words, n, cap);
            continue;
        }
        size_t l = strlen(path);
        if (l < 3 || strcmp(path + l - 3, ".md") != 0)
            continue;
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        files++;
        char w[256];
        size_t wl = 0;
        for (int c; (c = fgetc(f)) != EOF;) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80) {
                if (wl < sizeof w - 1)
                    w[wl++] = (char)c;
                continue;
            }
            if (wl) {
                if (*n == *cap) {
                    *cap = *cap ? *cap * 2 : 1024;
                    *words = realloc(*words, *cap * sizeof **words);
                }
                w[wl] = '\0';
                (*words)[(*n)++] = strdup(w);
                wl = 0;
            }
        }
        fclose(f);
    }
    if (dp)
        closedir(dp);
    return files;
}

/* The patterns file with a comment line added: the same patterns, other
 * bytes, so the compiled tables do not apply to it. */
static const char *altered_copy(char *path, size_t size)
{
    snprintf(path, size, "/tmp/briefc-hyph-%d.dic", (int)getpid());
    FILE *in = fopen(TEXT_HYPH_DEFAULT, "rb"), *out = fopen(path, "wb");
    if (!in || !out) {
        if (in)
            fclose(in);
        if (out)
            fclose(out);
        return NULL;
    }
    for (int c; (c = fgetc(in)) != EOF;)
        fputc(c, out);
    fputs("% a comment line: same patterns, other bytes\n", out);
    fclose(in);
    return fclose(out) == 0 ? path : NULL;
}

static void compiled_tables_agree_with_libhyphen(void)
{
    char path[256];
    diag_list *d = diag_new();
    text_hyph *compiled = text_hyph_load(d, TEXT_HYPH_DEFAULT);
    const char *alt = altered_copy(path, sizeof path);
    text_hyph *parsed = alt ? text_hyph_load(d, alt) : NULL;
    CHECK(compiled && parsed, "both pattern files load");
    char **words = NULL;
    size_t n = 0, cap = 0;
    size_t files = collect_words("briefs", &words, &n, &cap);
    static const char *accented[] = {"résumé", "réfugiés", "naïveté", "protégées", "façade",
                                     "Ausländerbehörde", "Flüchtlingskonvention",
                                     "ŁódźWrocławiański", "żołnierzami", "coöperation"};
    for (size_t i = 0; i < sizeof accented / sizeof *accented; i++) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            words = realloc(words, cap * sizeof *words);
        }
        words[n++] = strdup(accented[i]);
    }
    CHECK(files >= 5 && n > 2000, "the example briefs' Markdown gives words to compare");
    size_t differ = 0, points = 0;
    for (size_t i = 0; i < n; i++) {
        char a[256], b[256];
        snprintf(a, sizeof a, "%s", hyphenate(compiled, words[i]));
        snprintf(b, sizeof b, "%s", hyphenate(parsed, words[i]));
        if (strcmp(a, b) != 0) {
            if (differ++ < 5)
                fprintf(stderr, "# %s: tables %s, libhyphen %s\n", words[i], a, b);
        }
        points += strchr(a, '-') != NULL;
        free(words[i]);
    }
    free(words);
    CHECK(points > 500, "many of the words have hyphens to compare");
    CHECK_INT((long)differ, 0L, "the compiled tables answer as libhyphen does, word for word");
    text_hyph_free(compiled);
    text_hyph_free(parsed);
    if (alt)
        remove(alt);
    diag_free(d);
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
    compiled_tables_agree_with_libhyphen();
    return harness_done();
}
