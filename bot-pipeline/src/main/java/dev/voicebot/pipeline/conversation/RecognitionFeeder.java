package dev.voicebot.pipeline.conversation;

import dev.voicebot.pipeline.inference.InferenceLoad;
import dev.voicebot.pipeline.inference.Priority;
import dev.voicebot.pipeline.stt.RecognitionStream;
import dev.voicebot.pipeline.stt.SpeechRecognizer;
import dev.voicebot.pipeline.stt.Transcript;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one call's caller audio to its recognition stream on the inference pool.
 *
 * <p>The actor appends frames; while a recognition task is in flight, frames accumulate and go
 * in the next task as one batch, so a slow recognizer costs batching, not a growing task queue.
 * All stream calls run on one {@link SerialExecutor} lane, in order (the stream is not
 * thread-safe); results come back to the actor as {@link ConversationEvent.SttProgress} and
 * {@link ConversationEvent.SttFinal}, which return their batch buffer here.
 *
 * <p>A final (the caller stopped and waits) runs on the pool before feeds of callers still talking.
 * Each batch's recognition lag, from its first sample reaching this feeder to its words being
 * known, goes to the {@link InferenceLoad}, and so do streams opened and closed.
 *
 * <p>Fields above the lane marker are actor-confined; the stream and phrases are lane-confined.
 */
final class RecognitionFeeder {

  private static final Logger log = LoggerFactory.getLogger(RecognitionFeeder.class);
  private static final int INITIAL_BATCH = 16_000;

  private final String callId;
  private final SpeechRecognizer recognizer;
  private final SerialExecutor lane;
  private final Consumer<ConversationEvent> post;
  private final LongSupplier clock;
  private final InferenceLoad load;

  private final ArrayDeque<short[]> freeBatches = new ArrayDeque<>();
  private short[] filling = new short[INITIAL_BATCH];
  private int filled;
  /** When the first sample now in {@code filling} was fed. */
  private long fillingSince;
  private int inFlight;
  private long utterance = -1;

  /**
   * Set when the call ends: its queued work is skipped rather than decoded for nobody (under load
   * a hung-up call's backlog would otherwise hold the pool, and its close, for seconds).
   */
  private volatile boolean closing;

  // Lane-confined.
  private RecognitionStream stream;
  private List<String> phrases = List.of();

  RecognitionFeeder(
      String callId, SpeechRecognizer recognizer, Executor pool, Consumer<ConversationEvent> post, LongSupplier clock,
      InferenceLoad load) {
    this.callId = callId;
    this.load = load;
    this.recognizer = recognizer;
    this.lane = new SerialExecutor(pool);
    this.post = post;
    this.clock = clock;
  }

  /** Sets the phrases expected from the next utterance on. */
  void expect(List<String> expected) {
    List<String> copy = List.copyOf(expected);
    lane.execute(() -> {
      if (closing) {
        return; // a new grammar means a new decoder: not for a call that is over
      }
      phrases = copy;
      if (stream != null) {
        stream.expect(copy);
      }
    }, Priority.LISTENING);
  }

  /** Starts a new utterance; audio fed from now on belongs to it. */
  void begin(long utteranceId) {
    this.utterance = utteranceId;
  }

  void feed(short[] samples, int offset, int length) {
    if (filled + length > filling.length) {
      filling = Arrays.copyOf(filling, Math.max(filling.length * 2, filled + length));
    }
    if (filled == 0) {
      fillingSince = clock.getAsLong();
    }
    System.arraycopy(samples, offset, filling, filled, length);
    filled += length;
    if (inFlight == 0) {
      submitFeed();
    }
  }

  /** Ends the current utterance: its remaining audio, then the recognizer's final. */
  void finish() {
    long id = utterance;
    int length = filled;
    long since = fillingSince;
    short[] batch = takeFilling();
    inFlight++;
    lane.execute(() -> {
      if (closing) {
        return; // the call is over: nobody awaits this final
      }
      Transcript[] heard = {Transcript.EMPTY_FINAL};
      try {
        long start = clock.getAsLong();
        finalText(batch, length, heard);
        recordLag(length, since, start);
        post.accept(new ConversationEvent.SttFinal(id, heard[0], batch, false, clock.getAsLong()));
      } catch (RuntimeException e) {
        log.warn("[{}] recognizer failed to finish utterance {}", callId, id, e);
        post.accept(new ConversationEvent.SttFinal(id, heard[0], batch, true, clock.getAsLong()));
      }
    }, Priority.ANSWER);
    utterance = -1;
  }

  /**
   * Asks for the words so far as a final without ending the caller's utterance: they come back as
   * a final {@link ConversationEvent.SttProgress} (as when the engine ends an utterance by itself),
   * and audio fed afterwards starts the recognizer's next one. Vosk's partial trails the audio by
   * about 240 ms (its acoustic model's look-ahead), while its final takes about 10 ms.
   */
  void checkpoint() {
    long id = utterance;
    int length = filled;
    long since = fillingSince;
    short[] batch = takeFilling();
    inFlight++;
    lane.execute(() -> {
      if (closing) {
        return;
      }
      try {
        long start = clock.getAsLong();
        Transcript[] heard = {Transcript.EMPTY_FINAL};
        finalText(batch, length, heard);
        recordLag(length, since, start);
        post.accept(new ConversationEvent.SttProgress(id, heard[0], batch, false));
      } catch (RuntimeException e) {
        log.warn("[{}] recognizer failed at a checkpoint of utterance {}", callId, id, e);
        post.accept(new ConversationEvent.SttProgress(id, Transcript.EMPTY_PARTIAL, batch, true));
      }
    }, Priority.ANSWER);
  }

  /** Lane: a batch of {@code length} samples, fed from {@code since}, was decoded from {@code start} until now. */
  private void recordLag(int length, long since, long start) {
    long now = clock.getAsLong();
    load.recordDecoding(length * 1_000_000_000L / Conversation.SAMPLE_RATE, now - start);
    if (length > 0) {
      load.recordRecognitionLag(now - since);
    }
  }

  /** Lane: feeds the last audio and appends the recognizer's final (and any it made by itself). */
  /**
   * Feeds the rest of the audio and ends the recognizer's utterance; what was heard goes into
   * {@code heard[0]} as it is known (a final the engine gave by itself inside the audio first), so
   * that a failure later still reports the words before it.
   */
  private void finalText(short[] batch, int length, Transcript[] heard) {
    openIfNeeded();
    if (length > 0) {
      Transcript last = stream.accept(batch, 0, length);
      if (last.isFinal()) {
        heard[0] = last;
      }
    }
    heard[0] = heard[0].then(stream.finish());
  }

  /** Whether recognition work of this call is still queued or running. */
  boolean busy() {
    return inFlight > 0;
  }

  /** A task finished: take its buffer back and send what accumulated meanwhile. */
  void onTaskDone(short[] batch) {
    inFlight--;
    if (batch.length == INITIAL_BATCH) {
      freeBatches.push(batch);
    }
    if (inFlight == 0 && filled > 0 && utterance >= 0) {
      submitFeed();
    }
  }

  /** Closes the stream after whatever is queued on the lane; completes when it is closed. */
  CompletableFuture<Void> close() {
    closing = true;
    CompletableFuture<Void> closed = new CompletableFuture<>();
    lane.execute(() -> {
      try {
        if (stream != null) {
          RecognitionStream open = stream;
          stream = null;
          load.streamClosed();
          open.close();
        }
      } catch (RuntimeException e) {
        log.warn("[{}] closing the recognition stream failed", callId, e);
      } finally {
        closed.complete(null);
      }
    }, Priority.ANSWER); // cheap, and the call's end (its record) waits for it
    return closed;
  }

  private void submitFeed() {
    long id = utterance;
    int length = filled;
    long since = fillingSince;
    short[] batch = takeFilling();
    inFlight++;
    lane.execute(() -> {
      if (closing) {
        return;
      }
      try {
        openIfNeeded();
        long start = clock.getAsLong();
        Transcript transcript = stream.accept(batch, 0, length);
        recordLag(length, since, start);
        post.accept(new ConversationEvent.SttProgress(id, transcript, batch, false));
      } catch (RuntimeException e) {
        log.warn("[{}] recognizer failed on utterance {}", callId, id, e);
        post.accept(new ConversationEvent.SttProgress(id, Transcript.EMPTY_PARTIAL, batch, true));
      }
    }, Priority.LISTENING);
  }

  /** Hands the filled buffer to a task and starts a fresh one. */
  private short[] takeFilling() {
    short[] taken = filling;
    short[] next = freeBatches.poll();
    filling = next != null ? next : new short[INITIAL_BATCH];
    filled = 0;
    return taken;
  }

  private void openIfNeeded() {
    if (stream == null) {
      // Opened lazily on the lane: opening a recognizer can take a while and must not delay the actor.
      stream = recognizer.open(phrases);
      load.streamOpened();
    }
  }
}
