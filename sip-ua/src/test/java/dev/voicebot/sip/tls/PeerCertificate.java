package dev.voicebot.sip.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for a TLS peer of the bot (a registrar), made by OpenSSL at test
 * time: PEM certificate and key for {@code openssl s_server}, and a PKCS12 trust store holding
 * only that certificate, for the bot.
 */
public record PeerCertificate(Path certificatePem, Path keyPem, Path trustStore, String trustStorePassword) {

  /** @param subjectAltName e.g. {@code DNS:localhost} */
  public static PeerCertificate create(Path dir, String commonName, String subjectAltName)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path cert = dir.resolve("peer.pem");
    Path key = dir.resolve("peer.key");
    run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-subj", "/CN=" + commonName,
        "-addext", "subjectAltName=" + subjectAltName, "-days", "2");
    byte[] secret = new byte[12];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    Path store = dir.resolve("trust.p12");
    run(dir, Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-importcert",
        "-noprompt", "-alias", "peer", "-file", cert.toString(), "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", password);
    return new PeerCertificate(cert, key, store, password);
  }

  @Override
  public String toString() {
    return "PeerCertificate[" + certificatePem + ", password redacted]";
  }

  private static void run(Path dir, String... command) throws IOException, InterruptedException {
    Path log = dir.resolve("cert.log");
    Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
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
