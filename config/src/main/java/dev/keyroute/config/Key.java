package dev.keyroute.config;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A 32-byte Curve25519 key or preshared key, as WireGuard encodes it: base64 (44 chars) in config
 * files, lowercase hex (64 chars) on the userspace API. Immutable; equality is constant-time.
 * {@link #toString()} never prints the bytes, so a private key cannot leak into a log by accident.
 */
public final class Key {
    public static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private Key(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Copies {@code bytes}, which must be exactly 32 long. */
    public static Key of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("key must be 32 bytes, got " + bytes.length);
        }
        return new Key(bytes.clone());
    }

    public static Key fromBase64(String text) {
        String t = text.trim();
        if (t.length() != 44 || t.charAt(43) != '=' || t.charAt(42) == '=') {
            throw new IllegalArgumentException("key must be 44 characters of base64 ending in one '='");
        }
        try {
            return of(Base64.getDecoder().decode(t));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key is not valid base64");
        }
    }

    public static Key fromHex(String text) {
        if (text.length() != 64) {
            throw new IllegalArgumentException("key must be 64 hex characters");
        }
        try {
            return new Key(HEX.parseHex(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key is not valid hex");
        }
    }

    /** A copy of the raw bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Copies the raw bytes into {@code dst} at {@code offset}. */
    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, LENGTH);
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public String toHex() {
        return HEX.formatHex(bytes);
    }

    public boolean isZero() {
        int acc = 0;
        for (byte b : bytes) {
            acc |= b;
        }
        return acc == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && MessageDigest.isEqual(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Redacted: keys are printed only through {@link #toBase64()} where the caller means it. */
    @Override
    public String toString() {
        return "Key(redacted)";
    }
}
