package dev.voicebot.app.runtime;

import dev.voicebot.app.config.VoicebotProperties;
import dev.voicebot.sip.SipUserAgent;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/drain}: the instance takes no new call (INVITEs and the load balancer's OPTIONS
 * get 503, so Kamailio's dispatcher sends calls elsewhere), lets its active calls finish (BYE at
 * {@code voicebot.sip.drain-timeout}), then exits, as on SIGTERM. Answers at once (202) with what
 * is still on; a second request changes nothing. Behind the HTTP port's bearer token like the rest
 * of {@code /api}.
 */
@RestController
public class DrainController {

  private static final Logger log = LoggerFactory.getLogger(DrainController.class);
  /** The drain thread closes the gate within microseconds; bounded anyway. */
  private static final Duration GATE_WAIT = Duration.ofSeconds(2);

  /** What the drain answers: whether it is draining, and the calls still on and their deadline. */
  public record DrainStatus(String instance, boolean draining, int activeCalls, long timeoutSeconds) {}

  private final SipUserAgent agent;
  private final ConfigurableApplicationContext context;
  private final Duration timeout;
  private final String instance;
  private final AtomicBoolean started = new AtomicBoolean();

  public DrainController(SipUserAgent agent, ConfigurableApplicationContext context, VoicebotProperties properties,
      InstanceId instance) {
    this.agent = agent;
    this.context = context;
    this.timeout = properties.sip().drainTimeout();
    this.instance = instance.value();
  }

  @PostMapping("/api/drain")
  public ResponseEntity<DrainStatus> drain() throws InterruptedException {
    if (started.compareAndSet(false, true)) {
      log.info("Drain requested over HTTP: active calls have {} s to finish, then the app exits",
          timeout.toSeconds());
      // Not a daemon: the JVM must not end before the drain has, and the context is closed from
      // here, not from an HTTP thread that the closing would wait for.
      Thread.ofPlatform().name("drain").start(this::drainAndExit);
    }
    // Answer once new calls are refused: the calls counted then are the last this instance takes.
    long deadline = System.nanoTime() + GATE_WAIT.toNanos();
    while (!agent.isDraining() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(new DrainStatus(instance, agent.isDraining(), agent.activeCalls(), timeout.toSeconds()));
  }

  private void drainAndExit() {
    agent.drain(timeout);
    // Closing the context stops the HTTP server, the engines and the record writer; with nothing
    // left running the JVM ends, as after SIGTERM.
    SpringApplication.exit(context);
  }
}
