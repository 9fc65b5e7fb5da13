#!/usr/bin/env bash
# bench/keep.sh: a long session's memory. One script of 500 `get` of a
# 1 MiB body (from a loopback python3 http.server, statuses printed,
# bodies kept as usual) and `history` at the end; prints the peak RSS of
# httpsh (GNU time's %M) and its wall time. keep-limit (default 256MiB)
# bounds what stays in memory; an older build keeps all 500 MiB.
#
#   bench/keep.sh [N]                 default 500
#   HTTPSH=/path/to/httpsh bench/keep.sh
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-500}
tmp=$(mktemp -d)
trap 'kill "${srv:-}" 2>/dev/null; rm -rf "$tmp"' EXIT
if [ -z "${HTTPSH:-}" ]; then
	go build -o "$tmp/httpsh" . && HTTPSH=$tmp/httpsh
fi
mkdir "$tmp/www"
python3 -c "import sys; sys.stdout.write(\"0123456789abcdef\" * 65536)" >"$tmp/www/mib.txt"
(cd "$tmp/www" && exec python3 -m http.server --bind 127.0.0.1 0 >"$tmp/log" 2>&1) &
srv=$!
for _ in $(seq 50); do grep -q 'port' "$tmp/log" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$tmp/log" | head -1)
for ((i = 0; i < n; i++)); do echo "get http://127.0.0.1:$port/mib.txt --show status"; done >"$tmp/keep.hsh"
echo "history" >>"$tmp/keep.hsh"
export HOME=$tmp XDG_STATE_HOME=$tmp/state NO_COLOR=1 TMPDIR=$tmp
/usr/bin/time -f '%e %M' -o "$tmp/t" "$HTTPSH" "$tmp/keep.hsh" >"$tmp/out"
read -r t m <"$tmp/t"
echo "# $(nproc) CPUs, $(uptime | sed 's/.*load/load/')"
echo "$n x 1 MiB: peak RSS $((m / 1024)) MiB, ${t}s; $(tail -1 "$tmp/out")"
