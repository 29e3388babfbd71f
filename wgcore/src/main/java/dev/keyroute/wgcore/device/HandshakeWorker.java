package dev.keyroute.wgcore.device;

import static dev.keyroute.wgcore.ProtocolConstants.COOKIE_REPLY_SIZE;
import static dev.keyroute.wgcore.ProtocolConstants.INITIATION_SIZE;
import static dev.keyroute.wgcore.ProtocolConstants.MESSAGE_COOKIE_REPLY;
import static dev.keyroute.wgcore.ProtocolConstants.MESSAGE_INITIATION;
import static dev.keyroute.wgcore.ProtocolConstants.MESSAGE_RESPONSE;
import static dev.keyroute.wgcore.ProtocolConstants.RESPONSE_SIZE;

import dev.keyroute.wgcore.message.CookieReplyMessage;
import dev.keyroute.wgcore.message.ResponseMessage;
import dev.keyroute.wgcore.noise.Handshake;
import dev.keyroute.wgcore.noise.Keypair;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The single thread that owns handshake work: consuming initiations, responses and cookie replies,
 * and sending initiations. Public-key crypto stays off the data-plane threads; a full queue (a
 * flood) is answered with cookie replies instead of handshakes (mac2 required "under load").
 */
final class HandshakeWorker implements Runnable {
    static final int QUEUE_CAPACITY = 1024;
    static final int UNDER_LOAD_THRESHOLD = QUEUE_CAPACITY / 8;

    private record Job(byte[] message, InetSocketAddress from, Peer initiate, boolean retry) {
    }

    private final Device device;
    private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final ByteBuffer out = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
    private volatile boolean running = true;
    private final ResponseMessage responseView = new ResponseMessage(); // worker thread only
    private final CookieReplyMessage cookieView = new CookieReplyMessage();

    HandshakeWorker(Device device) {
        this.device = device;
    }

    /** Receive thread: queue a copy of a handshake message; false (counted) if the queue is full. */
    boolean submit(ByteBuffer message, InetSocketAddress from) {
        byte[] copy = new byte[message.remaining()];
        message.duplicate().get(copy);
        if (!queue.offer(new Job(copy, from, null, false))) {
            device.counters().drop(DropReason.QUEUE_FULL);
            return false;
        }
        return true;
    }

    boolean requestInitiation(Peer peer, boolean retry) {
        return queue.offer(new Job(null, null, peer, retry));
    }

    boolean underLoad() {
        return queue.size() >= UNDER_LOAD_THRESHOLD;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running) {
            try {
                Job job = queue.poll(100, TimeUnit.MILLISECONDS);
                if (job != null) {
                    process(job);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                device.counters().drop(DropReason.MALFORMED); // never let bad input kill the worker
            }
        }
    }

    /** Runs every queued job now, on the caller's thread (tests with an injected clock). */
    void drain() {
        Job job;
        while ((job = queue.poll()) != null) {
            process(job);
        }
    }

    private void process(Job job) {
        if (job.initiate != null) {
            job.initiate.sendInitiation(job.retry, out);
            return;
        }
        ByteBuffer msg = ByteBuffer.wrap(job.message);
        switch (msg.get(0) & 0xff) {
            case MESSAGE_INITIATION -> initiation(msg, job.from);
            case MESSAGE_RESPONSE -> response(msg, job.from);
            case MESSAGE_COOKIE_REPLY -> cookieReply(msg);
            default -> device.counters().drop(DropReason.MALFORMED);
        }
    }

    /** mac1 always; under load mac2 too, else answer with a cookie. False = stop here. */
    private boolean macsAcceptable(ByteBuffer msg, InetSocketAddress from) {
        if (!device.cookieChecker().checkMac1(msg.duplicate())) {
            device.counters().drop(DropReason.INVALID_MAC);
            return false;
        }
        if (!underLoad()) {
            return true;
        }
        byte[] source = sourceBytes(from);
        if (device.cookieChecker().checkMac2(msg.duplicate(), source)) {
            return true;
        }
        out.clear();
        device.cookieChecker().createReply(msg.duplicate(), source, out);
        out.flip();
        send(out, from);
        device.counters().count(DeviceCounters.Event.COOKIE_REPLY_SENT);
        return false;
    }

    private void initiation(ByteBuffer msg, InetSocketAddress from) {
        if (msg.remaining() != INITIATION_SIZE) {
            device.counters().drop(DropReason.MALFORMED);
            return;
        }
        if (!device.hasIdentity() || !macsAcceptable(msg, from)) {
            return;
        }
        long now = device.clock().nanoTime();
        Handshake hs = device.processor().consumeInitiation(msg.duplicate(), device::handshakeOf, now);
        if (hs == null) {
            device.counters().drop(DropReason.HANDSHAKE_FAILED);
            return;
        }
        Peer peer = device.peer(hs.remoteStatic());
        if (peer == null) {
            device.counters().drop(DropReason.HANDSHAKE_FAILED);
            return;
        }
        device.counters().count(DeviceCounters.Event.HANDSHAKE_INITIATION_RECEIVED);
        peer.received(0, from);
        peer.countHandshakeBytes(0, INITIATION_SIZE);
        peer.timers.anyAuthenticatedPacketTraversal();
        peer.timers.anyAuthenticatedPacketReceived();

        int idx = device.indexTable().newHandshakeIndex(peer);
        out.clear();
        hs.createResponse(idx, out);
        out.flip();
        peer.cookieGenerator.addMacs(out);
        Keypair kp = hs.beginSession(now);
        if (kp == null) {
            device.indexTable().remove(idx);
            device.counters().drop(DropReason.HANDSHAKE_FAILED);
            return;
        }
        peer.installSession(kp);
        send(out, from);
        peer.countHandshakeBytes(RESPONSE_SIZE, 0);
        device.counters().count(DeviceCounters.Event.HANDSHAKE_RESPONSE_SENT);
        peer.timers.anyAuthenticatedPacketTraversal();
        peer.timers.anyAuthenticatedPacketSent();
    }

    private void response(ByteBuffer msg, InetSocketAddress from) {
        if (msg.remaining() != RESPONSE_SIZE) {
            device.counters().drop(DropReason.MALFORMED);
            return;
        }
        if (!device.hasIdentity() || !macsAcceptable(msg, from)) {
            return;
        }
        IndexTable.Entry e = device.indexTable().lookup(responseView.wrap(msg, 0).receiver());
        if (e == null || e.keypair != null) {
            device.counters().drop(DropReason.UNKNOWN_INDEX);
            return;
        }
        Peer peer = e.peer;
        if (!peer.handshake.consumeResponse(msg.duplicate())) {
            device.counters().drop(DropReason.HANDSHAKE_FAILED);
            return;
        }
        long now = device.clock().nanoTime();
        Keypair kp = peer.handshake.beginSession(now);
        if (kp == null) {
            device.counters().drop(DropReason.HANDSHAKE_FAILED);
            return;
        }
        peer.received(0, from);
        peer.countHandshakeBytes(0, RESPONSE_SIZE);
        peer.installSession(kp);
        peer.timers.anyAuthenticatedPacketTraversal();
        peer.timers.anyAuthenticatedPacketReceived();
        peer.handshakeCompleted();
        peer.sendStaged(true);
    }

    private void cookieReply(ByteBuffer msg) {
        if (msg.remaining() != COOKIE_REPLY_SIZE) {
            device.counters().drop(DropReason.MALFORMED);
            return;
        }
        IndexTable.Entry e = device.indexTable().lookup(cookieView.wrap(msg, 0).receiver());
        if (e == null) {
            device.counters().drop(DropReason.UNKNOWN_INDEX);
            return;
        }
        if (e.peer.cookieGenerator.consumeReply(msg.duplicate())) {
            device.counters().count(DeviceCounters.Event.COOKIE_REPLY_RECEIVED);
        } else {
            device.counters().drop(DropReason.INVALID_MAC);
        }
    }

    private void send(ByteBuffer b, InetSocketAddress to) {
        try {
            device.bind().send(b, to);
        } catch (IOException e) {
            device.counters().drop(DropReason.SEND_FAILED);
        }
    }

    /** IP address bytes followed by the port, big-endian: the input of a cookie. */
    static byte[] sourceBytes(InetSocketAddress from) {
        byte[] ip = from.getAddress().getAddress();
        byte[] s = new byte[ip.length + 2];
        System.arraycopy(ip, 0, s, 0, ip.length);
        s[ip.length] = (byte) (from.getPort() >>> 8);
        s[ip.length + 1] = (byte) from.getPort();
        return s;
    }
}
