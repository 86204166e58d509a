package dev.voicebot.pipeline.turn;

/** How complete the caller's words so far are as an answer in the current state; tunes the endpoint wait. */
public enum Completeness {
  /** A full expected answer (a confidently matched intent, all expected digits): end the turn quickly. */
  COMPLETE,
  /** The caller is evidently not done (some digits still missing, a trailing "and"): wait longer. */
  INCOMPLETE,
  /** Nothing known either way: the normal wait. */
  UNKNOWN
}
