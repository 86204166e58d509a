package dev.voicebot.app.bench;

import dev.voicebot.app.dialplan.DialplanLoader;
import dev.voicebot.app.harness.RunningBot;
import dev.voicebot.app.harness.Transcriber;
import dev.voicebot.models.BundledModels;
import dev.voicebot.pipeline.brain.IntentMatch;
import dev.voicebot.pipeline.brain.IntentMatcher;
import dev.voicebot.pipeline.brain.IntentMatchers;
import dev.voicebot.pipeline.corpus.CallerCorpus;
import dev.voicebot.pipeline.corpus.LineCondition;
import dev.voicebot.pipeline.corpus.Utterance;
import dev.voicebot.pipeline.corpus.Voice;
import dev.voicebot.pipeline.embedding.CachingEncoder;
import dev.voicebot.pipeline.embedding.MiniLmEncoder;
import dev.voicebot.pipeline.stt.Transcript;
import dev.voicebot.pipeline.stt.VoskRecognizer;
import dev.voicebot.rtp.codec.G711;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Offline, many utterances rather than a call per cell: what the demo understands of every request
 * in the caller corpus, said by every caller voice (never the bot's), clean and noisy, on a G.711
 * line, heard by the bot's Vosk recognizer and matched by the demo's intent matcher — with the
 * recognizer's best reading alone, and with its other readings as the bot uses them
 * ({@link IntentMatcher#match(List)}). Per voice and line: intents right, wrong (another intent:
 * the bot answers the wrong question) and none (the bot asks again).
 *
 * <p>Run with {@code scripts/bench-intents.sh}; writes the markdown table to the file in its
 * argument.
 */
public final class IntentsBenchmark {

  private record Tally(int right, int wrong, int none) {
    Tally add(String expected, Optional<IntentMatch> got) {
      if (got.isEmpty()) {
        return new Tally(right, wrong, none + 1);
      }
      return got.get().intent().name().equals(expected) ? new Tally(right + 1, wrong, none) : new Tally(right, wrong + 1, none);
    }

    Tally plus(Tally o) {
      return new Tally(right + o.right, wrong + o.wrong, none + o.none);
    }

    String cell() {
      return right + " / " + wrong + " / " + none;
    }
  }

  private IntentsBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "target/intents.md");
    Path cache = Path.of("app", "target", "test-models").toAbsolutePath();
    var models = new BundledModels(cache, IntentsBenchmark.class.getClassLoader());
    var demo = new DialplanLoader().load(RunningBot.REPO.resolve("dialplans/demo.yaml")).dialplan();
    var corpus = CallerCorpus.open();
    var requests = corpus.utterances(Utterance.Kind.REQUEST);
    var table = new StringBuilder("""
        | voice | line | requests | best reading: right / wrong / none | with other readings: right / wrong / none |
        |---|---|---:|---:|---:|
        """);
    Tally bestAll = new Tally(0, 0, 0);
    Tally readingsAll = new Tally(0, 0, 0);
    var changed = new ArrayList<String>();
    try (var encoder = new MiniLmEncoder(models.sentenceEncoder()); var vosk = new VoskRecognizer(models.voskModel())) {
      IntentMatcher matcher = IntentMatchers.semantic(new CachingEncoder(encoder, 1024)).forDialplan(demo);
      var transcriber = new Transcriber(vosk);
      for (Voice voice : Voice.callers()) {
        for (LineCondition line : List.of(LineCondition.CLEAN, LineCondition.NOISY)) {
          Tally best = new Tally(0, 0, 0);
          Tally readings = new Tally(0, 0, 0);
          for (Utterance u : requests) {
            short[] heard8k = overG711(corpus.say(voice, u.text(), line).padded(300, 800, line).pcm8k());
            Transcript heard = transcriber.hear8k(heard8k);
            Optional<IntentMatch> byBest = matcher.match(heard.text());
            Optional<IntentMatch> byReadings = matcher.match(heard.readings());
            best = best.add(u.intent(), byBest);
            readings = readings.add(u.intent(), byReadings);
            if (!byBest.map(IntentMatch::intent).equals(byReadings.map(IntentMatch::intent))) {
              changed.add(String.format(Locale.ROOT, "- %s, %s: \"%s\" (%s) heard \"%s\": %s → %s", voice.label(),
                  line.label(), u.text(), u.intent(), heard.text(), name(byBest), name(byReadings)));
            }
          }
          System.out.printf("%-20s %-10s best %s, readings %s%n", voice.label(), line.label(), best.cell(), readings.cell());
          table.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s |%n", voice.label(), line.label(),
              requests.size(), best.cell(), readings.cell()));
          bestAll = bestAll.plus(best);
          readingsAll = readingsAll.plus(readings);
        }
      }
    }
    table.append(String.format(Locale.ROOT, "| **all** | | %d | **%s** | **%s** |%n",
        bestAll.right + bestAll.wrong + bestAll.none, bestAll.cell(), readingsAll.cell()));
    table.append("\nWhere the other readings changed the answer (the intent asked for in brackets):\n\n");
    changed.forEach(c -> table.append(c).append('\n'));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, table.toString());
    System.out.println(table);
  }

  private static String name(Optional<IntentMatch> match) {
    return match.map(m -> m.intent().name()).orElse("reprompt");
  }

  /** The caller's audio as the bot decodes it: u-law both ways. */
  private static short[] overG711(short[] pcm8k) {
    short[] out = new short[pcm8k.length];
    for (int i = 0; i < pcm8k.length; i++) {
      out[i] = G711.ulawDecode(G711.ulawEncode(pcm8k[i]));
    }
    return out;
  }
}
