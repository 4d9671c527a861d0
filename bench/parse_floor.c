/*
 * parse_floor.c: cmark-gfm's own floor for bench/pathological.py. Parses
 * a Markdown file as briefc's converter does (md_parse_only: the same
 * options and extensions) and frees the tree, doing nothing else; run
 * under `/usr/bin/time -f %M`, its peak resident set is what the parser
 * alone needs for the input, which briefc (a fixed choice of the
 * project's) cannot go below while a section's tree is whole.
 *
 *   parse_floor FILE.md
 */
#include <stdio.h>

#include "base/arena.h"
#include "base/file.h"
#include "content/md.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: parse_floor FILE.md\n");
        return 2;
    }
    arena *a = arena_new();
    char *text;
    size_t len;
    if (!file_read(a, argv[1], (size_t)1 << 30, &text, &len)) {
        perror(argv[1]);
        arena_free(a);
        return 1;
    }
    printf("%zu nodes\n", md_parse_only(text, len));
    arena_free(a);
    return 0;
}
