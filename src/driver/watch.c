/*
 * watch.c: `briefc watch BRIEF`: compile, then compile again whenever a
 * file the compile read changes, for a writer with the PDF open beside
 * the editor. The files come from the compile's own record, so a section,
 * an image or a CSV added to the brief is watched from its next compile
 * on. Folders are watched, not files, since editors save by writing a new
 * file and renaming it over the old one. The PDF is written atomically,
 * so a viewer never sees a part of one.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/file.h"
#include "driver/driver.h"
#include "driver/stages.h"

typedef struct watched {
    int wd;
    const char *dir, *name;
} watched;

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void compile_once(const driver_options *o, bool color)
{
    double t0 = now_ms();
    driver_result r = {0};
    driver_options co = *o;
    co.result = &r;
    diag_list *d = diag_new();
    bool ok = driver_compile(&co, d);
    diag_print(d, stderr, true, color);
    if (ok)
        fprintf(stderr, "wrote %s (%d page%s, %.0f ms)\n", o->out_path, r.pages,
                r.pages == 1 ? "" : "s", now_ms() - t0);
    else
        fprintf(stderr, "not written: %d error%s (the previous PDF is kept)\n",
                diag_error_count(d), diag_error_count(d) == 1 ? "" : "s");
    diag_free(d);
}

/* Watches the folder of every file in the record; returns how many files. */
static size_t watch_inputs(arena *a, int fd, const char *record, watched **out, size_t *n_out)
{
    char *data;
    size_t len, cap = 0, files = 0;
    *out = NULL;
    *n_out = 0;
    if (!file_read(a, record, 64u << 20, &data, &len))
        return 0;
    for (char *line = strchr(data, '\n'); line && *++line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char *path = strchr(line, ' ');
        path = path ? strchr(path + 1, ' ') : NULL;
        if (path && path[1] && path[1] != '(') {
            path++;
            const char *dir = file_dirname(a, path), *slash = strrchr(path, '/');
            int wd = inotify_add_watch(fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE |
                                                    IN_DELETE | IN_ATTRIB);
            if (wd >= 0) {
                watched *w = ARENA_PUSH(a, *out, *n_out, cap);
                *w = (watched){wd, dir, arena_strdup(a, slash ? slash + 1 : path)};
                files++;
            }
        }
        line = nl;
    }
    return files;
}

static bool is_input(const watched *w, size_t n, int wd, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (w[i].wd == wd && strcmp(w[i].name, name) == 0)
            return true;
    return false;
}

int driver_watch(const driver_options *o, bool color)
{
    char record[] = "/tmp/briefc-watch-XXXXXX";
    /* Watching ends with a signal: it removes the record too. */
    int slot;
    int rfd = driver_temp_create(record, &slot);
    if (rfd < 0) {
        fprintf(stderr, "briefc: cannot make a temporary file: %s\n", strerror(errno));
        return DRIVER_ENVIRONMENT;
    }
    driver_options wo = *o;
    wo.record_path = record;
    wo.record_always = true;
    for (;;) {
        compile_once(&wo, color);
        arena *a = arena_new();
        int fd = inotify_init1(IN_CLOEXEC);
        watched *w;
        size_t n;
        size_t files = fd >= 0 ? watch_inputs(a, fd, record, &w, &n) : 0;
        if (!files) {
            fprintf(stderr, "briefc: cannot watch the brief's files: %s\n",
                    fd < 0 ? strerror(errno) : "the compile read none");
            unlink(record);
            arena_free(a);
            return DRIVER_FAILED;
        }
        fprintf(stderr, "watching %zu file%s; Ctrl-C to stop\n", files, files == 1 ? "" : "s");
        bool changed = false;
        while (!changed) {
            char ev[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
            ssize_t got = read(fd, ev, sizeof ev);
            if (got <= 0) {
                if (errno == EINTR)
                    continue;
                break;
            }
            for (char *p = ev; p < ev + got;) {
                struct inotify_event *e = (struct inotify_event *)p;
                if (e->len && is_input(w, n, e->wd, e->name))
                    changed = true;
                p += sizeof *e + e->len;
            }
        }
        /* An editor's save comes as several events: let them settle. */
        struct pollfd pf = {fd, POLLIN, 0};
        while (poll(&pf, 1, 150) > 0) {
            char ev[8192];
            if (read(fd, ev, sizeof ev) <= 0)
                break;
        }
        close(fd);
        arena_free(a);
        if (!changed) {
            unlink(record);
            return DRIVER_FAILED;
        }
    }
}
