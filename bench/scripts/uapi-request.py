#!/usr/bin/env python3
"""Sends one WireGuard cross-platform UAPI request and times it.

usage: uapi-request.py SOCKET set FILE     FILE holds the body ("set=1\\n…\\n\\n")
       uapi-request.py SOCKET get          counts allowed_ip lines of the reply

Prints `seconds errno` for set, `seconds allowed_ips` for get. The time runs from connect() to the
end of the reply (the engine has applied the request when it answers errno=0).
"""
import socket
import sys
import time


def request(path, body):
    t0 = time.perf_counter()
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    s.sendall(body)
    chunks = []
    tail = b''
    while True:
        b = s.recv(1 << 20)
        if not b:
            break
        chunks.append(b)
        tail = (tail + b)[-64:]
        if b'errno=' in tail and tail.endswith(b'\n\n'):
            break
    s.close()
    return time.perf_counter() - t0, b''.join(chunks)


def main():
    path, op = sys.argv[1], sys.argv[2]
    if op == 'set':
        body = open(sys.argv[3], 'rb').read()
        secs, reply = request(path, body)
        errno = reply.decode().strip().split('errno=')[-1]
        print('%.4f %s' % (secs, errno))
    else:
        secs, reply = request(path, b'get=1\n\n')
        print('%.4f %d' % (secs, reply.count(b'\nallowed_ip=')))


if __name__ == '__main__':
    main()
