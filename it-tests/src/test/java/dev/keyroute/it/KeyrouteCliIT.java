package dev.keyroute.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code keyroute} CLI as a user runs it from the checkout. */
class KeyrouteCliIT {

    /** Vectors from the design: fe80::/64 + first 8 bytes of BLAKE2s-256(key) with the U/L bit cleared. */
    @ParameterizedTest
    @CsvSource({
            "HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=, fe80::31ea:e151:cff5:b8d2",
            "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=, fe80::849b:3b89:c483:1cd3"})
    void shouldPrintKeyDerivedLinkLocalAddress(String publicKey, String expected) {
        String out = Cmd.run(Cmd.DEFAULT_TIMEOUT, KeyroutedPeer.env(),
                java.util.List.of(Repo.keyroute().toString(), "ll", publicKey));
        assertEquals(expected, out.strip());
    }
}
