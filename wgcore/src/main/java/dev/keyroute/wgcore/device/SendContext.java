package dev.keyroute.wgcore.device;

import dev.keyroute.wgcore.crypto.TransportCrypto;
import dev.keyroute.wgcore.message.TransportHeader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Per-thread scratch for sending: a cipher instance and a direct output buffer, so encrypting and
 * sending a packet allocates nothing. Each thread that sends (TUN reader, handshake worker, timer
 * loop) gets its own.
 */
final class SendContext {
    static final int BUFFER_SIZE = 65536 + 64;
    private static final ThreadLocal<SendContext> LOCAL = ThreadLocal.withInitial(SendContext::new);

    final TransportCrypto crypto = new TransportCrypto();
    final TransportHeader header = new TransportHeader();
    final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    final ByteBuffer plain = ByteBuffer.allocateDirect(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);

    static SendContext get() {
        return LOCAL.get();
    }
}
