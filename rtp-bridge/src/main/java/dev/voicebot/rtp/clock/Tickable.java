package dev.voicebot.rtp.clock;

/**
 * Work done once per media clock period, in two passes over a lane's tickables: first every
 * {@link #send}, then every {@link #tick}. What must leave on the 20 ms grid goes in the first
 * pass, so the last call's packet waits only for the other calls' sends, not for their inbound
 * work (decoding, echo cancellation, resampling). Must not block: every call on a lane shares its
 * one thread.
 */
@FunctionalInterface
public interface Tickable {

    /**
     * The period's sends, before any tickable of the lane does its {@link #tick}. Nothing by default.
     *
     * @param tickNanos the period's scheduled deadline on the {@link System#nanoTime()} scale
     */
    default void send(long tickNanos) {}

    /**
     * The rest of the period's work, after every tickable of the lane has sent.
     *
     * @param tickNanos the period's scheduled deadline on the {@link System#nanoTime()} scale
     */
    void tick(long tickNanos);
}
