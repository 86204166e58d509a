package dev.voicebot.pipeline.conversation;

import dev.voicebot.pipeline.vad.VadStream;
import dev.voicebot.pipeline.vad.VoiceActivityDetector;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Speech probability = loudest sample / 1000, capped at 1: tests script the VAD by amplitude. */
final class FakeVad implements VoiceActivityDetector {

  final AtomicInteger framesSeen = new AtomicInteger();
  final AtomicBoolean streamClosed = new AtomicBoolean();

  static float probability(short amplitude) {
    return Math.min(1f, Math.abs(amplitude) / 1000f);
  }

  @Override
  public VadStream openStream() {
    return new VadStream() {
      @Override
      public float accept(short[] pcm16k, int offset, int length) {
        framesSeen.incrementAndGet();
        short loudest = 0;
        for (int i = offset; i < offset + length; i++) {
          loudest = (short) Math.max(loudest, Math.abs(pcm16k[i]));
        }
        return probability(loudest);
      }

      @Override
      public void reset() {}

      @Override
      public void close() {
        streamClosed.set(true);
      }
    };
  }

  @Override
  public void close() {}
}
