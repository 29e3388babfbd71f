package dev.keyroute.wgcore.device;

import java.nio.ByteBuffer;

/**
 * Link-local multicast on a multi-peer interface. WireGuard maps a destination to at most one peer,
 * so a neighbour-discovery protocol (Babel's hellos to {@code ff02::1:6}, OSPFv3, MLD) would reach
 * one peer or none. With {@link Device.Multicast#FANOUT} an IPv6 packet from the TUN device to a
 * link-local-scope group is instead encrypted once per peer: peers with a session get it at once,
 * peers without one stage it and start a handshake (exactly as for unicast data), peers without an
 * endpoint are skipped and counted. The cost is one encryption and one datagram per peer.
 *
 * <p>Inbound, a link-local multicast packet from peer P is accepted only if its source is an address
 * P owns in the AllowedIPs table ({@code LL(P)}, implicitly, or a prefix routed to P), even with
 * {@code source-check = off}: a neighbour must not speak for another one. Refusals are counted as
 * {@link DropReason#MULTICAST_SOURCE_NOT_ALLOWED} and per peer.
 *
 * <p>With {@link Device.Multicast#OFF} the engine behaves as WireGuard: multicast destinations go
 * through the AllowedIPs lookup like any other, and inbound multicast gets the ordinary source check.
 */
final class MulticastFanout {
    private final Device device;

    MulticastFanout(Device device) {
        this.device = device;
    }

    /**
     * Outbound hook (TUN reader): if fan-out is on and {@code packet} (IPv6, position..limit) goes
     * to a link-local group, sends one copy to every peer and returns true; otherwise returns false
     * and leaves the packet untouched.
     */
    boolean fanOut(ByteBuffer packet, int off) {
        if (device.multicast() != Device.Multicast.FANOUT
                || !LinkScope.isLinkLocalMulticast(packet, IpPacket.dstOffset(off, 6))) {
            return false;
        }
        int limit = packet.limit();
        for (Peer peer : device.peerArray()) {
            if (peer.endpoint() == null) {
                peer.multicast().countSkippedNoEndpoint();
                continue;
            }
            packet.limit(limit).position(off);
            peer.send(packet);
            peer.multicast().countSent();
        }
        packet.limit(limit).position(off);
        return true;
    }

    /** Whether inbound packet handling must use {@link #acceptInbound} (IPv6 to a link-local group, fan-out on). */
    boolean isInboundMulticast(ByteBuffer b, int off, int version) {
        return version == 6 && device.multicast() == Device.Multicast.FANOUT
                && LinkScope.isLinkLocalMulticast(b, IpPacket.dstOffset(off, 6));
    }

    /** Inbound hook (receive thread): may {@code peer} send link-local multicast from this source? Counts either way. */
    boolean acceptInbound(Peer peer, ByteBuffer b, int off) {
        Target owner = device.allowedIps().lookup(b, IpPacket.srcOffset(off, 6), true);
        if (owner == null || !owner.accepts(peer)) {
            device.counters().drop(DropReason.MULTICAST_SOURCE_NOT_ALLOWED);
            peer.multicast().countRefused();
            return false;
        }
        peer.multicast().countReceived();
        return true;
    }
}
