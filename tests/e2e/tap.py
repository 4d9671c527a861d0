"""tap.py: a tiny TAP emitter and helpers for end-to-end tests that run
the real briefc binary and inspect the real PDF with poppler and qpdf."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

_n = 0
_failed = 0


def check(ok, what, detail=None):
    global _n, _failed
    _n += 1
    if ok:
        print("ok %d - %s" % (_n, what))
    else:
        _failed += 1
        print("not ok %d - %s" % (_n, what))
        if detail:
            for line in str(detail).splitlines()[:20]:
                print("#   " + line)
    sys.stdout.flush()
    return ok


def done():
    print("1..%d" % _n)
    sys.exit(1 if _failed else 0)


BRIEFC = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else "build/briefc"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def tmpdir():
    d = tempfile.mkdtemp(prefix="briefc-test-")
    return d


def run(args, cwd=None, env=None):
    """Runs briefc with args; returns (exit code, stdout, stderr)."""
    e = dict(os.environ)
    e.pop("BRIEFC_FONTS", None)
    if env:
        e.update(env)
    p = subprocess.run([BRIEFC] + args, cwd=cwd, env=e, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def tool(args):
    p = subprocess.run(args, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def pages_text(pdf):
    """The text of each page, extracted by pdftotext; returns (pages, stderr)."""
    rc, out, err = tool(["pdftotext", "-enc", "UTF-8", pdf, "-"])
    pages = out.split("\f")
    if pages and pages[-1].strip() == "":
        pages = pages[:-1]
    return pages, err


def page_count(pdf):
    rc, out, err = tool(["pdfinfo", pdf])
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else 0


def fonts(pdf):
    """pdffonts rows as dicts: name, type, emb, sub, uni."""
    rc, out, err = tool(["pdffonts", pdf])
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        if len(parts) < 7:
            continue
        # name type... encoding emb sub uni object ID
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def qpdf_check(pdf):
    rc, out, err = tool(["qpdf", "--check", pdf])
    return rc == 0, out + err


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def words_page(pages, word):
    """Index of the first page holding word, or -1."""
    for i, t in enumerate(pages):
        if word in t:
            return i
    return -1


def word_rects(pdf):
    """(page index, xMin, yMin, xMax, yMax, word) for every word, from
    pdftotext -bbox (y from the top of the page)."""
    rc, out, err = tool(["pdftotext", "-bbox", pdf, "-"])
    rects, page = [], -1
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m:
            rects.append((page, float(m.group(1)), float(m.group(2)), float(m.group(3)),
                          float(m.group(4)), m.group(5)))
    return rects


def word_boxes(pdf):
    """(page index, xMin, xMax, word) for every word."""
    return [(p, x0, x1, w) for p, x0, y0, x1, y1, w in word_rects(pdf)]


def internal_links(pdf):
    """(page of the link, page of its destination, rect) for every link
    annotation with a /Dest, read from qpdf --json; pages are 0-based."""
    import json
    rc, out, err = tool(["qpdf", "--json", pdf])
    j = json.loads(out)
    objs = j["qpdf"][1]
    page_of = {p["object"]: i for i, p in enumerate(j["pages"])}

    def value(ref):
        o = objs.get("obj:" + ref, {})
        return o.get("value", o)

    links = []
    for p in j["pages"]:
        page = value(p["object"])
        annots = page.get("/Annots", [])
        if isinstance(annots, str):
            annots = value(annots)
        for a in annots:
            d = value(a) if isinstance(a, str) else a
            dest = d.get("/Dest")
            if isinstance(dest, str):
                dest = value(dest)
            if isinstance(dest, list) and dest:
                links.append((page_of[p["object"]], page_of.get(dest[0], -1), d.get("/Rect")))
    return links


def stext_lines(pdf):
    """Every text line of every page as mupdf reads it: a list per page of
    (x0, y0, x1, y1, fonts, text), fonts a set of (name, size); y from the
    top of the page. Needs mutool (mupdf-tools). stext_chars gives each
    line's characters with their boxes."""
    import xml.etree.ElementTree as ET
    rc, out, err = tool(["mutool", "draw", "-F", "stext", "-o", "-", pdf])
    pages = []
    root = ET.fromstring(_clean_xml(out))
    for page in root.iter("page"):
        lines = []
        for line in page.iter("line"):
            x0, y0, x1, y1 = (float(v) for v in line.get("bbox").split())
            fonts = set()
            text = ""
            for font in line.iter("font"):
                fonts.add((font.get("name"), float(font.get("size"))))
                for ch in font.iter("char"):
                    text += ch.get("c") or ""
            lines.append((x0, y0, x1, y1, fonts, text))
        pages.append(lines)
    return pages


def stext_chars(pdf):
    """Each line of each page as a list of (c, x0, x1, size): every
    character with the left and right of its box, from mutool stext."""
    import xml.etree.ElementTree as ET
    rc, out, err = tool(["mutool", "draw", "-F", "stext", "-o", "-", pdf])
    pages = []
    for page in ET.fromstring(_clean_xml(out)).iter("page"):
        lines = []
        for line in page.iter("line"):
            chars = []
            for font in line.iter("font"):
                size = float(font.get("size"))
                for ch in font.iter("char"):
                    q = [float(v) for v in ch.get("quad").split()]
                    chars.append((ch.get("c") or "", min(q[0], q[4]), max(q[2], q[6]), size))
            lines.append(chars)
        pages.append(lines)
    return pages


HANGING = ".,-\u2010\u2011\u2019\u201d'\":;\u2013\u2014!?"


def past_margin(word, x1, edge):
    """Whether a word ending at x1 runs past a right margin at edge: a
    word ending in punctuation or a hyphen may hang its mark into the
    margin (protrusion, docs/SPACING.md), by at most about a glyph."""
    slack = 4.0 if word and word[-1] in HANGING else 0.5
    return x1 > edge + slack


def _clean_xml(text):
    """mupdf writes glyphs it cannot map as references to characters XML
    1.0 refuses (controls, U+FFFF): drop them."""
    def keep(m):
        v = int(m.group(1), 16 if "x" in m.group(0) else 10)
        ok = v in (9, 10, 13) or 0x20 <= v <= 0xD7FF or 0xE000 <= v <= 0xFFFD or v >= 0x10000
        return m.group(0) if ok else ""
    return re.sub(r"&#x?([0-9a-fA-F]+);", keep, text)
