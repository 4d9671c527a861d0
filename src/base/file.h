/*
 * file.h: reading whole files and composing paths. Paths stay strings;
 * nothing here decides which paths a brief may use (see brief/).
 */
#ifndef BRIEFC_FILE_H
#define BRIEFC_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"

/* Reads the whole file into the arena (NUL-terminated). On failure returns
 * false and leaves errno set. Files larger than max_bytes fail with EFBIG. */
bool file_read(arena *a, const char *path, size_t max_bytes, char **data, size_t *len);
/* Directory part of path ("." when there is none). The arena owns it. */
char *file_dirname(arena *a, const char *path);
/* File name without directory and without its last extension. */
char *file_stem(arena *a, const char *path);
/* Joins dir and rel unless rel is absolute. The arena owns it. */
char *file_join(arena *a, const char *dir, const char *rel);
bool file_exists(const char *path);

#endif
