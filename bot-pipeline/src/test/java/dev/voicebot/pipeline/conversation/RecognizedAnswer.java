package dev.voicebot.pipeline.conversation;

import dev.voicebot.pipeline.stt.RecognitionStream;
import dev.voicebot.pipeline.stt.SpeechRecognizer;
import dev.voicebot.pipeline.stt.Transcript;
import java.util.List;

/**
 * A caller's answer decoded as a call feeds the recognizer: 16 kHz audio in 20 ms frames, listening
 * for {@code phrases}, the finals the engine makes by itself joined to the last one.
 */
final class RecognizedAnswer {

  private static final int FRAME = 320;

  private RecognizedAnswer() {}

  static Transcript heard(SpeechRecognizer recognizer, List<String> phrases, short[] pcm16k) {
    return heard(recognizer, phrases, pcm16k, -1);
  }

  /**
   * The same, the recognizer also asked for a final in the frame that holds sample {@code
   * checkpointSample} (as the conversation's checkpoint in a pause does; none when negative): the
   * rest becomes a second final.
   */
  static Transcript heard(SpeechRecognizer recognizer, List<String> phrases, short[] pcm16k, int checkpointSample) {
    try (RecognitionStream stream = recognizer.open(phrases)) {
      Transcript heard = Transcript.EMPTY_FINAL;
      for (int at = 0; at + FRAME <= pcm16k.length; at += FRAME) {
        Transcript t = stream.accept(pcm16k, at, FRAME);
        if (t.isFinal()) {
          heard = heard.then(t);
        }
        if (at < checkpointSample && at + FRAME >= checkpointSample) {
          heard = heard.then(stream.finish());
        }
      }
      return heard.then(stream.finish());
    }
  }
}
