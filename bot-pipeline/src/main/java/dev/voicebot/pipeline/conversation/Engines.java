package dev.voicebot.pipeline.conversation;

import dev.voicebot.pipeline.stt.SpeechRecognizer;
import dev.voicebot.pipeline.tts.SpeechSynthesizer;
import dev.voicebot.pipeline.vad.VoiceActivityDetector;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * The speech engines shared by all calls.
 *
 * @param inference a bounded pool sized to the cores; STT and TTS work runs there, never on the
 *     media clock or the caller's thread
 */
public record Engines(VoiceActivityDetector vad, SpeechRecognizer stt, SpeechSynthesizer tts, ExecutorService inference) {

  public Engines {
    Objects.requireNonNull(vad, "vad");
    Objects.requireNonNull(stt, "stt");
    Objects.requireNonNull(tts, "tts");
    Objects.requireNonNull(inference, "inference");
  }
}
