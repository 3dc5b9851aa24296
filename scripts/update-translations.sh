#!/usr/bin/env bash
# Collect every translatable text of the window into the translation sources (digitpad/translations/*.ts, or the
# files given), keeping what is translated: new texts arrive "unfinished" for a translator (pyside6-linguist),
# texts no longer in the code are dropped. The sources: the GUI, and the engine modules that mark texts with
# QT_TRANSLATE_NOOP (digitpad/engine/spec/translatable.py).
set -euo pipefail
cd "$(dirname "$0")/.."
lupdate=${LUPDATE:-.venv/bin/pyside6-lupdate}
mapfile -t sources < <(find digitpad/gui -name '*.py' | sort
                       grep -rl --include='*.py' "QT_TRANSLATE_NOOP(" digitpad/engine | grep -v translatable.py | sort)
if [ $# -eq 0 ]; then set -- digitpad/translations/*.ts; fi
for ts in "$@"; do
  # English needs only its plural forms ("1 image", "12 images"): the code's texts are English already
  case "$ts" in *_en.ts) only=(-pluralonly) ;; *) only=() ;; esac
  "$lupdate" -silent -no-obsolete -locations none "${only[@]}" "${sources[@]}" -ts "$ts"
done
