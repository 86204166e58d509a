package dev.voicebot.pipeline.conversation;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When each stage of one turn happened, as {@link System#nanoTime()} values ({@link #NOT_MEASURED}
 * where a stage did not apply, e.g. no speech end for a DTMF turn). The waterfall ends at the first
 * RTP packet of the reply, as the media clock reported it through {@code onPlayoutStarted}.
 *
 * @param callerSpeechEndNanos arrival of the caller's last voiced frame
 * @param endpointNanos when the end of the caller's turn was decided (or the key/timer event)
 * @param sttFinalNanos when the transcript the reply is decided on was known: the recognizer's final,
 *     or the endpoint itself when the partial already was a complete answer
 * @param replyNanos when the brain decided the reply
 * @param ttsFirstAudioNanos when the reply's first sentence was synthesized
 * @param firstAudioQueuedNanos when that audio was handed to playout
 * @param firstPacketSentNanos when the media clock sent the first RTP packet of that audio
 * @param callerText the caller's final words (empty for key and timer turns)
 * @param intent the recognized intent's name, or empty
 * @param replyText what the bot answered
 */
public record TurnTimings(
    long callerSpeechEndNanos,
    long endpointNanos,
    long sttFinalNanos,
    long replyNanos,
    long ttsFirstAudioNanos,
    long firstAudioQueuedNanos,
    long firstPacketSentNanos,
    String callerText,
    String intent,
    String replyText) {

  public static final long NOT_MEASURED = Long.MIN_VALUE;

  public TurnTimings {
    Objects.requireNonNull(callerText, "callerText");
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(replyText, "replyText");
  }

  /** Last voiced frame → endpoint decided. */
  public Optional<Duration> endpointDelay() {
    return between(callerSpeechEndNanos, endpointNanos);
  }

  /** Endpoint → final transcript. */
  public Optional<Duration> sttDelay() {
    return between(endpointNanos, sttFinalNanos);
  }

  /** Reply decided → first audio synthesized. */
  public Optional<Duration> ttsDelay() {
    return between(replyNanos, ttsFirstAudioNanos);
  }

  /** Last voiced frame (or key press) → first reply audio queued: the bot's share of voice-to-voice latency. */
  public Optional<Duration> responseDelay() {
    long start = callerSpeechEndNanos != NOT_MEASURED ? callerSpeechEndNanos : endpointNanos;
    return between(start, firstAudioQueuedNanos);
  }

  /** First reply audio queued → its first RTP packet sent: the playout queue's and packetizer's share. */
  public Optional<Duration> playoutDelay() {
    return between(firstAudioQueuedNanos, firstPacketSentNanos);
  }

  /** Last voiced frame (or key press) → first RTP packet of the reply sent: voice-to-voice at our wire. */
  public Optional<Duration> firstPacketDelay() {
    long start = callerSpeechEndNanos != NOT_MEASURED ? callerSpeechEndNanos : endpointNanos;
    return between(start, firstPacketSentNanos);
  }

  private static Optional<Duration> between(long from, long to) {
    return from == NOT_MEASURED || to == NOT_MEASURED ? Optional.empty() : Optional.of(Duration.ofNanos(to - from));
  }
}
