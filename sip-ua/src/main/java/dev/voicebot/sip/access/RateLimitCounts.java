package dev.voicebot.sip.access;

/**
 * Requests stopped by the rate limit since start.
 *
 * @param refused trusted peers' requests answered 503 (see {@link RateDecision#REFUSE})
 * @param dropped other sources' requests dropped (see {@link RateDecision#DROP})
 */
public record RateLimitCounts(long refused, long dropped) {}
