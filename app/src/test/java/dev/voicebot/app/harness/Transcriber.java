package dev.voicebot.app.harness;

import dev.voicebot.pipeline.stt.RecognitionStream;
import dev.voicebot.pipeline.stt.SpeechRecognizer;
import dev.voicebot.pipeline.stt.Transcript;
import dev.voicebot.rtp.resample.Resampler;
import java.util.List;

/** Transcribes 8 kHz audio with the project's own Vosk recognizer, to check what a bot said. */
public final class Transcriber {

  private final SpeechRecognizer recognizer;

  public Transcriber(SpeechRecognizer recognizer) {
    this.recognizer = recognizer;
  }

  public String transcribe8k(short[] pcm8k) {
    return hear8k(pcm8k).text();
  }

  /** 8 kHz audio as the recognizer hears it: its words, with its other readings of them. */
  public Transcript hear8k(short[] pcm8k) {
    Resampler up = Resampler.upsample8kTo16k();
    short[] pcm16k = new short[pcm8k.length * 2 + 64];
    int n = up.process(pcm8k, 0, pcm8k.length, pcm16k, 0);
    return hear16k(pcm16k, n);
  }

  /** The first {@code n} samples of 16 kHz audio, transcribed. */
  public String transcribe16k(short[] pcm16k, int n) {
    return hear16k(pcm16k, n).text();
  }

  private Transcript hear16k(short[] pcm16k, int n) {
    Transcript heard = Transcript.EMPTY_FINAL;
    try (RecognitionStream stream = recognizer.open(List.of())) {
      for (int off = 0; off < n; off += 3200) {
        var t = stream.accept(pcm16k, off, Math.min(3200, n - off));
        if (t.isFinal()) {
          heard = heard.then(t);
        }
      }
      return heard.then(stream.finish());
    }
  }
}
