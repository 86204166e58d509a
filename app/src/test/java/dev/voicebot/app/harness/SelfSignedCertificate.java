package dev.voicebot.app.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A throw-away certificate for 127.0.0.1 made by the JDK's keytool at test time (no key is ever
 * committed): a PKCS12 key store for the bot and the certificate as PEM for the caller's CA file.
 */
public record SelfSignedCertificate(Path keyStore, String password, Path certificatePem) {

  public static SelfSignedCertificate create(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    byte[] secret = new byte[12];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    Path store = dir.resolve("bot.p12");
    Path pem = dir.resolve("bot.pem");
    keytool(dir, "-genkeypair", "-alias", "bot", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password);
    keytool(dir, "-exportcert", "-rfc", "-alias", "bot", "-keystore", store.toString(),
        "-storepass", password, "-file", pem.toString());
    return new SelfSignedCertificate(store, password, pem);
  }

  @Override
  public String toString() {
    return "SelfSignedCertificate[" + keyStore + ", password redacted]";
  }

  private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    int exit = ManagedProcess.run("keytool", command, dir, Duration.ofSeconds(30));
    if (exit != 0) {
      throw new IOException("keytool failed: " + Files.readString(dir.resolve("keytool.log")));
    }
  }
}
