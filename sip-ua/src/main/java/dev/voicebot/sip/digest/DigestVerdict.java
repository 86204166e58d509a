package dev.voicebot.sip.digest;

/** The outcome of checking a caller's digest answer. */
public sealed interface DigestVerdict {

  /** The right password for a configured user. */
  record Accepted(String username) implements DigestVerdict {}

  /** A correct answer to a nonce of ours that has expired: challenge again with stale=true. */
  record Stale() implements DigestVerdict {}

  /** Anything else; {@code why} is for logs and never contains secrets. */
  record Rejected(String why) implements DigestVerdict {}
}
