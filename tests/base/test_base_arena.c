/*
 * test_base_arena.c: the arena hands out zeroed, aligned, independent
 * blocks, large ones included, and grows arrays.
 */
#include <stdint.h>
#include <string.h>

#include "../harness.h"
#include "base/arena.h"
#include "base/file.h"

int main(void)
{
    arena *a = arena_new();
    char *p = arena_alloc(a, 10);
    CHECK(p[0] == 0 && p[9] == 0, "zeroed");
    CHECK((uintptr_t)arena_alloc(a, 3) % _Alignof(max_align_t) == 0, "aligned");
    char *big = arena_alloc(a, 10 * 1024 * 1024);
    big[10 * 1024 * 1024 - 1] = 1;
    CHECK(big[0] == 0, "a block larger than the chunk size");
    int *items = NULL;
    size_t len = 0, cap = 0;
    for (int i = 0; i < 10000; i++)
        *(int *)ARENA_PUSH(a, items, len, cap) = i;
    CHECK(len == 10000 && items[0] == 0 && items[9999] == 9999, "arrays grow and keep their items");
    CHECK_STR(arena_printf(a, "%s-%d", "x", 42), "x-42", "printf");
    CHECK_STR(file_dirname(a, "briefs/sections/a.md"), "briefs/sections", "dirname");
    CHECK_STR(file_dirname(a, "a.md"), ".", "dirname without a folder");
    CHECK_STR(file_stem(a, "briefs/forced-returns.yaml"), "forced-returns", "stem");
    CHECK_STR(file_join(a, "briefs", "sections/a.md"), "briefs/sections/a.md", "join");
    CHECK_STR(file_join(a, "briefs", "/abs"), "/abs", "join keeps absolute paths");
    char *data;
    size_t n;
    CHECK(!file_read(a, "/nonexistent/x", 100, &data, &n), "reading a missing file fails");
    CHECK(!file_read(a, "/etc/passwd", 4, &data, &n), "a file over the limit fails");
    arena_free(a);
    arena_free(NULL);

    /* arena_grow keeps the contents and zeroes only the padding past the
     * new size, which a later arena_realloc in place counts on. */
    a = arena_new();
    unsigned char *g = arena_alloc(a, 10);
    memset(g, 0xAA, 10);
    g = arena_grow(a, g, 10, 40);
    int kept = 0, pad = 0;
    for (int i = 0; i < 10; i++)
        kept += g[i] == 0xAA;
    size_t al = _Alignof(max_align_t), end = (40 + al - 1) / al * al;
    for (size_t i = 40; i < end; i++)
        pad += g[i] != 0;
    CHECK(kept == 10 && pad == 0, "arena_grow keeps the contents, the padding past them zeroed");
    memset(g + 10, 0xBB, 30);
    g = arena_realloc(a, g, 40, 100);
    int zero = 0;
    for (int i = 40; i < 100; i++)
        zero += g[i] == 0;
    CHECK(zero == 60 && g[39] == 0xBB, "arena_realloc after arena_grow zeroes what it adds");
    unsigned char *lg = arena_alloc(a, 300u << 10);
    memset(lg, 0xCC, 300u << 10);
    lg = arena_grow(a, lg, 300u << 10, 900u << 10);
    CHECK(lg[0] == 0xCC && lg[(300u << 10) - 1] == 0xCC, "a large chunk grown keeps its contents");
    /* A chunk grown past 4 MB leaves malloc's heap for a mapping of its
     * own (not under a sanitizer): its contents go with it, through
     * growing and shrinking, and arena_realloc still zeroes what it adds. */
    size_t mb = (size_t)1 << 20;
    unsigned char *moved = arena_alloc(a, 3 * mb);
    for (size_t i = 0; i < 3 * mb; i++)
        moved[i] = (unsigned char)(i * 7);
    moved = arena_grow(a, moved, 3 * mb, 6 * mb);
    moved = arena_realloc(a, moved, 6 * mb, 20 * mb);
    size_t same = 0, zeroed = 0;
    for (size_t i = 0; i < 3 * mb; i++)
        same += moved[i] == (unsigned char)(i * 7);
    for (size_t i = 6 * mb; i < 20 * mb; i++)
        zeroed += moved[i] == 0;
    CHECK(same == 3 * mb && zeroed == 14 * mb, "a chunk moved to its own mapping keeps its contents, and grows zeroed");
    moved = arena_shrink(a, moved, 20 * mb, 5 * mb);
    same = 0;
    for (size_t i = 0; i < 3 * mb; i++)
        same += moved[i] == (unsigned char)(i * 7);
    CHECK(same == 3 * mb, "a mapped chunk shrunk keeps what is left of it");
    unsigned char *other = arena_alloc(a, 5 * mb);
    other[5 * mb - 1] = 1;
    CHECK(moved[0] == 0 && other[0] == 0, "two mapped chunks live side by side");
    /* Pushed slots are zeroed even in memory reused dirty after a reset. */
    memset(arena_alloc(a, 4000), 0xFF, 4000);
    arena_reset(a);
    long *slots = NULL;
    size_t n_slots = 0, cap_slots = 0, nonzero = 0;
    for (int i = 0; i < 500; i++)
        nonzero += *(long *)ARENA_PUSH(a, slots, n_slots, cap_slots) != 0;
    CHECK(nonzero == 0, "ARENA_PUSH's slots are zeroed in reused memory");
    arena_free(a);
    return harness_done();
}
