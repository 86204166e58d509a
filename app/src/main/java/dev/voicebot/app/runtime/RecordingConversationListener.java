package dev.voicebot.app.runtime;

import dev.voicebot.app.console.LiveEvent;
import dev.voicebot.app.console.LiveEvents;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.app.records.CallRecordStore;
import dev.voicebot.pipeline.conversation.ConversationListener;
import dev.voicebot.pipeline.conversation.Speaker;
import dev.voicebot.pipeline.conversation.TurnTimings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Puts what conversations say and how fast they answer into call records, logs and Micrometer
 * timers, and their state changes on the console's live feed (lines and turns reach it through
 * the record store).
 */
final class RecordingConversationListener implements ConversationListener {

  private static final Logger log = LoggerFactory.getLogger(RecordingConversationListener.class);

  private final CallRecordStore records;
  private final LiveEvents live;
  private final Timer endpoint;
  private final Timer stt;
  private final Timer brain;
  private final Timer tts;
  private final Timer response;
  private final Timer playout;
  private final Timer firstPacket;

  RecordingConversationListener(CallRecordStore records, LiveEvents live, MeterRegistry meters) {
    this.records = records;
    this.live = live;
    this.endpoint = stage(meters, "endpoint", "caller's last voiced frame to endpoint decided");
    this.stt = stage(meters, "stt", "endpoint to final transcript");
    this.brain = stage(meters, "brain", "final transcript to reply decided");
    this.tts = stage(meters, "tts", "reply decided to first audio synthesized");
    this.response = stage(meters, "response", "caller's last voiced frame to first reply audio queued");
    this.playout = stage(meters, "playout", "first reply audio queued to its first RTP packet sent");
    this.firstPacket = Timer.builder("voicebot.turn.first.packet")
        .description("caller's last voiced frame (or key) to the reply's first RTP packet sent")
        .publishPercentiles(0.5, 0.95)
        .register(meters);
  }

  private static Timer stage(MeterRegistry meters, String stage, String description) {
    return Timer.builder("voicebot.turn")
        .tag("stage", stage)
        .description(description)
        .publishPercentiles(0.5, 0.95)
        .register(meters);
  }

  @Override
  public void onTranscript(String callId, Speaker speaker, String text) {
    // What callers say is personal data: the call record keeps it; the log only when debugging.
    if (log.isDebugEnabled()) {
      try (var ignored = MDC.putCloseable("callId", callId)) {
        log.debug("{}: {}", speaker, text);
      }
    }
    records.said(callId, speaker.name(), text);
  }

  @Override
  public void onTurn(String callId, TurnTimings t) {
    Optional<Duration> brainDelay = t.sttFinalNanos() != TurnTimings.NOT_MEASURED
        ? between(t.sttFinalNanos(), t.replyNanos())
        : between(t.endpointNanos(), t.replyNanos());
    record(endpoint, t.endpointDelay());
    record(stt, t.sttDelay());
    record(brain, brainDelay);
    record(tts, t.ttsDelay());
    record(response, t.responseDelay());
    record(playout, t.playoutDelay());
    record(firstPacket, t.firstPacketDelay());
    records.turn(callId, new CallRecord.Turn(t.callerText(), t.intent(), t.replyText(),
        millis(t.endpointDelay()), millis(t.sttDelay()), millis(brainDelay), millis(t.ttsDelay()),
        millis(t.responseDelay()), millis(t.playoutDelay()), millis(t.firstPacketDelay())));
  }

  @Override
  public void onStateChanged(String callId, String state) {
    try (var ignored = MDC.putCloseable("callId", callId)) {
      log.debug("conversation state: {}", state);
    }
    live.publish(new LiveEvent.StateChanged(callId, state));
  }

  private static void record(Timer timer, Optional<Duration> value) {
    value.filter(d -> !d.isNegative()).ifPresent(timer::record);
  }

  private static Optional<Duration> between(long from, long to) {
    return from == TurnTimings.NOT_MEASURED || to == TurnTimings.NOT_MEASURED
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(to - from));
  }

  private static Long millis(Optional<Duration> value) {
    return value.map(Duration::toMillis).orElse(null);
  }
}
