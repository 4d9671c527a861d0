#!/usr/bin/python3
"""Typesets hrw-press-release.txt (Human Rights Watch's press release on
North Korean asylum seekers in China, from the seed
hrw-press-release-china-refugees.txt, with the web page's menus and
donation appeal left out) into hrw-press-release.pdf with ReportLab, a
different program from briefc, so that the hearing packet has a PDF made
elsewhere to bind. Run from this folder: ./make-hrw-press-release.py
(Debian: python3-reportlab, fonts-dejavu-core)."""
import os

from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, ListFlowable, ListItem
from reportlab.platypus.flowables import Flowable

rl_config.invariant = 1          # the same bytes on every run
rl_config.canvas_basefontname = "DejaVuSerif"   # no unembedded Helvetica
FONTS = "/usr/share/fonts/truetype/dejavu"
pdfmetrics.registerFont(TTFont("DejaVuSerif", os.path.join(FONTS, "DejaVuSerif.ttf")))
pdfmetrics.registerFont(TTFont("DejaVuSerif-Bold", os.path.join(FONTS, "DejaVuSerif-Bold.ttf")))
pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", os.path.join(FONTS, "DejaVuSans-Bold.ttf")))

TITLE = "Press release on North Korean asylum seekers in China"
body = ParagraphStyle("body", fontName="DejaVuSerif", fontSize=10.5, leading=15, spaceAfter=8)
head = ParagraphStyle("head", fontName="DejaVuSans-Bold", fontSize=17, leading=21, spaceAfter=6,
                      textColor=colors.HexColor("#1a1a1a"))
mast = ParagraphStyle("mast", fontName="DejaVuSans-Bold", fontSize=10, leading=13,
                      textColor=colors.HexColor("#0b5394"))


class Bookmark(Flowable):
    """An invisible mark: a bookmark (level 0 or 1) at this place."""

    def __init__(self, key, title, level):
        super().__init__()
        self.key, self.title, self.level = key, title, level

    def wrap(self, *args):
        return (0, 0)

    def draw(self):
        c = self.canv
        c.bookmarkHorizontal(self.key, 0, 0)
        c.addOutlineEntry(self.title, self.key, level=self.level, closed=False)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


paras = [p for p in open("hrw-press-release.txt", encoding="utf-8").read().split("\n\n") if p.strip()]
story = [Bookmark("top", TITLE, 0),
         Paragraph('<a href="https://www.hrw.org">HUMAN RIGHTS WATCH</a>', mast),
         Spacer(1, 6), Paragraph(esc(TITLE), head), Spacer(1, 8)]
bullets = []
for p in paras:
    p = p.strip()
    if p.startswith("\u2022"):
        bullets.append(ListItem(Paragraph(esc(p.lstrip("\u2022 ").strip()), body), leftIndent=18))
        continue
    if bullets:
        story.append(ListFlowable(bullets, bulletType="bullet", start="\u2022", leftIndent=18,
                                    bulletFontName="DejaVuSerif"))
        bullets = []
    if p.startswith("Human Rights Watch urged"):
        story.append(Bookmark("urged", "What Human Rights Watch urged China to do", 1))
    if p.startswith("The injunction not to return"):
        story.append(Bookmark("law", "The norm against refoulement", 1))
    story.append(Paragraph(esc(p), body))
if bullets:
    story.append(ListFlowable(bullets, bulletType="bullet", start="\u2022", leftIndent=18,
                                    bulletFontName="DejaVuSerif"))


def footer(canvas, doc):
    canvas.saveState()
    canvas.setFont("DejaVuSerif", 8)
    canvas.setFillColor(colors.grey)
    canvas.drawString(inch, 0.75 * inch, "Human Rights Watch, New York. Untitled and undated in the copy consulted.")
    canvas.drawRightString(letter[0] - inch, 0.75 * inch, "%d" % doc.page)
    canvas.restoreState()


doc = SimpleDocTemplate("hrw-press-release.pdf", pagesize=letter, title=TITLE,
                        author="Human Rights Watch", leftMargin=1.25 * inch,
                        rightMargin=1.25 * inch, topMargin=1.1 * inch, bottomMargin=1.1 * inch)
doc.build(story, onFirstPage=footer, onLaterPages=footer)
