package dev.keyroute.it;

/** The engines a test can put at either end of a tunnel. */
public enum Engine {
    WIREGUARD_GO {
        @Override
        public WgDevice start(Netns ns, String ifname) {
            return WireguardGoPeer.start(ns, ifname);
        }

        @Override
        public WgDevice start(Netns ns, String ifname, WgConfig config) {
            return WireguardGoPeer.start(ns, ifname, config);
        }
    },
    KEYROUTED {
        @Override
        public WgDevice start(Netns ns, String ifname) {
            return KeyroutedPeer.start(ns, ifname);
        }

        @Override
        public WgDevice start(Netns ns, String ifname, WgConfig config) {
            return KeyroutedPeer.start(ns, ifname, config);
        }
    };

    /** Started, UAPI socket present, unconfigured, link down. */
    public abstract WgDevice start(Netns ns, String ifname);

    /** Started and configured (wireguard-go: {@code wg setconf} + {@code ip}; keyrouted: {@code --config}), link up. */
    public abstract WgDevice start(Netns ns, String ifname, WgConfig config);
}
