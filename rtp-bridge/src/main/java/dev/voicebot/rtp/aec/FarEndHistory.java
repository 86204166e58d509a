package dev.voicebot.rtp.aec;

import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;

/**
 * The last four seconds of audio the bot sent, on one sample clock shared with the caller's frames:
 * the far-end reference can be read back at any delay (the echo path's bulk delay) and its
 * energy looked up where an echo of it would land.
 *
 * <p>Time is the count of far-end samples written. A caller frame handed to the canceller at far
 * position {@code p} is the caller's audio for samples {@code [p, p + 320)}: a tick's inbound
 * frame is processed before the tick's outbound frame is written. Not thread-safe: media clock only.
 */
final class FarEndHistory {

    /** Envelope resolution: 4 ms, fine enough to place an echo inside the filter's tail. */
    static final int BLOCK = 64;
    private static final int CAPACITY = 1 << 16; // 4.1 s at 16 kHz: a search window plus the longest delay
    private static final int MASK = CAPACITY - 1;
    private static final int BLOCKS = CAPACITY / BLOCK;

    private final short[] samples = new short[CAPACITY];
    /** RMS of each block, by block number modulo {@link #BLOCKS}. */
    private final double[] blockRms = new double[BLOCKS];
    private long written;

    /** The longest delay that can be read back, in samples. */
    static int capacity() {
        return CAPACITY;
    }

    void write(short[] frame, int length) {
        for (int i = 0; i < length; i++) {
            samples[(int) ((written + i) & MASK)] = frame[i];
        }
        long firstBlock = written / BLOCK;
        written += length;
        for (long b = firstBlock; b < written / BLOCK; b++) {
            double sum = 0;
            int base = (int) ((b * BLOCK) & MASK);
            for (int i = 0; i < BLOCK; i++) {
                double v = samples[base + i];
                sum += v * v;
            }
            blockRms[(int) (b % BLOCKS)] = Math.sqrt(sum / BLOCK);
        }
    }

    /** Samples written so far: the far clock's "now". */
    long position() {
        return written;
    }

    /**
     * Copies the {@code length} samples that end {@code delay} samples before now into
     * {@code dst}; samples before the first write (or older than the history) are silence.
     */
    void copyDelayed(int delay, int length, MemorySegment dst) {
        long from = written - delay - length;
        int i = 0;
        for (; i < length && (from + i < 0 || from + i < written - CAPACITY); i++) {
            dst.setAtIndex(JAVA_SHORT, i, (short) 0);
        }
        while (i < length) {
            int at = (int) ((from + i) & MASK);
            int run = Math.min(length - i, CAPACITY - at); // up to the ring's wrap
            MemorySegment.copy(samples, at, dst, JAVA_SHORT, (long) i * Short.BYTES, run);
            i += run;
        }
    }

    /** The oldest block still held (0 until the history has wrapped). */
    long oldestBlock() {
        return Math.max(0, (written - CAPACITY) / BLOCK + 1);
    }

    /** RMS of block {@code block}, 0 if not written yet or already overwritten. */
    double blockRms(long block) {
        if (block < 0 || block >= written / BLOCK || block < (written - CAPACITY) / BLOCK + 1) {
            return 0;
        }
        return blockRms[(int) (block % BLOCKS)];
    }

    /** Mean square of far samples {@code [from, from + length)}; samples not held count as silence. */
    double power(long from, int length) {
        double sum = 0;
        for (long t = Math.max(from, Math.max(0, written - CAPACITY)); t < Math.min(from + length, written); t++) {
            double v = samples[(int) (t & MASK)];
            sum += v * v;
        }
        return sum / length;
    }

    /**
     * The loudest 20 ms (five consecutive blocks) of far samples {@code [from, to)}, as a mean
     * square: the power an echo of that stretch can have, without the 4 ms peaks of syllables.
     */
    double maxPower(long from, long to) {
        double max = 0;
        long first = Math.floorDiv(from, BLOCK);
        long last = Math.floorDiv(to - 1, BLOCK);
        for (long b = first; b + 4 <= last; b++) {
            double sum = 0;
            for (long k = b; k < b + 5; k++) {
                double rms = blockRms(k);
                sum += rms * rms;
            }
            max = Math.max(max, sum / 5);
        }
        return max;
    }

}
