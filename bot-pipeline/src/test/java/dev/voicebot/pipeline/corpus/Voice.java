package dev.voicebot.pipeline.corpus;

import java.nio.file.Path;
import java.util.List;

/**
 * A synthetic caller voice and the command that speaks with it. The bot speaks with Festival's slt
 * voice, and its VAD and recognizer are most at ease with it: {@link #callers()} leaves it out, and
 * {@link #BOT_SLT} is only for a test that says why it needs the bot's own voice.
 */
public enum Voice {
  /** flite's 16 kHz kal: a flat, fast US male diphone voice. */
  FLITE_KAL16("flite kal16"),
  /** flite's rms: a US male unit-selection voice. */
  FLITE_RMS("flite rms"),
  /** espeak-ng's US English: formant synthesis, very unlike the bot's. */
  ESPEAK_US("espeak-ng en-us"),
  /** espeak-ng's US English with the f3 (female) variant, a little slower. */
  ESPEAK_US_F3("espeak-ng en-us+f3"),
  /** Festival's kal diphone voice (festvox-kallpc16k). */
  FESTIVAL_KAL("festival kal"),
  /** The bot's own voice (Festival slt HTS): only where a test says why. */
  BOT_SLT("festival slt (the bot's)");

  private final String label;

  Voice(String label) {
    this.label = label;
  }

  /** Every caller voice: all but the bot's own. */
  public static List<Voice> callers() {
    return List.of(FLITE_KAL16, FLITE_RMS, ESPEAK_US, ESPEAK_US_F3, FESTIVAL_KAL);
  }

  public String label() {
    return label;
  }

  /** The command that speaks {@code text} into {@code wav} ({@code textFile} holds the same text). */
  List<String> command(String text, Path textFile, Path wav) {
    String out = wav.toString();
    return switch (this) {
      case FLITE_KAL16 -> List.of("flite", "-voice", "kal16", "-t", text, "-o", out);
      case FLITE_RMS -> List.of("flite", "-voice", "rms", "-t", text, "-o", out);
      // espeak's default 175 words a minute is faster than people speak on the phone.
      case ESPEAK_US -> List.of("espeak-ng", "-v", "en-us", "-s", "155", "-w", out, text);
      case ESPEAK_US_F3 -> List.of("espeak-ng", "-v", "en-us+f3", "-s", "145", "-w", out, text);
      case FESTIVAL_KAL -> List.of("text2wave", "-eval", "(voice_kal_diphone)", "-o", out, textFile.toString());
      case BOT_SLT -> List.of("text2wave", "-eval", "(voice_cmu_us_slt_arctic_hts)", "-o", out, textFile.toString());
    };
  }
}
