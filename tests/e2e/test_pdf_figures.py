"""test_pdf_figures.py: figures on the real PDF (issue 5), from the fixture
tests/data/figures (one figure of every kind, references in the text, a
table of 45 rows). Chart text is real text (pdftotext finds axis labels,
categories and values); charts are vectors (pdfimages lists only the one
image figure); figure numbers and the references to them agree and link
to the figure's page; a figure that does not fit goes to the top of a
later page while the text goes on; no figure is split; the long table
continues under "Table 2 (continued)" with its header repeated, every row
once, in order. Then each validation error, through the CLI, at its file,
line and column: unequal series, a value that is not a number, an unknown
figure, a missing or corrupt image, a reference to a figure the brief
does not select, a bad CSV row."""
import os
import re
import shutil

from tap import (BRIEFC, ROOT, check, done, fonts, internal_links, pages_text, qpdf_check, run, tmpdir,
                 tool, word_rects)

FIXTURE = os.path.join(ROOT, "tests", "data", "figures")
d = tmpdir()
pdf = os.path.join(d, "figures.pdf")
rc, out, err = run(["compile", "--strict", os.path.join(FIXTURE, "figures.yaml"), "-o", pdf])
check(rc == 0 and "warning" not in err, "the fixture compiles under --strict, without warnings", err)
ok, log = qpdf_check(pdf)
check(ok, "qpdf --check passes", log)
fs = fonts(pdf)
check(fs and all(f["emb"] == "yes" and f["sub"] == "yes" and f["uni"] == "yes" for f in fs),
      "every font is embedded, subset, with a ToUnicode map", fs)
pages, perr = pages_text(pdf)
check(perr.strip() == "", "pdftotext reads every page without a warning", perr)
alltext = "\n".join(pages)
flat = re.sub(r"\s+", " ", alltext)   # pdftotext breaks wrapped labels and table cells apart

# ---- chart text is text ----
for what, words in [
    ("bar chart: unit, ticks, categories, values, legend",
     ["People per year", "2,500", "Alpha", "Gamma", "2,400", "1,210", "Lower", "Upper"]),
    ("horizontal bars: long category names, values, unit",
     ["needs the room a horizontal bar gives it", "Short", "300,000", "Estimated people"]),
    ("line chart: unit, year ticks, values", ["Arrivals per year", "2005", "2010", "2,914", "149"]),
    ("key figures: values and labels", ["34,000", "2,914", "70\u201380%", "defectors living in South Korea"]),
]:
    missing = [w for w in words if w not in flat]
    check(not missing, "pdftotext finds the %s" % what, missing)
check(not re.search(r"\b2002\.5\b|\b2000\.0\b", alltext), "a year axis ticks at whole years")

# ---- charts are vectors ----
rc, imgs, _ = tool(["pdfimages", "-list", pdf])
rows = [l for l in imgs.splitlines()[2:] if l.strip()]
check(len(rows) == 1 and rows[0].split()[3:5] == ["160", "90"],
      "pdfimages lists one image, the image figure's 160x90 JPEG: charts are vectors", imgs)

# ---- numbers, titles and references agree ----
titles = {"Figure 1": "Stats of the fixture", "Figure 2": "Bars of the fixture",
          "Figure 3": "Horizontal bars of the fixture", "Figure 4": "Line of the fixture",
          "Figure 5": "Image of the fixture", "Table 1": "Small table of the fixture",
          "Table 2": "Long table of the fixture"}
title_page = {}
for label, title in titles.items():
    found = [i for i, t in enumerate(pages) if re.search(re.escape(label) + r"\s+" + re.escape(title), t)]
    title_page[label] = found[0] if found else -1
check(all(p >= 0 for p in title_page.values()),
      "every figure has its label and title, numbered in reading order", title_page)
order = [title_page["Figure %d" % n] for n in range(1, 6)]
check(order == sorted(order), "figures appear in the order of their numbers", order)
for ref, label in [("bars (Figure 2)", "Figure 2"), ("horizontal bars (Figure 3)", "Figure 3"),
                   ("line (Figure 4)", "Figure 4"), ("image (Figure 5)", "Figure 5"),
                   ("small table Table 1", "Table 1"), ("long one (Table 2)", "Table 2")]:
    check(ref in re.sub(r"\s+", " ", alltext), "the text reads '%s'" % ref)


words = word_rects(pdf)
links = internal_links(pdf)
ref_links = []
for i in range(len(words) - 1):
    p, x0, y0, x1, y1, w = words[i]
    nxt = words[i + 1]
    if w not in ("Figure", "Table", "(Figure", "(Table") or nxt[0] != p:
        continue
    num = re.match(r"(\d+)", nxt[5])
    if not num:
        continue
    label = w.lstrip("(") + " " + num.group(1)
    cx, cy = (x0 + x1) / 2, 792 - (y0 + y1) / 2
    for lp, dp, rect in links:
        if lp == p and rect and rect[0] <= cx <= rect[2] and rect[1] <= cy <= rect[3]:
            ref_links.append((label, p, dp))
check(len(ref_links) >= 7, "each reference is a link (%d found)" % len(ref_links), ref_links)
wrong = [r for r in ref_links if r[2] != title_page.get(r[0])]
check(ref_links and not wrong, "every reference links to the page of the figure it names", wrong)

# ---- floats ----
first_ref = {}
for label in titles:
    num = label.split()[1]
    kind = label.split()[0]
    pat = r"\(?%s %s\)" % (kind, num) if label != "Table 1" else r"small table Table 1"
    hits = [i for i, t in enumerate(pages) if re.search(pat, re.sub(r"\s+", " ", t))]
    first_ref[label] = hits[0] if hits else -1
check(all(title_page[l] >= first_ref[l] >= 0 for l in titles),
      "no figure comes before the page that first refers to it",
      {l: (first_ref[l], title_page[l]) for l in titles})
moved = [l for l in titles if l.startswith("Figure") and title_page[l] > first_ref[l]]
check(len(moved) >= 2, "some figures do not fit after their reference and move on (%s)" % moved)
for label in moved:
    page = pages[title_page[label]]
    lines = [l for l in page.splitlines() if l.strip()]
    check(len(lines) > 1 and lines[0] == "Figures fixture" and lines[1].startswith(label),
          "%s that moved starts its page, under the running head" % label, lines[:3])
    ref_page = re.sub(r"\s+", " ", pages[first_ref[label]])
    n = int(re.search(r"Paragraph (\d+) refers to the (line|image|horizontal)",
                      ref_page).group(1)) if re.search(r"Paragraph (\d+) refers to the (line|image|horizontal)", ref_page) else 0
    check(n and ("paragraph %d" % (n + 1)) in ref_page.lower(),
          "the text after %s's reference goes on filling its page" % label)
for label, caption in [("Figure 2", "Two series over four categories"),
                       ("Figure 4", "No data for 2000"), ("Figure 5", "A JPEG file shown as a figure")]:
    check(caption in re.sub(r"\s+", " ", pages[title_page[label]]),
          "%s is not split: its caption or note is on its page" % label)

# ---- the long table continues ----
# (-layout keeps each table row on one line of text)
rc, layout_out, _ = tool(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"])
lpages = layout_out.split("\f")
tpages = [i for i, t in enumerate(lpages) if re.search(r"^\s*(19[89]\d|20[0-2]\d)\s+\d{4}\s+[\d.]+\s+(Row|Place)", t, re.M)]
check(len(tpages) >= 2, "the long table spans %d pages" % len(tpages), tpages)
cont = [i for i, t in enumerate(pages) if "Table 2 (continued) Long table of the fixture" in t]
check(cont == tpages[1:], "each page it continues on starts 'Table 2 (continued)'", (cont, tpages))
check(all(re.search(r"Year\s+Count\s+Share\s+Place", lpages[i]) for i in tpages),
      "the header row is on every page of the table")
years = []
for i in tpages:
    years += [int(y) for y in re.findall(r"^\s*(\d{4})\s+\d{4}\s", lpages[i], re.M)]
check(years == list(range(1980, 2025)), "every row once, in order (%d rows)" % len(years),
      years[:5] + ["..."] + years[-5:])
rows_first = len(re.findall(r"^\s*(\d{4})\s+\d{4}\s", lpages[tpages[0]], re.M))
rows_last = len(re.findall(r"^\s*(\d{4})\s+\d{4}\s", lpages[tpages[-1]], re.M))
check(rows_first >= 2 and rows_last >= 2, "no page holds a single row of it (%d first, %d last)"
      % (rows_first, rows_last))
check(re.search(r"Returned\s+7,000\s+10\.5", lpages[title_page["Table 1"]]) is not None,
      "the small table's row reads 'Returned 7,000 10.5'")

# ---- a figure waiting when a table continues goes after the table ----
work = os.path.join(tmpdir(), "fixture")
shutil.copytree(FIXTURE, work)
filler = " ".join(["China returns the North Koreans it catches, treating them as illegal economic "
                   "migrants rather than refugees, whatever they face on their return."] * 4)
text = "\n\n".join(["Filler %d. %s" % (i, filler) for i in range(4)] +
                    ["The bars (@fig:bars) are referred to near the foot of the page."])
open(os.path.join(work, "wait.md"), "w", encoding="utf-8").write(text + "\n")
open(os.path.join(work, "wait.yaml"), "w", encoding="utf-8").write(
    "title: Waiting\nsources: [hrw-2002, lee-2023]\nfigures: [bars, long-table]\n"
    "sections:\n  - file: wait.md\n  - figure: long-table\n")
wpdf = os.path.join(work, "wait.pdf")
rc, out, err = run(["compile", os.path.join(work, "wait.yaml"), "-o", wpdf])
wpages, _ = pages_text(wpdf)
fig_page = next((i for i, t in enumerate(wpages) if "Figure 1 Bars of the fixture" in t), -1)
cont = [i for i, t in enumerate(wpages) if "Table 1 (continued)" in t]
check(rc == 0 and fig_page > 0 and cont and cont[0] <= fig_page,
      "the case arises: the bars wait while the table continues (figure on page %d, "
      "continued on %s)" % (fig_page + 1, [c + 1 for c in cont]), err)
firsts = [[l for l in wpages[i].splitlines() if l.strip()][1:2] for i in cont]
check(all(f and f[0].startswith("Table 1 (continued)") for f in firsts),
      "a page that continues the table starts with it, not with the waiting figure", firsts)
last_rows = max(cont)
check(fig_page >= last_rows and ("Place 45" in wpages[fig_page] or fig_page > last_rows),
      "the waiting figure comes after the table's end (page %d)" % (fig_page + 1))

# ---- hostile data: every compile ends, and no NaN or infinity reaches the page ----
import subprocess


def hostile(name, figure_yaml, style=None):
    work = os.path.join(tmpdir(), name)
    shutil.copytree(FIXTURE, work)
    open(os.path.join(work, "library", "figures", "h.yaml"), "w", encoding="utf-8").write(figure_yaml)
    brief = ("title: Hostile\nsources: [hrw-2002, lee-2023]\nfigures: [h]\n"
             "sections:\n  - figure: h\n")
    if style:
        os.makedirs(os.path.join(work, "styles"), exist_ok=True)
        open(os.path.join(work, "styles", "s.yaml"), "w").write(style)
        brief = "style: s\n" + brief
    open(os.path.join(work, "h-brief.yaml"), "w").write(brief)
    try:
        p = subprocess.run([os.path.abspath(BRIEFC), "compile", os.path.join(work, "h-brief.yaml"), "-o",
                            os.path.join(work, "h.pdf"), "--dump-layout"],
                           capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        return check(False, "%s: the compile ends" % name, "timed out after 30 s")
    bad = re.findall(r"-?(nan|inf)\b", p.stdout)
    check(p.returncode == 0 and not bad, "%s: compiles in time, every coordinate finite" % name,
          p.stderr[-500:] + " ".join(bad[:3]))


hostile("years too large for a double's precision",
        "id: h\nkind: line\ntitle: T\nsource: lee-2023\n"
        "categories: [\"100000000000000000000\", \"100000000000000016384\"]\n"
        "series: [{name: S, values: [1, 2]}]\n")
hostile("categories at the ends of the double range",
        "id: h\nkind: line\ntitle: T\nsource: lee-2023\n"
        "categories: [\"-1.7e308\", \"1.7e308\"]\nseries: [{name: S, values: [1, 2]}]\n")
hostile("tick labels wider than the text",
        "id: h\nkind: line\ntitle: T\nsource: lee-2023\ncategories: [2000, 2001, 2002]\n"
        "series: [{name: S, values: [1, 100000000000000000000000000000000000000000000000000, 3]}]\n",
        "margins: {top: 72, right: 200, bottom: 72, left: 200}\n")

# ---- validation errors, at their place ----


def position(text, token):
    """1-based line and column (in characters) of token's first occurrence."""
    at = text.index(token)
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    return line, col


def broken(edit_file, old, new, token=None):
    """A copy of the fixture with old replaced by new in edit_file; returns
    (briefc check's exit, stderr, the copy's path of edit_file, line, col of token)."""
    work = os.path.join(tmpdir(), "fixture")
    shutil.copytree(FIXTURE, work)
    path = os.path.join(work, edit_file)
    if old is not None:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        assert old in text, old
        text = text.replace(old, new, 1)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    line, col = position(text, token) if token else (0, 0)
    rc, out, err = run(["check", os.path.join(work, "figures.yaml")])
    return rc, err, path, line, col


def expect_error(what, edit_file, old, new, token, message, hint=None, at_file=None):
    rc, err, path, line, col = broken(edit_file, old, new, token)
    where = "%s:%d:%d: error: %s" % (at_file or path, line, col, message)
    ok = rc == 1 and where in err and (hint is None or hint in err)
    check(ok, "%s: %s:%d:%d: %s" % (what, os.path.basename(at_file or path), line, col, message),
          "exit %d\n%s" % (rc, err))


expect_error("series of unequal length", "library/figures/bars.yaml",
             "[120, 480, 1210, 300]", "[120, 480, 1210]", "[120, 480, 1210]",
             "series 'Lower' has 3 values for 4 categories", "one value per category")
expect_error("a value that is not a number (inline)", "library/figures/bars.yaml",
             "[200, 950, 2400, 610]", "[200, 950, lots, 610]", "lots", "'lots' is not a number")
expect_error("a value that is not a number (CSV)", "library/figures/line.csv",
             "2009,2914", "2009,n/a", "n/a", "'n/a' is not a number")
expect_error("a CSV row with a missing field", "library/figures/line.csv",
             "2010,2401", "2010", "2010\n", "this row has 1 field; the header has 2")
expect_error("an unknown figure id", "figures.yaml", "figures: [stats, bars,",
             "figures: [stats, bras,", "bras", "unknown figure 'bras'", "did you mean 'bars'?")
expect_error("a missing image", "library/figures/photo.yaml", "file: photo.jpg",
             "file: missing.jpg", "missing.jpg", "cannot open image '")
for name, src in [("a truncated JPEG", "truncated.jpg"), ("a truncated PNG", "truncated.png")]:
    work = os.path.join(tmpdir(), "fixture")
    shutil.copytree(FIXTURE, work)
    shutil.copy(os.path.join(ROOT, "tests", "data", "constructs", "img", src),
                os.path.join(work, "library", "figures", src))
    yaml = os.path.join(work, "library", "figures", "photo.yaml")
    text = open(yaml, encoding="utf-8").read().replace("file: photo.jpg", "file: " + src)
    open(yaml, "w", encoding="utf-8").write(text)
    line, col = position(text, src)
    out_pdf = os.path.join(work, "out.pdf")
    rc, out, err = run(["compile", os.path.join(work, "figures.yaml"), "-o", out_pdf])
    check(rc == 1 and ("%s:%d:%d: error: cannot use image '" % (yaml, line, col)) in err
          and not os.path.exists(out_pdf),
          "%s is an error at its file: value (%d:%d), not a crash, and writes no PDF" % (name, line, col),
          "exit %d\n%s" % (rc, err))
text_md = open(os.path.join(FIXTURE, "text.md"), encoding="utf-8").read()
work_rc, err, path, line, col = broken("figures.yaml", "photo, table", "table", None)
line, col = position(text_md, "@fig:photo")
check(work_rc == 1 and ("text.md:%d:%d: error: figure 'photo' is in the library but not selected by this brief"
                        % (line, col)) in err and "add 'photo' to the brief's 'figures:' list" in err,
      "a reference to a figure the brief does not select: text.md:%d:%d" % (line, col), err)
expect_error("a caption with a footnote", "library/figures/bars.yaml",
             "with a legend.", "with a legend.^[An inline note.]", "^[",
             "a figure's caption cannot have footnotes or citations")
done()
