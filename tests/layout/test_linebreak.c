/*
 * test_linebreak.c: the Knuth-Plass breaker on crafted paragraphs with
 * known optimal breaks, on the edge cases (forced breaks, a word wider
 * than the measure, the empty paragraph), and against a brute-force
 * search over every set of breaks on small random paragraphs, and the
 * emergency breaks keep-all Korean falls back on (a fourth pass). Every
 * result is also checked for consistency: each box in exactly one line,
 * ratios that really set each line to its measure.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "tests/harness.h"
#include "layout/linebreak.h"

#define MAX_ITEMS 12000

typedef struct para {
    lb_item it[MAX_ITEMS];
    size_t n;
} para;

static void box(para *p, double w)
{
    p->it[p->n++] = (lb_item){.type = LB_BOX, .width = w};
}

/* An interword space: 3pt, stretch 2, shrink 1. */
static void space(para *p)
{
    p->it[p->n++] = (lb_item){.type = LB_GLUE, .width = 3, .stretch = 2, .shrink = 1};
}

static void penalty(para *p, double w, int pen, bool flagged, bool hyph)
{
    p->it[p->n++] = (lb_item){.type = LB_PENALTY, .width = w, .penalty = pen,
                              .flagged = flagged, .hyphenation = hyph};
}

static void hyphen(para *p)
{
    penalty(p, 1, 50, true, true);
}

/* TeX's paragraph end: \penalty10000 \parfillskip \penalty-10000. */
static void finish(para *p)
{
    penalty(p, 0, LB_INF_PENALTY, false, false);
    p->it[p->n++] = (lb_item){.type = LB_GLUE, .stretch = LB_FIL};
    penalty(p, 0, LB_EJECT_PENALTY, false, false);
}

static void words(para *p, const double *w, size_t k)
{
    for (size_t i = 0; i < k; i++) {
        if (i)
            space(p);
        box(p, w[i]);
    }
    finish(p);
}

typedef struct natural {
    double width, stretch, shrink;
    bool fil;
} natural;

static natural measure_line(const para *p, size_t start, size_t end)
{
    natural m = {0, 0, 0, false};
    for (size_t k = start; k < end && k < p->n; k++) {
        const lb_item *it = &p->it[k];
        if (it->type == LB_BOX) {
            m.width += it->width;
        } else if (it->type == LB_GLUE) {
            m.width += it->width;
            m.shrink += it->shrink;
            if (it->stretch >= LB_FIL)
                m.fil = true;
            else
                m.stretch += it->stretch;
        }
    }
    size_t pe = end < p->n ? end : p->n - 1;
    if (p->n && p->it[pe].type == LB_PENALTY)
        m.width += p->it[pe].width;
    return m;
}

static double width_of(const double *w, size_t nw, size_t line)
{
    return w[line < nw ? line : nw - 1];
}

/* The invariants every result must keep; prints what broke. */
static bool consistent(const para *p, const double *w, size_t nw, const lb_result *r)
{
    if (r->n_lines == 0 || r->lines[r->n_lines - 1].end != p->n) {
        printf("#   last line does not end at n\n");
        return false;
    }
    int *seen = calloc(p->n ? p->n : 1, sizeof *seen);
    int overfull = 0;
    bool ok = true;
    size_t prev_end = 0;
    for (size_t i = 0; i < r->n_lines && ok; i++) {
        const lb_line *ln = &r->lines[i];
        if (ln->start > ln->end || (i && ln->start <= prev_end) || ln->end > p->n) {
            printf("#   line %zu: bad range [%zu,%zu)\n", i, ln->start, ln->end);
            ok = false;
            break;
        }
        /* Only glue and penalties may be dropped between lines. */
        for (size_t k = i ? prev_end + 1 : 0; k < ln->start; k++)
            if (p->it[k].type == LB_BOX)
                ok = false;
        for (size_t k = ln->start; k < ln->end; k++)
            seen[k]++;
        if (ln->end < p->n)
            seen[ln->end]++;
        if (i + 1 < r->n_lines) {
            const lb_item *b = &p->it[ln->end];
            bool legal = (b->type == LB_GLUE && ln->end > 0 && p->it[ln->end - 1].type == LB_BOX) ||
                         (b->type == LB_PENALTY && b->penalty < LB_INF_PENALTY);
            if (!legal) {
                printf("#   line %zu ends at an illegal break %zu\n", i, ln->end);
                ok = false;
            }
            if (ln->hyphenated != (b->type == LB_PENALTY && b->flagged))
                ok = false;
        }
        prev_end = ln->end;
        natural m = measure_line(p, ln->start, ln->end);
        double target = width_of(w, nw, i);
        double shortfall = target - m.width;
        double set;
        if (ln->ratio < -1) {
            overfull++;
            if (m.width - m.shrink <= target + 1e-6) {
                printf("#   line %zu marked overfull but fits\n", i);
                ok = false;
            }
            continue;
        }
        if (shortfall > 0 && m.fil)
            set = ln->ratio == 0 ? target : NAN;
        else if (shortfall > 0 && m.stretch == 0)
            set = ln->ratio == 0 ? target : NAN;
        else
            set = m.width + ln->ratio * (ln->ratio >= 0 ? m.stretch : m.shrink);
        if (!(fabs(set - target) < 1e-6)) {
            printf("#   line %zu: ratio %g sets %g, measure %g\n", i, ln->ratio, set, target);
            ok = false;
        }
    }
    for (size_t k = 0; k < p->n && ok; k++)
        if (p->it[k].type == LB_BOX && seen[k] != 1) {
            printf("#   box %zu is in %d lines\n", k, seen[k]);
            ok = false;
        }
    if (ok && overfull != r->overfull) {
        printf("#   %d lines overfull, result says %d\n", overfull, r->overfull);
        ok = false;
    }
    free(seen);
    return ok;
}

static lb_result run(arena *a, const para *p, const double *w, size_t nw, const lb_params *prm)
{
    lb_result r;
    lb_break(a, p->it, p->n, w, nw, prm, &r);
    return r;
}

/* ---- a brute-force reference: every set of legal breaks, same scoring ---- */

static int ref_badness(double t, double s)
{
    if (t <= 0)
        return 0;
    if (s <= 0)
        return 10000;
    double r = t / s;
    if (r > 10)
        return 10000;
    double b = 100 * r * r * r + 0.5;
    return b >= 10000 ? 10000 : (int)b;
}

static size_t ref_next_start(const para *p, size_t b)
{
    size_t j = b + 1;
    while (j < p->n && p->it[j].type != LB_BOX &&
           !(p->it[j].type == LB_PENALTY && p->it[j].penalty <= LB_EJECT_PENALTY))
        j++;
    return j;
}

/* Demerits of the breaks cuts[0..k) plus the paragraph end, or -1 if a
 * line is overfull or worse than the threshold. */
static long long ref_score(const para *p, const size_t *cuts, size_t k, const double *w,
                           size_t nw, double threshold, const lb_params *prm)
{
    long long total = 0;
    int fit = 2;
    bool hy = false;
    size_t s = 0;
    for (size_t i = 0; i <= k; i++) {
        bool final = i == k;
        size_t e = final ? p->n - 1 : cuts[i];
        natural m = measure_line(p, s, e);
        double sf = width_of(w, nw, i) - m.width;
        int b, f;
        if (sf > 0) {
            b = m.fil ? 0 : ref_badness(sf, m.stretch);
            f = b > 99 ? 0 : b > 12 ? 1 : 2;
        } else if (-sf > m.shrink) {
            return -1;
        } else {
            b = ref_badness(-sf, m.shrink);
            f = b > 12 ? 3 : 2;
        }
        if (b > threshold)
            return -1;
        long long d = (long long)(prm->line_penalty + b) * (prm->line_penalty + b);
        const lb_item *it = &p->it[e];
        int pi = it->type == LB_PENALTY && !final ? it->penalty : 0;
        d += pi > 0 ? (long long)pi * pi : -(long long)pi * pi;
        bool flagged = !final && it->type == LB_PENALTY && it->flagged;
        if (final && hy)
            d += prm->final_hyphen_demerits;
        else if (flagged && hy)
            d += prm->double_hyphen_demerits;
        if (abs(f - fit) > 1)
            d += prm->adj_demerits;
        total += d;
        fit = f;
        hy = flagged;
        s = ref_next_start(p, e);
    }
    return total;
}

/* Best score over all subsets of the legal breaks (at most 20 of them). */
static long long ref_best(const para *p, const double *w, size_t nw, double threshold, bool hyph,
                          const lb_params *prm)
{
    size_t legal[20], nl = 0;
    for (size_t i = 0; i + 1 < p->n; i++) {
        const lb_item *it = &p->it[i];
        if ((it->type == LB_GLUE && i && p->it[i - 1].type == LB_BOX) ||
            (it->type == LB_PENALTY && it->penalty < LB_INF_PENALTY && (hyph || !it->hyphenation)))
            if (nl < 20)
                legal[nl++] = i;
    }
    long long best = -1;
    size_t cuts[20];
    for (uint32_t mask = 0; mask < (1u << nl); mask++) {
        size_t k = 0;
        for (size_t j = 0; j < nl; j++)
            if (mask >> j & 1)
                cuts[k++] = legal[j];
        long long s = ref_score(p, cuts, k, w, nw, threshold, prm);
        if (s >= 0 && (best < 0 || s < best))
            best = s;
    }
    return best;
}

static long long result_score(const para *p, const lb_result *r, const double *w, size_t nw,
                              const lb_params *prm)
{
    size_t cuts[64];
    size_t k = 0;
    for (size_t i = 0; i + 1 < r->n_lines && k < 64; i++)
        cuts[k++] = r->lines[i].end;
    return ref_score(p, cuts, k, w, nw, 1e9, prm);
}

/* ---- the checks ---- */

static void test_total_fit(arena *a)
{
    /* First fit (as many words as shrink allows) sets line 1 tight
     * (badness 13) and then line 2 very loose (badness 800, over the
     * tolerance); total fit moves "2" down: badness 13, 13, 0. */
    static const double w[] = {9, 3, 7, 9, 2, 7, 10, 9, 11, 8, 9};
    para *p = calloc(1, sizeof *p);
    words(p, w, sizeof w / sizeof w[0]);
    double measure = 40;
    lb_params prm;
    lb_params_default(&prm);
    lb_result r = run(a, p, &measure, 1, &prm);
    CHECK_INT(r.n_lines, 3, "total fit: three lines");
    if (r.n_lines == 3) {
        CHECK_INT(r.lines[0].end, 7, "total fit: line 1 ends after the 4th word, not the 5th");
        CHECK_INT(r.lines[1].start, 8, "total fit: line 2 starts at the 5th word");
        CHECK_INT(r.lines[1].end, 15, "total fit: line 2 ends after the 8th word");
        CHECK_INT(r.lines[2].start, 16, "total fit: line 3 starts at the 9th word");
        CHECK(fabs(r.lines[0].ratio - 0.5) < 1e-9 && fabs(r.lines[1].ratio - 0.5) < 1e-9,
              "total fit: lines 1 and 2 both stretch by half");
        CHECK(r.lines[2].ratio == 0, "total fit: last line set at natural width");
    }
    CHECK_INT(r.pass, 1, "total fit: found in the first pass");
    CHECK_INT(r.overfull, 0, "total fit: nothing overfull");
    CHECK(consistent(p, &measure, 1, &r), "total fit: lines consistent");
    CHECK(result_score(p, &r, &measure, 1, &prm) == 1158 &&
              ref_best(p, &measure, 1, 100, false, &prm) == 1158,
          "total fit: demerits 1158, the brute-force optimum");

    /* Hyphenation points that pass 1 does not need stay unused. */
    para *q = calloc(1, sizeof *q);
    for (size_t i = 0; i < 11; i++) {
        if (i)
            space(q);
        if (w[i] >= 9) {
            box(q, w[i] - 4);
            hyphen(q);
            box(q, 4);
        } else {
            box(q, w[i]);
        }
    }
    finish(q);
    r = run(a, q, &measure, 1, &prm);
    bool hyph = false;
    for (size_t i = 0; i < r.n_lines; i++)
        hyph |= r.lines[i].hyphenated;
    CHECK_INT(r.pass, 1, "hyphenation: pass 1 succeeds without it");
    CHECK(!hyph && r.n_lines == 3, "hyphenation: no line ends at an unused hyphenation point");
    CHECK(consistent(q, &measure, 1, &r), "hyphenation: lines consistent");
    free(p);
    free(q);
}

static void test_hyphenation_needed(arena *a)
{
    /* 8 [3] 8-|8 [3] 8: without the hyphen the first line is either 8pt
     * (badness 10000) or 27pt on a 20pt measure (overfull). */
    para *p = calloc(1, sizeof *p);
    box(p, 8);
    space(p);
    box(p, 8);
    hyphen(p);
    box(p, 8);
    space(p);
    box(p, 8);
    finish(p);
    double measure = 20;
    lb_params prm;
    lb_params_default(&prm);
    lb_result r = run(a, p, &measure, 1, &prm);
    CHECK_INT(r.pass, 2, "hyphenation needed: pass 2");
    CHECK_INT(r.n_lines, 2, "hyphenation needed: two lines");
    if (r.n_lines == 2) {
        CHECK_INT(r.lines[0].end, 3, "hyphenation needed: breaks at the hyphen");
        CHECK(r.lines[0].hyphenated, "hyphenation needed: line 1 marked hyphenated");
        CHECK(r.lines[0].ratio == 0, "hyphenation needed: line 1 with its hyphen fits exactly");
        CHECK_INT(r.lines[1].start, 4, "hyphenation needed: line 2 starts after the hyphen");
    }
    CHECK_INT(r.overfull, 0, "hyphenation needed: nothing overfull");
    CHECK(consistent(p, &measure, 1, &r), "hyphenation needed: lines consistent");
    free(p);
}

/* Words [7-6] [3-5] 4 [4-3] 4 8 on 20pt: hyphenating lines 1 and 2 scores
 * best without double-hyphen demerits, ending line 2 at a space with them. */
static void build_double_hyphen(para *p)
{
    box(p, 7);
    hyphen(p);
    box(p, 6);
    space(p);
    box(p, 3);
    hyphen(p);
    box(p, 5);
    space(p);
    box(p, 4);
    space(p);
    box(p, 4);
    hyphen(p);
    box(p, 3);
    space(p);
    box(p, 4);
    space(p);
    box(p, 8);
    finish(p);
}

static void test_double_hyphen(arena *a)
{
    para *p = calloc(1, sizeof *p);
    build_double_hyphen(p);
    double measure = 20;
    lb_params prm;
    lb_params_default(&prm);
    prm.pretolerance = -1;
    prm.double_hyphen_demerits = 0;
    lb_result r = run(a, p, &measure, 1, &prm);
    CHECK(r.n_lines == 3 && r.lines[0].end == 5 && r.lines[1].end == 11 &&
              r.lines[0].hyphenated && r.lines[1].hyphenated,
          "double hyphen: without its demerits, lines 1 and 2 both end hyphenated");
    CHECK(consistent(p, &measure, 1, &r), "double hyphen: lines consistent (no demerits)");
    CHECK_INT(r.pass, 2, "double hyphen: pretolerance -1 skips pass 1");
    lb_params_default(&prm);
    prm.pretolerance = -1;
    r = run(a, p, &measure, 1, &prm);
    CHECK(r.n_lines == 3 && r.lines[0].end == 5 && r.lines[1].end == 13 &&
              r.lines[0].hyphenated && !r.lines[1].hyphenated,
          "double hyphen: with them, line 2 ends at a space instead");
    CHECK(result_score(p, &r, &measure, 1, &prm) == ref_best(p, &measure, 1, 200, true, &prm),
          "double hyphen: the brute-force optimum");
    CHECK(consistent(p, &measure, 1, &r), "double hyphen: lines consistent");
    free(p);
}

static void test_forced_break(arena *a)
{
    /* Short words with a hard line break (\hfil\break) after the third. */
    para *p = calloc(1, sizeof *p);
    static const double w[] = {5, 6, 7, 5, 6, 7, 8};
    for (size_t i = 0; i < 7; i++) {
        if (i == 3) {
            p->it[p->n++] = (lb_item){.type = LB_GLUE, .stretch = LB_FIL};
            penalty(p, 0, LB_EJECT_PENALTY, false, false);
        } else if (i) {
            space(p);
        }
        box(p, w[i]);
    }
    finish(p);
    double measure = 100;
    lb_params prm;
    lb_params_default(&prm);
    lb_result r = run(a, p, &measure, 1, &prm);
    CHECK_INT(r.n_lines, 2, "forced break: two lines on a wide measure");
    if (r.n_lines == 2) {
        CHECK_INT(r.lines[0].end, 6, "forced break: line 1 ends at the forced penalty");
        CHECK_INT(r.lines[1].start, 7, "forced break: line 2 starts at the next word");
        CHECK(r.lines[0].ratio == 0, "forced break: line 1 filled by its fil glue");
    }
    CHECK(consistent(p, &measure, 1, &r), "forced break: lines consistent");

    /* Two forced breaks in a row give an empty line between them. */
    para *q = calloc(1, sizeof *q);
    box(q, 5);
    penalty(q, 0, LB_EJECT_PENALTY, false, false);
    penalty(q, 0, LB_EJECT_PENALTY, false, false);
    box(q, 5);
    finish(q);
    r = run(a, q, &measure, 1, &prm);
    CHECK(r.n_lines == 3 && r.lines[0].end == 1 && r.lines[1].start == 2 && r.lines[1].end == 2,
          "forced break: a second forced break makes one empty line");
    CHECK(consistent(q, &measure, 1, &r), "forced break: empty line consistent");
    free(p);
    free(q);
}

static void test_too_wide(arena *a)
{
    para *p = calloc(1, sizeof *p);
    static const double w[] = {5, 5, 5, 50, 5, 5, 5, 5};
    words(p, w, 8);
    double measure = 20;
    lb_params prm;
    lb_params_default(&prm);
    lb_result r = run(a, p, &measure, 1, &prm);
    CHECK(r.n_lines >= 2, "too wide: the paragraph still breaks");
    CHECK(r.overfull >= 1, "too wide: the overfull line is counted");
    CHECK_INT(r.pass, 2, "too wide: emergency stretch 0 ends at pass 2");
    CHECK(consistent(p, &measure, 1, &r), "too wide: every box in exactly one line");
    prm.emergency_stretch = 10;
    r = run(a, p, &measure, 1, &prm);
    CHECK_INT(r.pass, 3, "too wide: with emergency stretch, pass 3 runs");
    CHECK(r.overfull >= 1 && consistent(p, &measure, 1, &r), "too wide: pass 3 rescue consistent");

    /* A lone word wider than the measure. */
    para *q = calloc(1, sizeof *q);
    double big = 80;
    words(q, &big, 1);
    r = run(a, q, &measure, 1, &prm);
    CHECK(r.n_lines == 1 && r.overfull == 1 && r.lines[0].ratio < -1,
          "too wide: a lone 80pt word is one overfull line");
    free(p);
    free(q);
}

static void test_emergency_stretch(arena *a)
{
    /* 9 [3] 9 on 30pt: shortfall 9, stretch 2, badness 9112; nothing else
     * fits. Emergency stretch 20 brings it to badness 7. */
    para *p = calloc(1, sizeof *p);
    static const double w[] = {9, 9, 9, 9};
    words(p, w, 4);
    double measure = 30;
    lb_params prm;
    lb_params_default(&prm);
    prm.emergency_stretch = 20;
    lb_result r = run(a, p, &measure, 1, &prm);
    CHECK_INT(r.pass, 3, "emergency stretch: found in pass 3");
    CHECK_INT(r.overfull, 0, "emergency stretch: nothing overfull");
    CHECK(r.n_lines == 2 && r.lines[0].end == 3 && fabs(r.lines[0].ratio - 4.5) < 1e-9,
          "emergency stretch: line 1 really stretches its glue by 4.5");
    CHECK(consistent(p, &measure, 1, &r), "emergency stretch: lines consistent");
    free(p);
}

/* A keep-all "word" of k syllables of width w, with an emergency break
 * (and a little stretch) between each two, as hlist_syllable_breaks
 * makes them. */
static void syllables(para *p, size_t k, double w)
{
    for (size_t i = 0; i < k; i++) {
        if (i) {
            p->it[p->n++] = (lb_item){.type = LB_PENALTY, .penalty = 1000, .emergency = true};
            p->it[p->n++] = (lb_item){.type = LB_GLUE, .stretch = 0.5};
        }
        box(p, w);
    }
}

static void test_emergency_breaks(arena *a)
{
    /* 5 [3] an 80pt word of eight syllables [3] 5, on a 45pt measure:
     * without the syllable breaks the word is an overfull line. */
    para *p = calloc(1, sizeof *p);
    box(p, 5);
    space(p);
    syllables(p, 8, 10);
    space(p);
    box(p, 5);
    finish(p);
    double measure = 45;
    lb_params prm;
    lb_params_default(&prm);
    prm.emergency_stretch = 3;
    lb_result r = run(a, p, &measure, 1, &prm);
    CHECK_INT(r.pass, 4, "syllable breaks: found by the fourth pass");
    CHECK_INT(r.overfull, 0, "syllable breaks: nothing overfull");
    CHECK(r.emergency >= 1, "syllable breaks: counted");
    int marked = 0;
    for (size_t i = 0; i < r.n_lines; i++)
        marked += r.lines[i].emergency && p->it[r.lines[i].end].emergency;
    CHECK_INT(marked, r.emergency, "syllable breaks: each line ending at one says so");
    CHECK(consistent(p, &measure, 1, &r), "syllable breaks: lines consistent");
    /* Without emergency stretch TeX's last pass is the second, so the
     * third offers the syllables: 5 [3] 10 10 10 | 10 10 10 [3] 5 on 38pt
     * sets both lines exactly. */
    para *p2 = calloc(1, sizeof *p2);
    box(p2, 5);
    space(p2);
    syllables(p2, 6, 10);
    space(p2);
    box(p2, 5);
    finish(p2);
    double m38 = 38;
    prm.emergency_stretch = 0;
    r = run(a, p2, &m38, 1, &prm);
    CHECK(r.pass == 3 && r.overfull == 0 && r.emergency == 1 && r.n_lines == 2 &&
              fabs(r.lines[0].ratio) < 1e-9,
          "syllable breaks: without emergency stretch, the third pass offers them");
    CHECK(consistent(p2, &m38, 1, &r), "syllable breaks: third pass consistent");
    free(p2);

    /* The same word on a 90pt measure fits whole after the first space:
     * the breaks are never taken (nor is the fourth pass run). */
    measure = 90;
    prm.emergency_stretch = 5;
    r = run(a, p, &measure, 1, &prm);
    CHECK(r.pass < 4 && r.emergency == 0 && r.overfull == 0,
          "syllable breaks: unused when the paragraph breaks at its spaces");

    /* 10 [3] 10 [3] 10 and a 30pt word on 36pt: the first line is set
     * at its spaces, exactly full, and the word whole on the second;
     * syllable breaks are there but not needed. */
    para *q = calloc(1, sizeof *q);
    static const double w3[] = {10, 10, 10};
    for (size_t i = 0; i < 3; i++) {
        box(q, w3[i]);
        space(q);
    }
    syllables(q, 3, 10);
    finish(q);
    measure = 36;
    r = run(a, q, &measure, 1, &prm);
    CHECK(r.emergency == 0 && r.n_lines == 2 && r.overfull == 0 && r.pass < 4,
          "syllable breaks: none where the spaces give a feasible paragraph");
    free(p);
    free(q);
}

static void test_widths(arena *a)
{
    /* A 24pt first line, then 49pt: eight 10pt words go 2 + 4 + 2. */
    para *p = calloc(1, sizeof *p);
    static const double w[] = {10, 10, 10, 10, 10, 10, 10, 10};
    words(p, w, 8);
    static const double measure[] = {24, 49};
    lb_params prm;
    lb_params_default(&prm);
    lb_result r = run(a, p, measure, 2, &prm);
    CHECK(r.n_lines == 3 && r.lines[0].end == 3 && r.lines[1].end == 11,
          "widths: 2 words on the short first line, 4 on the next");
    CHECK(r.n_lines == 3 && fabs(r.lines[0].ratio * 2 + 23 - 24) < 1e-9 &&
              fabs(r.lines[1].ratio * 6 + 49 - 49) < 1e-9,
          "widths: each line's ratio uses its own measure");
    CHECK(consistent(p, measure, 2, &r), "widths: lines consistent");

    /* Hanging indent the other way: wide then narrow lines repeating. */
    static const double hang[] = {49, 24};
    r = run(a, p, hang, 2, &prm);
    CHECK(r.n_lines == 3 && r.lines[0].end == 7 && r.lines[1].end == 11,
          "widths: 4 words on the wide first line, then 2 per line");
    CHECK(consistent(p, hang, 2, &r), "widths: lines consistent (narrow after wide)");
    free(p);
}

static void test_fitness_kept(arena *a)
{
    /* Stretchy spaces (12pt) on measures 42, 27, 35: ending line 1 after
     * the 3rd word is cheaper at that point, but then line 2 is tight and
     * line 3 loose (adj_demerits); the optimum ends line 1 after the 4th
     * word. Only found if breaks of every fitness class within
     * adj_demerits of the best stay active. */
    static const double w[] = {5, 12, 10, 5, 12, 5, 13, 13, 6, 9, 6};
    para *p = calloc(1, sizeof *p);
    for (size_t i = 0; i < 11; i++) {
        if (i)
            p->it[p->n++] = (lb_item){.type = LB_GLUE, .width = 3, .stretch = 12, .shrink = 1};
        box(p, w[i]);
    }
    finish(p);
    static const double measure[] = {42, 27, 35};
    lb_params prm;
    lb_params_default(&prm);
    lb_result r = run(a, p, measure, 3, &prm);
    CHECK(r.n_lines == 4 && r.lines[0].end == 7 && r.lines[1].end == 11 && r.lines[2].end == 15,
          "fitness: breaks after words 4, 6 and 8");
    CHECK(result_score(p, &r, measure, 3, &prm) == 1629 &&
              ref_best(p, measure, 3, 100, false, &prm) == 1629,
          "fitness: demerits 1629, the brute-force optimum");
    CHECK(consistent(p, measure, 3, &r), "fitness: lines consistent");
    free(p);
}

static void test_empty(arena *a)
{
    /* Documented: an empty paragraph (just the closing items) is one
     * empty line; an empty item list is zero lines. */
    para *p = calloc(1, sizeof *p);
    finish(p);
    double measure = 100;
    lb_params prm;
    lb_params_default(&prm);
    lb_result r = run(a, p, &measure, 1, &prm);
    CHECK(r.n_lines == 1 && r.lines[0].start == 0 && r.lines[0].end == 3 && r.overfull == 0,
          "empty: closing glue and penalty give one empty line");
    lb_break(a, p->it, 0, &measure, 1, &prm, &r);
    CHECK_INT(r.n_lines, 0, "empty: no items, no lines");
    /* No closing penalty and no widths: still one line, no crash. */
    box(p, 5);
    lb_break(a, p->it + 3, 1, NULL, 0, NULL, &r);
    CHECK(r.n_lines == 1 && r.lines[0].end == 1 && r.overfull == 1,
          "empty: list without closing penalty nor widths still breaks");
    free(p);
}

static uint32_t next_rand(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

static void test_random_small(arena *a)
{
    /* Random small paragraphs against the brute force: same pass, same
     * (optimal) demerits. Every other one has very stretchy spaces and
     * widely varying measures, where lines of very different lengths are
     * feasible, so breaks reached at different line numbers must be kept
     * apart and fitness classes within adj_demerits of the best kept. */
    uint32_t seed = 12345;
    int agree = 0, tried = 0, consistent_n = 0;
    lb_params prm;
    lb_params_default(&prm);
    para *p = calloc(1, sizeof *p);
    for (int t = 0; t < 1000; t++) {
        p->n = 0;
        bool stretchy = t % 2;
        size_t nw = 4 + next_rand(&seed) % 8;
        for (size_t i = 0; i < nw; i++) {
            if (i && stretchy)
                p->it[p->n++] = (lb_item){.type = LB_GLUE, .width = 3, .stretch = 12, .shrink = 1};
            else if (i)
                space(p);
            double wd = 2 + next_rand(&seed) % 12;
            if (!stretchy && next_rand(&seed) % 3 == 0) {
                box(p, wd);
                hyphen(p);
                box(p, 2 + next_rand(&seed) % 6);
            } else {
                box(p, wd);
            }
        }
        finish(p);
        /* One to three line widths, as for an indented or hanging first line. */
        double measure[3];
        size_t nm = stretchy ? 3 : 1 + next_rand(&seed) % 3;
        for (size_t i = 0; i < nm; i++)
            measure[i] = stretchy ? 10 + next_rand(&seed) % 40 : 14 + next_rand(&seed) % 21;
        long long b1 = ref_best(p, measure, nm, prm.pretolerance, false, &prm);
        long long b2 = b1 >= 0 ? b1 : ref_best(p, measure, nm, prm.tolerance, true, &prm);
        lb_result r = run(a, p, measure, nm, &prm);
        consistent_n += consistent(p, measure, nm, &r);
        if (b2 < 0)
            continue;
        tried++;
        int pass = b1 >= 0 ? 1 : 2;
        long long got = result_score(p, &r, measure, nm, &prm);
        if (got == b2 && r.pass == pass)
            agree++;
        else
            printf("#   case %d: got %lld (pass %d), best %lld (pass %d)\n", t, got, r.pass, b2,
                   pass);
    }
    printf("#   %d of %d feasible random paragraphs optimal\n", agree, tried);
    CHECK(tried >= 400 && agree == tried, "random: optimal demerits on every feasible paragraph");
    CHECK_INT(consistent_n, 1000, "random: all 1000 results consistent");
    free(p);
}

static void test_long(arena *a)
{
    /* 2,500 words (5,000 items) on a 300pt measure. Words of 8-47pt with
     * 2pt of stretch per space leave some stretches that no line can set
     * within tolerance 200, so without emergency stretch TeX's rescue gives
     * overfull lines; with 18pt (6% of the measure, as the caller sets it)
     * pass 3 sets every line. */
    para *p = calloc(1, sizeof *p);
    uint32_t seed = 7;
    for (size_t i = 0; i < 2500; i++) {
        if (i)
            space(p);
        box(p, 8 + next_rand(&seed) % 40);
    }
    finish(p);
    double measure = 300;
    lb_params prm;
    lb_params_default(&prm);
    lb_result r = run(a, p, &measure, 1, &prm);
    CHECK(p->n >= 5000 && r.n_lines > 200 && r.n_lines < 400, "long: 5,000 items break into lines");
    CHECK(r.pass == 2 && r.overfull > 0, "long: no emergency stretch: pass 2 rescue, some overfull");
    CHECK(consistent(p, &measure, 1, &r), "long: rescued lines consistent, overfull counted");

    prm.emergency_stretch = 18;
    r = run(a, p, &measure, 1, &prm);
    CHECK_INT(r.pass, 3, "long: emergency stretch: pass 3");
    CHECK_INT(r.overfull, 0, "long: emergency stretch: nothing overfull");
    CHECK(consistent(p, &measure, 1, &r), "long: emergency stretch: lines consistent");
    int worst = 0;
    for (size_t i = 0; i + 1 < r.n_lines; i++) {
        natural m = measure_line(p, r.lines[i].start, r.lines[i].end);
        double sf = measure - m.width;
        int b = sf > 0 ? ref_badness(sf, m.stretch + prm.emergency_stretch)
                       : ref_badness(-sf, m.shrink);
        worst = b > worst ? b : worst;
    }
    CHECK(worst <= prm.tolerance, "long: emergency stretch: every line within tolerance");

    /* Narrower words: feasible in pass 1 or 2 without help. */
    p->n = 0;
    for (size_t i = 0; i < 2500; i++) {
        if (i)
            space(p);
        box(p, 8 + next_rand(&seed) % 16);
    }
    finish(p);
    lb_params_default(&prm);
    r = run(a, p, &measure, 1, &prm);
    CHECK(r.pass <= 2 && r.overfull == 0, "long: short words: no rescue needed");
    CHECK(consistent(p, &measure, 1, &r), "long: short words: lines consistent");
    free(p);
}

int main(void)
{
    arena *a = arena_new();
    test_total_fit(a);
    test_hyphenation_needed(a);
    test_double_hyphen(a);
    test_forced_break(a);
    test_too_wide(a);
    test_emergency_stretch(a);
    test_emergency_breaks(a);
    test_widths(a);
    test_fitness_kept(a);
    test_empty(a);
    test_random_small(a);
    test_long(a);
    arena_free(a);
    return harness_done();
}
