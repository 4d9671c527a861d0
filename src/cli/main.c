/*
 * main.c: the briefc command line: argument parsing, diagnostics output
 * and exit codes (0 success, 1 errors in the input, 2 usage errors).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/file.h"
#include "briefc.h"
#include "diag/diag.h"

static const char usage[] =
    "usage: briefc compile FILE.yaml [-o OUT.pdf] [options]\n"
    "       briefc check FILE.yaml [options]\n"
    "       briefc --help | --version\n"
    "\n"
    "FILE is a brief, or a packet (a file whose top-level key is packet:) that\n"
    "binds a cover, a witness list, briefs and other PDFs into one PDF.\n"
    "\n"
    "Commands:\n"
    "  compile   typeset it into a PDF (default: output/<name>.pdf)\n"
    "  check     validate it and everything it uses; write nothing; print each\n"
    "            document's words and pages (and a testimony's reading time)\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE   where to write the PDF\n"
    "      --strict        treat warnings as errors\n"
    "      --fonts DIR     take the fonts from DIR instead of the built-in folder\n"
    "      --stats         print typesetting statistics: lines, hyphens, spacing,\n"
    "                      overfull lines, widows and orphans, pages\n"
    "      --dump-layout   print the laid-out pages as text (for debugging)\n"
    "  -h, --help          show this help\n"
    "      --version       show the version\n"
    "\n"
    "Errors are printed as FILE:LINE:COL: error: MESSAGE. Exit status: 0 on\n"
    "success, 1 when the brief has errors, 2 on a usage error.\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "briefc: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'briefc --help'.\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("%s", "no command given");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("briefc %s\n", briefc_version());
        return 0;
    }
    briefc_options o = {0};
    bool compile = strcmp(argv[1], "compile") == 0;
    if (!compile && strcmp(argv[1], "check") != 0)
        return usage_error("unknown command '%s' (expected compile or check)", argv[1]);
    o.check_only = !compile;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (!compile)
                return usage_error("%s", "'check' writes nothing: -o is only for 'compile'");
            if (++i >= argc)
                return usage_error("%s needs a file name", a);
            o.out_path = argv[i];
        } else if (strcmp(a, "--strict") == 0) {
            o.strict = true;
        } else if (strcmp(a, "--fonts") == 0) {
            if (++i >= argc)
                return usage_error("%s needs a folder", a);
            o.fonts_dir = argv[i];
        } else if (strcmp(a, "--dump-layout") == 0) {
            o.dump_layout = true;
        } else if (strcmp(a, "--stats") == 0) {
            o.stats = true;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
            return 0;
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown option '%s'", a);
        } else if (o.brief_path) {
            return usage_error("only one brief at a time (got a second: '%s')", a);
        } else {
            o.brief_path = a;
        }
    }
    if (!o.brief_path)
        return usage_error("%s", "no brief given");
    arena *a = arena_new();
    if (compile && !o.out_path)
        o.out_path = arena_printf(a, "output/%s.pdf", file_stem(a, o.brief_path));
    diag_list *d = diag_new();
    bool ok = briefc_compile(&o, d);
    bool tty = isatty(fileno(stderr));
    diag_print(d, stderr, tty, tty && getenv("NO_COLOR") == NULL);
    int errors = diag_error_count(d), warnings = diag_warning_count(d);
    if (errors || warnings)
        fprintf(stderr, "%d error%s, %d warning%s\n", errors, errors == 1 ? "" : "s", warnings,
                warnings == 1 ? "" : "s");
    if (ok && compile)
        fprintf(stderr, "wrote %s\n", o.out_path);
    diag_free(d);
    arena_free(a);
    return ok ? 0 : 1;
}
