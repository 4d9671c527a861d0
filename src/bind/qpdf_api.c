/*
 * qpdf_api.c: libqpdf's C API loaded with dlopen when a packet first
 * binds a PDF (see bind_common.h): only packets pay for qpdf's C++ and TLS
 * start-up. The table is filled once per process under pthread_once and
 * only read after, so threads of `briefc build` share it safely; like
 * cmark-gfm's registry of extensions, it is state of a library's own.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "bind/bind_common.h"
#include "config.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static bind_qpdf table;
static char failure[256];    /* why loading failed; empty when it did not */

static void load(void)
{
    /* The soname meson found at configure time, then the development
     * link, should a newer runtime have replaced it. */
    static const char *const names[] = {BIND_QPDF_SONAME, "libqpdf.so"};
    void *lib = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !lib; i++)
        lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(failure, sizeof failure, "cannot load qpdf (%s): %s", BIND_QPDF_SONAME,
                 dlerror());
        return;
    }
#define BIND_QPDF_FIND(f)                                                             \
    if (!failure[0] && !(*(void **)&table.f = dlsym(lib, #f)))                         \
        snprintf(failure, sizeof failure, "qpdf (%s) has no %s", BIND_QPDF_SONAME, #f);
    BIND_QPDF_FUNCTIONS(BIND_QPDF_FIND)
#undef BIND_QPDF_FIND
}

bool bind_qpdf_load(char *err, size_t err_size)
{
    pthread_once(&once, load);
    if (failure[0]) {
        snprintf(err, err_size, "%s", failure);
        return false;
    }
    return true;
}

const bind_qpdf *bind_qpdf_api(void)
{
    return &table;
}
