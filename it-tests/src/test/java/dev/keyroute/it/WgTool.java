package dev.keyroute.it;

/** Configures an already running engine the way an administrator would: {@code wg setconf}, then {@code ip}. */
public final class WgTool {
    private WgTool() {
    }

    /** {@code wg setconf} with keys, port and peers; then addresses, MTU and link up with {@code ip}. */
    public static void apply(WgDevice device, WgConfig config) {
        try (SecretFile f = SecretFile.write(device.ifname() + ".setconf", config.toSetconf())) {
            device.wg("setconf", device.ifname(), f.path().toString());
        }
        for (String cidr : config.addresses()) {
            IpLink.addAddress(device.ns(), device.ifname(), cidr);
        }
        IpLink.setUp(device.ns(), device.ifname(), config.mtu());
    }
}
