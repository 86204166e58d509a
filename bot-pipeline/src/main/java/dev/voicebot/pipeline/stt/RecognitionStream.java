package dev.voicebot.pipeline.stt;

import java.util.List;

/** One call's streaming recognizer. Not thread-safe: fed from one thread at a time. */
public interface RecognitionStream extends AutoCloseable {

  /** Feeds 16 kHz mono samples; returns the current partial, or a final if the engine ended the utterance itself. */
  Transcript accept(short[] pcm16k, int offset, int length);

  /** Ends the current utterance now and returns its final transcript; the stream is ready for the next. */
  Transcript finish();

  /** Replaces the expected phrases (empty list: free speech) from the next utterance on. */
  void expect(List<String> phrases);

  @Override
  void close();
}
