/*
 * shelf.c: `briefc build`: every brief and packet of a folder compiled
 * into an output folder, only those whose inputs changed since their last
 * good build (each compile records what it read, with hashes, beside the
 * PDFs in OUT/.briefc/), several at once on threads. The machine is
 * checked first, so a broken environment (no fonts, no hyphenation
 * patterns, an output folder that cannot be written) gets its own exit
 * status instead of failing every brief.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/file.h"
#include "driver/driver.h"
#include "text/font.h"
#include "text/hyph.h"

typedef struct job {
    const char *brief, *out, *record, *name;
    int status;                /* DRIVER_OK or DRIVER_FAILED */
} job;

typedef struct shelf {
    const driver_build_options *o;
    job *jobs;
    size_t n, next, done;
    int built, skipped, failed;
    pthread_mutex_t lock;
} shelf;

static double ms_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (t1.tv_sec - t0->tv_sec) * 1e3 + (t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* One document: skipped when its record still holds and its PDF is
 * there, else compiled; its diagnostics and progress line are printed
 * together, so lines of documents built at once never mix. */
static void run_job(shelf *s, job *j)
{
    const driver_build_options *o = s->o;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (!o->force && file_exists(j->out) && driver_record_fresh(j->record)) {
        pthread_mutex_lock(&s->lock);
        s->skipped++;
        printf("[%zu/%zu] skipped %s (up to date)\n", ++s->done, s->n, j->out);
        fflush(stdout);
        pthread_mutex_unlock(&s->lock);
        j->status = DRIVER_OK;
        return;
    }
    driver_result result = {0};
    driver_options co = {.brief_path = j->brief, .out_path = j->out, .fonts_dir = o->fonts_dir,
                         .strict = o->strict, .record_path = j->record, .result = &result};
    diag_list *d = diag_new();
    bool ok = driver_compile(&co, d);
    double ms = ms_since(&t0);
    pthread_mutex_lock(&s->lock);
    diag_print(d, stderr, o->color, o->color);
    fflush(stderr);
    int errors = diag_error_count(d), warnings = diag_warning_count(d);
    if (ok) {
        s->built++;
        printf("[%zu/%zu] built %s (%d page%s, %.0f ms", ++s->done, s->n, j->out, result.pages,
               result.pages == 1 ? "" : "s", ms);
        if (warnings)
            printf(", %d warning%s", warnings, warnings == 1 ? "" : "s");
        printf(")\n");
    } else {
        s->failed++;
        printf("[%zu/%zu] FAILED %s (%d error%s)\n", ++s->done, s->n, j->brief,
               errors ? errors : 1, errors == 1 || !errors ? "" : "s");
    }
    fflush(stdout);
    pthread_mutex_unlock(&s->lock);
    diag_free(d);
    j->status = ok ? DRIVER_OK : DRIVER_FAILED;
}

static void *worker(void *arg)
{
    shelf *s = arg;
    for (;;) {
        pthread_mutex_lock(&s->lock);
        size_t i = s->next < s->n ? s->next++ : s->n;
        pthread_mutex_unlock(&s->lock);
        if (i >= s->n)
            return NULL;
        run_job(s, &s->jobs[i]);
    }
}

static int by_name(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static bool has_yaml_suffix(const char *name)
{
    size_t n = strlen(name);
    return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
           (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

/* The machine: fonts, hyphenation patterns, a writable output folder. */
static bool environment_ok(arena *a, const driver_build_options *o, const char *state_dir)
{
    diag_list *d = diag_new();
    char buf[4096];
    const char *fonts_dir = o->fonts_dir ? o->fonts_dir : driver_fonts_dir(buf, sizeof buf);
    text_fonts *fonts = text_fonts_load(a, d, fonts_dir, NULL);
    text_fonts_free(fonts);
    text_hyph *hyph = fonts ? text_hyph_load(d, TEXT_HYPH_DEFAULT) : NULL;
    text_hyph_free(hyph);
    bool ok = fonts && hyph;
    if (ok) {
        char *p = arena_strdup(a, state_dir);
        for (char *q = p + 1; *q; q++)
            if (*q == '/') {
                *q = '\0';
                mkdir(p, 0777);
                *q = '/';
            }
        if ((mkdir(p, 0777) != 0 && errno != EEXIST) || access(p, W_OK) != 0) {
            diag_error(d, (src_loc){o->out_dir, 0, 0}, "cannot write to the output folder: %s",
                       strerror(errno));
            ok = false;
        }
    }
    if (!ok) {
        diag_print(d, stderr, o->color, o->color);
        fprintf(stderr, "briefc: the environment is broken, not a brief: nothing was built "
                        "(exit status %d)\n", DRIVER_ENVIRONMENT);
    }
    diag_free(d);
    return ok;
}

int driver_build(const driver_build_options *o)
{
    DIR *dir = opendir(o->dir);
    if (!dir) {
        fprintf(stderr, "briefc: cannot read the folder '%s': %s\n", o->dir, strerror(errno));
        return DRIVER_USAGE;
    }
    arena *a = arena_new();
    const char **names = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(dir));) {
        if (e->d_name[0] == '.' || !has_yaml_suffix(e->d_name))
            continue;
        *(const char **)ARENA_PUSH(a, names, n, cap) = arena_strdup(a, e->d_name);
    }
    closedir(dir);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    const char *state_dir = file_join(a, o->out_dir, ".briefc");
    if (!environment_ok(a, o, state_dir)) {
        arena_free(a);
        return DRIVER_ENVIRONMENT;
    }
    shelf s = {.o = o, .n = n};
    s.jobs = arena_alloc(a, (n + 1) * sizeof *s.jobs);
    for (size_t i = 0; i < n; i++) {
        job *j = &s.jobs[i];
        j->name = file_stem(a, names[i]);
        j->brief = file_join(a, o->dir, names[i]);
        j->out = file_join(a, o->out_dir, arena_printf(a, "%s.pdf", j->name));
        j->record = file_join(a, state_dir, arena_printf(a, "%s.record", j->name));
    }
    pthread_mutex_init(&s.lock, NULL);
    int jobs = o->jobs > 0 ? o->jobs : 1;
    if ((size_t)jobs > n)
        jobs = n ? (int)n : 1;
    pthread_t *threads = arena_alloc(a, (size_t)jobs * sizeof *threads);
    int started = 0;
    for (int t = 1; t < jobs; t++)
        if (pthread_create(&threads[started], NULL, worker, &s) == 0)
            started++;
    worker(&s);
    for (int t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    pthread_mutex_destroy(&s.lock);
    printf("%zu document%s: %d built, %d up to date, %d failed\n", n, n == 1 ? "" : "s",
           s.built, s.skipped, s.failed);
    int status = s.failed ? DRIVER_FAILED : DRIVER_OK;
    arena_free(a);
    return status;
}
