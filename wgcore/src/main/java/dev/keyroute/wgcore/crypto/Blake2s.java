package dev.keyroute.wgcore.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2sDigest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * BLAKE2s (RFC 7693) in the four shapes the WireGuard protocol uses: HASH, MAC (keyed, 16-byte
 * output), HMAC (RFC 2104 over BLAKE2s-256) and the HKDF-style KDF of the whitepaper §5.4.
 * Each call allocates its own digest state, so every method is thread-safe.
 */
public final class Blake2s {
    public static final int HASH_SIZE = 32;
    public static final int MAC_SIZE = 16;

    private Blake2s() {
    }

    /** HASH(parts...) = BLAKE2s-256 over the concatenation. */
    public static byte[] hash(byte[]... parts) {
        Blake2sDigest d = new Blake2sDigest(HASH_SIZE * 8);
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[HASH_SIZE];
        d.doFinal(out, 0);
        return out;
    }

    /** MAC(key, parts...) = keyed BLAKE2s with a 16-byte output. */
    public static byte[] mac(byte[] key, byte[]... parts) {
        Blake2sDigest d = new Blake2sDigest(key, MAC_SIZE, null, null);
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[MAC_SIZE];
        d.doFinal(out, 0);
        d.clearKey();
        return out;
    }

    /** MAC over {@code len} bytes of {@code data} from {@code off}, without copying them. */
    public static byte[] mac(byte[] key, byte[] data, int off, int len) {
        Blake2sDigest d = new Blake2sDigest(key, MAC_SIZE, null, null);
        d.update(data, off, len);
        byte[] out = new byte[MAC_SIZE];
        d.doFinal(out, 0);
        d.clearKey();
        return out;
    }

    /** HMAC(key, parts...) with BLAKE2s-256 as the hash (64-byte block). */
    public static byte[] hmac(byte[] key, byte[]... parts) {
        HMac h = new HMac(new Blake2sDigest(HASH_SIZE * 8));
        h.init(new KeyParameter(key));
        for (byte[] p : parts) {
            h.update(p, 0, p.length);
        }
        byte[] out = new byte[HASH_SIZE];
        h.doFinal(out, 0);
        return out;
    }

    /**
     * KDF_n(key, input): τ0 = HMAC(key, input), τ1 = HMAC(τ0, 0x1), τi = HMAC(τ0, τi-1 || i).
     * Fills each of the one to three 32-byte {@code outs} with τ1, τ2, τ3 in order.
     */
    public static void kdf(byte[] key, byte[] input, byte[]... outs) {
        if (outs.length < 1 || outs.length > 3) {
            throw new IllegalArgumentException("KDF yields 1 to 3 outputs, asked for " + outs.length);
        }
        byte[] prk = hmac(key, input);
        byte[] prev = new byte[0];
        byte[] counter = new byte[1];
        for (int i = 0; i < outs.length; i++) {
            counter[0] = (byte) (i + 1);
            byte[] t = hmac(prk, prev, counter);
            if (outs[i].length != HASH_SIZE) {
                throw new IllegalArgumentException("KDF outputs are 32 bytes");
            }
            System.arraycopy(t, 0, outs[i], 0, HASH_SIZE);
            Arrays.fill(prev, (byte) 0);
            prev = t;
        }
        Arrays.fill(prev, (byte) 0);
        Arrays.fill(prk, (byte) 0);
    }
}
