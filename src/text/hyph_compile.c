/*
 * hyph_compile.c: a build-time program. Has libhyphen parse a pattern
 * file and writes its state machine as C tables (hyph_table.h), so that
 * briefc never parses the patterns at run time.
 *
 * usage: hyph_compile PATTERNS OUT.c
 *
 * The tables encode what English patterns need: one level of patterns
 * under libhyphen's default compound level, without replacements
 * (non-standard hyphenation) or NOHYPHEN. A file with more, or no file,
 * gives tables marked unusable, and briefc then asks libhyphen itself.
 */
#include <hyphen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/file.h"

/* Whether byte c can occur in a word briefc asks about: Latin letters,
 * lowercased, in UTF-8 (lead bytes 0xC3 to 0xC5). */
static int in_words(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 0x80 && c <= 0xBF) || (c >= 0xC3 && c <= 0xC5);
}

/* The compound level and its NOHYPHEN list must never act on such words:
 * no transition from the start on a byte they hold, and every NOHYPHEN
 * string holding a byte they never do. */
static int compound_level_is_inert(const HyphenDict *d)
{
    if (d->num_states < 1)
        return 0;
    const HyphenState *s0 = &d->states[0];
    for (int k = 0; k < s0->num_trans; k++)
        if (in_words((unsigned char)s0->trans[k].ch))
            return 0;
    const char *nh = d->nohyphen;
    for (int i = 0; nh && i <= d->nohyphenl; i++) {
        int foreign = 0;
        for (const char *c = nh; *c; c++)
            foreign |= !in_words((unsigned char)*c);
        if (!foreign)
            return 0;
        nh += strlen(nh) + 1;
    }
    for (int i = 0; i < d->num_states; i++)
        if (d->states[i].repl)
            return 0;
    return 1;
}

static int patterns_are_plain(const HyphenDict *p)
{
    if (p->nextlevel)
        return 0;
    for (int i = 0; i < p->num_states; i++)
        if (p->states[i].repl)
            return 0;
    return 1;
}

static void put_ints(FILE *out, const char *name, const int *v, size_t n)
{
    fprintf(out, "static const int32_t %s[%zu] = {", name, n ? n : 1);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%s%d,", i % 16 ? "" : "\n", v[i]);
    fprintf(out, "%s};\n", n ? "\n" : "0");
}

static int write_unusable(FILE *out, const char *why)
{
    fprintf(out, "/* Not usable: %s. briefc asks libhyphen instead. */\n", why);
    fprintf(out, "const hyph_table hyph_compiled = {.usable = false};\n");
    return 0;
}

static int write_tables(FILE *out, const char *path)
{
    fprintf(out, "/* Made by hyph_compile from %s: do not edit. */\n", path);
    fprintf(out, "#include \"text/hyph_table.h\"\n\n");
    arena *a = arena_new();
    char *data;
    size_t len;
    if (!file_read(a, path, 16u << 20, &data, &len)) {
        arena_free(a);
        return write_unusable(out, "the pattern file could not be read");
    }
    unsigned long long hash = file_hash(data, len);
    arena_free(a);
    HyphenDict *top = hnj_hyphen_load(path);
    if (!top)
        return write_unusable(out, "libhyphen could not parse the patterns");
    const HyphenDict *p = top->nextlevel;
    if (!top->utf8 || !p || !compound_level_is_inert(top) || !patterns_are_plain(p)) {
        hnj_hyphen_free(top);
        return write_unusable(out, "the patterns use what the tables do not encode");
    }
    size_t n = (size_t)p->num_states, n_trans = 0, n_chars = 0;
    for (size_t i = 0; i < n; i++) {
        n_trans += (size_t)p->states[i].num_trans;
        if (p->states[i].match)
            n_chars += strlen(p->states[i].match) + 1;
    }
    int *match = calloc(n + 1, sizeof *match), *fallback = calloc(n + 1, sizeof *fallback);
    int *first = calloc(n + 1, sizeof *first), *to = calloc(n_trans + 1, sizeof *to);
    unsigned char *ch = calloc(n_trans + 1, 1);
    char *chars = calloc(n_chars + 1, 1);
    if (!match || !fallback || !first || !to || !ch || !chars) {
        fprintf(stderr, "hyph_compile: out of memory\n");
        exit(1);
    }
    size_t t = 0, c = 0;
    for (size_t i = 0; i < n; i++) {
        const HyphenState *s = &p->states[i];
        match[i] = -1;
        if (s->match) {
            match[i] = (int)c;
            size_t l = strlen(s->match);
            memcpy(chars + c, s->match, l + 1);
            c += l + 1;
        }
        fallback[i] = s->fallback_state;
        first[i] = (int)t;
        for (int k = 0; k < s->num_trans; k++, t++) {
            ch[t] = (unsigned char)s->trans[k].ch;
            to[t] = s->trans[k].new_state;
        }
    }
    first[n] = (int)t;
    put_ints(out, "match", match, n);
    put_ints(out, "fallback", fallback, n);
    put_ints(out, "first", first, n + 1);
    put_ints(out, "trans_to", to, n_trans);
    fprintf(out, "static const unsigned char trans_ch[%zu] = {", n_trans ? n_trans : 1);
    for (size_t i = 0; i < n_trans; i++)
        fprintf(out, "%s%u,", i % 24 ? "" : "\n", ch[i]);
    fprintf(out, "%s};\n", n_trans ? "\n" : "0");
    /* Digits and NULs only: written as octal-free escapes, 64 per line. */
    fprintf(out, "static const char matches[] =");
    for (size_t i = 0; i < c; i++) {
        if (i % 64 == 0)
            fprintf(out, "\n\"");
        if (chars[i])
            fputc(chars[i], out);
        else
            fputs("\\0\"\"", out);
        if (i % 64 == 63 || i + 1 == c)
            fputc('"', out);
    }
    fprintf(out, "%s;\n\n", c ? "" : " \"\"");
    fprintf(out,
            "const hyph_table hyph_compiled = {\n"
            "    .usable = true,\n"
            "    .source_hash = 0x%016llxull,\n"
            "    .source_size = %zu,\n"
            "    .lhmin = %d, .rhmin = %d,\n"
            "    .n_states = %zu,\n"
            "    .match = match, .fallback = fallback, .first = first,\n"
            "    .trans_ch = trans_ch, .trans_to = trans_to,\n"
            "    .matches = matches,\n"
            "};\n",
            hash, len, top->lhmin, top->rhmin, n);
    free(match);
    free(fallback);
    free(first);
    free(to);
    free(ch);
    free(chars);
    hnj_hyphen_free(top);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: hyph_compile PATTERNS OUT.c\n");
        return 2;
    }
    FILE *out = fopen(argv[2], "w");
    if (!out) {
        perror(argv[2]);
        return 1;
    }
    int rc = write_tables(out, argv[1]);
    if (fclose(out) != 0 || rc != 0) {
        fprintf(stderr, "hyph_compile: cannot write %s\n", argv[2]);
        remove(argv[2]);
        return 1;
    }
    return 0;
}
