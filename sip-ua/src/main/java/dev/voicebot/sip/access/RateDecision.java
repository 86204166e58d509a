package dev.voicebot.sip.access;

/** What becomes of one request at the rate limit. */
public enum RateDecision {
  /** Within the limit, or of a dialog or transaction we know: go on. */
  PASS,
  /**
   * A trunk or allowlisted peer over its limit: answer 503 with a short Retry-After (RFC 3261
   * 21.5.4), statelessly, so it backs off or tries another server instead of retransmitting.
   */
  REFUSE,
  /**
   * Another source over its limit: say nothing. An answer would confirm a SIP server to a
   * scanner, cost work per flood packet and reflect traffic to a spoofed source; a real UDP
   * caller retransmits its INVITE (RFC 3261 timer A), which is back-off enough.
   */
  DROP
}
