"""test_meson_target.py: the meson custom_target of docs/BUILDS.md, with
briefc's depfile, rebuilds a PDF exactly when an input changes: ninja has
nothing to do after a build, and work to do once a section or a font of
the brief changes."""
import os
import re
import shutil
import subprocess

from tap import BRIEFC, ROOT, check, done, tmpdir, write

d = tmpdir()
shutil.copytree(os.path.join(ROOT, "briefs"), os.path.join(d, "briefs"))
doc = open(os.path.join(ROOT, "docs", "BUILDS.md"), encoding="utf-8").read()
target = re.search(r"```meson\n(custom_target\(.*?)```", doc, re.S)
check(target, "docs/BUILDS.md shows a meson custom_target")
write(os.path.join(d, "meson.build"), "project('shelf', meson_version : '>=1.0')\n"
      "briefc = find_program(get_option('briefc'))\n" + target.group(1).replace(
          "'briefs/forced-returns.yaml'", "'briefs/forced-returns.yaml',\n  build_by_default : true"))
write(os.path.join(d, "meson_options.txt"), "option('briefc', type : 'string')\n")
env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")


def ninja(*args):
    return subprocess.run(["ninja", "-C", os.path.join(d, "b")] + list(args), capture_output=True, text=True, env=env)


p = subprocess.run(["meson", "setup", os.path.join(d, "b"), d, "-Dbriefc=" + os.path.abspath(BRIEFC)],
                   capture_output=True, text=True, env=env)
check(p.returncode == 0, "meson sets up a project that uses briefc", p.stdout + p.stderr)
r = ninja()
check(r.returncode == 0 and os.path.isfile(os.path.join(d, "b", "forced-returns.pdf")), "ninja builds the PDF", r.stdout + r.stderr)
check("no work to do" in ninja("-n").stdout, "then it has nothing to do")
with open(os.path.join(d, "briefs", "library", "figures", "defector-arrivals.csv"), "a") as f:
    f.write("\n")
check("no work to do" not in ninja("-n").stdout, "a changed CSV (read through a figure) makes the PDF out of date")
r = ninja()
check(r.returncode == 0 and "no work to do" in ninja("-n").stdout, "ninja rebuilds it, and then it is up to date")
with open(os.path.join(d, "briefs", "styles", "testimony.yaml"), "a") as f:
    f.write("\n")
check("no work to do" in ninja("-n").stdout, "a file the brief does not read changes nothing")
done()
