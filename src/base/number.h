/*
 * number.h: reading a number as data files and tables write it: "-12",
 * "2,914", "3.5", ".5", a minus sign U+2212. The figures' loader reads
 * chart values with it; the content builder finds a Markdown table's
 * numbers (aligned on their decimal point) with it.
 */
#ifndef BRIEFC_BASE_NUMBER_H
#define BRIEFC_BASE_NUMBER_H

#include <stdbool.h>

/* False for anything else; *decimals: the digits after the point. */
bool number_parse(const char *s, double *out, int *decimals);

#endif
