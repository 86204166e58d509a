package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.call.BotCallHandler;
import dev.voicebot.app.harness.DispatcherKamailio;
import dev.voicebot.app.harness.ManagedProcess;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.ThrowawayPostgres;
import dev.voicebot.sip.SipUserAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scale out as docs/scaling.md describes it: Kamailio's dispatcher (the repository's own
 * {@code docker/kamailio/dispatcher.cfg}) in front of two bots writing to one PostgreSQL. SIPp's
 * calls land on both; one bot is drained over HTTP mid-load: its calls go on to their end, it is
 * taken out of rotation, new calls go to the other bot and none fails; it exits, and once
 * restarted it is back in rotation and, like the other, lists every call of both.
 */
@Timeout(180)
class ClusterDrainTest {

  private static final int KAMAILIO = 48060;
  private static final int SIPP = 48070;
  private static final int SIPP_MEDIA = 48080;
  private static final int CALLS = 10;
  private static final Duration CALL_LENGTH = Duration.ofSeconds(4);
  private static final Duration LIMIT = Duration.ofSeconds(60);

  /** Instance name → SIP, RTP, HTTP and Festival ports of its own. */
  private record Ports(int sip, int rtpMin, int http, int festival) {}

  private static final Map<String, Ports> BOTS = new LinkedHashMap<>(Map.of(
      "bot-a", new Ports(48100, 48200, 48030, 48020),
      "bot-b", new Ports(48110, 48400, 48031, 48021)));

  @TempDir Path work;
  private final List<AutoCloseable> started = new ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    for (AutoCloseable c : started.reversed()) {
      c.close();
    }
  }

  @Test
  void callsSpreadOverTwoBotsAndDrainingOneMidLoadFailsNoCallAndEveryCallIsListedByBoth() throws Exception {
    var postgres = ThrowawayPostgres.start(48900, 48999);
    started.add(postgres);
    var a = bot("bot-a", postgres);
    var b = bot("bot-b", postgres);
    var kamailio = DispatcherKamailio.start(work.resolve("kamailio"), KAMAILIO,
        Map.of("bot-a", BOTS.get("bot-a").sip(), "bot-b", BOTS.get("bot-b").sip()), 1);
    started.add(kamailio);
    for (var bot : List.of(a, b)) {
      assertThat(kamailio.awaitFlags(bot.sipPort(), "AP", Duration.ofSeconds(10)))
          .as("bot on %d answers the probes: %s\n%s", bot.sipPort(), kamailio.flags(), kamailio.log()).isTrue();
    }

    // Ten 4 s calls, two a second: up to eight at once, spread over the bots by calls in progress.
    var sipp = ManagedProcess.start("sipp", List.of("timeout", "-k", "5", Long.toString(LIMIT.toSeconds()),
        "sipp", "-sf", RunningBot.REPO.resolve("sipp-scenarios/dispatcher-calls.xml").toString(), "-s", "100",
        "-r", "2", "-m", Integer.toString(CALLS), "-d", Long.toString(CALL_LENGTH.toMillis()),
        "-i", "127.0.0.1", "-p", Integer.toString(SIPP), "-mi", "127.0.0.1", "-mp", Integer.toString(SIPP_MEDIA),
        "-recv_timeout", "30000", "-timeout", LIMIT.toSeconds() + "s", "-timeout_error", "-nostdin",
        "-trace_err", "-trace_screen", "127.0.0.1:" + KAMAILIO), work.resolve("sipp"));
    started.add(sipp);
    var aCalls = a.bean(BotCallHandler.class);
    var bCalls = b.bean(BotCallHandler.class);
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while ((aCalls.activeCalls() == 0 || bCalls.activeCalls() == 0) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(List.of(aCalls.activeCalls(), bCalls.activeCalls())).as("calls on each bot while SIPp runs")
        .allMatch(n -> n > 0);

    var aAgent = a.bean(SipUserAgent.class);
    Instant drainAt = Instant.now();
    var drain = a.post("/api/drain");
    assertThat(drain.statusCode()).as(drain.body()).isEqualTo(202);
    JsonNode drained = JsonMapper.builder().build().readTree(drain.body());
    assertThat(drained.path("instance").asString()).isEqualTo("bot-a");
    assertThat(drained.path("draining").asBoolean()).isTrue();
    int lastCallsOfA = drained.path("activeCalls").asInt();
    assertThat(aAgent.isDraining()).isTrue();
    assertThat(aCalls.activeCalls()).as("the drained bot's calls go on").isPositive();
    assertThat(kamailio.awaitFlags(a.sipPort(), "IP", Duration.ofSeconds(5)))
        .as("the draining bot answers the probe 503 and leaves the rotation: %s", kamailio.flags()).isTrue();

    int exit = sipp.waitFor(LIMIT.plusSeconds(10));
    assertThat(exit).as("every call completed:\n%s\n%s", sipp.output(), kamailio.log()).isZero();
    deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (a.isRunning() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(a.isRunning()).as("the drained bot exits once its calls are over").isFalse();

    // The rolling restart's second half: the same instance comes back and into rotation.
    var a2 = bot("bot-a", postgres);
    assertThat(kamailio.awaitFlags(a2.sipPort(), "AP", Duration.ofSeconds(10)))
        .as("the restarted bot is back in rotation: %s", kamailio.flags()).isTrue();

    List<JsonNode> fromA = calls(a2);
    List<JsonNode> fromB = calls(b);
    assertThat(ids(fromA)).as("both bots list every call").hasSize(CALLS).containsExactlyElementsOf(ids(fromB));
    Map<String, Integer> perInstance = new HashMap<>();
    for (JsonNode call : fromA) {
      assertThat(call.path("endedAt").isString()).as("ended: %s", call).isTrue();
      assertThat(call.path("outcome").asString()).as("%s", call).isEqualTo("caller-hung-up");
      String instance = call.path("instance").asString();
      perInstance.merge(instance, 1, Integer::sum);
      if (instance.equals("bot-a") && Instant.parse(call.path("endedAt").asString()).isBefore(drainAt)) {
        lastCallsOfA++;
      }
    }
    assertThat(perInstance).as("calls per instance").containsOnlyKeys("bot-a", "bot-b");
    assertThat(perInstance.get("bot-a")).as("no call reached bot-a once it was draining: those it had then, and"
        + " those that ended before").isEqualTo(lastCallsOfA);
    assertThat(perInstance.get("bot-b")).as("new calls went to bot-b").isGreaterThan(perInstance.get("bot-a"));
  }

  private RunningBot bot(String name, ThrowawayPostgres postgres) throws Exception {
    Ports ports = BOTS.get(name);
    var properties = new HashMap<String, Object>(Map.of(
        "voicebot.instance.id", name,
        "spring.datasource.url", postgres.jdbcUrl(),
        "spring.datasource.username", postgres.user(),
        "spring.datasource.password", "",
        "server.port", ports.http(),
        "voicebot.festival.port", ports.festival(),
        // Two bots start in one JVM on a shared 2-core machine: Festival's first sentences are slow.
        "voicebot.festival.timeout", "30s",
        // Long enough for every call to end by itself: a drain that had to BYE would show.
        "voicebot.sip.drain-timeout", "20s",
        "voicebot.calls.max-concurrent", CALLS,
        // Kamailio is a trusted source: its probes and INVITEs are never rate-limited.
        "voicebot.sip.access.allowed-sources", "127.0.0.1/32"));
    var bot = RunningBot.start(work.resolve(name), ports.sip(), ports.rtpMin(), Map.of(), properties);
    started.add(bot);
    return bot;
  }

  private static List<JsonNode> calls(RunningBot bot) throws Exception {
    var response = bot.get("/api/calls?limit=100");
    assertThat(response.statusCode()).isEqualTo(200);
    var list = new ArrayList<JsonNode>();
    JsonMapper.builder().build().readTree(response.body()).forEach(list::add);
    return list;
  }

  private static List<String> ids(List<JsonNode> calls) {
    return calls.stream().map(c -> c.path("callId").asString()).toList();
  }
}
