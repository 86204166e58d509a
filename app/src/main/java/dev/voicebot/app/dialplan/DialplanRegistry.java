package dev.voicebot.app.dialplan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * All dialplans of a directory, routed by called number. Built once at start: every file is
 * validated before the first call is answered.
 */
public final class DialplanRegistry {

  private final Map<String, LoadedDialplan> byId;
  private final Map<String, LoadedDialplan> byNumber;
  private final LoadedDialplan defaultDialplan;

  private DialplanRegistry(Map<String, LoadedDialplan> byId, Map<String, LoadedDialplan> byNumber, LoadedDialplan defaultDialplan) {
    this.byId = Map.copyOf(byId);
    this.byNumber = Map.copyOf(byNumber);
    this.defaultDialplan = defaultDialplan;
  }

  /**
   * Loads every {@code .yaml}/{@code .yml} file of {@code directory}.
   *
   * @param defaultId the file name (without extension) of the dialplan for numbers no file claims
   */
  public static DialplanRegistry load(Path directory, String defaultId, DialplanLoader loader) {
    if (!Files.isDirectory(directory)) {
      throw new DialplanException(directory, 0, 0, "the dialplan directory does not exist");
    }
    var byId = new TreeMap<String, LoadedDialplan>();
    var byNumber = new HashMap<String, LoadedDialplan>();
    var numberOwner = new HashMap<String, Path>();
    for (Path file : yamlFiles(directory)) {
      LoadedDialplan loaded = loader.load(file);
      byId.put(loaded.id(), loaded);
      for (String number : loaded.dialplan().numbers()) {
        Path owner = numberOwner.putIfAbsent(number, file);
        if (owner != null) {
          throw new DialplanException(file, 0, 0,
              "number '" + number + "' is already routed by " + owner.getFileName());
        }
        byNumber.put(number, loaded);
      }
    }
    LoadedDialplan fallback = byId.get(defaultId);
    if (fallback == null) {
      throw new DialplanException(directory, 0, 0, "the default dialplan '" + defaultId
          + "' is not there (found: " + String.join(", ", byId.keySet()) + ")");
    }
    return new DialplanRegistry(byId, byNumber, fallback);
  }

  private static List<Path> yamlFiles(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().matches(".*\\.ya?ml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list dialplans in " + directory, e);
    }
  }

  /** The dialplan for a called number (the Request-URI user), or the default one. */
  public LoadedDialplan forNumber(String calledNumber) {
    return calledNumber == null ? defaultDialplan : byNumber.getOrDefault(calledNumber, defaultDialplan);
  }

  public Map<String, LoadedDialplan> all() {
    return byId;
  }
}
