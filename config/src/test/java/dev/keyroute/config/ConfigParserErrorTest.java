package dev.keyroute.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ConfigParserErrorTest {
    static final String PRIV = TestKeys.b64(1);
    static final String PUB_A = TestKeys.b64(2);
    static final String PUB_B = TestKeys.b64(3);

    static ConfigException fail(String text) {
        return fail(text, ConfigParser.Dialect.WG_QUICK);
    }

    static ConfigException fail(String text, ConfigParser.Dialect dialect) {
        return assertThrows(ConfigException.class,
                () -> ConfigParser.parse("wg0.conf", new StringReader(text), dialect));
    }

    static void check(ConfigException e, int line, String section, String key, String reason) {
        assertEquals("wg0.conf", e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(section, e.section(), e.getMessage());
        assertEquals(key, e.key(), e.getMessage());
        assertEquals(reason, e.reason(), e.getMessage());
    }

    @Test
    void shouldReportInvalidPrefixLengthWithFileLineSectionAndKey() {
        ConfigException e = fail("""
                [Interface]
                PrivateKey = %s

                [Peer]
                PublicKey = %s
                # the next line is wrong
                AllowedIPs = 10.1.0.0/16, 10.0.0.0/33
                """.formatted(PRIV, PUB_A));
        check(e, 7, "Peer", "AllowedIPs", "invalid prefix length '33' in '10.0.0.0/33'");
        assertEquals("wg0.conf:7: [Peer] AllowedIPs: invalid prefix length '33' in '10.0.0.0/33'", e.getMessage());
    }

    @Test
    void shouldRejectUnknownKey() {
        check(fail("[Interface]\nListenPort = 1\nListenPrt = 2\n"), 3, "Interface", "ListenPrt", "unknown key");
    }

    @Test
    void shouldRejectKeyOfAnotherSection() {
        check(fail("[Interface]\nPublicKey = " + PUB_A + "\n"), 2, "Interface", "PublicKey", "unknown key");
    }

    @Test
    void shouldRejectKeyOutsideSection() {
        check(fail("# header comment\nPrivateKey = " + PRIV + "\n[Interface]\n"), 2, null, "PrivateKey",
                "key outside a section");
    }

    @Test
    void shouldRejectDuplicateSingleValuedKeyInAnyCase() {
        check(fail("[Interface]\nListenPort = 1\n\nlistenport = 2\n"), 4, "Interface", "ListenPort",
                "duplicate key (first at line 2)");
        check(fail("[Interface]\n[Peer]\nPublicKey = " + PUB_A + "\nEndpoint = 192.0.2.1:1\nEndpoint = 192.0.2.1:2\n"),
                5, "Peer", "Endpoint", "duplicate key (first at line 4)");
        check(fail("[Interface]\n[keyroute]\nSourceCheck = off\nSourceCheck = strict\n"), 4, "keyroute",
                "SourceCheck", "duplicate key (first at line 3)");
    }

    @Test
    void shouldRejectBadBase64Keys() {
        String bad = PRIV.substring(0, 40) + "!!!=";
        check(fail("[Interface]\nPrivateKey = " + bad + "\n"), 2, "Interface", "PrivateKey", "key is not valid base64");
        check(fail("[Interface]\n[Peer]\nPublicKey = abc=\n"), 3, "Peer", "PublicKey",
                "key must be 44 characters of base64 ending in one '='");
        check(fail("[Interface]\n[Peer]\nPublicKey = " + PUB_A + "\nPresharedKey = " + PUB_A.substring(1) + "\n"),
                4, "Peer", "PresharedKey", "key must be 44 characters of base64 ending in one '='");
    }

    @Test
    void shouldRejectNonCanonicalBase64Key() {
        // 'B' and 'A' differ only in bits the 32-byte key does not use.
        String zero = Key.of(new byte[32]).toBase64();
        String nonCanonical = zero.substring(0, 42) + "B=";
        check(fail("[Interface]\nPrivateKey = " + nonCanonical + "\n"), 2, "Interface", "PrivateKey",
                "key is not canonical base64");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ListenPort = 65536 | ListenPort | listen port 65536 out of range 0..65535",
            "ListenPort = -1 | ListenPort | invalid number '-1'",
            "MTU = 67 | MTU | MTU 67 out of range 68..65535",
            "FwMark = 0x100000000 | FwMark | invalid hex number '0x100000000'",
            "FwMark = 4294967296 | FwMark | value 4294967296 out of range 0..4294967295",
            "SaveConfig = yes | SaveConfig | expected true or false, got 'yes'",
            "Address = 10.0.0.1/40 | Address | invalid prefix length '40' in '10.0.0.1/40'",
            "Address = 10.0.0.1,,10.0.0.2 | Address | empty list element in '10.0.0.1,,10.0.0.2'",
            "DNS = 1.2.3 | DNS | invalid IPv4 address '1.2.3'",
            "Table = a b | Table | invalid table 'a b'",
    })
    void shouldRejectBadInterfaceValuesOnTheirLine(String entry, String key, String reason) {
        check(fail("[Interface]\nPrivateKey = " + PRIV + "\n" + entry + "\n"), 3, "Interface", key, reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Endpoint = 192.0.2.1:0 | Endpoint | port 0 out of range 1..65535",
            "Endpoint = 192.0.2.1:65536 | Endpoint | port 65536 out of range 1..65535",
            "Endpoint = 192.0.2.1 | Endpoint | invalid endpoint '192.0.2.1': missing ':port'",
            "Endpoint = fd00::1:51820 | Endpoint | invalid endpoint 'fd00::1:51820': IPv6 addresses must be in brackets",
            "Endpoint = [fd00::1]51820 | Endpoint | invalid endpoint '[fd00::1]51820': expected [address]:port",
            "Endpoint = [fd00::zz]:1 | Endpoint | invalid IPv6 address 'fd00::zz'",
            "PersistentKeepalive = 65536 | PersistentKeepalive | persistent keepalive 65536 out of range 0..65535",
            "AllowedIPs = 10.0.0.0/8, 300.0.0.0/8 | AllowedIPs | invalid IPv4 address '300.0.0.0'",
            "AllowedIPs = fd00::/129 | AllowedIPs | invalid prefix length '129' in 'fd00::/129'",
    })
    void shouldRejectBadPeerValuesOnTheirLine(String entry, String key, String reason) {
        check(fail("[Interface]\n[Peer]\nPublicKey = " + PUB_A + "\n" + entry + "\n"), 4, "Peer", key, reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Tables = main, mangle | Tables | unknown route table 'mangle' (use a number or main, local, default)",
            "Tables = 0 | Tables | route table 0 is not a table",
            "SourceCheck = loose | SourceCheck | expected strict or off, got 'loose'",
            "Multicast = flood | Multicast | expected fanout or off, got 'flood'",
            "MetricsAddress = 127.0.0.1 | MetricsAddress | invalid endpoint '127.0.0.1': missing ':port'",
            "ControlSocket = run/x.sock | ControlSocket | control socket path 'run/x.sock' is not absolute",
    })
    void shouldRejectBadKeyrouteValuesOnTheirLine(String entry, String key, String reason) {
        check(fail("[Interface]\n[keyroute]\n" + entry + "\n"), 3, "keyroute", key, reason);
    }

    @Test
    void shouldRejectPeerWithoutPublicKeyAtItsHeader() {
        check(fail("[Interface]\n\n[Peer]\nAllowedIPs = 10.0.0.0/8\n[Peer]\nPublicKey = " + PUB_A + "\n"),
                3, "Peer", "PublicKey", "peer has no public key");
        check(fail("[Interface]\n[Peer]\nPublicKey = " + PUB_A + "\n[Peer]\nEndpoint = 192.0.2.1:1\n"),
                4, "Peer", "PublicKey", "peer has no public key");
    }

    @Test
    void shouldRejectDuplicatePeerAtSecondPublicKey() {
        check(fail("[Interface]\n[Peer]\nPublicKey = " + PUB_A + "\n[Peer]\nPublicKey = " + PUB_B
                + "\n[Peer]\nAllowedIPs = 10.0.0.0/8\nPublicKey = " + PUB_A + "\n"),
                8, "Peer", "PublicKey", "duplicate peer: same public key as the peer at line 3");
    }

    @Test
    void shouldRejectUnknownAndMalformedSections() {
        check(fail("[Interface]\n[Peers]\n"), 2, null, null, "unknown section [Peers]");
        check(fail("[Interface\n"), 1, null, null, "invalid section header");
        check(fail("[Interface]\nListenPort = 1\n[interface]\n"), 3, "Interface", null,
                "duplicate section (first at line 1)");
        check(fail("[Interface]\n[keyroute]\n[Keyroute]\n"), 3, "keyroute", null, "duplicate section (first at line 2)");
    }

    @Test
    void shouldRejectFileWithoutInterfaceSection() {
        ConfigException e = fail("[Peer]\nPublicKey = " + PUB_A + "\n");
        check(e, 0, null, null, "missing [Interface] section");
        assertEquals("wg0.conf: missing [Interface] section", e.getMessage());
    }

    @Test
    void shouldNeverEchoSecretsInErrors() {
        ConfigException bare = fail("[Interface]\n" + PRIV + "\n");
        check(bare, 2, "Interface", null, "invalid key name");
        assertFalse(bare.getMessage().contains(PRIV.substring(0, 20)), bare.getMessage());
        ConfigException noEquals = fail("[Interface]\n" + PRIV.substring(0, 43) + "\n");
        check(noEquals, 2, "Interface", null, "expected 'Key = Value'");
        assertFalse(noEquals.getMessage().contains(PRIV.substring(0, 20)), noEquals.getMessage());
        ConfigException outside = fail(PRIV + "\n[Interface]\n");
        check(outside, 1, null, null, "invalid key name");
        assertFalse(outside.getMessage().contains(PRIV.substring(0, 20)), outside.getMessage());
        ConfigException bad = fail("[Interface]\nPrivateKey = " + PRIV.substring(0, 43) + "A\n");
        assertFalse(bad.getMessage().contains(PRIV.substring(0, 20)), bad.getMessage());
    }

    @Test
    void shouldRedactKeyPastedIntoAnotherValue() {
        ConfigException e = fail("[Interface]\n[Peer]\nPublicKey = " + PUB_A + "\nEndpoint = " + PRIV + ":1\n");
        assertEquals(4, e.line());
        assertFalse(e.getMessage().contains(PRIV.substring(0, 20)), e.getMessage());
        ConfigException port = fail("[Interface]\nListenPort = " + PRIV + "\n");
        assertEquals("ListenPort", port.key());
        assertEquals("invalid number '(redacted)'", port.reason());
        ConfigException list = fail("[Interface]\nAddress = 10.0.0.1, " + PRIV + "\n");
        assertEquals("Address", list.key());
        assertFalse(list.getMessage().contains(PRIV.substring(0, 20)), list.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Address = 10.0.0.1/24 | Address",
            "DNS = 10.0.0.53 | DNS",
            "MTU = 1420 | MTU",
            "Table = off | Table",
            "PreUp = true | PreUp",
            "PostUp = true | PostUp",
            "PreDown = true | PreDown",
            "postdown = true | PostDown",
            "SaveConfig = false | SaveConfig",
    })
    void shouldRejectWgQuickOnlyKeysInSetconfDialect(String entry, String key) {
        check(fail("[Interface]\nPrivateKey = " + PRIV + "\n" + entry + "\n", ConfigParser.Dialect.SETCONF),
                3, "Interface", key, "wg-quick setting; wg setconf refuses it");
    }

    @Test
    void shouldRejectKeyrouteSectionInSetconfDialect() {
        ConfigException e = fail("[Interface]\n[Peer]\nPublicKey = " + PUB_A + "\n[keyroute]\n",
                ConfigParser.Dialect.SETCONF);
        check(e, 4, "keyroute", null, "section is keyroute's own; wg setconf refuses it");
        assertNull(e.key());
    }

    @Test
    void shouldReportFirstErrorInLineOrder() {
        check(fail("[Interface]\n[Peer]\nAllowedIPs = 10.0.0.0/99\nPublicKey = nope\n"), 3, "Peer", "AllowedIPs",
                "invalid prefix length '99' in '10.0.0.0/99'");
    }
}
