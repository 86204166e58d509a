package dev.voicebot.app.dialplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.dialplan.Intent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DialplanLoaderTest {

  private static final Path REPO = Path.of(System.getProperty("voicebot.repo", ".."));

  @TempDir Path dir;

  private final DialplanLoader loader = new DialplanLoader();

  private static final String VALID = """
      name: Test
      greeting: Hello
      reprompt: Again?
      goodbye: Bye
      silence:
        timeout: 5s
        prompt: Still there?
      intents:
        - name: hours
          dtmf: "1"
          phrases: [opening hours]
          reply: Nine to five.
      """;

  private Path write(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name), yaml);
  }

  private DialplanException failure(String yaml) throws IOException {
    return new DialplanFiles(dir).failure(yaml);
  }

  @Test
  void theAcmeDemoDialplanLoadsWithItsSixIntents() {
    Dialplan demo = loader.load(REPO.resolve("dialplans/demo.yaml")).dialplan();

    assertThat(demo.greeting()).contains("Acme");
    assertThat(demo.intents()).extracting(Intent::name)
        .containsExactly("hours", "order-status", "agent", "repeat", "start-over", "goodbye");
    assertThat(demo.silence().timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(demo.silence().maxPrompts()).isEqualTo(2);
    assertThat(demo.maxMisses()).isEqualTo(3);
    var order = demo.intents().get(1);
    assertThat(order.dtmf()).contains('2');
    assertThat(order.collect()).hasValueSatisfying(c -> {
      assertThat(c.count()).isEqualTo(5);
      assertThat(c.terminator()).isEqualTo('#');
    });
    assertThat(demo.intents().get(2).then()).isEqualTo(Intent.Then.TRANSFER);
    assertThat(demo.intents().get(2).transferTo()).contains("agent");
    assertThat(demo.transferTargets()).containsKey("agent");
  }

  @Test
  void aValidMinimalDialplanGetsDefaultsForOptionalKeys() throws IOException {
    var loaded = loader.load(write("minimal.yaml", VALID));
    Dialplan plan = loaded.dialplan();

    assertThat(plan.name()).isEqualTo("Test");
    assertThat(plan.maxMisses()).isEqualTo(3);
    assertThat(plan.apology()).isNotBlank();
    assertThat(plan.intents().getFirst().then()).isEqualTo(Intent.Then.CONTINUE);
    assertThat(loaded.answerAfter()).isZero();
    assertThat(loaded.id()).isEqualTo("minimal");
  }

  @Test
  void answerAfterMakesTheCallRingBeforeTheBotAnswers() throws IOException {
    var loaded = loader.load(write("ring.yaml", "answer-after: 3s\n" + VALID));

    assertThat(loaded.answerAfter()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void recordingIsOffUnlessTheDialplanTurnsItOn() throws IOException {
    assertThat(loader.load(write("plain.yaml", VALID)).recording()).isFalse();
    assertThat(loader.load(write("on.yaml", VALID + "recording: true\n")).recording()).isTrue();
    assertThat(loader.load(write("off.yaml", VALID + "recording: false\n")).recording()).isFalse();
  }

  @Test
  void aRecordingSettingOtherThanTrueOrFalseIsReportedAtItsLineAndColumn() throws IOException {
    var e = failure(VALID.replace("reprompt: Again?", "recording: yes\nreprompt: Again?"));

    assertThat(e.line()).isEqualTo(3);
    assertThat(e.column()).isEqualTo(12);
    assertThat(e.problem()).contains("recording must be true or false, not 'yes'");
  }

  @Test
  void theDemoDialplanIsRecorded() {
    assertThat(loader.load(dev.voicebot.app.harness.RunningBot.REPO.resolve("dialplans/demo.yaml")).recording())
        .isTrue();
  }

  @Test
  void aMisspelledKeyIsReportedAtItsLineAndColumnWithTheKeysAllowed() throws IOException {
    var e = failure(VALID.replace("greeting: Hello", "greting: Hello"));

    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(1);
    assertThat(e.problem()).contains("unknown key 'greting'").contains("greeting");
  }

  @Test
  void brokenYamlSyntaxIsReportedWithItsPosition() throws IOException {
    var e = failure("greeting: Hello\nintents: [unclosed\n");

    assertThat(e.line()).isGreaterThan(0);
    assertThat(e.column()).isGreaterThan(0);
    assertThat(e.problem()).startsWith("not valid YAML");
  }

  @Test
  void aMissingRequiredKeyNamesTheKey() throws IOException {
    var e = failure(VALID.replace("goodbye: Bye\n", ""));

    assertThat(e.problem()).contains("'goodbye'");
    assertThat(e.line()).isEqualTo(1);
  }

  @Test
  void theMatchThresholdIsReadAndWithoutItTheMatchersDefaultApplies() throws IOException {
    var strict = loader.load(write("strict.yaml", VALID.replace("reprompt: Again?", "reprompt: Again?\nmatch-threshold: 0.7")));
    var plain = loader.load(write("plain.yaml", VALID));

    assertThat(strict.dialplan().matchThreshold()).hasValue(0.7);
    assertThat(plain.dialplan().matchThreshold()).isEmpty();
  }

  @Test
  void theEndCallQuestionIsReadAndWithoutItTheDefaultIsAsked() throws IOException {
    var own = loader.load(write("own.yaml", VALID.replace("goodbye: Bye\n",
        "goodbye: Bye\nend-call:\n  question: Shall I hang up?\n")));
    var plain = loader.load(write("plain.yaml", VALID));

    assertThat(own.dialplan().endCall().question()).isEqualTo("Shall I hang up?");
    assertThat(own.dialplan().endCall().declined()).isEqualTo(Dialplan.EndCallCheck.DEFAULT.declined());
    assertThat(plain.dialplan().endCall()).isEqualTo(Dialplan.EndCallCheck.DEFAULT);
  }

  @Test
  void anEmptyOrUnknownEndCallEntryIsReportedWhereItStands() throws IOException {
    var empty = failure(VALID.replace("goodbye: Bye\n", "goodbye: Bye\nend-call:\n  declined: ''\n"));
    var unknown = failure(VALID.replace("goodbye: Bye\n", "goodbye: Bye\nend-call:\n  prompt: Hang up?\n"));

    assertThat(empty.line()).isEqualTo(6);
    assertThat(empty.column()).isEqualTo(13);
    assertThat(empty.problem()).contains("end-call.declined must not be empty");
    assertThat(unknown.line()).isEqualTo(6);
    assertThat(unknown.column()).isEqualTo(3);
    assertThat(unknown.problem()).contains("prompt");
  }

  @Test
  void aMatchThresholdOutOfRangeIsReportedWhereItStands() throws IOException {
    var e = failure(VALID.replace("reprompt: Again?", "reprompt: Again?\nmatch-threshold: 1.5"));

    assertThat(e.line()).isEqualTo(4);
    assertThat(e.column()).isEqualTo(18);
    assertThat(e.problem()).contains("match-threshold").contains("between 0.3").contains("1.5");
  }

  @Test
  void aMatchThresholdThatIsNotANumberIsReportedWhereItStands() throws IOException {
    var e = failure(VALID.replace("reprompt: Again?", "reprompt: Again?\nmatch-threshold: high"));

    assertThat(e.line()).isEqualTo(4);
    assertThat(e.column()).isEqualTo(18);
    assertThat(e.problem()).contains("match-threshold must be a number, not 'high'");
  }

  @Test
  void anInvalidDtmfKeyIsRejectedWhereItStands() throws IOException {
    var e = failure(VALID.replace("dtmf: \"1\"", "dtmf: \"12\""));

    assertThat(e.line()).isEqualTo(10);
    assertThat(e.column()).isEqualTo(11);
    assertThat(e.problem()).contains("dtmf").contains("'12'");
  }

  @Test
  void aBadDurationSaysWhichFormsAreAccepted() throws IOException {
    var e = failure(VALID.replace("timeout: 5s", "timeout: five seconds"));

    assertThat(e.line()).isEqualTo(6);
    assertThat(e.problem()).contains("500ms, 10s or 2m");
  }

  @Test
  void duplicateKeysAreRejected() throws IOException {
    var e = failure(VALID + "greeting: Hi again\n");

    assertThat(e.problem()).contains("greeting");
    assertThat(e.line()).isGreaterThan(0);
  }

  @Test
  void twoIntentsWithTheSameDtmfKeyAreRejected() throws IOException {
    var e = failure(VALID + """
          - name: other
            dtmf: "1"
            reply: Other.
        """);

    assertThat(e.problem()).contains("already taken by intent 'hours'");
    assertThat(e.line()).isEqualTo(13);
  }

  @Test
  void aConfirmationThatDoesNotReadTheDigitsBackIsRejected() throws IOException {
    var e = failure(VALID + """
          - name: order
            phrases: [order]
            collect:
              prompt: Your number?
              digits: 5
              confirmation: Thanks.
        """);

    assertThat(e.problem()).contains("{digits}");
    assertThat(e.line()).isEqualTo(18);
  }

  @Test
  void anIntentTheCallerCannotReachIsRejected() throws IOException {
    var e = failure(VALID + """
          - name: unreachable
            reply: Nobody hears this.
        """);

    assertThat(e.problem()).contains("needs phrases or a dtmf key");
  }

  @Test
  void anEmptyFileIsRejected() throws IOException {
    var e = failure("");

    assertThat(e.problem()).contains("empty");
  }

  @Test
  void aTransferIntentNamesOneOfTheDialplansTransferTargets() throws IOException {
    var plan = loader.load(write("t.yaml", VALID.replace("greeting: Hello", "greeting: Hello\ntransfer-targets:\n  agent: sip:agent@pbx.example") + """
          - name: agent
            dtmf: "0"
            reply: Transferring you.
            then: transfer
            transfer-to: agent
        """)).dialplan();

    assertThat(plan.transferTargets()).containsEntry("agent", "sip:agent@pbx.example");
    assertThat(plan.intents().getLast().transferTo()).contains("agent");
  }

  @Test
  void aTransferToAnUnlistedTargetIsRejectedWhereItStands() throws IOException {
    var e = failure(VALID.replace("greeting: Hello", "greeting: Hello\ntransfer-targets:\n  agent: sip:agent@pbx.example") + """
          - name: agent
            dtmf: "0"
            reply: Transferring you.
            then: transfer
            transfer-to: "+19005550199"
        """);

    assertThat(e.problem()).contains("not in transfer-targets");
    assertThat(e.line()).isEqualTo(19);
  }

  @Test
  void aTransferTargetMustBeASipOrTelUri() throws IOException {
    var e = failure(VALID.replace("greeting: Hello", "greeting: Hello\ntransfer-targets:\n  agent: http://evil.example"));

    assertThat(e.problem()).contains("sip:, sips: or tel: URI");
    assertThat(e.line()).isEqualTo(4);
  }

  @Test
  void anLlmBlockConfiguresTheModelItsTimeoutsAndWebhookTools() throws IOException {
    var plan = loader.load(write("llm.yaml", VALID + """
        llm:
          base-url: http://127.0.0.1:11434
          model: llama3.1:8b
          api-key-env: GROQ_API_KEY
          system-prompt: You are the Acme assistant.
          temperature: 0.3
          max-tokens: 200
          timeouts:
            first-token: 2s
          filler: Just a second.
          tools:
            - name: order_status
              description: Look up an order
              url: http://127.0.0.1:9000/orders
              timeout: 2s
              parameters:
                type: object
                properties:
                  order: {type: string}
                required: [order]
        """)).dialplan();

    var llm = plan.llm().orElseThrow();
    assertThat(llm.model()).isEqualTo("llama3.1:8b");
    assertThat(llm.apiKeyEnv()).contains("GROQ_API_KEY");
    assertThat(llm.timeouts().firstToken()).isEqualTo(Duration.ofSeconds(2));
    assertThat(llm.filler()).isEqualTo("Just a second.");
    assertThat(llm.tools()).singleElement().satisfies(tool -> {
      assertThat(tool.name()).isEqualTo("order_status");
      assertThat(tool.parameters().toString()).contains("required").contains("order");
    });
  }

  @Test
  void anLlmBaseUrlMustBeHttp() throws IOException {
    var e = failure(VALID + """
        llm:
          base-url: ftp://models.example
          model: m
          system-prompt: p
        """);

    assertThat(e.problem()).contains("http:// or https://");
    assertThat(e.line()).isEqualTo(14);
  }

  @Test
  void aRealtimeBlockSendsCallsToASpeechToSpeechModel() throws IOException {
    var loaded = loader.load(write("rt.yaml", VALID + """
        realtime:
          url: wss://api.openai.com/v1/realtime
          model: gpt-4o-realtime-preview
          api-key-env: OPENAI_API_KEY
          instructions: You are the Acme assistant.
          voice: alloy
        """));

    assertThat(loaded.realtime()).hasValueSatisfying(rt -> {
      assertThat(rt.model()).isEqualTo("gpt-4o-realtime-preview");
      assertThat(rt.apiKeyEnv()).contains("OPENAI_API_KEY");
      assertThat(rt.voice()).isEqualTo("alloy");
    });
  }

  @Test
  void aRealtimeUrlMustBeAWebSocket() throws IOException {
    var e = failure(VALID + """
        realtime:
          url: https://api.openai.com/v1/realtime
          model: m
          instructions: i
        """);

    assertThat(e.problem()).contains("ws:// or wss://");
    assertThat(e.line()).isEqualTo(14);
  }

  @Test
  void backchannelsAreTheWordsThatDoNotInterruptTheBot() throws IOException {
    var plan = loader.load(write("bc.yaml", VALID + "backchannels: [uh huh, got it]\n")).dialplan();

    assertThat(plan.backchannels()).containsExactly("uh huh", "got it");
  }

  @Test
  void theRegistryRoutesByCalledNumberAndFallsBackToTheDefault() throws IOException {
    write("demo.yaml", VALID.replace("name: Test", "name: Demo"));
    write("sales.yaml", VALID.replace("name: Test", "name: Sales\nnumbers: [\"200\"]"));

    var registry = DialplanRegistry.load(dir, "demo", loader);

    assertThat(registry.forNumber("200").dialplan().name()).isEqualTo("Sales");
    assertThat(registry.forNumber("999").dialplan().name()).isEqualTo("Demo");
    assertThat(registry.forNumber(null).dialplan().name()).isEqualTo("Demo");
  }

  @Test
  void theRegistryRefusesTwoFilesClaimingOneNumber() throws IOException {
    write("a.yaml", VALID.replace("name: Test", "name: A\nnumbers: [\"200\"]"));
    write("b.yaml", VALID.replace("name: Test", "name: B\nnumbers: [\"200\"]"));

    assertThatThrownBy(() -> DialplanRegistry.load(dir, "a", loader))
        .isInstanceOf(DialplanException.class)
        .hasMessageContaining("'200' is already routed by a.yaml");
  }

  @Test
  void theRegistryRefusesAMissingDefault() throws IOException {
    write("a.yaml", VALID);

    assertThatThrownBy(() -> DialplanRegistry.load(dir, "demo", loader))
        .isInstanceOf(DialplanException.class)
        .hasMessageContaining("default dialplan 'demo'");
  }
}
