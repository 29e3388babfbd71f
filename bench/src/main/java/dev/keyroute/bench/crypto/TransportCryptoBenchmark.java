package dev.keyroute.bench.crypto;

import dev.keyroute.wgcore.crypto.TransportCrypto;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Transport-data AEAD cost per packet, as the data plane uses it: {@link TransportCrypto#seal} and
 * {@link TransportCrypto#open} with a fresh counter per call, on direct (as the TUN and UDP paths
 * use) or heap buffers. Throughput is packets per second; multiply by the size for bytes.
 *
 * <pre>
 * java -cp bench/target/classes:$(deps) org.openjdk.jmh.Main TransportCryptoBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class TransportCryptoBenchmark {
    @Param({"1420", "128"})
    int size;

    @Param({"direct", "heap"})
    String memory;

    private final TransportCrypto crypto = new TransportCrypto();
    private SecretKey key;
    private ByteBuffer plain;
    private ByteBuffer out;
    private ByteBuffer sealed;
    private ByteBuffer opened;
    private long counter;
    private int sealedLength;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] raw = new byte[32];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (i * 7 + 1);
        }
        key = TransportCrypto.key(raw);
        boolean direct = memory.equals("direct");
        plain = allocate(size, direct);
        for (int i = 0; i < size; i++) {
            plain.put(i, (byte) i);
        }
        out = allocate(size + 16, direct);
        sealed = allocate(size + 16, direct);
        opened = allocate(size + 16, direct);
        plain.clear();
        sealedLength = crypto.seal(key, 42, plain, sealed);
        sealed.flip();
    }

    private static ByteBuffer allocate(int n, boolean direct) {
        return direct ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n);
    }

    @Benchmark
    public int seal() {
        plain.clear();
        out.clear();
        return crypto.seal(key, counter++, plain, out);
    }

    @Benchmark
    public int open() {
        sealed.position(0).limit(sealedLength);
        opened.clear();
        return crypto.open(key, 42, sealed, opened);
    }
}
