#!/usr/bin/env python3
"""notesplits.py: how often a PDF splits its footnotes across pages, read
from the PDF alone (mutool's text lines), so briefc and LaTeX are counted
the same way. The notes of a page are the lines at its foot set smaller
than the body size; a note starts at a line whose first characters are
its number (a superscript, as LaTeX sets it, or hanging left of the
note's text, as briefc does); a page whose notes begin with a line that
starts no note continues the last note of the page before: a split.
Prints, per PDF: notes, splits, splits of notes of three lines or fewer,
and splits leaving a single line on either page.

usage: bench/notesplits.py BODY_SIZE_PT FILE.pdf [FILE.pdf ...]
"""
import subprocess
import sys
import os
import xml.etree.ElementTree as ET

# mupdf's stext, made parseable, as the end-to-end tests read it.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
from tap import _clean_xml  # noqa: E402


def pages_of(pdf):
    out = subprocess.run(["mutool", "draw", "-F", "stext", "-o", "-", pdf],
                         capture_output=True, text=True).stdout
    for page in ET.fromstring(_clean_xml(out)).iter("page"):
        lines = []
        for line in page.iter("line"):
            chars = []
            for font in line.iter("font"):
                size = float(font.get("size"))
                for ch in font.iter("char"):
                    chars.append((ch.get("c") or "", float(ch.get("x")), size))
            if chars:
                y = float(line.get("bbox").split()[1])
                lines.append((y, chars))
        yield sorted(lines)


def notes(pdf, body):
    """Per page, the note lines: (starts a note, first x)."""
    for lines in pages_of(pdf):
        # Notes sit below the last line of body size.
        last_body = max((y for y, ch in lines if max(s for _, _, s in ch) >= body - 0.3), default=-1)
        foot = []
        for y, ch in lines:
            sizes = [s for c, _, s in ch if c.strip()]
            if y <= last_body or not sizes or max(sizes) >= body - 0.3:
                continue
            main = max(set(sizes), key=sizes.count)
            text = [(c, x, s) for c, x, s in ch if c.strip()]
            if not text or text[0][0] in "Pp" and "age" in "".join(c for c, _, _ in text[:4]):
                continue     # a folio, not a note
            digits = []
            for c, x, s in text:
                if not c.isdigit():
                    break
                digits.append((c, x, s))
            foot.append((bool(digits), digits[0][2] < main - 0.5 if digits else False,
                         text[0][1], "".join(c for c, _, _ in text)))
        # A number hangs left of the text, or is set smaller: it starts a note.
        if foot:
            text_x = max(x for _, _, x, _ in foot)
            foot = [(d and (small or x < text_x - 2), x, t) for d, small, x, t in foot]
        yield foot


def main():
    body = float(sys.argv[1])
    print("%-24s %6s %7s %13s %14s" % ("pdf", "notes", "splits", "of <=3 lines", "1-line parts"))
    for pdf in sys.argv[2:]:
        pages = list(notes(pdf, body))
        total = sum(1 for p in pages for start, _, _ in p if start)
        splits = short = thin = 0
        for i in range(1, len(pages)):
            if not pages[i] or pages[i][0][0] or not pages[i - 1]:
                continue
            after = 0
            for start, _, _ in pages[i]:
                if start:
                    break
                after += 1
            before = 0
            for start, _, _ in reversed(pages[i - 1]):
                before += 1
                if start:
                    break
            splits += 1
            short += before + after <= 3
            thin += before < 2 or after < 2
        print("%-24s %6d %7d %13d %14d" % (pdf.split("/")[-1], total, splits, short, thin))


if __name__ == "__main__":
    main()
