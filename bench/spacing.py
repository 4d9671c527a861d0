#!/usr/bin/env python3
"""spacing.py: how even the inter-word spaces of justified lines are, in
one or more PDFs, measured the same way for every PDF from pdftotext
-bbox-layout word boxes. A line counts when its words are body text of
the given size (line height within 15%) and it reaches the right margin
(it is justified, not a paragraph's last line). For each such line the
gaps between its words are measured; the script prints the mean gap, its
standard deviation across all gaps, the spread of the per-line mean gap,
the share of gaps wider than 1.5x or narrower than 0.6x the mean, and
the loosest line (the widest mean gap of a line).

usage: bench/spacing.py SIZE_PT RIGHT_EDGE_PT FILE.pdf [FILE.pdf ...]
"""
import re
import statistics
import subprocess
import sys


def lines_of(pdf):
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, text=True).stdout
    for block in re.findall(r"<line (.*?)</line>", out, re.S):
        words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', block)]
        if len(words) >= 4:
            yield words


def measure(pdf, size, right):
    gaps, per_line = [], []
    for words in lines_of(pdf):
        h = statistics.median(w[3] - w[1] for w in words)
        if abs(h - size * 1.36) > size * 1.36 * 0.15 and abs(h - size) > size * 0.3:
            continue
        if words[-1][2] < right - 1.0:
            continue
        g = [words[i + 1][0] - words[i][2] for i in range(len(words) - 1)]
        if min(g) <= 0:
            continue
        gaps += g
        per_line.append(statistics.mean(g))
    return gaps, per_line


def main():
    size, right = float(sys.argv[1]), float(sys.argv[2])
    print("%-40s %6s %8s %8s %10s %8s %8s %9s" % ("pdf", "lines", "mean pt", "sd pt", "line sd pt", ">1.5x",
                                                "<0.6x", "loosest"))
    for pdf in sys.argv[3:]:
        gaps, per_line = measure(pdf, size, right)
        if not gaps:
            print("%-40s no justified lines found" % pdf)
            continue
        m = statistics.mean(gaps)
        print("%-40s %6d %8.3f %8.3f %10.3f %7.1f%% %7.1f%% %9.3f" % (
            pdf.split("/")[-1], len(per_line), m, statistics.pstdev(gaps), statistics.pstdev(per_line),
            100.0 * sum(g > 1.5 * m for g in gaps) / len(gaps), 100.0 * sum(g < 0.6 * m for g in gaps) / len(gaps),
            max(per_line)))


if __name__ == "__main__":
    main()
