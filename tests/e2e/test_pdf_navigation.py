"""test_pdf_navigation.py: the table of contents lists every heading with
the page it is really on, each entry a link; running heads use the short
title from page 2 on; every page says Page X of Y; bookmarks exist for
every heading."""
import os
import re
import subprocess

from tap import ROOT, check, done, pages_text, run, tmpdir

d = tmpdir()
brief = os.path.join(ROOT, "briefs", "forced-returns.yaml")
pdf = os.path.join(d, "r.pdf")
rc, out, err = run(["compile", brief, "-o", pdf])
check(rc == 0, "the example brief compiles", err)
pages, perr = pages_text(pdf)
check(perr.strip() == "", "pdftotext prints no warning", perr)
first = pages[0]
check("Contents" in first, "a table of contents")
layout = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", pdf, "-"],
                        capture_output=True, text=True).stdout
entries = [(t.strip(), int(n)) for t, n in re.findall(r"^\s*(\S.*?)\s*(?:\. ?){3,}\s*(\d+)\s*$", layout, re.M)]
check(len(entries) >= 10, "the contents list the headings (%d entries)" % len(entries), layout)
wrong = []
for title, page in entries:
    real = []
    for i, p in enumerate(pages):
        alone = len(re.findall(r"^%s$" % re.escape(title), p, re.M))
        # On page 1 the contents list the title too (followed by its leaders).
        if alone >= 1:
            real.append(i + 1)
    if page not in real:
        wrong.append("%s: listed on %d, found on %s" % (title, page, real))
check(not wrong, "every contents page number is right", "\n".join(wrong))
n = len(pages)
check(all(("Page %d of %d" % (i + 1, n)) in p for i, p in enumerate(pages)), "every page says Page i of N")
check(not re.search(r"^Forced returns$", pages[0], re.M) and
      all(re.search(r"^Forced returns$", p, re.M) for p in pages[1:]),
      "the short title heads every page from page 2 on, not page 1")
raw = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"], capture_output=True).stdout
titles = re.findall(rb"/Title <feff([0-9a-f]+)>", raw)
check(len(titles) >= len(entries) + 1, "a bookmark for every heading (%d)" % len(titles))
links = len(re.findall(rb"/Subtype /Link", raw))
check(links >= len(entries), "contents entries and note calls are links (%d)" % links)
rc, out, err = run(["compile", brief, "-o", pdf, "--stats"])
stats = dict(re.findall(r"^([a-z ]+): (\d+)$", out, re.M))
check(stats.get("overfull lines") == "0", "no overfull line", out)
check(stats.get("widows") == "0" and stats.get("orphans") == "0", "no widows or orphans", out)
check(int(stats.get("hyphenated lines", "0")) > 0, "hyphenated line ends occur", out)
done()
