package dev.voicebot.rtp.clock;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Times of the media clock's ticks in 0.1 ms buckets up to 100 ms (the last bucket holds
 * everything longer): how late a lane's last packet of each tick left against its deadline (the
 * RTP pacing the callers' jitter buffers see), or how long the tick's work took (what the
 * sessions cost, apart from waiting for a CPU to wake the clock).
 *
 * <p>The clock's lanes record (an atomic increment per lane per tick, nothing allocated); any
 * thread may take a {@link Snapshot}.
 */
public final class TickHistogram {

    static final long BUCKET_NANOS = 100_000;
    static final int BUCKETS = 1000;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void record(long nanos) {
        int bucket = (int) Math.min(BUCKETS - 1, Math.max(0, nanos / BUCKET_NANOS));
        counts.getAndIncrement(bucket);
    }

    public Snapshot snapshot() {
        long[] out = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            out[i] = counts.getAcquire(i);
        }
        return new Snapshot(out);
    }

    /**
     * Tick counts per 0.1 ms at one moment; {@link #since} gives those of an interval.
     *
     * @param counts ticks per bucket (bucket {@code i}: {@code i/10} to {@code (i+1)/10} ms)
     */
    public record Snapshot(long[] counts) {

        public Snapshot {
            counts = counts.clone();
        }

        /** The ticks recorded after {@code earlier} was taken. */
        public Snapshot since(Snapshot earlier) {
            long[] out = new long[counts.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = counts[i] - earlier.counts[i];
            }
            return new Snapshot(out);
        }

        public long ticks() {
            return Arrays.stream(counts).sum();
        }

        /**
         * The time (ms, the upper edge of its 0.1 ms bucket) that a fraction {@code q} of the
         * ticks did not exceed; NaN without ticks.
         */
        public double quantileMillis(double q) {
            if (q <= 0 || q > 1) {
                throw new IllegalArgumentException("quantile must be in (0, 1]: " + q);
            }
            long total = ticks();
            if (total == 0) {
                return Double.NaN;
            }
            long needed = (long) Math.ceil(q * total);
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= needed) {
                    return (i + 1) * (BUCKET_NANOS / 1e6);
                }
            }
            return counts.length * (BUCKET_NANOS / 1e6);
        }

        /** Ticks whose time was {@code millis} or more (to the bucket's resolution). */
        public long atLeastMillis(double millis) {
            int from = (int) Math.min(counts.length, Math.max(0, Math.round(millis * 1e6 / BUCKET_NANOS)));
            return Arrays.stream(counts, from, counts.length).sum();
        }
    }
}
