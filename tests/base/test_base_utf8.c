/*
 * test_base_utf8.c: UTF-8 decoding never fails and never overreads;
 * invalid sequences decode to U+FFFD one byte at a time.
 */
#include "../harness.h"
#include "base/utf8.h"

int main(void)
{
    size_t i = 0;
    bool ok;
    const char *s = "a\xc3\xa9\xeb\xb6\x81\xf0\x9f\x98\x80";
    CHECK_INT(utf8_decode(s, 10, &i, &ok), 'a', "ASCII");
    CHECK_INT(utf8_decode(s, 10, &i, &ok), 0xE9, "two bytes: e acute");
    CHECK_INT(utf8_decode(s, 10, &i, &ok), 0xBD81, "three bytes: Hangul");
    CHECK_INT(utf8_decode(s, 10, &i, &ok), 0x1F600, "four bytes: emoji");
    CHECK_INT(i, 10, "consumed exactly");
    i = 0;
    CHECK_INT(utf8_decode("\xe2\x82", 2, &i, &ok), UTF8_REPLACEMENT, "truncated sequence");
    CHECK(!ok && i == 1, "advances one byte on error");
    i = 0;
    CHECK_INT(utf8_decode("\xc0\xaf", 2, &i, &ok), UTF8_REPLACEMENT, "overlong form refused");
    i = 0;
    CHECK_INT(utf8_decode("\xed\xa0\x80", 3, &i, &ok), UTF8_REPLACEMENT, "surrogate refused");
    CHECK(utf8_valid("sŏngbun 북한 中国", strlen("sŏngbun 북한 中国")), "valid text");
    CHECK(!utf8_valid("bad \xff byte", 10), "invalid byte found");
    CHECK_INT(utf8_count("북한", 6), 2, "counts code points");
    char out[4];
    CHECK_INT(utf8_encode(0x4E2D, out), 3, "encodes three bytes");
    CHECK(memcmp(out, "中", 3) == 0, "encodes U+4E2D");
    return harness_done();
}
