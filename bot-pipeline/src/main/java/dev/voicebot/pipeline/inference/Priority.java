package dev.voicebot.pipeline.inference;

/**
 * How urgently a piece of inference is needed, most urgent first. Within one priority work runs
 * in submission order.
 */
public enum Priority {
  /** The caller stopped talking and waits for the answer: the final of their words. */
  ANSWER,
  /** The caller is talking: their audio, batched while the pool is busy, feeds the partials. */
  LISTENING,
  /** Anything no caller waits on right now (closing a stream, a grammar for the next turn). */
  BACKGROUND
}
