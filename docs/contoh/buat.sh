#!/usr/bin/env bash
# Regenerates the reference outputs in docs/contoh/ from the packs' example dossiers:
# the empty fact-entry workbook, and for each example the printable report (HTML), its screenshot
# (headless Chromium), the working paper (XLSX) and the draft findings (DOCX).
set -euo pipefail
cd "$(dirname "$0")/../.."
A=${ATURAN:-.venv/bin/aturan}
OUT=docs/contoh
BROWSER=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
"$A" dosir template --pack oku_selatan -o "$OUT/isian_oku_selatan.xlsx" --force >/dev/null
# the regulation texts as literate views (aturan teks html); the printed reports link each Pasal into them
for pack in oku_selatan sorong sijunjung tual; do
  "$A" teks html "$pack" -o "$OUT/perbup_$pack.html" --force >/dev/null
done
for ex in oku_selatan/patuh oku_selatan/melanggar sorong/melanggar sijunjung/melanggar tual/melanggar; do
  pack=${ex%%/*}; name=${ex/\//_}; src="rules/$pack/contoh/${ex#*/}.yaml"
  for fmt in html xlsx docx; do
    link=(); [ "$fmt" = html ] && link=(--teks-html "perbup_{pack}.html")
    rc=0; "$A" check "$src" --format "$fmt" "${link[@]}" -o "$OUT/$name.$fmt" --force || rc=$?
    [ "$rc" -le 1 ] || { echo "aturan check $src exited $rc" >&2; exit 1; }
  done
  profile=$(mktemp -d)
  "$BROWSER" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile" \
    --window-size=1000,1300 --screenshot="$OUT/$name.png" "file://$PWD/$OUT/$name.html" 2>/dev/null
  rm -rf "$profile"
done
echo "ditulis ke $OUT/"
