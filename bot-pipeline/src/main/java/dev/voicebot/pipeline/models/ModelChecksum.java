package dev.voicebot.pipeline.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Verifies that a model file is exactly the pinned one (SHA-256). */
public final class ModelChecksum {

  private ModelChecksum() {}

  /**
   * Returns normally if {@code file}'s SHA-256 equals {@code expectedSha256} (hex, any case).
   *
   * @throws IllegalArgumentException naming the file and both hashes if they differ, or if the
   *     file is missing
   */
  public static void requireSha256(Path file, String expectedSha256) {
    String expected = expectedSha256.toLowerCase(Locale.ROOT);
    String actual;
    try {
      actual = sha256(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("model file not found: " + file.toAbsolutePath(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model file " + file.toAbsolutePath(), e);
    }
    if (!actual.equals(expected)) {
      throw new IllegalArgumentException(
          "model file "
              + file.toAbsolutePath()
              + " has SHA-256 "
              + actual
              + " but "
              + expected
              + " was expected (wrong version or corrupt download)");
    }
  }

  /** Hex SHA-256 of a file's content. */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
