/*
 * driver.c: a compile from the command line's point of view: a brief
 * alone, its stages in a row, or a packet of them (packet.c).
 */
#include "driver/driver.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/file.h"
#include "brief/packet.h"
#include "briefc.h"
#include "config.h"
#include "driver/stages.h"
#include "text/hyph.h"

const char *driver_fonts_dir(char *beside, size_t size)
{
    const char *env = getenv("BRIEFC_FONTS");
    if (env && *env)
        return env;
    /* Beside the binary first, so an installed or moved briefc uses its
     * own fonts: PREFIX/bin/briefc finds PREFIX/share/briefc/fonts, and
     * build/briefc the source tree's fonts/. */
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            static const char *const relative[] = {"../share/briefc/fonts", "../fonts"};
            for (size_t i = 0; i < 2; i++) {
                snprintf(beside, size, "%s/%s", exe, relative[i]);
                char real[PATH_MAX];
                if (file_exists(beside) && realpath(beside, real)) {
                    snprintf(beside, size, "%s", real);
                    return beside;
                }
            }
        }
    }
    return BRIEFC_FONTS_DIR;
}

static int by_name(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

unsigned long long driver_identity(const char *fonts_dir)
{
    /* The version, then every shipped face and the patterns, in name
     * order: what a cache of PDFs must key on besides the inputs. */
    arena *a = arena_new();
    buf b;
    buf_init(&b);
    buf_puts(&b, "briefc " BRIEFC_VERSION "\n");
    DIR *dir = opendir(fonts_dir);
    const char **names = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; dir && (e = readdir(dir));)
        if (e->d_name[0] != '.')
            *(const char **)ARENA_PUSH(a, names, n, cap) = arena_strdup(a, e->d_name);
    if (dir)
        closedir(dir);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    const char *files[2] = {NULL, TEXT_HYPH_DEFAULT};
    for (size_t i = 0; i <= n; i++) {
        files[0] = i < n ? file_join(a, fonts_dir, names[i]) : NULL;
        const char *path = i < n ? files[0] : files[1];
        char *data;
        size_t len;
        if (file_read(a, path, 64u << 20, &data, &len))
            buf_printf(&b, "%016llx %s\n", file_hash(data, len), i < n ? names[i] : path);
    }
    unsigned long long h = file_hash(b.data, b.len);
    buf_fini(&b);
    arena_free(a);
    return h;
}

bool driver_parse_standard(const char *s, unsigned *out)
{
    static const char *const names[] = {"ua-1", "a-2b", "a-2u"};
    unsigned bits = 0;
    while (*s) {
        size_t n = strcspn(s, ",");
        size_t i = 0;
        while (i < 3 && !(strlen(names[i]) == n && strncmp(s, names[i], n) == 0))
            i++;
        if (i == 3)
            return false;
        bits |= 1u << i;
        s += n + (s[n] == ',');
    }
    if (!bits || ((bits & BRIEF_STD_A2B) && (bits & BRIEF_STD_A2U)))
        return false;
    *out = bits;
    return true;
}

/* A brief alone: numbered from 1 to its page count. */
static bool compile_brief(driver *dr)
{
    const driver_options *o = dr->o;
    driver_doc *dd = driver_load(dr, o->brief_path);
    if (dd)
        dr->std = o->pdf_standard ? o->pdf_standard : dd->b->pdf_standard;
    if (!dd || !driver_content(dr, dd) || !driver_layout(dr, dd))
        return false;
    int n = (int)layout_page_count(dd->L);
    layout_finish(dd->L, &(layout_numbering){.first = 1, .total = n});
    display_doc *out = layout_display(dd->L);
    driver_metadata(dr, dd, out);
    driver_report(dr, dd, file_stem(dr->a, o->brief_path), o->check_only);
    if (o->dump_layout)
        display_dump(out, stdout);
    if (o->stats)
        layout_stats_print(&dd->stats, stdout);
    if (o->result)
        o->result->pages = n;
    if (o->check_only)
        return true;
    driver_release(dr, dd);
    return driver_write(dr, out, NULL, 0, o->out_path, dd);
}

static bool write_small(diag_list *d, const char *path, const buf *text)
{
    if (driver_write_bytes(path, text->data, text->len))
        return true;
    return diag_error(d, (src_loc){path, 0, 0}, "cannot write '%s': %s", path, strerror(errno));
}

/* A make rule: the output depends on every file the compile read. */
static void depfile_path(buf *b, const char *p)
{
    for (; *p; p++) {
        if (*p == ' ' || *p == '#' || *p == '\\')
            buf_putc(b, '\\');
        if (*p == '$')
            buf_putc(b, '$');
        buf_putc(b, *p);
    }
}

static bool write_inputs(driver *dr)
{
    const driver_options *o = dr->o;
    arena *a = dr->a;
    size_t n = file_record_count(a);
    bool ok = true;
    if (o->deps_path) {
        buf b;
        buf_init(&b);
        depfile_path(&b, o->out_path);
        buf_puts(&b, ":");
        for (size_t i = 0; i < n; i++) {
            const char *path = file_record_path(a, i);
            if (path[0] == '(' || strchr(path, '\n'))
                continue;
            buf_puts(&b, " \\\n  ");
            depfile_path(&b, path);
        }
        buf_puts(&b, "\n");
        ok = write_small(dr->d, o->deps_path, &b) && ok;
        buf_fini(&b);
    }
    if (o->record_path) {
        buf b;
        buf_init(&b);
        buf_puts(&b, "briefc-record 1\n");
        /* Not an input: what the build made, for a later report. */
        if (o->result)
            buf_printf(&b, "%016llx %d (pages)\n", 0ULL, o->result->pages);
        for (size_t i = 0; i < n; i++) {
            const file_entry *e = file_record_get(a, i);
            if (!strchr(e->path, '\n'))
                buf_printf(&b, "%016llx %zu %s\n", e->hash, e->size, e->path);
        }
        ok = write_small(dr->d, o->record_path, &b) && ok;
        buf_fini(&b);
    }
    return ok;
}

bool driver_compile(const driver_options *o, diag_list *d)
{
    if (o->strict)
        diag_set_warnings_as_errors(d, true);
    int errors = diag_error_count(d);
    driver *dr = driver_new(o, d);
    if (diag_error_count(d) > errors) {
        /* SOURCE_DATE_EPOCH is wrong: nothing is compiled, nothing written. */
        driver_free(dr);
        return false;
    }
    bool ok = brief_is_packet(dr->a, o->brief_path) ? driver_packet(dr) : compile_brief(dr);
    driver_note_fonts(dr);     /* every face consulted, should a stage after layout load one */
    if (ok && !o->check_only && diag_error_count(d) == 0)
        ok = write_inputs(dr);
    else if (o->record_always && o->record_path)
        write_inputs(dr);   /* what a failed compile read, for watch */
    driver_free(dr);
    return ok && diag_error_count(d) == 0;
}

int driver_record_pages(const char *record_path)
{
    arena *a = arena_new();
    char *data, *at;
    size_t len;
    int pages = 0;
    if (file_read(a, record_path, 64u << 20, &data, &len) && (at = strstr(data, " (pages)\n"))) {
        while (at > data && at[-1] != ' ')
            at--;
        pages = atoi(at);
    }
    arena_free(a);
    return pages;
}

bool driver_record_fresh(const char *record_path)
{
    arena *a = arena_new();
    char *data;
    size_t len;
    bool fresh = file_read(a, record_path, 64u << 20, &data, &len) &&
                 strncmp(data, "briefc-record 1\n", 16) == 0;
    char today[16];
    diag_list *quiet = diag_new();
    driver_today(quiet, today);
    diag_free(quiet);
    for (char *line = fresh ? data + 16 : NULL; fresh && line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        unsigned long long hash;
        size_t size;
        int at = 0;
        if (sscanf(line, "%llx %zu %n", &hash, &size, &at) != 2 || !at) {
            fresh = false;
            break;
        }
        const char *path = line + at;
        if (strcmp(path, "(pages)") == 0) {
            fresh = true;
        } else if (strcmp(path, "(briefc)") == 0) {
            const char *v = "briefc " BRIEFC_VERSION;
            fresh = hash == file_hash(v, strlen(v));
        } else if (strcmp(path, "(today)") == 0) {
            fresh = hash == file_hash(today, strlen(today));
        } else if (strncmp(path, "(absent) ", 9) == 0) {
            /* A file looked for first and not found (a brief's own style). */
            fresh = !file_exists(path + 9);
        } else {
            char *now;
            size_t n;
            /* Fonts can be large; the record caps what it reads at 64 MiB. */
            fresh = file_read(a, path, 64u << 20, &now, &n) && n == size &&
                    file_hash(now, n) == hash;
        }
        line = nl ? nl + 1 : NULL;
    }
    arena_free(a);
    return fresh;
}

const char *briefc_version(void)
{
    return BRIEFC_VERSION;
}

bool briefc_compile(const briefc_options *o, diag_list *d)
{
    return driver_compile(o, d);
}
