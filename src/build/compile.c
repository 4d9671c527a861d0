/*
 * compile.c: one compile, stage by stage (see compile.h).
 */
#include "build/compile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/file.h"
#include "brief/brief.h"
#include "briefc.h"
#include "config.h"
#include "content/content.h"
#include "image/image.h"
#include "layout/layout.h"
#include "pdf/pdf.h"
#include "text/font.h"
#include "text/hyph.h"

const char *build_fonts_dir(char *beside, size_t size)
{
    const char *env = getenv("BRIEFC_FONTS");
    if (env && *env)
        return env;
    if (file_exists(BRIEFC_FONTS_DIR))
        return BRIEFC_FONTS_DIR;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(beside, size, "%s/../fonts", exe);
            if (file_exists(beside))
                return beside;
        }
    }
    return BRIEFC_FONTS_DIR;
}

/* SOURCE_DATE_EPOCH when set (reproducible builds), else the clock. */
static time_t now(diag_list *d)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        errno = 0;
        long long v = strtoll(sde, &end, 10);
        if (*end == '\0' && errno == 0 && v >= 0)
            return (time_t)v;
        diag_warning(d, (src_loc){"SOURCE_DATE_EPOCH", 0, 0},
                     "'%s' is not a number of seconds; using the current time", sde);
    }
    return time(NULL);
}

static long long brief_epoch(const brief *b)
{
    if (!b->has_date)
        return -1;
    struct tm tm = {0};
    tm.tm_year = b->year - 1900;
    tm.tm_mon = b->month ? b->month - 1 : 0;
    tm.tm_mday = b->day ? b->day : 1;
    return (long long)timegm(&tm);
}

static bool make_parent_dirs(arena *a, const char *path, diag_list *d)
{
    char *dir = file_dirname(a, path);
    if (file_exists(dir))
        return true;
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        mkdir(dir, 0777);
        *p = '/';
    }
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return diag_error(d, (src_loc){path, 0, 0}, "cannot create folder '%s': %s", dir,
                          strerror(errno));
    return true;
}

/* Writes the PDF to a temporary file beside the target, flushes it to
 * disk and renames it over the target: readers see the old PDF or the
 * new one, never a part. */
static bool write_atomically(arena *a, const display_doc *doc, const char *out, diag_list *d)
{
    if (!make_parent_dirs(a, out, d))
        return false;
    char *tmp = arena_printf(a, "%s.tmp.XXXXXX", out);
    int fd = mkstemp(tmp);
    if (fd < 0)
        return diag_error(d, (src_loc){out, 0, 0}, "cannot create a temporary file beside '%s': %s",
                          out, strerror(errno));
    close(fd);
    if (!pdf_write(doc, tmp, out, d)) {
        unlink(tmp);
        return false;
    }
    fd = open(tmp, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    if (rename(tmp, out) != 0) {
        int e = errno;
        unlink(tmp);
        return diag_error(d, (src_loc){out, 0, 0}, "cannot write '%s': %s", out, strerror(e));
    }
    return true;
}

/* The layout style: the built-in default, then what the brief's style
 * file sets; the brief's own paper: wins over the style's. */
static bool apply_style(arena *a, diag_list *d, const brief *b, layout_style *st)
{
    const brief_style *s = &b->style;
    brief_paper paper = b->paper_given || !s->has_paper ? b->paper : s->paper;
    layout_style_default(st, paper == PAPER_A4);
    if (s->margins[0] > 0) {
        st->margin_top = s->margins[0];
        st->margin_right = s->margins[1];
        st->margin_bottom = s->margins[2];
        st->margin_left = s->margins[3];
    }
    if (s->font_size > 0) {
        double scale = s->font_size / st->body_size;
        st->body_size = s->font_size;
        st->note_size *= scale;
        st->note_leading *= scale;
        st->code_size *= scale;
        st->code_leading *= scale;
        st->body_leading = s->leading > 0 ? s->leading : s->font_size * 1.38;
    } else if (s->leading > 0) {
        st->body_leading = s->leading;
    }
    for (int i = 0; i < 6; i++)
        if (s->heading_sizes[i] > 0)
            st->heading_size[i] = s->heading_sizes[i];
    if (s->has_accent)
        st->accent = (disp_color){s->accent[0], s->accent[1], s->accent[2]};
    st->organisation = s->organisation;
    st->footer = s->footer;
    st->header = s->header;
    st->plain_title = s->plain_title;
    if (s->logo) {
        image *img = arena_alloc(a, sizeof *img);
        char err[256];
        if (!image_load(a, s->logo, img, err, sizeof err))
            return diag_error(d, s->logo_loc, "cannot use logo '%s': %s", s->logo, err);
        st->logo = img;
    }
    return true;
}

bool build_compile(const build_options *o, diag_list *d)
{
    if (o->strict)
        diag_set_warnings_as_errors(d, true);
    arena *a = arena_new();
    text_fonts *fonts = NULL;
    bool ok = false;
    time_t t = now(d);
    struct tm tm;
    gmtime_r(&t, &tm);
    char today[16];
    strftime(today, sizeof today, "%Y-%m-%d", &tm);

    brief *b = brief_load(a, d, o->brief_path, today);
    if (!b || diag_error_count(d))
        goto done;
    doc *D = content_build(a, d, b);
    if (!D || diag_error_count(d))
        goto done;
    char fonts_buf[PATH_MAX];
    const char *fonts_dir = o->fonts_dir ? o->fonts_dir : build_fonts_dir(fonts_buf, sizeof fonts_buf);
    const brief_style *bs = &b->style;
    text_families fam = {bs->fonts[0], bs->fonts[1], bs->fonts[2],
                         bs->fonts_loc[0], bs->fonts_loc[1], bs->fonts_loc[2]};
    fonts = text_fonts_load(a, d, fonts_dir, &fam);
    if (!fonts || diag_error_count(d))
        goto done;
    layout_style st;
    if (!apply_style(a, d, b, &st))
        goto done;
    text_hyph *hyph = text_hyph_load(d, TEXT_HYPH_DEFAULT);
    layout_stats stats;
    display_doc *out = layout_document(a, d, D, fonts, hyph, &st, &stats);
    text_hyph_free(hyph);
    if (diag_error_count(d))
        goto done;
    out->title = b->title;
    if (b->n_authors) {
        buf au;
        buf_init(&au);
        for (size_t i = 0; i < b->n_authors; i++) {
            if (i)
                buf_puts(&au, ", ");
            buf_puts(&au, b->authors[i]);
        }
        out->author = buf_to_arena(&au, a);
        buf_fini(&au);
    }
    out->subject = b->subtitle;
    out->creator = "briefc " BRIEFC_VERSION;
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    out->created = sde && *sde ? (long long)t : brief_epoch(b);
    if (o->dump_layout)
        display_dump(out, stdout);
    if (o->stats)
        layout_stats_print(&stats, stdout);
    if (o->check_only) {
        ok = true;
        goto done;
    }
    ok = write_atomically(a, out, o->out_path, d);
done:
    text_fonts_free(fonts);
    arena_free(a);
    return ok && diag_error_count(d) == 0;
}

const char *briefc_version(void)
{
    return BRIEFC_VERSION;
}

bool briefc_compile(const briefc_options *o, diag_list *d)
{
    return build_compile(o, d);
}
