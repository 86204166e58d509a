package dev.voicebot.pipeline.conversation;

/**
 * Whether the caller's line returns the bot's own voice, as the app's echo canceller has measured
 * it. On a line without echo every sound is the caller's, so the bot can stop at the first sign
 * of speech; with echo (or before it is known) it waits for the VAD to confirm the onset.
 */
public enum LineEcho {
  /** Not measured yet: the bot has not talked long enough for an echo to be looked for. */
  UNKNOWN,
  /** The bot has talked and nothing of its voice came back. */
  NONE,
  /** The bot's voice comes back (a speakerphone, an analogue leg). */
  PRESENT
}
