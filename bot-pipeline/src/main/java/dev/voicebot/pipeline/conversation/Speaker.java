package dev.voicebot.pipeline.conversation;

/** Who said a line of the transcript. */
public enum Speaker {
  CALLER,
  BOT
}
