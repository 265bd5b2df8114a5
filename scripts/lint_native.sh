#!/usr/bin/env bash
# Lints native/: every .cc and .h is clang-format clean (.clang-format, checked with Debian's
# clang-format 14: other versions may break lines differently) and no file is longer than 400
# lines, so files keep doing one thing. Fix the formatting with:
#   clang-format -i $(git ls-files 'native/*.cc' 'native/*.h')
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
max_lines=400

if ! command -v clang-format >/dev/null 2>&1; then
  echo "lint_native: clang-format not found; install it (Debian: apt-get install clang-format)" >&2
  exit 1
fi
case "$(clang-format --version)" in
  *"version 14."*) ;;
  *) echo "lint_native: warning: $(clang-format --version) is not version 14; its line breaks may differ" >&2 ;;
esac
mapfile -t files < <(find native \( -name '*.cc' -o -name '*.h' \) -not -path 'native/tests/fuzz_corpus/*' | sort)

status=0
if ! clang-format --dry-run --Werror "${files[@]}"; then
  echo "lint_native: the files above are not clang-format clean ($(clang-format --version))" >&2
  status=1
fi
for f in "${files[@]}"; do
  lines=$(wc -l <"$f")
  if [ "$lines" -gt "$max_lines" ]; then
    echo "lint_native: $f has $lines lines (at most $max_lines: split it)" >&2
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "lint_native: ${#files[@]} files clang-format clean, none over $max_lines lines"
exit "$status"
