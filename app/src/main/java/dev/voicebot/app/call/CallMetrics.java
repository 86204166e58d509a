package dev.voicebot.app.call;

import dev.voicebot.rtp.aec.EchoReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/** Call counters and the active-call gauge, for /actuator/prometheus. */
public final class CallMetrics {

  private final MeterRegistry meters;
  private final Counter answered;

  public CallMetrics(MeterRegistry meters) {
    this.meters = meters;
    this.answered = Counter.builder("voicebot.calls.answered").description("calls answered").register(meters);
  }

  void activeCalls(Supplier<Number> active) {
    meters.gauge("voicebot.calls.active", active, s -> s.get().doubleValue());
  }

  void answered() {
    answered.increment();
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
