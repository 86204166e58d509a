package dev.voicebot.pipeline.models;

import dev.voicebot.models.BundledModels;
import java.nio.file.Path;

/**
 * The real models for the engine tests: the ones the build fetched and verified into the
 * voicebot-models jar (Vosk and MiniLM from Maven, Silero from npm), unpacked once under {@code target/}.
 */
public final class TestModels {

  private static final BundledModels MODELS = new BundledModels(
      moduleDir().resolve("target/test-models"), TestModels.class.getClassLoader());

  private TestModels() {}

  public static Path sileroModel() {
    return MODELS.sileroModel();
  }

  public static synchronized Path sentenceEncoderDir() {
    return MODELS.sentenceEncoder();
  }

  public static synchronized Path voskModelDir() {
    return MODELS.voskModel();
  }

  /** The module directory (Surefire sets {@code basedir}; an IDE usually runs there). */
  public static Path moduleDir() {
    return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
  }
}
