"""test_pdf_long.py: the long brief (tests/data/long, built from the seed
texts: ~16,000 words, ~100 notes, some of eight sentences). Every note
call links to its note on the same page; long notes continue on the next
page (checked on generated notes in test_pdf_footnotes.py); no line overflows; no widows or orphans; the PDF is clean."""
import os
import re

from tap import ROOT, check, done, internal_links, pages_text, qpdf_check, run, tmpdir, word_boxes

d = tmpdir()
pdf = os.path.join(d, "long.pdf")
rc, out, err = run(["compile", os.path.join(ROOT, "tests", "data", "long", "long.yaml"), "-o", pdf, "--stats"])
check(rc == 0, "the long brief compiles", err)
stats = dict(re.findall(r"^([a-z ]+): (\d+)$", out, re.M))
check(int(stats.get("pages", 0)) >= 20, "%s pages" % stats.get("pages"))
check(stats.get("overfull lines") == "0", "no overfull line", out)
check(stats.get("widows") == "0" and stats.get("orphans") == "0", "no widows or orphans", out)
check(int(stats.get("hyphenated lines", 0)) > 0, "hyphenation is used", out)
ok, log = qpdf_check(pdf)
check(ok, "qpdf --check passes", log)
pages, perr = pages_text(pdf)
check(perr.strip() == "", "pdftotext prints no warnings", perr)
links = internal_links(pdf)
notes = [l for l in links if l[1] >= 0]
check(len(notes) >= 90, "every note call is a link (%d)" % len(notes))
away = [l for l in notes if l[0] != l[1]]
check(not away, "every note call links to a note on its own page", away[:10])
# Justified lines share one right edge: the last words of full body lines
# end at the margin (533 pt) to within a quarter point; none beyond it.
import subprocess
out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, text=True).stdout
ends = []
for line in re.findall(r"<line (.*?)</line>", out, re.S):
    xs = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', line)
    if len(xs) >= 6 and abs((float(xs[-1][3]) - float(xs[-1][1])) - 14.3) < 2.5:
        ends.append(float(xs[-1][2]))
# (Quotations are narrower; a paragraph's last line may end anywhere.)
at_edge = [e for e in ends if abs(e - 533) <= 0.25]
near = [e for e in ends if 527 <= e <= 533.25]
check(len(at_edge) > 400 and len(at_edge) >= 0.97 * len(near) and max(ends) <= 533.25,
      "justified body lines share one right edge (%d lines at 533 +- 0.25 pt, %d within 6 pt of it)"
      % (len(at_edge), len(near)), sorted(set(round(e, 1) for e in near if abs(e - 533) > 0.25)))
over = [w for w in word_boxes(pdf) if w[2] > 612 - 79 + 0.5]
check(not over, "no word past the right margin", over[:5])
done()
