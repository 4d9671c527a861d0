/*
 * driver.c: a compile from the command line's point of view: a brief
 * alone, its stages in a row, or a packet of them (packet.c).
 */
#include "driver/driver.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/file.h"
#include "brief/packet.h"
#include "briefc.h"
#include "config.h"
#include "driver/stages.h"

const char *driver_fonts_dir(char *beside, size_t size)
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

/* A brief alone: numbered from 1 to its page count. */
static bool compile_brief(driver *dr)
{
    const driver_options *o = dr->o;
    driver_doc *dd = driver_load(dr, o->brief_path);
    if (!dd || !driver_content(dr, dd) || !driver_layout(dr, dd))
        return false;
    int n = (int)layout_page_count(dd->L);
    layout_finish(dd->L, &(layout_numbering){.first = 1, .total = n});
    display_doc *out = layout_display(dd->L);
    driver_metadata(dr, dd->b, out);
    driver_report(dr, dd, file_stem(dr->a, o->brief_path), o->check_only);
    if (o->dump_layout)
        display_dump(out, stdout);
    if (o->stats)
        layout_stats_print(&dd->stats, stdout);
    if (o->check_only)
        return true;
    return driver_write(dr, out, NULL, 0, o->out_path);
}

bool driver_compile(const driver_options *o, diag_list *d)
{
    if (o->strict)
        diag_set_warnings_as_errors(d, true);
    driver *dr = driver_new(o, d);
    bool ok = brief_is_packet(dr->a, o->brief_path) ? driver_packet(dr) : compile_brief(dr);
    driver_free(dr);
    return ok && diag_error_count(d) == 0;
}

const char *briefc_version(void)
{
    return BRIEFC_VERSION;
}

bool briefc_compile(const briefc_options *o, diag_list *d)
{
    return driver_compile(o, d);
}
