package dev.voicebot.pipeline.conversation;

import dev.voicebot.pipeline.brain.IntentMatchers;
import dev.voicebot.pipeline.llm.LlmService;
import dev.voicebot.pipeline.lookup.LookupClient;
import dev.voicebot.pipeline.stt.SpeechRecognizer;
import dev.voicebot.pipeline.tts.SpeechSynthesizer;
import dev.voicebot.pipeline.vad.VoiceActivityDetector;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * The speech engines shared by all calls.
 *
 * @param inference a bounded pool sized to the cores; STT and TTS work runs there, never on the
 *     media clock or the caller's thread
 * @param llm what calls of LLM dialplans share (HTTP clients, API keys); without it those dialplans
 *     run on their script alone
 * @param intents each dialplan's intent matcher (with the sentence encoder, when there is one)
 * @param lookups makes scripted dialplans' HTTP lookups
 */
public record Engines(
    VoiceActivityDetector vad, SpeechRecognizer stt, SpeechSynthesizer tts, ExecutorService inference,
    Optional<LlmService> llm, IntentMatchers intents, LookupClient lookups) {

  public Engines {
    Objects.requireNonNull(vad, "vad");
    Objects.requireNonNull(stt, "stt");
    Objects.requireNonNull(tts, "tts");
    Objects.requireNonNull(inference, "inference");
    Objects.requireNonNull(llm, "llm");
    Objects.requireNonNull(intents, "intents");
    Objects.requireNonNull(lookups, "lookups");
  }

  /** Without lookups: a dialplan's lookups all fail, and the caller hears their fallbacks. */
  public Engines(VoiceActivityDetector vad, SpeechRecognizer stt, SpeechSynthesizer tts, ExecutorService inference,
      Optional<LlmService> llm, IntentMatchers intents) {
    this(vad, stt, tts, inference, llm, intents, LookupClient.unavailable());
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
    return new Engines(vad, stt, tts, inference, Optional.of(service), intents, lookups);
  }

  public Engines withIntents(IntentMatchers matchers) {
    return new Engines(vad, stt, tts, inference, llm, matchers, lookups);
  }

  public Engines withLookups(LookupClient client) {
    return new Engines(vad, stt, tts, inference, llm, intents, client);
  }
}
