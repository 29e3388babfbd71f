package dev.keyroute.wgcore;

import java.util.concurrent.TimeUnit;

/** Constants fixed by the WireGuard protocol (whitepaper §6 and the reference implementations). */
public final class ProtocolConstants {
    private ProtocolConstants() {
    }

    public static final long REKEY_AFTER_MESSAGES = 1L << 60;
    /** 2^64 - 2^13 - 1, compared unsigned ({@link Long#compareUnsigned}). */
    public static final long REJECT_AFTER_MESSAGES = -(1L << 13) - 1;
    /** Size of the receive replay window in counters (as the kernel: 8192 - 64). */
    public static final int REPLAY_WINDOW_SIZE = 8192 - 64;
    public static final long REKEY_AFTER_TIME_NANOS = TimeUnit.SECONDS.toNanos(120);
    public static final long REJECT_AFTER_TIME_NANOS = TimeUnit.SECONDS.toNanos(180);
    public static final long REKEY_ATTEMPT_TIME_NANOS = TimeUnit.SECONDS.toNanos(90);
    public static final long REKEY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
    public static final long REKEY_TIMEOUT_JITTER_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(334);
    public static final long KEEPALIVE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    public static final long COOKIE_REFRESH_TIME_NANOS = TimeUnit.SECONDS.toNanos(120);
    public static final long HANDSHAKE_INITIATION_RATE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    public static final int MAX_TIMER_HANDSHAKES = (int) (REKEY_ATTEMPT_TIME_NANOS / REKEY_TIMEOUT_NANOS);

    public static final int MESSAGE_INITIATION = 1;
    public static final int MESSAGE_RESPONSE = 2;
    public static final int MESSAGE_COOKIE_REPLY = 3;
    public static final int MESSAGE_TRANSPORT = 4;

    public static final int INITIATION_SIZE = 148;
    public static final int RESPONSE_SIZE = 92;
    public static final int COOKIE_REPLY_SIZE = 64;
    public static final int TRANSPORT_HEADER_SIZE = 16;
    public static final int AEAD_TAG_SIZE = 16;
    public static final int TRANSPORT_MIN_SIZE = TRANSPORT_HEADER_SIZE + AEAD_TAG_SIZE;
    /** Plaintext is padded to a multiple of this many bytes (capped at the MTU). */
    public static final int PADDING_MULTIPLE = 16;
}
