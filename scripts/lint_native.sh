#!/usr/bin/env bash
# Lints native/: every .cc and .h is clang-format clean (.clang-format, checked with Debian's
# clang-format 14: other versions may break lines differently). File sizes are checked by
# scripts/check_sizes.js. Fix the formatting with:
#   clang-format -i $(git ls-files 'native/*.cc' 'native/*.h')
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

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
[ "$status" -eq 0 ] && echo "lint_native: ${#files[@]} files clang-format clean"
exit "$status"
