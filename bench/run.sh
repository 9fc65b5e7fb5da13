#!/usr/bin/env bash
# bench/run.sh: W2, many requests in one session. N requests alternating
# GET /get?i=K and POST /post of a small JSON, on one kept-alive
# connection to a loopback go-httpbin, by httpsh (one script file, bodies
# printed to /dev/null) and by curl (one config file with --next, bodies
# to /dev/null). Runs are paired and alternated; medians are reported,
# with the rate ratio httpsh/curl (above 1: httpsh is faster).
#
#   bench/run.sh [RUNS] [N...]        default: 5 runs of 1000 and 10000
#   HTTPSH=/path/to/httpsh bench/run.sh   to time another build
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
tmp=$(mktemp -d)
trap 'kill "$srv" 2>/dev/null; rm -rf "$tmp"' EXIT
if [ -z "${HTTPSH:-}" ]; then
	go build -o "$tmp/httpsh" . && HTTPSH=$tmp/httpsh
fi
go build -o "$tmp/httpbin" testdata/bench/httpbin.go
"$tmp/httpbin" >"$tmp/url" &
srv=$!
for _ in $(seq 50); do [ -s "$tmp/url" ] && break; sleep 0.1; done
url=$(cat "$tmp/url")
export HOME=$tmp XDG_STATE_HOME=$tmp/state NO_COLOR=1

secs() { # secs CMD...: wall seconds of CMD, output discarded
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >/dev/null 2>&1
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc -l
}
median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }

echo "# W2 against $url, $runs paired runs each; machine: $(nproc) CPUs, $(uptime | sed 's/.*load/load/')"
for n in "${sizes[@]}"; do
	script=$tmp/w2-$n.hsh conf=$tmp/w2-$n.curl
	: >"$script"
	: >"$conf"
	for ((i = 0; i < n; i++)); do
		if ((i % 2 == 0)); then
			echo "get $url/get?i=$i --show body" >>"$script"
			printf 'url = "%s/get?i=%d"\noutput = "/dev/null"\n' "$url" "$i" >>"$conf"
		else
			echo "post $url/post --json '{\"i\": $i, \"name\": \"ada\"}' --show body" >>"$script"
			printf 'url = "%s/post"\noutput = "/dev/null"\nheader = "Content-Type: application/json"\ndata = "{\\"i\\": %d, \\"name\\": \\"ada\\"}"\n' "$url" "$i" >>"$conf"
		fi
		((i == n - 1)) || echo "next" >>"$conf"
	done
	"$HTTPSH" "$script" >/dev/null || { echo "httpsh failed on $script" >&2; exit 1; }
	h=() c=()
	for ((r = 0; r < runs; r++)); do
		h+=("$(secs "$HTTPSH" "$script")")
		c+=("$(secs curl -s -K "$conf")")
	done
	hm=$(printf '%s\n' "${h[@]}" | median) cm=$(printf '%s\n' "${c[@]}" | median)
	echo "N=$n httpsh median ${hm}s [${h[*]}]  curl median ${cm}s [${c[*]}]  rate ratio httpsh/curl $(echo "$cm / $hm" | bc -l | cut -c1-4)"
done
