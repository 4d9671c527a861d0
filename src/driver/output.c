/*
 * output.c: writing the PDF so that nothing is lost: to a temporary file
 * beside the target, flushed to disk, then renamed over it; readers see
 * the old PDF or the new one, never a part, and a failed write leaves the
 * old one as it was.
 */
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "base/file.h"
#include "bind/bind.h"
#include "driver/stages.h"
#include "pdf/pdf.h"

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

/* The umask, read without changing it (umask(2) would, for every thread). */
static mode_t current_umask(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    unsigned m = 022;
    char line[256];
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "Umask: %o", &m) == 1)
            break;
    if (f)
        fclose(f);
    return (mode_t)m;
}

bool driver_give_mode(const char *tmp, const char *target)
{
    /* mkstemp makes 0600: give what a new file would get (0644 under
     * the usual umask), or keep the mode of the file it replaces. */
    struct stat st;
    mode_t mode = stat(target, &st) == 0 && S_ISREG(st.st_mode) ? st.st_mode & 07777
                                                                 : 0666 & ~current_umask();
    return chmod(tmp, mode) == 0;
}

bool driver_write_bytes(const char *path, const void *data, size_t len)
{
    char tmp[PATH_MAX];
    if (snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", path) >= (int)sizeof tmp) {
        errno = ENAMETOOLONG;
        return false;
    }
    int slot;
    int fd = driver_temp_create(tmp, &slot);
    if (fd < 0)
        return false;
    bool ok = write(fd, data, len) == (ssize_t)len && fsync(fd) == 0;
    int e = errno;
    ok = ok && driver_give_mode(tmp, path) && rename(tmp, path) == 0;
    if (!ok) {
        e = errno ? errno : e;
        unlink(tmp);
    }
    driver_temp_done(slot);
    errno = ok ? 0 : e;
    return ok;
}

/* A temporary file beside out, which a signal removes until renamed.
 * The leftovers of runs into this folder that were killed go first. */
static int temporary(arena *a, const char *out, char **tmp, int *slot)
{
    const char *slash = strrchr(out, '/');
    driver_temp_sweep(file_dirname(a, out), arena_printf(a, "%s.tmp.", slash ? slash + 1 : out));
    *tmp = arena_printf(a, "%s.tmp.XXXXXX", out);
    return driver_temp_create(*tmp, slot);
}

/* The PDF (what: "PDF", given by option -o) or the depfile (--deps) may
 * replace only a regular file that the compile did not read: never the
 * brief, a section or a style (-o onto one would destroy it), nor a
 * device or a FIFO (renaming over /dev/null would replace it). */
static bool target_ok(driver *dr, const char *out, const char *what, const char *option)
{
    struct stat st;
    if (stat(out, &st) != 0)
        return true;
    if (!S_ISREG(st.st_mode))
        return diag_error(dr->d, (src_loc){out, 0, 0},
                          "'%s' is not a regular file; give %s the path of a %s to write", out,
                          option, what);
    for (size_t i = 0; i < file_record_count(dr->a); i++) {
        const char *path = file_record_path(dr->a, i);
        struct stat in;
        if (path[0] != '(' && stat(path, &in) == 0 && in.st_dev == st.st_dev &&
            in.st_ino == st.st_ino) {
            diag_error(dr->d, (src_loc){out, 0, 0},
                       "refusing to write the %s over '%s': the compile reads it", what, path);
            diag_hint(dr->d, "give %s a path of its own, e.g. output/NAME.%s", option,
                      strcmp(what, "PDF") == 0 ? "pdf" : "pdf.d");
            return false;
        }
    }
    return true;
}

/* Whether the folder of out is (nearly) out of space: libharu's own
 * error codes do not say so. */
static bool disk_full(arena *a, const char *out, int e)
{
    struct statvfs fs;
    return e == ENOSPC || e == EDQUOT ||
           (statvfs(file_dirname(a, out), &fs) == 0 &&
            (unsigned long long)fs.f_bavail * fs.f_frsize < 4ull << 20);
}

static bool write_fail(diag_list *d, const char *out, const char *what, int e)
{
    return diag_error(d, (src_loc){out, 0, 0}, "%s '%s': %s", what, out, strerror(e));
}

/* The loaded face of the compile whose file is path, NULL if none. */
static const text_font *loaded_face(void *ctx, const char *path)
{
    driver *dr = ctx;
    const text_font *f = dr->o->shared_fonts ? text_fonts_find(dr->o->shared_fonts, path) : NULL;
    for (size_t i = 0; !f && i < dr->n_font_sets; i++)
        f = text_fonts_find(dr->font_sets[i].fonts, path);
    return f;
}

typedef struct drawn_ctx {
    driver *dr;
    driver_doc *dd;
    display_doc *doc;
} drawn_ctx;

static void pages_drawn(void *ctx)
{
    drawn_ctx *c = ctx;
    driver_drop_pages(c->dr, c->dd, c->doc);
}

bool driver_write(driver *dr, display_doc *doc, const driver_bound *bound, size_t n_bound,
                  const char *out, driver_doc *dd)
{
    arena *a = dr->a;
    diag_list *d = dr->d;
    /* The depfile is written after the PDF: refused now, or the PDF
     * would be replaced by a compile that then fails. */
    if (!target_ok(dr, out, "PDF", "-o") ||
        (dr->o->deps_path && !target_ok(dr, dr->o->deps_path, "depfile", "--deps")) ||
        !make_parent_dirs(a, out, d) || !layout_embed_faces(a, d, doc, loaded_face, dr))
        return false;
    char *tmp, *bound_tmp = NULL;
    int slot, bound_slot = -1;
    if (temporary(a, out, &tmp, &slot) < 0)
        return write_fail(d, out, "cannot create a temporary file beside", errno);
    errno = 0;
    pdf_standard std = {.ua1 = dr->std & BRIEF_STD_UA1,
                        .pdfa2 = dr->std & BRIEF_STD_A2U ? 'U' : dr->std & BRIEF_STD_A2B ? 'B' : 0};
    drawn_ctx drawn = {dr, dd, doc};
    bool ok = pdf_write_std(doc, &std, tmp, out, d, dd ? pages_drawn : NULL, &drawn);
    if (!ok && disk_full(a, out, errno))
        diag_hint(d, "the disk holding '%s' is full: free some space, or write the PDF "
                     "elsewhere with -o; the previous PDF is untouched", out);
    if (ok && n_bound) {
        /* libharu wrote the placeholders; the bound pages go under them. */
        if (temporary(a, out, &bound_tmp, &bound_slot) < 0) {
            ok = write_fail(d, out, "cannot create a temporary file beside", errno);
        } else {
            bind_page *pages = arena_alloc(a, n_bound * sizeof *pages);
            for (size_t i = 0; i < n_bound; i++)
                pages[i] = (bind_page){bound[i].page, bound[i].src, bound[i].src_page};
            char err[512];
            int dropped = 0;
            ok = bind_merge(tmp, bound_tmp, pages, n_bound, dr->reproducible, &dropped, err,
                            sizeof err);
            if (!ok)
                diag_error(d, (src_loc){out, 0, 0}, "cannot bind the PDFs into '%s': %s", out,
                           err);
            else if (dropped)
                diag_warning(d, (src_loc){out, 0, 0},
                             "%d annotation%s of the bound PDFs (form fields, or links to pages "
                             "not bound) could not be carried over",
                             dropped, dropped == 1 ? "" : "s");
            ok = ok && !diag_error_count(d);     /* --strict */
        }
        unlink(tmp);
        driver_temp_done(slot);
        tmp = bound_tmp;
        slot = bound_slot;
    }
    if (ok) {
        int fd = open(tmp, O_RDONLY);
        if (fd >= 0) {
            fsync(fd);
            close(fd);
        }
        if (!driver_give_mode(tmp, out) || rename(tmp, out) != 0)
            ok = write_fail(d, out, "cannot write", errno);
    }
    if (!ok && tmp)
        unlink(tmp);
    driver_temp_done(slot);
    return ok;
}
