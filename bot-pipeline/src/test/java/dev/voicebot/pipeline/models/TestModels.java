package dev.voicebot.pipeline.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Locates the model files the engine tests need. The build fetches them the same way in CI: the
 * Vosk model from the Maven artifact {@code com.alphacephei:vosk-model-en:0.3.45:aar}, Silero from
 * the npm package {@code @livekit/agents-plugin-silero}.
 */
public final class TestModels {

  private static final String VOSK_MODEL_VERSION = "0.3.45";
  private static final String AAR_MODEL_PREFIX = "assets/model-en-us/";

  private TestModels() {}

  /** Silero VAD v5: system property {@code voicebot.test.silero}, else the copy in /tmp. */
  public static Path sileroModel() {
    return Path.of(System.getProperty("voicebot.test.silero", "/tmp/silero/package/dist/silero_vad.onnx"));
  }

  /**
   * The Vosk small en-us model directory, extracted once from the aar in the local Maven
   * repository into {@code target/test-models/vosk-model-en-us}.
   */
  public static synchronized Path voskModelDir() {
    Path target = moduleDir().resolve("target/test-models/vosk-model-en-us");
    if (Files.isRegularFile(target.resolve("am/final.mdl"))) {
      return target;
    }
    Path aar = voskModelAar();
    try {
      // Extract next to the target and rename, so an interrupted run never leaves a half model.
      Path staging = Files.createTempDirectory(Files.createDirectories(target.getParent()), "vosk-");
      try (ZipFile zip = new ZipFile(aar.toFile())) {
        for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
          if (entry.isDirectory() || !entry.getName().startsWith(AAR_MODEL_PREFIX)) {
            continue;
          }
          Path out = staging.resolve(entry.getName().substring(AAR_MODEL_PREFIX.length())).normalize();
          if (!out.startsWith(staging)) {
            throw new IOException("zip entry escapes the target: " + entry.getName());
          }
          Files.createDirectories(out.getParent());
          try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract the Vosk model from " + aar, e);
    }
  }

  private static Path voskModelAar() {
    String explicit = System.getProperty("voicebot.test.vosk.aar");
    if (explicit != null) {
      return Path.of(explicit);
    }
    Path repo =
        Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
    Path aar =
        repo.resolve("com/alphacephei/vosk-model-en/" + VOSK_MODEL_VERSION + "/vosk-model-en-" + VOSK_MODEL_VERSION + ".aar");
    if (!Files.isRegularFile(aar)) {
      throw new IllegalStateException(
          "Vosk model aar not found at " + aar + ": run ./mvnw dependency:get "
              + "-Dartifact=com.alphacephei:vosk-model-en:" + VOSK_MODEL_VERSION + ":aar");
    }
    return aar;
  }

  /** The module directory (Surefire sets {@code basedir}; an IDE usually runs there). */
  public static Path moduleDir() {
    return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
  }
}
