package dev.keyroute.wgcore.device;

import dev.keyroute.wgcore.crypto.TransportCrypto;
import dev.keyroute.wgcore.message.TransportHeader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Per-thread scratch for sending: a cipher instance, a padding buffer and direct output buffers,
 * so encrypting and sending a packet allocates nothing. Each thread that sends (TUN reader,
 * handshake worker, timer loop) gets its own.
 *
 * <p>Batching (TUN reader only, between {@link #beginBatch()} and {@link #flush}): sealed packets
 * to one destination collect in up to {@link #MAX_BATCH} output buffers and leave in one
 * {@code sendmmsg(2)}; a packet for another destination, a full batch or the end of the burst
 * flushes. Outside a batch each packet is sent at once.
 */
final class SendContext {
    static final int BUFFER_SIZE = 65536 + 64;
    static final int MAX_BATCH = 64;
    /** Outputs of a batch hold one MTU-sized datagram; larger packets go out unbatched. */
    static final int BATCH_SLOT = 4096 + 64;
    private static final ThreadLocal<SendContext> LOCAL = ThreadLocal.withInitial(SendContext::new);

    final TransportCrypto crypto = new TransportCrypto();
    final TransportHeader header = new TransportHeader();
    final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    final ByteBuffer plain = ByteBuffer.allocateDirect(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);

    private ByteBuffer[] slots;
    private boolean batching;
    private int count;
    private Device batchDevice;
    private InetSocketAddress batchTo;

    static SendContext get() {
        return LOCAL.get();
    }

    /** Starts collecting: later {@link #output} buffers are queued until {@link #flush}. */
    void beginBatch() {
        if (slots == null) {
            slots = new ByteBuffer[MAX_BATCH];
            for (int i = 0; i < MAX_BATCH; i++) {
                slots[i] = ByteBuffer.allocateDirect(BATCH_SLOT).order(ByteOrder.LITTLE_ENDIAN);
            }
        }
        batching = true;
    }

    /**
     * The buffer to seal a datagram of at most {@code length} bytes into, for {@code to} on
     * {@code device}'s bind. In a batch this may first flush the queued datagrams.
     */
    ByteBuffer output(Device device, InetSocketAddress to, int length) {
        if (!batching) {
            return out;
        }
        if (length > BATCH_SLOT) {
            flushQueued(); // keep the order
            return out;
        }
        if (count > 0 && (count == MAX_BATCH || device != batchDevice || !to.equals(batchTo))) {
            flushQueued();
        }
        batchDevice = device;
        batchTo = to;
        return slots[count];
    }

    /**
     * Sends {@code datagram} (sealed into the buffer {@link #output} gave) now, or queues it when
     * it is a batch slot.
     */
    void send(Device device, ByteBuffer datagram, InetSocketAddress to) throws IOException {
        if (datagram != out) {
            count++;
            return;
        }
        device.bind().send(datagram, to);
    }

    /** Sends what is queued and leaves batch mode. */
    void flush() {
        flushQueued();
        batching = false;
    }

    private void flushQueued() {
        int n = count;
        if (n == 0) {
            return;
        }
        count = 0;
        Device d = batchDevice;
        try {
            d.bind().send(slots, n, batchTo); // a full socket buffer drops; the bind counts those
        } catch (IOException e) {
            for (int i = 0; i < n; i++) {
                d.counters().drop(DropReason.SEND_FAILED);
            }
        }
    }
}
