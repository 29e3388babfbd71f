package dev.keyroute.it;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Prometheus-style scrapes with the JDK's HTTP client from inside a network namespace. The test JVM
 * lives in the root namespace while keyrouted serves on the namespace's loopback, so this class's
 * {@link #main} runs once in a child JVM under {@code ip netns exec} (started before the traffic,
 * so a scrape during traffic costs no JVM start) and serves requests over its stdin/stdout: a URL
 * per line in, then status (int), length (int) and body bytes out.
 */
public final class HttpScrape implements AutoCloseable {
    private final Process process;
    private final DataOutputStream toChild;
    private final DataInputStream fromChild;

    private HttpScrape(Process process) {
        this.process = process;
        this.toChild = new DataOutputStream(process.getOutputStream());
        this.fromChild = new DataInputStream(process.getInputStream());
    }

    /** Starts the scraper JVM inside {@code ns}. */
    public static HttpScrape start(Netns ns) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes;
        try {
            classes = Path.of(HttpScrape.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try {
            Process p = new ProcessBuilder(List.of("ip", "netns", "exec", ns.name(), java, "-cp", classes,
                    HttpScrape.class.getName()))
                    .redirectError(Logs.file(ns.name() + "-scrape.log").toFile()).start();
            return new HttpScrape(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GETs {@code url}; returns the body; fails unless the status is 200 with a text/plain body. */
    public synchronized String get(String url) {
        try {
            toChild.write((url + "\n").getBytes(StandardCharsets.UTF_8));
            toChild.flush();
            int status = fromChild.readInt();
            byte[] body = new byte[fromChild.readInt()];
            fromChild.readFully(body);
            String text = new String(body, StandardCharsets.UTF_8);
            if (status != 200) {
                throw new AssertionError("GET " + url + ": " + status + " " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("scraper in namespace died", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        DataOutputStream out = new DataOutputStream(System.out);
        String url;
        while ((url = in.readLine()) != null) {
            int status;
            byte[] body;
            try {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                String type = r.headers().firstValue("content-type").orElse("");
                status = type.startsWith("text/plain") ? r.statusCode() : 599;
                body = r.body();
            } catch (IOException e) {
                status = 598;
                body = e.toString().getBytes(StandardCharsets.UTF_8);
            }
            out.writeInt(status);
            out.writeInt(body.length);
            out.write(body);
            out.flush();
        }
    }
}
