/*
 * yaml_load.c: libyaml's event API to a ynode tree (see ynode.h). The only
 * file that includes yaml.h. Every scalar is copied into the arena and
 * the event deleted at once. libyaml's marks are 0-based and count
 * characters; ours are 1-based. libyaml reports neither duplicate keys
 * nor alias bombs: duplicates are refused here, anchors and aliases too
 * (a brief has no use for them).
 */
#include "brief/ynode.h"

#include <string.h>
#include <yaml.h>

#include "base/utf8.h"

#define MAX_DEPTH 64

static src_loc mark(const char *path, yaml_mark_t m)
{
    return (src_loc){path, (int)m.line + 1, (int)m.column + 1};
}

/* libyaml gives reader (encoding) errors only as a byte offset. */
static src_loc offset_loc(const char *path, const char *data, size_t len, size_t off)
{
    int line = 1;
    size_t ls = 0;
    for (size_t i = 0; i < off && i < len; i++)
        if (data[i] == '\n') {
            line++;
            ls = i + 1;
        }
    return (src_loc){path, line, 1 + (int)utf8_count(data + ls, off > ls ? off - ls : 0)};
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

typedef struct frame {
    ynode *node;
    ynode *pending_key;   /* mappings: a key waiting for its value */
} frame;

ynode *ynode_load(arena *a, diag_list *d, const char *path, const char *data, size_t len,
                  bool *empty)
{
    yaml_parser_t p;
    yaml_event_t ev;
    frame stack[MAX_DEPTH + 1];
    int depth = 0;
    ynode *root = NULL;
    bool ok = true, done = false;
    int docs = 0;
    *empty = false;
    if (!yaml_parser_initialize(&p)) {
        diag_error(d, (src_loc){path, 0, 0}, "out of memory starting the YAML parser");
        return NULL;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
    while (!done) {
        if (!yaml_parser_parse(&p, &ev)) {
            src_loc loc = p.error == YAML_READER_ERROR
                              ? offset_loc(path, data, len, p.problem_offset)
                              : mark(path, p.problem_mark);
            if (p.error == YAML_READER_ERROR)
                diag_error(d, loc, "%s; the file must be UTF-8 text",
                           p.problem ? p.problem : "cannot read the file");
            else if (p.context)
                diag_error(d, loc, "%s (%s at line %d)", p.problem ? p.problem : "syntax error",
                           p.context, (int)p.context_mark.line + 1);
            else
                diag_error(d, loc, "%s", p.problem ? p.problem : "syntax error");
            ok = false;
            break;
        }
        src_loc loc = mark(path, ev.start_mark);
        ynode *node = NULL;
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1) {
                diag_error(d, loc, "a brief file holds one YAML document; remove this '---' "
                                   "and what follows, or move it to its own file");
                ok = false;
                done = true;
            }
            break;
        case YAML_ALIAS_EVENT:
            diag_error(d, loc, "anchors and aliases (*%s) are not supported in briefs",
                       (const char *)ev.data.alias.anchor);
            ok = false;
            done = true;
            break;
        case YAML_SCALAR_EVENT:
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT: {
            const unsigned char *anchor = ev.type == YAML_SCALAR_EVENT ? ev.data.scalar.anchor
                                        : ev.type == YAML_SEQUENCE_START_EVENT
                                            ? ev.data.sequence_start.anchor
                                            : ev.data.mapping_start.anchor;
            if (anchor) {
                diag_error(d, loc, "anchors and aliases (&%s) are not supported in briefs",
                           (const char *)anchor);
                ok = false;
                done = true;
                break;
            }
            node = arena_alloc(a, sizeof *node);
            node->loc = loc;
            if (ev.type == YAML_SCALAR_EVENT) {
                node->kind = YNODE_SCALAR;
                node->text = arena_strndup(a, (const char *)ev.data.scalar.value,
                                           ev.data.scalar.length);
                node->len = ev.data.scalar.length;
                switch (ev.data.scalar.style) {
                case YAML_LITERAL_SCALAR_STYLE: node->style = YSTYLE_LITERAL; break;
                case YAML_FOLDED_SCALAR_STYLE: node->style = YSTYLE_FOLDED; break;
                case YAML_SINGLE_QUOTED_SCALAR_STYLE:
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: node->style = YSTYLE_QUOTED; break;
                default: node->style = YSTYLE_PLAIN; break;
                }
            } else {
                node->kind = ev.type == YAML_SEQUENCE_START_EVENT ? YNODE_SEQUENCE : YNODE_MAPPING;
            }
            break;
        }
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            if (depth > 0)
                depth--;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
        if (!node || !ok)
            continue;
        /* Attach the node to its parent. */
        if (depth == 0) {
            root = node;
        } else {
            frame *f = &stack[depth - 1];
            if (f->node->kind == YNODE_SEQUENCE) {
                add_child(a, f->node, NULL, node);
            } else if (!f->pending_key) {
                if (node->kind != YNODE_SCALAR) {
                    diag_error(d, node->loc, "a mapping key must be a plain name");
                    ok = false;
                    break;
                }
                for (size_t i = 0; i < f->node->n; i++)
                    if (strcmp(f->node->keys[i]->text, node->text) == 0) {
                        diag_error(d, node->loc, "duplicate key '%s'", node->text);
                        diag_note(d, f->node->keys[i]->loc, "'%s' is first given here", node->text);
                        ok = false;
                    }
                f->pending_key = node;
                continue;
            } else {
                add_child(a, f->node, f->pending_key, node);
                f->pending_key = NULL;
            }
        }
        if (node->kind != YNODE_SCALAR) {
            if (depth == MAX_DEPTH) {
                diag_error(d, node->loc, "nesting deeper than %d levels", MAX_DEPTH);
                ok = false;
                break;
            }
            stack[depth].node = node;
            stack[depth].pending_key = NULL;
            depth++;
        }
    }
    yaml_parser_delete(&p);
    if (ok && !root)
        *empty = true;
    return ok ? root : NULL;
}

ynode *ynode_get(const ynode *map, const char *key)
{
    if (!map || map->kind != YNODE_MAPPING)
        return NULL;
    for (size_t i = 0; i < map->n; i++)
        if (strcmp(map->keys[i]->text, key) == 0)
            return map->items[i];
    return NULL;
}

const char *ynode_kind_name(const ynode *n)
{
    switch (n->kind) {
    case YNODE_SCALAR: return "a single value";
    case YNODE_SEQUENCE: return "a list";
    case YNODE_MAPPING: return "a mapping";
    }
    return "?";
}
