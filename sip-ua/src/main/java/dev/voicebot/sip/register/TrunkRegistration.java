package dev.voicebot.sip.register;

import dev.voicebot.sip.digest.DigestChallenge;
import dev.voicebot.sip.digest.DigestCredentials;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import javax.sip.InvalidArgumentException;
import javax.sip.header.MinExpiresHeader;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one trunk registered: a loop on its own virtual thread that registers, sleeps until 80 %
 * of the granted lifetime, refreshes, and on failure retries with back-off. {@link #close()}
 * stops the loop and un-REGISTERs if a registration may be live.
 */
public final class TrunkRegistration implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TrunkRegistration.class);

  /** Refresh at this share of the granted lifetime: room for a retry or two before it lapses. */
  private static final double REFRESH_AT = 0.8;

  private final TrunkConfig trunk;
  private final RegistrationTiming timing;
  private final OutboundChannel channel;
  private final Clock clock;
  private final Backoff backoff;
  private final DigestCredentials credentials;
  private final TrunkRequests requests;

  // Guarded by "this"; read as one snapshot by status().
  private RegistrationState state = RegistrationState.UNREGISTERED;
  private String lastError;
  private Duration granted;
  private Instant expiresAt;
  private long attempts;
  private int failures;
  private Instant lastAttemptAt;
  private Instant nextAttemptAt;
  private Reachability reachability = Reachability.UNKNOWN;
  private boolean closed;
  private Thread loop;

  private sealed interface Outcome {
    record Registered(long grantedSeconds) implements Outcome {}

    record Failed(String why) implements Outcome {}
  }

  public TrunkRegistration(
      TrunkConfig trunk, RegistrationTiming timing, OutboundChannel channel, Clock clock,
      RandomGenerator random) {
    this.trunk = trunk;
    this.timing = timing;
    this.channel = channel;
    this.clock = clock;
    this.backoff = new Backoff(timing.retryMin(), timing.retryMax(), random);
    this.credentials = new DigestCredentials(trunk.authUsername(), trunk.password(), random);
    this.requests = new TrunkRequests(trunk, channel);
  }

  public TrunkConfig trunk() {
    return trunk;
  }

  public synchronized void start() {
    if (loop != null || closed) {
      throw new IllegalStateException("trunk " + trunk.name() + " already started or closed");
    }
    loop = Thread.ofVirtual().name("sip-register-" + trunk.name()).start(this::run);
  }

  public synchronized TrunkStatus status() {
    return new TrunkStatus(
        trunk.name(), requests.aor(), state, lastError, granted, expiresAt, attempts, failures,
        lastAttemptAt, nextAttemptAt, reachability);
  }

  synchronized void reachability(Reachability r) {
    reachability = r;
  }

  private void run() {
    while (!isClosed()) {
      beginAttempt();
      Outcome outcome;
      try {
        outcome = exchange(trunk.expiry().toSeconds(), true);
      } catch (InterruptedException e) {
        return;
      }
      Duration wait =
          switch (outcome) {
            case Outcome.Registered(long seconds) -> registered(seconds);
            case Outcome.Failed(String why) -> failed(why);
          };
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  private synchronized void beginAttempt() {
    attempts++;
    lastAttemptAt = clock.instant();
    nextAttemptAt = null;
    if (state != RegistrationState.REGISTERED) {
      state = RegistrationState.REGISTERING;
    }
  }

  private synchronized Duration registered(long seconds) {
    Duration g = Duration.ofSeconds(seconds);
    Duration refresh = Duration.ofMillis(Math.max(500, (long) (g.toMillis() * REFRESH_AT)));
    if (state != RegistrationState.REGISTERED || !g.equals(granted)) {
      log.info("trunk {}: registered {} for {} s (refresh in {} s)", trunk.name(), requests.aor(),
          seconds, refresh.toMillis() / 1000.0);
    } else {
      log.debug("trunk {}: registration refreshed for {} s", trunk.name(), seconds);
    }
    state = RegistrationState.REGISTERED;
    lastError = null;
    failures = 0;
    granted = g;
    expiresAt = clock.instant().plus(g);
    nextAttemptAt = clock.instant().plus(refresh);
    return refresh;
  }

  private synchronized Duration failed(String why) {
    failures++;
    Duration delay = backoff.delay(failures);
    state = RegistrationState.FAILED;
    lastError = why;
    expiresAt = null;
    nextAttemptAt = clock.instant().plus(delay);
    log.warn("trunk {}: registration failed: {}; retry {} in {} s", trunk.name(), why, failures,
        delay.toMillis() / 1000.0);
    return delay;
  }

  /**
   * One REGISTER exchange including at most one digest round (two if the first answer was
   * stale).
   *
   * @param retryOn423 follow one 423 Interval Too Brief with the registrar's Min-Expires
   */
  private Outcome exchange(long expires, boolean retryOn423) throws InterruptedException {
    String[] auth = null;
    boolean answeredFresh = false;
    for (int round = 0; ; round++) {
      Response r;
      try {
        r = send(requests.register(expires, auth));
      } catch (TimeoutException e) {
        return new Outcome.Failed("no response from registrar " + trunk.nextHop() + " over "
            + trunk.transport().toUpperCase() + " within " + timing.responseTimeout().toSeconds()
            + " s: check its address, port, transport and any firewall");
      } catch (ExecutionException | ParseException | InvalidArgumentException e) {
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        return new Outcome.Failed("cannot send REGISTER to " + trunk.nextHop() + ": " + cause.getMessage());
      }
      int status = r.getStatusCode();
      if (status != Response.UNAUTHORIZED && status != Response.PROXY_AUTHENTICATION_REQUIRED) {
        return classify(r, expires, retryOn423);
      }
      List<DigestChallenge> challenges = challenges(r);
      var best = DigestChallenge.strongest(challenges);
      if (best.isEmpty()) {
        return new Outcome.Failed(status + " " + r.getReasonPhrase()
            + ": the registrar offers no digest challenge we can answer " + challenges);
      }
      DigestChallenge c = best.get();
      if (!trunk.realm().isEmpty() && !trunk.realm().equals(c.realm())) {
        return new Outcome.Failed("registrar challenges for realm '" + c.realm()
            + "' but trunk " + trunk.name() + " is configured for realm '" + trunk.realm() + "'");
      }
      if ((answeredFresh && !c.stale()) || round >= 3) {
        return new Outcome.Failed(status + " " + r.getReasonPhrase()
            + " after sending credentials: check the auth user '" + trunk.authUsername()
            + "' and the password for trunk " + trunk.name());
      }
      String uri;
      try {
        uri = requests.registerUri().toString();
      } catch (ParseException e) {
        return new Outcome.Failed("bad registrar URI: " + e.getMessage());
      }
      String header = status == Response.UNAUTHORIZED ? "Authorization" : "Proxy-Authorization";
      auth = new String[] {header, credentials.authorize(c, Request.REGISTER, uri, 1)};
      answeredFresh = true;
    }
  }

  private Outcome classify(Response r, long expires, boolean retryOn423) throws InterruptedException {
    int status = r.getStatusCode();
    if (status >= 200 && status < 300) {
      long granted = requests.grantedSeconds(r, expires);
      if (expires > 0 && granted <= 0) {
        return new Outcome.Failed("registrar answered " + status + " but granted no lifetime");
      }
      return new Outcome.Registered(granted);
    }
    if (status == Response.INTERVAL_TOO_BRIEF && retryOn423
        && r.getHeader(MinExpiresHeader.NAME) instanceof MinExpiresHeader min
        && min.getExpires() > expires) {
      log.info("trunk {}: registrar wants at least {} s, asked {} s", trunk.name(), min.getExpires(), expires);
      return exchange(min.getExpires(), false);
    }
    String what = status + " " + r.getReasonPhrase();
    return new Outcome.Failed(switch (status) {
      case Response.FORBIDDEN ->
          what + ": check the auth user '" + trunk.authUsername() + "' and the password for trunk "
              + trunk.name();
      case Response.NOT_FOUND ->
          what + ": the registrar does not know " + requests.aor() + " (check username and domain of trunk "
              + trunk.name() + ")";
      default -> what + " from registrar " + trunk.nextHop();
    });
  }

  private static List<DigestChallenge> challenges(Response r) {
    String name = r.getStatusCode() == Response.UNAUTHORIZED
        ? WWWAuthenticateHeader.NAME : ProxyAuthenticateHeader.NAME;
    List<DigestChallenge> out = new ArrayList<>();
    ListIterator<?> it = r.getHeaders(name);
    while (it.hasNext()) {
      String full = it.next().toString().strip();
      int colon = full.indexOf(':');
      DigestChallenge.parse(colon < 0 ? full : full.substring(colon + 1)).ifPresent(out::add);
    }
    return out;
  }

  private Response send(Request request)
      throws InterruptedException, ExecutionException, TimeoutException {
    CompletableFuture<Response> f = channel.send(request);
    try {
      return f.get(timing.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      f.cancel(false);
    }
  }

  /**
   * Stops refreshing and, if a registration may be live, removes it (Expires: 0), waiting at most
   * the response timeout for the registrar; the registration would expire on its own anyway.
   */
  @Override
  public void close() {
    Thread t;
    boolean wasRegistered;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      t = loop;
      wasRegistered = state == RegistrationState.REGISTERED;
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(timing.responseTimeout().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (wasRegistered) {
      try {
        Outcome o = exchange(0, false);
        if (o instanceof Outcome.Failed(String why)) {
          log.warn("trunk {}: un-REGISTER failed: {}", trunk.name(), why);
        } else {
          log.info("trunk {}: unregistered {}", trunk.name(), requests.aor());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      state = RegistrationState.UNREGISTERED;
      expiresAt = null;
      nextAttemptAt = null;
    }
  }
}
