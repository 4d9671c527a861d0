/* utf8.c: UTF-8 decoding that never fails (see utf8.h). */
#include "base/utf8.h"

#include <string.h>

uint32_t utf8_decode(const char *str, size_t len, size_t *i, bool *valid)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t p = *i;
    unsigned c = s[p];
    uint32_t cp;
    size_t n;
    uint32_t min;
    if (c < 0x80) {
        *i = p + 1;
        if (valid)
            *valid = true;
        return c;
    } else if ((c & 0xE0) == 0xC0) {
        cp = c & 0x1F; n = 1; min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        cp = c & 0x0F; n = 2; min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        cp = c & 0x07; n = 3; min = 0x10000;
    } else {
        goto bad;
    }
    if (p + n >= len)
        goto bad;
    for (size_t k = 1; k <= n; k++) {
        if ((s[p + k] & 0xC0) != 0x80)
            goto bad;
        cp = (cp << 6) | (s[p + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        goto bad;
    *i = p + n + 1;
    if (valid)
        *valid = true;
    return cp;
bad:
    *i = p + 1;
    if (valid)
        *valid = false;
    return UTF8_REPLACEMENT;
}

size_t utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    } else if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    } else if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t utf8_count(const char *s, size_t len)
{
    size_t i = 0, n = 0;
    while (i < len) {
        utf8_decode(s, len, &i, NULL);
        n++;
    }
    return n;
}

bool utf8_valid(const char *s, size_t len)
{
    return utf8_first_invalid(s, len) == len;
}

size_t utf8_first_invalid(const char *s, size_t len)
{
    size_t i = 0;
    bool ok;
    while (i < len) {
        size_t at = i;
        utf8_decode(s, len, &i, &ok);
        if (!ok)
            return at;
    }
    return len;
}

size_t utf8_bom(const char *s, size_t len)
{
    return len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}
