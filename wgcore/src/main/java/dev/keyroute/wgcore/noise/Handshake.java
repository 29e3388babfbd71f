package dev.keyroute.wgcore.noise;

import dev.keyroute.config.Key;
import dev.keyroute.wgcore.ProtocolConstants;
import dev.keyroute.wgcore.crypto.Blake2s;
import dev.keyroute.wgcore.crypto.Tai64n;
import dev.keyroute.wgcore.crypto.TransportCrypto;
import dev.keyroute.wgcore.crypto.X25519;
import dev.keyroute.wgcore.message.InitiationMessage;
import dev.keyroute.wgcore.message.MessageType;
import dev.keyroute.wgcore.message.ResponseMessage;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One peer's Noise_IKpsk2 handshake state (whitepaper §5.4), in protocol order: initiator creates
 * the initiation, responder consumes it ({@link HandshakeProcessor}), responder creates the
 * response, initiator consumes it, both begin a session. Thread-safe: every step holds this
 * object's lock. MACs are not handled here ({@link CookieGenerator}, {@link CookieChecker}).
 */
public final class Handshake {
    enum State { ZEROED, INITIATION_CREATED, INITIATION_CONSUMED, RESPONSE_CREATED, RESPONSE_CONSUMED }

    private final Key remoteStatic;
    private final byte[] remoteStaticBytes;
    private StaticIdentity local;
    private final byte[] precomputedStaticStatic = new byte[32];
    private boolean staticStaticValid;
    private final byte[] presharedKey = new byte[32];

    private State state = State.ZEROED;
    private final byte[] chainKey = new byte[32];
    private final byte[] hash = new byte[32];
    private final byte[] localEphemeral = new byte[32];
    private final byte[] remoteEphemeral = new byte[32];
    private int localIndex;
    private int remoteIndex;

    private final byte[] lastTimestamp = new byte[Tai64n.SIZE];
    private boolean consumedAnyInitiation;
    private long lastInitiationConsumedNanos;

    private final InitiationMessage initiation = new InitiationMessage();
    private final ResponseMessage response = new ResponseMessage();

    public Handshake(StaticIdentity local, Key remoteStatic) {
        this.remoteStatic = remoteStatic;
        this.remoteStaticBytes = remoteStatic.bytes();
        setLocalIdentity(local);
    }

    public Key remoteStatic() {
        return remoteStatic;
    }

    /** Sets the preshared key Q; null means none (all zero). */
    public synchronized void setPresharedKey(Key pskOrNull) {
        if (pskOrNull == null) {
            Arrays.fill(presharedKey, (byte) 0);
        } else {
            pskOrNull.copyTo(presharedKey, 0);
        }
    }

    /** The device key changed (null = removed): recomputes DH(S_priv, S_remote) and forgets any handshake in flight. */
    public synchronized void setLocalIdentity(StaticIdentity local) {
        this.local = local;
        if (local == null) { // the device has no private key yet: no handshake possible
            staticStaticValid = false;
            Arrays.fill(precomputedStaticStatic, (byte) 0);
            clearLocked();
            return;
        }
        byte[] priv = local.privateKey().bytes();
        staticStaticValid = X25519.sharedSecret(priv, remoteStaticBytes, precomputedStaticStatic);
        Arrays.fill(priv, (byte) 0);
        clearLocked();
    }

    /**
     * Writes a 148-byte initiation at {@code out.position()} with mac1 and mac2 zero, advances out.
     *
     * @throws IllegalStateException if the remote static key is a low-order point (no valid DH)
     * @throws BufferOverflowException if fewer than 148 bytes remain
     */
    public synchronized void createInitiation(int localIndex, long epochNanos, ByteBuffer out) {
        if (!staticStaticValid) {
            throw new IllegalStateException("remote static key yields an all-zero shared secret");
        }
        if (out.remaining() < InitiationMessage.LENGTH) {
            throw new BufferOverflowException();
        }
        SymmetricState s = SymmetricState.initial(remoteStaticBytes);
        byte[] ephemeral = X25519.generatePrivate();
        byte[] ephemeralPublic = X25519.publicKey(ephemeral);
        s.mixHash(ephemeralPublic);
        s.mixKey(ephemeralPublic);
        if (!s.mixDhAndKey(ephemeral, remoteStaticBytes)) {
            s.wipe();
            Arrays.fill(ephemeral, (byte) 0);
            throw new IllegalStateException("remote static key yields an all-zero shared secret");
        }
        byte[] encryptedStatic = s.encryptAndHash(local.publicKey().bytes());
        s.mixKeyAndKey(precomputedStaticStatic);
        byte[] encryptedTimestamp = s.encryptAndHash(Tai64n.now(epochNanos));

        int pos = out.position();
        initiation.wrap(out, pos).writeHeader().sender(localIndex).putEphemeral(ephemeralPublic)
                .putEncryptedStatic(encryptedStatic).putEncryptedTimestamp(encryptedTimestamp);
        zeroMacs(out, pos + InitiationMessage.MAC1_OFFSET);
        out.position(pos + InitiationMessage.LENGTH);

        System.arraycopy(ephemeral, 0, localEphemeral, 0, 32);
        Arrays.fill(ephemeral, (byte) 0);
        System.arraycopy(s.chainKey, 0, chainKey, 0, 32);
        System.arraycopy(s.hash, 0, hash, 0, 32);
        s.wipe();
        this.localIndex = localIndex;
        state = State.INITIATION_CREATED;
    }

    /**
     * Responder half, called by {@link HandshakeProcessor} once the initiator's static key identified
     * this peer: finishes decrypting, applies replay and flood checks, stores the responder state.
     */
    synchronized boolean consumeInitiationTail(SymmetricState s, byte[] initiatorEphemeral,
            byte[] encryptedTimestamp, int senderIndex, long nowNanos) {
        if (!staticStaticValid) {
            return false;
        }
        s.mixKeyAndKey(precomputedStaticStatic);
        byte[] timestamp = s.decryptAndHash(encryptedTimestamp);
        if (timestamp == null) {
            return false;
        }
        boolean replay = Tai64n.compare(timestamp, lastTimestamp) <= 0;
        boolean flood = consumedAnyInitiation
                && nowNanos - lastInitiationConsumedNanos <= ProtocolConstants.HANDSHAKE_INITIATION_RATE_NANOS;
        if (replay || flood) {
            return false;
        }
        System.arraycopy(timestamp, 0, lastTimestamp, 0, Tai64n.SIZE);
        consumedAnyInitiation = true;
        lastInitiationConsumedNanos = nowNanos;
        System.arraycopy(s.chainKey, 0, chainKey, 0, 32);
        System.arraycopy(s.hash, 0, hash, 0, 32);
        System.arraycopy(initiatorEphemeral, 0, remoteEphemeral, 0, 32);
        Arrays.fill(localEphemeral, (byte) 0);
        remoteIndex = senderIndex;
        state = State.INITIATION_CONSUMED;
        return true;
    }

    /**
     * Writes a 92-byte response at {@code out.position()} with mac1 and mac2 zero, advances out.
     *
     * @throws IllegalStateException unless an initiation from this peer was just consumed
     */
    public synchronized void createResponse(int localIndex, ByteBuffer out) {
        if (state != State.INITIATION_CONSUMED) {
            throw new IllegalStateException("no consumed initiation to respond to (state " + state + ")");
        }
        if (out.remaining() < ResponseMessage.LENGTH) {
            throw new BufferOverflowException();
        }
        SymmetricState s = SymmetricState.resume(chainKey, hash);
        byte[] ephemeral = X25519.generatePrivate();
        byte[] ephemeralPublic = X25519.publicKey(ephemeral);
        s.mixHash(ephemeralPublic);
        s.mixKey(ephemeralPublic);
        boolean ok = s.mixDh(ephemeral, remoteEphemeral) && s.mixDh(ephemeral, remoteStaticBytes);
        if (!ok) {
            s.wipe();
            Arrays.fill(ephemeral, (byte) 0);
            clearLocked();
            throw new IllegalStateException("peer ephemeral or static key yields an all-zero shared secret");
        }
        s.mixPsk(presharedKey);
        byte[] encryptedNothing = s.encryptAndHash(NoiseConstants.EMPTY);

        int pos = out.position();
        response.wrap(out, pos).writeHeader().sender(localIndex).receiver(remoteIndex)
                .putEphemeral(ephemeralPublic).putEncryptedNothing(encryptedNothing);
        zeroMacs(out, pos + ResponseMessage.MAC1_OFFSET);
        out.position(pos + ResponseMessage.LENGTH);

        System.arraycopy(ephemeral, 0, localEphemeral, 0, 32);
        Arrays.fill(ephemeral, (byte) 0);
        System.arraycopy(s.chainKey, 0, chainKey, 0, 32);
        System.arraycopy(s.hash, 0, hash, 0, 32);
        s.wipe();
        this.localIndex = localIndex;
        state = State.RESPONSE_CREATED;
    }

    /**
     * Initiator: consumes the response in msg [position, limit) (exactly 92 bytes; mac1 already
     * checked by the caller). False, with the state unchanged, unless an initiation is outstanding,
     * the receiver index is ours and the empty payload authenticates.
     */
    public synchronized boolean consumeResponse(ByteBuffer msg) {
        if (state != State.INITIATION_CREATED || msg.remaining() != ResponseMessage.LENGTH
                || MessageType.type(msg, msg.position()) != ProtocolConstants.MESSAGE_RESPONSE) {
            return false;
        }
        response.wrap(msg, msg.position());
        if (response.receiver() != localIndex) {
            return false;
        }
        byte[] responderEphemeral = new byte[32];
        byte[] encryptedNothing = new byte[16];
        response.getEphemeral(responderEphemeral);
        response.getEncryptedNothing(encryptedNothing);

        SymmetricState s = SymmetricState.resume(chainKey, hash);
        s.mixHash(responderEphemeral);
        s.mixKey(responderEphemeral);
        byte[] staticPrivate = local.privateKey().bytes();
        boolean ok = s.mixDh(localEphemeral, responderEphemeral) && s.mixDh(staticPrivate, responderEphemeral);
        Arrays.fill(staticPrivate, (byte) 0);
        if (!ok) {
            s.wipe();
            return false;
        }
        s.mixPsk(presharedKey);
        if (s.decryptAndHash(encryptedNothing) == null) {
            s.wipe();
            return false;
        }
        System.arraycopy(s.chainKey, 0, chainKey, 0, 32);
        System.arraycopy(s.hash, 0, hash, 0, 32);
        s.wipe();
        System.arraycopy(responderEphemeral, 0, remoteEphemeral, 0, 32);
        remoteIndex = response.sender();
        state = State.RESPONSE_CONSUMED;
        return true;
    }

    /**
     * Derives the transport keys (T_send, T_recv) = KDF2(C, ε), swapped for the responder, and
     * clears the handshake secrets. Null unless a response was just consumed (initiator) or created
     * (responder).
     */
    public synchronized Keypair beginSession(long nowNanos) {
        boolean initiator;
        if (state == State.RESPONSE_CONSUMED) {
            initiator = true;
        } else if (state == State.RESPONSE_CREATED) {
            initiator = false;
        } else {
            return null;
        }
        byte[] first = new byte[32];
        byte[] second = new byte[32];
        Blake2s.kdf(chainKey, NoiseConstants.EMPTY, first, second);
        Keypair kp = initiator
                ? new Keypair(TransportCrypto.key(first), TransportCrypto.key(second), localIndex, remoteIndex, true, nowNanos)
                : new Keypair(TransportCrypto.key(second), TransportCrypto.key(first), localIndex, remoteIndex, false, nowNanos);
        Arrays.fill(first, (byte) 0);
        Arrays.fill(second, (byte) 0);
        Arrays.fill(chainKey, (byte) 0);
        Arrays.fill(hash, (byte) 0);
        Arrays.fill(localEphemeral, (byte) 0);
        Arrays.fill(remoteEphemeral, (byte) 0);
        state = State.ZEROED;
        return kp;
    }

    public synchronized int localIndex() {
        return localIndex;
    }

    public synchronized int remoteIndex() {
        return remoteIndex;
    }

    /** Forgets any handshake in flight (keys, ephemerals, local index); keeps replay/flood history. */
    public synchronized void clear() {
        clearLocked();
    }

    /** The newest TAI64N timestamp accepted from this peer (all zero if none). */
    public synchronized byte[] lastTimestamp() {
        return lastTimestamp.clone();
    }

    synchronized State state() {
        return state;
    }

    private void clearLocked() {
        Arrays.fill(chainKey, (byte) 0);
        Arrays.fill(hash, (byte) 0);
        Arrays.fill(localEphemeral, (byte) 0);
        Arrays.fill(remoteEphemeral, (byte) 0);
        localIndex = 0;
        state = State.ZEROED;
    }

    private static void zeroMacs(ByteBuffer out, int mac1Index) {
        for (int i = 0; i < 32; i++) {
            out.put(mac1Index + i, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "Handshake(remote=" + remoteStatic.toBase64() + ", state=" + state + ")";
    }
}
