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
    "       briefc watch FILE.yaml [-o OUT.pdf] [options]\n"
    "       briefc build [DIR] [-o OUTDIR] [-j N] [--force] [options]\n"
    "       briefc --help | --version\n"
    "\n"
    "FILE is a brief, or a packet (a file whose top-level key is packet:) that\n"
    "binds a cover, a witness list, briefs and other PDFs into one PDF.\n"
    "\n"
    "Commands:\n"
    "  compile   typeset it into a PDF (default: output/<name>.pdf)\n"
    "  check     validate it and everything it uses; write nothing; print each\n"
    "            document's words and pages (and a testimony's reading time)\n"
    "  watch     compile, then again whenever a file it read changes\n"
    "  build     compile every brief and packet in DIR (default briefs/) into\n"
    "            OUTDIR (default output/), only those whose inputs changed\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE   where to write the PDF (build: the output folder)\n"
    "      --deps FILE     also write a make/ninja depfile of every file read\n"
    "  -j, --jobs N        build: documents compiled at once (default: the cores)\n"
    "      --force         build: rebuild every document, changed or not\n"
    "      --shard K/N     build: only the K-th of N slices of the shelf (index/N:\n"
    "                      K from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID)\n"
    "      --report FILE   build: a JSON report of every document and diagnostic\n"
    "      --cache DIR     build: share built PDFs with other machines through DIR\n"
    "      --strict        treat warnings as errors\n"
    "      --pdf-standard S  claim PDF/UA-1 and/or PDF/A-2 (ua-1, a-2b, a-2u, or a\n"
    "                      list: ua-1,a-2u), in place of the brief's pdf-standard:\n"
    "      --fonts DIR     take the fonts from DIR instead of the built-in folder\n"
    "      --stats         print typesetting statistics: lines, hyphens, spacing,\n"
    "                      overfull lines, emergency (Korean syllable) breaks,\n"
    "                      widows and orphans, pages\n"
    "      --dump-layout   print the laid-out pages as text (for debugging)\n"
    "      --diagnostics json|text  diagnostics as JSON lines (file, line, column,\n"
    "                      severity, message, hint) on stderr, or as text\n"
    "  -h, --help          show this help\n"
    "      --version       show the version\n"
    "\n"
    "Errors are printed as FILE:LINE:COL: error: MESSAGE. Exit status: 0 on\n"
    "success, 1 when a brief has errors, 2 on a usage error, 3 (build) when the\n"
    "environment is broken (fonts, hyphenation patterns, output folder), 4 (build)\n"
    "when another build holds the output folder.\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "briefc: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'briefc --help'.\n");
    return 2;
}

/* K/N, or index/N: K from a Kubernetes indexed job (JOB_COMPLETION_INDEX,
 * from 0) or a Slurm array (SLURM_ARRAY_TASK_ID, from its MIN). */
static bool parse_shard(const char *s, int *k, int *n)
{
    char *end;
    long kk;
    const char *slash = strchr(s, '/');
    if (!slash)
        return false;
    if (strncmp(s, "index/", 6) == 0) {
        const char *job = getenv("JOB_COMPLETION_INDEX"), *slurm = getenv("SLURM_ARRAY_TASK_ID");
        const char *min = getenv("SLURM_ARRAY_TASK_MIN");
        if (job && *job)
            kk = strtol(job, &end, 10) + 1;
        else if (slurm && *slurm)
            kk = strtol(slurm, &end, 10) - (min && *min ? strtol(min, NULL, 10) : 0) + 1;
        else
            return false;
        if (*end)
            return false;
    } else {
        kk = strtol(s, &end, 10);
        if (end != slash)
            return false;
    }
    long nn = strtol(slash + 1, &end, 10);
    if (*end || nn < 1 || nn > 100000 || kk < 1 || kk > nn)
        return false;
    *k = (int)kk;
    *n = (int)nn;
    return true;
}

static int build_command(int argc, char **argv)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    driver_build_options o = {.dir = "briefs", .out_dir = "output",
                              .jobs = cores > 0 ? (int)cores : 1};
    bool dir_given = false;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (++i >= argc || !argv[i][0])
                return usage_error("%s needs a folder", a);
            o.out_dir = argv[i];
        } else if (strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0) {
            char *end;
            if (++i >= argc)
                return usage_error("%s needs a number", a);
            long n = strtol(argv[i], &end, 10);
            if (*end || n < 1 || n > 256)
                return usage_error("-j takes a number from 1 to 256, not '%s'", argv[i]);
            o.jobs = (int)n;
        } else if (strcmp(a, "--force") == 0) {
            o.force = true;
        } else if (strcmp(a, "--diagnostics") == 0) {
            if (++i >= argc || (strcmp(argv[i], "json") != 0 && strcmp(argv[i], "text") != 0))
                return usage_error("%s", "--diagnostics takes json or text");
            o.json = strcmp(argv[i], "json") == 0;
        } else if (strcmp(a, "--cache") == 0) {
            if (++i >= argc || !argv[i][0])
                return usage_error("%s needs a folder", a);
            o.cache_dir = argv[i];
        } else if (strcmp(a, "--report") == 0) {
            if (++i >= argc || !argv[i][0])
                return usage_error("%s needs a file name", a);
            o.report_path = argv[i];
        } else if (strcmp(a, "--shard") == 0) {
            if (++i >= argc)
                return usage_error("%s needs K/N", a);
            if (!parse_shard(argv[i], &o.shard, &o.shards))
                return usage_error("--shard takes K/N with 1 <= K <= N (or index/N, K from "
                                   "JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID), not '%s'",
                                   argv[i]);
        } else if (strcmp(a, "--strict") == 0) {
            o.strict = true;
        } else if (strcmp(a, "--fonts") == 0) {
            if (++i >= argc || !argv[i][0])
                return usage_error("%s needs a folder", a);
            o.fonts_dir = argv[i];
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown option '%s' for build", a);
        } else if (dir_given) {
            return usage_error("only one folder at a time (got a second: '%s')", a);
        } else {
            o.dir = a;
            dir_given = true;
        }
    }
    o.color = isatty(fileno(stderr)) && getenv("NO_COLOR") == NULL;
    return driver_build(&o);
}

int main(int argc, char **argv)
{
    arena_setup_process();
    if (argc < 2)
        return usage_error("%s", "no command given");
    driver_cleanup_on_signals();
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        char buf[4096];
        const char *fonts = driver_fonts_dir(buf, sizeof buf);
        printf("briefc %s (build %016llx)\n", briefc_version(), driver_identity(fonts));
        printf("fonts: %s\n", fonts);
        return 0;
    }
    if (strcmp(argv[1], "build") == 0)
        return build_command(argc, argv);
    briefc_options o = {0};
    bool json = false;
    bool watch = strcmp(argv[1], "watch") == 0;
    bool compile = watch || strcmp(argv[1], "compile") == 0;
    if (!compile && strcmp(argv[1], "check") != 0)
        return usage_error("unknown command '%s' (expected compile, check, watch or build)",
                           argv[1]);
    o.check_only = !compile;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (!compile)
                return usage_error("%s", "'check' writes nothing: -o is only for 'compile'");
            if (++i >= argc || !argv[i][0])
                return usage_error("%s needs a file name", a);
            o.out_path = argv[i];
        } else if (strcmp(a, "--deps") == 0) {
            if (!compile)
                return usage_error("%s", "'check' writes nothing: --deps is only for 'compile'");
            if (++i >= argc || !argv[i][0])
                return usage_error("%s needs a file name", a);
            o.deps_path = argv[i];
        } else if (strcmp(a, "--strict") == 0) {
            o.strict = true;
        } else if (strcmp(a, "--pdf-standard") == 0) {
            if (++i >= argc || !driver_parse_standard(argv[i], &o.pdf_standard))
                return usage_error("%s", "--pdf-standard takes ua-1, a-2b or a-2u, or a list "
                                         "such as ua-1,a-2u (a-2b and a-2u exclude each other)");
        } else if (strcmp(a, "--diagnostics") == 0) {
            if (++i >= argc || (strcmp(argv[i], "json") != 0 && strcmp(argv[i], "text") != 0))
                return usage_error("%s", "--diagnostics takes json or text");
            json = strcmp(argv[i], "json") == 0;
        } else if (strcmp(a, "--fonts") == 0) {
            if (++i >= argc || !argv[i][0])
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
    bool tty = isatty(fileno(stderr));
    if (watch) {
        int status = driver_watch(&o, tty && getenv("NO_COLOR") == NULL);
        arena_free(a);
        return status;
    }
    diag_list *d = diag_new();
    bool ok = briefc_compile(&o, d);
    /* Excerpts always (CI logs too); colour only on a terminal. */
    if (json)
        diag_print_json(d, stderr);
    else
        diag_print(d, stderr, true, tty && getenv("NO_COLOR") == NULL);
    int errors = diag_error_count(d), warnings = diag_warning_count(d);
    if (!json && (errors || warnings))
        fprintf(stderr, "%d error%s, %d warning%s\n", errors, errors == 1 ? "" : "s", warnings,
                warnings == 1 ? "" : "s");
    if (ok && compile)
        fprintf(stderr, "wrote %s\n", o.out_path);
    diag_free(d);
    arena_free(a);
    return ok ? 0 : 1;
}
