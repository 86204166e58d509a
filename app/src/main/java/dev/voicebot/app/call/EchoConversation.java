package dev.voicebot.app.call;

import dev.voicebot.pipeline.conversation.CallActions;
import dev.voicebot.pipeline.conversation.CallConversation;
import java.util.concurrent.CompletableFuture;

/**
 * The media-only mode's "bot" ({@code voicebot.bench.media-only}): no VAD, recognizer, brain or
 * synthesizer; the caller hears their own audio, as the echo canceller left it, 200 ms later. What a call
 * then costs is the media plane alone: jitter buffer, decoding, resampling, echo cancellation, noise
 * suppression, gain, encoding and the media clock's pacing, with the bot "talking" (the canceller
 * has a far end to work against) whenever the caller does.
 *
 * <p>The echo goes out in 200 ms chunks rather than per frame: the playout queue keeps each
 * chunk it is given, so one array per ten frames is all this allocates.
 */
final class EchoConversation implements CallConversation {

  private static final int CHUNK_SAMPLES = 10 * 320;

  private final CallActions actions;
  private final CompletableFuture<Void> finished = new CompletableFuture<>();
  private volatile boolean running;
  /** Media clock thread only. */
  private short[] chunk = new short[CHUNK_SAMPLES];
  private int filled;

  EchoConversation(CallActions actions) {
    this.actions = actions;
  }

  @Override
  public void start() {
    running = !finished.isDone();
  }

  @Override
  public void onAudioFrame(short[] pcm16k) {
    if (!running) {
      return;
    }
    int offset = 0;
    while (offset < pcm16k.length) {
      int n = Math.min(pcm16k.length - offset, CHUNK_SAMPLES - filled);
      System.arraycopy(pcm16k, offset, chunk, filled, n);
      filled += n;
      offset += n;
      if (filled == CHUNK_SAMPLES) {
        actions.play(chunk); // the queue owns it now
        chunk = new short[CHUNK_SAMPLES];
        filled = 0;
      }
    }
  }

  @Override
  public void onDtmf(char digit) {}

  @Override
  public void onPlayoutStarted() {}

  @Override
  public void onPlayoutDrained() {}

  @Override
  public void onRemoteHangup() {
    close();
  }

  @Override
  public void onTransferResult(boolean ok, String detail) {}

  @Override
  public CompletableFuture<Void> finished() {
    return finished;
  }

  @Override
  public long droppedFrames() {
    return 0;
  }

  @Override
  public void close() {
    running = false;
    finished.complete(null);
  }
}
