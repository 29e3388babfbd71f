package dev.keyroute.wgcore.device;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Plaintext packets waiting for a session (as wireguard-go's staged queue): bounded, oldest
 * dropped first.
 */
final class StagedPackets {
    static final int CAPACITY = 128;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();

    /** Copies the packet; returns false when an older packet had to be dropped. */
    synchronized boolean add(ByteBuffer packet) {
        byte[] copy = new byte[packet.remaining()];
        packet.duplicate().get(copy);
        boolean dropped = false;
        if (queue.size() >= CAPACITY) {
            queue.pollFirst();
            dropped = true;
        }
        queue.addLast(copy);
        return !dropped;
    }

    synchronized byte[] poll() {
        return queue.pollFirst();
    }

    synchronized int clear() {
        int n = queue.size();
        queue.clear();
        return n;
    }

    synchronized int size() {
        return queue.size();
    }
}
