#!/usr/bin/env bash
# bench/suite.sh: a --test suite of FILES script files of REQS requests
# each (GET /get?i=K with expect status 200) against a loopback
# go-httpbin, run by one httpsh process with --jobs 1 and --jobs 4, and by
# `xargs -P 4` of one httpsh process per file (the baseline). Medians of
# RUNS runs (and --jobs 4 with GOMAXPROCS=1, the binary's default
# outside --test); also with the server delaying each answer by DELAY (ms, via
# go-httpbin's /delay-like ?sleep), since real servers are not instant.
#
#   bench/suite.sh [RUNS] [FILES] [REQS]     default: 5 100 20
#   HTTPSH=/path/to/httpsh bench/suite.sh    to time another build
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5} files=${2:-100} reqs=${3:-20}
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

secs() { # secs CMD...: wall seconds of CMD, output discarded; fails if CMD does
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc -l
}
median() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'; }

# suite DIR PATH: FILES files of REQS requests to PATH, each checked.
suite() {
	mkdir -p "$1"
	for ((f = 0; f < files; f++)); do
		for ((i = 0; i < reqs; i++)); do
			printf 'get %s%s?i=%d --show status\nexpect status 200\n' "$url" "$2" "$i"
		done >"$1/f$f.hsh"
	done
}
suite "$tmp/fast" /get
suite "$tmp/slow" /delay/0.002 # 2 ms a response
echo "# $files files x $reqs requests against $url, $runs runs each; machine: $(nproc) CPUs, $(uptime | sed 's/.*load/load/')"
for kind in fast slow; do
	j1=() j4=() p1=() xa=()
	for ((r = 0; r < runs; r++)); do
		j1+=("$(secs "$HTTPSH" --test --jobs 1 "$tmp/$kind")")
		j4+=("$(secs "$HTTPSH" --test --jobs 4 "$tmp/$kind")")
		p1+=("$(GOMAXPROCS=1 secs "$HTTPSH" --test --jobs 4 "$tmp/$kind")")
		xa+=("$(secs sh -c "ls $tmp/$kind/*.hsh | xargs -P 4 -n 1 $HTTPSH")")
	done
	m1=$(printf '%s\n' "${j1[@]}" | median) m4=$(printf '%s\n' "${j4[@]}" | median) mx=$(printf '%s\n' "${xa[@]}" | median)
	mp=$(printf '%s\n' "${p1[@]}" | median)
	echo "$kind: --jobs 1 ${m1}s [${j1[*]}]  --jobs 4 ${m4}s [${j4[*]}]  --jobs 4 GOMAXPROCS=1 ${mp}s  xargs -P 4 ${mx}s [${xa[*]}]"
	echo "$kind: --jobs 4 is $(echo "$m1 / $m4" | bc -l | cut -c1-4)x --jobs 1, $(echo "$mx / $m4" | bc -l | cut -c1-4)x xargs -P 4"
done
