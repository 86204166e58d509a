package dev.voicebot.pipeline.realtime;

/**
 * Takes over a call whose realtime model was lost (it could not connect, or the connection
 * failed mid-call), so the caller hears an apology and goes on talking to the local pipeline
 * instead of hearing dead air or a hangup.
 */
@FunctionalInterface
public interface Fallback {

  /**
   * Called once, on the session's actor, after the session cleared its audio and released the
   * model; the session then ends without further call actions. Must return at once.
   */
  void takeOver();
}
