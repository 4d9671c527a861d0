/*
 * harness.h: the unit-test harness. Each check prints one TAP line
 * ("ok N - what" or "not ok N - what"); meson counts them and the test
 * command sums every binary's lines into "N passed, N failed".
 */
#ifndef BRIEFC_HARNESS_H
#define BRIEFC_HARNESS_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int harness_n, harness_failed;

static inline bool harness_check(bool ok, const char *what, const char *file, int line)
{
    harness_n++;
    if (ok) {
        printf("ok %d - %s\n", harness_n, what);
    } else {
        harness_failed++;
        printf("not ok %d - %s (%s:%d)\n", harness_n, what, file, line);
    }
    fflush(stdout);
    return ok;
}

/* CHECK(cond, "what it checks") */
#define CHECK(cond, what) harness_check((cond), (what), __FILE__, __LINE__)
#define CHECK_INT(a, b, what) do { \
        long long ha_ = (long long)(a), hb_ = (long long)(b); \
        if (!harness_check(ha_ == hb_, (what), __FILE__, __LINE__)) \
            printf("#   got %lld, expected %lld\n", ha_, hb_); \
    } while (0)
#define CHECK_STR(a, b, what) do { \
        const char *ha_ = (a), *hb_ = (b); \
        bool eq_ = ha_ && hb_ && strcmp(ha_, hb_) == 0; \
        if (!harness_check(eq_, (what), __FILE__, __LINE__)) \
            printf("#   got \"%s\", expected \"%s\"\n", ha_ ? ha_ : "(null)", hb_ ? hb_ : "(null)"); \
    } while (0)

/* Prints the TAP plan; return its value from main. */
static inline int harness_done(void)
{
    printf("1..%d\n", harness_n);
    return harness_failed ? 1 : 0;
}

#endif
