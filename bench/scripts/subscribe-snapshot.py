#!/usr/bin/env python3
"""Subscribes on a keyrouted control socket, reads the snapshot and times it.

usage: subscribe-snapshot.py SOCKET

Prints `seconds_to_first_line seconds_to_end entries peers` once the `end seq=N entries=E peers=C`
line arrives, then closes the connection (which ends the subscription). The entry lines are
counted and checked against the end line's count.
"""
import socket
import sys
import time


def main(path):
    t0 = time.perf_counter()
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    s.sendall(b'subscribe\n')
    first = None
    entries = 0
    buf = b''
    while True:
        b = s.recv(1 << 20)
        if not b:
            sys.exit('connection closed before the end of the snapshot')
        if first is None:
            first = time.perf_counter() - t0
        buf += b
        lines = buf.split(b'\n')
        buf = lines.pop()
        for line in lines:
            if line.startswith(b'entry '):
                entries += 1
            elif line.startswith(b'end '):
                t = time.perf_counter() - t0
                s.close()
                fields = dict(f.split(b'=', 1) for f in line.split()[1:])
                if int(fields[b'entries']) != entries:
                    sys.exit('end line says %s entries, read %d' % (fields[b'entries'].decode(), entries))
                print('%.3f %.3f %d %s' % (first, t, entries, fields[b'peers'].decode()))
                return


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
