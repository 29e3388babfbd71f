package dev.keyroute.bench.e2e;

import dev.keyroute.bench.SyntheticTable;
import dev.keyroute.config.Key;
import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.noise.LinkLocal;
import dev.keyroute.wgcore.noise.StaticIdentity;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Writes the files the end-to-end scripts ({@code bench/scripts/route-scale.sh},
 * {@code bench/scripts/uapi-scale.sh}) feed to the kernel and to the UAPI, from
 * {@link SyntheticTable} (distribution documented there). Deterministic for a given seed, except
 * the keys, which are fresh per run.
 *
 * <pre>
 * RouteWorkload DIR --v4 N --v6 M --peers K [--seed S] [--dev wg0] [--nexthop ll|addr]
 * </pre>
 *
 * Files in DIR:
 * <ul>
 *   <li>{@code keyrouted.conf} — interface private key and K peers; peer i has the static
 *       AllowedIPs {@code 10.0.(i/250).(i%250+2)/32} (its tunnel address; the synthetic table never
 *       uses 10/8).</li>
 *   <li>{@code peers.tsv} — {@code index  public-key(base64)  public-key(hex)  LL(P)  tunnel}.</li>
 *   <li>{@code add.batch} / {@code del.batch} — {@code ip -batch} input: {@code route add P via
 *       NEXTHOP dev DEV} for every prefix (IPv4 via the peer's tunnel address or {@code via inet6
 *       LL(P)}, IPv6 always via LL(P)) and {@code route del P dev DEV}.</li>
 *   <li>{@code expected.txt} — {@code prefix public-key(base64)}, one per route, in table order.</li>
 *   <li>{@code prefixes.txt} — the prefixes alone, in table order (the UAPI side-by-side uses the
 *       first N IPv4 ones).</li>
 * </ul>
 * The peer of a prefix is {@link SyntheticTable#peerOf} (peer 0 holds 10 % of the prefixes).
 */
public final class RouteWorkload {
    private RouteWorkload() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: RouteWorkload DIR --v4 N --v6 M --peers K [--seed S] [--dev IF] [--nexthop ll|addr]");
        }
        Path dir = Path.of(args[0]);
        int v4 = 100_000;
        int v6 = 0;
        int peers = 1_000;
        long seed = SyntheticTable.DEFAULT_SEED;
        String dev = "wg0";
        boolean viaLl = true;
        for (int i = 1; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--v4" -> v4 = Integer.parseInt(v);
                case "--v6" -> v6 = Integer.parseInt(v);
                case "--peers" -> peers = Integer.parseInt(v);
                case "--seed" -> seed = Long.decode(v);
                case "--dev" -> dev = v;
                case "--nexthop" -> viaLl = switch (v) {
                    case "ll" -> true;
                    case "addr" -> false;
                    default -> throw new IllegalArgumentException("--nexthop ll|addr");
                };
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (peers > 250 * 250) {
            throw new IllegalArgumentException("at most 62500 peers");
        }
        Files.createDirectories(dir);
        SyntheticTable table = SyntheticTable.generate(seed, v4, v6, peers, (v4 + v6) / 10);
        Peer[] p = new Peer[peers];
        for (int i = 0; i < peers; i++) {
            Key pub = StaticIdentity.derivePublic(StaticIdentity.generatePrivate());
            p[i] = new Peer(pub.toBase64(), HexFormat.of().formatHex(pub.bytes()), LinkLocal.text(pub),
                    "10.0." + (i / 250) + "." + (i % 250 + 2));
        }
        writeConfig(dir.resolve("keyrouted.conf"), p);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("peers.tsv"))) {
            for (int i = 0; i < peers; i++) {
                w.write(i + "\t" + p[i].base64 + "\t" + p[i].hex + "\t" + p[i].ll + "\t" + p[i].tunnel + "\n");
            }
        }
        try (BufferedWriter add = Files.newBufferedWriter(dir.resolve("add.batch"));
             BufferedWriter del = Files.newBufferedWriter(dir.resolve("del.batch"));
             BufferedWriter exp = Files.newBufferedWriter(dir.resolve("expected.txt"));
             BufferedWriter pre = Files.newBufferedWriter(dir.resolve("prefixes.txt"))) {
            for (int i = 0; i < table.size(); i++) {
                Prefix prefix = table.prefix(i);
                Peer peer = p[table.peerOf(i)];
                String via = prefix.isIpv6() ? peer.ll : viaLl ? "inet6 " + peer.ll : peer.tunnel;
                add.write("route add " + prefix + " via " + via + " dev " + dev + "\n");
                del.write("route del " + prefix + " dev " + dev + "\n");
                exp.write(prefix + " " + peer.base64 + "\n");
                pre.write(prefix + "\n");
            }
        }
    }

    private static void writeConfig(Path file, Peer[] peers) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("[Interface]\nPrivateKey = " + StaticIdentity.generatePrivate().toBase64() + "\n");
            for (Peer peer : peers) {
                w.write("\n[Peer]\nPublicKey = " + peer.base64 + "\nAllowedIPs = " + peer.tunnel + "/32\n");
            }
        }
    }

    private record Peer(String base64, String hex, String ll, String tunnel) {
    }
}
