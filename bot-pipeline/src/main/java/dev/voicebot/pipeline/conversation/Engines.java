package dev.voicebot.pipeline.conversation;

import dev.voicebot.pipeline.brain.IntentMatchers;
import dev.voicebot.pipeline.inference.InferenceLoad;
import dev.voicebot.pipeline.llm.LlmService;
import dev.voicebot.pipeline.lookup.LookupClient;
import dev.voicebot.pipeline.stt.SpeechRecognizer;
import dev.voicebot.pipeline.tts.SpeechSynthesizer;
import dev.voicebot.pipeline.vad.VoiceActivityDetector;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The speech engines shared by all calls.
 *
 * @param inference a bounded pool sized to the cores (an {@link
 *     dev.voicebot.pipeline.inference.InferencePool} runs finals first); speech recognition runs
 *     there, never on the media clock or the caller's thread
 * @param synthesis where replies are synthesized: TTS engines here wait on another process or a
 *     server (Festival, an HTTP API), so virtual threads, never a core's inference thread idle
 * @param load the live lag and shedding figures all calls record into
 * @param llm what calls of LLM dialplans share (HTTP clients, API keys); without it those dialplans
 *     run on their script alone
 * @param intents each dialplan's intent matcher (with the sentence encoder, when there is one)
 * @param lookups makes scripted dialplans' HTTP lookups
 */
public record Engines(
    VoiceActivityDetector vad, SpeechRecognizer stt, SpeechSynthesizer tts, ExecutorService inference,
    Executor synthesis, InferenceLoad load, Optional<LlmService> llm, IntentMatchers intents, LookupClient lookups) {

  public Engines {
    Objects.requireNonNull(vad, "vad");
    Objects.requireNonNull(stt, "stt");
    Objects.requireNonNull(tts, "tts");
    Objects.requireNonNull(inference, "inference");
    Objects.requireNonNull(synthesis, "synthesis");
    Objects.requireNonNull(load, "load");
    Objects.requireNonNull(llm, "llm");
    Objects.requireNonNull(intents, "intents");
    Objects.requireNonNull(lookups, "lookups");
  }

  /** Without lookups: a dialplan's lookups all fail, and the caller hears their fallbacks. */
  public Engines(VoiceActivityDetector vad, SpeechRecognizer stt, SpeechSynthesizer tts, ExecutorService inference,
      Optional<LlmService> llm, IntentMatchers intents) {
    this(vad, stt, tts, inference, virtualThreads(), new InferenceLoad(), llm, intents, LookupClient.unavailable());
  }

  private static Executor virtualThreads() {
    return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("synthesis-", 0).factory());
  }

  /** Intents matched on their words alone. */
  public Engines(VoiceActivityDetector vad, SpeechRecognizer stt, SpeechSynthesizer tts, ExecutorService inference,
      Optional<LlmService> llm) {
    this(vad, stt, tts, inference, llm, IntentMatchers.lexical());
  }

  /** Speech engines only: dialplans with an LLM answer from their script. */
  public Engines(VoiceActivityDetector vad, SpeechRecognizer stt, SpeechSynthesizer tts, ExecutorService inference) {
    this(vad, stt, tts, inference, Optional.empty());
  }

  public Engines withLlm(LlmService service) {
    return new Engines(vad, stt, tts, inference, synthesis, load, Optional.of(service), intents, lookups);
  }

  public Engines withIntents(IntentMatchers matchers) {
    return new Engines(vad, stt, tts, inference, synthesis, load, llm, matchers, lookups);
  }

  public Engines withLookups(LookupClient client) {
    return new Engines(vad, stt, tts, inference, synthesis, load, llm, intents, client);
  }

  /** Synthesis on {@code executor}, lags and sheds recorded into {@code into}. */
  public Engines withScheduling(Executor executor, InferenceLoad into) {
    return new Engines(vad, stt, tts, inference, executor, into, llm, intents, lookups);
  }
}
