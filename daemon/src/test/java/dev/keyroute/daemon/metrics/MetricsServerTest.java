package dev.keyroute.daemon.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
    @Test
    void shouldServeScrapeAtMetricsAndNotFoundElsewhere() throws Exception {
        AtomicInteger scrapes = new AtomicInteger();
        try (MetricsServer s = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0),
                () -> "up " + scrapes.incrementAndGet() + "\n")) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + s.address().getPort();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("up 1\n", r.body());
            assertEquals(MetricsServer.CONTENT_TYPE, r.headers().firstValue("content-type").orElseThrow());
            r = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics?x=1")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("up 2\n", r.body(), "keep-alive connection reused, query ignored");
            r = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, r.statusCode());
            r = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).POST(HttpRequest.BodyPublishers.ofString("x"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, r.statusCode());
            assertEquals(2, scrapes.get());
        }
    }

    @Test
    void shouldFailToStartWhenPortIsTaken() throws Exception {
        try (MetricsServer s = MetricsServer.start(new InetSocketAddress("127.0.0.1", 0), () -> "")) {
            org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                    () -> MetricsServer.start(s.address(), () -> "").close());
        }
    }
}
