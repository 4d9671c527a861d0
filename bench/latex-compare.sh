#!/bin/sh
# latex-compare.sh: typesets the same text with briefc and with Pandoc +
# xelatex (same font, size, leading and measure) and compares how even
# the spaces of justified lines are (bench/spacing.py). Needs pandoc and
# texlive-xetex, which are not dependencies of briefc:
#   apt-get install pandoc texlive-xetex texlive-latex-recommended lmodern
#   apt-get install texlive-fonts-recommended   (hyperref's ZapfDingbats)
# Each is typeset with hanging punctuation (protrusion: briefc's default,
# LaTeX's microtype) and without; the footnotes each splits across pages
# are counted too (bench/notesplits.py).
# usage: bench/latex-compare.sh [BRIEF_SECTIONS_GLOB]
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fonts=$(pwd)/fonts
sections=${1:-"tests/data/long/long.md"}
cat $sections > "$tmp/text.md"
# briefc: the default style is 10.5/14.5 pt Noto Serif on a 454 pt measure,
# with hanging punctuation (protrusion) on; and once more with it off.
printf 'title: Spacing\nsections:\n  - file: text.md\n' > "$tmp/b.yaml"
build/briefc compile "$tmp/b.yaml" -o "$tmp/briefc.pdf" 2>/dev/null
mkdir -p "$tmp/styles"
printf 'protrusion: false\n' > "$tmp/styles/flat.yaml"
printf 'title: Spacing\nstyle: flat\nsections:\n  - file: text.md\n' > "$tmp/f.yaml"
build/briefc compile "$tmp/f.yaml" -o "$tmp/briefc-noprotrusion.pdf" 2>/dev/null
# LaTeX: the same font files, size, leading and measure (79 pt margins on Letter).
cat > "$tmp/head.tex" <<TEX
\usepackage{fontspec}
\setmainfont{NotoSerif}[Path=$fonts/, Extension=.ttf, UprightFont=*-Regular, BoldFont=*-Bold, ItalicFont=*-Italic, BoldItalicFont=*-BoldItalic]
\AtBeginDocument{\fontsize{10.5pt}{14.5pt}\selectfont}
\setlength{\parindent}{0pt}\setlength{\parskip}{6pt}
TEX
latex() {
  pandoc "$tmp/text.md" -o "$tmp/$1.pdf" --pdf-engine=xelatex -H "$tmp/$2" \
    -V papersize=letter -V geometry:left=79pt,right=79pt,top=72pt,bottom=72pt \
    -V lang=en-US 2>"$tmp/pandoc.log" || { cat "$tmp/pandoc.log"; exit 1; }
}
# Pandoc's template loads microtype, whose protrusion is on by default
# (xelatex does no font expansion); the second run turns it off.
latex latex head.tex
cp "$tmp/head.tex" "$tmp/head-flat.tex"
echo '\AtBeginDocument{\microtypesetup{protrusion=false}}' >> "$tmp/head-flat.tex"
latex latex-noprotrusion head-flat.tex
python3 bench/spacing.py 10.5 533 "$tmp/briefc.pdf" "$tmp/briefc-noprotrusion.pdf" \
  "$tmp/latex.pdf" "$tmp/latex-noprotrusion.pdf"
python3 bench/notesplits.py 10.5 "$tmp/briefc.pdf" "$tmp/briefc-noprotrusion.pdf" \
  "$tmp/latex.pdf" "$tmp/latex-noprotrusion.pdf"
