package dev.voicebot.rtp.rtcp;

import java.time.Instant;

/** 64-bit NTP timestamps (RFC 3550 §4): seconds since 1900-01-01 in the high word, fraction below. */
public final class NtpTime {

    /** Seconds from 1900-01-01 to 1970-01-01. */
    static final long EPOCH_OFFSET = 2_208_988_800L;

    private NtpTime() {
    }

    public static long fromInstant(Instant t) {
        long seconds = t.getEpochSecond() + EPOCH_OFFSET;
        long fraction = (((long) t.getNano()) << 32) / 1_000_000_000L;
        return (seconds << 32) | fraction;
    }

    /** The middle 32 bits, the "compact" form LSR and round-trip arithmetic use (1/65536 s units). */
    public static long middle32(long ntp) {
        return (ntp >>> 16) & 0xFFFFFFFFL;
    }

    /** A duration in nanoseconds as 1/65536 s units (DLSR). */
    public static long nanosToCompact(long nanos) {
        return Math.max(0, nanos) * 65_536L / 1_000_000_000L;
    }

    public static double compactToMillis(long compact) {
        return compact * 1000.0 / 65_536.0;
    }
}
