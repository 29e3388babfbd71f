package dev.keyroute.wgcore.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A dedicated thread that has entered a named network namespace ({@code /var/run/netns/<ns>},
 * {@code setns(fd, CLONE_NEWNET)}). Sockets and TUN devices created by tasks run here belong to
 * that namespace; the fds they return may then be used from any thread.
 */
public final class NetnsThread implements AutoCloseable {
    private final ExecutorService executor;

    private NetnsThread(ExecutorService executor) {
        this.executor = executor;
    }

    public static NetnsThread enter(String namespace) throws IOException {
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "netns-" + namespace);
            t.setDaemon(true);
            return t;
        });
        NetnsThread thread = new NetnsThread(ex);
        try {
            thread.call(() -> {
                LibC libc = Posix.libc();
                int fd = Posix.check(libc.open("/var/run/netns/" + namespace,
                        LinuxAbi.O_RDONLY | LinuxAbi.O_CLOEXEC), "open netns " + namespace);
                try {
                    Posix.check(libc.setns(fd, LinuxAbi.CLONE_NEWNET), "setns " + namespace);
                } finally {
                    libc.close(fd);
                }
                return null;
            });
        } catch (IOException e) {
            ex.shutdownNow();
            throw e;
        }
        return thread;
    }

    /** Runs {@code task} on the namespace thread and returns its result. */
    public <T> T call(Callable<T> task) throws IOException {
        Future<T> f = executor.submit(task);
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    /** The inode of this thread's network namespace (to check which namespace it is in). */
    public String netnsLink() throws IOException {
        return call(() -> Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
