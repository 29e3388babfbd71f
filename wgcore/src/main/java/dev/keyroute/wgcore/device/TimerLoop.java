package dev.keyroute.wgcore.device;

import java.util.concurrent.locks.LockSupport;

/** Drives every peer's timers: a tick every few milliseconds against the device clock. */
final class TimerLoop implements Runnable {
    static final long TICK_NANOS = 5_000_000L;
    private final Device device;
    private volatile boolean running = true;

    TimerLoop(Device device) {
        this.device = device;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running) {
            try {
                device.tickTimers();
            } catch (RuntimeException e) {
                device.counters().drop(DropReason.MALFORMED);
            }
            LockSupport.parkNanos(TICK_NANOS);
        }
    }
}
