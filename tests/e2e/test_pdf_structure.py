"""test_pdf_structure.py: structure in a brief, checked in the real PDF.
The page after a `- pagebreak` starts with the text that follows it;
annexes start a page as "Annex A: TITLE" (the file's first heading or a
title:), lettered in order, each in the contents with its real page and
in the bookmarks; the sources after an annex start a page; toc-depth
limits the contents and the bookmarks; briefs whose sections start at
'#' and at '##' get the same contents and bookmarks, with Recommendations
and Sources at the top level."""
import json
import os
import re
import shutil
import subprocess

from tap import ROOT, check, done, page_count, pages_text, run, tmpdir, write

d = tmpdir()
shutil.copytree(os.path.join(ROOT, "briefs", "library"), os.path.join(d, "library"))
FILLER = " ".join(["The text of this part goes on for a while so that it fills its lines."] * 6)


def compile_brief(name, yaml):
    write(os.path.join(d, name + ".yaml"), yaml)
    pdf = os.path.join(d, name + ".pdf")
    rc, out, err = run(["compile", name + ".yaml", "-o", pdf, "--strict"], cwd=d)
    return rc, err, pdf


def page_lines(pdf, n):
    """The lines of page n (1-based) without the running head, folio and blanks."""
    out = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), pdf, "-"],
                         capture_output=True, text=True).stdout
    return [l.strip() for l in out.splitlines()
            if l.strip() and l.strip() != "Structure" and not l.startswith("Page ")]


def contents(pdf):
    """(entry, page, indent) for every line of the contents on page 1."""
    layout = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", pdf, "-"],
                            capture_output=True, text=True).stdout
    return [(t.strip(), int(n), len(t) - len(t.lstrip()))
            for t, n in re.findall(r"^(\s*\S.*?)\s*(?:\. ?){3,}\s*(\d+)\s*$", layout, re.M)]


def bookmarks(pdf):
    """(title, level, page) for every bookmark, in order, from qpdf --json."""
    out = subprocess.run(["qpdf", "--json", pdf], capture_output=True, text=True).stdout
    rows = []

    def walk(items, level):
        for o in items:
            rows.append((o["title"], level, o.get("destpageposfrom1")))
            walk(o.get("kids", []), level + 1)
    walk(json.loads(out).get("outlines", []), 1)
    return rows


write(os.path.join(d, "sections", "body.md"),
      "# Background\n\nBODYONE %s\n\n## Detail\n\nDETAILTEXT %s\n\n### Deeper\n\nDEEPTEXT text.\n\n"
      "#### Deepest\n\nDEEPESTTEXT text.\n" % (FILLER, FILLER))
write(os.path.join(d, "sections", "after.md"), "# After the break\n\nAFTERBREAK starts its page.\n")
write(os.path.join(d, "sections", "law.md"),
      "# Excerpts of the law\n\nANNEXONE %s\n\n## Article 33\n\nANNEXSUB text.[@hrw-2002-exodus]\n" % FILLER)
write(os.path.join(d, "sections", "numbers.md"), "NUMBERSTEXT has no heading of its own.\n")

BRIEF = """title: Structure
toc: true
sources: [hrw-2002-exodus]
sections:
  - file: sections/body.md
  - pagebreak
  - file: sections/after.md
  - annex: sections/law.md
  - {annex: sections/numbers.md, title: Figures by year}
  - sources
"""
rc, err, pdf = compile_brief("s", BRIEF)
check(rc == 0, "a brief with a page break, two annexes and sources compiles under --strict", err)
pages, _ = pages_text(pdf)
n = page_count(pdf)
after = [i for i, p in enumerate(pages) if "AFTERBREAK" in p]
check(after and after[0] > 0 and "DEEPESTTEXT" in pages[after[0] - 1],
      "the text before the page break ends the page before it", after)
first = page_lines(pdf, after[0] + 1) if after else []
check(first[:2] == ["After the break", "AFTERBREAK starts its page."],
      "the page after '- pagebreak' starts with the text that follows it", first[:3])

annex_a = [i for i, p in enumerate(pages) if "Annex A: Excerpts of the law" in p and i > 0]
annex_b = [i for i, p in enumerate(pages) if "Annex B: Figures by year" in p and i > 0]
check(annex_a and page_lines(pdf, annex_a[0] + 1)[0] == "Annex A: Excerpts of the law",
      "Annex A starts a new page, titled by its file's first heading", annex_a)
check(annex_b and annex_b[0] > annex_a[0] and
      page_lines(pdf, annex_b[0] + 1)[:2] == ["Annex B: Figures by year", "NUMBERSTEXT has no heading of its own."],
      "Annex B starts the next page, titled by its title:", annex_b)
check(not any("Excerpts of the law" in l for l in page_lines(pdf, annex_a[0] + 1)[1:]),
      "the file's first heading became the annex heading, not a second heading")
src = [i for i, p in enumerate(pages) if re.search(r"^Sources$", p, re.M) and i > 0]
check(src and src[0] > annex_b[0] and page_lines(pdf, src[0] + 1)[0] == "Sources",
      "the sources after the annexes start a page of their own", src)

toc = contents(pdf)
titles = [t for t, p, i in toc]
check(titles == ["Background", "Detail", "Deeper", "After the break", "Annex A: Excerpts of the law",
                 "Article 33", "Annex B: Figures by year", "Sources"],
      "the contents list the body to level 3, the annexes and their headings, the sources", toc)
real = {"Background": 1, "After the break": after[0] + 1, "Annex A: Excerpts of the law": annex_a[0] + 1,
        "Annex B: Figures by year": annex_b[0] + 1, "Sources": src[0] + 1}
wrong = [(t, p, real[t]) for t, p, i in toc if t in real and p != real[t]]
check(not wrong and len(toc) == 8, "each annex is listed with its real page number", wrong)
indent = dict((t, i) for t, p, i in toc)
check(indent["Annex A: Excerpts of the law"] == indent["Background"] == indent["Sources"] and
      indent["Article 33"] > indent["Annex A: Excerpts of the law"],
      "annexes and sources sit at the top level, an annex's headings under it", toc)
bm = bookmarks(pdf)
check(("Annex A: Excerpts of the law", 1, annex_a[0] + 1) in bm and ("Annex B: Figures by year", 1, annex_b[0] + 1) in bm
      and ("Article 33", 2, annex_a[0] + 1) in bm,
      "each annex is a top-level bookmark to its page, its headings under it", bm)
check(not any(t == "Deepest" for t, l, p in bm) and ("Deeper", 3, 1) in [(t, l, p) for t, l, p in bm],
      "bookmarks stop at level 3 by default, like the contents", bm)

# A page break next to a figure: a figure before the break stays before
# it, one after the break starts the next page; no blank page either way.
FIG = """title: Structure
sources: [seymour-2000, cecc-2023-lee]
figures: [arrivals]
sections:
  - markdown: BEFORE text.
%s
  - markdown: AFTER text.
"""
for name, order, where in (("fb", "  - figure: arrivals\n  - pagebreak", 0), ("bf", "  - pagebreak\n  - figure: arrivals", 1)):
    rc, err, fpdf = compile_brief(name, FIG % order)
    fpages, _ = pages_text(fpdf)
    fig = [i for i, p in enumerate(fpages) if "Figure 1 " in p]
    aft = [i for i, p in enumerate(fpages) if "AFTER text" in p]
    check(rc == 0 and len(fpages) == 2 and fig == [where] and aft == [1],
          "%s: the figure on page %d, the text after the break on page 2, two pages"
          % ("figure then page break" if where == 0 else "page break then figure", where + 1), (err, fig, aft))

# toc-depth: 1 lists and bookmarks the top level alone.
rc, err, pdf1 = compile_brief("s1", BRIEF.replace("toc: true\n", "toc: true\ntoc-depth: 1\n"))
toc1 = [t for t, p, i in contents(pdf1)]
check(rc == 0 and toc1 == ["Background", "After the break", "Annex A: Excerpts of the law",
                           "Annex B: Figures by year", "Sources"],
      "toc-depth: 1 lists the top-level headings only", toc1)
bm1 = bookmarks(pdf1)
check(bm1 and all(l == 1 for t, l, p in bm1) and not any(t == "Detail" for t, l, p in bm1),
      "toc-depth: 1 bookmarks the top level only", bm1)
rc, err, pdf4 = compile_brief("s4", BRIEF.replace("toc: true\n", "toc: true\ntoc-depth: 4\n"))
check(rc == 0 and "Deepest" in [t for t, p, i in contents(pdf4)] and ("Deepest", 4, 1) in bookmarks(pdf4),
      "toc-depth: 4 adds the fourth level to both")

# '#' or '##' as the top heading: the same contents and bookmarks, with
# the generated Recommendations and Sources at the top level.
SCHEME = """title: Structure
toc: true
sources: [hrw-2002-exodus, hrw-press-release]
recommendations:
  to: [china]
  select: [china-halt-returns]
sections:
  - file: sections/%s1.md
  - file: sections/%s2.md
  - recommendations
  - sources
"""
for top in ("h1", "h2"):
    h = "#" if top == "h1" else "##"
    write(os.path.join(d, "sections", top + "1.md"),
          "%s First part\n\nFIRSTPART text.\n\n%s# A point\n\nPOINT text.\n" % (h, h))
    write(os.path.join(d, "sections", top + "2.md"), "%s Second part\n\nSECONDPART text.\n" % h)
rc1, err1, p1 = compile_brief("h1", SCHEME % ("h1", "h1"))
rc2, err2, p2 = compile_brief("h2", SCHEME % ("h2", "h2"))
check(rc1 == 0 and rc2 == 0, "briefs with '#' and with '##' as their top heading compile", err1 + err2)
c1, c2 = contents(p1), contents(p2)
check(c1 == c2 and [t for t, p, i in c1] == ["First part", "A point", "Second part", "Recommendations",
                                               "To the Government of the People\u2019s Republic of China", "Sources"],
      "both get the same contents", (c1, c2))
ind = dict((t, i) for t, p, i in c1)
check(ind["First part"] == ind["Second part"] == ind["Recommendations"] == ind["Sources"] and
      ind["A point"] > ind["First part"],
      "Recommendations and Sources at the top level, beside the body's top headings", c1)
b1, b2 = bookmarks(p1), bookmarks(p2)
levels = [(t, l) for t, l, p in b1]
check(b1 == b2 and ("First part", 1) in levels and ("A point", 2) in levels and
      ("Recommendations", 1) in levels and ("Sources", 1) in levels,
      "and the same bookmarks, top headings at level 1", (b1, b2))
done()
