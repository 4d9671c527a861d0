"""test_pdf_footnotes.py: the footnote rules of docs/FOOTNOTES.md, checked
on a real PDF: a long generated brief whose calls and notes carry marker
words (CALLn before the call of note n, NOTEnA at the start of note n,
NOTEnZ at its end), so pdftotext shows on which page each one fell."""
import os
import re

from tap import check, done, page_count, pages_text, qpdf_check, run, tmpdir, words_page, write

SENTENCES = [
    "Refugees who cross the Tumen River into China are treated as illegal economic migrants.",
    "Those returned to North Korea face detention, forced labour and in some cases execution.",
    "China is a party to the 1951 Refugee Convention and its 1967 Protocol.",
    "UNHCR has been denied access to the border region for most of the past two decades.",
    "Women make up the majority of those who hide in China, many of them trafficked.",
    "The principle of non-refoulement forbids returning anyone to a place of persecution.",
    "Testimony before the Congressional-Executive Commission on China described mass returns.",
    "Estimates of the number hiding in China have ranged from ten thousand to three hundred thousand.",
]


def sentences(k, n):
    return " ".join(SENTENCES[(k + i) % len(SENTENCES)] for i in range(n))


def build(d):
    paras, notes = [], []
    n = 0
    for p in range(60):
        body = sentences(p, 2 + p % 4)
        calls = 1 + (p % 3 == 0)
        for c in range(calls):
            n += 1
            length = [1, 2, 6, 12, 3, 30][n % 6]   # some notes are very long
            body += " This is the call CALL%d.[^n%d] %s" % (n, n, sentences(n, 1))
            notes.append("[^n%d]: NOTE%dA %s NOTE%dZ" % (n, n, sentences(n, length), n))
        if p % 7 == 3:
            paras.append("## Section %d\n" % p)
        if p % 9 == 5:
            paras.append("- A list item that calls a note here, CALL%d.[^n%d]\n" % (n + 1, n + 1))
            n += 1
            notes.append("[^n%d]: NOTE%dA In a list. NOTE%dZ" % (n, n, n))
        if p % 11 == 6:
            paras.append("> A quotation that calls a note here, CALL%d.[^n%d]\n" % (n + 1, n + 1))
            n += 1
            notes.append("[^n%d]: NOTE%dA In a quote. NOTE%dZ" % (n, n, n))
        paras.append(body + "\n")
    write(os.path.join(d, "sections", "long.md"), "\n".join(paras) + "\n" + "\n".join(notes) + "\n")
    write(os.path.join(d, "notes.yaml"), "title: Footnote rules\nsections:\n  - file: sections/long.md\n")
    return n


d = tmpdir()
n = build(d)
rc, out, err = run(["compile", "notes.yaml", "-o", "notes.pdf"], cwd=d)
pdf = os.path.join(d, "notes.pdf")
check(rc == 0, "the generated brief compiles", err)
pages, perr = pages_text(pdf)
check(perr.strip() == "", "pdftotext prints no warnings", perr)
ok, log = qpdf_check(pdf)
check(ok, "qpdf --check passes", log)
check(len(pages) == page_count(pdf) and len(pages) >= 8, "several pages (%d)" % len(pages))

same, late_end, split, bad = 0, 0, 0, []
for i in range(1, n + 1):
    call = words_page(pages, "CALL%d." % i)
    start = words_page(pages, "NOTE%dA" % i)
    end = words_page(pages, "NOTE%dZ" % i)
    if call < 0 or start < 0 or end < 0:
        bad.append("note %d: call p%d start p%d end p%d" % (i, call, start, end))
        continue
    if call == start:
        same += 1
    else:
        bad.append("note %d starts on page %d, its call is on page %d" % (i, start + 1, call + 1))
    if end == start + 1:
        split += 1
    elif end != start:
        late_end += 1
check(not bad, "every note starts on the page of its call (%d notes)" % n, "\n".join(bad))
check(split > 0, "long notes are split and continue on the next page (%d split)" % split)
check(late_end == 0, "no note (each shorter than a page) runs past the next page", late_end)

# Continued notes come before the next page's own notes: the end of a
# split note is above the first note that starts on that page.
order_bad = []
for i in range(1, n + 1):
    s, e = words_page(pages, "NOTE%dA" % i), words_page(pages, "NOTE%dZ" % i)
    if s >= 0 and e == s + 1:
        page = pages[e]
        pos_end = page.find("NOTE%dZ" % i)
        starts = [page.find("NOTE%dA" % k) for k in range(1, n + 1) if words_page(pages, "NOTE%dA" % k) == e]
        starts = [x for x in starts if x >= 0]
        if starts and min(starts) < pos_end:
            order_bad.append("note %d's rest comes after a new note on page %d" % (i, e + 1))
check(not order_bad, "the rest of a split note comes before the next page's own notes", "\n".join(order_bad))
done()
