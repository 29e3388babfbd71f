package dev.keyroute.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.StringReader;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Mangled input must end in a parsed config or a ConfigException with a sane line, nothing else. */
class ParserRobustnessTest {
    private static final String NOISE = "[]=#,/:.% \n\t0aZ+";

    @Test
    void shouldRejectMangledInputOnlyWithConfigException() throws Exception {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        RandomConfigs gen = new RandomConfigs(r);
        int rejected = 0;
        for (int i = 0; i < 3000; i++) {
            String text = mangle(ConfigWriter.writeWgQuick(gen.config()), r);
            int lines = text.split("\r\n|\r|\n", -1).length;
            try {
                WgConfig c = ConfigParser.parse("fuzz.conf", new StringReader(text));
                assertNotNull(c.iface());
            } catch (ConfigException e) {
                rejected++;
                assertTrue(e.line() >= 0 && e.line() <= lines, "seed " + seed + ": " + e.getMessage());
                assertEquals("fuzz.conf", e.file());
                assertNotNull(e.reason());
            } catch (RuntimeException e) {
                fail("seed " + seed + " input:\n" + text, e);
            }
        }
        assertTrue(rejected > 1000, "mangling should break most inputs, rejected " + rejected);
    }

    private static String mangle(String text, Random r) {
        StringBuilder sb = new StringBuilder(text);
        for (int n = 1 + r.nextInt(4); n > 0 && sb.length() > 0; n--) {
            int at = r.nextInt(sb.length());
            switch (r.nextInt(3)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, NOISE.charAt(r.nextInt(NOISE.length())));
                default -> sb.setCharAt(at, (char) r.nextInt(128));
            }
        }
        return sb.toString();
    }
}
