"""test_styles_shared.py: a house style kept in the library
(library/styles/NAME.yaml, its logo beside it) is used by briefs in
other folders; the brief's own styles/NAME.yaml wins over it; an unknown
style is an error at the style: line with did-you-mean over both
folders; a logo outside the brief's and the library's folders is
refused; briefc build recompiles when the brief gets a style of its own."""
import os
import re
import shutil

from tap import ROOT, check, done, pages_text, run, tmpdir, tool, write

LOGO = os.path.join(ROOT, "briefs", "styles", "logo.png")
d = tmpdir()
lib = os.path.join(d, "shared", "library")
write(os.path.join(lib, "styles", "house.yaml"),
      "organisation: SHAREDORG Watch\nlogo: logo.png\nfooter: SHAREDFOOT\naccent: \"#8a1c1c\"\n")
shutil.copy(LOGO, os.path.join(lib, "styles", "logo.png"))
BODY = "  - markdown: |\n      Some text of the brief.\n"


def brief(path, head):
    write(path, "title: Shared\n%ssections:\n%s" % (head, BODY))


def images(pdf):
    rc, out, err = tool(["pdfimages", "-list", pdf])
    return [l for l in out.splitlines()[2:] if l.split()[2:3] == ["image"]]


# Two briefs in two folders, at different depths, share the style.
brief(os.path.join(d, "one", "b.yaml"), "library: ../shared/library\nstyle: house\n")
brief(os.path.join(d, "two", "deeper", "c.yaml"), "library: ../../shared/library\nstyle: house\n")
for rel in ("one/b", "two/deeper/c"):
    pdf = os.path.join(d, rel + ".pdf")
    rc, out, err = run(["compile", rel + ".yaml", "-o", pdf, "--strict"], cwd=d)
    text = pages_text(pdf)[0][0] if rc == 0 else ""
    check(rc == 0 and "SHAREDORG Watch" in text and "SHAREDFOOT" in text and len(images(pdf)) == 1,
          "%s.yaml uses the library's house style, logo and all" % rel, err + text)

# The brief's own styles/house.yaml comes first.
own = os.path.join(d, "three")
brief(os.path.join(own, "b.yaml"), "library: ../shared/library\nstyle: house\n")
write(os.path.join(own, "styles", "house.yaml"), "organisation: OWNORG\n")
rc, out, err = run(["compile", "b.yaml", "-o", "b.pdf"], cwd=own)
text = pages_text(os.path.join(own, "b.pdf"))[0][0] if rc == 0 else ""
check(rc == 0 and "OWNORG" in text and "SHAREDORG" not in text, "the brief's own style wins over the library's", err)

# An unknown style: the error at the style: line, a hint from either folder.
write(os.path.join(own, "styles", "compact.yaml"), "font-size: 9\n")
for name, near in (("huose", "house"), ("compct", "compact")):
    brief(os.path.join(own, "u.yaml"), "library: ../shared/library\nstyle: %s\n" % name)
    rc, out, err = run(["check", "u.yaml"], cwd=own)
    check(rc == 1 and "u.yaml:3:8: error: unknown style '%s'" % name in err and
          "did you mean '%s'?" % near in err,
          "an unknown style '%s' is an error at its line with a hint ('%s')" % (name, near), err)
brief(os.path.join(own, "u.yaml"), "library: ../shared/library\nstyle: zzzzzz\n")
rc, out, err = run(["check", "u.yaml"], cwd=own)
check(rc == 1 and re.search(r"hint: a style is a file NAME\.yaml in \S*styles or in \S*shared/library/styles", err),
      "with no near name, the hint names both folders", err)

# A logo must stay inside the brief's or the library's folder.
shutil.copy(LOGO, os.path.join(d, "outside.png"))
write(os.path.join(lib, "styles", "leaky.yaml"), "organisation: X\nlogo: ../../../outside.png\n")
brief(os.path.join(d, "one", "l.yaml"), "library: ../shared/library\nstyle: leaky\n")
rc, out, err = run(["check", "l.yaml"], cwd=os.path.join(d, "one"))
check(rc == 1 and "leaky.yaml:2:7: error: the logo must be inside the brief's or the library's folder; '../../../outside.png' leads out of it" in err,
      "a logo outside both folders is an error at its line and column", err)
write(os.path.join(lib, "styles", "gone.yaml"), "logo: nope.png\n")
brief(os.path.join(d, "one", "g.yaml"), "library: ../shared/library\nstyle: gone\n")
rc, out, err = run(["check", "g.yaml"], cwd=os.path.join(d, "one"))
check(rc == 1 and "gone.yaml:1:7: error: cannot open logo" in err and "shared/library/styles/nope.png" in err,
      "a logo resolves from the style file's folder", err)
for f in ("l.yaml", "g.yaml"):
    os.remove(os.path.join(d, "one", f))

# briefc build: the brief's own style appearing makes it stale.
out_dir = os.path.join(d, "out")
rc, o, e = run(["build", os.path.join(d, "one"), "-o", out_dir])
check(rc == 0 and re.search(r"built \S*b\.pdf", o), "briefc build builds the brief in the shared style", o + e)
rc, o, e = run(["build", os.path.join(d, "one"), "-o", out_dir])
check(rc == 0 and re.search(r"skipped \S*b\.pdf", o), "a second build skips it", o + e)
write(os.path.join(d, "one", "styles", "house.yaml"), "organisation: NEWORG\n")
rc, o, e = run(["build", os.path.join(d, "one"), "-o", out_dir])
text = pages_text(os.path.join(out_dir, "b.pdf"))[0][0]
check(rc == 0 and re.search(r"built \S*b\.pdf", o) and "NEWORG" in text,
      "adding the brief's own styles/house.yaml rebuilds it in that style", o + e)
done()
