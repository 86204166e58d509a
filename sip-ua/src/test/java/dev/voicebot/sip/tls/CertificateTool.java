package dev.voicebot.sip.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs keytool or openssl for the test certificates: bounded, its output kept in {@code dir} for a failure message. */
final class CertificateTool {

  private CertificateTool() {}

  /** The JDK's own keytool, so the tests need nothing installed for it. */
  static String keytool() {
    return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
  }

  static void run(Path dir, String... command) throws IOException, InterruptedException {
    Path log = dir.resolve("cert.log");
    Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(command[0] + " timed out");
    }
    if (p.exitValue() != 0) {
      throw new IOException(command[0] + " failed: " + Files.readString(log));
    }
  }
}
