package dev.keyroute.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An address assigned to an interface with its prefix length, e.g. {@code 10.0.0.1/24}. Unlike
 * {@link Prefix} the host bits are kept: the address is the point. Immutable.
 */
public final class InterfaceAddress {
    private final byte[] address; // 4 or 16 bytes
    private final int length;

    private InterfaceAddress(byte[] address, int length) {
        this.address = address;
        this.length = length;
    }

    public static InterfaceAddress of(byte[] address, int length) {
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("address must be 4 or 16 bytes");
        }
        int max = address.length * 8;
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " out of range 0.." + max);
        }
        return new InterfaceAddress(address.clone(), length);
    }

    public static InterfaceAddress of(InetAddress address, int length) {
        return of(address.getAddress(), length);
    }

    /** Parses {@code addr/len}, or a bare address meaning /32 or /128. Never resolves names. */
    public static InterfaceAddress parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        byte[] bytes = Prefix.parseAddress(slash < 0 ? t : t.substring(0, slash));
        int max = bytes.length * 8;
        int len = max;
        if (slash >= 0) {
            String l = t.substring(slash + 1);
            if (l.isEmpty() || l.length() > 3 || !l.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(l) > max) {
                throw new IllegalArgumentException("invalid prefix length '" + l + "' in '" + t + "'");
            }
            len = Integer.parseInt(l);
        }
        return new InterfaceAddress(bytes, len);
    }

    /** A copy of the address bytes (4 or 16), host bits included. */
    public byte[] address() {
        return address.clone();
    }

    public InetAddress inetAddress() {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    public int length() {
        return length;
    }

    public boolean isIpv6() {
        return address.length == 16;
    }

    /** The network this address sits on, host bits masked: {@code 10.0.0.1/24} → {@code 10.0.0.0/24}. */
    public Prefix prefix() {
        return Prefix.of(address, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InterfaceAddress a && length == a.length && Arrays.equals(address, a.address);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(address) * 31 + length;
    }

    @Override
    public String toString() {
        return Values.addressText(address) + "/" + length;
    }
}
