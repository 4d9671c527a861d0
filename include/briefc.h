/*
 * briefc.h: the public face of the briefc library (libbriefc.a), for a
 * program that wants to compile briefs without the command line.
 *
 *     briefc_options o = {.brief_path = "briefs/x.yaml", .out_path = "x.pdf"};
 *     diag_list *d = diag_new();
 *     bool ok = briefc_compile(&o, d);
 *     diag_print(d, stderr, false, false);
 *     diag_free(d);
 *
 * A compile owns all its memory and touches no global state, so two
 * compiles may run on two threads.
 */
#ifndef BRIEFC_H
#define BRIEFC_H

#include <stdbool.h>

#include "driver/driver.h"
#include "diag/diag.h"

typedef driver_options briefc_options;

/* The version, e.g. "0.1.0". */
const char *briefc_version(void);

/* Compiles (or, with check_only, checks) one brief or packet; see driver_compile. */
bool briefc_compile(const briefc_options *o, diag_list *d);

#endif
