package dev.voicebot.pipeline.realtime;

import dev.voicebot.pipeline.tts.SpeechSynthesizer;
import dev.voicebot.pipeline.tts.SynthesisException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A local voice that returns 200 ms of tone per text and remembers which array said what. */
final class FakeVoice implements SpeechSynthesizer {

  final Map<short[], String> textOf = new ConcurrentHashMap<>();
  volatile boolean broken;

  @Override
  public short[] synthesize(String text) throws SynthesisException {
    if (broken) {
      throw new SynthesisException("festival is down");
    }
    short[] pcm = new short[3200];
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = (short) (3000 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
    }
    textOf.put(pcm, text);
    return pcm;
  }

  @Override
  public void close() {}
}
