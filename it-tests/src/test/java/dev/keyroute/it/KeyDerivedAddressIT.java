package dev.keyroute.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Design §3: keyrouted gives its interface the link-local address derived from its own public key. */
@RequiresRoot
class KeyDerivedAddressIT {

    @Test
    void shouldAssignLinkLocalAddressDerivedFromOwnPublicKey() {
        try (TunnelPair t = TunnelPair.start(Engine.KEYROUTED, Engine.WIREGUARD_GO)) {
            String ll = Cmd.run(Cmd.DEFAULT_TIMEOUT, KeyroutedPeer.env(),
                    List.of(Repo.keyroute().toString(), "ll", t.plan().leftKeys().publicKey())).strip();
            String addrs = t.left().ns().exec("ip", "-6", "-o", "addr", "show", "dev", t.left().ifname());
            assertTrue(addrs.contains(" " + ll + "/64 "), "expected " + ll + "/64 on " + t.left().ifname() + ":\n" + addrs);
        }
    }
}
