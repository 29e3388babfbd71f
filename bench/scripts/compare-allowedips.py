#!/usr/bin/env python3
"""Compares the kernel routes of a keyroute interface with its route-derived AllowedIPs.

usage: compare-allowedips.py PEERS.tsv KERNEL.txt WG.txt

PEERS.tsv: `index base64-key hex-key LL(P) tunnel-address` (RouteWorkload).
KERNEL.txt: `ip route show dev IF` and `ip -6 route show dev IF` output; lines with a `via` next hop
count, the next hop (LL(P) or a tunnel address) is mapped to its peer.
WG.txt: `wg show IF allowed-ips` (`key<TAB>prefix prefix …`); the peers' static tunnel /32s are
removed. Prints sizes, missing (in the kernel, not in AllowedIPs), extra, wrong peer, and EQUAL or
DIFFERENT.
"""
import ipaddress
import sys


def main():
    peers, kernel, wg = sys.argv[1:4]
    by_hop, statics = {}, set()
    for line in open(peers):
        _, b64, _, ll, tunnel = line.split()
        by_hop[ll] = b64
        by_hop[tunnel] = b64
        statics.add((ipaddress.ip_network(tunnel + '/32'), b64))
    want = {}
    unknown = 0
    for line in open(kernel):
        f = line.split()
        if 'via' not in f:
            continue
        i = f.index('via') + 1
        if f[i] == 'inet6':
            i += 1
        hop = f[i]
        net = ipaddress.ip_network(f[0] if '/' in f[0] else f[0] + ('/128' if ':' in f[0] else '/32'))
        if hop not in by_hop:
            unknown += 1
            continue
        want[net] = by_hop[hop]
    have = {}
    for line in open(wg):
        f = line.split()
        if len(f) < 2 or f[1] == '(none)':
            continue
        for p in f[1:]:
            net = ipaddress.ip_network(p)
            if (net, f[0]) in statics:
                continue
            have[net] = f[0]
    missing = sum(1 for n in want if n not in have)
    extra = sum(1 for n in have if n not in want)
    wrong = sum(1 for n, k in want.items() if n in have and have[n] != k)
    verdict = 'EQUAL' if not (missing or extra or wrong) else 'DIFFERENT'
    print('kernel=%d allowedips(route)=%d missing=%d extra=%d wrong_peer=%d unknown_nexthop=%d %s'
          % (len(want), len(have), missing, extra, wrong, unknown, verdict))


if __name__ == '__main__':
    main()
