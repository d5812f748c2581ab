#!/usr/bin/env bash
# scan_tour_qr.sh LOTSEN SOURCE_DIR WORK_DIR — renders the headless tour of the demo catalogue at
# 800×480 (the smallest kiosk) in a left-to-right, a right-to-left and an Ethiopic language, and reads
# the "take it with you" QR code of every detail picture (also the high-contrast one) with zbarimg
# (Debian's zbar-tools): each must decode to a whole calendar event with its place, its reminder and
# CRLF line ends. The "way" pictures (the detail scrolled to the way there) must also hold the
# directions code: a geo: URI (RFC 5870, the shipped config's [kiosk] directions) of a place of the
# catalogue. Exit 77 (skipped) when zbarimg is not installed.
set -euo pipefail
lotsen=$1
source_dir=$2
work=$3

if ! command -v zbarimg > /dev/null 2>&1; then
  echo "SKIPPED: zbarimg is not installed (Debian package zbar-tools; \`make test\` installs it)"
  exit 77
fi

rm -rf "$work"
mkdir -p "$work"
"$lotsen" --headless --tour "$work/tour" --config "$source_dir/config/lotsen.toml" --data-dir "$work/data" \
  --catalogue "$source_dir/assets/demo/catalogue.json" --lang sv --lang ar --lang ti --size 800x480 > /dev/null

failed=0
count=0
for png in "$work"/tour/detail-*-800x480*.png; do
  count=$((count + 1))
  # -Sbinary: the bytes as encoded (UTF-8), without zbar's guessing of a character set.
  if ! zbarimg --raw -q -Sbinary "$png" > "$work/decoded" 2> /dev/null; then
    echo "FAIL: zbarimg found no QR code in $png"
    failed=1
    continue
  fi
  for expected in $'BEGIN:VCALENDAR\r' $'BEGIN:VEVENT\r' 'LOCATION:' $'BEGIN:VALARM\r' $'TRIGGER:-PT1H\r' $'END:VCALENDAR\r'; do
    if ! grep -qF -- "$expected" "$work/decoded"; then
      echo "FAIL: the code in $png has no line ${expected%$'\r'} (with CRLF where shown):"
      cat "$work/decoded"
      failed=1
    fi
  done
  if [[ "$png" == *-way.png ]]; then
    # As text (not -Sbinary): each symbol then ends with a newline, so the link stands on a line of its own.
    geo=$(zbarimg --raw -q "$png" 2> /dev/null | grep -aE '^geo:-?[0-9]+\.[0-9]{6},-?[0-9]+\.[0-9]{6}$' || true)
    if [ -z "$geo" ]; then
      echo "FAIL: no directions code (geo:LAT,LON) in $png"
      failed=1
    elif ! python3 - "$source_dir/assets/demo/catalogue.json" "$geo" <<'PY'
import json, sys
catalogue = json.load(open(sys.argv[1], encoding="utf-8"))
places = {"geo:%.6f,%.6f" % (a["place"]["lat"], a["place"]["lon"]) for a in catalogue["activities"] if "lat" in a["place"]}
sys.exit(0 if sys.argv[2] in places else 1)
PY
    then
      echo "FAIL: $png: the directions code $geo is no place of the catalogue"
      failed=1
    fi
  fi
  echo "ok: $(basename "$png"): $(wc -c < "$work/decoded") bytes"
done
if [ "$count" -lt 9 ]; then
  echo "FAIL: expected detail pictures in sv, ar and ti (plain, high contrast and the way there), found $count"
  exit 1
fi
exit $failed
