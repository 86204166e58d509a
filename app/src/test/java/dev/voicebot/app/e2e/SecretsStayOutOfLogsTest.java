package dev.voicebot.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.app.config.VoicebotProperties;
import dev.voicebot.app.harness.CallerVoice;
import dev.voicebot.app.harness.RtpPcapWriter;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Sipp;
import dev.voicebot.app.records.CallRecord;
import dev.voicebot.app.records.CallRecordStore;
import dev.voicebot.sip.tls.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A start and a call with every kind of secret configured (SIP digest users, a trunk password,
 * the HTTP token, the TLS key store password): none of them reaches the log, even with the app's
 * loggers at DEBUG and JAIN-SIP's at INFO, and what the caller said is logged only at DEBUG.
 */
@Timeout(150)
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutOfLogsTest {

  private static final String SIP_USER_PASSWORD = "sipuserpw-8d41c0";
  private static final String TRUNK_PASSWORD = "trunkpw-5b27e9";
  private static final String HTTP_TOKEN = "httptoken-c61f3a";

  @TempDir Path work;

  @Test
  void noPasswordOrTokenIsLoggedAndTheCallersWordsOnlyAtDebug(CapturedOutput output) throws Exception {
    var certificate = TestCertificates.create(work.resolve("tls"));
    List<String> secrets = List.of(SIP_USER_PASSWORD, TRUNK_PASSWORD, HTTP_TOKEN, certificate.password());
    Map<String, Object> properties = Map.ofEntries(
        Map.entry("voicebot.http.token", HTTP_TOKEN),
        Map.entry("voicebot.sip.access.allowed-sources", "127.0.0.1/32"),
        Map.entry("voicebot.sip.access.challenge-others", "true"),
        Map.entry("voicebot.sip.access.users.alice", SIP_USER_PASSWORD),
        // A registrar on loopback where nothing listens: the registration fails (and is logged)
        // without anything leaving the machine.
        Map.entry("voicebot.sip.trunks[0].name", "lab"),
        Map.entry("voicebot.sip.trunks[0].registrar", "127.0.0.1:39098"),
        Map.entry("voicebot.sip.trunks[0].username", "bot"),
        Map.entry("voicebot.sip.trunks[0].password", TRUNK_PASSWORD),
        Map.entry("voicebot.sip.trunks[0].expiry", "60s"),
        Map.entry("voicebot.sip.tls.enabled", "true"),
        Map.entry("voicebot.sip.tls.port", "39066"),
        Map.entry("voicebot.sip.tls.key-store", certificate.keyStore().toString()),
        Map.entry("voicebot.sip.tls.key-store-password", certificate.password()),
        Map.entry("logging.level.dev.voicebot.app", "DEBUG"),
        Map.entry("logging.level.dev.voicebot.sip", "DEBUG"),
        // As the README says to trace signalling: every SIP message, and the stack's own notes.
        Map.entry("logging.level.voicebot-sip-stack", "INFO"));
    List<String> callerWords;
    try (var bot = RunningBot.start(work.resolve("bot"), 39064, 39400, Map.of(), properties)) {
      assertThat(bot.bean(VoicebotProperties.class)).asString()
          .as("the settings as Spring would print them").doesNotContain(secrets);

      Path dir = Files.createDirectories(work.resolve("call"));
      short[] question = new CallerVoice(dir).speak8k("What are your opening hours?");
      RtpPcapWriter.writePcmu(CallerVoice.pad(question, 0.2, 0.6), dir.resolve("caller.pcap"));
      var result = new Sipp(RunningBot.REPO.resolve("sipp-scenarios"), 39064)
          .call("ask-question", "100", dir, 39080, 39082, Duration.ofSeconds(60));
      assertThat(result.passed()).as(result.output()).isTrue();
      callerWords = bot.bean(CallRecordStore.class).list().stream()
          .flatMap(r -> r.transcript().stream())
          .filter(line -> line.speaker().equals("CALLER"))
          .map(CallRecord.Line::text)
          .toList();
      assertThat(callerWords).as("the call record keeps what the caller said").isNotEmpty();
    }

    String log = output.getAll();
    assertThat(log).as("no secret in the log").doesNotContain(secrets);
    List<String> transcriptLines = log.lines().filter(l -> l.contains("CALLER: ") || l.contains("BOT: ")).toList();
    assertThat(transcriptLines).as("the conversation is logged at DEBUG (the test sees it)").isNotEmpty()
        .allSatisfy(line -> assertThat(line).contains(" DEBUG "));
    assertThat(log.lines().filter(l -> !l.contains(" DEBUG ") && !l.contains(" TRACE ")))
        .as("no caller words above DEBUG").noneMatch(l -> callerWords.stream().anyMatch(l::contains));
  }
}
