"""test_pdf_pipe_tables.py: a Markdown pipe table is set as a table, not as
a paragraph of bars: alignment from the delimiter row, cells with inline
Markdown, notes and citations, a "Table:" caption that numbers it, and a
long one continued across pages under its repeated header."""
import os
import re

from tap import check, done, pages_text, qpdf_check, run, tmpdir, word_rects, write

d = tmpdir()
rows = "\n".join("| Province %02d | %d | %d.%d |" % (i, i * 37 % 500, i % 9, i % 10) for i in range(1, 81))
write(os.path.join(d, "t.md"), """# Returns by province

| Place | Returned | Rate |
|:------|---------:|:----:|
| Jilin, *border*[^j] | 1,200 | 2.5 |
| Liaoning | 34 | 10.0 |
Table: Returns **recorded** in 2023

[^j]: The Tumen border crossings.

Rows for a long table follow.

| Region | Count | Share |
|---|---:|---:|
%s

End of the text.
""" % rows)
write(os.path.join(d, "b.yaml"), "title: Tables\nsections:\n  - file: t.md\n")
pdf = os.path.join(d, "b.pdf")
rc, out, err = run(["compile", os.path.join(d, "b.yaml"), "-o", pdf, "--strict"])
check(rc == 0, "a brief with pipe tables compiles under --strict", err)
pages, _ = pages_text(pdf)
text = "\n".join(pages)
check("|" not in text and "---" not in text and "\u2014|" not in text,
      "no bar or dash of the table's source reaches the page", text[:400])
check("Table 1" in text and "Returns recorded in 2023" in text and "Table:" not in text,
      "the 'Table:' caption numbers the table and is its title")

rects = word_rects(pdf)


def word(w, page=None):
    for r in rects:
        if r[5] == w and (page is None or r[0] == page):
            return r
    return None


place, returned, rate = word("Place"), word("Returned"), word("Rate")
jilin, n1200, n25 = word("Jilin,"), word("1,200"), word("2.5")
ok = all([place, returned, rate, jilin, n1200, n25])
check(ok and abs(jilin[2] - n1200[2]) < 2 and abs(n1200[2] - n25[2]) < 2 and jilin[1] < n1200[1] < n25[1],
      "a row's cells stand side by side, in their columns, left to right")
check(ok and place[2] < jilin[2] and abs(place[1] - jilin[1]) < 1,
      "the header stands above its column (left-aligned from ':---')")
n34 = word("34")
check(ok and n34 and abs(n34[3] - n1200[3]) < 0.6,
      "a right-aligned column ('---:') lines its numbers up on the right")
r10 = word("10.0")
check(ok and r10 and abs((r10[1] + r10[3]) / 2 - (rate[1] + rate[3]) / 2) < 3,
      "a centred column (':---:') centres its cells under the header")
border = [r for r in rects if r[5].startswith("border")]
check(border, "emphasis in a cell is set as text", [r[5] for r in rects][:40])
note_page = next((i for i, p in enumerate(pages) if re.search(r"^\s*1\s*The Tumen border crossings\.", p, re.M)), -1)
check(note_page == (jilin[0] if jilin else -2), "a note called from a cell is set at the foot of the cell's page",
      pages[0][-600:] if pages else "")
check("[^j]" not in text, "the call is not printed as text")

first = [i for i, p in enumerate(pages) if "Province 01" in p]
last = [i for i, p in enumerate(pages) if "Province 80" in p]
check(first and last and last[0] > first[0], "the 80-row table continues on another page")
cont = [i for i in range(len(pages)) if "Province 80" in pages[i] or "Province 79" in pages[i]]
head_again = cont and re.search(r"Region\s+Count\s+Share", pages[cont[-1]])
check(head_again, "the continued table starts with its header again", pages[cont[-1]][:300] if cont else "")
check(all(("Province %02d" % i) in text for i in range(1, 81)), "every row is there")
ok, msg = qpdf_check(pdf)
check(ok, "qpdf --check passes", msg)

# A library table's cells are inline Markdown too, notes included.
lib = os.path.join(d, "lib")
write(os.path.join(lib, "library", "figures", "t.yaml"), """id: t
kind: table
title: Returns *by* year
columns: [Year, "What **happened**"]
rows:
  - [2019, "Returns rose^[Counted by NGOs.]"]
  - [2020, "Borders 'closed'"]
""")
write(os.path.join(lib, "s.md"), "Text before @fig:t.\n")
write(os.path.join(lib, "b.yaml"), "title: T\nfigures: [t]\nsections:\n  - file: s.md\n")
lpdf = os.path.join(lib, "b.pdf")
rc, out, err = run(["compile", os.path.join(lib, "b.yaml"), "-o", lpdf])
check(rc == 0, "a brief with a library table compiles", err)
lt = "\n".join(pages_text(lpdf)[0]) if rc == 0 else ""
check(rc == 0 and "**" not in lt and "What happened" in lt,
      "a library table's cells are Markdown: no literal asterisks", lt[:300])
check(rc == 0 and "Borders \u2018closed\u2019" in lt, "... with curly quotes", lt[:300])
check(rc == 0 and re.search(r"^\s*1\s*Counted by NGOs\.", lt, re.M) and "^[" not in lt,
      "... and an inline note in a library table's cell", lt[-300:])

# A column as wide as its widest cell: the cell must fit the width measured
# from its own text. The glyphs' end and the breaker's sum of widths may
# differ in the last bits; "Seymour (2000)" wrapped after "Seymour" when
# they did (and Table 1 of forced-returns ran onto another page).
d3 = tmpdir()
write(os.path.join(d3, "t.md"), """| When | Number | What was counted | Reported by |
|---|---:|---|---|
| 1999 | 7,000 | North Koreans returned from China: more than this, about ten percent of the new arrivals | Seymour (2000) |
| 1999 | 149 | North Koreans accepted as immigrants by South Korea | Seymour (2000) |
| March 2000 | 5,000 | North Koreans China is believed to have sent back in that month alone | Seymour (2000) |
| 2009 | 2,914 | defectors arriving in South Korea, the peak year | Lee (2023) |
""")
write(os.path.join(d3, "b.yaml"), "title: Widths\nsections:\n  - file: t.md\n")
pdf3 = os.path.join(d3, "b.pdf")
rc, out, err = run(["compile", os.path.join(d3, "b.yaml"), "-o", pdf3])
rects3 = word_rects(pdf3) if rc == 0 else []
sey = [r for r in rects3 if r[5] == "Seymour"]
yrs = [r for r in rects3 if r[5] == "(2000)"]
check(rc == 0 and len(sey) == 3 and len(yrs) == 3 and
      all(abs(s[2] - y[2]) < 1 and y[1] > s[3] for s, y in zip(sey, yrs)),
      "a cell as wide as its column stays on one line ('Seymour (2000)')",
      [(r[5], round(r[1]), round(r[2])) for r in sey + yrs])
done()
