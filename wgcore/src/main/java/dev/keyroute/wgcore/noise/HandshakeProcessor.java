package dev.keyroute.wgcore.noise;

import dev.keyroute.config.Key;
import dev.keyroute.wgcore.ProtocolConstants;
import dev.keyroute.wgcore.message.InitiationMessage;
import dev.keyroute.wgcore.message.MessageType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Responder entry point for handshake initiations, one per device: it alone holds the device's
 * static private key needed to learn who is initiating, then hands over to that peer's
 * {@link Handshake}. Thread-safe.
 */
public final class HandshakeProcessor {
    private volatile StaticIdentity local;

    public HandshakeProcessor(StaticIdentity local) {
        this.local = local;
    }

    public void setLocalIdentity(StaticIdentity local) {
        this.local = local;
    }

    public StaticIdentity localIdentity() {
        return local;
    }

    /**
     * Consumes the initiation in msg [position, limit) (exactly 148 bytes; mac1 already checked by
     * the caller). Returns the initiating peer's handshake, now ready for
     * {@link Handshake#createResponse}, or null if the message does not decrypt, the peer is
     * unknown ({@code lookup} returned null), the timestamp is not newer than the last accepted one
     * or the peer initiated less than {@link ProtocolConstants#HANDSHAKE_INITIATION_RATE_NANOS} ago.
     * Does not move msg's position.
     */
    public Handshake consumeInitiation(ByteBuffer msg, Function<Key, Handshake> lookup, long nowNanos) {
        if (msg.remaining() != InitiationMessage.LENGTH
                || MessageType.type(msg, msg.position()) != ProtocolConstants.MESSAGE_INITIATION) {
            return null;
        }
        InitiationMessage m = new InitiationMessage().wrap(msg, msg.position());
        byte[] ephemeral = new byte[InitiationMessage.EPHEMERAL_LENGTH];
        byte[] encryptedStatic = new byte[InitiationMessage.ENCRYPTED_STATIC_LENGTH];
        byte[] encryptedTimestamp = new byte[InitiationMessage.ENCRYPTED_TIMESTAMP_LENGTH];
        m.getEphemeral(ephemeral);
        m.getEncryptedStatic(encryptedStatic);
        m.getEncryptedTimestamp(encryptedTimestamp);
        int sender = m.sender();

        StaticIdentity id = local;
        SymmetricState s = SymmetricState.initial(id.publicKey().bytes());
        s.mixHash(ephemeral);
        s.mixKey(ephemeral);
        byte[] priv = id.privateKey().bytes();
        boolean ok = s.mixDhAndKey(priv, ephemeral);
        Arrays.fill(priv, (byte) 0);
        if (!ok) {
            s.wipe();
            return null;
        }
        byte[] initiatorStatic = s.decryptAndHash(encryptedStatic);
        if (initiatorStatic == null) {
            s.wipe();
            return null;
        }
        Handshake handshake = lookup.apply(Key.of(initiatorStatic));
        if (handshake == null) {
            s.wipe();
            return null;
        }
        boolean accepted = handshake.consumeInitiationTail(s, ephemeral, encryptedTimestamp, sender, nowNanos);
        s.wipe();
        return accepted ? handshake : null;
    }
}
