#!/usr/bin/env bash
# ThreadSanitizer over the addon's threads: builds the addon with -fsanitize=thread (build-tsan/)
# and runs the thread, worker, async and lifetime suites against it (workers dying with async
# ops in flight, the pool resized and stopped, transfers), plus a short worker churn. Node is not
# instrumented, so libtsan is preloaded and scripts/tsan.supp silences races TSan reports between
# Node's own threads (it cannot see their atomics). V8's collector reports more of those than a
# list can name, so reports go to log files, one per process (jest, tsc and the children the tests
# spawn), and the run fails on any report with a frame in the addon: a race of ours, or ours
# against Node's (a buffer freed under a job), always has one.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
npx cmake-js compile --out build-tsan --CDTG_SANITIZE_THREAD=ON --CDTG_PORTABLE_GLIBC=OFF >/dev/null
addon="$root/build-tsan/Release/tensorgrad.node"
[ -f "$addon" ] || addon=$(ls "$root"/build-tsan/*/tensorgrad.node | head -1)
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
status=0
tsan=(env LD_PRELOAD="$(gcc -print-file-name=libtsan.so)" TENSORGRAD_ADDON="$addon"
  TSAN_OPTIONS="suppressions=$root/scripts/tsan.supp report_signal_unsafe=0 halt_on_error=0 exitcode=0 log_path=$logs/tsan")
# jest directly: npx itself does not survive the preloaded runtime. At TSan's 5-15x slowdown a
# latency bound means nothing and the churn tests outrun their timeouts: those are left out of
# jest, and the churn runs after it with fewer cycles.
"${tsan[@]}" node node_modules/.bin/jest --runInBand --forceExit -t '^(?!.*(event loop stays responsive|workers that))' "$@" \
  __tests__/native/threads.test.ts __tests__/server || status=1
"${tsan[@]}" node bench/worker_churn.js 10 terminate shared || status=1
"${tsan[@]}" node bench/worker_churn.js 10 exit shared || status=1
"${tsan[@]}" node bench/worker_churn.js 5 terminate workers-only || status=1
all=0
ours=0
if compgen -G "$logs/tsan*" >/dev/null; then
  # One report per block between the ===== lines; ours name the addon's binary in a frame.
  all=$(cat "$logs"/tsan* | grep -c '^WARNING: ThreadSanitizer' || true)
  ours=$(awk '/^==================$/ { if (r ~ /tensorgrad\.node/) { print r; n++ } r = ""; next } { r = r $0 "\n" }
              END { if (r ~ /tensorgrad\.node/) { print r; n++ } exit n > 0 }' "$logs"/tsan* >"$logs/ours" && echo 0 || grep -c '^WARNING' "$logs/ours")
fi
echo "test_tsan: $ours of $all ThreadSanitizer report(s) have a frame in the addon (the others are between Node's own threads)"
if [ "$ours" != 0 ]; then
  cat "$logs/ours"
  exit 1
fi
exit "$status"
