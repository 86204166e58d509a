package dev.voicebot.app.call;

import dev.voicebot.rtp.CallQuality;
import dev.voicebot.rtp.RtpSession;
import dev.voicebot.rtp.RtpStats;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * RTP metrics for Prometheus, live and per call.
 *
 * <p>Live: packet counters that include the calls in progress (a scrape during a call sees its
 * packets, not only those of calls already over), and over the active calls the worst jitter,
 * loss and MOS right now. A counter is the packets of ended calls plus the current counts of the
 * active ones; a call's move from one to the other happens under this object's lock, so a scrape
 * never sees its packets twice or not at all and the counters only grow.
 *
 * <p>Per call, when it ends: loss, jitter, late packets and MOS as histograms with fixed buckets
 * (so quantiles can be aggregated over instances), the distribution a dashboard needs to show
 * "how many calls were bad", which an average hides.
 */
final class MediaMeters {

  private static final double[] LOSS_PERCENT = {0.1, 0.5, 1, 2, 3, 5, 10, 20};
  private static final double[] JITTER_MS = {1, 2, 5, 10, 20, 30, 50, 80, 120};
  private static final double[] LATE_PACKETS = {1, 5, 10, 50, 100, 500};
  private static final double[] MOS = {1.5, 2, 2.5, 3, 3.5, 3.8, 4, 4.2, 4.4};

  private final Set<RtpSession> active = new HashSet<>();
  private long endedReceived;
  private long endedSent;
  private long endedLost;
  private long endedLate;
  private long endedMalformed;
  private final DistributionSummary callLoss;
  private final DistributionSummary callJitter;
  private final DistributionSummary callLate;
  private final DistributionSummary callMos;

  MediaMeters(MeterRegistry meters) {
    counter(meters, "voicebot.media.rtp.packets.received", "RTP packets received from callers", s -> s.packetsReceived(),
        () -> endedReceived);
    counter(meters, "voicebot.media.rtp.packets.sent", "RTP packets sent to callers", s -> s.packetsSent(),
        () -> endedSent);
    counter(meters, "voicebot.media.rtp.packets.lost", "RTP packets from callers that never arrived",
        s -> s.packetsLost(), () -> endedLost);
    counter(meters, "voicebot.media.rtp.packets.late", "RTP packets from callers that arrived after their playout",
        s -> s.packetsLate(), () -> endedLate);
    counter(meters, "voicebot.media.rtp.packets.malformed", "datagrams on RTP ports that were not valid RTP",
        s -> s.packetsMalformed(), () -> endedMalformed);
    Gauge.builder("voicebot.media.active.jitter.max", this, m -> m.worst(q -> q.jitterMillis(), true))
        .baseUnit("ms").description("highest interarrival jitter among the calls in progress").register(meters);
    Gauge.builder("voicebot.media.active.loss.max", this, m -> m.worst(q -> q.lossPercent(), true))
        .baseUnit("percent").description("highest packet loss among the calls in progress").register(meters);
    Gauge.builder("voicebot.media.active.mos.min", this, m -> m.worst(q -> q.mos(), false))
        .description("lowest predicted MOS among the calls in progress (NaN with none)").register(meters);
    callLoss = summary(meters, "voicebot.media.call.loss", "percent", "packet loss from the caller, per call",
        LOSS_PERCENT);
    callJitter = summary(meters, "voicebot.media.call.jitter", "ms", "interarrival jitter at the call's end, per call",
        JITTER_MS);
    callLate = summary(meters, "voicebot.media.call.late", "packets", "packets that arrived too late to play, per call",
        LATE_PACKETS);
    callMos = summary(meters, "voicebot.media.call.mos", null, "predicted MOS at the call's end, per call", MOS);
  }

  synchronized void started(RtpSession rtp) {
    active.add(rtp);
  }

  /** The call is over: its final figures go into the totals and the per-call histograms. */
  void ended(RtpSession rtp, RtpStats stats, CallQuality quality) {
    synchronized (this) {
      if (!active.remove(rtp)) {
        return;
      }
      endedReceived += stats.packetsReceived();
      endedSent += stats.packetsSent();
      endedLost += stats.packetsLost();
      endedLate += stats.packetsLate();
      endedMalformed += stats.packetsMalformed();
    }
    if (stats.packetsReceived() == 0) {
      return; // no media ever flowed (cancelled while ringing): no quality to speak of
    }
    callLoss.record(quality.lossPercent());
    callJitter.record(quality.jitterMillis());
    callLate.record(stats.packetsLate());
    if (!Double.isNaN(quality.mos())) {
      callMos.record(quality.mos());
    }
  }

  private void counter(MeterRegistry meters, String name, String description, ToLongFunction<RtpStats> live,
      LongSupplier ended) {
    FunctionCounter.builder(name, this, m -> m.total(live, ended)).description(description).register(meters);
  }

  private synchronized double total(ToLongFunction<RtpStats> live, LongSupplier ended) {
    long sum = ended.getAsLong();
    for (RtpSession rtp : active) {
      sum += live.applyAsLong(rtp.stats());
    }
    return sum;
  }

  /** The highest (or lowest) figure among calls in progress that have received media; NaN with none. */
  private synchronized double worst(ToDoubleFunction<CallQuality> figure, boolean highest) {
    double worst = Double.NaN;
    for (RtpSession rtp : active) {
      if (rtp.stats().packetsReceived() == 0) {
        continue;
      }
      double v = figure.applyAsDouble(rtp.quality());
      if (!Double.isNaN(v) && (Double.isNaN(worst) || (highest ? v > worst : v < worst))) {
        worst = v;
      }
    }
    return worst;
  }

  private static DistributionSummary summary(MeterRegistry meters, String name, String unit, String description,
      double[] buckets) {
    return DistributionSummary.builder(name).baseUnit(unit).description(description)
        .serviceLevelObjectives(buckets).register(meters);
  }
}
