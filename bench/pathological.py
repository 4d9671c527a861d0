#!/usr/bin/env python3
"""pathological.py: hostile documents through briefc, each at 1x, 2x and 4x
its base size: wall time, time per unit of input and peak memory, so cost
that grows faster than the input shows (the ratio column: time at 2x and 4x
over 2 and 4 times the time at 1x; near 1.0 is linear). Each must finish or
fail cleanly. Peak memory is the resident set (MB of 2^20 bytes), set
against issue 12's bound: 50 times the input plus the fonts in fonts/,
and beside it cmark-gfm's own peak parsing the same section
(build/bench/parse_floor: the parser alone, the floor under briefc while
a section's tree is whole; for notes and citations it parses the text as
written, which mdprep rewrites before cmark-gfm sees it). A benchmark,
not a test: it prints figures.

usage: bench/pathological.py [--briefc build/briefc] [--only NAME] [--scale K]
"""
import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def footnotes(n):
    calls = "".join("Note %d.[^n%d] " % (i, i) for i in range(n))
    defs = "".join("[^n%d]: Note text %d.\n" % (i, i) for i in range(n))
    return calls + "\n\n" + defs


def citations(n):
    return "".join("Claim %d.[@src, p. %d] " % (i, i) for i in range(n)) + "\n"


CASES = {
    # name: (unit, base count, generator of the Markdown for n units)
    "footnotes": ("notes", 12500, footnotes),
    "citations": ("citations", 12500, citations),
    "undefined-calls": ("calls", 12500, lambda n: "x" + "[^u]" * n + "\n"),
    "inline-notes": ("notes", 12500, lambda n: "".join("A^[note %d] " % i for i in range(n)) + "\n"),
    "long-word": ("KB", 256, lambda n: "a" * (n * 1024) + "\n"),
    "nested-quotes": ("levels", 6250, lambda n: ">" * n + " deep\n"),
    # "- * - * item": each marker opens a list inside the last (alternate
    # markers, so no line reads as a thematic break).
    "nested-lists": ("levels", 2500, lambda n: "".join("- " if i % 2 else "* " for i in range(n)) + "item\n"),
    "nested-emphasis": ("pairs", 7500, lambda n: "*a " * n + "b" + " a*" * n + "\n"),
    "emphasis-line": ("KB", 100, lambda n: "*a* _b_ " * (n * 128) + "\n"),
    "html-line": ("tags", 25000, lambda n: "<span>x</span> " * n + "\n"),
    "html-block": ("KB", 256, lambda n: "<div>\n" + "<p>raw</p>\n" * (n * 93) + "</div>\n"),
    "brackets": ("KB", 128, lambda n: "[" * (n * 1024) + "\n"),
    "paragraphs": ("pages", 500, lambda n: ("Plain text of a long brief, set in justified lines. " * 12 + "\n\n") * (n * 5)),
    "pipe-table": ("rows", 25000, lambda n: "| a | b | c |\n|---|---:|---|\n" + "".join("| r%d | %d | text |\n" % (i, i) for i in range(n))),
    "wide-table": ("rows", 2500, lambda n: "|" + "h|" * 60 + "\n|" + "-|" * 60 + "\n" + "x\n" * n),
}


PARSE_FLOOR = os.path.join(ROOT, "build", "bench", "parse_floor")


def fonts_bytes():
    d = os.path.join(ROOT, "fonts")
    return sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d)
               if f.lower().endswith((".ttf", ".ttc", ".otf")))


def run_case(briefc, name, n, tmp):
    unit, base, gen = CASES[name]
    d = os.path.join(tmp, "%s-%d" % (name, n))
    os.makedirs(os.path.join(d, "library"), exist_ok=True)
    open(os.path.join(d, "library", "sources.yaml"), "w").write(
        "- id: src\n  type: report\n  author: Human Rights Watch\n  title: The Invisible Exodus\n  date: \"2002\"\n")
    md = gen(n)
    open(os.path.join(d, "s.md"), "w").write(md)
    open(os.path.join(d, "b.yaml"), "w").write("title: P\nsources: [src]\nsections:\n  - file: s.md\n")
    t0 = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", briefc, "compile", os.path.join(d, "b.yaml"),
                        "-o", os.path.join(d, "out.pdf")], capture_output=True, text=True, timeout=600)
    t = time.monotonic() - t0
    rss = int(p.stderr.strip().splitlines()[-1]) if p.stderr.strip() else 0
    status = "pdf" if p.returncode == 0 else ("failed" if p.returncode == 1 else "rc=%d" % p.returncode)
    size = len(md.encode())
    floor = 0
    if os.access(PARSE_FLOOR, os.X_OK):
        q = subprocess.run(["/usr/bin/time", "-f", "%M", PARSE_FLOOR, os.path.join(d, "s.md")],
                           capture_output=True, text=True, timeout=600)
        floor = int(q.stderr.strip().splitlines()[-1]) if q.returncode == 0 else 0
    shutil.rmtree(d, ignore_errors=True)
    return t, rss, size, status, floor


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--briefc", default=os.path.join(ROOT, "build", "briefc"))
    ap.add_argument("--only")
    ap.add_argument("--scale", type=float, default=1.0)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="briefc-patho-")
    fonts = fonts_bytes()
    print("fonts: %.1f MB; bound: 50 x input + fonts" % (fonts / 2**20))
    print("%-16s %-8s %9s %9s %8s %9s %8s %8s %8s %6s %9s  %s" % (
        "case", "unit", "units", "input", "time s", "us/unit", "ratio", "peak MB", "bound",
        "within", "parser MB", "result"))
    for name in CASES:
        if a.only and name != a.only:
            continue
        unit, base, _ = CASES[name]
        t1 = None
        for k in (1, 2, 4):
            n = max(1, int(base * a.scale * k))
            t, rss, size, status, floor = run_case(a.briefc, name, n, tmp)
            t1 = t1 or t
            ratio = t / (t1 * k) if t1 > 0 else 0
            bound = (50 * size + fonts) / 2**20
            peak = rss / 1024
            print("%-16s %-8s %9d %8dK %8.2f %9.1f %8.2f %8.1f %8.1f %6s %9.1f  %s" % (
                name, unit, n, size // 1024, t, t / n * 1e6, ratio, peak, bound,
                "yes" if peak <= bound else "no", floor / 1024, status))
            sys.stdout.flush()
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
