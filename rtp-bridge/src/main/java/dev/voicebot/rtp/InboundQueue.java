package dev.voicebot.rtp;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded single-producer, single-consumer queue of datagrams copied into preallocated slots:
 * the receive thread offers, the media clock drains. Lock-free, so a slow tick never blocks
 * receiving and a burst of packets never blocks the clock.
 */
final class InboundQueue {

    private final byte[][] slots;
    private final int[] lengths;
    private final int mask;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();

    InboundQueue(int capacityPowerOfTwo, int slotSize) {
        if (Integer.bitCount(capacityPowerOfTwo) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two");
        }
        slots = new byte[capacityPowerOfTwo][slotSize];
        lengths = new int[capacityPowerOfTwo];
        mask = capacityPowerOfTwo - 1;
    }

    /** Producer: copies the datagram in; false if the queue is full or the datagram too big. */
    boolean offer(byte[] data, int off, int len) {
        long t = tail.get();
        if (t - head.getAcquire() >= slots.length) {
            return false;
        }
        int i = (int) (t & mask);
        if (len > slots[i].length) {
            return false;
        }
        System.arraycopy(data, off, slots[i], 0, len);
        lengths[i] = len;
        tail.setRelease(t + 1);
        return true;
    }

    /** Consumer: whether a datagram is waiting. */
    boolean isEmpty() {
        return head.get() == tail.getAcquire();
    }

    /** Consumer: the oldest datagram's bytes (valid until {@link #release()}). */
    byte[] peekData() {
        return slots[(int) (head.get() & mask)];
    }

    int peekLength() {
        return lengths[(int) (head.get() & mask)];
    }

    /** Consumer: frees the oldest slot for reuse. */
    void release() {
        head.setRelease(head.get() + 1);
    }
}
