#!/bin/bash
# border-map.sh: regenerate briefs/library/figures/border-map.png, the locator
# map of the China-North Korea border region (Jilin and Liaoning provinces).
#
# Run by hand on Debian (as root, or with the packages already installed):
#     bash tools/border-map.sh            # writes briefs/library/figures/border-map.png
#     bash tools/border-map.sh OUT.png    # writes OUT.png instead
# Not run by the build. Takes about three minutes (boundary extraction).
#
# Data (all read from Debian packages, nothing downloaded):
#   gmt-dcw         DCW-GMT country and province polygons: land fills, coastline,
#                   national borders, Jilin/Liaoning outlines.
#   gmt-gshhg-full  GSHHG (WDBII) rivers, full resolution: river network.
# Tool: GMT 6 (gmt) with Ghostscript (psconvert) for the PNG.
set -eu

PKGS="gmt gmt-dcw gmt-gshhg-full ghostscript"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "border-map.sh: installing:$missing" >&2
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
fi

here=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$here/briefs/library/figures/border-map.png}
case $OUT in /*) ;; *) OUT=$PWD/$OUT ;; esac
mkdir -p "$(dirname "$OUT")"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
export GMT_USERDIR=$WORK/.gmt GMT_TMPDIR=$WORK   # ignore any personal gmt.conf / cache

# ---- map frame: Lambert conformal conic, rectangle given by its SW and NE corners
W=16c                                  # map width; 16 cm at 254 dpi = 1600 px
R=-R118.6/36.2/132.8/46.7r
J=-JL126/41.5/38/45/$W
DPI=254

# ---- colours and pens (muted, print-friendly)
SEA='#E9F1F7'; CHN='#E4DFD8'; PRK='#F2D8BC'; KOR='#F4F3F1'; OTH='#EEEDEB'
COAST='0.3p,#7F97AA'
RIVER='#A9C3D6'
BORDER='0.7p,#55555A'
PRKCHN='1.5p,#B2462E'                  # China-North Korea border (Yalu, Tumen)
PROV='0.6p,#8C867F,4_1.5:0'            # province borders (dashed)

# ---- helpers ---------------------------------------------------------------
# clipbox FILE W E S N: keep vertices inside the box, breaking lines where they leave it
clipbox() {
    awk -v w="$2" -v e="$3" -v s="$4" -v n="$5" '
        /^>/ { brk = 1; next }
        { if ($1 >= w && $1 <= e && $2 >= s && $2 <= n) { if (brk) print ">"; print $1 "\t" $2; brk = 0 }
          else brk = 1 }' "$1"
}
# shared A B: the runs of A's vertices that lie within 0.5 km of polygon B,
# i.e. the land boundary that A shares with B (coastline left out)
shared() {
    gmt mapproject "$1" -L"$2"+uk -fg | awk '
        /^>/ { run = 0; next }
        { if ($3 < 0.5) { if (!run) print ">"; print $1 "\t" $2; run = 1 } else run = 0 }'
}

# ---- boundaries, all from DCW-GMT so that they coincide with the fills
for c in CN KP KR RU MN CN.JL CN.LN CN.HL CN.NM CN.HE; do
    gmt coast -R115/135/34/49 -E$c -M > "poly_$c.txt"
done
clipbox poly_KP.txt 123.5 131 39.6 43.5 > a.txt; clipbox poly_CN.txt 123.5 131 39.6 43.5 > b.txt
shared a.txt b.txt > border_cn_kp.txt
clipbox poly_KP.txt 124.3 129.5 37.3 39 > a.txt; clipbox poly_KR.txt 124.3 129.5 37.3 39 > b.txt
shared a.txt b.txt > border_kp_kr.txt
clipbox poly_RU.txt 129.5 134 42.2 48 > a.txt; clipbox poly_CN.txt 129.5 134 42.2 48 > b.txt
shared a.txt b.txt > border_cn_ru.txt
clipbox poly_RU.txt 130.2 131 42.1 42.7 > a.txt; clipbox poly_KP.txt 130.2 131 42.1 42.7 > b.txt
shared a.txt b.txt > border_kp_ru.txt
clipbox poly_MN.txt 115 122 44 48 > a.txt; clipbox poly_CN.txt 115 122 44 48 > b.txt
shared a.txt b.txt > border_cn_mn.txt
# province borders: Jilin against Heilongjiang, Inner Mongolia, Liaoning;
# Liaoning against Inner Mongolia and Hebei (the Jilin-Liaoning line only once)
clipbox poly_CN.NM.txt 117 127 40 47.5 > nm.txt
clipbox poly_CN.HL.txt 121 132 43 47.5 > hl.txt
clipbox poly_CN.HE.txt 117 121 38.5 43 > he.txt
clipbox poly_CN.LN.txt 121 126 40.5 44 > ln.txt
cat nm.txt hl.txt ln.txt > jl_nb.txt
cat nm.txt he.txt > ln_nb.txt
clipbox poly_CN.LN.txt 118 123 39.5 44 > ln_w.txt
shared poly_CN.JL.txt jl_nb.txt > prov_jl.txt
shared ln_w.txt ln_nb.txt > prov_ln.txt

# ---- places: lon lat name (coordinates of city centres, decimal degrees)
cat > cities.txt <<'CITIES'
125.738 39.019 Pyongyang
126.978 37.567 Seoul
123.448 41.796 Shenyang
125.326 43.897 Changchun
124.383 40.117 Dandong
129.500 42.900 Yanji
129.850 42.967 Tumen
CITIES

gmt begin map png A,E$DPI
gmt set MAP_FRAME_TYPE plain MAP_FRAME_PEN 0.5p,#6E6E6E \
        FONT_ANNOT_PRIMARY 6.5p,Helvetica,#444444 FONT_LABEL 6.5p,Helvetica,#444444 \
        MAP_SCALE_HEIGHT 3p MAP_TICK_PEN_PRIMARY 0.4p,#444444 MAP_TICK_LENGTH_PRIMARY 2p \
        MAP_ANNOT_OFFSET_PRIMARY 2p MAP_LABEL_OFFSET 2p PS_LINE_JOIN round PS_LINE_CAP round
gmt basemap $R $J -B0 -B+g"$SEA"
gmt coast -ECN+g"$CHN" -EKP+g"$PRK" -EKR+g"$KOR" -ERU,MN,JP+g"$OTH"
gmt coast -Df -I1/0.35p,"$RIVER" -I2/0.25p,"$RIVER"
gmt coast -ECN,KP,KR,RU,MN,JP+p"$COAST"
gmt plot prov_jl.txt -W"$PROV"
gmt plot prov_ln.txt -W"$PROV"
for b in kp_kr cn_ru kp_ru cn_mn; do gmt plot border_$b.txt -W"$BORDER"; done
gmt plot border_cn_kp.txt -W"$PRKCHN"

# countries, provinces, seas: lon lat font angle justify text
gmt text -F+f+a+j <<'LABELS'
121.20 44.60 11p,Helvetica,#5A5550 0 CM CHINA
126.65 40.05 9.5p,Helvetica,#6B4A2E 0 CM NORTH KOREA
128.35 37.05 9p,Helvetica,#5A5A5A 0 CM SOUTH KOREA
131.95 44.40 8.5p,Helvetica,#5A5A5A 0 CM RUSSIA
127.30 43.20 8p,Helvetica,#7A736C 0 CM JILIN
121.90 41.55 8p,Helvetica,#7A736C 0 CM LIAONING
124.00 37.30 7p,Helvetica-Oblique,#7F9FB8 0 CM Yellow Sea
123.55 39.25 6.5p,Helvetica-Oblique,#7F9FB8 0 CM Korea Bay
120.45 38.95 6.5p,Helvetica-Oblique,#7F9FB8 0 CM Bohai
131.20 39.60 7p,Helvetica-Oblique,#7F9FB8 0 CM Sea of Japan
131.20 39.35 7p,Helvetica-Oblique,#7F9FB8 0 CM (East Sea)
LABELS
# rivers, set along the border on the North Korean side
gmt text -F+f+a+j <<'RIVERS'
125.30 40.34 6.5p,Helvetica-Oblique,#3F7AA6 33 CM Yalu River
128.78 41.90 6.5p,Helvetica-Oblique,#3F7AA6 6 CM Tumen River
RIVERS

# cities
gmt plot cities.txt -Sc3.2p -G#333333 -W0.5p,white
gmt text -F+f7p,Helvetica,#222222+j -Dj4p/2p <<'NAMES'
125.738 39.019 ML Pyongyang
126.978 37.567 ML Seoul
123.448 41.796 ML Shenyang
125.326 43.897 ML Changchun
124.383 40.117 MR Dandong
129.500 42.900 MR Yanji
129.850 42.967 BL Tumen
NAMES

gmt basemap -Lg124.0/36.75+c41.5+w200k+lkm+f
gmt end

cp map.png "$OUT"
echo "border-map.sh: wrote $OUT" >&2
