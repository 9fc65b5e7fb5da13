#!/usr/bin/env bash
# download.sh [SIZE] [RUNS]: time curl and `httpsh download` fetching SIZE
# bytes (default 1 GiB) from the loopback server in serve.go to a file,
# best of RUNS (default 3), with peak RSS from /usr/bin/time -v.
set -euo pipefail
cd "$(dirname "$0")/../.."
size=${1:-1073741824}
runs=${2:-3}
out=$(mktemp -d)
trap 'kill $server 2>/dev/null; rm -rf "$out"' EXIT
go build -o "$out/httpsh" .
go build -o "$out/serve" testdata/bench/serve.go
"$out/serve" >"$out/url" &
server=$!
for _ in $(seq 50); do [ -s "$out/url" ] && break; sleep 0.1; done
url="$(cat "$out/url")/$size"

measure() { # name command...
  local name=$1; shift
  local best=999999 rss=0
  for _ in $(seq "$runs"); do
    rm -f "$out/file"
    /usr/bin/time -v "$@" 2>"$out/time" >/dev/null
    local secs kb
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$out/time")
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time")
    [ "$(stat -c %s "$out/file")" = "$size" ] || { echo "$name: wrong size"; exit 1; }
    if awk "BEGIN{exit !($secs < $best)}"; then best=$secs; fi
    if [ "$kb" -gt "$rss" ]; then rss=$kb; fi
  done
  awk -v n="$name" -v s="$best" -v r="$rss" -v b="$size" \
    'BEGIN{printf "%-8s %6.2fs  %7.0f MiB/s  peak RSS %5.1f MiB\n", n, s, b/s/1048576, r/1024}'
}
measure curl curl -s -o "$out/file" "$url"
measure httpsh "$out/httpsh" -c "download $url $out/file --force"
