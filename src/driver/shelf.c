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
#include <fcntl.h>
#include <sys/file.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/file.h"
#include "briefc.h"
#include "driver/driver.h"
#include "driver/stages.h"
#include "text/font.h"
#include "text/hyph.h"

typedef struct job {
    const char *brief, *out, *record, *name;
    int status;                /* DRIVER_OK or DRIVER_FAILED */
    const char *state;         /* built, skipped, failed, "built with warnings" */
    int pages;
    double ms;
    diag_list *d;              /* its diagnostics, for the report */
} job;

typedef struct shelf {
    const driver_build_options *o;
    const text_fonts *fonts;   /* loaded once, shared by every compile */
    const text_hyph *hyph;
    job *jobs;
    size_t n, next, done;
    int built, skipped, fetched, failed;
    pthread_mutex_t lock;
} shelf;

/* Copies src to dst, atomically. */
static bool copy_file(const char *src, const char *dst)
{
    arena *a = arena_new();
    char *data;
    size_t len;
    bool ok = file_read(a, src, 1u << 30, &data, &len) && driver_write_bytes(dst, data, len);
    arena_free(a);
    return ok;
}

/* The shared cache (--cache DIR): NAME.record, the record of the last
 * build any machine made of NAME, and KEY.pdf, its PDF under the hash of
 * that record, so a PDF is found only for exactly the inputs it was made
 * from. NAME.lock keeps two machines from building NAME at once: the
 * second waits, then finds the first's PDF. */
static char *cache_key_pdf(arena *a, const char *cache, const char *record)
{
    char *data;
    size_t len;
    if (!file_read(a, record, 64u << 20, &data, &len))
        return NULL;
    return file_join(a, cache, arena_printf(a, "%016llx.pdf", file_hash(data, len)));
}

static bool cache_fetch(arena *a, const char *cache, const job *j)
{
    const char *rec = file_join(a, cache, arena_printf(a, "%s.record", j->name));
    if (!driver_record_fresh(rec))
        return false;
    const char *pdf = cache_key_pdf(a, cache, rec);
    return pdf && file_exists(pdf) && copy_file(pdf, j->out) && copy_file(rec, j->record);
}

static void cache_store(arena *a, const char *cache, const job *j)
{
    const char *pdf = cache_key_pdf(a, cache, j->record);
    if (pdf && copy_file(j->out, pdf))
        copy_file(j->record, file_join(a, cache, arena_printf(a, "%s.record", j->name)));
}

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
        j->state = "skipped";
        j->pages = driver_record_pages(j->record);
        return;
    }
    arena *ca = arena_new();
    int cache_lock = -1;
    if (o->cache_dir) {
        cache_lock = open(file_join(ca, o->cache_dir, arena_printf(ca, "%s.lock", j->name)),
                          O_RDWR | O_CREAT | O_CLOEXEC, 0666);
        if (cache_lock >= 0)
            flock(cache_lock, LOCK_EX);
        if (!o->force && cache_fetch(ca, o->cache_dir, j)) {
            close(cache_lock);
            arena_free(ca);
            pthread_mutex_lock(&s->lock);
            s->fetched++;
            printf("[%zu/%zu] fetched %s (from the cache)\n", ++s->done, s->n, j->out);
            fflush(stdout);
            pthread_mutex_unlock(&s->lock);
            j->status = DRIVER_OK;
            j->state = "fetched";
            j->pages = driver_record_pages(j->record);
            return;
        }
    }
    driver_result result = {0};
    driver_options co = {.brief_path = j->brief, .out_path = j->out, .fonts_dir = o->fonts_dir,
                         .strict = o->strict, .record_path = j->record, .result = &result,
                         .shared_fonts = s->fonts, .shared_hyph = s->hyph};
    diag_list *d = diag_new();
    bool ok = driver_compile(&co, d);
    if (ok && o->cache_dir)
        cache_store(ca, o->cache_dir, j);
    if (cache_lock >= 0)
        close(cache_lock);
    arena_free(ca);
    double ms = ms_since(&t0);
    pthread_mutex_lock(&s->lock);
    /* Excerpts always: a CI log is read without the files at hand. */
    if (o->json)
        diag_print_json(d, stderr);
    else
        diag_print(d, stderr, true, o->color);
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
    j->d = d;
    j->pages = result.pages;
    j->ms = ms;
    j->status = ok ? DRIVER_OK : DRIVER_FAILED;
    j->state = !ok ? "failed" : warnings ? "built with warnings" : "built";
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

/* The machine: fonts, hyphenation patterns, a writable output folder,
 * and SOURCE_DATE_EPOCH, which every document would refuse alike. */
/* Loads what every compile shares into *fonts and *hyph (the caller
 * frees them); false, having said why, when the machine cannot build. */
static bool environment_ok(arena *a, const driver_build_options *o, const char *state_dir,
                           text_fonts **fonts, text_hyph **hyph)
{
    diag_list *d = diag_new();
    char today[16];
    driver_today(d, today);
    bool time_ok = diag_error_count(d) == 0;
    char buf[4096];
    const char *fonts_dir = o->fonts_dir ? o->fonts_dir : driver_fonts_dir(buf, sizeof buf);
    /* Each face checked now, loaded once when a compile first needs it. */
    *fonts = text_fonts_load(a, d, fonts_dir, NULL);
    *hyph = *fonts ? text_hyph_load(d, TEXT_HYPH_DEFAULT) : NULL;
    bool ok = time_ok && *fonts && *hyph;
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
        diag_print(d, stderr, true, o->color);
        fprintf(stderr, "briefc: the environment is broken, not a brief: nothing was built "
                        "(exit status %d)\n", DRIVER_ENVIRONMENT);
    }
    diag_free(d);
    return ok;
}

/* Temporary files a killed build left of this shelf's documents
 * (SIGKILL, a power cut), which no living process holds. */
static void remove_leftovers(arena *a, const char *dir, const shelf *s, const char *ext)
{
    for (size_t i = 0; i < s->n; i++)
        driver_temp_sweep(dir, arena_printf(a, "%s.%s.tmp.", s->jobs[i].name, ext));
}

/* The report: every document of the run, with its diagnostics. */
static bool write_report(arena *a, const driver_build_options *o, const shelf *s)
{
    buf b;
    buf_init(&b);
    buf_puts(&b, "{\n  \"briefc\": ");
    buf_put_json_string(&b, briefc_version());
    buf_puts(&b, ",\n  \"shelf\": ");
    buf_put_json_string(&b, o->dir);
    buf_puts(&b, ",\n  \"output\": ");
    buf_put_json_string(&b, o->out_dir);
    buf_printf(&b, ",\n  \"summary\": {\"documents\": %zu, \"built\": %d, \"skipped\": %d, "
                   "\"fetched\": %d, \"failed\": %d},\n  \"documents\": [",
               s->n, s->built, s->skipped, s->fetched, s->failed);
    for (size_t i = 0; i < s->n; i++) {
        const job *j = &s->jobs[i];
        buf_puts(&b, i ? ",\n    {" : "\n    {");
        buf_puts(&b, "\"source\": ");
        buf_put_json_string(&b, j->brief);
        buf_puts(&b, ", \"output\": ");
        buf_put_json_string(&b, j->out);
        buf_puts(&b, ", \"status\": ");
        buf_put_json_string(&b, j->state);
        buf_printf(&b, ", \"pages\": %d, \"ms\": %.1f", j->pages, j->ms);
        char *pdf;
        size_t len;
        if (j->status == DRIVER_OK && file_read(a, j->out, 1u << 30, &pdf, &len))
            buf_printf(&b, ", \"hash\": \"fnv1a64:%016llx\"", file_hash(pdf, len));
        buf_puts(&b, ", \"diagnostics\": [");
        for (size_t k = 0; j->d && k < diag_count(j->d); k++) {
            if (k)
                buf_puts(&b, ", ");
            diag_entry_json(&b, diag_get(j->d, k));
        }
        buf_puts(&b, "]}");
    }
    buf_puts(&b, "\n  ]\n}\n");
    bool ok = driver_write_bytes(o->report_path, b.data, b.len);
    if (!ok)
        fprintf(stderr, "briefc: cannot write the report '%s': %s\n", o->report_path,
                strerror(errno));
    buf_fini(&b);
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
    text_fonts *fonts;
    text_hyph *hyph;
    if (!environment_ok(a, o, state_dir, &fonts, &hyph)) {
        text_fonts_free(fonts);
        text_hyph_free(hyph);
        arena_free(a);
        return DRIVER_ENVIRONMENT;
    }
    /* One build per output folder at a time: the second is told so. */
    int lock = open(file_join(a, state_dir, "lock"), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (lock < 0 || flock(lock, LOCK_EX | LOCK_NB) != 0) {
        fprintf(stderr, "briefc: another briefc build is writing to '%s'; wait for it to end, "
                        "or build into another folder (exit status %d)\n", o->out_dir, DRIVER_BUSY);
        if (lock >= 0)
            close(lock);
        text_fonts_free(fonts);
        text_hyph_free(hyph);
        arena_free(a);
        return DRIVER_BUSY;
    }
    /* A shard: every shards-th document of the sorted shelf, so slices
     * are disjoint, cover the shelf and differ in size by one at most. */
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (!o->shards || (int)(i % (size_t)o->shards) == o->shard - 1)
            names[kept++] = names[i];
    n = kept;
    shelf s = {.o = o, .n = n, .fonts = fonts, .hyph = hyph};
    s.jobs = arena_alloc(a, (n + 1) * sizeof *s.jobs);
    for (size_t i = 0; i < n; i++) {
        job *j = &s.jobs[i];
        j->name = file_stem(a, names[i]);
        j->brief = file_join(a, o->dir, names[i]);
        j->out = file_join(a, o->out_dir, arena_printf(a, "%s.pdf", j->name));
        j->record = file_join(a, state_dir, arena_printf(a, "%s.record", j->name));
    }
    if (o->cache_dir && mkdir(o->cache_dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "briefc: cannot use the cache folder '%s': %s (exit status %d)\n",
                o->cache_dir, strerror(errno), DRIVER_ENVIRONMENT);
        close(lock);
        text_fonts_free(fonts);
        text_hyph_free(hyph);
        arena_free(a);
        return DRIVER_ENVIRONMENT;
    }
    remove_leftovers(a, o->out_dir, &s, "pdf");
    remove_leftovers(a, state_dir, &s, "record");
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
    printf("%zu document%s: %d built, %d up to date, ", n, n == 1 ? "" : "s", s.built, s.skipped);
    if (o->cache_dir)
        printf("%d from the cache, ", s.fetched);
    printf("%d failed\n", s.failed);
    int status = s.failed ? DRIVER_FAILED : DRIVER_OK;
    if (o->report_path && !write_report(a, o, &s))
        status = DRIVER_ENVIRONMENT;
    for (size_t i = 0; i < n; i++)
        diag_free(s.jobs[i].d);
    close(lock);
    text_fonts_free(fonts);
    text_hyph_free(hyph);
    arena_free(a);
    return status;
}
