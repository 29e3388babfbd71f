package dev.keyroute.wgcore.bind;

import dev.keyroute.wgcore.sys.Posix;
import dev.keyroute.wgcore.sys.SockaddrIn6;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One sending thread's native scratch memory: the encoded destination (re-encoded only when the
 * destination changes), a bounce buffer for heap packets, a {@code sendmsg} header and the
 * {@code sendmmsg} vectors.
 *
 * <pre>
 * struct mmsghdr (64 bytes; a msghdr is its first 56)               struct iovec (16 bytes)
 *   0 msg_name     (void *)                   0 iov_base (void *)
 *   8 msg_namelen  (socklen_t) + pad          8 iov_len  (size_t)
 *  16 msg_iov      (struct iovec *)
 *  24 msg_iovlen   (size_t)
 *  32 msg_control  (void *)
 *  40 msg_controllen (size_t)
 *  48 msg_flags    (int) + pad
 *  56 msg_len      (unsigned int) + pad
 * </pre>
 */
final class SendScratch {
    static final int MAX_BATCH = 64;
    static final int MMSGHDR_SIZE = 64;
    static final int IOVEC_SIZE = 16;
    private static final int MSG_NAME = 0;
    private static final int MSG_NAMELEN = 8;
    private static final int MSG_IOV = 16;
    private static final int MSG_IOVLEN = 24;
    private static final int MSG_CONTROL = 32;
    private static final int MSG_CONTROLLEN = 40;
    private static final int MSG_FLAGS = 48;
    static final int MSG_LEN = 56;
    private static final int IOV_BASE = 0;
    private static final int IOV_LEN = 8;
    private static final int MAX_PACKET = 65535;

    private final ByteBuffer sockaddrBuf = ByteBuffer.allocateDirect(SockaddrIn6.SIZE);
    private final SockaddrIn6 sockaddr = new SockaddrIn6(sockaddrBuf, 0);
    private final long sockaddrAddress = Posix.address(sockaddrBuf);
    /** One msghdr (at 0) pointing at the sockaddr and at one iovec (at MMSGHDR_SIZE) for sendmsg. */
    private final ByteBuffer single = ByteBuffer.allocateDirect(MMSGHDR_SIZE + IOVEC_SIZE).order(ByteOrder.nativeOrder());
    private final long singleAddress = Posix.address(single);
    private InetSocketAddress encoded;

    SendScratch() {
        single.putLong(MSG_NAME, sockaddrAddress);
        single.putLong(MSG_NAMELEN, SockaddrIn6.SIZE);
        single.putLong(MSG_IOV, singleAddress + MMSGHDR_SIZE);
        single.putLong(MSG_IOVLEN, 1);
    }

    /**
     * The msghdr for sending {@code packet}'s remaining bytes (direct) to the destination last
     * passed to {@link #sockaddr}.
     */
    long singleMessage(ByteBuffer packet) {
        single.putLong(MMSGHDR_SIZE + IOV_BASE, Posix.address(packet));
        single.putLong(MMSGHDR_SIZE + IOV_LEN, packet.remaining());
        return singleAddress;
    }
    private ByteBuffer bounce;
    private ByteBuffer vectors;
    private long vectorsAddress;

    /** Address of {@code to} as a sockaddr_in6. */
    long sockaddr(InetSocketAddress to) {
        if (to != encoded && !to.equals(encoded)) {
            sockaddr.set(to);
            encoded = to;
        }
        return sockaddrAddress;
    }

    /** A direct copy of {@code heap}'s remaining bytes (valid until the next call). */
    ByteBuffer bounce(ByteBuffer heap) {
        if (bounce == null) {
            bounce = ByteBuffer.allocateDirect(MAX_PACKET);
        }
        return bounce.clear().put(heap.duplicate()).flip();
    }

    /** Fills {@code n} mmsghdr entries for {@code packets[from..from+n)} to the current sockaddr. */
    long fillBatch(ByteBuffer[] packets, int from, int n) {
        if (vectors == null) {
            vectors = ByteBuffer.allocateDirect(MAX_BATCH * (MMSGHDR_SIZE + IOVEC_SIZE)).order(ByteOrder.nativeOrder());
            vectorsAddress = Posix.address(vectors);
        }
        long iovBase = vectorsAddress + (long) MAX_BATCH * MMSGHDR_SIZE;
        for (int i = 0; i < n; i++) {
            ByteBuffer p = packets[from + i];
            if (!p.isDirect()) {
                throw new IllegalArgumentException("batched send needs direct buffers");
            }
            int h = i * MMSGHDR_SIZE;
            int v = MAX_BATCH * MMSGHDR_SIZE + i * IOVEC_SIZE;
            vectors.putLong(v + IOV_BASE, Posix.address(p));
            vectors.putLong(v + IOV_LEN, p.remaining());
            vectors.putLong(h + MSG_NAME, sockaddrAddress);
            vectors.putLong(h + MSG_NAMELEN, SockaddrIn6.SIZE);
            vectors.putLong(h + MSG_IOV, iovBase + (long) i * IOVEC_SIZE);
            vectors.putLong(h + MSG_IOVLEN, 1);
            vectors.putLong(h + MSG_CONTROL, 0);
            vectors.putLong(h + MSG_CONTROLLEN, 0);
            vectors.putLong(h + MSG_FLAGS, 0);
            vectors.putLong(h + MSG_LEN, 0);
        }
        return vectorsAddress;
    }
}
