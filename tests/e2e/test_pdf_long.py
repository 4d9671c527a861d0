"""test_pdf_long.py: the long brief (tests/data/long, built from the seed
texts: ~16,000 words, ~100 notes, some of eight sentences). Every note
call links to its note on the same page; long notes continue on the next
page (checked on generated notes in test_pdf_footnotes.py); no line overflows; no widows or orphans; the PDF is clean."""
import os
import re

from tap import stext_chars, ROOT, check, done, internal_links, pages_text, qpdf_check, run, tmpdir, word_boxes

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
# Justified lines share one optical right edge (docs/SPACING.md): a line
# ending in a letter ends at the margin (533 pt) to within a quarter point;
# one ending in punctuation or a hyphen hangs it past the margin by its
# share of the glyph (microtype's protrusion), and no further.
HANG = {".": 0.7, ",": 0.7, "-": 0.7, "\u2010": 0.7, "\u2019": 0.7, "\u201d": 0.7, "'": 0.7, '"': 0.7,
        ":": 0.5, ";": 0.5, "\u2013": 0.5, "\u2014": 0.3, "!": 0.2, "?": 0.2}
edges, hung, wrong = [], 0, []
for page in stext_chars(pdf):
    for chars in page:
        text = [c for c in chars if c[0].strip()]
        if len(text) < 30 or abs(text[-1][3] - 10.5) > 0.01:
            continue        # not a full line of body text
        c, x0, x1, size = text[-1]
        edge = x1 - HANG.get(c, 0) * (x1 - x0)
        if 527 <= edge <= 540:
            edges.append(edge)
            hung += c in HANG and x1 > 533.5
            if abs(edge - 533) > 0.25:
                wrong.append((c, round(x1, 2), round(edge, 2)))
check(len(edges) > 400 and len(wrong) <= 0.03 * len(edges),
      "justified body lines share one optical edge (%d lines, %d ending in hanging punctuation)"
      % (len(edges), hung), wrong[:10])
check(hung > 50, "punctuation and hyphens hang into the right margin (%d lines)" % hung)
over = [w for w in word_boxes(pdf) if w[2] > 612 - 79 + 4.0]
check(not over, "no word reaches past the right margin further than a hanging mark", over[:5])
done()
