/* file.c: opening and reading input files, the record of what a compile
 * read, and path strings (see file.h). */
#include "base/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int file_open(const char *path, size_t max_bytes, size_t *size)
{
    /* O_NONBLOCK: opening a FIFO no one writes to would wait forever;
     * opened this way it returns at once, and fstat tells what it is. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat st;
    int e = 0;
    if (fstat(fd, &st) != 0)
        e = errno;
    else if (S_ISDIR(st.st_mode))
        e = EISDIR;
    else if (S_ISFIFO(st.st_mode))
        e = ESPIPE;
    else if (!S_ISREG(st.st_mode))
        e = ENODEV;
    else if ((unsigned long long)st.st_size > max_bytes)
        e = EFBIG;
    else if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0)
        e = errno;
    if (e) {
        close(fd);
        errno = e;
        return -1;
    }
    if (size)
        *size = (size_t)st.st_size;
    return fd;
}

FILE *file_fopen(const char *path, size_t max_bytes)
{
    int fd = file_open(path, max_bytes, NULL);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        int e = errno;
        close(fd);
        errno = e;
    }
    return f;
}

const char *file_strerror(int e)
{
    switch (e) {
    case EISDIR: return "it is a folder, not a file";
    case ESPIPE: return "it is a FIFO (named pipe), not a regular file";
    case ENODEV: return "it is a device or socket, not a regular file";
    case EFBIG: return "it is too large";
    default: return strerror(e);
    }
}

bool file_read(arena *a, const char *path, size_t max_bytes, char **data, size_t *len)
{
    size_t size;
    int fd = file_open(path, max_bytes, &size);
    if (fd < 0)
        return false;
    /* The size fstat gave, plus one byte to notice a file that grew. */
    size_t cap = size < max_bytes ? size + 1 : max_bytes + 1;
    char *p = arena_alloc(a, cap + 1);
    size_t n = 0;
    for (;;) {
        if (n == cap) {
            if (cap > max_bytes) {
                close(fd);
                errno = EFBIG;
                return false;
            }
            size_t ncap = cap * 2 > max_bytes + 1 ? max_bytes + 1 : cap * 2;
            p = arena_realloc(a, p, cap + 1, ncap + 1);
            cap = ncap;
        }
        ssize_t got = read(fd, p + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int e = errno;
            close(fd);
            errno = e;
            return false;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    close(fd);
    if (n > max_bytes) {
        errno = EFBIG;
        return false;
    }
    p[n] = '\0';
    *data = p;
    *len = n;
    file_note(a, path, p, n);
    return true;
}

typedef struct file_record {
    arena *owner;              /* the arena it lives in, whichever arena shares it */
    file_entry *entries;
    size_t n, cap;
} file_record;

void file_record_start(arena *a)
{
    if (!arena_files(a)) {
        file_record *r = arena_alloc(a, sizeof *r);
        r->owner = a;
        arena_set_files(a, r);
    }
}

void file_record_share(const arena *from, arena *to)
{
    arena_set_files(to, arena_files(from));
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
    file_entry *e = ARENA_PUSH(r->owner, r->entries, r->n, r->cap);
    *e = (file_entry){arena_strdup(r->owner, path), hash, size, NULL, NULL};
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
    FILE *f = file_fopen(path, (size_t)-1);
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
