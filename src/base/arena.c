/*
 * arena.c: bump allocator in chained blocks. Blocks grow geometrically so a
 * large document costs few mallocs; a request larger than a block gets a
 * block of its own.
 */
#define _GNU_SOURCE    /* mremap */
#include "base/arena.h"

#include <malloc.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

typedef struct block {
    struct block *next;
    size_t size, used;
    max_align_t data[];
} block;

/* An allocation of LARGE bytes or more has a chunk to itself (malloc's,
 * or from MAP_MIN a mapping), so that growing it (an array pushed to in
 * a long document) frees or remaps the old copy, instead of making a new
 * copy in the blocks beside the old one, which stays until the arena
 * dies. */
typedef struct chunk {
    struct chunk *prev, *next;
    size_t mapped;             /* the length of its own mapping, or 0: malloc's */
    max_align_t data[];
} chunk;

#define LARGE (256u << 10)

struct arena {
    block *head;
    chunk *large;
    size_t next_size;
    void *files;               /* what the compile read (file.c), or NULL */
};

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        fprintf(stderr, "briefc: out of memory (%zu bytes)\n", n);
        abort();
    }
    return p;
}

/* The process's heap and large chunks of 4 MB and more are asked for in
 * huge pages where the kernel gives them on request: touching memory for
 * the first time is what a compile spends much of its time on
 * (docs/PERFORMANCE.md), and a huge page costs one fault instead of 512. */
#define HUGE_PAGE (2u << 20)

/* Where a large chunk moves to a mapping of its own (see chunk_resize);
 * never under AddressSanitizer (gcc says so one way, clang another). */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif
#if defined(MREMAP_MAYMOVE) && defined(MADV_HUGEPAGE) && !defined(ARENA_ASAN)
#define MAP_MIN (2 * HUGE_PAGE)
#endif

/* Advises the whole huge pages within [p, p + n) for transparent huge
 * pages. */
static void advise_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
    uintptr_t start = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
    uintptr_t end = ((uintptr_t)p + n) & ~(uintptr_t)(HUGE_PAGE - 1);
    if (end > start)
        madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
    (void)p;
    (void)n;
#endif
}

/* Blocks double up to BLOCK_MAX and stay there. Larger blocks (16 MB,
 * each aligned to and rounded up to huge pages, before) left the memory
 * a stage freed unused by the next: once a small request had split a
 * freed block, the next stage's did not fit in it, and malloc grew the
 * heap beside it; a long document kept 30 to 70 MB more resident
 * (docs/ROBUSTNESS.md), for no speed (the flagship takes fewer page
 * faults, 727 to 373, as its blocks land in the heap's first, advised,
 * 16 MB). 1 MB, not 2, fits more of the holes cmark-gfm's freed tree
 * leaves (50,000 citations: 141 to 136 MB), at the same speed; 512 KB
 * gains nothing more. */
#define BLOCK_MAX (1u << 20)

/* The heap is grown once by PROCESS_HEAP, that range advised for huge
 * pages, and given back to malloc, which carves what the compile asks
 * for out of it. malloc must take blocks up to twice that from the heap
 * (not mmap: a fresh mapping is touched anew) and keep what is freed
 * there (not trim it). Only what is touched counts: a one-line brief
 * touches two huge pages. */
#define PROCESS_HEAP (16u << 20)

void arena_setup_process(void)
{
#if defined(MADV_HUGEPAGE) && defined(M_MMAP_THRESHOLD)
    if (!mallopt(M_MMAP_THRESHOLD, 2 * PROCESS_HEAP) || !mallopt(M_TRIM_THRESHOLD, 2 * PROCESS_HEAP))
        return;    /* not glibc's malloc (a sanitizer's): leave it be */
    char *p = malloc(PROCESS_HEAP);
    if (p) {
        advise_huge(p, PROCESS_HEAP);
        free(p);
    }
#endif
}

/* What a stage frees in the middle of the heap stays resident, and the
 * next stage's large arrays, which do not fit the holes, go on top of
 * it: 50,000 footnotes' parse tree, freed once the document is built,
 * kept 15 MB more resident through the layout. When malloc holds more
 * free than the heap's first PROCESS_HEAP, that is handed back; a small
 * brief's heap stays within those, in their huge pages (trimming them
 * cost the flagship a fifth of its time in page faults). */
void arena_return_freed(void)
{
#if defined(MADV_HUGEPAGE) && defined(M_TRIM_THRESHOLD) && defined(__GLIBC__)
    struct mallinfo2 m = mallinfo2();
    if (m.fordblks > PROCESS_HEAP)
        malloc_trim(0);
#endif
}

arena *arena_new(void)
{
    arena *a = xmalloc(sizeof *a);
    a->head = NULL;
    a->large = NULL;
    a->next_size = 64 * 1024;
    a->files = NULL;
    return a;
}

static void chunk_free(chunk *c)
{
#ifdef MAP_MIN
    if (c->mapped) {
        munmap(c, c->mapped);
        return;
    }
#endif
    free(c);
}

static void free_large(arena *a)
{
    for (chunk *c = a->large; c;) {
        chunk *next = c->next;
        chunk_free(c);
        c = next;
    }
    a->large = NULL;
}

void arena_free(arena *a)
{
    if (!a)
        return;
    free_large(a);
    block *b = a->head;
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void arena_reset(arena *a)
{
    free_large(a);
    block *b = a->head;
    if (!b)
        return;
    /* Keep the newest block (the largest) for what comes next. */
    block *old = b->next;
    while (old) {
        block *next = old->next;
        free(old);
        old = next;
    }
    b->next = NULL;
    b->used = 0;
}

static size_t aligned(size_t n)
{
    size_t align = _Alignof(max_align_t);
    return (n + align - 1) / align * align;
}

static void too_large(size_t n)
{
    fprintf(stderr, "briefc: allocation too large (%zu bytes)\n", n);
    abort();
}

/* A chunk that grows to MAP_MIN moves to a mapping of its own, where
 * the system allows: it then grows by mremap, which copies nothing and
 * leaves no hole, and freeing it gives its memory back at once. In
 * malloc's heap, a doubling array left each old copy as a hole the next,
 * larger, did not fit: 30,000 nested emphasis pairs took 46 MB of heap
 * for 8 MB in use. Smaller chunks stay in the heap, whose pages a
 * paragraph's scratch arrays reuse already touched. Under a sanitizer,
 * malloc's, so that its checks see them. */
static chunk *chunk_resize(chunk *old, size_t n)
{
#ifdef MAP_MIN
    bool was_mapped = old && old->mapped;
    if (was_mapped || n >= MAP_MIN) {
        size_t page = (size_t)sysconf(_SC_PAGESIZE);
        size_t len = (n + page - 1) / page * page;
        void *p;
        if (was_mapped)
            p = mremap(old, old->mapped, len, MREMAP_MAYMOVE);
        else
            p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            return NULL;
        chunk *c = p;
        if (old && !was_mapped) {
            size_t had = malloc_usable_size(old);
            memcpy(c, old, had < n ? had : n);
            free(old);
        }
        c->mapped = len;
        /* The whole mapping: advice on part of it would split it in
         * two, and mremap moves only what is one. */
        madvise(c, len, MADV_HUGEPAGE);
        return c;
    }
#endif
    chunk *c = realloc(old, n);
    if (c) {
        c->mapped = 0;
        if (n >= 2 * HUGE_PAGE)
            advise_huge(c->data, n - sizeof *c);
    }
    return c;
}

/* Resizes the large chunk holding p (NULL: a new one) to n bytes, keeping
 * the arena's list of them whole; the new chunk's data, not zeroed. */
static void *large(arena *a, chunk *old, size_t n)
{
    if (n > SIZE_MAX / 2)
        too_large(n);
    chunk *c = chunk_resize(old, sizeof *c + n);
    if (!c) {
        fprintf(stderr, "briefc: out of memory (%zu bytes)\n", n);
        abort();
    }
    if (!old) {
        c->prev = NULL;
        c->next = a->large;
    }
    if (c->next)
        c->next->prev = c;
    if (c->prev)
        c->prev->next = c;
    else
        a->large = c;
    return c->data;
}

/* The large chunk whose data is p, or NULL: there are few (each is 256
 * KB or more), and a search is rare (a large array doubling). */
static chunk *large_of(arena *a, void *p)
{
    for (chunk *c = a->large; c; c = c->next)
        if ((void *)c->data == p)
            return c;
    return NULL;
}

/* Memory from the arena, not zeroed (the caller fills it). */
static void *take(arena *a, size_t n)
{
    const size_t align = _Alignof(max_align_t);
    if (n > SIZE_MAX / 2)
        too_large(n);
    n = (n + align - 1) / align * align;
    if (n >= LARGE)
        return large(a, NULL, n);
    if (n == 0)
        n = align;
    block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t size = a->next_size;
        if (size < n)
            size = n;
        else if (a->next_size < BLOCK_MAX)
            a->next_size *= 2;
        b = xmalloc(sizeof *b + size);
        b->size = size;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

/* Zeroed through the alignment padding: growing in place relies on it. */
void *arena_alloc(arena *a, size_t n)
{
    void *p = take(a, n);
    memset(p, 0, aligned(n ? n : 1));
    return p;
}


/* arena_realloc, and arena_grow when zero is false: then only the
 * alignment padding past new_n is zeroed (growing in place relies on it),
 * so that the part of a doubled array not yet used is not touched and
 * costs no memory until it is. */
static void *grow(arena *a, void *p, size_t old_n, size_t new_n, bool zero)
{
    if (new_n <= old_n)
        return p;
    size_t z = zero ? old_n : new_n;
    if (new_n >= LARGE) {
        chunk *c = p ? large_of(a, p) : NULL;
        if (c) {
            char *q = large(a, c, aligned(new_n));
            memset(q + z, 0, aligned(new_n) - z);
            return q;
        }
    }
    /* The block's last allocation grows where it is when there is room:
     * an array pushed to in a loop then wastes nothing. */
    block *b = a->head;
    if (p && b && (char *)p + aligned(old_n) == (char *)b->data + b->used && new_n < LARGE &&
        b->used - aligned(old_n) + aligned(new_n) <= b->size) {
        if (z < aligned(old_n))
            z = aligned(old_n);
        memset((char *)p + z, 0, aligned(new_n) - z);
        b->used += aligned(new_n) - aligned(old_n);
        return p;
    }
    /* Only the new tail is zeroed: the copy fills the rest. */
    char *q = take(a, new_n);
    size_t kept = p ? old_n : 0;
    if (kept)
        memcpy(q, p, kept);
    if (z < kept)
        z = kept;
    memset(q + z, 0, aligned(new_n) - z);
    return q;
}

void *arena_realloc(arena *a, void *p, size_t old_n, size_t new_n)
{
    return grow(a, p, old_n, new_n, true);
}

void *arena_grow(arena *a, void *p, size_t old_n, size_t new_n)
{
    return grow(a, p, old_n, new_n, false);
}

void *arena_shrink(arena *a, void *p, size_t old_n, size_t new_n)
{
    if (!p || new_n >= old_n)
        return p;
    if (old_n >= LARGE) {
        chunk *c = large_of(a, p);
        return c ? large(a, c, aligned(new_n ? new_n : 1)) : p;
    }
    block *b = a->head;
    if (b && (char *)p + aligned(old_n) == (char *)b->data + b->used) {
        /* Zeroed through the alignment padding, as every allocation is. */
        memset((char *)p + new_n, 0, aligned(new_n) - new_n);
        b->used -= aligned(old_n) - aligned(new_n);
    }
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *d = arena_alloc(a, n + 1);
    if (n)
        memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *arena_strdup(arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    /* fmt is never NULL; saying so quiets gcc 12's sanitizer builds. */
    int n = fmt ? vsnprintf(NULL, 0, fmt, ap2) : 0;
    va_end(ap2);
    if (n < 0)
        n = 0;
    char *s = arena_alloc(a, (size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return s;
}

void *arena_push(arena *a, void **items, size_t *len, size_t *cap, size_t size)
{
    if (*len == *cap) {
        /* Start small (most arrays of a document hold one or two things:
         * a cell's runs, a line's items), then double. */
        size_t first = size >= 128 ? 1 : 128 / size;
        size_t ncap = *cap ? *cap * 2 : first;
        *items = arena_grow(a, *items, *cap * size, ncap * size);
        *cap = ncap;
    }
    void *slot = (char *)*items + (*len)++ * size;
    memset(slot, 0, size);
    return slot;
}

void *arena_files(const arena *a)
{
    return a->files;
}

void arena_set_files(arena *a, void *files)
{
    a->files = files;
}
