package dev.keyroute.wgcore.device;

import static dev.keyroute.wgcore.ProtocolConstants.MESSAGE_COOKIE_REPLY;
import static dev.keyroute.wgcore.ProtocolConstants.MESSAGE_INITIATION;
import static dev.keyroute.wgcore.ProtocolConstants.MESSAGE_RESPONSE;
import static dev.keyroute.wgcore.ProtocolConstants.MESSAGE_TRANSPORT;
import static dev.keyroute.wgcore.ProtocolConstants.REJECT_AFTER_TIME_NANOS;
import static dev.keyroute.wgcore.ProtocolConstants.TRANSPORT_HEADER_SIZE;
import static dev.keyroute.wgcore.ProtocolConstants.TRANSPORT_MIN_SIZE;

import dev.keyroute.wgcore.bind.Bind;
import dev.keyroute.wgcore.crypto.TransportCrypto;
import dev.keyroute.wgcore.message.TransportHeader;
import dev.keyroute.wgcore.noise.Keypair;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The inbound half of the data plane, run on the bind's receive thread: dispatches handshake
 * messages to the worker, and for transport data decrypts in place, checks the replay window and
 * the cryptokey reverse-path filter, and writes the inner packet to the TUN device.
 */
final class InboundPath implements Bind.Receiver {
    private final Device device;
    private final TransportCrypto crypto = new TransportCrypto();
    private final TransportHeader header = new TransportHeader(); // receive thread only

    InboundPath(Device device) {
        this.device = device;
    }

    @Override
    public void onDatagram(ByteBuffer packet, InetSocketAddress from) {
        ByteBuffer b = packet;
        int off = b.position();
        int len = b.remaining();
        if (len < 4 || (b.get(off + 1) | b.get(off + 2) | b.get(off + 3)) != 0) { // type u8, 3 reserved zero bytes
            device.counters().drop(DropReason.MALFORMED);
            return;
        }
        switch (b.get(off) & 0xff) {
            case MESSAGE_TRANSPORT -> transport(b, off, len, from);
            case MESSAGE_INITIATION, MESSAGE_RESPONSE, MESSAGE_COOKIE_REPLY -> device.handshakeWorker().submit(b, from);
            default -> device.counters().drop(DropReason.MALFORMED);
        }
    }

    private void transport(ByteBuffer b, int off, int len, InetSocketAddress from) {
        if (len < TRANSPORT_MIN_SIZE) {
            device.counters().drop(DropReason.MALFORMED);
            return;
        }
        TransportHeader h = header.wrap(b, off);
        IndexTable.Entry e = device.indexTable().lookup(h.receiver());
        if (e == null || e.keypair == null) {
            device.counters().drop(DropReason.UNKNOWN_INDEX);
            return;
        }
        Keypair kp = e.keypair;
        Peer peer = e.peer;
        long now = device.clock().nanoTime();
        if (!peer.keypairs.isLive(kp) || now - kp.createdNanos >= REJECT_AFTER_TIME_NANOS) {
            device.counters().drop(DropReason.EXPIRED_SESSION);
            return;
        }
        long counter = h.counter();
        ByteBuffer cipher = b.duplicate();
        cipher.position(off + TRANSPORT_HEADER_SIZE).limit(off + len);
        ByteBuffer plain = b.duplicate();
        plain.position(off + TRANSPORT_HEADER_SIZE).limit(off + len);
        int n = crypto.open(kp.recvKey, counter, cipher, plain);
        if (n < 0) {
            device.counters().drop(DropReason.DECRYPT_FAILED);
            return;
        }
        if (!kp.replay().accept(counter)) {
            device.counters().drop(DropReason.REPLAY);
            return;
        }
        peer.sessionConfirmed(kp);
        peer.received(len, from);
        peer.timers.anyAuthenticatedPacketReceived();
        peer.timers.anyAuthenticatedPacketTraversal();
        peer.maybeLastMinuteHandshake(kp, now);
        if (n == 0) {
            return; // keepalive
        }
        int p = off + TRANSPORT_HEADER_SIZE;
        int version = IpPacket.version(b, p, n);
        int ipLen = version == 0 ? -1 : IpPacket.declaredLength(b, p, n, version);
        if (ipLen < 0) {
            device.counters().drop(DropReason.MALFORMED);
            return;
        }
        if (device.multicastFanout().isInboundMulticast(b, p, version)) {
            if (!device.multicastFanout().acceptInbound(peer, b, p)) {
                return;
            }
        } else if (!device.sourceAllowed(peer, b, IpPacket.srcOffset(p, version), version == 6)) {
            device.counters().drop(DropReason.SOURCE_NOT_ALLOWED);
            return;
        }
        ByteBuffer inner = b.duplicate();
        inner.position(p).limit(p + ipLen);
        try {
            device.tun().write(inner);
        } catch (IOException ex) {
            device.counters().drop(DropReason.SEND_FAILED);
            return;
        }
        peer.timers.dataReceived();
    }
}
