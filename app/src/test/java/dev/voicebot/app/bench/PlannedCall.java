package dev.voicebot.app.bench;

import dev.voicebot.pipeline.corpus.CallerAudio;
import dev.voicebot.pipeline.corpus.LineCondition;

/**
 * One call of the callers benchmark: who speaks ({@code source}: a corpus voice or an fsdd
 * speaker), on which line, and what they send from the moment the call is answered.
 *
 * @param audio the caller's whole side from the answer on (its leading silence or noise says
 *     when the caller talks); for an echoing line, from the bot's first packet on
 * @param intent the demo intent the caller asks for, or null (a silent caller)
 * @param digits the order number said, or null
 * @param tailMillis how long the call stays after the caller's audio ends (for the reply)
 */
record PlannedCall(Kind kind, String source, LineCondition condition, boolean echoing, CallerAudio audio,
    String intent, String digits, int tailMillis) {

  enum Kind {
    /** A request after the greeting. */
    REQUEST,
    /** A request said over the greeting (barge-in). */
    TALK_OVER,
    /** "Where is my order", then the five digits after the bot asks for them. */
    ORDER_NUMBER,
    /** Nothing said: digital silence, or the line's noise alone. */
    SILENT
  }

  /** The reference text for word error rate (the words the caller said). */
  String reference() {
    return audio.text();
  }

  String line() {
    return echoing ? "echoing" : "echo-free";
  }
}
