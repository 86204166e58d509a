package dev.voicebot.rtp;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Outbound 16 kHz audio waiting to be sent, cut into 20 ms frames on demand.
 *
 * <p>Any thread may {@link #offer} or {@link #clear}; only the media clock calls {@link #fill}.
 * Clearing bumps a generation number so audio queued before the clear, including a chunk the
 * clock is half-way through, is never sent afterwards, even if the clear races a tick.
 */
final class PlayoutQueue {

    private record Chunk(short[] pcm, long generation) {
    }

    private final ConcurrentLinkedQueue<Chunk> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong queuedSamples = new AtomicLong();
    private final long maxQueuedSamples;

    private Chunk current;
    private int position;
    private long filledGeneration = -1;
    private volatile boolean holding;

    PlayoutQueue(long maxQueuedSamples) {
        this.maxQueuedSamples = maxQueuedSamples;
    }

    /** Appends audio (ownership passes to the queue); false if it would exceed the bound. */
    boolean offer(short[] pcm) {
        if (pcm.length == 0) {
            return true;
        }
        if (queuedSamples.get() + pcm.length > maxQueuedSamples) {
            return false;
        }
        queuedSamples.addAndGet(pcm.length);
        queue.add(new Chunk(pcm, generation.get()));
        return true;
    }

    /** Discards everything queued; the next {@link #fill} returns no queued audio. */
    void clear() {
        generation.incrementAndGet();
        for (Chunk c; (c = queue.poll()) != null; ) {
            queuedSamples.addAndGet(-c.pcm.length);
        }
    }

    /**
     * Clock thread: fills {@code frame} with the next queued audio, zero-padded; returns how many
     * samples came from the queue (0 = nothing to play).
     */
    int fill(short[] frame) {
        long gen = generation.get();
        if (current != null && current.generation != gen) {
            current = null;
        }
        int filled = 0;
        while (filled < frame.length) {
            if (current == null) {
                current = queue.poll();
                if (current == null) {
                    break;
                }
                queuedSamples.addAndGet(-current.pcm.length);
                position = 0;
                if (current.generation != gen) {
                    current = null;
                    continue;
                }
            }
            int n = Math.min(frame.length - filled, current.pcm.length - position);
            System.arraycopy(current.pcm, position, frame, filled, n);
            filled += n;
            position += n;
            if (position == current.pcm.length) {
                current = null;
            }
        }
        Arrays.fill(frame, filled, frame.length, (short) 0);
        holding = current != null;
        if (filled > 0) {
            filledGeneration = gen;
        }
        return filled;
    }

    /** Clock thread: generation of the audio the last non-empty {@link #fill} returned. */
    long filledGeneration() {
        return filledGeneration;
    }

    /** Clock thread: nothing left to play after the frame just filled. */
    boolean isIdle() {
        return current == null && queue.isEmpty();
    }

    /** Any thread: audio is queued or part-way through being sent, and not cleared. */
    boolean hasPending() {
        return !queue.isEmpty() || (holding && filledGeneration == generation.get());
    }
}
