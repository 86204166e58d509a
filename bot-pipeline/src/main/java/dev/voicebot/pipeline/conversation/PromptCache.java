package dev.voicebot.pipeline.conversation;

import dev.voicebot.pipeline.dialplan.Dialplan;
import dev.voicebot.pipeline.dialplan.Intent;
import dev.voicebot.pipeline.tts.SpeechSynthesizer;
import dev.voicebot.pipeline.tts.SynthesisException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks a dialplan's fixed sentences (greeting, menus, reprompts, goodbye) from memory: they are
 * synthesized once when the dialplan is loaded, so the greeting starts without waiting for TTS
 * and a TTS outage still leaves the bot its apology. Only preloaded sentences are kept, so the
 * cache cannot grow with what callers say; anything else goes to the real synthesizer.
 */
public final class PromptCache implements SpeechSynthesizer {

  private static final Logger log = LoggerFactory.getLogger(PromptCache.class);

  private final SpeechSynthesizer delegate;
  private final SentenceSplitter splitter = new SentenceSplitter();
  private final Map<String, short[]> sentences = new ConcurrentHashMap<>();

  public PromptCache(SpeechSynthesizer delegate) {
    this.delegate = delegate;
  }

  /** Synthesizes every fixed sentence of the dialplan that is not cached yet. */
  public void preload(Dialplan dialplan) throws SynthesisException {
    int before = sentences.size();
    long start = System.nanoTime();
    for (String text : fixedTexts(dialplan)) {
      for (String sentence : splitter.split(text)) {
        if (!sentence.contains("{") && !sentences.containsKey(sentence)) {
          sentences.put(sentence, delegate.synthesize(sentence));
        }
      }
    }
    log.info("Cached {} prompt sentences of dialplan '{}' in {} ms", sentences.size() - before,
        dialplan.name(), (System.nanoTime() - start) / 1_000_000);
  }

  private static List<String> fixedTexts(Dialplan dialplan) {
    var texts = new ArrayList<>(List.of(dialplan.greeting(), dialplan.reprompt(), dialplan.goodbye(),
        dialplan.apology(), dialplan.silence().prompt()));
    dialplan.llm().ifPresent(llm -> texts.addAll(List.of(llm.filler(), llm.transferFailed())));
    for (Intent intent : dialplan.intents()) {
      texts.add(intent.reply());
      intent.collect().ifPresent(c -> texts.addAll(List.of(c.prompt(), c.retry(), c.confirmation(), c.refused())));
      texts.addAll(intent.byDay().values());
      // The filler above all: it is what fills a slow lookup's silence, so it must start at once.
      intent.lookup().ifPresent(l -> {
        texts.addAll(List.of(l.filler(), l.found(), l.notFound(), l.fallback()));
        l.foundWhen().forEach(c -> texts.add(c.say()));
      });
    }
    return texts.stream().filter(t -> !t.isBlank()).toList();
  }

  @Override
  public short[] synthesize(String text) throws SynthesisException {
    short[] cached = sentences.get(text);
    // A copy: the caller hands the array to playout, which owns it from then on.
    return cached != null ? cached.clone() : delegate.synthesize(text);
  }

  /** How many sentences are cached. */
  public int size() {
    return sentences.size();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
