package dev.voicebot.app.call;

import dev.voicebot.rtp.CallQuality;
import dev.voicebot.rtp.RtpSession;
import dev.voicebot.rtp.RtpStats;
import dev.voicebot.rtp.aec.EchoReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/** Call counters, the active-call gauge and the calls' media figures, for /actuator/prometheus. */
public final class CallMetrics {

  private final MeterRegistry meters;
  private final Counter answered;
  private final MediaMeters media;

  public CallMetrics(MeterRegistry meters) {
    this.meters = meters;
    this.media = new MediaMeters(meters);
    this.answered = Counter.builder("voicebot.calls.answered").description("calls answered").register(meters);
  }

  void activeCalls(Supplier<Number> active) {
    meters.gauge("voicebot.calls.active", active, s -> s.get().doubleValue());
  }

  /** A call's RTP session opened: its packets count in the live RTP counters from now on. */
  void mediaStarted(RtpSession rtp) {
    media.started(rtp);
  }

  /** A call's RTP session is over, with its final figures. */
  void mediaEnded(RtpSession rtp, RtpStats stats, CallQuality quality) {
    media.ended(rtp, stats, quality);
  }

  void answered() {
    answered.increment();
  }

  /** A caller turned away by admission: {@code reason} "limit" (all slots taken) or "lag" (inference behind). */
  void refused(String reason, int status) {
    meters.counter("voicebot.calls.refused", "reason", reason).increment();
    rejected(status);
  }

  void rejected(int status) {
    meters.counter("voicebot.calls.rejected", "status", Integer.toString(status)).increment();
  }

  /** One call's echo return loss enhancement (see {@link EchoMeter}). */
  void echoReturnLossEnhancement(double db) {
    DistributionSummary.builder("voicebot.media.erle").baseUnit("dB")
        .description("echo return loss enhancement per call, while the bot talked")
        .register(meters).record(db);
  }

  /**
   * What one call's echo path found and did: whether the line echoed (so that the share of calls
   * the canceller touches at all shows), its echo return loss, and the frames the filter worked on,
   * reset after diverging, or processed too slowly (a CPU short of time).
   */
  void echo(EchoReport report) {
    meters.counter("voicebot.media.echo.calls", "detected", Boolean.toString(report.echoDetected())).increment();
    if (report.echoDetected() && !Double.isNaN(report.erlDb())) {
      DistributionSummary.builder("voicebot.media.echo.erl").baseUnit("dB")
          .description("echo return loss of lines found to echo, per call")
          .register(meters).record(report.erlDb());
    }
    if (report.delayMillis() >= 0) {
      DistributionSummary.builder("voicebot.media.echo.delay").baseUnit("ms")
          .description("measured echo delay per call").register(meters).record(report.delayMillis());
    }
    meters.counter("voicebot.media.echo.engaged.frames").increment(report.engagedFrames());
    meters.counter("voicebot.media.echo.doubletalk.frames").increment(report.doubleTalkFrames());
    meters.counter("voicebot.media.echo.divergence.resets").increment(report.divergenceResets());
    meters.counter("voicebot.media.echo.slow.frames").increment(report.slowFrames());
  }

  void ended(String reason) {
    meters.counter("voicebot.calls.ended", "reason", reason).increment();
  }
}
