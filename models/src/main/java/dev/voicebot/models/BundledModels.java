package dev.voicebot.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks the models shipped as classpath resources under {@code models/} into a cache directory.
 * Each model lands in a folder named after its pinned checksum and is marked complete only after
 * every file is written, so an interrupted unpack is redone rather than half-used, and a new model
 * version never mixes with an old one.
 */
public final class BundledModels {

  private static final Logger log = LoggerFactory.getLogger(BundledModels.class);
  private static final String VOSK = "vosk-model-en-us";
  private static final String SILERO = "silero_vad.onnx";
  private static final String MINILM = "all-minilm-l6-v2-q";
  private static final String COMPLETE = ".complete";

  private final Path cacheDirectory;
  private final ClassLoader classLoader;

  public BundledModels(Path cacheDirectory, ClassLoader classLoader) {
    this.cacheDirectory = cacheDirectory;
    this.classLoader = classLoader;
  }

  /** The directory of the Vosk small en-us model, unpacked if needed. */
  public Path voskModel() {
    String checksum = resourceText("models/" + VOSK + ".sha256").strip();
    Path target = cacheDirectory.resolve(VOSK + "-" + checksum.substring(0, 12));
    if (Files.exists(target.resolve(COMPLETE))) {
      return target;
    }
    List<String> files = resourceText("models/" + VOSK + ".files").lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .toList();
    log.info("Unpacking the Vosk model ({} files) into {}", files.size(), target);
    for (String file : files) {
      copy("models/" + VOSK + "/" + file, target.resolve(file));
    }
    touch(target.resolve(COMPLETE));
    return target;
  }

  /** The Silero VAD model file; its checksum is verified by the VAD when it loads it. */
  public Path sileroModel() {
    Path target = cacheDirectory.resolve(SILERO);
    copy("models/" + SILERO, target);
    return target;
  }

  /**
   * The directory holding the all-MiniLM-L6-v2 sentence encoder ({@code model.onnx} and {@code
   * tokenizer.json}); like Silero's, its checksums are verified by the encoder when it loads them.
   */
  public Path sentenceEncoder() {
    Path target = cacheDirectory.resolve(MINILM);
    copy("models/" + MINILM + "/model.onnx", target.resolve("model.onnx"));
    copy("models/" + MINILM + "/tokenizer.json", target.resolve("tokenizer.json"));
    return target;
  }

  private String resourceText(String name) {
    try (InputStream in = open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled resource " + name, e);
    }
  }

  private void copy(String resource, Path target) {
    try (InputStream in = open(resource)) {
      Files.createDirectories(target.getParent());
      Path partial = target.resolveSibling(target.getFileName() + ".part");
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + resource + " to " + target, e);
    }
  }

  private InputStream open(String name) {
    InputStream in = classLoader.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("bundled model resource " + name + " is missing: the "
          + "voicebot-models jar was not built (run ./mvnw -pl models package)");
    }
    return in;
  }

  private static void touch(Path file) {
    try {
      Files.writeString(file, "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
