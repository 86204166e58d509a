package dev.voicebot.pipeline.realtime;

import java.util.Optional;

/**
 * Caller audio on its way to the model: resampled from 16 kHz to 24 kHz and batched to ~100 ms
 * per {@code input_audio_buffer.append} (fewer, larger messages; the server VAD works in such
 * steps anyway). Remembers when recent frames arrived, so the server's {@code audio_end_ms} can be
 * turned back into the local time of the caller's last word. Actor-confined.
 */
final class CallerUplink {

  static final int BATCH_SAMPLES = ClientEvents.MODEL_RATE / 10;
  private static final int FRAME_MS = 20;
  /** Arrival times of the last ~20 s of frames. */
  private static final int FRAME_HISTORY = 1024;

  private final Resampler resampler = Resampler.of(16_000, ClientEvents.MODEL_RATE);
  private final short[] batch = new short[BATCH_SAMPLES * 2];
  private int batched;
  private final long[] frameNanos = new long[FRAME_HISTORY];
  private long frames;

  /** Takes one 20 ms frame; returns a batch's base64 once ~100 ms are gathered. */
  Optional<String> accept(short[] pcm16k, int length, long receivedNanos) {
    frameNanos[(int) (frames % FRAME_HISTORY)] = receivedNanos;
    frames++;
    short[] resampled = resampler.process(pcm16k, 0, length);
    System.arraycopy(resampled, 0, batch, batched, resampled.length);
    batched += resampled.length;
    if (batched < BATCH_SAMPLES) {
      return Optional.empty();
    }
    String base64 = Pcm16.encode(batch, 0, batched);
    batched = 0;
    return Optional.of(base64);
  }

  /**
   * The local arrival time of the frame at {@code audioMs} into the audio sent so far, or {@code
   * fallback} if it is too old or not sent yet. Assumes every frame was sent (frames dropped before
   * this point shift the mapping by 20 ms each; the actor drops only when seconds behind).
   */
  long arrivalOf(long audioMs, long fallback) {
    long index = audioMs / FRAME_MS;
    if (index < 0 || index >= frames || frames - index > FRAME_HISTORY) {
      return fallback;
    }
    return frameNanos[(int) (index % FRAME_HISTORY)];
  }
}
