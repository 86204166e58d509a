package dev.voicebot.app.records.db;

import java.time.Instant;
import java.util.Optional;

/**
 * Which calls to list, newest first. Every filter is optional.
 *
 * @param since calls that started at or after this
 * @param until calls that started before this
 * @param number the called number exactly, or a part of the caller's URI
 * @param dialplan the dialplan's name exactly
 * @param outcome an {@code Outcome} label, e.g. {@code caller-hung-up}; {@code active} for calls
 *     without an end
 * @param limit at most this many (1 to {@link #MAX_LIMIT})
 * @param offset after skipping this many
 */
public record CallQuery(Optional<Instant> since, Optional<Instant> until, Optional<String> number,
    Optional<String> dialplan, Optional<String> outcome, int limit, int offset) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;
  public static final String ACTIVE = "active";

  public CallQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, not " + offset);
    }
    number = number.filter(s -> !s.isBlank());
    dialplan = dialplan.filter(s -> !s.isBlank());
    outcome = outcome.filter(s -> !s.isBlank());
  }

  /** The newest {@link #DEFAULT_LIMIT} calls, unfiltered. */
  public static CallQuery latest() {
    return new CallQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        DEFAULT_LIMIT, 0);
  }

  /** One page of the calls that match, and how many match in all. */
  public record Page<T>(java.util.List<T> items, long total) {}
}
