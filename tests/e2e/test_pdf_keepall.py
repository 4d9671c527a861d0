"""test_pdf_keepall.py: keep-all without overfull lines (issue 14). Korean
breaks only at spaces; where a run of Hangul without a space is longer
than the column, the line breaks between syllables as a last resort,
--stats counts those breaks, and no word of the PDF (pdftotext -bbox)
ends past the right margin: in tests/data/keepall (runs of 28 to 40
syllables in a heading, paragraphs, a list and a note, in a column of
about 20) and in the Korean edition of the policy brief. The runs come
out whole, in order; a paragraph of ordinary words breaks at spaces."""
import os
import re

from tap import ROOT, check, done, pages_text, past_margin, run, tmpdir, tool, word_rects

d = tmpdir()


def page_width(pdf):
    rc, out, err = tool(["pdfinfo", pdf])
    return float(re.search(r"Page size:\s+([\d.]+) x", out).group(1))


def stats(out, key):
    m = re.search(r"^%s: (\d+)$" % key, out, re.M)
    return int(m.group(1)) if m else -1


def margins_kept(pdf, left, right):
    """Words ending past the right margin or starting before the left, on
    the text block's lines (the folio and footnote rule are inside too)."""
    w = page_width(pdf)
    words = word_rects(pdf)
    over = [x for x in words if past_margin(x[5], x[3], w - right)]
    under = [x for x in words if x[1] < left - 4.0]
    return words, over, under


# ---- the test brief built to force it ----
src = os.path.join(ROOT, "tests", "data", "keepall", "keepall.yaml")
pdf = os.path.join(d, "keepall.pdf")
rc, out, err = run(["compile", src, "-o", pdf, "--stats", "--strict"])
check(rc == 0, "the keep-all test brief compiles under --strict", err)
check(stats(out, "overfull lines") == 0, "--stats: no overfull line", out)
check(stats(out, "emergency breaks") >= 5,
      "--stats: a syllable break in the heading, two paragraphs, the list and the note (%d)"
      % stats(out, "emergency breaks"), out)
words, over, under = margins_kept(pdf, 200, 200)
check(len(words) > 40, "pdftotext finds the words (%d)" % len(words))
check(not over, "no word passes the right margin (612 - 200)", over[:5])
check(not under, "no word starts left of the left margin", under[:5])
pages, _ = pages_text(pdf)
flat = re.sub(r"\s+", "", "".join(pages))
for run_ in ["조선민주주의인민공화국정부와중화인민공화국정부에보내는권고",
             "유엔난민고등판무관사무소와국제이주기구와세계식량계획과인권최고대표사무소는",
             "북한이탈주민보호및정착지원에관한법률시행령제십이조제일항제삼호는적용되지않는다.",
             "국제연합난민고등판무관사무소대표부와같은긴낱말이",
             "유엔인권최고대표사무소북한인권현장사무소서울사무소의"]:
    check(run_ in flat, "the run %s... comes out whole, in order" % run_[:6])
# The paragraph of ordinary words breaks at spaces only.
text = "\n".join(pages)
plain = "짧은 낱말로만 된 문장은 띄어쓰기에서만 줄을 바꾼다. 북한 이탈 주민들은 중국에서 체포되면 " \
        "강제로 송환되어 구금과 고문을 당할 수 있습니다."
lines = [l.strip() for l in text.splitlines() if l.strip()]
start = next((i for i, l in enumerate(lines) if l.startswith("짧은")), -1)
got = []
for l in lines[start:] if start >= 0 else []:
    got.extend(l.split())
    if "있습니다." in l:
        break
check(got == plain.split(), "a paragraph of ordinary words breaks at spaces only", got)

# ---- the Korean edition ----
ko = os.path.join(ROOT, "briefs", "forced-returns-ko.yaml")
pdf = os.path.join(d, "forced-returns-ko.pdf")
rc, out, err = run(["compile", ko, "-o", pdf, "--stats"])
check(rc == 0, "the Korean edition compiles", err)
check(stats(out, "overfull lines") == 0, "the Korean edition: --stats counts no overfull line", out)
check(stats(out, "emergency breaks") >= 0, "the Korean edition: --stats counts emergency breaks", out)
words, over, under = margins_kept(pdf, 79, 79)
check(len(words) > 1000, "pdftotext finds the Korean edition's words (%d)" % len(words))
check(not over, "the Korean edition: no word passes the right margin (612 - 79)", over[:5])
done()
