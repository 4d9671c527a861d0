/*
 * file.h: reading whole files and composing paths. Paths stay strings;
 * nothing here decides which paths a brief may use (see brief/).
 */
#ifndef BRIEFC_FILE_H
#define BRIEFC_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/arena.h"

/* Every file a compile reads is noted in a record kept with its arena:
 * the path as given, the size and a 64-bit FNV-1a hash of the content.
 * The depfile (--deps), the staleness check of `briefc build` and its
 * report all come from this one record. Inputs that are no files (the
 * day `date: today` stands for) are noted as values. */
typedef struct file_entry {
    const char *path;          /* as read; a value's name starts with '(' */
    unsigned long long hash;
    size_t size;
    /* A hash not computed yet (file_note_deferred): file_record_get
     * computes it, once, when the record is read. */
    unsigned long long (*hash_fn)(const void *ctx);
    const void *hash_ctx;
} file_entry;

/* Starts recording what is read with arena a (idempotent). */
void file_record_start(arena *a);
/* Files read through `to` go into from's record too (a document's own
 * arena, which dies before the record is read). */
void file_record_share(const arena *from, arena *to);
size_t file_record_count(const arena *a);
const file_entry *file_record_get(const arena *a, size_t i);
/* Entry i's path alone, which computes no deferred hash. */
const char *file_record_path(const arena *a, size_t i);
/* Notes a file read by other means (fonts, images, a bound PDF): data,
 * or, when data is NULL, the file's content read here. */
void file_note(arena *a, const char *path, const void *data, size_t len);
/* Notes a file whose hash is computed only if the record is read (by
 * hash_fn(ctx), which must stay callable as long as the record lives):
 * a compile that writes no record never hashes it, and the owner of the
 * data can keep the hash once computed (a font shared by many compiles). */
void file_note_deferred(arena *a, const char *path, size_t size,
                        unsigned long long (*hash_fn)(const void *ctx), const void *ctx);
/* Notes a value the compile depended on, by name ("(today)"); a file
 * looked for and not found is noted as "(absent) PATH", so that it
 * appearing makes the compile stale. */
void file_note_value(arena *a, const char *name, const char *value);
/* The hash file_note gives data (FNV-1a, 64 bits). */
unsigned long long file_hash(const void *data, size_t len);

/* Every input is opened here. Opens path for reading and returns the
 * descriptor, with the file's size in *size (when size is not NULL). It
 * refuses, without blocking, what is not a regular file: a folder
 * (errno EISDIR), a FIFO (ESPIPE), a device or socket (ENODEV); and a
 * file larger than max_bytes (EFBIG). -1 with errno set on failure. */
int file_open(const char *path, size_t max_bytes, size_t *size);
/* The same as a stdio stream (for the image decoders). */
FILE *file_fopen(const char *path, size_t max_bytes);
/* A message for errno e after file_open or file_read: "it is a FIFO
 * (named pipe), not a regular file" rather than "Illegal seek". */
const char *file_strerror(int e);

/* Reads the whole file into the arena (NUL-terminated) and notes it. On
 * failure returns false and leaves errno set (see file_open). Files
 * larger than max_bytes fail with EFBIG. */
bool file_read(arena *a, const char *path, size_t max_bytes, char **data, size_t *len);
/* Directory part of path ("." when there is none). The arena owns it. */
char *file_dirname(arena *a, const char *path);
/* File name without directory and without its last extension. */
char *file_stem(arena *a, const char *path);
/* Joins dir and rel unless rel is absolute. The arena owns it. */
char *file_join(arena *a, const char *dir, const char *rel);
bool file_exists(const char *path);

#endif
