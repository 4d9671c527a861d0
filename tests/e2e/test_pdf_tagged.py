"""test_pdf_tagged.py: tagged PDF, PDF/UA-1 and PDF/A-2 (issue 15).

Every example brief and packet compiles under --strict with
--pdf-standard ua-1,a-2u and passes tests/pdf_tags_check.py (marked
content balanced and complete, every MCID reachable from the ParentTree,
links as Link elements, Figures with Alt, TH with a scope; XMP consistent
with Info, the sRGB output intent, /ID, fonts embedded with ToUnicode)
and qpdf --check; pdfinfo -struct-text lists the Markdown's headings and
paragraphs in the source's order, and the element types the brief uses;
a note is read inside the element that calls it, after it; running heads
and folios are artifacts. pdf-standard: in a brief or style is read (with
did-you-mean for a typo), --pdf-standard wins over it; an image without
alt text fails under ua-1 at its line and column (not without ua-1); two
builds under SOURCE_DATE_EPOCH are byte-identical; a plain compile is
tagged but claims no standard; the checker finds a broken file."""
import glob
import os
import re
import subprocess
import sys

from tap import ROOT, check, done, qpdf_check, run, tmpdir, tool, write

sys.path.insert(0, os.path.join(ROOT, "tests"))
import pdf_tags_check as pc  # noqa: E402

d = tmpdir()
ENV = {"SOURCE_DATE_EPOCH": "1700000000"}


def norm(s):
    """Words only, lower case: the same for the Markdown and the PDF."""
    # A word hyphenated at a line's end reads with its hyphen: compare
    # without hyphens.
    s = re.sub("[\u00ad\\-\u2010\u2013\u2014]", "", s)
    return " ".join(re.findall(r"\w+", s.lower()))


def elements(pdf):
    """The struct-text's elements in order: (type, text joined, depth, parent type)."""
    rows = pc.struct_text(pdf)
    out, stack = [], []
    for depth, typ, text in rows:
        if typ is not None:
            while stack and stack[-1][0] >= depth:
                stack.pop()
            parent = stack[-1][1] if stack else None
            out.append([typ, "", depth, parent])
            stack.append((depth, typ))
        elif out:
            # Lines of one element: a line broken at a hyphen joins the next.
            e = out[-1]
            e[1] = e[1][:-1] + text if e[1].endswith("-") else (e[1] + " " + text if e[1] else text)
    return out


def strip_md(s):
    s = re.sub(r"\^\[[^\]]*\]", "", s)
    s = re.sub(r"\[\^[^\]]*\]", "", s)
    s = re.sub(r"\[[^\]]*@[^\]]*\]", "", s)
    s = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", s)
    s = re.sub(r"\{[^}]*\}", "", s)
    return s.replace("**", "").replace("*", "").replace("`", "").replace("~", "")


def markdown_order(md_files):
    """Headings and the first words of plain paragraphs, in order."""
    heads, paras = [], []
    for path in md_files:
        text = open(path, encoding="utf-8").read()
        text = re.sub(r"```.*?```", "", text, flags=re.S)
        for block in re.split(r"\n\s*\n", text):
            b = block.strip()
            if not b or b.startswith("<!--"):
                continue
            m = re.match(r"(#{1,6})\s+(.*)", b)
            if m:
                heads.append(norm(strip_md(m.group(2))))
                continue
            if re.match(r"([-*+>|:<]|\d+[.)]|!\[|Table:|\[\^)", b):
                continue
            words = norm(strip_md(b)).split()[:5]
            if len(words) == 5:
                paras.append(" ".join(words))
    return heads, paras


def brief_markdown(yaml_path):
    base = os.path.dirname(yaml_path)
    text = open(yaml_path, encoding="utf-8").read()
    return [os.path.join(base, f.strip()) for f in re.findall(r"(?:file|annex):\s*(\S+\.md)", text)]


def in_order(keys, seq, prefix):
    """The first key not found in seq after the one before it, or None."""
    at = 0
    for k in keys:
        while at < len(seq) and not (seq[at].startswith(k) if prefix else k in seq[at]):
            at += 1
        if at == len(seq):
            return k
        at += 1
    return None


def check_order(name, pdf, md_files):
    els = elements(pdf)
    heads = [norm(t) for typ, t, _, _ in els if re.fullmatch(r"H[1-6]", typ)]
    paras = [norm(t) for typ, t, _, _ in els if typ in ("P", "H1", "H2", "H3", "H4", "H5", "H6", "Code")]
    src_heads, src_paras = markdown_order(md_files)
    if not md_files:
        # A brief of figures only: its figures and tables are there.
        kinds = {typ for typ, _, _, _ in els}
        check({"Figure", "Table", "H1"} <= kinds, "%s: a brief of figures has its Figures and Tables" % name, kinds)
        return els
    miss = in_order(src_heads, heads, False)
    check(src_heads and miss is None, "%s: the struct tree's headings follow the Markdown's (%d)"
          % (name, len(src_heads)), "not found in order: %r\nheadings: %r" % (miss, heads[:40]))
    miss = in_order(src_paras, paras, True)
    check(len(src_paras) >= 3 and miss is None, "%s: the struct tree's paragraphs follow the Markdown's (%d)"
          % (name, len(src_paras)), "not found in order: %r" % miss)
    return els


# ---- every example brief and packet, claiming ua-1 and a-2u ----
briefs = sorted(glob.glob(os.path.join(ROOT, "briefs", "*.yaml")))
pdfs = {}
for b in briefs:
    name = os.path.basename(b)
    pdf = os.path.join(d, name + ".pdf")
    rc, out, err = run(["compile", b, "-o", pdf, "--strict", "--pdf-standard", "ua-1,a-2u"], env=ENV)
    if not check(rc == 0 and "warning" not in err, "%s compiles with --pdf-standard ua-1,a-2u" % name, err):
        continue
    pdfs[name] = pdf
    ok, log = qpdf_check(pdf)
    check(ok, "%s: qpdf --check passes" % name, log)
    problems = pc.check(pdf, standard=True)
    check(not problems, "%s: tags, XMP, output intent, ID and fonts pass the checker" % name,
          "\n".join(problems))
    text = open(b, encoding="utf-8").read()
    if re.search(r"^packet:", text, re.M):
        md = []
        for doc in re.findall(r"brief:\s*(\S+\.yaml)", text):
            md += brief_markdown(os.path.join(os.path.dirname(b), doc))
        els = check_order(name, pdf, md)
        parts = [e for e in els if e[0] == "Part"]
        check(len(parts) >= 3, "%s: one Part per document of the packet (%d)" % (name, len(parts)))
        # The bound press release reads as its Part's text.
        txt = open(os.path.join(ROOT, "briefs", "statements", "hrw-press-release.txt"), encoding="utf-8").read()
        words = norm(txt).split()[:6]
        whole = norm(" ".join(t for _, t, _, _ in els))
        check(" ".join(words) in whole, "%s: the bound PDF's text is in the structure tree" % name, words)
    else:
        check_order(name, pdf, brief_markdown(b))

# ---- the element types of the flagship, and where notes and artifacts go ----
fr = pdfs.get("forced-returns.yaml")
if fr:
    els = elements(fr)
    types = {e[0] for e in els}
    want = ["Document", "H1", "H2", "P", "L", "LI", "Lbl", "LBody", "BlockQuote", "Table", "TR", "TH", "TD",
            "Figure", "Caption", "Note", "Reference", "Link", "TOC", "TOCI"]
    check(all(t in types for t in want), "forced-returns: the tree has %s" % ", ".join(want),
          sorted(set(want) - types))
    notes = [e for e in els if e[0] == "Note"]
    check(notes and all(e[3] in ("P", "LBody", "TD", "TH", "H1", "H2", "H3", "Caption", "Note") for e in notes),
          "forced-returns: every note hangs from the element that calls it", {e[3] for e in notes})
    # The note follows its caller's text: the first note's text comes after
    # the words of the first paragraph that calls one.
    flat = norm(" ".join(t for _, t, _, _ in els))
    k1 = flat.find("those returned to north korea face punishment")
    k2 = flat.find("junghoon lee north korean refugees and the imminent")
    check(0 <= k1 < k2, "forced-returns: note 1 is read right after the sentence that calls it", (k1, k2))
    check("page 1 of" not in flat and "forced returns page" not in flat,
          "forced-returns: running heads and folios are artifacts, not text of the tree")
    figs = [e for e in els if e[0] == "Figure"]
    check(len(figs) >= 3, "forced-returns: its charts and map are Figures (%d)" % len(figs))
    # A chart's alt text is made from its data.
    doc = pc.Doc(fr)
    alts = [pc.text_of(e.get("/Alt")) or "" for e in pc.struct_elements(doc).values() if e.get("/S") == "/Figure"]
    check(any("Estimates of North Koreans living in hiding in China" in a and "300,000" in a for a in alts),
          "forced-returns: the estimates chart's Alt gives its title and values", alts)
    ths = [e for e in pc.struct_elements(doc).values() if e.get("/S") == "/TH"]
    scopes = {(doc.get(e.get("/A")) or {}).get("/Scope") for e in ths}
    check(ths and scopes == {"/Column"}, "forced-returns: header cells are TH with /Scope /Column", scopes)
    cat = doc.catalog
    check(pc.text_of(cat.get("/Lang")) == "en", "forced-returns: /Lang en")
    rc, info, _ = tool(["pdfinfo", fr])
    check(re.search(r"^Tagged:\s+yes", info, re.M) is not None, "pdfinfo says Tagged: yes")
    # Every word pdftotext reads is in the tree, or in a running head or folio.
    rc, plain, _ = tool(["pdftotext", "-enc", "UTF-8", fr, "-"])
    tree_words = set(flat.split())
    # (Words with digits are left out: pdftotext glues a note's number to
    # the word before it, and a chart's labels to one another.)
    extra = {w for w in norm(plain).split() if w not in tree_words and not re.search(r"\d", w)}
    check(extra <= {"page", "of", "forced", "returns", "policy", "brief", "north", "korean", "refugees", "in",
                    "china", "continued"},
          "forced-returns: every word of the pages is in the structure tree but heads and folios",
          sorted(extra)[:40])

# ---- reproducible bytes under SOURCE_DATE_EPOCH ----
for name in ["forced-returns.yaml", "hearing-2023.yaml"]:
    if name not in pdfs:
        continue
    again = os.path.join(d, "again-" + name + ".pdf")
    rc, out, err = run(["compile", os.path.join(ROOT, "briefs", name), "-o", again, "--pdf-standard",
                        "ua-1,a-2u"], env=ENV)
    same = rc == 0 and open(again, "rb").read() == open(pdfs[name], "rb").read()
    check(same, "%s: two builds with SOURCE_DATE_EPOCH are byte-identical, /ID included" % name, err)

# ---- pdf-standard: in a brief and a style; --pdf-standard wins ----
write(os.path.join(d, "s", "body.md"), "# Part one\n\nSome text to read, with a link to "
      "[the site](https://example.org).\n\n![A map of the border](map.png)\n")
png = os.path.join(ROOT, "briefs", "styles", "logo.png")
write(os.path.join(d, "s", "map.png"), "")
with open(png, "rb") as f, open(os.path.join(d, "s", "map.png"), "wb") as g:
    g.write(f.read())
BRIEF = "title: Standards\n%ssections:\n  - file: body.md\n"


def compile_s(name, head, extra=(), style=None, body=None):
    if style is not None:
        write(os.path.join(d, "s", "styles", name + ".yaml"), style)
        head += "style: %s\n" % name
    if body is not None:
        write(os.path.join(d, "s", name + ".md"), body)
    write(os.path.join(d, "s", name + ".yaml"), (BRIEF % head).replace("body.md", (name + ".md") if body else "body.md"))
    pdf = os.path.join(d, "s", name + ".pdf")
    rc, out, err = run(["compile", name + ".yaml", "-o", pdf] + list(extra), cwd=os.path.join(d, "s"), env=ENV)
    return rc, err, pdf


def claims(pdf):
    doc = pc.Doc(pdf)
    md = doc.catalog.get("/Metadata")
    if not md:
        return None
    xmp = doc.stream(md).decode("utf-8")
    return (pc.xmp_field(xmp, "pdfaid:part"), pc.xmp_field(xmp, "pdfaid:conformance"),
            pc.xmp_field(xmp, "pdfuaid:part"))


rc, err, pdf = compile_s("plain", "")
check(rc == 0 and claims(pdf) is None and not pc.check(pdf), "a plain compile is tagged and claims no standard", err)
doc = pc.Doc(pdf)
check("/OutputIntents" not in doc.catalog and "/ID" not in doc.trailer,
      "a plain compile has no output intent and no /ID (as before)")
rc, err, pdf = compile_s("inbrief", "pdf-standard: [ua-1, a-2b]\n")
check(rc == 0 and claims(pdf) == ("2", "B", "1") and not pc.check(pdf, True),
      "pdf-standard: [ua-1, a-2b] in the brief: PDF/A-2b and PDF/UA-1 claimed", (err, claims(pdf) if rc == 0 else None))
rc, err, pdf = compile_s("onlyua", "pdf-standard: ua-1\n")
check(rc == 0 and claims(pdf) == (None, None, "1") and not pc.check(pdf, True),
      "pdf-standard: ua-1 alone claims PDF/UA-1 only", err)
rc, err, pdf = compile_s("bystyle", "", style="pdf-standard: a-2u\n")
check(rc == 0 and claims(pdf) == ("2", "U", None), "pdf-standard: in the style applies to its briefs", err)
rc, err, pdf = compile_s("cliwins", "pdf-standard: a-2b\n", ["--pdf-standard", "a-2u"])
check(rc == 0 and claims(pdf) == ("2", "U", None), "--pdf-standard wins over the brief's pdf-standard:", err)
rc, err, pdf = compile_s("typo", "pdf-standard: [ua-1, a-2x]\n")
check(rc == 1 and re.search(r"typo\.yaml:2:22: error: unknown PDF standard 'a-2x'", err)
      and "did you mean 'a-2b'?" in err, "a typo in pdf-standard: is an error at its line:col with a hint", err)
rc, err, pdf = compile_s("both", "pdf-standard: [a-2b, a-2u]\n")
check(rc == 1 and "typo" not in err and "a-2b or a-2u, not both" in err, "a-2b with a-2u is refused", err)
rc, out, err = run(["compile", os.path.join(d, "s", "plain.yaml"), "-o", os.path.join(d, "x.pdf"),
                    "--pdf-standard", "ua-2"])
check(rc == 2 and "--pdf-standard takes" in err, "--pdf-standard ua-2 is a usage error", err)

# ---- an image without alt text under ua-1 ----
NOALT = "# Part one\n\nSome text.\n\nMore text, then the map:\n\n  ![](map.png)\n"
rc, err, pdf = compile_s("noalt", "", ["--pdf-standard", "ua-1"], body=NOALT)
check(rc == 1 and re.search(r"noalt\.md:7:3: error: this image has no alt text", err) is not None,
      "an image without alt text under ua-1 fails at its line and column (7:3)", err)
check(not os.path.exists(pdf), "and no PDF is written")
rc, err, pdf = compile_s("noalt2", "pdf-standard: [ua-1, a-2u]\n", body=NOALT)
check(rc == 1 and "noalt2.md:7:3: error: this image has no alt text" in err,
      "the same through pdf-standard: in the brief", err)
rc, err, pdf = compile_s("noalt3", "pdf-standard: a-2b\n", body=NOALT)
check(rc == 0, "without ua-1 the image needs no alt text", err)
rc, err, pdf = compile_s("alt", "", ["--pdf-standard", "ua-1"])
doc = pc.Doc(pdf) if rc == 0 else None
alts = [pc.text_of(e.get("/Alt")) for e in pc.struct_elements(doc).values() if e.get("/S") == "/Figure"] if doc else []
check(rc == 0 and alts == ["A map of the border"], "an image with alt text is a Figure with that /Alt", (err, alts))

# ---- the checker finds what is wrong ----
if fr:
    qdf = os.path.join(d, "fr.qdf.pdf")
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", fr, qdf], check=True)
    raw = open(qdf, "rb").read()
    broken = raw.replace(b"EMC\n", b"\n", 1)
    bad = os.path.join(d, "bad-emc.pdf")
    open(bad + ".in", "wb").write(broken)
    subprocess.run(["fix-qdf", bad + ".in"], stdout=open(bad, "wb"), check=True)
    found = pc.check(bad)
    check(any("not closed" in p for p in found), "the checker finds an EMC missing", found[:3])
    nomcid = re.sub(rb"/MCID 0>> BDC", b"/MCID 9999>> BDC", raw, count=1)
    bad2 = os.path.join(d, "bad-mcid.pdf")
    open(bad2 + ".in", "wb").write(nomcid)
    subprocess.run(["fix-qdf", bad2 + ".in"], stdout=open(bad2, "wb"), check=True)
    found = pc.check(bad2)
    check(any("MCID 9999 not in the ParentTree" in p for p in found), "the checker finds an MCID outside the ParentTree",
          found[:3])
    untagged = re.sub(rb"/\w+ <</MCID \d+>> BDC", b"/Span BMC", raw, count=1)
    bad3 = os.path.join(d, "bad-text.pdf")
    open(bad3 + ".in", "wb").write(untagged)
    subprocess.run(["fix-qdf", bad3 + ".in"], stdout=open(bad3, "wb"), check=True)
    found = pc.check(bad3)
    check(any("text shown outside marked content" in p for p in found),
          "the checker finds text neither tagged nor an artifact", found[:3])
    noxmp = os.path.join(d, "plain-std.pdf")
    found = pc.check(os.path.join(d, "s", "plain.pdf"), standard=True)
    check(any("no XMP" in p for p in found) and any("OutputIntents" in p for p in found),
          "the checker finds a file that claims nothing missing XMP and output intent", found[:3])

done()
