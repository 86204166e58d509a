package dev.voicebot.sip.register;

import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of one trunk, for logs and the app's status endpoint.
 *
 * @param lastError why the last attempt failed, in words an operator can act on; null if none
 * @param grantedExpiry what the registrar granted last; null if never registered
 * @param expiresAt when the current registration lapses; null unless registered
 * @param attempts REGISTER exchanges started so far (initial, refreshes and retries)
 * @param consecutiveFailures failed attempts since the last success
 * @param nextAttemptAt when the next REGISTER (refresh or retry) is due; null if none
 */
public record TrunkStatus(
    String trunk,
    String aor,
    RegistrationState state,
    String lastError,
    Duration grantedExpiry,
    Instant expiresAt,
    long attempts,
    int consecutiveFailures,
    Instant lastAttemptAt,
    Instant nextAttemptAt,
    Reachability reachability) {}
