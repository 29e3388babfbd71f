#!/usr/bin/env bash
# Side-by-side TCP throughput through WireGuard tunnels between two network namespaces:
#   kr-kr  keyrouted  <-> keyrouted
#   wg-wg  wireguard-go <-> wireguard-go   (the baseline, measured in the same run)
#   kr-wg  keyrouted (client side) <-> wireguard-go (server side)
# Each leg: two fresh namespaces joined by a veth pair, one engine per namespace, same MTU for all,
# a ping to complete the handshake, a warm-up run (lets the JIT compile keyrouted's hot paths),
# then iperf3 TCP for each stream count. Prints a table and the ratio kr-kr / wg-wg, and writes
# it to bench/results/throughput-<date>.txt (gitignored).
#
# Builds nothing: run `./mvnw -q -DskipTests package` first for the keyrouted legs. A leg that
# cannot run (e.g. keyrouted not built) is reported as FAILED with the reason; the others still run.
#
# CPU note: everything (both engines, both iperf3 ends, the kernel's veth and TUN work) shares the
# machine's CPUs (this VM: 2 cores), so numbers are comparable within one run, not across machines.
# --cpus LIST pins engines and iperf3 to those CPUs with taskset, e.g. --cpus 0-1.
#
# Usage: sudo bench/scripts/throughput.sh [--time S] [--warmup S] [--streams "1 4"]
#                                         [--legs "kr-kr wg-wg kr-wg"] [--mtu N] [--cpus LIST]
set -uo pipefail

TIME=10
WARMUP=3
STREAMS="1 4"
LEGS="kr-kr wg-wg kr-wg"
MTU=1420
CPUS=""
PORT=51820
UNDER_L=192.168.242.1
UNDER_R=192.168.242.2
TUN_L=10.242.0.1
TUN_R=10.242.0.2

usage() { sed -n '2,/^set /{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

while [[ $# -gt 0 ]]; do
	case "$1" in
		--time) TIME="$2"; shift 2 ;;
		--warmup) WARMUP="$2"; shift 2 ;;
		--streams) STREAMS="$2"; shift 2 ;;
		--legs) LEGS="$2"; shift 2 ;;
		--mtu) MTU="$2"; shift 2 ;;
		--cpus) CPUS="$2"; shift 2 ;;
		-h|--help) usage 0 ;;
		*) echo "unknown argument: $1" >&2; usage 2 ;;
	esac
done

[[ $(id -u) -eq 0 ]] || { echo "throughput.sh: needs root (network namespaces)" >&2; exit 1; }
for tool in ip wg wireguard-go iperf3 ping ss; do
	command -v "$tool" >/dev/null || { echo "throughput.sh: $tool not found" >&2; exit 1; }
done

REPO=$(cd "$(dirname "$0")/../.." && pwd)
KEYROUTED="$REPO/bin/keyrouted"
RESULTS_DIR="$REPO/bench/results"
STAMP=$(date +%Y%m%d-%H%M%S)
WORK=$(mktemp -d /tmp/kr-bench.XXXXXX)
chmod 700 "$WORK"
LOGDIR="$RESULTS_DIR/logs-$STAMP"
mkdir -p "$RESULTS_DIR" "$LOGDIR"
OUT="$RESULTS_DIR/throughput-$STAMP.txt"
if [[ -z ${JAVA_HOME:-} && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
	export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi

PIN=()
[[ -n $CPUS ]] && PIN=(taskset -c "$CPUS")

rand() { tr -dc 'a-z0-9' </dev/urandom | head -c "$1"; }

# --- state of the current leg, torn down by cleanup() -------------------------------------------
NS_L="" NS_R="" IF_L="" IF_R="" PIDS=()

cleanup() {
	local pid
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
	for pid in "${PIDS[@]}"; do
		for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$pid" 2>/dev/null
	done
	for ns in $NS_L $NS_R; do
		for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null; done
		ip netns del "$ns" 2>/dev/null
	done
	[[ -n $IF_L ]] && rm -f "/var/run/wireguard/$IF_L.sock"
	[[ -n $IF_R ]] && rm -f "/var/run/wireguard/$IF_R.sock"
	NS_L="" NS_R="" IF_L="" IF_R="" PIDS=()
}
trap 'cleanup; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

# wait_for SECONDS COMMAND...: polls every 0.1 s
wait_for() {
	local n=$(( $1 * 10 )); shift
	for _ in $(seq "$n"); do "$@" && return 0; sleep 0.1; done
	return 1
}

# wait_for_alive SECONDS PID COMMAND...: like wait_for, but gives up as soon as PID has exited
wait_for_alive() {
	local n=$(( $1 * 10 )) pid=$2; shift 2
	for _ in $(seq "$n"); do
		"$@" && return 0
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

link_up() { ip -n "$1" -o link show dev "$2" 2>/dev/null | grep -q '[<,]UP[,>]'; }

# write_conf FILE PRIVKEY SELF_TUN PEER_PUB PEER_UNDER PEER_TUN WITH_ADDRESS(0|1)
write_conf() {
	( umask 077
	  {
		echo "[Interface]"
		echo "PrivateKey = $2"
		echo "ListenPort = $PORT"
		if [[ $7 -eq 1 ]]; then echo "Address = $3/24"; echo "MTU = $MTU"; fi
		echo
		echo "[Peer]"
		echo "PublicKey = $4"
		echo "Endpoint = $5:$PORT"
		echo "AllowedIPs = $6/32"
	  } >"$1" )
}

# start_engine ENGINE NS IF PRIVKEY SELF_TUN PEER_PUB PEER_UNDER PEER_TUN -> 0 or 1 with REASON set
start_engine() {
	local engine=$1 ns=$2 ifn=$3 log="$LOGDIR/$1-$3.log" conf="$WORK/$3.conf" pid
	case "$engine" in
	wg)
		write_conf "$conf" "$4" "$5" "$6" "$7" "$8" 0
		WG_PROCESS_FOREGROUND=1 ip netns exec "$ns" "${PIN[@]}" wireguard-go -f "$ifn" >"$log" 2>&1 &
		pid=$!; PIDS+=("$pid")
		wait_for_alive 10 "$pid" test -S "/var/run/wireguard/$ifn.sock" || { REASON="wireguard-go did not create its socket (log $log)"; return 1; }
		ip netns exec "$ns" wg setconf "$ifn" "$conf" || { REASON="wg setconf failed"; return 1; }
		ip -n "$ns" addr add "$5/24" dev "$ifn"
		ip -n "$ns" link set dev "$ifn" mtu "$MTU" up
		;;
	kr)
		[[ -x $KEYROUTED ]] || { REASON="$KEYROUTED not found: run ./mvnw -q -DskipTests package first"; return 1; }
		write_conf "$conf" "$4" "$5" "$6" "$7" "$8" 1
		ip netns exec "$ns" "${PIN[@]}" "$KEYROUTED" -f "$ifn" --config "$conf" >"$log" 2>&1 </dev/null &
		pid=$!; PIDS+=("$pid")
		if ! wait_for_alive 30 "$pid" test -S "/var/run/wireguard/$ifn.sock" \
			|| ! wait_for_alive 10 "$pid" link_up "$ns" "$ifn"; then
			kill -0 "$pid" 2>/dev/null && REASON="keyrouted did not bring $ifn up" || REASON="keyrouted exited"
			REASON="$REASON (log $log: $(tail -n 3 "$log" | tr '\n' ' ' | cut -c1-300))"
			return 1
		fi
		;;
	esac
	return 0
}

# iperf_mbits NS_SERVER NS_CLIENT STREAMS SECONDS -> prints receiver Mbit/s, or returns 1
iperf_mbits() {
	local json srv
	ip netns exec "$1" "${PIN[@]}" iperf3 -s -1 -B "$TUN_R" >/dev/null 2>&1 &
	srv=$!
	wait_for 10 bash -c "[[ -n \$(ip netns exec $1 ss -H -l -t -n 'sport = :5201') ]]" || { kill "$srv" 2>/dev/null; return 1; }
	json=$(ip netns exec "$2" "${PIN[@]}" iperf3 -c "$TUN_R" -t "$4" -P "$3" -J 2>/dev/null)
	local rc=$?
	wait "$srv" 2>/dev/null
	[[ $rc -eq 0 ]] || return 1
	# receiver total: the bits_per_second line inside "sum_received" of the "end" section
	awk '/"sum_received"/ { f = 1 } f && /"bits_per_second"/ { gsub(/[^0-9.eE+-]/, "", $2); printf "%.1f\n", $2 / 1e6; exit }' FS=: <<<"$json"
}

declare -A RESULT

run_leg() {
	local leg=$1 left right kl kr_ pl pr s mb
	case "$leg" in
		kr-kr) left=kr; right=kr ;;
		wg-wg) left=wg; right=wg ;;
		kr-wg) left=kr; right=wg ;;
		*) echo "unknown leg $leg" >&2; return ;;
	esac
	echo "== $leg" >&2
	NS_L="kr$(rand 8)"; NS_R="kr$(rand 8)"; IF_L="kr$(rand 5)"; IF_R="kr$(rand 5)"
	REASON=""
	kl=$(wg genkey); kr_=$(wg genkey)
	pl=$(wg pubkey <<<"$kl"); pr=$(wg pubkey <<<"$kr_")
	if ! { ip netns add "$NS_L" && ip netns add "$NS_R" \
		&& ip -n "$NS_L" link set lo up && ip -n "$NS_R" link set lo up \
		&& ip -n "$NS_L" link add "v$NS_R" type veth peer name "v$NS_L" netns "$NS_R" \
		&& ip -n "$NS_L" addr add "$UNDER_L/24" dev "v$NS_R" && ip -n "$NS_R" addr add "$UNDER_R/24" dev "v$NS_L" \
		&& ip -n "$NS_L" link set "v$NS_R" up && ip -n "$NS_R" link set "v$NS_L" up; }; then
		REASON="namespace/veth setup failed"
	elif ! start_engine "$left" "$NS_L" "$IF_L" "$kl" "$TUN_L" "$pr" "$UNDER_R" "$TUN_R"; then
		:
	elif ! start_engine "$right" "$NS_R" "$IF_R" "$kr_" "$TUN_R" "$pl" "$UNDER_L" "$TUN_L"; then
		:
	elif ! ip netns exec "$NS_L" ping -n -q -c 3 -i 0.2 -w 10 "$TUN_R" >/dev/null; then
		REASON="no ping through the tunnel"
	else
		[[ $WARMUP -gt 0 ]] && iperf_mbits "$NS_R" "$NS_L" 1 "$WARMUP" >/dev/null
	fi
	for s in $STREAMS; do
		if [[ -n $REASON ]]; then
			RESULT[$leg,$s]="FAILED"
		elif mb=$(iperf_mbits "$NS_R" "$NS_L" "$s" "$TIME") && [[ -n $mb ]]; then
			RESULT[$leg,$s]=$mb
			echo "   $s stream(s): $mb Mbit/s" >&2
		else
			RESULT[$leg,$s]="FAILED"
			REASON="iperf3 failed with $s stream(s)"
		fi
	done
	[[ -n $REASON ]] && { RESULT[$leg,reason]=$REASON; echo "   FAILED: $REASON" >&2; }
	cleanup
}

for leg in $LEGS; do run_leg "$leg"; done

{
	echo "keyroute throughput, $(date -Is)"
	echo "host: $(uname -sr), $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))"
	echo "cpus: ${CPUS:-all (unpinned)}; both engines and both iperf3 ends share them"
	echo "engines: $(wireguard-go --version 2>/dev/null | head -1); keyrouted $( [[ -x $KEYROUTED ]] && git -C "$REPO" describe --always --dirty 2>/dev/null || echo 'not built')"
	echo "iperf3 TCP, ${TIME}s per run (after ${WARMUP}s warm-up), MTU $MTU, receiver Mbit/s; logs in $LOGDIR"
	echo
	printf '%-8s' "leg"; for s in $STREAMS; do printf '%14s' "$s stream(s)"; done; echo
	for leg in $LEGS; do
		printf '%-8s' "$leg"
		for s in $STREAMS; do printf '%14s' "${RESULT[$leg,$s]:-n/a}"; done
		echo
	done
	for s in $STREAMS; do
		k=${RESULT[kr-kr,$s]:-} w=${RESULT[wg-wg,$s]:-}
		if [[ $k =~ ^[0-9.]+$ && $w =~ ^[0-9.]+$ ]]; then
			echo "ratio keyroute/wireguard-go, $s stream(s): $(awk -v k="$k" -v w="$w" 'BEGIN { printf "%.2f", k / w }')"
		else
			echo "ratio keyroute/wireguard-go, $s stream(s): n/a (kr-kr=${k:-not run}, wg-wg=${w:-not run})"
		fi
	done
	for leg in $LEGS; do
		[[ -n ${RESULT[$leg,reason]:-} ]] && echo "$leg FAILED: ${RESULT[$leg,reason]}"
	done
} | tee "$OUT"
echo "written to $OUT" >&2
for leg in $LEGS; do [[ -z ${RESULT[$leg,reason]:-} ]] || exit 1; done
exit 0
