#!/usr/bin/env bash
# bench/json.sh: a JSON body of 5 MB and of 50 MB pretty-printed and
# coloured, `httpsh --color always -c 'get URL --show body'` against
# `curl -s URL | jq -C .`, from a loopback server, output to /dev/null.
# Paired alternating runs; medians of wall time and of peak RSS (httpsh's
# own, from /usr/bin/time or GNU time's %M).
#
#   bench/json.sh [RUNS]          default 5
#   HTTPSH=/path/to/httpsh bench/json.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
tmp=$(mktemp -d)
trap 'kill "$srv" 2>/dev/null; rm -rf "$tmp"' EXIT
if [ -z "${HTTPSH:-}" ]; then
	go build -o "$tmp/httpsh" . && HTTPSH=$tmp/httpsh
fi
python3 - "$tmp" <<'PY'
import json, sys
for name, n in (("5mb", 5_000_000), ("50mb", 50_000_000)):
    items, size, i = [], 2, 0
    while size < n:
        it = {"id": i, "name": f"item {i} — ünïcödé", "price": i % 1000 + 0.25, "active": i % 2 == 0,
              "tags": ["a", 'b"c', "é"], "owner": None, "meta": {"created": "2024-01-02T03:04:05Z", "score": -1.5e-3}}
        s = json.dumps(it, separators=(",", ":"), ensure_ascii=False)
        items.append(s); size += len(s.encode()) + 1; i += 1
    open(f"{sys.argv[1]}/{name}.json", "w").write('{"items":[' + ",".join(items) + '],"total":1}')
PY
(cd "$tmp" && exec python3 -m http.server --bind 127.0.0.1 0 >"$tmp/log" 2>&1) &
srv=$!
for _ in $(seq 50); do grep -q 'port' "$tmp/log" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$tmp/log" | head -1)
export HOME=$tmp XDG_STATE_HOME=$tmp/state
med() { sort -g | awk '{a[NR]=$1} END {printf "%s", (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }
echo "# $(nproc) CPUs, $(uptime | sed 's/.*load/load/'); jq $(jq --version)"
for name in 5mb 50mb; do
	u=http://127.0.0.1:$port/$name.json
	ht=() hr=() jt=()
	for ((r = 0; r < runs; r++)); do
		/usr/bin/time -f '%e %M' -o "$tmp/t" "$HTTPSH" --color always -c "get $u --show body" >/dev/null
		read -r t m <"$tmp/t"
		ht+=("$t") hr+=("$m")
		/usr/bin/time -f '%e' -o "$tmp/t" sh -c "curl -s '$u' | jq -C . >/dev/null"
		jt+=("$(cat "$tmp/t")")
	done
	h=$(printf '%s\n' "${ht[@]}" | med) j=$(printf '%s\n' "${jt[@]}" | med) m=$(printf '%s\n' "${hr[@]}" | med)
	echo "$name ($(stat -c %s "$tmp/$name.json") B): httpsh median ${h}s [${ht[*]}], peak RSS $((m / 1024)) MiB; curl|jq -C median ${j}s [${jt[*]}]; ratio $(echo "$h / $j" | bc -l | cut -c1-5)"
done
