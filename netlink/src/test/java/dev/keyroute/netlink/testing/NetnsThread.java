package dev.keyroute.netlink.testing;

import com.sun.jna.LastErrorException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One dedicated thread that has joined a named network namespace ({@code ip netns add}) with
 * {@code setns(fd, CLONE_NEWNET)}. The JVM's other threads stay where they are; sockets opened
 * by tasks on this thread (netlink, UDP, TUN) belong to the namespace for their whole life.
 *
 * <pre>{@code
 * try (NetnsThread ns = NetnsThread.enter("kr1234")) {
 *     List<RouteMessage> routes = ns.call(() -> { try (var r = KernelRtnl.open()) { return r.dumpRoutes(AF_INET); } });
 * }
 * }</pre>
 */
public final class NetnsThread implements AutoCloseable {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    private final String name;
    private final ExecutorService executor;

    private NetnsThread(String name) {
        this.name = name;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "netns-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the thread and moves it into {@code /var/run/netns/<name>}. */
    public static NetnsThread enter(String name) throws Exception {
        NetnsThread t = new NetnsThread(name);
        try {
            t.call(() -> {
                join("/var/run/netns/" + name);
                return null;
            });
            return t;
        } catch (Exception e) {
            t.close();
            throw e;
        }
    }

    private static void join(String path) {
        int fd;
        try {
            fd = NetnsLibC.open(path, NetnsLibC.O_RDONLY | NetnsLibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw new IllegalStateException("open " + path + ": errno " + e.getErrorCode(), e);
        }
        try {
            NetnsLibC.setns(fd, NetnsLibC.CLONE_NEWNET);
        } catch (LastErrorException e) {
            throw new IllegalStateException("setns " + path + ": errno " + e.getErrorCode(), e);
        } finally {
            NetnsLibC.close(fd);
        }
    }

    public String namespace() {
        return name;
    }

    /** Runs {@code task} on the namespace thread and returns its result; its exception is rethrown as is. */
    public <T> T call(Callable<T> task) throws Exception {
        return call(task, DEFAULT_TIMEOUT);
    }

    public <T> T call(Callable<T> task, Duration timeout) throws Exception {
        var f = executor.submit(task);
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        } catch (TimeoutException e) {
            f.cancel(true);
            throw e;
        }
    }

    /** A task without a result. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    public void run(Task task) throws Exception {
        call(() -> {
            task.run();
            return null;
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
