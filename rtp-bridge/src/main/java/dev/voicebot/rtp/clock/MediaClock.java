package dev.voicebot.rtp.clock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticks every registered {@link Tickable} every 20 ms, from one daemon platform thread at maximum
 * priority per lane.
 *
 * <p>There is one time base: every lane's deadlines are {@code start + n·period} from the same
 * start, so sleep jitter never accumulates into drift and all calls' packets stay on one 20 ms
 * grid. A tickable is ticked by one lane for as long as it is registered (its state stays
 * single-threaded); it joins the lane with the fewest tickables. Lanes exist because one thread
 * ticking every call makes the last call's packet as late as all the calls' work together: with
 * a lane per core, a tick's work is spread over the cores and a lane's lateness is its share.
 * Within a lane each period runs in two passes ({@link Tickable}): every tickable's sends, then
 * every tickable's other work, so the packets leave on time however much inbound work follows.
 *
 * <p>If a lane falls more than {@link #MAX_LAG_TICKS} ticks behind (a GC pause, an overloaded
 * host) it skips the missed ticks instead of bursting them: a burst would send a clump of
 * packets the peer's jitter buffer would have to absorb. An exception from one Tickable is logged
 * and the others still tick.
 */
public final class MediaClock implements AutoCloseable {

    public static final Duration PERIOD = Duration.ofMillis(20);
    static final int MAX_LAG_TICKS = 3;

    private static final Logger log = LoggerFactory.getLogger(MediaClock.class);

    private final long periodNanos;
    private final Lane[] lanes;
    private volatile boolean running;
    private volatile boolean started;
    private volatile long start;
    private final TickHistogram lateness = new TickHistogram();
    private final TickHistogram work = new TickHistogram();
    private final AtomicLong failures = new AtomicLong();

    /** A clock named "media-clock" with a lane per available processor. */
    public MediaClock() {
        this("media-clock", Runtime.getRuntime().availableProcessors());
    }

    /** A clock with one lane: one thread named {@code threadName}. */
    public MediaClock(String threadName) {
        this(threadName, 1);
    }

    /**
     * @param threadName the lanes' threads are named {@code threadName-0}, {@code threadName-1}, …
     *                   (just {@code threadName} with one lane)
     * @param lanes      how many threads share the ticking, usually the cores
     */
    public MediaClock(String threadName, int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("a media clock needs at least one lane: " + lanes);
        }
        this.periodNanos = PERIOD.toNanos();
        this.lanes = new Lane[lanes];
        for (int i = 0; i < lanes; i++) {
            this.lanes[i] = new Lane(lanes == 1 ? threadName : threadName + "-" + i);
        }
    }

    /** Adds a tickable to the least loaded lane (no-op if already registered). */
    public synchronized void register(Tickable tickable) {
        Lane least = lanes[0];
        for (Lane lane : lanes) {
            if (Arrays.asList(lane.tickables).contains(tickable)) {
                return;
            }
            if (lane.tickables.length < least.tickables.length) {
                least = lane;
            }
        }
        Tickable[] grown = Arrays.copyOf(least.tickables, least.tickables.length + 1);
        grown[grown.length - 1] = tickable;
        least.tickables = grown;
    }

    /** Stops ticking it; the tick in flight on its lane may still run it once. */
    public synchronized void unregister(Tickable tickable) {
        for (Lane lane : lanes) {
            List<Tickable> kept = new ArrayList<>(Arrays.asList(lane.tickables));
            if (kept.remove(tickable)) {
                lane.tickables = kept.toArray(Tickable[]::new);
            }
        }
    }

    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("media clock already started");
        }
        started = true;
        running = true;
        start = System.nanoTime();
        for (Lane lane : lanes) {
            lane.thread.start();
        }
    }

    /** How many threads share the ticks. */
    public int lanes() {
        return lanes.length;
    }

    /** The lanes' thread names, e.g. to read their CPU time. */
    public List<String> threadNames() {
        return Arrays.stream(lanes).map(l -> l.thread.getName()).toList();
    }

    /** 20 ms periods ticked so far (the first lane's count; every lane ticks each period). */
    public long ticks() {
        return lanes[0].ticks;
    }

    /** Lane ticks skipped because a lane fell too far behind, over all lanes. */
    public long skippedTicks() {
        long sum = 0;
        for (Lane lane : lanes) {
            sum += lane.skippedTicks;
        }
        return sum;
    }

    /**
     * How late each lane's last send of a period left against the period's deadline (the RTP
     * pacing), one count per lane per period.
     */
    public TickHistogram.Snapshot lateness() {
        return lateness.snapshot();
    }

    /**
     * How long the lanes' periods took from waking to the last tickable's return from its {@link
     * Tickable#tick} (both passes): the sessions' work, without the wait for a CPU.
     */
    public TickHistogram.Snapshot work() {
        return work.snapshot();
    }

    /** Stops the threads; waits briefly for the ticks in progress unless called from a tick. */
    @Override
    public void close() {
        running = false;
        for (Lane lane : lanes) {
            LockSupport.unpark(lane.thread);
        }
        if (!started) {
            return;
        }
        for (Lane lane : lanes) {
            if (Thread.currentThread() != lane.thread) {
                try {
                    lane.thread.join(TimeUnit.SECONDS.toMillis(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One thread and the tickables it ticks. */
    private final class Lane {

        /**
         * Replaced whole under the clock's lock, never changed in place: a period reads it once,
         * so both passes run the same tickables and the loop allocates no iterator.
         */
        private volatile Tickable[] tickables = {};
        private final Thread thread;
        private volatile long ticks;
        private volatile long skippedTicks;

        Lane(String name) {
            thread = Thread.ofPlatform().name(name).daemon(true).priority(Thread.MAX_PRIORITY).unstarted(this::run);
        }

        private void run() {
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
                Tickable[] period = tickables;
                for (Tickable t : period) {
                    sendOne(t, deadline);
                }
                lateness.record(System.nanoTime() - deadline);
                for (Tickable t : period) {
                    tickOne(t, deadline);
                }
                work.record(System.nanoTime() - began);
                ticks++;
                n++;
                long behind = (System.nanoTime() - (start + n * periodNanos)) / periodNanos;
                if (behind > MAX_LAG_TICKS) {
                    skippedTicks += behind;
                    n += behind;
                    log.warn("media clock lane {} fell {} ticks behind; skipping them", thread.getName(), behind);
                }
            }
        }

        private void sendOne(Tickable t, long deadline) {
            try {
                t.send(deadline);
            } catch (RuntimeException | Error e) {
                failed(t, e);
            }
        }

        private void tickOne(Tickable t, long deadline) {
            try {
                t.tick(deadline);
            } catch (RuntimeException | Error e) {
                failed(t, e);
            }
        }

        private void failed(Tickable t, Throwable e) {
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            // A tickable that fails every tick would log 50 times a second: log 1st, 2nd, 4th, 8th...
            long f = failures.incrementAndGet();
            if (Long.bitCount(f) == 1) {
                log.error("tickable {} failed ({} failures so far); the others keep ticking", t, f, e);
            }
        }
    }
}
