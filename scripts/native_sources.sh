# Sourced by scripts/test_kernels.sh and scripts/fuzz.sh (after setting $root): reads the native
# source manifest, native/sources.json, through scripts/native_manifest.js as binding.gyp does.
# manifest <array> <reader args...>: sets the array to the reader's words, e.g.
#   manifest portable sources portable; manifest flags flags avx2 --gcc
manifest() {
  local name=$1 words
  shift
  words=$(node "$root/scripts/native_manifest.js" "$@")
  read -ra "$name" <<<"$words"
}
