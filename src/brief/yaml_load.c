/*
 * yaml_load.c: libyaml's event API to a ynode tree (see ynode.h); the only
 * file that includes yaml.h. Each scalar is copied into the arena and its
 * event deleted at once, so no libyaml memory outlives a loop turn.
 * libyaml's marks are 0-based and count characters; ours are 1-based.
 * libyaml reports neither duplicate keys nor alias bombs, and a reader
 * (encoding) error carries only a byte offset: all three are dealt with
 * here. Anchors and aliases are refused outright: a brief has no use for
 * them, and refusing them rules out exponential expansion. A UTF-8
 * byte-order mark at the start is skipped.
 */
#include "brief/ynode.h"

#include <stdint.h>
#include <string.h>
#include <yaml.h>

#include "base/utf8.h"

typedef struct frame {
    ynode *node;
    ynode *pending_key;   /* mappings: a key waiting for its value */
} frame;

/* A slot of the set of keys seen, over every mapping of the file; a set
 * rather than a scan per key so a mapping of a million keys stays linear. */
typedef struct key_slot {
    const ynode *map;
    const ynode *key;
} key_slot;

typedef struct loader {
    arena *a;
    diag_list *d;
    const char *path;
    const char *data;
    size_t len;
    frame stack[YNODE_MAX_DEPTH];
    int depth;
    ynode *root;
    int docs;
    bool failed;          /* an error was reported: no tree is returned */
    bool stop;            /* an error after which the rest cannot be read */
    key_slot *keys;
    size_t n_keys, keys_cap;   /* keys_cap is 0 or a power of two */
} loader;

static src_loc mark_loc(const loader *l, yaml_mark_t m)
{
    return (src_loc){l->path, (int)m.line + 1, (int)m.column + 1};
}

/* Reader errors leave problem_mark at 0: count from the byte offset. */
static src_loc offset_loc(const loader *l, size_t off)
{
    if (off > l->len)
        off = l->len;
    int line = 1;
    size_t start = 0;
    for (size_t i = 0; i < off; i++)
        if (l->data[i] == '\n') {
            line++;
            start = i + 1;
        }
    return (src_loc){l->path, line, 1 + (int)utf8_count(l->data + start, off - start)};
}

static void report_parse_error(loader *l, const yaml_parser_t *p)
{
    const char *problem = p->problem ? p->problem : "syntax error";
    switch (p->error) {
    case YAML_MEMORY_ERROR:
        diag_error(l->d, (src_loc){l->path, 0, 0}, "out of memory reading the YAML");
        return;
    case YAML_READER_ERROR:
        if (strstr(problem, "UTF-8") || strstr(problem, "Unicode")) {
            /* libyaml points at a bad trailing byte; the sequence's start
             * is where the user's eye should go. */
            size_t off = utf8_first_invalid(l->data, l->len);
            if (off > p->problem_offset)
                off = p->problem_offset;
            diag_error(l->d, offset_loc(l, off), "this byte is not UTF-8 (%s)", problem);
            diag_hint(l->d, "save the file as UTF-8 text");
        } else {
            diag_error(l->d, offset_loc(l, p->problem_offset), "%s (U+%04X)", problem,
                       (unsigned)p->problem_value);
            diag_hint(l->d, "remove the character; YAML allows tabs, line breaks and printable text");
        }
        return;
    default:
        if (p->context)
            diag_error(l->d, mark_loc(l, p->problem_mark), "%s (%s at line %d)", problem,
                       p->context, (int)p->context_mark.line + 1);
        else
            diag_error(l->d, mark_loc(l, p->problem_mark), "%s", problem);
        return;
    }
}

static void add_child(arena *a, ynode *parent, ynode *key, ynode *child)
{
    if (parent->n == parent->cap) {
        size_t cap = parent->cap ? parent->cap * 2 : 4;
        parent->items = arena_realloc(a, parent->items, parent->cap * sizeof *parent->items,
                                      cap * sizeof *parent->items);
        if (parent->kind == YNODE_MAPPING)
            parent->keys = arena_realloc(a, parent->keys, parent->cap * sizeof *parent->keys,
                                         cap * sizeof *parent->keys);
        parent->cap = cap;
    }
    if (parent->kind == YNODE_MAPPING)
        parent->keys[parent->n] = key;
    parent->items[parent->n++] = child;
}

static size_t key_hash(const ynode *map, const ynode *key)
{
    uint64_t h = 1469598103934665603u ^ (uint64_t)(uintptr_t)map;
    for (size_t i = 0; i < key->len; i++)
        h = (h ^ (unsigned char)key->text[i]) * 1099511628211u;
    return (size_t)(h ^ (h >> 29));
}

static key_slot *key_find(key_slot *slots, size_t cap, const ynode *map, const ynode *key)
{
    size_t i = key_hash(map, key) & (cap - 1);
    while (slots[i].key && !(slots[i].map == map && slots[i].key->len == key->len &&
                             memcmp(slots[i].key->text, key->text, key->len) == 0))
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

/* Records key in map; returns the earlier key of the same name, if any. */
static const ynode *key_seen(loader *l, const ynode *map, const ynode *key)
{
    if (2 * (l->n_keys + 1) > l->keys_cap) {
        size_t cap = l->keys_cap ? l->keys_cap * 2 : 64;
        key_slot *slots = arena_alloc(l->a, cap * sizeof *slots);
        for (size_t i = 0; i < l->keys_cap; i++)
            if (l->keys[i].key)
                *key_find(slots, cap, l->keys[i].map, l->keys[i].key) = l->keys[i];
        l->keys = slots;
        l->keys_cap = cap;
    }
    key_slot *s = key_find(l->keys, l->keys_cap, map, key);
    if (s->key)
        return s->key;
    *s = (key_slot){map, key};
    l->n_keys++;
    return NULL;
}

/* Hangs node under the open collection (or makes it the root). */
static void attach(loader *l, ynode *node)
{
    if (l->depth == 0) {
        l->root = node;
        return;
    }
    frame *f = &l->stack[l->depth - 1];
    if (f->node->kind == YNODE_SEQUENCE) {
        add_child(l->a, f->node, NULL, node);
    } else if (f->pending_key) {
        add_child(l->a, f->node, f->pending_key, node);
        f->pending_key = NULL;
    } else {
        if (node->kind != YNODE_SCALAR) {
            diag_error(l->d, node->loc, "a mapping key must be a plain name, not %s",
                       ynode_kind_name(node));
            l->failed = true;
            node->text = "";   /* keeps ynode_get safe on the half-built tree */
        } else {
            const ynode *first = key_seen(l, f->node, node);
            if (first) {
                diag_error(l->d, node->loc, "duplicate key '%s'", node->text);
                diag_note(l->d, first->loc, "'%s' is first given here", node->text);
                l->failed = true;
            }
        }
        f->pending_key = node;
    }
}

static void push(loader *l, ynode *node)
{
    if (l->depth == YNODE_MAX_DEPTH) {
        diag_error(l->d, node->loc, "nesting deeper than %d levels", YNODE_MAX_DEPTH);
        l->failed = l->stop = true;
        return;
    }
    l->stack[l->depth++] = (frame){node, NULL};
}

static void refuse_anchor(loader *l, const yaml_char_t *anchor, src_loc loc)
{
    if (!anchor)
        return;
    diag_error(l->d, loc, "anchors and aliases are not supported in briefs");
    diag_hint(l->d, "remove '&%s' and write the value out wherever '*%s' stands",
              (const char *)anchor, (const char *)anchor);
    l->failed = true;
}

static ynode *new_node(loader *l, ynode_kind kind, src_loc loc)
{
    ynode *n = arena_alloc(l->a, sizeof *n);
    n->kind = kind;
    n->loc = loc;
    return n;
}

static ynode_style scalar_style(yaml_scalar_style_t s)
{
    switch (s) {
    case YAML_LITERAL_SCALAR_STYLE: return YSTYLE_LITERAL;
    case YAML_FOLDED_SCALAR_STYLE: return YSTYLE_FOLDED;
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return YSTYLE_QUOTED;
    default: return YSTYLE_PLAIN;
    }
}

static void on_event(loader *l, const yaml_event_t *ev)
{
    src_loc loc = mark_loc(l, ev->start_mark);
    ynode *n;
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++l->docs > 1) {
            diag_error(l->d, loc, "a brief file holds one YAML document; remove this '---' "
                                  "and what follows, or move it to its own file");
            l->failed = l->stop = true;
        }
        break;
    case YAML_ALIAS_EVENT:
        diag_error(l->d, loc, "anchors and aliases are not supported in briefs");
        diag_hint(l->d, "write the value out here instead of '*%s'",
                  (const char *)ev->data.alias.anchor);
        l->failed = true;
        /* An empty stand-in keeps the mapping's keys and values paired. */
        n = new_node(l, YNODE_SCALAR, loc);
        n->text = "";
        attach(l, n);
        break;
    case YAML_SCALAR_EVENT:
        refuse_anchor(l, ev->data.scalar.anchor, loc);
        n = new_node(l, YNODE_SCALAR, loc);
        n->style = scalar_style(ev->data.scalar.style);
        n->text = arena_strndup(l->a, (const char *)ev->data.scalar.value, ev->data.scalar.length);
        n->len = ev->data.scalar.length;
        attach(l, n);
        break;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        refuse_anchor(l, ev->type == YAML_SEQUENCE_START_EVENT ? ev->data.sequence_start.anchor
                                                               : ev->data.mapping_start.anchor,
                      loc);
        n = new_node(l, ev->type == YAML_SEQUENCE_START_EVENT ? YNODE_SEQUENCE : YNODE_MAPPING,
                     loc);
        attach(l, n);
        push(l, n);
        break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        if (l->depth > 0)
            l->depth--;
        break;
    default:
        break;
    }
}

ynode *ynode_load(arena *a, diag_list *d, const char *path, const char *data, size_t len,
                  bool *empty)
{
    *empty = false;
    if (len > YNODE_MAX_BYTES) {
        diag_error(d, (src_loc){path, 0, 0}, "the file is larger than %u MiB",
                   YNODE_MAX_BYTES >> 20);
        return NULL;
    }
    /* libyaml, told the encoding, would read a byte-order mark as a
     * character of the first key; marks then count from after it. */
    size_t bom = utf8_bom(data, len);
    data += bom;
    len -= bom;
    loader *l = arena_alloc(a, sizeof *l);
    *l = (loader){.a = a, .d = d, .path = path, .data = data, .len = len};
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        diag_error(d, (src_loc){path, 0, 0}, "out of memory starting the YAML parser");
        return NULL;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
    /* UTF-8 only: without this libyaml would take a UTF-16 BOM at its word. */
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            report_parse_error(l, &p);
            l->failed = true;
            break;
        }
        bool end = ev.type == YAML_STREAM_END_EVENT;
        on_event(l, &ev);
        yaml_event_delete(&ev);
        if (end || l->stop)
            break;
    }
    yaml_parser_delete(&p);
    if (l->failed)
        return NULL;
    /* Nothing but blanks and comments, or a bare '---': no document. */
    if (!l->root || (l->root->kind == YNODE_SCALAR && l->root->style == YSTYLE_PLAIN &&
                     l->root->len == 0)) {
        *empty = true;
        return NULL;
    }
    return l->root;
}

const ynode *ynode_get_key(const ynode *map, const char *key)
{
    if (!map || map->kind != YNODE_MAPPING)
        return NULL;
    for (size_t i = 0; i < map->n; i++)
        if (map->keys[i]->text && strcmp(map->keys[i]->text, key) == 0)
            return map->keys[i];
    return NULL;
}

ynode *ynode_get(const ynode *map, const char *key)
{
    if (!map || map->kind != YNODE_MAPPING)
        return NULL;
    for (size_t i = 0; i < map->n; i++)
        if (map->keys[i]->text && strcmp(map->keys[i]->text, key) == 0)
            return map->items[i];
    return NULL;
}

const char *ynode_kind_name(const ynode *n)
{
    switch (n->kind) {
    case YNODE_SCALAR:
        return n->len == 0 && n->style == YSTYLE_PLAIN ? "an empty value" : "a string";
    case YNODE_SEQUENCE: return "a list";
    case YNODE_MAPPING: return "a mapping";
    }
    return "?";
}
