package dev.voicebot.pipeline.conversation;

import java.util.List;

/**
 * A reply the caller spoke over, held until their words tell whether they meant to interrupt
 * (lessons §4, rule 6: pause at onset, confirm on words, resume otherwise). Playout was cleared at
 * the onset; the sentences are kept, and a streamed reply keeps collecting the model's sentences
 * meanwhile (nothing is synthesized until it resumes). Actor-confined.
 *
 * @param speech the reply as it was when paused, still growing if it is streamed
 * @param cut the sentence that was playing when the caller started (or the next one to be played):
 *     a resume starts again from its beginning
 * @param state the speaking state to return to on resume (GREETING or SPEAKING)
 */
record PausedSpeech(Speech speech, int cut, ConversationState state) {

  /** What the caller can have heard: the sentences before the cut and the one cut off, if it was queued. */
  List<String> heard() {
    List<String> queued = speech.queuedSentences();
    return List.copyOf(queued.subList(0, Math.min(cut + 1, queued.size())));
  }
}
