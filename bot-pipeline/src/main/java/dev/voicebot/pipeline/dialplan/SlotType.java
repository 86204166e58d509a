package dev.voicebot.pipeline.dialplan;

/** What kind of answer a slot takes, from the caller's words or keys. */
public enum SlotType {
  /** A fixed number of digits ("digits: 5"), said or keyed; read back one by one. */
  DIGITS,
  /** Any number of digits, said in one go or keyed up to the terminator; read back one by one. */
  NUMBER,
  /** Yes or no; keys 1 (yes) and 2 (no). The variable holds "yes" or "no". */
  YES_NO,
  /** A day of the week, "today" or "tomorrow"; keys 1 (Monday) to 7 (Sunday). The variable holds its name. */
  DAY,
  /** The caller's words as they were recognized; keys are not an answer. */
  TEXT;

  /** Whether the answer is digits (the recognizer then expects digit words, keys add up). */
  public boolean digits() {
    return this == DIGITS || this == NUMBER;
  }
}
