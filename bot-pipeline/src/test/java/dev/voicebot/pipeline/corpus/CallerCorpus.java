package dev.voicebot.pipeline.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The caller corpus: what callers say ({@link #utterances()}, from
 * {@code corpus/caller-utterances.tsv}), spoken by voices that are not the bot's
 * ({@link #say}) or by real people ({@link #humanDigits}), on a phone line of a given level and
 * noise ({@link LineCondition}). Everything comes out at phone band (300-3400 Hz), 8 kHz 16-bit
 * ({@link CallerAudio}); an app test writes it as a PCMU pcap with its {@code RtpPcapWriter}.
 *
 * <pre>{@code
 * var corpus = CallerCorpus.open();
 * for (Utterance u : corpus.utterances(Utterance.Kind.REQUEST)) {
 *   CallerAudio a = corpus.say(Voice.ESPEAK_US, u.text(), LineCondition.NOISY);
 *   RtpPcapWriter.writePcmu(a.padded(4500, 600, LineCondition.NOISY).pcm8k(), dir.resolve("caller.pcap"));
 * }
 * corpus.humanDigits(HumanDigits.Speaker.LUCAS, "48213", 0, LineCondition.CLEAN, 400);
 * }</pre>
 *
 * Synthesis is cached under {@code target/caller-corpus} (per voice and text, before level and
 * noise, which are cheap and deterministic).
 */
public final class CallerCorpus {

  private static final String UTTERANCES = "corpus/caller-utterances.tsv";
  /** Ends of a synthesized clip quieter than this are the synthesizer's own silence, trimmed off. */
  private static final double TRIM_DBOV = -55;
  private static final int TRIM_MARGIN_SAMPLES = 320;

  private final Path cache;
  private final Optional<HumanDigits> humans;
  private final List<Utterance> utterances;

  private CallerCorpus(Path cache, Optional<HumanDigits> humans, List<Utterance> utterances) {
    this.cache = cache;
    this.humans = humans;
    this.utterances = utterances;
  }

  /**
   * The corpus, cached under {@code -Dvoicebot.corpus.cache=DIR} or the module's
   * {@code target/caller-corpus}, with the fsdd recordings where {@link HumanDigits#locate()} finds them.
   */
  public static CallerCorpus open() {
    String configured = System.getProperty("voicebot.corpus.cache");
    Path cache = configured != null ? Path.of(configured)
        : Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target/caller-corpus");
    return new CallerCorpus(cache, HumanDigits.locate().map(HumanDigits::new), readUtterances());
  }

  /** Everything callers say, in file order. */
  public List<Utterance> utterances() {
    return utterances;
  }

  public List<Utterance> utterances(Utterance.Kind kind) {
    return utterances.stream().filter(u -> u.kind() == kind).toList();
  }

  /** {@code text} said by {@code voice} on {@code line}, trimmed to the words. */
  public CallerAudio say(Voice voice, String text, LineCondition line) {
    try {
      short[] speech = Signals.toLevel(synthesized(voice, text), line.level().dbov());
      return new CallerAudio(text, onLine(speech, line), speech);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the fsdd recordings are there (tests that need them skip when not, saying why). */
  public boolean hasHumanDigits() {
    return humans.isPresent();
  }

  /** Why human digits are missing, for a skip message. */
  public static String humanDigitsMissing() {
    return "the fsdd recordings are not at ../shared/data/fsdd (or -Dvoicebot.fsdd): human digit tests skip";
  }

  /**
   * {@code digits} said by one of the fsdd speakers on {@code line}, with {@code gapsMillis}
   * between digits (150-1500 ms is how people say order numbers; one value is used for every gap),
   * digit i from take {@code firstTake + i}. The reference text is the digits as words.
   */
  public CallerAudio humanDigits(HumanDigits.Speaker speaker, String digits, int firstTake, LineCondition line,
      int... gapsMillis) {
    HumanDigits h = humans.orElseThrow(() -> new IllegalStateException(humanDigitsMissing()));
    try {
      short[] speech = Signals.toLevel(SoundTools.phoneBand8k(h.say(speaker, digits, firstTake, gapsMillis)),
          line.level().dbov());
      return new CallerAudio(words(digits), onLine(speech, line), speech);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** "482" → "four eight two". */
  public static String words(String digits) {
    var names = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");
    var out = new ArrayList<String>();
    for (char c : digits.toCharArray()) {
      out.add(names.get(c - '0'));
    }
    return String.join(" ", out);
  }

  /**
   * {@code speech} (already at the line's level) with the line's noise added: seeded pink noise,
   * band-limited like the speech, {@code snrDb} below the line's level. Clean lines return it as is.
   */
  static short[] onLine(short[] speech, LineCondition line) {
    if (!line.noisy() || speech.length == 0) {
      return speech.clone();
    }
    long seed = line.noiseSeed() + speech.length; // other lengths, other noise; the same length, the same
    short[] noise = new short[speech.length];
    double[] pink = Signals.pinkNoise(speech.length, seed);
    for (int i = 0; i < noise.length; i++) {
      noise[i] = Signals.clip(pink[i] * 3000);
    }
    try {
      noise = SoundTools.phoneBand8k(noise);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Signals.mix(speech, noise, line.level().dbov() - line.snrDb());
  }

  /** The voice's phone-band clip of {@code text}, synthesized once and cached. */
  private short[] synthesized(Voice voice, String text) throws IOException {
    Files.createDirectories(cache);
    Path raw = cache.resolve(voice.name().toLowerCase(Locale.ROOT) + "-" + hash(text) + ".raw");
    if (!Files.isRegularFile(raw)) {
      Path txt = Files.writeString(Files.createTempFile(cache, "text", ".txt"), text, StandardCharsets.US_ASCII);
      Path wav = cache.resolve(txt.getFileName() + ".wav");
      try {
        SoundTools.run(voice.command(text, txt, wav), new byte[0]);
        Path partial = Files.createTempFile(cache, "clip", ".raw");
        Files.write(partial, SoundTools.bytes(trim(SoundTools.phoneBand(wav))));
        Files.move(partial, raw, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(txt);
        Files.deleteIfExists(wav);
      }
    }
    return SoundTools.pcm(Files.readAllBytes(raw));
  }

  /** The clip without the synthesizer's leading and trailing silence (a 40 ms margin kept). */
  private static short[] trim(short[] pcm) {
    int from = 0;
    while (from + 80 <= pcm.length && Signals.dbov(Signals.rms(pcm, from, from + 80)) < TRIM_DBOV) {
      from += 80;
    }
    int to = pcm.length;
    while (to - 80 > from && Signals.dbov(Signals.rms(pcm, to - 80, to)) < TRIM_DBOV) {
      to -= 80;
    }
    from = Math.max(0, from - TRIM_MARGIN_SAMPLES);
    to = Math.min(pcm.length, to + TRIM_MARGIN_SAMPLES);
    return java.util.Arrays.copyOfRange(pcm, from, Math.max(from, to));
  }

  private static String hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Utterance> readUtterances() {
    try (InputStream in = CallerCorpus.class.getClassLoader().getResourceAsStream(UTTERANCES)) {
      if (in == null) {
        throw new IllegalStateException("no " + UTTERANCES + " on the test classpath");
      }
      var out = new ArrayList<Utterance>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        if (f.length != 4) {
          throw new IllegalStateException(UTTERANCES + ": expected kind, intent, source, text: " + line);
        }
        out.add(new Utterance(Utterance.Kind.valueOf(f[0].strip().toUpperCase(Locale.ROOT).replace('-', '_')),
            f[1].strip(), f[3].strip(), f[2].strip().equals("dialplan")));
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
