package dev.voicebot.sip.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

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
    CertificateTool.run(dir, "openssl", "req", "-x509", "-newkey", "ec",
        "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-subj", "/CN=" + commonName,
        "-addext", "subjectAltName=" + subjectAltName, "-days", "2");
    byte[] secret = new byte[12];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    Path store = dir.resolve("trust.p12");
    CertificateTool.run(dir, CertificateTool.keytool(), "-importcert",
        "-noprompt", "-alias", "peer", "-file", cert.toString(), "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", password);
    return new PeerCertificate(cert, key, store, password);
  }

  @Override
  public String toString() {
    return "PeerCertificate[" + certificatePem + ", password redacted]";
  }
}
