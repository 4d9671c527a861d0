/*
 * ynode.h: a YAML document as a tree of nodes that keep their positions.
 * Built from libyaml's event stream by yaml_load.c (the only file that
 * uses libyaml); the schema checkers read it. Private to src/brief.
 */
#ifndef BRIEFC_BRIEF_YNODE_H
#define BRIEFC_BRIEF_YNODE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "diag/diag.h"

/* Limits on what a YAML file may be: bigger or deeper is refused. */
#define YNODE_MAX_BYTES (16u * 1024 * 1024)
#define YNODE_MAX_DEPTH 64

typedef enum { YNODE_SCALAR, YNODE_SEQUENCE, YNODE_MAPPING } ynode_kind;

typedef enum {
    YSTYLE_PLAIN,
    YSTYLE_QUOTED,    /* '...' or "..." */
    YSTYLE_LITERAL,   /* | */
    YSTYLE_FOLDED,    /* > */
} ynode_style;

typedef struct ynode ynode;
struct ynode {
    ynode_kind kind;
    ynode_style style;    /* scalars; collections are YSTYLE_PLAIN */
    src_loc loc;          /* where the node starts (a block scalar: its | or >) */
    const char *text;     /* scalars: the value, NUL-terminated; the arena owns it */
    size_t len;           /* bytes in text (a value may hold a NUL) */
    ynode **items;        /* sequences: the items; mappings: the values */
    ynode **keys;         /* mappings: the keys, scalars with their own loc */
    size_t n, cap;
};

/* Parses the YAML file `path` (its text in data/len) into a tree the
 * arena owns. Reports to d, with file:line:col: syntax errors, bytes
 * that are not UTF-8, several documents, anchors and aliases, duplicate
 * keys (with a note at the first), keys that are not scalars, nesting
 * deeper than YNODE_MAX_DEPTH and files over YNODE_MAX_BYTES. Returns
 * NULL after any error. A file with no content (only blanks, comments
 * or a bare '---') gives NULL, no error, and sets *empty. */
ynode *ynode_load(arena *a, diag_list *d, const char *path, const char *data, size_t len,
                  bool *empty);

/* The value of key in a mapping, or NULL. */
ynode *ynode_get(const ynode *map, const char *key);
/* The key node itself (for its position), or NULL. */
const ynode *ynode_get_key(const ynode *map, const char *key);
/* "a string", "a list", "a mapping" or "an empty value", for messages. */
const char *ynode_kind_name(const ynode *n);

#endif
