/* file.c: whole-file reads and path strings (see file.h). */
#include "base/file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

bool file_read(arena *a, const char *path, size_t max_bytes, char **data, size_t *len)
{
    struct stat st;
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    if (fstat(fileno(f), &st) != 0) {
        int e = errno;
        fclose(f);
        errno = e;
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        fclose(f);
        errno = EISDIR;
        return false;
    }
    size_t cap = S_ISREG(st.st_mode) ? (size_t)st.st_size : 4096;
    if (cap > max_bytes) {
        fclose(f);
        errno = EFBIG;
        return false;
    }
    char *p = arena_alloc(a, cap + 1);
    size_t n = 0;
    for (;;) {
        if (n == cap) {
            if (cap >= max_bytes) {
                /* Probe for one more byte: a file that grew past the limit fails. */
                int c = fgetc(f);
                if (c == EOF)
                    break;
                fclose(f);
                errno = EFBIG;
                return false;
            }
            size_t ncap = cap * 2 > max_bytes ? max_bytes : cap * 2;
            if (ncap < 4096)
                ncap = 4096 < max_bytes ? 4096 : max_bytes;
            p = arena_realloc(a, p, cap + 1, ncap + 1);
            cap = ncap;
        }
        size_t got = fread(p + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                fclose(f);
                errno = EIO;
                return false;
            }
            break;
        }
    }
    fclose(f);
    p[n] = '\0';
    *data = p;
    *len = n;
    file_note(a, path, p, n);
    return true;
}

typedef struct file_record {
    file_entry *entries;
    size_t n, cap;
} file_record;

void file_record_start(arena *a)
{
    if (!arena_files(a))
        arena_set_files(a, arena_alloc(a, sizeof(file_record)));
}

size_t file_record_count(const arena *a)
{
    const file_record *r = arena_files(a);
    return r ? r->n : 0;
}

const char *file_record_path(const arena *a, size_t i)
{
    const file_record *r = arena_files(a);
    return r && i < r->n ? r->entries[i].path : NULL;
}

const file_entry *file_record_get(const arena *a, size_t i)
{
    file_record *r = arena_files(a);
    if (!r || i >= r->n)
        return NULL;
    file_entry *e = &r->entries[i];
    if (e->hash_fn) {          /* a deferred hash, asked for now */
        e->hash = e->hash_fn(e->hash_ctx);
        e->hash_fn = NULL;
    }
    return e;
}

#define FNV_OFFSET 0xcbf29ce484222325ULL

static unsigned long long fnv(unsigned long long h, const unsigned char *p, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

unsigned long long file_hash(const void *data, size_t len)
{
    return fnv(FNV_OFFSET, data, len);
}

static file_entry *note(arena *a, const char *path, unsigned long long hash, size_t size)
{
    file_record *r = arena_files(a);
    if (!r)
        return NULL;
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->entries[i].path, path) == 0) {
            r->entries[i].hash = hash;
            r->entries[i].size = size;
            r->entries[i].hash_fn = NULL;
            return &r->entries[i];
        }
    file_entry *e = ARENA_PUSH(a, r->entries, r->n, r->cap);
    *e = (file_entry){arena_strdup(a, path), hash, size, NULL, NULL};
    return e;
}

void file_note_deferred(arena *a, const char *path, size_t size,
                        unsigned long long (*hash_fn)(const void *ctx), const void *ctx)
{
    file_entry *e = note(a, path, 0, size);
    if (e) {
        e->hash_fn = hash_fn;
        e->hash_ctx = ctx;
    }
}

void file_note(arena *a, const char *path, const void *data, size_t len)
{
    if (!arena_files(a))
        return;
    if (data) {
        note(a, path, file_hash(data, len), len);
        return;
    }
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    unsigned long long h = FNV_OFFSET;
    size_t size = 0;
    unsigned char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        h = fnv(h, chunk, got);
        size += got;
    }
    fclose(f);
    note(a, path, h, size);
}

void file_note_value(arena *a, const char *name, const char *value)
{
    note(a, name, file_hash(value, strlen(value)), strlen(value));
}

char *file_dirname(arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return arena_strdup(a, ".");
    if (slash == path)
        return arena_strdup(a, "/");
    return arena_strndup(a, path, (size_t)(slash - path));
}

char *file_stem(arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return arena_strndup(a, base, n);
}

char *file_join(arena *a, const char *dir, const char *rel)
{
    if (rel[0] == '/' || !dir || !dir[0] || strcmp(dir, ".") == 0)
        return arena_strdup(a, rel);
    size_t dl = strlen(dir);
    if (dir[dl - 1] == '/')
        return arena_printf(a, "%s%s", dir, rel);
    return arena_printf(a, "%s/%s", dir, rel);
}

bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}
