package dev.voicebot.rtp.jitter;

/**
 * Widens wrapping RTP counters (16-bit sequence numbers, 32-bit timestamps) to a monotonic
 * {@code long} by serial-number arithmetic: a value is taken as the nearest one to the highest
 * seen so far, so both wrap-around and moderate reordering come out right.
 */
final class SerialExtender {

    private final int bits;
    private final long modulus;
    private long highest;

    SerialExtender(int bits) {
        this.bits = bits;
        this.modulus = 1L << bits;
    }

    /** Starts a new stream at {@code value}. */
    long start(long value) {
        highest = value & (modulus - 1);
        return highest;
    }

    long extend(long value) {
        long delta = ((value - highest) << (64 - bits)) >> (64 - bits); // sign-extended difference
        long extended = highest + delta;
        if (extended > highest) {
            highest = extended;
        }
        return extended;
    }
}
