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

bool driver_write(driver *dr, const display_doc *doc, const driver_bound *bound, size_t n_bound,
                  const char *out)
{
    arena *a = dr->a;
    diag_list *d = dr->d;
    (void)bound;
    if (n_bound)
        return diag_error(d, (src_loc){out, 0, 0}, "cannot bind PDFs in this build");
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
