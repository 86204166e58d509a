package dev.voicebot.sip.register;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.security.SecureRandom;

/** All trunks of one user agent: started together, queried together, unregistered together. */
public final class Registrations implements AutoCloseable {

  private final List<TrunkRegistration> trunks;
  private final List<TrunkQualifier> qualifiers;

  private Registrations(List<TrunkRegistration> trunks, List<TrunkQualifier> qualifiers) {
    this.trunks = trunks;
    this.qualifiers = qualifiers;
  }

  /** Starts registering (and, unless the interval is zero, qualifying) every trunk at once. */
  public static Registrations start(
      List<TrunkConfig> configs, RegistrationTiming timing, OutboundChannel channel, Clock clock) {
    // Thread-safe, and cnonces should be unpredictable anyway.
    SecureRandom random = new SecureRandom();
    List<TrunkRegistration> regs = new ArrayList<>();
    List<TrunkQualifier> quals = new ArrayList<>();
    for (TrunkConfig t : configs) {
      TrunkRegistration r = new TrunkRegistration(t, timing, channel, clock, random);
      regs.add(r);
      if (!timing.qualifyInterval().isZero()) {
        quals.add(new TrunkQualifier(t, timing, channel, clock, r::reachability));
      }
    }
    regs.forEach(TrunkRegistration::start);
    quals.forEach(TrunkQualifier::start);
    return new Registrations(List.copyOf(regs), List.copyOf(quals));
  }

  public List<TrunkStatus> statuses() {
    return trunks.stream().map(TrunkRegistration::status).toList();
  }

  /** Stops probing and un-REGISTERs every trunk in parallel; bounded by the response timeout. */
  @Override
  public void close() {
    qualifiers.forEach(TrunkQualifier::close);
    List<Thread> closing =
        trunks.stream().map(t -> Thread.ofVirtual().name("sip-unregister").start(t::close)).toList();
    for (Thread t : closing) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
