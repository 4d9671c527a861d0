/*
 * ynode.h: a YAML document as a tree of nodes that keep their positions.
 * Built from libyaml's event stream by yaml_load.c (the only file that
 * uses libyaml); the schema checker reads it.
 */
#ifndef BRIEFC_BRIEF_YNODE_H
#define BRIEFC_BRIEF_YNODE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "diag/diag.h"

typedef enum { YNODE_SCALAR, YNODE_SEQUENCE, YNODE_MAPPING } ynode_kind;

typedef enum {
    YSTYLE_PLAIN,
    YSTYLE_QUOTED,
    YSTYLE_LITERAL,   /* | */
    YSTYLE_FOLDED,    /* > */
} ynode_style;

typedef struct ynode ynode;
struct ynode {
    ynode_kind kind;
    ynode_style style;
    src_loc loc;          /* where the node starts */
    const char *text;     /* scalars: the value, NUL-terminated */
    size_t len;
    ynode **items;        /* sequences: the items; mappings: values */
    ynode **keys;         /* mappings: the keys (scalars) */
    size_t n, cap;
};

/* Parses the YAML file `path` (its text in data/len) into a tree. Reports
 * syntax errors, duplicate keys, anchors and aliases, several documents
 * and excessive nesting to d; returns NULL on any error. An empty file
 * gives a NULL tree and no error (*empty is set). */
ynode *ynode_load(arena *a, diag_list *d, const char *path, const char *data, size_t len,
                  bool *empty);

/* The value of key in a mapping, or NULL. */
ynode *ynode_get(const ynode *map, const char *key);
const char *ynode_kind_name(const ynode *n);

#endif
