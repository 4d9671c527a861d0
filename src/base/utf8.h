/*
 * utf8.h: decoding and encoding UTF-8. Invalid sequences decode as U+FFFD
 * one byte at a time, so every input makes progress.
 */
#ifndef BRIEFC_UTF8_H
#define BRIEFC_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* Decodes the code point at s[*i] (len bytes in all) and advances *i.
 * Sets *valid to false (if valid is not NULL) for an invalid sequence. */
uint32_t utf8_decode(const char *s, size_t len, size_t *i, bool *valid);
/* Writes cp into out (at least 4 bytes); returns the byte count. */
size_t utf8_encode(uint32_t cp, char *out);
/* Number of code points in s[0..len). */
size_t utf8_count(const char *s, size_t len);
bool utf8_valid(const char *s, size_t len);
/* Byte offset of the first invalid sequence, or len when there is none. */
size_t utf8_first_invalid(const char *s, size_t len);
/* 3 when s starts with a UTF-8 byte-order mark (EF BB BF), else 0. Text
 * files from Windows editors often do; it is no part of the text, and
 * positions are counted after it. */
size_t utf8_bom(const char *s, size_t len);

#endif
