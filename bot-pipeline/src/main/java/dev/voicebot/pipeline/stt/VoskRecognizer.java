package dev.voicebot.pipeline.stt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;

/**
 * Vosk speech recognition. The model (tens of MB, seconds to load) is loaded once and shared by all
 * calls; each call gets its own {@link VoskStream} with its own Kaldi decoder.
 */
public final class VoskRecognizer implements SpeechRecognizer {

  private final Model model;
  private volatile boolean closed;

  /**
   * Loads a Vosk model directory (the one holding {@code am/}, {@code conf/}, {@code graph/}).
   *
   * @throws IllegalArgumentException if the directory does not look like a Vosk model
   * @throws IllegalStateException if Vosk cannot load it
   */
  public VoskRecognizer(Path modelDir) {
    if (!Files.isRegularFile(modelDir.resolve("am/final.mdl"))) {
      throw new IllegalArgumentException(
          "not a Vosk model directory (no am/final.mdl): " + modelDir.toAbsolutePath());
    }
    // Kaldi logs every model component at INFO on stderr; warnings are still worth seeing.
    LibVosk.setLogLevel(LogLevel.WARNINGS);
    try {
      this.model = new Model(modelDir.toAbsolutePath().toString());
    } catch (IOException e) {
      throw new IllegalStateException("cannot load Vosk model " + modelDir.toAbsolutePath(), e);
    }
  }

  @Override
  public RecognitionStream open(List<String> phrases) {
    if (closed) {
      throw new IllegalStateException("VoskRecognizer is closed");
    }
    return new VoskStream(model, phrases);
  }

  /** Releases this reference to the model; Vosk keeps it alive natively until open streams close. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      model.close();
    }
  }
}
