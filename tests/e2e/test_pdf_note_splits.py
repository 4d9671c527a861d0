"""test_pdf_note_splits.py: notes split across pages as TeX splits them,
read off the real PDF (mupdf's text lines with their fonts): a note of
three lines or fewer is never split; a split leaves two lines at least on
each page; a note never breaks after a hyphenated line; and no note
number reaches into the left margin, whatever its width. Checked on the
99-note long test brief and on a generated brief of 220 notes of one to
nine lines."""
import os
import random

from tap import ROOT, check, done, run, stext_lines, tmpdir, write

MARGIN = 79.0   # the default style's left margin


def note_lines(page, note_size):
    """The page's note lines, top to bottom: serif lines all in the notes'
    size (the footer is sans, body text larger)."""
    out = []
    for x0, y0, x1, y1, fonts, text in page:
        if fonts and all("Serif" in n and abs(s - note_size) < 0.01 for n, s in fonts):
            out.append((y0, x0, text))
    return sorted(out)


def notes_by_page(pdf, note_size=8.5):
    """For each page: a list of [number or None, lines, last text] groups;
    a group without a number continues the last note of the page before."""
    pages = []
    for page in stext_lines(pdf):
        lines = note_lines(page, note_size)
        if not lines:
            pages.append([])
            continue
        text_x = max(x for _, x, _ in lines)   # continuation lines start at the text column
        groups = []
        for y, x, text in lines:
            first = x < text_x - 2
            num = text.split()[0] if first and text.split() else None
            if first or not groups:
                groups.append([num, 0, "", x])
            groups[-1][1] += 1
            groups[-1][2] = text
        pages.append(groups)
    return pages


def audit(pdf, name):
    pages = notes_by_page(pdf)
    splits, short, thin, hyphen, margin = [], [], [], [], []
    for p, groups in enumerate(pages):
        for num, n, last, x in groups:
            if num is not None and x < MARGIN - 0.5:
                margin.append((p + 1, num, x))
        if not groups or groups[0][0] is not None or p == 0:
            continue
        # The first group continues the previous page's last note.
        prev = pages[p - 1][-1] if pages[p - 1] else None
        if not prev:
            continue
        before, after = prev[1], groups[0][1]
        splits.append((p, prev[0], before, after))
        if before + after <= 3:
            short.append((p, prev[0], before, after))
        if before < 2 or after < 2:
            thin.append((p, prev[0], before, after))
        if prev[2].rstrip().endswith("-") and not prev[2].rstrip().endswith("--"):
            hyphen.append((p, prev[0], prev[2][-30:]))
    total = sum(1 for g in pages for grp in g if grp[0] is not None)
    check(total > 0, "%s: the notes are found in the PDF (%d, %d split)" % (name, total, len(splits)))
    check(not short, "%s: no note of three lines or fewer is split" % name, short)
    check(not thin, "%s: every split leaves two lines at least on each page" % name, thin)
    check(not hyphen, "%s: no note breaks after a hyphenated line" % name, hyphen)
    check(not margin, "%s: no note number reaches into the left margin" % name, margin)
    return splits


d = tmpdir()
pdf = os.path.join(d, "long.pdf")
rc, out, err = run(["compile", os.path.join(ROOT, "tests", "data", "long", "long.yaml"), "-o", pdf])
check(rc == 0, "the long test brief compiles", err)
audit(pdf, "long brief (99 notes)")

# 220 notes of one to nine lines, called from paragraphs of varying length.
rng = random.Random(14)
words = ("refugee repatriation border province testimony commission detention famine "
         "asylum protection convention obligation returnees authorities interrogation").split()
body, defs = [], []
for i in range(1, 221):
    para = " ".join(rng.choice(words) for _ in range(rng.randint(20, 90)))
    body.append("%s.[^n%d]\n" % (para.capitalize(), i))
    lines = rng.choice([1, 1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 9])
    defs.append("[^n%d]: %s.\n" % (i, " ".join(rng.choice(words) for _ in range(lines * 13))))
write(os.path.join(d, "s.md"), "\n".join(body) + "\n" + "".join(defs))
write(os.path.join(d, "b.yaml"), "title: Notes\nsections:\n  - file: s.md\n")
gen = os.path.join(d, "gen.pdf")
rc, out, err = run(["compile", os.path.join(d, "b.yaml"), "-o", gen])
check(rc == 0, "a brief of 220 notes compiles", err)
splits = audit(gen, "220 notes")
check(len(splits) <= 12, "splitting stays the exception (%d of 220 notes split)" % len(splits), splits)
done()
