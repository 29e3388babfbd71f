package dev.keyroute.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class WgConfigTest {
    private static final KeyPair KEYS = new KeyPair("yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=",
            "HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=");
    private static final WgConfig CONFIG = WgConfig.builder(KEYS).listenPort(51820).address("10.0.0.1/24").mtu(1420)
            .peer(PeerConfig.of("xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=", "192.168.1.2:51820", "10.0.0.2/32"))
            .build();

    @Test
    void shouldRenderWgQuickFileWithAddressAndMtu() {
        assertEquals("""
                [Interface]
                PrivateKey = yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=
                ListenPort = 51820
                Address = 10.0.0.1/24
                MTU = 1420

                [Peer]
                PublicKey = xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=
                Endpoint = 192.168.1.2:51820
                AllowedIPs = 10.0.0.2/32
                """, CONFIG.toWgQuick());
    }

    @Test
    void shouldLeaveAddressAndMtuOutOfSetconfFile() {
        String s = CONFIG.toSetconf();
        assertFalse(s.contains("Address"), s);
        assertFalse(s.contains("MTU"), s);
    }

    @Test
    void shouldNotShowPrivateKeyInToString() {
        assertFalse(CONFIG.toString().contains(KEYS.privateKey()), CONFIG.toString());
    }
}
