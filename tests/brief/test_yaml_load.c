/*
 * test_yaml_load.c: the YAML tree built from libyaml's events: node
 * kinds, styles and 1-based character positions, and every input the
 * loader refuses (duplicate keys, anchors and aliases, several documents,
 * syntax errors, bytes that are not UTF-8, deep nesting, huge files),
 * each at its exact line and column.
 */
#include <stdlib.h>
#include <string.h>

#include "brief/ynode.h"
#include "../harness.h"

typedef struct loaded {
    arena *a;
    diag_list *d;
    ynode *root;
    bool empty;
} loaded;

static loaded load_n(const char *text, size_t len)
{
    loaded l = {arena_new(), diag_new(), NULL, false};
    l.root = ynode_load(l.a, l.d, "t.yaml", text, len, &l.empty);
    return l;
}

static loaded load(const char *text)
{
    return load_n(text, strlen(text));
}

static void unload(loaded *l)
{
    arena_free(l->a);
    diag_free(l->d);
}

/* The i-th diagnostic of severity sev, or NULL. */
static const diag_entry *nth(const diag_list *d, diag_severity sev, size_t i)
{
    for (size_t k = 0; k < diag_count(d); k++) {
        const diag_entry *e = diag_get(d, k);
        if (e->severity == sev && i-- == 0)
            return e;
    }
    return NULL;
}

static bool at(const diag_entry *e, int line, int col)
{
    return e && e->loc.line == line && e->loc.col == col && strcmp(e->loc.file, "t.yaml") == 0;
}

static bool says(const diag_entry *e, const char *part)
{
    return e && strstr(e->message, part) != NULL;
}

static void test_positions(void)
{
    /* Columns count characters: "이름" is 2 columns, 6 bytes. */
    loaded l = load("# a comment\n"
                    "\"이름\": 값 — ok\n"
                    "plain: text\n"
                    "list:\n"
                    "  - one\n"
                    "  - 'two'\n"
                    "lit: |\n"
                    "  a\n"
                    "  b\n"
                    "fold: >\n"
                    "  c\n"
                    "  d\n"
                    "map: {k: v}\n");
    CHECK(l.root && diag_count(l.d) == 0, "a well-formed file loads without diagnostics");
    if (!l.root) {
        unload(&l);
        return;
    }
    CHECK_INT(l.root->kind, YNODE_MAPPING, "the root is a mapping");
    CHECK_INT(l.root->n, 6, "six keys");
    CHECK_INT(l.root->loc.line, 2, "the root mapping starts at its first key: line");
    CHECK_INT(l.root->loc.col, 1, "the root mapping starts at its first key: col");
    const ynode *k0 = l.root->keys[0], *v0 = l.root->items[0];
    CHECK_STR(k0->text, "이름", "a quoted non-ASCII key");
    CHECK_INT(k0->loc.line, 2, "key line is 1-based");
    CHECK_INT(k0->loc.col, 1, "key col is 1-based");
    CHECK_INT(k0->style, YSTYLE_QUOTED, "the key is quoted");
    CHECK_STR(v0->text, "값 — ok", "the non-ASCII value");
    CHECK_INT(v0->len, strlen("값 — ok"), "len is in bytes");
    CHECK_INT(v0->loc.line, 2, "value line");
    CHECK_INT(v0->loc.col, 7, "value col counts characters, not bytes (11)");
    const ynode *plain = ynode_get(l.root, "plain");
    CHECK(plain && plain->style == YSTYLE_PLAIN && plain->loc.line == 3 && plain->loc.col == 8,
          "plain scalar at 3:8");
    const ynode *list = ynode_get(l.root, "list");
    CHECK(list && list->kind == YNODE_SEQUENCE && list->n == 2, "a sequence of two");
    if (list && list->n == 2) {
        CHECK(list->items[0]->loc.line == 5 && list->items[0]->loc.col == 5, "item 1 at 5:5");
        CHECK(list->items[1]->style == YSTYLE_QUOTED && list->items[1]->loc.col == 5,
              "item 2 single-quoted at col 5");
        CHECK_STR(list->items[1]->text, "two", "quotes are not part of the text");
        CHECK(list->keys == NULL, "a sequence has no keys");
    }
    const ynode *lit = ynode_get(l.root, "lit");
    CHECK(lit && lit->style == YSTYLE_LITERAL, "literal style");
    CHECK(lit && lit->loc.line == 7 && lit->loc.col == 6, "a block scalar starts at its |");
    CHECK_STR(lit ? lit->text : NULL, "a\nb\n", "literal text keeps its line breaks");
    const ynode *fold = ynode_get(l.root, "fold");
    CHECK(fold && fold->style == YSTYLE_FOLDED, "folded style");
    CHECK_STR(fold ? fold->text : NULL, "c d\n", "folded text");
    const ynode *map = ynode_get(l.root, "map");
    CHECK(map && map->kind == YNODE_MAPPING && map->n == 1 && map->loc.line == 13 &&
          map->loc.col == 6, "a flow mapping at 13:6");
    CHECK(ynode_get_key(l.root, "map") && ynode_get_key(l.root, "map")->loc.line == 13,
          "ynode_get_key gives the key node");
    CHECK(ynode_get(l.root, "nope") == NULL, "a missing key gives NULL");
    CHECK_STR(ynode_kind_name(list), "a list", "kind name of a list");
    CHECK_STR(ynode_kind_name(map), "a mapping", "kind name of a mapping");
    CHECK_STR(ynode_kind_name(plain), "a string", "kind name of a scalar");
    unload(&l);

    l = load("a: 1\r\nb: 2\r\n");
    CHECK(l.root && l.root->keys[1]->loc.line == 2 && l.root->keys[1]->loc.col == 1,
          "CRLF line breaks: the second key at 2:1");
    unload(&l);

    l = load("\xef\xbb\xbf" "a: 1\n");
    CHECK(l.root && l.root->n == 1 && strcmp(l.root->keys[0]->text, "a") == 0,
          "a UTF-8 byte order mark is accepted");
    unload(&l);
}

static void test_empty(void)
{
    const char *inputs[] = {"", "   \n\n", "# only a comment\n", "---\n"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        loaded l = load(inputs[i]);
        CHECK(!l.root && l.empty && diag_count(l.d) == 0, "no content: NULL, empty, no error");
        unload(&l);
    }
    loaded l = load("---\na: 1\n");
    CHECK(l.root && !l.empty && diag_count(l.d) == 0, "one document with an explicit '---' loads");
    unload(&l);
    l = load("a: 1\n...\n");
    CHECK(l.root && diag_count(l.d) == 0, "a document end marker alone is fine");
    unload(&l);
}

static void test_duplicate_keys(void)
{
    loaded l = load("a: 1\nb: 2\na: 3\n");
    const diag_entry *e = nth(l.d, DIAG_ERROR, 0), *n = nth(l.d, DIAG_NOTE, 0);
    CHECK(!l.root && !l.empty, "a duplicate key fails the load");
    CHECK(at(e, 3, 1), "the error is at the second 'a' (3:1)");
    CHECK_STR(e ? e->message : NULL, "duplicate key 'a'", "duplicate key message");
    CHECK(at(n, 1, 1), "a note points at the first 'a' (1:1)");
    CHECK(says(n, "first given here"), "the note says so");
    unload(&l);

    l = load("x:\n  k: 1\n  j: 2\n  k: 3\ny:\n  k: 4\n  k: 5\n");
    CHECK_INT(diag_error_count(l.d), 2, "duplicates in two mappings are both reported");
    CHECK(at(nth(l.d, DIAG_ERROR, 0), 4, 3) && at(nth(l.d, DIAG_ERROR, 1), 7, 3),
          "at 4:3 and 7:3");
    CHECK(at(nth(l.d, DIAG_NOTE, 1), 6, 3), "the second note at 6:3");
    unload(&l);

    l = load("x: {a: 1}\ny: {a: 2}\nz: [{a: 1}, {a: 2}]\n");
    CHECK(l.root && diag_count(l.d) == 0, "the same key in different mappings is not a duplicate");
    unload(&l);

    l = load("\"a\": 1\na: 2\n");
    CHECK(at(nth(l.d, DIAG_ERROR, 0), 2, 1), "a quoted and a plain key of the same text clash");
    unload(&l);

    /* Many keys: linear, and none mistaken for another. */
    size_t n_keys = 100000;
    char *big = malloc(n_keys * 16);
    if (!big)
        abort();
    size_t len = 0;
    for (size_t i = 0; i < n_keys; i++)
        len += (size_t)sprintf(big + len, "k%zu: %zu\n", i, i);
    l = load_n(big, len);
    CHECK(l.root && l.root->n == n_keys && diag_count(l.d) == 0, "100000 distinct keys load");
    const ynode *last = ynode_get(l.root, "k99999");
    CHECK_STR(last ? last->text : NULL, "99999", "the last of them is found");
    unload(&l);
    len += (size_t)sprintf(big + len, "k4242: again\n");
    l = load_n(big, len);
    CHECK(at(nth(l.d, DIAG_ERROR, 0), (int)n_keys + 1, 1) && at(nth(l.d, DIAG_NOTE, 0), 4243, 1),
          "a duplicate among 100000 keys is found, with its first at 4243:1");
    unload(&l);
    free(big);
}

static void test_anchors_and_aliases(void)
{
    loaded l = load("a: &x 1\nb: *x\n");
    CHECK(!l.root, "an alias fails the load");
    const diag_entry *alias = NULL;
    for (size_t i = 0; i < diag_count(l.d); i++)
        if (at(diag_get(l.d, i), 2, 4))
            alias = diag_get(l.d, i);
    CHECK(alias != NULL, "an error at the alias (2:4)");
    CHECK_STR(alias ? alias->message : NULL, "anchors and aliases are not supported in briefs",
              "the alias message");
    CHECK(alias && alias->hint && strstr(alias->hint, "*x"), "the hint names the alias");
    CHECK(at(nth(l.d, DIAG_ERROR, 0), 1, 4), "the anchor is reported too (1:4)");
    unload(&l);

    l = load("a: 1\nb: *nowhere\nc: 2\n");
    CHECK(at(nth(l.d, DIAG_ERROR, 0), 2, 4) && diag_error_count(l.d) == 1,
          "an alias without an anchor: one error at 2:4");
    unload(&l);

    l = load("list: &l [a, b]\n");
    CHECK(at(nth(l.d, DIAG_ERROR, 0), 1, 7), "an anchor on a collection (1:7)");
    unload(&l);

    /* Billion laughs: refused at once, nothing expanded. */
    l = load("a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n");
    CHECK(!l.root && diag_error_count(l.d) == 9, "an alias bomb: 3 anchors and 6 aliases reported");
    unload(&l);
}

static void test_multiple_documents(void)
{
    loaded l = load("a: 1\n---\nb: 2\n");
    CHECK(!l.root, "two documents fail the load");
    CHECK(at(nth(l.d, DIAG_ERROR, 0), 2, 1), "the error is at the second '---' (2:1)");
    CHECK(says(nth(l.d, DIAG_ERROR, 0), "one YAML document"), "it says one document");
    CHECK_INT(diag_error_count(l.d), 1, "one error only");
    unload(&l);

    l = load("---\na: 1\n...\nb: 2\n");
    CHECK(at(nth(l.d, DIAG_ERROR, 0), 4, 1), "an implicit second document after '...' (4:1)");
    unload(&l);
}

static void test_syntax_errors(void)
{
    loaded l = load("title: X\nsections: [a, b\n");
    const diag_entry *e = nth(l.d, DIAG_ERROR, 0);
    CHECK(!l.root && diag_error_count(l.d) == 1, "an unclosed flow sequence: one error");
    CHECK(at(e, 3, 1), "at the end of the input (3:1)");
    CHECK_STR(e ? e->message : NULL,
              "did not find expected ',' or ']' (while parsing a flow sequence at line 2)",
              "problem (context at line L)");
    unload(&l);

    l = load("a: 1\nb: \"open\n\n");
    e = nth(l.d, DIAG_ERROR, 0);
    CHECK(at(e, 4, 1), "an unterminated quote: at the end (4:1)");
    CHECK(says(e, "(while scanning a quoted scalar at line 2)"), "scanner context and its line");
    unload(&l);

    l = load("a: 1\n b: 2\n");
    e = nth(l.d, DIAG_ERROR, 0);
    CHECK(at(e, 2, 3), "a mis-indented key: at its colon (2:3)");
    CHECK(says(e, "mapping values are not allowed in this context"), "libyaml's problem text");
    unload(&l);

    l = load("한: [값, 값\n");
    e = nth(l.d, DIAG_ERROR, 0);
    CHECK(e && e->loc.line == 2 && e->loc.col == 1, "error position after non-ASCII text (2:1)");
    unload(&l);

    l = load("? [a, b]\n: c\n");
    CHECK(!l.root && at(nth(l.d, DIAG_ERROR, 0), 1, 3), "a list as a key is refused (1:3)");
    CHECK(says(nth(l.d, DIAG_ERROR, 0), "a mapping key must be a plain name"), "and says why");
    unload(&l);
}

static void test_encoding(void)
{
    loaded l = load("a: ok\nb: café\xff\n");
    const diag_entry *e = nth(l.d, DIAG_ERROR, 0);
    CHECK(!l.root && diag_error_count(l.d) == 1, "an invalid byte fails the load");
    CHECK(at(e, 2, 8), "at its character column (2:8, byte 9)");
    CHECK(says(e, "not UTF-8"), "it says the file is not UTF-8");
    CHECK(e && e->hint && strstr(e->hint, "UTF-8"), "the hint says to save as UTF-8");
    unload(&l);

    l = load("x: \xc3\n");
    CHECK(at(nth(l.d, DIAG_ERROR, 0), 1, 4), "a truncated sequence at 1:4");
    unload(&l);

    l = load("a: 1\nb: x\x07y\n");
    e = nth(l.d, DIAG_ERROR, 0);
    CHECK(at(e, 2, 5), "a control character at 2:5");
    CHECK(says(e, "control characters are not allowed (U+0007)"), "named with its code point");
    unload(&l);

    l = load_n("a: 1\nb\0: 2\n", 11);
    CHECK(!l.root && at(nth(l.d, DIAG_ERROR, 0), 2, 2), "a NUL byte is refused at 2:2");
    unload(&l);

    l = load_n("\xff\xfe" "a\0:\0 \0" "1\0\n\0", 12);
    CHECK(!l.root && at(nth(l.d, DIAG_ERROR, 0), 1, 1), "UTF-16 is refused at 1:1");
    unload(&l);
}

/* A UTF-8 byte-order mark (Windows editors write one) is skipped, and
 * positions count from the first character after it. */
static void test_bom(void)
{
    loaded l = load("\xef\xbb\xbftitle: T\nb: 1\n");
    CHECK(l.root && l.root->kind == YNODE_MAPPING && l.root->n == 2, "a file with a BOM loads");
    CHECK(l.root && strcmp(l.root->keys[0]->text, "title") == 0, "the BOM is no part of the first key");
    CHECK(l.root && l.root->keys[0]->loc.line == 1 && l.root->keys[0]->loc.col == 1,
          "the first key is at 1:1");
    CHECK(l.root && l.root->items[0]->loc.col == 8, "its value at 1:8");
    unload(&l);

    l = load("\xef\xbb\xbf");
    CHECK(!l.root && l.empty && diag_count(l.d) == 0, "a BOM alone is an empty file");
    unload(&l);

    l = load("\xef\xbb\xbf" "a: 1\na: 2\n");
    CHECK(at(nth(l.d, DIAG_ERROR, 0), 2, 1), "errors after a BOM keep their lines");
    unload(&l);
}

static char *nested(const char *open, const char *close, int depth)
{
    size_t lo = strlen(open), lc = strlen(close);
    char *s = malloc((size_t)depth * (lo + lc) + 8);
    if (!s)
        abort();
    size_t n = 0;
    for (int i = 0; i < depth; i++, n += lo)
        memcpy(s + n, open, lo);
    s[n++] = 'x';
    for (int i = 0; i < depth; i++, n += lc)
        memcpy(s + n, close, lc);
    s[n++] = '\n';
    s[n] = '\0';
    return s;
}

static void test_depth(void)
{
    char *ok = nested("[", "]", YNODE_MAX_DEPTH);
    loaded l = load(ok);
    CHECK(l.root && diag_count(l.d) == 0, "64 nested lists load");
    const ynode *n = l.root;
    int depth = 0;
    while (n && n->kind == YNODE_SEQUENCE) {
        depth++;
        n = n->n ? n->items[0] : NULL;
    }
    CHECK_INT(depth, 64, "all 64 levels are in the tree");
    unload(&l);
    free(ok);

    char *deep = nested("[", "]", YNODE_MAX_DEPTH + 1);
    l = load(deep);
    const diag_entry *e = nth(l.d, DIAG_ERROR, 0);
    CHECK(!l.root && diag_error_count(l.d) == 1, "65 nested lists are refused, once");
    CHECK(at(e, 1, 65), "at the 65th '[' (1:65)");
    CHECK_STR(e ? e->message : NULL, "nesting deeper than 64 levels", "the depth message");
    unload(&l);
    free(deep);

    char *bomb = nested("{a: ", "}", 100000);
    l = load(bomb);
    CHECK(!l.root && at(nth(l.d, DIAG_ERROR, 0), 1, 4 * 64 + 1),
          "100000 nested mappings: refused at the 65th (1:257)");
    unload(&l);
    free(bomb);
}

static void test_size(void)
{
    size_t len = YNODE_MAX_BYTES + 1;
    char *big = malloc(len + 1);
    if (!big)
        abort();
    memset(big, ' ', len);
    big[0] = 'a';
    big[1] = ':';
    big[len] = '\0';
    loaded l = load_n(big, len);
    const diag_entry *e = nth(l.d, DIAG_ERROR, 0);
    CHECK(!l.root && says(e, "larger than 16 MiB"), "a file over 16 MiB is refused");
    unload(&l);
    free(big);
}

int main(void)
{
    test_positions();
    test_empty();
    test_duplicate_keys();
    test_anchors_and_aliases();
    test_multiple_documents();
    test_syntax_errors();
    test_encoding();
    test_bom();
    test_depth();
    test_size();
    return harness_done();
}
