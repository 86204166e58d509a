package dev.voicebot.sip.register;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends OPTIONS to a trunk's next hop every interval and reports reachability and round-trip time.
 * Any response counts as reachable (a 404 or 405 still proves the peer is up); only silence or a
 * transport error counts as unreachable. Logs only transitions, not every probe.
 */
final class TrunkQualifier implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TrunkQualifier.class);

  private final TrunkConfig trunk;
  private final RegistrationTiming timing;
  private final OutboundChannel channel;
  private final TrunkRequests requests;
  private final Clock clock;
  private final Consumer<Reachability> report;
  private volatile Thread loop;

  TrunkQualifier(
      TrunkConfig trunk, RegistrationTiming timing, OutboundChannel channel, Clock clock,
      Consumer<Reachability> report) {
    this.trunk = trunk;
    this.timing = timing;
    this.channel = channel;
    this.requests = new TrunkRequests(trunk, channel);
    this.clock = clock;
    this.report = report;
  }

  void start() {
    loop = Thread.ofVirtual().name("sip-qualify-" + trunk.name()).start(this::run);
  }

  private void run() {
    Reachability.State last = Reachability.State.UNKNOWN;
    while (!Thread.currentThread().isInterrupted()) {
      Reachability r;
      try {
        r = probe();
      } catch (InterruptedException e) {
        return;
      }
      report.accept(r);
      if (r.state() != last) {
        if (r.state() == Reachability.State.REACHABLE) {
          log.info("trunk {}: {} reachable (OPTIONS rtt {} ms)", trunk.name(), trunk.nextHop(),
              r.rtt().toMillis());
        } else {
          log.warn("trunk {}: {} unreachable (no answer to OPTIONS within {} s)", trunk.name(),
              trunk.nextHop(), timing.responseTimeout().toSeconds());
        }
        last = r.state();
      }
      try {
        Thread.sleep(timing.qualifyInterval());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private Reachability probe() throws InterruptedException {
    long t0 = System.nanoTime();
    CompletableFuture<Response> f;
    try {
      f = channel.send(requests.options());
    } catch (Exception e) {
      log.debug("trunk {}: cannot build OPTIONS: {}", trunk.name(), e.toString());
      return new Reachability(Reachability.State.UNREACHABLE, null, clock.instant());
    }
    try {
      f.get(timing.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return new Reachability(
          Reachability.State.REACHABLE, Duration.ofNanos(System.nanoTime() - t0), clock.instant());
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      return new Reachability(Reachability.State.UNREACHABLE, null, clock.instant());
    } finally {
      f.cancel(false);
    }
  }

  @Override
  public void close() {
    Thread t = loop;
    if (t != null) {
      t.interrupt();
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
