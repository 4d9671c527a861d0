/*
 * number.c: numbers as data files and tables write them (see number.h).
 */
#include "base/number.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* -12, 2,914, 3.5, .5 (a minus may be U+2212); commas group three digits.
 * Sets *decimals to the digits after the point. */
bool number_parse(const char *s, double *out, int *decimals)
{
    const char *p = s;
    bool neg = false;
    if (*p == '-' || *p == '+') {
        neg = *p == '-';
        p++;
    } else if (strncmp(p, "\xe2\x88\x92", 3) == 0) {
        neg = true;
        p += 3;
    }
    char digits[64];
    size_t n = 0;
    int group = -1;            /* digits since the last comma; -1 before any comma */
    int lead = 0;
    while ((*p >= '0' && *p <= '9') || *p == ',') {
        if (*p == ',') {
            if ((group < 0 && (lead < 1 || lead > 3)) || (group >= 0 && group != 3))
                return false;
            group = 0;
        } else {
            if (n + 1 >= sizeof digits)
                return false;
            digits[n++] = *p;
            if (group >= 0)
                group++;
            else
                lead++;
        }
        p++;
    }
    if (group >= 0 && group != 3)
        return false;
    size_t int_digits = n;
    *decimals = 0;
    if (*p == '.') {
        p++;
        if (n + 1 >= sizeof digits)
            return false;
        digits[n++] = '.';
        while (*p >= '0' && *p <= '9' && n + 1 < sizeof digits) {
            digits[n++] = *p++;
            (*decimals)++;
        }
    }
    if (*p || (int_digits == 0 && *decimals == 0))
        return false;
    digits[n] = '\0';
    double v = strtod(digits, NULL);
    if (!isfinite(v))
        return false;
    *out = neg ? -v : v;
    return true;
}
