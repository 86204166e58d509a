package dev.voicebot.sip.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate for 127.0.0.1, made by the JDK's keytool at test time (no key is ever
 * committed): a PKCS12 key store for the bot, and the certificate as PEM for OpenSSL and baresip
 * clients. Shared with the app's end-to-end tests through this module's test jar.
 */
public record TestCertificates(Path keyStore, String password, Path certificatePem) {

  public static TestCertificates create(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    byte[] secret = new byte[12];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    Path store = dir.resolve("bot.p12");
    Path pem = dir.resolve("bot.pem");
    CertificateTool.run(dir, CertificateTool.keytool(), "-genkeypair", "-alias", "bot", "-keyalg", "EC",
        "-groupname", "secp256r1",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password);
    CertificateTool.run(dir, CertificateTool.keytool(), "-exportcert", "-rfc", "-alias", "bot",
        "-keystore", store.toString(),
        "-storepass", password, "-file", pem.toString());
    return new TestCertificates(store, password, pem);
  }

  /** Settings for a user agent presenting this certificate on {@code port}. */
  public TlsSettings settings(int port) {
    return TlsSettings.of(keyStore, password).withPort(port);
  }

  /** A client context that trusts exactly this certificate. */
  public SSLContext clientContext() throws IOException, GeneralSecurityException {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      trusted.load(in, password.toCharArray());
    }
    KeyStore certsOnly = KeyStore.getInstance("PKCS12");
    certsOnly.load(null, null);
    certsOnly.setCertificateEntry("bot", trusted.getCertificate("bot"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(certsOnly);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  @Override
  public String toString() {
    return "TestCertificates[" + keyStore + ", password redacted]";
  }
}
