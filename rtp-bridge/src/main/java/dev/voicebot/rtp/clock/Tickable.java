package dev.voicebot.rtp.clock;

/** Work done once per media clock tick. Must not block: every call shares the one clock thread. */
@FunctionalInterface
public interface Tickable {

    /** @param tickNanos the tick's scheduled deadline on the {@link System#nanoTime()} scale */
    void tick(long tickNanos);
}
