/*
 * buf.h: a growable byte buffer on the heap, for building strings whose
 * size is not known in advance. buf_fini frees; buf_to_arena copies out.
 */
#ifndef BRIEFC_BUF_H
#define BRIEFC_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "base/arena.h"

typedef struct buf {
    char *data;   /* always NUL-terminated once anything was appended */
    size_t len, cap;
} buf;

void buf_init(buf *b);
void buf_fini(buf *b);
void buf_reset(buf *b);
/* Room for n more bytes after len (data is then never NULL). */
void buf_reserve(buf *b, size_t n);
void buf_append(buf *b, const char *s, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Copies the contents into the arena, NUL-terminated. */
char *buf_to_arena(const buf *b, arena *a);

/* s as a JSON string, quoted and escaped (NULL: ""). */
void buf_put_json_string(buf *b, const char *s);

#endif
