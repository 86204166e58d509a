package dev.voicebot.app.bench;

import dev.voicebot.app.dialplan.DialplanRegistry;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.pipeline.corpus.CallerAudio;
import dev.voicebot.pipeline.corpus.CallerCorpus;
import dev.voicebot.pipeline.corpus.HumanDigits;
import dev.voicebot.pipeline.corpus.LineCondition;
import dev.voicebot.pipeline.corpus.Utterance;
import dev.voicebot.pipeline.corpus.Voice;
import dev.voicebot.pipeline.dialplan.Dialplan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The callers benchmark: the bot called by voices that are not its own (the caller corpus) and by
 * real people's digits, clean and at 15 dB SNR, on an echo-free and on an echoing line. For every
 * cell it measures intent success, word error rate, voice-to-voice over all replies, barge-in stop
 * time, false barge-ins and self-heard lines (see {@link CallMeasures}), and writes markdown tables.
 *
 * <p>Run with {@code scripts/bench-callers.sh [calls per cell]}; arguments here: calls per cell,
 * the file to write the tables to, optionally the kinds of call to place (comma-separated).
 */
public final class CallersBenchmark {

  private static final int SIP_PORT = 32060;
  private static final int RTP_MIN = 32200;
  /** The caller starts after the greeting (3.7 s of Festival slt) has ended. */
  private static final int AFTER_GREETING_MS = 4500;
  /** The caller starts 0.9 s into the greeting, as barge-in.xml does. */
  private static final int INTO_GREETING_MS = 900;
  /** After "where is my order": the bot's prompt for the number (about 3.5 s) and its endpoint. */
  private static final int BEFORE_DIGITS_MS = 5500;
  private static final int REPLY_MS = 7000;
  private static final int SILENT_CALL_MS = 9000;
  private static final int[] DIGIT_GAPS_MS = {300, 700, 1200};

  private CallersBenchmark() {}

  public static void main(String[] args) throws Exception {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    Path tables = Path.of(args.length > 1 ? args[1] : "app/target/callers-tables.md");
    var corpus = CallerCorpus.open();
    List<PlannedCall> plan = plan(corpus, size);
    if (args.length > 2 && !args[2].isBlank()) {
      var kinds = java.util.Arrays.stream(args[2].split(",")).map(PlannedCall.Kind::valueOf).toList();
      plan = plan.stream().filter(c -> kinds.contains(c.kind())).toList();
    }
    System.out.printf("callers benchmark: %d calls (%d per cell)%n", plan.size(), size);
    Path work = Files.createTempDirectory("voicebot-callers");
    var measures = new ArrayList<CallMeasures>();
    try (var bot = RunningBot.start(work.resolve("bot"), SIP_PORT, RTP_MIN, Map.of(), Map.of())) {
      Dialplan dialplan = bot.bean(DialplanRegistry.class).forNumber("100").dialplan();
      var runner = new CallRunner(bot, work.resolve("calls"));
      for (PlannedCall call : plan) {
        var m = CallMeasures.of(runner.place(call), dialplan, bot.rtpMin(), bot.rtpMax());
        measures.add(m);
        System.out.printf("%-12s %-9s %-22s %-11s intent=%-5s wer=%s v2v=%s barge-in=%s greeting=%d/%dms self-heard=%d"
                + " read-back=%s sipp=%s turns=%s | said: %s | heard: %s%n", call.kind(), call.line(), call.source(), call.condition().label(), m.intentOk(),
            m.wer() == null ? "-" : String.format("%.2f", m.wer().rate()), m.voiceToVoiceMs(),
            m.bargeInMs().isPresent() ? m.bargeInMs().getAsLong() : "-", m.greetingPackets(), m.greetingGapMs(),
            m.selfHeard(), m.readBack(), m.sippCompleted() ? "ok" : "ended early", m.turns(), call.reference(), m.heard());
      }
    }
    String markdown = new CallersReport(measures, corpus.hasHumanDigits()).markdown();
    Files.createDirectories(tables.toAbsolutePath().getParent());
    Files.writeString(tables, markdown);
    System.out.println();
    System.out.println(markdown);
  }

  /**
   * The calls, cell by cell: each corpus voice clean and noisy, {@code size} requests and (echo-free
   * line) {@code size} talk-overs, phrasings rotated so that the cells together cover the corpus;
   * silent callers; each fsdd speaker saying an order number with 300/700/1200 ms between digits.
   */
  static List<PlannedCall> plan(CallerCorpus corpus, int size) {
    var requests = corpus.utterances(Utterance.Kind.REQUEST);
    var talkOvers = corpus.utterances(Utterance.Kind.TALK_OVER);
    var orderNumbers = corpus.utterances(Utterance.Kind.DIGITS);
    var lines = List.of(LineCondition.CLEAN, LineCondition.NOISY);
    var plan = new ArrayList<PlannedCall>();
    int turn = 0;
    for (boolean echoing : new boolean[] {false, true}) {
      for (Voice voice : Voice.callers()) {
        for (int k = 0; k < size; k++, turn++) {
          for (LineCondition line : lines) {
            // Step 5 through 21 phrasings visits every intent in turn; the same phrasing clean and noisy.
            Utterance u = requests.get((turn * 5 + (echoing ? 2 : 0)) % requests.size());
            CallerAudio audio = corpus.say(voice, u.text(), line).padded(AFTER_GREETING_MS, 0, line);
            plan.add(new PlannedCall(PlannedCall.Kind.REQUEST, voice.label(), line, echoing, audio, u.intent(), null,
                REPLY_MS));
            if (!echoing) {
              Utterance t = talkOvers.get(turn % talkOvers.size());
              plan.add(new PlannedCall(PlannedCall.Kind.TALK_OVER, voice.label(), line, false,
                  corpus.say(voice, t.text(), line).padded(INTO_GREETING_MS, 0, line), t.intent(), null, REPLY_MS));
            }
          }
        }
      }
      for (int k = 0; k < size; k++) {
        for (LineCondition line : lines) {
          int millis = echoing ? CallRunner.ECHOING_CALL_MILLIS : SILENT_CALL_MS;
          var nothing = new CallerAudio("", new short[0], new short[0]).padded(millis, 0, line);
          plan.add(new PlannedCall(PlannedCall.Kind.SILENT, line.noisy() ? "noise only" : "silence", line, echoing,
              nothing, null, null, 0));
        }
      }
    }
    if (!corpus.hasHumanDigits()) {
      System.out.println(CallerCorpus.humanDigitsMissing());
      return plan;
    }
    for (HumanDigits.Speaker speaker : HumanDigits.Speaker.values()) {
      for (int k = 0; k < size; k++, turn++) {
        for (LineCondition line : lines) {
          String digits = orderNumbers.get(turn % orderNumbers.size()).digits();
          CallerAudio audio = corpus.say(Voice.FLITE_RMS, "where is my order", line)
              .padded(AFTER_GREETING_MS, BEFORE_DIGITS_MS, line)
              .then(corpus.humanDigits(speaker, digits, k * 5, line, DIGIT_GAPS_MS[turn % DIGIT_GAPS_MS.length]));
          plan.add(new PlannedCall(PlannedCall.Kind.ORDER_NUMBER, speaker.name().toLowerCase(java.util.Locale.ROOT), line,
              false, audio, "order-status", digits, REPLY_MS));
        }
      }
    }
    return plan;
  }
}
