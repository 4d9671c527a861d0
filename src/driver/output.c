/*
 * output.c: writing the PDF so that nothing is lost: to a temporary file
 * beside the target, flushed to disk, then renamed over it; readers see
 * the old PDF or the new one, never a part, and a failed write leaves the
 * old one as it was.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

static int temporary(arena *a, const char *out, char **tmp)
{
    *tmp = arena_printf(a, "%s.tmp.XXXXXX", out);
    int fd = mkstemp(*tmp);
    if (fd >= 0)
        close(fd);
    return fd;
}

bool driver_write(driver *dr, const display_doc *doc, const driver_bound *bound, size_t n_bound,
                  const char *out)
{
    arena *a = dr->a;
    diag_list *d = dr->d;
    if (!make_parent_dirs(a, out, d))
        return false;
    char *tmp, *bound_tmp = NULL;
    if (temporary(a, out, &tmp) < 0)
        return diag_error(d, (src_loc){out, 0, 0}, "cannot create a temporary file beside '%s': %s",
                          out, strerror(errno));
    if (!pdf_write(doc, tmp, out, d)) {
        unlink(tmp);
        return false;
    }
    if (n_bound) {
        /* libharu wrote the placeholders; the bound pages go under them. */
        if (temporary(a, out, &bound_tmp) < 0) {
            int e = errno;
            unlink(tmp);
            return diag_error(d, (src_loc){out, 0, 0},
                              "cannot create a temporary file beside '%s': %s", out, strerror(e));
        }
        bind_page *pages = arena_alloc(a, n_bound * sizeof *pages);
        for (size_t i = 0; i < n_bound; i++)
            pages[i] = (bind_page){bound[i].page, bound[i].src, bound[i].src_page};
        char err[512];
        int dropped = 0;
        bool ok = bind_merge(tmp, bound_tmp, pages, n_bound, dr->reproducible, &dropped, err,
                             sizeof err);
        unlink(tmp);
        if (!ok) {
            unlink(bound_tmp);
            return diag_error(d, (src_loc){out, 0, 0}, "cannot bind the PDFs into '%s': %s", out,
                              err);
        }
        if (dropped)
            diag_warning(d, (src_loc){out, 0, 0},
                         "%d annotation%s of the bound PDFs (form fields, or links to pages "
                         "not bound) could not be carried over",
                         dropped, dropped == 1 ? "" : "s");
        tmp = bound_tmp;
        if (diag_error_count(d)) {     /* --strict */
            unlink(tmp);
            return false;
        }
    }
    int fd = open(tmp, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    if (!driver_give_mode(tmp, out) || rename(tmp, out) != 0) {
        int e = errno;
        unlink(tmp);
        return diag_error(d, (src_loc){out, 0, 0}, "cannot write '%s': %s", out, strerror(e));
    }
    return true;
}
