/*
 * hyph_table.h: libhyphen's state machine for the default patterns, as
 * hyph_compile made it at build time (see hyph.c). Parsing the pattern
 * file costs about 17 ms and 700 freshly touched memory pages per compile;
 * these tables sit in the binary's read-only data and cost nothing until
 * read. They hold no pointers but the few in hyph_table itself.
 */
#ifndef BRIEFC_TEXT_HYPH_TABLE_H
#define BRIEFC_TEXT_HYPH_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct hyph_table {
    /* The pattern file they were made from: used only when the file on
     * this machine is that file. Not usable: the file held something the
     * tables do not encode, or was missing at build time. */
    bool usable;
    unsigned long long source_hash;     /* file_hash of the file's bytes */
    size_t source_size;
    int lhmin, rhmin;                   /* the file's LEFT/RIGHTHYPHENMIN */
    /* The patterns' level (libhyphen's nextlevel): for state s, its match
     * (an offset into matches, or -1), the state to fall back to (-1:
     * start again), and its transitions first[s] .. first[s + 1] - 1. */
    size_t n_states;
    const int32_t *match, *fallback, *first;   /* first has n_states + 1 */
    const unsigned char *trans_ch;
    const int32_t *trans_to;
    const char *matches;                /* NUL-separated digit strings */
} hyph_table;

extern const hyph_table hyph_compiled;

#endif
