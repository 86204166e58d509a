package dev.voicebot.pipeline.brain;

import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.dialplan.Intent;
import dev.voicebot.pipeline.embedding.SentenceEncoder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link IntentMatcher} per dialplan, shared by all its calls: with a sentence encoder,
 * building one embeds every example phrase, which must happen once (at start, see {@link
 * #prepare}) and not on each call's path. Thread-safe.
 */
public final class IntentMatchers {

  private static final IntentMatchers LEXICAL = new IntentMatchers(Optional.empty());

  /** What a matcher depends on: two dialplans with the same intents and threshold share one. */
  private record Key(List<Intent> intents, double threshold) {}

  private final Optional<SentenceEncoder> encoder;
  private final Map<Key, IntentMatcher> matchers = new ConcurrentHashMap<>();

  private IntentMatchers(Optional<SentenceEncoder> encoder) {
    this.encoder = encoder;
  }

  /** Matchers on the words alone (no model): tests, and a bot started without the encoder. */
  public static IntentMatchers lexical() {
    return LEXICAL;
  }

  /** Matchers on words and meaning; the encoder should cache (the same partial is assessed often). */
  public static IntentMatchers semantic(SentenceEncoder encoder) {
    return new IntentMatchers(Optional.of(Objects.requireNonNull(encoder, "encoder")));
  }

  /** Builds the dialplan's matcher now, so its first call does not pay for the phrase embeddings. */
  public void prepare(Dialplan dialplan) {
    forDialplan(dialplan);
  }

  /** The dialplan's matcher, built on first use. */
  public IntentMatcher forDialplan(Dialplan dialplan) {
    double threshold = dialplan.matchThreshold().orElse(IntentMatcher.DEFAULT_THRESHOLD);
    return matchers.computeIfAbsent(new Key(dialplan.intents(), threshold),
        key -> new IntentMatcher(key.intents(), key.threshold(), encoder));
  }
}
