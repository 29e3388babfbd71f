#!/usr/bin/env bash
# End to end: the kernel installs N routes at full speed through peers of a keyrouted interface;
# measures how fast keyrouted's route-derived AllowedIPs follow, and whether they end up equal to
# the kernel table.
#
# Per size N (in one fresh network namespace, one keyrouted, K peers with static tunnel addresses
# 10.0.x.y/32):
#   1. `ip -force -batch add.batch` installs N routes (SyntheticTable, IPv4 via inet6 LL(P) or via the
#      peer's tunnel address, IPv6 via LL(P)); time of the batch = kernel install time;
#   2. a poller (bash builtins only, every 20 ms) reads keyrouted's --route-status file; reported:
#      time from the start of the batch until the route layer holds as many prefixes as the kernel
#      table, overruns and resyncs during the phase (default netlink buffer unless --rcvbuf);
#   3. the kernel table (`ip route show dev IF`, via → peer) is compared with `wg show IF
#      allowed-ips` minus the static entries: equal / missing / extra / wrong peer;
#   4. event-to-trie latency p50/p99/max of the phase from the Prometheus histogram
#      keyroute_route_apply_latency_seconds (bucket differences between two scrapes; the quantile is
#      the upper bound of the bucket it falls in; also how many events took over ~1 ms and ~10 ms),
#      keyrouted RSS (ps) and peak RSS (VmHWM);
#   5. keyrouted's RSS after --settle S seconds without changes (what an idle daemon keeps);
#   6. the same for `ip -force -batch del.batch` (delete all) until the route layer is empty;
#   with --readers, the two readers of the whole table: a control-socket subscription's snapshot
#   (time to the first line and to its end line) and a UAPI get (what `wg show` sends; time and
#   allowed_ip count), each once while idle after step 3 and once during the delete batch (2 s and
#   5 s into it: both hold the table's lock while they collect it; does the follower keep up?),
#   and, while idle, how long `keyroute monitor` takes from its start to its snapshot's end line;
#   with --monitor, `keyroute monitor` subscribed before the delete batch (it has printed the full
#   table's snapshot when the batch starts) until 2 s after the route layer is empty: snapshots,
#   overrun markers (each one makes it subscribe again) and delta lines it printed; --monitor-at S
#   starts it S seconds into the batch instead (its snapshot then streams while deletes go on);
#   with --ping, the data plane meanwhile: one more peer, wireguard-go in a second namespace behind
#   a veth pair, pinged through the tunnel every 10 ms during each batch (loss and max RTT show
#   what GC pauses and the load cost the traffic of a peer whose route does not change).
#
# Builds nothing: run `./mvnw -q -o -pl bench -am package -DskipTests` first (needs
# bench/target/benchmarks.jar and daemon/target/keyroute-daemon.jar).
#
# Usage: sudo bench/scripts/route-scale.sh [--sizes "100000 1000000"] [--v6 N] [--peers K]
#             [--nexthop ll|addr] [--rcvbuf BYTES] [--timeout S] [--settle S] [--readers] [--monitor] [--monitor-at S] [--ping] [--keep]
set -uo pipefail

SIZES="100000 1000000"
V6=0
PEERS=1000
NEXTHOP=ll
RCVBUF=""
TIMEOUT=600
SETTLE=75
KEEP=0
READERS=0
PING=0
MONITOR=0
MONITOR_AT=""

usage() { sed -n '2,/^set /{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while [[ $# -gt 0 ]]; do
	case "$1" in
		--sizes) SIZES="$2"; shift 2 ;;
		--v6) V6="$2"; shift 2 ;;
		--peers) PEERS="$2"; shift 2 ;;
		--settle) SETTLE="$2"; shift 2 ;;
		--nexthop) NEXTHOP="$2"; shift 2 ;;
		--rcvbuf) RCVBUF="$2"; shift 2 ;;
		--timeout) TIMEOUT="$2"; shift 2 ;;
		--keep) KEEP=1; shift ;;
		--readers) READERS=1; shift ;;
		--ping) PING=1; shift ;;
		--monitor) MONITOR=1; shift ;;
		--monitor-at) MONITOR=1; MONITOR_AT="$2"; shift 2 ;;
		-h|--help) usage 0 ;;
		*) echo "unknown argument: $1" >&2; usage 2 ;;
	esac
done
[[ $(id -u) -eq 0 ]] || { echo "route-scale.sh: needs root" >&2; exit 1; }

REPO=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$REPO/bench/scripts"
[[ -z ${JAVA_HOME:-} && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]] && export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
BENCH_JAR="$REPO/bench/target/benchmarks.jar"
[[ -f $BENCH_JAR ]] || { echo "route-scale.sh: $BENCH_JAR missing; build first" >&2; exit 1; }
STAMP=$(date +%Y%m%d-%H%M%S)
RESULTS="$REPO/bench/results"
mkdir -p "$RESULTS"
OUT="$RESULTS/route-scale-$STAMP.txt"
WORK=$(mktemp -d /tmp/kr-scale.XXXXXX)
rand() { tr -dc 'a-z0-9' </dev/urandom | head -c "$1"; }

NS="" PID="" POLLER="" NS2="" WGGO="" PINGPUB=""
cleanup() {
	[[ -n $POLLER ]] && kill "$POLLER" 2>/dev/null
	[[ -n $WGGO ]] && kill "$WGGO" 2>/dev/null
	[[ -n $NS2 ]] && ip netns del "$NS2" 2>/dev/null
	NS2="" WGGO=""
	if [[ -n $PID ]]; then
		kill "$PID" 2>/dev/null
		for _ in $(seq 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$PID" 2>/dev/null
	fi
	[[ -n $NS ]] && ip netns del "$NS" 2>/dev/null
	NS="" PID="" POLLER=""
}
trap 'cleanup; [[ $KEEP = 1 ]] || rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

say() { echo "$*" | tee -a "$OUT"; }
now() { echo "$EPOCHREALTIME"; }
# await_line FILE PATTERN TRIES: waits (0.05 s per try) until a line of FILE matches PATTERN
await_line() {
	for _ in $(seq "$3"); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.05; done
	return 1
}
status_of() { awk -v k="$2" '$1 == k { print $2 }' "$1" 2>/dev/null; }
metrics() { ip netns exec "$NS" curl -s --max-time 20 "http://127.0.0.1:9586/metrics"; }
rss_kb() { ps -o rss= -p "$PID" | tr -d ' '; }
hwm_kb() { awk '/^VmHWM/ { print $2 }' "/proc/$PID/status"; }

# poll STATUS_FILE LOG: appends "epoch prefixes routes overruns resyncs" every 20 ms (no forks)
poll() {
	local file="$1" log="$2" k v p r o s
	while :; do
		p="" r="" o="" s=""
		if [[ -f $file ]]; then
			while read -r k v; do
				case $k in prefixes) p=$v ;; routes) r=$v ;; overruns) o=$v ;; resyncs) s=$v ;; esac
			done <"$file"
		fi
		echo "$EPOCHREALTIME $p $r $o $s" >>"$log"
		sleep 0.02
	done
}

# wait_prefixes TARGET T0 LOG: waits until the status file shows TARGET prefixes; prints seconds from T0
wait_prefixes() {
	local target="$1" t0="$2" log="$3" deadline=$((SECONDS + TIMEOUT)) line
	while ((SECONDS < deadline)); do
		line=$(awk -v t="$target" '$2 == t { print $1; exit }' "$log")
		if [[ -n $line ]]; then
			# the last sample must also show it (not a transient pass through the value)
			if [[ $(tail -n1 "$log" | awk '{ print $2 }') == "$target" ]]; then
				line=$(awk -v t="$target" -v t0="$t0" '$1 >= t0 && $2 == t { print $1; exit }' "$log")
				awk -v a="$t0" -v b="$line" 'BEGIN { printf "%.2f", b - a }'
				return 0
			fi
		fi
		sleep 0.2
	done
	echo "TIMEOUT"
	return 1
}

run_size() {
	local n="$1" v4="$1" if="krs$(rand 6)" dir="$WORK/$1"
	NS="kr$(rand 8)"
	say ""
	say "=== N = $n IPv4 + $V6 IPv6 routes, $PEERS peers, next hop $NEXTHOP, interface $if, netns $NS ==="
	"$JAVA" -cp "$BENCH_JAR" dev.keyroute.bench.e2e.RouteWorkload "$dir" --v4 "$v4" --v6 "$V6" \
		--peers "$PEERS" --dev "$if" --nexthop "$NEXTHOP" || { say "workload generation FAILED"; return 1; }
	local total=$((v4 + V6))
	ip netns add "$NS" || return 1
	ip -n "$NS" link set lo up
	ip netns exec "$NS" sysctl -qw net.ipv6.route.max_size=2147483647 2>/dev/null
	local extra=()
	[[ -n $RCVBUF ]] && extra=(--netlink-rcvbuf "$RCVBUF")
	local control="$dir/control.sock"
	KEYROUTE_JAVA_OPTS="${KEYROUTE_JAVA_OPTS:-}" ip netns exec "$NS" env WG_PROCESS_FOREGROUND=1 \
		"$REPO/bin/keyrouted" "$if" --config "$dir/keyrouted.conf" --metrics-address 127.0.0.1:9586 \
		--route-status "$dir/status" --control-socket "$control" "${extra[@]}" >"$dir/keyrouted.log" 2>&1 &
	PID=$!
	for _ in $(seq 600); do [[ -S /var/run/wireguard/$if.sock ]] && break; sleep 0.1; done
	[[ -S /var/run/wireguard/$if.sock ]] || { say "keyrouted did not start"; tail "$dir/keyrouted.log" | tee -a "$OUT"; return 1; }
	ip -n "$NS" addr add 10.0.0.1/16 dev "$if"
	ip -n "$NS" link set "$if" up
	for _ in $(seq 100); do ip -n "$NS" -6 addr show dev "$if" | grep -q 'inet6 fe80' && break; sleep 0.1; done
	local peers
	peers=$(ip netns exec "$NS" wg show "$if" peers | wc -l)
	say "keyrouted pid $PID up: $peers peers, RSS $(rss_kb) kB"
	[[ $PING = 1 ]] && { ping_peer "$if" "$dir" || return 1; }
	sleep 1
	local statics
	statics=$(ip netns exec "$NS" wg show "$if" allowed-ips | awk '{ c += NF - 1 } END { print c + 0 }')

	rm -f "$dir/poll.log"
	poll "$dir/status" "$dir/poll.log" &
	POLLER=$!

	# ---- add -------------------------------------------------------------------------------------
	metrics >"$dir/m0.txt"
	local t0 t1 t_batch kernel conv pinger=""
	[[ $PING = 1 ]] && pinger=$(ping_start "$dir/ping-add.txt")
	t0=$(now)
	ip -n "$NS" -force -batch "$dir/add.batch" 2>"$dir/add.err"
	t1=$(now)
	[[ -n $pinger ]] && ping_stop "$pinger" "$dir/ping-add.txt" add
	t_batch=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
	kernel=$( (ip -n "$NS" -4 route show dev "$if"; ip -n "$NS" -6 route show dev "$if") | grep -c ' via ')
	say "add: ip -batch done in ${t_batch} s ($(awk -v n="$total" -v t="$t_batch" 'BEGIN { printf "%.0f", n / t }') routes/s); kernel holds $kernel routes via peers ($(grep -c . "$dir/add.err") batch errors)"
	conv=$(wait_prefixes "$kernel" "$t0" "$dir/poll.log")
	metrics >"$dir/m1.txt"
	say "add: route layer = kernel ($kernel prefixes) after ${conv} s from batch start; RSS $(rss_kb) kB, peak $(hwm_kb) kB"
	say "add: $(status_line "$dir/status")"
	say "add: latency $(python3 "$HERE/histogram-quantiles.py" "$dir/m0.txt" "$dir/m1.txt" keyroute_route_apply_latency_seconds)"
	say "add: entries gauge $(grep -E '^keyroute_allowed_ips_entries' "$dir/m1.txt" | awk '{ print $2 }') (static $statics)"
	local t2 t3
	t2=$(now)
	(ip -n "$NS" -4 route show dev "$if"; ip -n "$NS" -6 route show dev "$if") >"$dir/kernel.txt"
	ip netns exec "$NS" wg show "$if" allowed-ips | { [[ -n $PINGPUB ]] && grep -v "^$PINGPUB" || cat; } >"$dir/wg.txt"
	t3=$(now)
	say "add: compare (dump took $(awk -v a="$t2" -v b="$t3" 'BEGIN { printf "%.1f", b - a }') s): $(python3 "$HERE/compare-allowedips.py" "$dir/peers.tsv" "$dir/kernel.txt" "$dir/wg.txt")"
	if [[ $READERS = 1 ]]; then
		say "add: subscription snapshot (first line s, end s, entries, peers): $(python3 "$HERE/subscribe-snapshot.py" "$control" 2>&1)"
		say "add: UAPI get (s, allowed_ips): $(python3 "$HERE/uapi-request.py" "/var/run/wireguard/$if.sock" get 2>&1)"
		local m0 mp
		m0=$(now)
		"$REPO/bin/keyroute" monitor "$if" --socket "$control" >"$dir/monitor-idle.txt" 2>&1 &
		mp=$!
		await_line "$dir/monitor-idle.txt" '^end ' 1200
		say "add: keyroute monitor, start to its snapshot's end line: $(awk -v a="$m0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }') s ($(grep -c '^entry ' "$dir/monitor-idle.txt") entries)"
		kill "$mp" 2>/dev/null
		wait "$mp" 2>/dev/null
	fi
	settle add

	# ---- delete all ------------------------------------------------------------------------------
	local sub="" get=""
	if [[ $READERS = 1 ]]; then
		(sleep 2; python3 "$HERE/subscribe-snapshot.py" "$control" >"$dir/sub-del.txt" 2>&1) &
		sub=$!
		(sleep 5; python3 "$HERE/uapi-request.py" "/var/run/wireguard/$if.sock" get >"$dir/get-del.txt" 2>&1) &
		get=$!
	fi
	[[ $PING = 1 ]] && pinger=$(ping_start "$dir/ping-del.txt")
	local mon=""
	if [[ $MONITOR = 1 && -z $MONITOR_AT ]]; then
		"$REPO/bin/keyroute" monitor "$if" --socket "$control" >"$dir/monitor.txt" 2>&1 &
		mon=$!
		await_line "$dir/monitor.txt" '^end ' 1200 # snapshot printed
	elif [[ $MONITOR = 1 ]]; then
		(sleep "$MONITOR_AT"; exec "$REPO/bin/keyroute" monitor "$if" --socket "$control" >"$dir/monitor.txt" 2>&1) &
		mon=$!
	fi
	t0=$(now)
	ip -n "$NS" -force -batch "$dir/del.batch" 2>"$dir/del.err"
	t1=$(now)
	[[ -n $pinger ]] && ping_stop "$pinger" "$dir/ping-del.txt" del
	t_batch=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
	say "del: ip -batch done in ${t_batch} s; kernel holds $( (ip -n "$NS" -4 route show dev "$if"; ip -n "$NS" -6 route show dev "$if") | grep -c ' via ') routes via peers"
	conv=$(wait_prefixes 0 "$t0" "$dir/poll.log")
	metrics >"$dir/m2.txt"
	say "del: route layer empty after ${conv} s from batch start; RSS $(rss_kb) kB, peak $(hwm_kb) kB"
	if [[ -n $mon ]]; then
		sleep 2
		kill "$mon" 2>/dev/null
		wait "$mon" 2>/dev/null
		say "del: keyroute monitor from ${MONITOR_AT:-before} ${MONITOR_AT:+s into }the batch: $(awk '
			$1 == "snapshot" { snaps++ } $1 == "end" { last = $0 } $1 == "overrun" { over++ }
			$1 != "snapshot" && $1 != "end" && $(NF - 1) == "seq" { deltas++; if ($1 == "del") dels++ }
			END { printf "%d snapshots, %d overrun markers, %d deltas (%d del); last snapshot: %s", snaps, over, deltas, dels, last }' "$dir/monitor.txt")"
	fi
	if [[ -n $sub ]]; then
		wait "$sub" "$get"
		say "del: subscription snapshot 2 s into the batch (first line s, end s, entries, peers): $(cat "$dir/sub-del.txt")"
		say "del: UAPI get 5 s into the batch (s, allowed_ips): $(cat "$dir/get-del.txt")"
	fi
	say "del: $(status_line "$dir/status")"
	say "del: latency $(python3 "$HERE/histogram-quantiles.py" "$dir/m1.txt" "$dir/m2.txt" keyroute_route_apply_latency_seconds)"
	say "del: wg show allowed-ips entries left $(ip netns exec "$NS" wg show "$if" allowed-ips | awk '{ c += NF - 1 } END { print c + 0 }') (static $statics)"
	settle del
	grep -E 'resync|overrun' "$dir/keyrouted.log" | tail -n 5 | sed 's/^/log: /' | tee -a "$OUT"
	cleanup
}

# ping_peer IF DIR: wireguard-go in namespace NS2 (veth 192.168.255.2, tunnel 10.0.200.1/32) as one
# more peer of keyrouted's IF (endpoint 192.168.255.1), which pings it through the tunnel.
ping_peer() {
	local if="$1" dir="$2" key pub krpub krport
	NS2="kr$(rand 8)"
	ip netns add "$NS2" && ip -n "$NS2" link set lo up || return 1
	ip -n "$NS" link add krv0 type veth peer name krv1 netns "$NS2" || return 1
	ip -n "$NS" addr add 192.168.255.1/30 dev krv0 && ip -n "$NS" link set krv0 up
	ip -n "$NS2" addr add 192.168.255.2/30 dev krv1 && ip -n "$NS2" link set krv1 up
	ip netns exec "$NS2" env WG_PROCESS_FOREGROUND=1 wireguard-go krp >"$dir/wggo.log" 2>&1 &
	WGGO=$!
	for _ in $(seq 100); do [[ -S /var/run/wireguard/krp.sock ]] && break; sleep 0.1; done
	key=$(wg genkey); pub=$(echo "$key" | wg pubkey); PINGPUB=$pub
	krpub=$(ip netns exec "$NS" wg show "$if" public-key)
	krport=$(ip netns exec "$NS" wg show "$if" listen-port)
	ip netns exec "$NS2" wg set krp private-key <(echo "$key") listen-port 51999 \
		peer "$krpub" endpoint "192.168.255.1:$krport" allowed-ips 10.0.0.0/16 || return 1
	ip -n "$NS2" addr add 10.0.200.1/32 dev krp && ip -n "$NS2" link set krp up
	ip -n "$NS2" route add 10.0.0.0/16 dev krp
	ip netns exec "$NS" wg set "$if" peer "$pub" endpoint 192.168.255.2:51999 allowed-ips 10.0.200.1/32 || return 1
	ip netns exec "$NS" ping -c 3 -W 2 10.0.200.1 >/dev/null || { say "ping peer unreachable"; return 1; }
	say "ping peer: wireguard-go in $NS2, 10.0.200.1 through $if answers"
}

# ping_start LOG / ping_stop PID LOG PHASE: ping the ping peer every 10 ms; summary line on stop
ping_start() {
	ip netns exec "$NS" ping -i 0.01 -W 1 10.0.200.1 >"$1" 2>&1 &
	echo $!
}
ping_stop() {
	kill -INT "$1" 2>/dev/null
	# not our child (started in a command substitution): wait for its summary line
	await_line "$2" 'packets transmitted' 50
	# lost = sequence numbers without a reply, leaving out the last 5 (still in flight at the stop)
	local sent
	sent=$(awk '/packets transmitted/ { print $1 }' "$2")
	say "$3: ping every 10 ms through the tunnel: $(awk -v n="${sent:-0}" -F'[ =]' '
		/icmp_seq=/ { for (i = 1; i <= NF; i++) { if ($i == "icmp_seq") s = $(i + 1); if ($i == "time") t = $(i + 1) }
			got[s] = 1; if (t > max) max = t; c++; sum += t }
		END { lost = 0; for (i = 1; i <= n - 5; i++) if (!(i in got)) lost++
			printf "%d sent, %d lost (of the first %d), rtt avg %.2f ms, max %.1f ms", n, lost, n - 5, c ? sum / c : 0, max }' "$2")"
}

# RSS after SETTLE seconds without route changes: what the collector gives back once idle.
settle() {
	[[ "$SETTLE" -gt 0 ]] || return 0
	sleep "$SETTLE"
	say "$1: RSS after ${SETTLE} s idle $(rss_kb) kB"
}

status_line() {
	local f="$1" k
	for k in route_events overruns resyncs resync_failures last_resync_micros inserts removals pending; do
		printf '%s=%s ' "$k" "$(status_of "$f" "$k")"
	done
}

say "route-scale $STAMP on $(uname -r), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), commit $(git -C "$REPO" rev-parse --short HEAD)"
for n in $SIZES; do
	run_size "$n"
	cleanup
done
say ""
say "results in $OUT"
