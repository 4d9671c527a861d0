/*
 * check.c: checks shared by the brief and library schemas (see check.h).
 */
#include "brief/check.h"

#include <string.h>

#include "base/utf8.h"

void brief_check_mapping(checker *c, const ynode *map, const field *fields, size_t n,
                          const char *what)
{
    const char *names[32];
    for (size_t i = 0; i < n && i < 32; i++)
        names[i] = fields[i].key;
    for (size_t i = 0; i < map->n; i++) {
        const ynode *k = map->keys[i];
        size_t f = 0;
        while (f < n && strcmp(fields[f].key, k->text) != 0)
            f++;
        if (f == n) {
            diag_error(c->d, k->loc, "unknown key '%s' in %s", k->text, what);
            const char *near = diag_suggest(k->text, names, n);
            if (near)
                diag_hint(c->d, "did you mean '%s'?", near);
            else {
                char list[512] = "";
                for (size_t j = 0; j < n; j++) {
                    strncat(list, j ? ", " : "", sizeof list - strlen(list) - 1);
                    strncat(list, fields[j].key, sizeof list - strlen(list) - 1);
                }
                diag_hint(c->d, "the keys of %s are: %s", what, list);
            }
            continue;
        }
        fields[f].check(c, k, map->items[i]);
    }
    for (size_t f = 0; f < n; f++)
        if (fields[f].required && !ynode_get(map, fields[f].key))
            diag_error(c->d, map->loc, "%s needs a '%s' key", what, fields[f].key);
}

bool brief_want_string(checker *c, const ynode *key, const ynode *v, bool non_empty)
{
    if (v->kind != YNODE_SCALAR)
        return diag_error(c->d, v->loc, "'%s' must be text, not %s", key->text, ynode_kind_name(v));
    if (non_empty && v->len == 0)
        return diag_error(c->d, v->loc, "'%s' must not be empty", key->text);
    return true;
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

static int days_in(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

/* YYYY-MM-DD, YYYY-MM or "today". */
bool brief_parse_date(const char *s, int *y, int *m, int *dd)
{
    size_t n = strlen(s);
    *m = *dd = 0;
    if (!(n == 10 || n == 7) || !parse_digits(s, 4, y) || s[4] != '-' ||
        !parse_digits(s + 5, 2, m) || *m < 1 || *m > 12 || *y < 1000)
        return false;
    if (n == 7)
        return true;
    return s[7] == '-' && parse_digits(s + 8, 2, dd) && *dd >= 1 && *dd <= days_in(*y, *m);
}

src_loc brief_offset_loc(const char *path, const char *s, size_t off)
{
    int line = 1;
    size_t ls = 0;
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
