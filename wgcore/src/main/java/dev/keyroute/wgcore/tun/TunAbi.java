package dev.keyroute.wgcore.tun;

/** Kernel ABI constants for TUN devices (linux/if_tun.h, linux/sockios.h, linux/if.h). */
final class TunAbi {
    private TunAbi() {}

    static final String CLONE_DEVICE = "/dev/net/tun";

    /** _IOW('T', 202, int). */
    static final long TUNSETIFF = 0x400454caL;
    static final short IFF_TUN = 0x0001;
    static final short IFF_NO_PI = 0x1000;
    /** Every read and write carries a struct virtio_net_hdr in front of the packet. */
    static final short IFF_VNET_HDR = 0x4000;

    /** _IOW('T', 208, unsigned int): the offloads userspace accepts on read (argument by value). */
    static final long TUNSETOFFLOAD = 0x400454d0L;
    static final int TUN_F_CSUM = 0x01;
    static final int TUN_F_TSO4 = 0x02;
    static final int TUN_F_TSO6 = 0x04;

    static final long SIOCGIFMTU = 0x8921;
    static final long SIOCSIFMTU = 0x8922;
    static final long SIOCGIFINDEX = 0x8933;

    /** IFNAMSIZ including the terminating NUL. */
    static final int IFNAMSIZ = 16;
}
