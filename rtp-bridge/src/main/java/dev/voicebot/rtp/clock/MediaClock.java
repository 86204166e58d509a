package dev.voicebot.rtp.clock;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticks every registered {@link Tickable} every 20 ms from one daemon platform thread at maximum
 * priority.
 *
 * <p>Deadlines are absolute ({@code start + n·period}), so sleep jitter never accumulates into
 * drift. If the thread falls more than {@link #MAX_LAG_TICKS} ticks behind (a GC pause, an
 * overloaded host) it skips the missed ticks instead of bursting them: a burst would send a
 * clump of packets the peer's jitter buffer would have to absorb. An exception from one Tickable
 * is logged and the others still tick.
 */
public final class MediaClock implements AutoCloseable {

    public static final Duration PERIOD = Duration.ofMillis(20);
    static final int MAX_LAG_TICKS = 3;

    private static final Logger log = LoggerFactory.getLogger(MediaClock.class);

    private final long periodNanos;
    private final CopyOnWriteArrayList<Tickable> tickables = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running;
    private volatile boolean started;
    private volatile long ticks;
    private volatile long skippedTicks;
    private final TickHistogram lateness = new TickHistogram();
    private final TickHistogram work = new TickHistogram();
    private long failures;

    public MediaClock() {
        this("media-clock");
    }

    public MediaClock(String threadName) {
        this.periodNanos = PERIOD.toNanos();
        this.thread = Thread.ofPlatform()
                .name(threadName)
                .daemon(true)
                .priority(Thread.MAX_PRIORITY)
                .unstarted(this::run);
    }

    public void register(Tickable tickable) {
        tickables.addIfAbsent(tickable);
    }

    public void unregister(Tickable tickable) {
        tickables.remove(tickable);
    }

    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("media clock already started");
        }
        started = true;
        running = true;
        thread.start();
    }

    /** Ticks run so far. */
    public long ticks() {
        return ticks;
    }

    /** Ticks skipped because the clock fell too far behind. */
    public long skippedTicks() {
        return skippedTicks;
    }

    /** How late the ticks so far finished against their deadlines (the RTP pacing). */
    public TickHistogram.Snapshot lateness() {
        return lateness.snapshot();
    }

    /**
     * How long the ticks so far took from waking to the last tickable's return: the sessions'
     * work, without the wait for a CPU that {@link #lateness()} also holds.
     */
    public TickHistogram.Snapshot work() {
        return work.snapshot();
    }

    /** Stops the thread; waits briefly for the tick in progress unless called from a tick. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        if (started && Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        long start = System.nanoTime();
        long n = 0;
        while (running) {
            long deadline = start + n * periodNanos;
            long wait;
            while (running && (wait = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(this, wait);
            }
            if (!running) {
                break;
            }
            long began = System.nanoTime();
            for (Tickable t : tickables) {
                try {
                    t.tick(deadline);
                } catch (RuntimeException | Error e) {
                    if (e instanceof VirtualMachineError) {
                        throw e;
                    }
                    // A tickable that fails every tick would log 50 times a second: log 1st, 2nd, 4th, 8th...
                    long f = ++failures;
                    if (Long.bitCount(f) == 1) {
                        log.error("tickable {} failed ({} failures so far); the others keep ticking", t, f, e);
                    }
                }
            }
            long ended = System.nanoTime();
            lateness.record(ended - deadline);
            work.record(ended - began);
            ticks++;
            n++;
            long behind = (System.nanoTime() - (start + n * periodNanos)) / periodNanos;
            if (behind > MAX_LAG_TICKS) {
                skippedTicks += behind;
                n += behind;
                log.warn("media clock fell {} ticks behind; skipping them", behind);
            }
        }
    }
}
