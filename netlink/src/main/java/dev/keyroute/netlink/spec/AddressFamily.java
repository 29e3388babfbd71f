package dev.keyroute.netlink.spec;

/** Address families used by rtnetlink ({@code <linux/socket.h>}) and their address lengths. */
public final class AddressFamily {
    private AddressFamily() {}

    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_MPLS = 28;

    /** Address length in bytes for {@code family}, or -1 if not an IP family. */
    public static int addressLength(int family) {
        return switch (family) {
            case AF_INET -> 4;
            case AF_INET6 -> 16;
            default -> -1;
        };
    }

    public static boolean isIp(int family) {
        return family == AF_INET || family == AF_INET6;
    }
}
