package dev.voicebot.pipeline.inference;

/** What the pipeline gave up when the CPU could not keep up: each is counted and logged. */
public enum Shed {
  /** A 20 ms caller frame dropped because the call's actor (VAD, turn-taking) was seconds behind. */
  CALLER_FRAME,
  /** A caller's turn answered without its final words: the recognizer did not return them in time. */
  LATE_TRANSCRIPT,
  /** Inference work refused because the pool's queue was full. */
  REJECTED_TASK;

  /** The label used in metrics, e.g. {@code caller_frame}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
