/*
 * arena.h: the one allocation funnel of a compile.
 * Everything a compile allocates comes from its arena and dies with it;
 * there is no per-object free. Out of memory aborts here, in one place.
 */
#ifndef BRIEFC_ARENA_H
#define BRIEFC_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct arena arena;

/* Sets up the process's heap, once, first thing in main: malloc's first
 * 16 MB in transparent huge pages, kept when freed. On a virtual machine
 * a page touched for the first time is what a compile spends most of its
 * time on (docs/PERFORMANCE.md); a huge page costs one fault, not 512. */
void arena_setup_process(void);
/* Gives the system back what the stages before freed, when it is much
 * (a long section's parse tree); call between stages. */
void arena_return_freed(void);

arena *arena_new(void);
void arena_free(arena *a);              /* arena_free(NULL) is a no-op */
/* Frees everything allocated, keeping one block for what comes next: a
 * scratch arena for work whose results are copied out (a paragraph's
 * breaking), so memory does not grow with the document. */
void arena_reset(arena *a);

/* Returns zeroed memory aligned for any type. The arena owns it. */
void *arena_alloc(arena *a, size_t n);
/* Grows a block obtained from this arena: copies old_n bytes to a new block. */
void *arena_realloc(arena *a, void *p, size_t old_n, size_t new_n);
/* The same, but what is added is not zeroed (only the alignment padding
 * past new_n is): for arrays whose slots are filled as they are used,
 * whose room not yet used then costs nothing until it is. */
void *arena_grow(arena *a, void *p, size_t old_n, size_t new_n);
/* Gives back the end of p (old_n bytes, cut to new_n) where p is the
 * arena's last allocation (a record sized for the most it could hold);
 * returns p, which may move only where it had a chunk of its own. */
void *arena_shrink(arena *a, void *p, size_t old_n, size_t new_n);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);   /* NULL for NULL */
char *arena_printf(arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap);

/* The record of what the compile read, which file.c keeps with the
 * compile's arena (see file_record_start); NULL until started. */
void *arena_files(const arena *a);
void arena_set_files(arena *a, void *files);

/* Push onto an arena-backed array: grows *items (cap doubles) and returns a
 * pointer to the new zeroed slot. Use through ARENA_PUSH. Growing may
 * move the array: a pointer into it holds only until the next push (keep
 * an index across pushes). */
void *arena_push(arena *a, void **items, size_t *len, size_t *cap, size_t size);
#define ARENA_PUSH(a, items, len, cap) \
    arena_push((a), (void **)&(items), &(len), &(cap), sizeof(*(items)))

#endif
