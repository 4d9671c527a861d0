"""test_pdf_pagebreaks.py: page building on generated briefs. Headings
stay with the paragraph after them, no paragraph leaves a single line at
the top or foot of a page, no word runs past the right margin (word boxes
measured in the PDF), hard cases take the emergency pass instead of
overflowing, and code blocks that fit on a page are not split."""
import os
import random
import re

from tap import past_margin, check, done, pages_text, run, tmpdir, word_boxes, write

WORDS = ("refugee protection border crossing detention repatriation famine province "
         "humanitarian commission testimony asylum convention international obligation "
         "persecution trafficking authorities returned migrants hiding").split()
d = tmpdir()
bad_keep, stats_bad, overflow, broken, pages_total = [], [], [], [], 0
for seed in range(12):
    rnd = random.Random(seed)
    parts = []
    for i in range(40):
        if rnd.random() < 0.3:
            parts.append("## HEAD%d section\n" % i)
        n = rnd.choice([1, 2, 3, 4, 6, 9, 14]) * 12
        words = [rnd.choice(WORDS) for _ in range(n)]
        words[0] = "PF%d" % i
        parts.append(" ".join(words) + ".\n")
    write(os.path.join(d, "s%d.md" % seed), "\n".join(parts))
    write(os.path.join(d, "b%d.yaml" % seed), "title: Breaks %d\nsections:\n  - file: s%d.md\n" % (seed, seed))
    pdf = os.path.join(d, "b%d.pdf" % seed)
    rc, out, err = run(["compile", "b%d.yaml" % seed, "-o", pdf, "--stats"], cwd=d)
    if rc != 0:
        stats_bad.append("seed %d: %s" % (seed, err))
        continue
    stats = dict(re.findall(r"^([a-z ]+): (\d+)$", out, re.M))
    pages_total += int(stats["pages"])
    if stats["widows"] != "0" or stats["orphans"] != "0" or stats["overfull lines"] != "0":
        stats_bad.append("seed %d: %s" % (seed, stats))
    pages, _ = pages_text(pdf)
    for i in range(40):
        h = [k for k, p in enumerate(pages) if re.search(r"^HEAD%d section$" % i, p, re.M)]
        b = [k for k, p in enumerate(pages) if re.search(r"\bPF%d\b" % i, p)]
        if h and b and h[0] != b[0]:
            bad_keep.append("seed %d: HEAD%d on page %d, its paragraph on %d" % (seed, i, h[0] + 1, b[0] + 1))
    # No page ends in a hyphen: the last body line above the notes/folio.
    for k, p in enumerate(pages[:-1]):
        body = [l for l in p.splitlines() if l.strip() and not l.startswith("Page ") and "Breaks" not in l]
        if body and body[-1].rstrip().endswith("-") and re.search(r"[a-z]-$", body[-1].rstrip()):
            broken.append("seed %d page %d ends with '%s'" % (seed, k + 1, body[-1][-30:]))
    for page, x0, x1, word in word_boxes(pdf):
        if past_margin(word, x1, 612 - 79):
            overflow.append("seed %d page %d: '%s' ends at %.2f" % (seed, page + 1, word, x1))
check(pages_total > 40, "twelve generated briefs, %d pages in all" % pages_total)
check(not stats_bad, "no widows, no orphans, no overfull lines in any of them", "\n".join(stats_bad))
check(not bad_keep, "every heading is on the page of the paragraph after it", "\n".join(bad_keep))
check(not overflow, "no word runs past the right margin", "\n".join(overflow[:10]))
check(not broken, "no page ends with a hyphenated word", "\n".join(broken))

# Hard paragraphs: long words that cannot be hyphenated (codes, numbers),
# where the second pass finds no feasible breaks: the emergency pass
# stretches spaces rather than letting a line overflow.
hard = " ".join(["ICCPR-A/RES/66/290", "E/CN.4/2005/34", "A/HRC/25/63", "CCPR/C/PRK/2000/2",
                 "UNHCR", "COI", "DPRK"] * 12)
write(os.path.join(d, "hard.md"), hard + "\n")
write(os.path.join(d, "hard.yaml"), "title: Hard\nsections:\n  - file: hard.md\n")
rc, out, err = run(["compile", "hard.yaml", "-o", "hard.pdf", "--stats"], cwd=d)
stats = dict(re.findall(r"^([a-z ]+): (\d+)$", out, re.M))
check(rc == 0 and stats.get("overfull lines") == "0", "unbreakable codes: no overfull line", out + err)
over = [w for w in word_boxes(os.path.join(d, "hard.pdf")) if w[2] > 612 - 79 + 0.5]
check(not over, "and no word past the margin in the PDF", over[:5])

# A code block that fits on a page is never split.
code = "\n".join("    line %02d of the listing" % i for i in range(30))
filler = "\n\n".join(" ".join(random.Random(k).choice(WORDS) for _ in range(60)) for k in range(9))
write(os.path.join(d, "code.md"), filler + "\n\nCODESTART\n\n```\nCODEFIRST\n" + code + "\nCODELAST\n```\n")
write(os.path.join(d, "code.yaml"), "title: Code\nsections:\n  - file: code.md\n")
rc, out, err = run(["compile", "code.yaml", "-o", "code.pdf"], cwd=d)
pages, _ = pages_text(os.path.join(d, "code.pdf"))
cf = [k for k, p in enumerate(pages) if "CODEFIRST" in p]
cl = [k for k, p in enumerate(pages) if "CODELAST" in p]
check(rc == 0 and cf and cl and cf == cl, "a code block that fits on a page is kept whole (%s %s)" % (cf, cl))
done()
