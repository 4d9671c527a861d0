"""test_install.py: an installed briefc (meson install --destdir, into a
folder of its own) finds its fonts beside itself and compiles the example
briefs from another folder; --version prints a build identity that
changes with the fonts."""
import os
import shutil
import subprocess

from tap import BRIEFC, ROOT, check, done, tmpdir, tool

d = tmpdir()
build_dir = os.path.dirname(BRIEFC)
stage = os.path.join(d, "stage")
p = subprocess.run(["meson", "install", "-C", build_dir, "--destdir", stage, "--no-rebuild", "--quiet"],
                   capture_output=True, text=True)
check(p.returncode == 0, "meson install --destdir works", p.stdout + p.stderr)
exe = next((os.path.join(r, f) for r, _, fs in os.walk(stage) for f in fs if f == "briefc"), None)
check(exe and os.access(exe, os.X_OK), "the binary is installed", exe)
prefix = os.path.dirname(os.path.dirname(exe)) if exe else ""
fonts = os.path.join(prefix, "share", "briefc", "fonts")
check(os.path.isfile(os.path.join(fonts, "NotoSerif-Regular.ttf")) and any(f.startswith("LICENSE") or "OFL" in f for f in os.listdir(fonts)),
      "the fonts are installed with their licences in PREFIX/share/briefc/fonts", fonts)

# Moved elsewhere, run from another folder, with no environment help.
moved = os.path.join(d, "opt")
shutil.copytree(prefix, moved)
exe2 = os.path.join(moved, "bin", "briefc")
env = {k: v for k, v in os.environ.items() if k != "BRIEFC_FONTS"}
work = os.path.join(d, "work")
shutil.copytree(os.path.join(ROOT, "briefs"), os.path.join(work, "briefs"))
v = subprocess.run([exe2, "--version"], capture_output=True, text=True, env=env, cwd=work)
check(v.returncode == 0 and ("fonts: " + os.path.realpath(os.path.join(moved, "share", "briefc", "fonts"))) in v.stdout,
      "a moved install finds the fonts beside itself", v.stdout)
p = subprocess.run([exe2, "build", "briefs", "-o", "out"], capture_output=True, text=True, env=env, cwd=work)
check(p.returncode == 0 and "5 built" in p.stdout and os.path.isfile(os.path.join(work, "out", "hearing-2023.pdf")),
      "the installed briefc builds the examples from another folder", p.stdout + p.stderr)

# The build identity follows the fonts.
ident = v.stdout.split("(build ")[1].split(")")[0] if "(build " in v.stdout else ""
with open(os.path.join(moved, "share", "briefc", "fonts", "NotoSerif-Regular.ttf"), "ab") as f:
    f.write(b"\0")
v2 = subprocess.run([exe2, "--version"], capture_output=True, text=True, env=env, cwd=work)
check(ident and len(ident) == 16 and ident not in v2.stdout, "--version's build identity changes when a font does",
      v.stdout + v2.stdout)
done()
