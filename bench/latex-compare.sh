#!/bin/sh
# latex-compare.sh: typesets the same text with briefc and with Pandoc +
# xelatex (same font, size, leading and measure) and compares how even
# the spaces of justified lines are (bench/spacing.py). Needs pandoc and
# texlive-xetex, which are not dependencies of briefc:
#   apt-get install pandoc texlive-xetex texlive-latex-recommended lmodern
# usage: bench/latex-compare.sh [BRIEF_SECTIONS_GLOB]
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fonts=$(pwd)/fonts
sections=${1:-"tests/data/long/long.md"}
cat $sections > "$tmp/text.md"
# briefc: the default style is 10.5/14.5 pt Noto Serif on a 454 pt measure.
printf 'title: Spacing\nsections:\n  - file: text.md\n' > "$tmp/b.yaml"
build/briefc compile "$tmp/b.yaml" -o "$tmp/briefc.pdf" 2>/dev/null
# LaTeX: the same font files, size, leading and measure (79 pt margins on Letter).
cat > "$tmp/head.tex" <<TEX
\usepackage{fontspec}
\setmainfont{NotoSerif}[Path=$fonts/, Extension=.ttf, UprightFont=*-Regular, BoldFont=*-Bold, ItalicFont=*-Italic, BoldItalicFont=*-BoldItalic]
\AtBeginDocument{\fontsize{10.5pt}{14.5pt}\selectfont}
\setlength{\parindent}{0pt}\setlength{\parskip}{6pt}
TEX
pandoc "$tmp/text.md" -o "$tmp/latex.pdf" --pdf-engine=xelatex -H "$tmp/head.tex" \
  -V papersize=letter -V geometry:left=79pt,right=79pt,top=72pt,bottom=72pt \
  -V lang=en-US 2>"$tmp/pandoc.log" || { cat "$tmp/pandoc.log"; exit 1; }
python3 bench/spacing.py 10.5 533 "$tmp/briefc.pdf" "$tmp/latex.pdf"
