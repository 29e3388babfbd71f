package dev.keyroute.wgcore.bind;

import dev.keyroute.wgcore.sys.SockaddrIn6;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Endpoint address normalisation for the dual-stack socket. */
final class Endpoints {
    private Endpoints() {}

    /** {@code [::ffff:a.b.c.d]:p} becomes {@code a.b.c.d:p}; anything else is returned as is. */
    static InetSocketAddress normalise(InetSocketAddress a) {
        if (!(a.getAddress() instanceof Inet6Address v6)) {
            return a;
        }
        byte[] raw = v6.getAddress();
        if (!SockaddrIn6.isV4Mapped(raw)) {
            return a;
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(raw, 12, 16)), a.getPort());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
