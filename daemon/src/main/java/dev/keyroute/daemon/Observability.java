package dev.keyroute.daemon;

import dev.keyroute.daemon.control.ControlCommands;
import dev.keyroute.daemon.control.ControlServer;
import dev.keyroute.daemon.metrics.InterfaceMetrics;
import dev.keyroute.daemon.metrics.MetricsServer;
import dev.keyroute.daemon.notify.Journal;
import dev.keyroute.daemon.notify.RouteNotifier;
import dev.keyroute.wgcore.device.Device;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * What an interface shows to the outside besides UAPI: the change journal (attached to the device
 * before it is configured, so every change is journalled), the control socket and the Prometheus
 * metrics. {@link #routeNotifier()} is what the route follower reports to.
 */
final class Observability implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Observability.class.getName());

    /** Where to serve: the control socket path, and the metrics address (null = off). */
    record Settings(Path controlSocket, InetSocketAddress metricsAddress) {
    }

    private final String ifname;
    private final Device device;
    private final Journal journal;
    private final ControlCommands commands;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final InterfaceMetrics metrics;
    private ControlServer control;
    private MetricsServer metricsServer;

    private Observability(String ifname, Device device) {
        this.ifname = ifname;
        this.device = device;
        this.journal = new Journal(device, Journal.DEFAULT_QUEUE_CAPACITY).attach();
        this.commands = new ControlCommands(device);
        this.metrics = new InterfaceMetrics(registry, ifname, device, journal, commands);
    }

    /** Attaches the journal and meters to a device that is not configured yet. */
    static Observability attach(String ifname, Device device) {
        return new Observability(ifname, device);
    }

    /** Opens the control socket and (unless off) the metrics endpoint; a busy metrics port only warns. */
    void serve(Settings settings) throws IOException {
        control = ControlServer.start(settings.controlSocket(), journal, commands);
        if (settings.metricsAddress() != null) {
            try {
                metricsServer = MetricsServer.start(settings.metricsAddress(), this::scrape);
                LOG.info("metrics for " + ifname + " at http://" + hostPort(metricsServer.address()) + "/metrics");
            } catch (IOException e) {
                LOG.warning(e.getMessage() + " (metrics off; set MetricsAddress or --metrics-address)");
            }
        }
    }

    private static String hostPort(InetSocketAddress a) {
        String h = a.getAddress().getHostAddress();
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + a.getPort();
    }

    String scrape() {
        metrics.refresh();
        return registry.scrape();
    }

    Journal journal() {
        return journal;
    }

    RouteNotifier routeNotifier() {
        return RouteNotifier.both(journal, metrics);
    }

    @Override
    public void close() {
        if (metricsServer != null) {
            metricsServer.close();
        }
        if (control != null) {
            control.close();
        }
        device.setPeerListener(null);
        device.allowedIps().setChangeListener(null);
    }
}
