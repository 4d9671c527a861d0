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
    return true;
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
