package dev.keyroute.wgcore.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.config.Key;
import org.junit.jupiter.api.Test;

class LinkLocalTest {
    @Test
    void shouldDeriveDesignVectors() {
        assertEquals("fe80::31ea:e151:cff5:b8d2", LinkLocal.text(Key.fromBase64("HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=")));
        assertEquals("fe80::849b:3b89:c483:1cd3", LinkLocal.text(Key.fromBase64("xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=")));
    }

    @Test
    void shouldClearUniversalLocalBitAndStayInLinkLocalPrefix() {
        for (int i = 0; i < 64; i++) {
            Key k = StaticIdentity.derivePublic(StaticIdentity.generatePrivate());
            byte[] a = LinkLocal.address(k);
            assertEquals((byte) 0xfe, a[0]);
            assertEquals((byte) 0x80, a[1]);
            for (int j = 2; j < 8; j++) {
                assertEquals(0, a[j]);
            }
            assertEquals(0, a[8] & 0x02);
            assertTrue(LinkLocal.inet6(k).isLinkLocalAddress());
        }
    }
}
