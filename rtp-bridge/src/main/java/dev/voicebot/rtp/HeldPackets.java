package dev.voicebot.rtp;

/**
 * Datagrams of a source that is still being learned ({@link SourceLatch}), copied into
 * preallocated slots until the source latches (then they are taken, in order) or loses (then they
 * are dropped as foreign). Receive thread only.
 */
final class HeldPackets {

    private final byte[][] data;
    private final int[] lengths;
    private final long[] arrivals;
    private int count;

    HeldPackets(int capacity, int maxDatagram) {
        data = new byte[capacity][maxDatagram];
        lengths = new int[capacity];
        arrivals = new long[capacity];
    }

    /** Copies a datagram in; the oldest gives way if full (never, with a learning run's size). */
    void add(byte[] datagram, int length, long arrivalNanos) {
        if (count == data.length) {
            drop(1);
        }
        System.arraycopy(datagram, 0, data[count], 0, length);
        lengths[count] = length;
        arrivals[count] = arrivalNanos;
        count++;
    }

    int size() {
        return count;
    }

    byte[] data(int i) {
        return data[i];
    }

    int length(int i) {
        return lengths[i];
    }

    long arrivalNanos(int i) {
        return arrivals[i];
    }

    /** Forgets everything held; returns how many datagrams that was. */
    int clear() {
        int n = count;
        count = 0;
        return n;
    }

    private void drop(int n) {
        for (int i = n; i < count; i++) {
            byte[] keep = data[i - n];
            data[i - n] = data[i];
            data[i] = keep;
            lengths[i - n] = lengths[i];
            arrivals[i - n] = arrivals[i];
        }
        count -= n;
    }
}
