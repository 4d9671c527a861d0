"""test_pdf_cjk.py: Korean breaks only at spaces (keep-all) and is never
hyphenated; Chinese breaks between ideographs but never puts closing
punctuation at a line start or opening punctuation at a line end; both
extract intact with pdftotext."""
import os
import re

from tap import past_margin, check, done, pages_text, run, tmpdir, word_boxes, write

korean = ("북한 이탈 주민들은 중국에서 체포되면 강제로 송환되어 구금과 고문을 당할 수 있습니다. " * 14).strip()
chinese = ("中国应当停止强制遣返朝鲜难民，并允许联合国难民署进入边境地区。" * 12)
d = tmpdir()
write(os.path.join(d, "cjk.md"), "KOREANSTART " + korean + "\n\nCHINESESTART " + chinese + "\n")
write(os.path.join(d, "cjk.yaml"), "title: CJK\nsections:\n  - file: cjk.md\n")
rc, out, err = run(["compile", "cjk.yaml", "-o", "cjk.pdf", "--stats"], cwd=d)
check(rc == 0 and "warning" not in err, "Korean and Chinese text compiles without missing glyphs", err)
check(re.search(r"^overfull lines: 0$", out, re.M) is not None, "no overfull line", out)
pages, perr = pages_text(os.path.join(d, "cjk.pdf"))
check(perr.strip() == "", "pdftotext prints no warnings", perr)
text = "\n".join(pages)
kwords = set(korean.replace(".", "").split())
klines = [l for l in text.splitlines() if re.search("[\uac00-\ud7a3]", l)]
check(len(klines) >= 5, "the Korean paragraph spans several lines (%d)" % len(klines))
broken = [w for l in klines for w in l.replace(".", "").split() if w not in kwords and w != "KOREANSTART"]
check(not broken, "every Korean line breaks at a space: each word is whole", broken[:5])
check(not any(l.rstrip().endswith("-") for l in klines), "Korean is never hyphenated")
clines = [l.strip() for l in text.splitlines() if re.search("[\u4e00-\u9fff]", l)]
check(len(clines) >= 4, "the Chinese paragraph spans several lines (%d)" % len(clines))
check(not any(l[0] in "，。、；：！？）」』" for l in clines if l), "no line starts with closing punctuation")
joined = "".join(l.replace(" ", "") for l in clines).replace("CHINESESTART", "")
check(chinese in joined, "the Chinese text extracts intact, in order")
over = [w for w in word_boxes(os.path.join(d, "cjk.pdf")) if past_margin(w[3], w[2], 612 - 79)]
check(not over, "nothing runs past the right margin", over[:5])

# Every glyph is drawn whole: libharu 2.3.0 broke the composite glyphs of
# the Chinese face we used first. Set characters apart, large, render the
# page and measure the ink inside each character's box.
chars = "遣返朝鲜难民权中国人北韩탈북자"
write(os.path.join(d, "ink.md"), "".join("# %s\n\n" % c for c in chars))
write(os.path.join(d, "ink.yaml"), "title: Ink\nsections:\n  - file: ink.md\n")
rc, out, err = run(["compile", "ink.yaml", "-o", "ink.pdf"], cwd=d)
boxes = [b for b in word_boxes(os.path.join(d, "ink.pdf")) if len(b[3]) == 1 and b[3] in chars and b[0] == 0]
import subprocess
png = subprocess.run(["pdftoppm", "-r", "144", "-gray", "-f", "1", "-l", "1", os.path.join(d, "ink.pdf")],
                     capture_output=True).stdout
# A binary PGM: header "P5\nW H\n255\n" then one byte per pixel.
m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", png)
w, h = int(m.group(1)), int(m.group(2))
pix = png[m.end():]
out2 = subprocess.run(["pdftotext", "-bbox", os.path.join(d, "ink.pdf"), "-"], capture_output=True, text=True).stdout
ys = {mm.group(3): (float(mm.group(1)), float(mm.group(2))) for mm in
      re.finditer(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.)</word>', out2)}
ink = {}
for page, x0, x1, ch in boxes:
    y0, y1 = ys[ch]
    dark = 0
    for y in range(int(y0 * 2), int(y1 * 2)):
        row = pix[y * w:(y + 1) * w]
        dark += sum(1 for x in range(int(x0 * 2), int(x1 * 2)) if row[x] < 128)
    ink[ch] = dark
check(len(ink) == len(chars), "every character has a box (%d of %d)" % (len(ink), len(chars)), ink)
mean = sum(ink.values()) / max(1, len(ink))
thin = {c: v for c, v in ink.items() if v < mean * 0.35}
check(not thin, "every glyph is drawn whole (ink per glyph, mean %.0f px)" % mean, thin)
done()
