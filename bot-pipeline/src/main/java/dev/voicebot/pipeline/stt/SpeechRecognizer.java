package dev.voicebot.pipeline.stt;

import java.util.List;

/** A streaming speech-to-text engine shared by all calls. */
public interface SpeechRecognizer extends AutoCloseable {

  /**
   * Opens a recognition stream for one caller utterance sequence.
   *
   * @param phrases the phrases expected in this state (a grammar), or an empty list for free speech
   */
  RecognitionStream open(List<String> phrases);

  @Override
  void close();
}
