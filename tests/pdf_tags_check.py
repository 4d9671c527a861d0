#!/usr/bin/env python3
"""pdf_tags_check.py: checks a PDF against the rules of tagged PDF,
PDF/UA-1 and PDF/A-2 that a program can check without judgement, through
qpdf's JSON (objects and decoded streams) and poppler's pdfinfo:

  - the catalog: /MarkInfo /Marked true, /StructTreeRoot, /Lang,
    /ViewerPreferences /DisplayDocTitle true; every page /Tabs /S;
  - every page's content stream: BMC/BDC and EMC balanced, every text
    shown (Tj, TJ, ', ") and every XObject drawn (Do) inside a marked-
    content sequence with an MCID or inside an /Artifact, no MCID twice;
  - the structure tree: every MCID of every page reachable from the
    ParentTree (the page's /StructParents entry names, at the MCID's
    index, an element whose /K holds that MCID on that page), and every
    element's MCIDs used on its page; every link annotation has /Contents
    and a /StructParent that leads to a Link element holding an OBJR to
    it; every Figure has a non-empty /Alt; every TH a /Scope; every Note
    an /ID of its own;
  - with --standard (a file that claims PDF/UA-1 and/or PDF/A-2): the XMP
    metadata stream (uncompressed, /Subtype /XML) with pdfaid/pdfuaid as
    claimed, dc:title, dc:creator, dc:description, pdf:Producer,
    xmp:CreatorTool and the dates equal to the Info dictionary's; an
    /OutputIntents entry /GTS_PDFA1 with an ICC profile of 3 components
    whose header is sound; a trailer /ID; every font embedded, every
    Type0 font with a /ToUnicode map; no encryption.

Usage: pdf_tags_check.py FILE.pdf [--standard]. Prints one line per
problem and exits 1 when there is any. The functions are also imported
by tests/e2e/test_pdf_tagged.py.
"""
import base64
import json
import re
import subprocess
import sys


def load(pdf):
    """The PDF's objects: {'N G R': value or {'stream': {...}}}, and the trailer."""
    out = subprocess.run(["qpdf", "--json=2", "--json-stream-data=inline", "--decode-level=generalized", pdf, "-"],
                         capture_output=True)
    if out.returncode not in (0, 3):
        raise RuntimeError("qpdf --json failed: " + out.stderr.decode("utf-8", "replace"))
    j = json.loads(out.stdout)
    objs = {}
    for k, v in j["qpdf"][1].items():
        objs[k[4:] if k.startswith("obj:") else k] = v
    return objs, j


class Doc:
    def __init__(self, pdf):
        self.objs, self.json = load(pdf)
        self.trailer = self.objs["trailer"]["value"]
        self.catalog = self.get(self.trailer["/Root"])
        self.pages = [p["object"] for p in self.json["pages"]]

    def get(self, v):
        """v resolved: a reference's object (its value, or its stream's dict)."""
        if isinstance(v, str) and re.fullmatch(r"\d+ \d+ R", v):
            o = self.objs.get(v)
            if o is None:
                return None
            return o["value"] if "value" in o else o["stream"]["dict"]
        return v

    def stream(self, ref):
        o = self.objs.get(ref)
        if not o or "stream" not in o:
            return b""
        return base64.b64decode(o["stream"].get("data", ""))


def text_of(v):
    """A PDF string from qpdf's JSON ("u:..." text, "b:..." hex bytes)."""
    if not isinstance(v, str):
        return None
    if v.startswith("u:"):
        return v[2:]
    if v.startswith("b:"):
        raw = bytes.fromhex(v[2:])
        if raw.startswith(b"\xfe\xff"):
            return raw[2:].decode("utf-16-be", "replace")
        return raw.decode("latin-1")
    return None


TOKEN = re.compile(rb"""
    (?P<str>\((?:\\.|[^\\()])*\))
  | (?P<dict><<|>>)
  | (?P<hex><[0-9A-Fa-f\s]*>)
  | (?P<name>/[^\s/\[\]()<>{}%]*)
  | (?P<num>[+-]?(?:\d+\.?\d*|\.\d+))
  | (?P<arr>[\[\]])
  | (?P<op>[A-Za-z'"*][A-Za-z0-9'"*]*)
  | (?P<comment>%[^\r\n]*)
""", re.X | re.S)


def marked_content(data, problems, where):
    """Walks a content stream: returns the MCIDs in order; reports
    unbalanced marked content and content outside any."""
    stack = []          # (tag, mcid or None)
    operands = []
    mcids = []
    for m in TOKEN.finditer(data):
        kind = m.lastgroup
        tok = m.group(kind)
        if kind == "comment":
            continue
        if kind != "op":
            operands.append(tok)
            continue
        op = tok.decode("latin-1")
        if op == "BMC":
            tag = operands[-1].decode("latin-1") if operands else "?"
            stack.append((tag, None))
        elif op == "BDC":
            tag = next((t.decode("latin-1") for t in operands if t.startswith(b"/")), "?")
            mcid = None
            for i, t in enumerate(operands):
                if t == b"/MCID" and i + 1 < len(operands):
                    mcid = int(operands[i + 1])
            stack.append((tag, mcid))
            if mcid is not None:
                if mcid in mcids:
                    problems.append("%s: MCID %d used twice" % (where, mcid))
                mcids.append(mcid)
        elif op == "EMC":
            if not stack:
                problems.append("%s: EMC without BMC/BDC" % where)
            else:
                stack.pop()
        elif op in ("Tj", "TJ", "'", '"', "Do"):
            inside = any(t == "/Artifact" or mc is not None for t, mc in stack)
            if not inside:
                what = "an XObject drawn" if op == "Do" else "text shown"
                problems.append("%s: %s outside marked content (neither tagged nor an artifact)" % (where, what))
        operands = []
    if stack:
        problems.append("%s: %d marked-content sequence(s) not closed" % (where, len(stack)))
    return mcids


def page_streams(doc, page):
    c = doc.get(page).get("/Contents")
    refs = c if isinstance(c, list) else [c]
    return b"\n".join(doc.stream(r) for r in refs if r)


def struct_elements(doc):
    """Every structure element reachable from the StructTreeRoot: ref -> dict."""
    root = doc.get(doc.catalog.get("/StructTreeRoot"))
    seen = {}
    todo = []
    k = root.get("/K") if root else None
    todo.extend(k if isinstance(k, list) else [k] if k else [])
    while todo:
        r = todo.pop()
        if not isinstance(r, str) or r in seen:
            continue
        e = doc.get(r)
        if not isinstance(e, dict) or e.get("/Type", "/StructElem") not in ("/StructElem",) or "/S" not in e:
            continue
        seen[r] = e
        kids = e.get("/K")
        kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
        for kid in kids:
            if isinstance(kid, str):
                todo.append(kid)
    return seen


def elem_mcrs(doc, e):
    """(page ref, MCID) pairs and OBJR annotation refs an element holds itself."""
    pairs, objrs = [], []
    kids = e.get("/K")
    kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
    for kid in kids:
        if isinstance(kid, int):
            pairs.append((e.get("/Pg"), kid))
        elif isinstance(kid, dict):
            if kid.get("/Type") == "/MCR" or "/MCID" in kid:
                pairs.append((kid.get("/Pg", e.get("/Pg")), kid.get("/MCID")))
            elif kid.get("/Type") == "/OBJR":
                objrs.append(kid.get("/Obj"))
    return pairs, objrs


def number_tree(doc, node):
    out = {}
    node = doc.get(node)
    if not isinstance(node, dict):
        return out
    nums = node.get("/Nums", [])
    for i in range(0, len(nums) - 1, 2):
        out[nums[i]] = nums[i + 1]
    for kid in node.get("/Kids", []):
        out.update(number_tree(doc, kid))
    return out


def check_tags(doc, problems):
    cat = doc.catalog
    if not (isinstance(cat.get("/MarkInfo"), dict) and doc.get(cat["/MarkInfo"]).get("/Marked") is True):
        problems.append("catalog: no /MarkInfo <</Marked true>>")
    if not cat.get("/Lang"):
        problems.append("catalog: no /Lang")
    vp = doc.get(cat.get("/ViewerPreferences")) or {}
    if vp.get("/DisplayDocTitle") is not True:
        problems.append("catalog: no /ViewerPreferences <</DisplayDocTitle true>>")
    root = doc.get(cat.get("/StructTreeRoot"))
    if not root:
        problems.append("catalog: no /StructTreeRoot")
        return
    parents = number_tree(doc, root.get("/ParentTree"))
    elems = struct_elements(doc)
    # Where each (page, MCID) lives in the tree.
    held = {}
    note_ids = set()
    for r, e in elems.items():
        pairs, _ = elem_mcrs(doc, e)
        for pg, mcid in pairs:
            held[(pg, mcid)] = r
        s = e.get("/S")
        if s == "/Figure" and not (text_of(e.get("/Alt")) or "").strip():
            problems.append("element %s: a Figure without /Alt" % r)
        if s == "/Note":
            nid = text_of(e.get("/ID"))
            if not nid:
                problems.append("element %s: a Note without /ID" % r)
            elif nid in note_ids:
                problems.append("element %s: a Note whose /ID %r another has" % (r, nid))
            note_ids.add(nid)
        if s == "/TH":
            a = doc.get(e.get("/A"))
            attrs = a if isinstance(a, list) else [a]
            if not any(isinstance(doc.get(x), dict) and "/Scope" in doc.get(x) for x in attrs):
                problems.append("element %s: a TH without /Scope" % r)
    used = set()
    for n, page in enumerate(doc.pages, 1):
        where = "page %d" % n
        pd = doc.get(page)
        if pd.get("/Tabs") != "/S":
            problems.append("%s: no /Tabs /S" % where)
        mcids = marked_content(page_streams(doc, page), problems, where)
        if mcids and "/StructParents" not in pd:
            problems.append("%s: MCIDs but no /StructParents" % where)
            continue
        arr = doc.get(parents.get(pd.get("/StructParents"))) if mcids else []
        for mcid in mcids:
            used.add((page, mcid))
            if not isinstance(arr, list) or mcid >= len(arr):
                problems.append("%s: MCID %d not in the ParentTree" % (where, mcid))
                continue
            if held.get((page, mcid)) != arr[mcid]:
                problems.append("%s: MCID %d: the ParentTree names %s, which does not hold it (held by %s)"
                                % (where, mcid, arr[mcid], held.get((page, mcid))))
        for a in pd.get("/Annots", []) or []:
            ad = doc.get(a)
            if ad.get("/Subtype") != "/Link":
                continue
            if not (text_of(ad.get("/Contents")) or "").strip():
                problems.append("%s: link %s has no /Contents" % (where, a))
            sp = ad.get("/StructParent")
            e = parents.get(sp) if sp is not None else None
            ed = doc.get(e) if e else None
            if not ed or ed.get("/S") != "/Link":
                problems.append("%s: link %s leads to no Link element" % (where, a))
            elif a not in elem_mcrs(doc, ed)[1]:
                problems.append("%s: the Link element of link %s holds no OBJR to it" % (where, a))
    for (pg, mcid), r in held.items():
        if (pg, mcid) not in used:
            problems.append("element %s: MCID %s on %s is in no page's content" % (r, mcid, pg))


def xmp_field(xmp, name):
    m = re.search(r"<%s>(.*?)</%s>" % (re.escape(name), re.escape(name)), xmp, re.S)
    if not m:
        return None
    inner = re.search(r"<rdf:li[^>]*>(.*?)</rdf:li>", m.group(1), re.S)
    v = inner.group(1) if inner else m.group(1)
    return v.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def xmp_date(info_date):
    """D:YYYYMMDDHHmmSS+HH'mm' as XMP writes it."""
    m = re.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-Z])(\d\d)?'?(\d\d)?", info_date or "")
    if not m:
        return None
    y, mo, d, h, mi, s, z, zh, zm = m.groups()
    tz = "Z" if z == "Z" else "%s%s:%s" % (z, zh or "00", zm or "00")
    return "%s-%s-%sT%s:%s:%s%s" % (y, mo, d, h, mi, s, tz)


def check_standard(doc, problems):
    cat = doc.catalog
    info = doc.get(doc.trailer.get("/Info")) or {}
    if "/Encrypt" in doc.trailer:
        problems.append("trailer: the file is encrypted")
    ident = doc.trailer.get("/ID")
    if not (isinstance(ident, list) and len(ident) == 2):
        problems.append("trailer: no /ID")
    mref = cat.get("/Metadata")
    md = doc.get(mref)
    if not md:
        problems.append("catalog: no XMP /Metadata")
    else:
        if md.get("/Subtype") != "/XML" or md.get("/Type") != "/Metadata":
            problems.append("metadata: not /Type /Metadata /Subtype /XML")
        if "/Filter" in md:
            problems.append("metadata: compressed (PDF/A wants it readable)")
        xmp = doc.stream(mref).decode("utf-8", "replace")
        part, conf, ua = (xmp_field(xmp, "pdfaid:part"), xmp_field(xmp, "pdfaid:conformance"),
                          xmp_field(xmp, "pdfuaid:part"))
        if not part and not ua:
            problems.append("metadata: claims neither PDF/A (pdfaid) nor PDF/UA (pdfuaid)")
        if part and (part != "2" or conf not in ("B", "U")):
            problems.append("metadata: pdfaid %s%s is not PDF/A-2b or -2u" % (part, conf))
        if ua and ua != "1":
            problems.append("metadata: pdfuaid:part %s is not 1" % ua)
        if part and ua and "pdfaExtension:schemas" not in xmp:
            problems.append("metadata: PDF/A with pdfuaid but no extension schema describing it")
        for key, field in [("/Title", "dc:title"), ("/Author", "dc:creator"), ("/Subject", "dc:description"),
                           ("/Producer", "pdf:Producer"), ("/Creator", "xmp:CreatorTool")]:
            iv, xv = text_of(info.get(key)), xmp_field(xmp, field)
            if iv != xv:
                problems.append("metadata: Info %s %r but XMP %s %r" % (key, iv, field, xv))
        for key, field in [("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")]:
            iv, xv = xmp_date(text_of(info.get(key))), xmp_field(xmp, field)
            if iv != xv:
                problems.append("metadata: Info %s %r but XMP %s %r" % (key, iv, field, xv))
        if ua and not (text_of(info.get("/Title")) or "").strip():
            problems.append("PDF/UA: the document has no title")
    intents = doc.get(cat.get("/OutputIntents")) or []
    oi = [doc.get(x) for x in intents if (doc.get(x) or {}).get("/S") == "/GTS_PDFA1"]
    if not oi:
        problems.append("catalog: no /OutputIntents entry /GTS_PDFA1")
    else:
        pref = oi[0].get("/DestOutputProfile")
        pd = doc.get(pref) or {}
        icc = doc.stream(pref)
        if pd.get("/N") != 3:
            problems.append("output intent: the profile's /N is %r, not 3" % pd.get("/N"))
        if (len(icc) < 132 or icc[36:40] != b"acsp" or int.from_bytes(icc[:4], "big") != len(icc)
                or icc[12:16] != b"mntr" or icc[16:20] != b"RGB "):
            problems.append("output intent: the ICC profile's header is not that of an RGB display profile")
    for n, page in enumerate(doc.pages, 1):
        res = doc.get(doc.get(page).get("/Resources")) or {}
        for name, f in (doc.get(res.get("/Font")) or {}).items():
            fd = doc.get(f)
            sub = fd.get("/Subtype")
            desc_font = fd
            if sub == "/Type0":
                if "/ToUnicode" not in fd:
                    problems.append("page %d: font %s has no /ToUnicode" % (n, name))
                desc_font = doc.get(fd["/DescendantFonts"][0])
            desc = doc.get(desc_font.get("/FontDescriptor")) or {}
            if not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append("page %d: font %s is not embedded" % (n, name))


def check(pdf, standard=False):
    problems = []
    doc = Doc(pdf)
    check_tags(doc, problems)
    if standard:
        check_standard(doc, problems)
    return problems


def struct_text(pdf):
    """pdfinfo -struct-text as a flat list of (depth, type, text or None)."""
    out = subprocess.run(["pdfinfo", "-struct-text", pdf], capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        depth = (len(line) - len(line.lstrip(" "))) // 2
        s = line.strip()
        if not s:
            continue
        if s.startswith('"'):
            rows.append((depth, None, s[1:-1] if s.endswith('"') else s[1:]))
        elif not s.startswith("/"):     # an attribute line ("/Scope /Column") is no element
            rows.append((depth, s.split(" ")[0].rstrip(":"), None))
    return rows


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        sys.exit("usage: pdf_tags_check.py FILE.pdf [--standard]")
    found = check(args[0], "--standard" in sys.argv)
    for p in found:
        print(p)
    sys.exit(1 if found else 0)
