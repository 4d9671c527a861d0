/*
 * parse_floor.c: cmark-gfm's own floor for bench/pathological.py. Parses
 * a Markdown file as briefc's converter does (the same options and
 * extensions) and frees the tree, doing nothing else; run under
 * `/usr/bin/time -f %M`, its peak resident set is what the parser alone
 * needs for the input, which briefc (a fixed choice of the project's)
 * cannot go below while a section's tree is whole.
 *
 *   parse_floor FILE.md
 *
 * A bench tool, not part of briefc: it links cmark-gfm directly.
 */
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: parse_floor FILE.md\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_SOURCEPOS | CMARK_OPT_SMART |
                                            CMARK_OPT_FOOTNOTES |
                                            CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE);
    static const char *const extensions[] = {"table", "strikethrough", "autolink", "tasklist"};
    for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++) {
        cmark_syntax_extension *e = cmark_find_syntax_extension(extensions[i]);
        if (e)
            cmark_parser_attach_syntax_extension(parser, e);
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        cmark_parser_feed(parser, chunk, n);
    fclose(f);
    cmark_node *root = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    size_t nodes = 0;
    cmark_iter *it = cmark_iter_new(root);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
        nodes += ev == CMARK_EVENT_ENTER;
    cmark_iter_free(it);
    cmark_node_free(root);
    printf("%zu nodes\n", nodes);
    return 0;
}
