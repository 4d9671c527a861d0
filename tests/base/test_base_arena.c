/*
 * test_base_arena.c: the arena hands out zeroed, aligned, independent
 * blocks, large ones included, and grows arrays.
 */
#include <stdint.h>

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
    return harness_done();
}
