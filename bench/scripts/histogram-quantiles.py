#!/usr/bin/env python3
"""Quantiles of a Prometheus histogram between two scrapes.

usage: histogram-quantiles.py BEFORE.txt AFTER.txt METRIC

Sums the cumulative `METRIC_bucket` series over all label sets per `le`, subtracts BEFORE from AFTER
and prints count, mean, p50, p90, p99 and p99.9 (each the upper bound of the bucket the quantile
falls in, i.e. "at most"), how many observations lay above the bucket bounds nearest under 1 ms and
10 ms (the stalls: one long stall is a single observation, so counts say more than the max), plus
the `METRIC_max` gauge of AFTER (a decaying window max in Micrometer). A missing BEFORE file counts as all zeros.
"""
import re
import sys

LINE = re.compile(r'^(\w+)(\{[^}]*\})?\s+(\S+)')
LE = re.compile(r'le="([^"]+)"')


def parse(path, metric):
    buckets, count, total, mx = {}, 0.0, 0.0, None
    try:
        text = open(path).read()
    except OSError:
        return buckets, count, total, mx
    for line in text.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        name, labels, value = m.group(1), m.group(2) or '', float(m.group(3))
        if name == metric + '_bucket':
            le = LE.search(labels).group(1)
            key = float('inf') if le == '+Inf' else float(le)
            buckets[key] = buckets.get(key, 0.0) + value
        elif name == metric + '_count':
            count += value
        elif name == metric + '_sum':
            total += value
        elif name == metric + '_max':
            mx = value if mx is None else max(mx, value)
    return buckets, count, total, mx


def fmt(seconds):
    if seconds == float('inf'):
        return '>max bucket'
    if seconds < 1e-3:
        return '%.0f µs' % (seconds * 1e6)
    if seconds < 1:
        return '%.2f ms' % (seconds * 1e3)
    return '%.2f s' % seconds


def main():
    before, after, metric = sys.argv[1], sys.argv[2], sys.argv[3]
    b0, c0, s0, _ = parse(before, metric)
    b1, c1, s1, mx = parse(after, metric)
    n = c1 - c0
    if n <= 0:
        print('no observations')
        return
    les = sorted(b1)
    diff = [(le, b1[le] - b0.get(le, 0.0)) for le in les]
    out = ['count=%d' % n, 'mean=%s' % fmt((s1 - s0) / n)]
    for q, label in ((0.5, 'p50'), (0.9, 'p90'), (0.99, 'p99'), (0.999, 'p99.9')):
        need = q * n
        for le, cum in diff:
            if cum >= need:
                out.append('%s<=%s' % (label, fmt(le)))
                break
    for limit in (1e-3, 1e-2):
        under = [(le, cum) for le, cum in diff if le <= limit]
        if under:
            out.append('over_%s=%d' % (fmt(under[-1][0]).replace(' ', ''), n - under[-1][1]))
    if mx is not None:
        out.append('max(window)=%s' % fmt(mx))
    print(' '.join(out))


if __name__ == '__main__':
    main()
