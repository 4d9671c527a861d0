"""test_pdf_keeps.py: widows, orphans and heading keeps on small crafted
inputs, checked on the PDF. A paragraph of five fixed lines (hard breaks:
PA1 .. PA5), after a heading, is pushed down the page by 1 to 60 filler
lines, so that the page break falls at every possible place in it. In
every case: never one line of it alone at the foot (orphan) or head
(widow) of a page, and the heading is on the page of PA1 and PA2."""
import os

from tap import check, done, pages_text, run, tmpdir, write

d = tmpdir()
para = "\\\n".join("PA%d line of the kept paragraph" % i for i in range(1, 6))
orphans, widows, keeps, broke = [], [], [], 0
for n in range(1, 61):
    filler = "\n\n".join("Filler line %d." % i for i in range(n))
    write(os.path.join(d, "k.md"), filler + "\n\n## HEADKEEP\n\n" + para + "\n")
    write(os.path.join(d, "k.yaml"), "title: Keeps\nsections:\n  - file: k.md\n")
    rc, out, err = run(["compile", "k.yaml", "-o", "k.pdf"], cwd=d)
    if rc != 0:
        orphans.append("n=%d: %s" % (n, err))
        continue
    pages, _ = pages_text(os.path.join(d, "k.pdf"))
    where = [next(k for k, p in enumerate(pages) if "PA%d " % i in p) for i in range(1, 6)]
    head = next(k for k, p in enumerate(pages) if "HEADKEEP" in p)
    if where[0] != where[-1]:
        broke += 1
    if where[0] != where[1]:
        orphans.append("n=%d: PA1 alone on page %d" % (n, where[0] + 1))
    if where[3] != where[4]:
        widows.append("n=%d: PA5 alone on page %d" % (n, where[4] + 1))
    if not (head == where[0] == where[1]):
        keeps.append("n=%d: heading on page %d, PA1 %d, PA2 %d" % (n, head + 1, where[0] + 1, where[1] + 1))
check(broke > 0, "in some cases the paragraph is split across pages (%d of 60)" % broke)
check(not orphans, "never an orphan: PA1 never alone at a page foot", "\n".join(orphans))
check(not widows, "never a widow: PA5 never alone at a page head", "\n".join(widows))
check(not keeps, "the heading always stays with the first two lines", "\n".join(keeps))
done()
