/*
 * fuzz_yaml.c: a libFuzzer target for the YAML path: the event loader
 * and the brief schema (the input is written to a brief file, which may
 * name sections that do not exist). Run: tests/fuzz/run.sh yaml [seconds]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "brief/brief.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/briefc-fuzz-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        unlink(path);
        return 0;
    }
    close(fd);
    arena *a = arena_new();
    diag_list *d = diag_new();
    brief_load(a, d, path, "2026-11-22");
    diag_free(d);
    arena_free(a);
    unlink(path);
    return 0;
}
