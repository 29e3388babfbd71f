#!/usr/bin/env bash
# Side by side: N allowed IPs on ONE peer through the cross-platform UAPI, wireguard-go vs keyrouted,
# in the same run on the same machine.
#
# For each engine and each N (a fresh engine process in a fresh network namespace per cell, so RSS
# is the cost of N and nothing before it):
#   set-N     one `set=1` request: public_key, replace_allowed_ips=true, N allowed_ip lines (the
#             first N IPv4 prefixes of SyntheticTable, DEFAULT_SEED) — what a routing daemon must do
#             with the `wg` tool, which can only replace a peer's list wholesale;
#   +1 incr   one request with one more allowed_ip and no replace_allowed_ips (adds incrementally in
#             both engines);
#   +1 whole  the wholesale way to add that prefix: replace with the N+1 list;
#   get       `get=1` (what `wg show` does), and the allowed_ip count it returns (checked = N+1);
#   RSS       ps RSS of the engine after all of the above, and peak (VmHWM);
#   idle      RSS again after --settle S more seconds without requests (what an idle engine keeps).
# Times are from connect() to the engine's errno=0 reply (bench/scripts/uapi-request.py), median of
# --reps repetitions for the +1 requests (the set-N request runs once per process).
#
# Builds nothing: run `./mvnw -q -o -pl bench -am package -DskipTests` first.
#
# Usage: sudo bench/scripts/uapi-scale.sh [--sizes "10000 100000 1000000"] [--engines "wg kr"] [--reps 5]
#             [--settle 75]
set -uo pipefail

SIZES="10000 100000 1000000"
ENGINES="wg kr"
REPS=5
SETTLE=75
usage() { sed -n '2,/^set /{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while [[ $# -gt 0 ]]; do
	case "$1" in
		--sizes) SIZES="$2"; shift 2 ;;
		--engines) ENGINES="$2"; shift 2 ;;
		--reps) REPS="$2"; shift 2 ;;
		--settle) SETTLE="$2"; shift 2 ;;
		-h|--help) usage 0 ;;
		*) echo "unknown argument: $1" >&2; usage 2 ;;
	esac
done
[[ $(id -u) -eq 0 ]] || { echo "uapi-scale.sh: needs root" >&2; exit 1; }

REPO=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$REPO/bench/scripts"
[[ -z ${JAVA_HOME:-} && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]] && export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
BENCH_JAR="$REPO/bench/target/benchmarks.jar"
[[ -f $BENCH_JAR ]] || { echo "uapi-scale.sh: $BENCH_JAR missing; build first" >&2; exit 1; }
STAMP=$(date +%Y%m%d-%H%M%S)
mkdir -p "$REPO/bench/results"
OUT="$REPO/bench/results/uapi-scale-$STAMP.txt"
WORK=$(mktemp -d /tmp/kr-uapi.XXXXXX)
rand() { tr -dc 'a-z0-9' </dev/urandom | head -c "$1"; }
say() { echo "$*" | tee -a "$OUT"; }

NS="" PID=""
cleanup() {
	if [[ -n $PID ]]; then
		kill "$PID" 2>/dev/null
		for _ in $(seq 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$PID" 2>/dev/null
	fi
	[[ -n $NS ]] && ip netns del "$NS" 2>/dev/null
	NS="" PID=""
}
trap 'cleanup; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

max=0
for n in $SIZES; do ((n > max)) && max=$n; done
"$JAVA" -cp "$BENCH_JAR" dev.keyroute.bench.e2e.RouteWorkload "$WORK/w" --v4 $((max + 1)) --v6 0 --peers 2 >/dev/null || exit 1
PRIV=$(wg genkey)
PEER_HEX=$(cut -f3 "$WORK/w/peers.tsv" | head -n1)
PRIV_HEX=$(echo "$PRIV" | base64 -d | od -An -tx1 -v | tr -d ' \n')

body_set() { # N FILE: replace with the first N prefixes
	{ printf 'set=1\npublic_key=%s\nreplace_allowed_ips=true\n' "$PEER_HEX"
	  head -n "$1" "$WORK/w/prefixes.txt" | sed 's/^/allowed_ip=/'
	  printf '\n'; } >"$2"
}
body_add() { # N FILE: the (N+1)th prefix alone, incremental
	printf 'set=1\npublic_key=%s\nallowed_ip=%s\n\n' "$PEER_HEX" "$(sed -n "$(($1 + 1))p" "$WORK/w/prefixes.txt")" >"$2"
}
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

start_engine() { # ENGINE IF
	local engine="$1" if="$2" sock="/var/run/wireguard/$2.sock"
	NS="kr$(rand 8)"
	ip netns add "$NS" && ip -n "$NS" link set lo up
	case $engine in
		wg) ip netns exec "$NS" env WG_PROCESS_FOREGROUND=1 wireguard-go "$if" >"$WORK/$if.log" 2>&1 & ;;
		kr) ip netns exec "$NS" env WG_PROCESS_FOREGROUND=1 "$REPO/bin/keyrouted" "$if" --metrics-address off \
			>"$WORK/$if.log" 2>&1 & ;;
	esac
	PID=$!
	for _ in $(seq 600); do [[ -S $sock ]] && break; sleep 0.1; done
	[[ -S $sock ]] || { say "$engine did not start"; tail "$WORK/$if.log" | tee -a "$OUT"; return 1; }
	printf 'set=1\nprivate_key=%s\npublic_key=%s\n\n' "$PRIV_HEX" "$PEER_HEX" >"$WORK/init"
	python3 "$HERE/uapi-request.py" "$sock" set "$WORK/init" >/dev/null
}

say "uapi-scale $STAMP on $(uname -r), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), commit $(git -C "$REPO" rev-parse --short HEAD), $(wireguard-go --version | head -n1)"
say "engine N set-N(s) +1-incr(ms) +1-whole(s) get(s) get-count RSS(MB) peak(MB) idle(MB)"
for n in $SIZES; do
	body_set "$n" "$WORK/set"
	body_set $((n + 1)) "$WORK/set1"
	body_add "$n" "$WORK/add"
	for engine in $ENGINES; do
		if="kru$(rand 6)"
		sock="/var/run/wireguard/$if.sock"
		start_engine "$engine" "$if" || { cleanup; continue; }
		read -r t_set e_set < <(python3 "$HERE/uapi-request.py" "$sock" set "$WORK/set")
		incr=() whole=()
		for _ in $(seq "$REPS"); do
			# back to N (wholesale), then +1 incrementally
			python3 "$HERE/uapi-request.py" "$sock" set "$WORK/set" >/dev/null
			read -r t e < <(python3 "$HERE/uapi-request.py" "$sock" set "$WORK/add"); incr+=("$t")
			[[ $e == 0 ]] || say "$engine +1 incr errno=$e"
			read -r t e < <(python3 "$HERE/uapi-request.py" "$sock" set "$WORK/set1"); whole+=("$t")
			[[ $e == 0 ]] || say "$engine +1 whole errno=$e"
		done
		read -r t_get count < <(python3 "$HERE/uapi-request.py" "$sock" get)
		rss=$(ps -o rss= -p "$PID" | tr -d ' ')
		hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$PID/status")
		sleep "$SETTLE"
		idle=$(ps -o rss= -p "$PID" | tr -d ' ')
		t_incr=$(printf '%s\n' "${incr[@]}" | median)
		t_whole=$(printf '%s\n' "${whole[@]}" | median)
		say "$(printf '%s %d %.3f %.3f %.3f %.3f %d %.0f %.0f %.0f' "$engine" "$n" "$t_set" \
			"$(awk -v t="$t_incr" 'BEGIN { print t * 1000 }')" "$t_whole" "$t_get" "$count" \
			"$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$(awk -v k="$hwm" 'BEGIN { print k / 1024 }')" \
			"$(awk -v k="$idle" 'BEGIN { print k / 1024 }')")$([[ $e_set == 0 ]] || echo " set errno=$e_set")"
		cleanup
	done
done
say "results in $OUT"
