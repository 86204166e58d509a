package dev.voicebot.app.records;

/** The kinds of {@link CallRecord.Event}. */
public enum EventKind {
  /** A key the caller pressed (RFC 4733 or SIP INFO). */
  DTMF,
  /** The caller put the call on hold / took it off hold. */
  HOLD,
  RESUME,
  /** The caller's media address moved (a re-INVITE). */
  MEDIA_MOVED,
  /** A re-offer switched the call to another codec. */
  CODEC_SWITCH,
  /** The bot asked the caller's side to transfer the call (REFER), and what came of it. */
  TRANSFER,
  TRANSFER_RESULT,
  /** The echo canceller decided whether the line echoes the bot (unknown, absent, present). */
  LINE_ECHO;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
