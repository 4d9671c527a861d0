"""test_pdf_styles.py: a brief's style file sets paper, margins, sizes,
accent colour, organisation, logo and footer; every mistake in it is an
error at its line and column."""
import os
import re
import shutil

from tap import past_margin, ROOT, check, done, pages_text, run, tmpdir, tool, word_boxes, write

LOGO = os.path.join(ROOT, "briefs", "styles", "logo.png")
BRIEF = "title: Styled\nstyle: house\nsections:\n  - markdown: |\n      Some text that is long enough to reach the right margin of the page, and then some more words after it.\n"


def make(style, brief=BRIEF):
    d = tmpdir()
    write(os.path.join(d, "styles", "house.yaml"), style)
    shutil.copy(LOGO, os.path.join(d, "styles", "logo.png"))
    write(os.path.join(d, "b.yaml"), brief)
    return d


d = make("paper: a4\nmargins: {top: 60, right: 100, bottom: 60, left: 100}\nfont-size: 12\n"
         "accent: \"#aa0000\"\norganisation: ORGNAME Watch\nlogo: logo.png\nfooter: FOOTERTEXT\n")
rc, out, err = run(["compile", "b.yaml", "-o", "b.pdf"], cwd=d)
pdf = os.path.join(d, "b.pdf")
check(rc == 0, "a styled brief compiles", err)
rc2, info, _ = tool(["pdfinfo", pdf])
check(re.search(r"Page size:\s+595\.\d+ x 841\.\d+", info) is not None, "the style's paper (a4)", info)
text = pages_text(pdf)[0][0]
check("ORGNAME Watch" in text and "FOOTERTEXT" in text, "organisation and footer are shown", text)
words = [w for w in word_boxes(pdf) if w[3] in ("Some", "margin")]
check(words and abs(words[0][1] - 100) < 0.5, "the left margin is the style's (100 pt)", words)
past = [w for w in word_boxes(pdf) if w[0] == 0 and w[3] not in ("FOOTERTEXT", "Page", "1", "of")
        and past_margin(w[3], w[2], 595.28 - 100)]
check(not past, "the right margin is the style's", past)
rc3, imgs, _ = tool(["pdfimages", "-list", pdf])
check(len([l for l in imgs.splitlines()[2:] if l.split()[2:3] == ["image"]]) == 1, "the logo is embedded", imgs)
d2 = make("paper: a4\n", BRIEF.replace("style: house", "style: house\npaper: letter"))
rc, out, err = run(["compile", "b.yaml", "-o", "b.pdf"], cwd=d2)
rc2, info, _ = tool(["pdfinfo", os.path.join(d2, "b.pdf")])
check(re.search(r"Page size:\s+612 x 792", info) is not None, "the brief's own paper wins over the style's", info)


# A boxed summary after the title block, and a header text from the style.
d4 = make("header: HEADERTEXT\n", BRIEF.replace("style: house", "style: house\nsummary: |\n  SUMMARYTEXT in a box.[^s]\n\n  [^s]: SUMMARYNOTE\n"))
write(os.path.join(d4, "b.yaml"), open(os.path.join(d4, "b.yaml")).read() +
      "".join("  - markdown: Filler paragraph %d with enough words to fill a line of the page, then more.\n" % i for i in range(80)))
rc, out, err = run(["compile", "b.yaml", "-o", "b.pdf"], cwd=d4)
pages = pages_text(os.path.join(d4, "b.pdf"))[0]
check(rc == 0 and "SUMMARYTEXT" in pages[0] and "SUMMARYNOTE" in pages[0], "summary: is set on page 1, with its note", err)
check(pages[0].find("SUMMARYTEXT") < pages[0].find("Some text"), "the summary comes before the body")
check(len(pages) > 1 and all("HEADERTEXT" in p for p in pages[1:]) and "HEADERTEXT" not in pages[0],
      "the style's header text heads pages 2 on")


# Font families: headings in the serif family instead of the sans.
d5 = make("fonts: {sans: NotoSerif}\n")
rc, out, err = run(["compile", "b.yaml", "-o", "b.pdf"], cwd=d5)
rc2, fl, _ = tool(["pdffonts", os.path.join(d5, "b.pdf")])
check(rc == 0 and "NotoSans" not in fl and "NotoSerif-Bold" in fl, "fonts: {sans: NotoSerif} sets headings in the serif", fl + err)


def errors(style, expect, what, brief=BRIEF):
    d = make(style, brief)
    rc, out, err = run(["check", "b.yaml"], cwd=d)
    check(rc == 1 and all(e in err for e in expect), what, err)


errors("acent: \"#000000\"\n", ["house.yaml:1:1: error: unknown key 'acent' in a style", "did you mean 'accent'"],
       "an unknown style key is an error with a hint")
errors("accent: \"#12345g\"\n", ["house.yaml:1:9: error: '#12345g' is not a colour"], "a bad colour")
errors("font-size: huge\n", ["house.yaml:1:12: error: 'font-size' must be a number"], "a size that is not a number")
errors("margins: {top: 5}\n", ["house.yaml:1:16: error: 'top' must be a number from 18 to 200"], "a margin out of range")
errors("logo: nope.png\n", ["house.yaml:1:7: error: cannot open logo"], "a missing logo")
errors("", ["b.yaml:2:8: error: unknown style 'nostyle'", "styles"], "a missing style file",
       BRIEF.replace("style: house", "style: nostyle"))
errors("fonts: {serif: Nope}\n", ["house.yaml:1:16: error: cannot read font", "Nope-Regular.ttf"],
       "a font family without files is an error at its name")
errors("fonts: {srif: NotoSerif}\n", ["house.yaml:1:9: error: unknown font family kind 'srif'", "did you mean 'serif'"],
       "an unknown font kind is an error with a hint")
d3 = make("logo: bad.png\n")
write(os.path.join(d3, "styles", "bad.png"), "not a png")
rc, out, err = run(["check", "b.yaml"], cwd=d3)
check(rc == 1 and "house.yaml:1:7: error: cannot use logo" in err, "a corrupt logo is an error at its line", err)
done()
