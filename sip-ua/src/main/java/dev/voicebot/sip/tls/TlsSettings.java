package dev.voicebot.sip.tls;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the SIP TLS listener gets its identity and whom it trusts.
 *
 * <p>{@link #toString()} leaves the passwords out.
 *
 * @param port TLS listening port (5061 by convention); it runs over TCP, so it cannot share the
 *     TCP listener's port
 * @param keyStore our certificate chain and private key (PKCS12 or JKS)
 * @param keyStorePassword its password (also the key's)
 * @param keyStoreType {@code PKCS12} or {@code JKS}
 * @param trustStore certificates we trust, for clients' certificates (client auth) and for the
 *     servers we connect to; empty means the JDK's own CA list ({@code cacerts})
 * @param trustStorePassword the trust store's password (ignored for the JDK's list)
 * @param trustStoreType {@code PKCS12} or {@code JKS}
 * @param clientAuth whether clients must present a certificate
 * @param verifyHostname on outgoing connections (TLS trunks, requests to TLS peers), whether the
 *     server's certificate must name the host we connected to, besides being trusted; off only
 *     for lab peers with certificates that name no usable host
 */
public record TlsSettings(
    int port,
    Path keyStore,
    String keyStorePassword,
    String keyStoreType,
    Optional<Path> trustStore,
    String trustStorePassword,
    String trustStoreType,
    ClientAuth clientAuth,
    boolean verifyHostname) {

  /** The registered port of SIP over TLS. */
  public static final int DEFAULT_PORT = 5061;

  public TlsSettings {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("TLS port out of range: " + port);
    }
    Objects.requireNonNull(keyStore, "keyStore");
    keyStorePassword = keyStorePassword == null ? "" : keyStorePassword;
    keyStoreType = blank(keyStoreType) ? "PKCS12" : keyStoreType;
    Objects.requireNonNull(trustStore, "trustStore");
    trustStorePassword = trustStorePassword == null ? "" : trustStorePassword;
    trustStoreType = blank(trustStoreType) ? "PKCS12" : trustStoreType;
    Objects.requireNonNull(clientAuth, "clientAuth");
  }

  /** With host name verification on: the constructor before it was configurable. */
  public TlsSettings(
      int port,
      Path keyStore,
      String keyStorePassword,
      String keyStoreType,
      Optional<Path> trustStore,
      String trustStorePassword,
      String trustStoreType,
      ClientAuth clientAuth) {
    this(port, keyStore, keyStorePassword, keyStoreType, trustStore, trustStorePassword,
        trustStoreType, clientAuth, true);
  }

  /** Port 5061, a PKCS12 key store, the JDK's CAs, no client certificates. */
  public static TlsSettings of(Path keyStore, String keyStorePassword) {
    return new TlsSettings(
        DEFAULT_PORT, keyStore, keyStorePassword, "PKCS12", Optional.empty(), "", "PKCS12",
        ClientAuth.NONE, true);
  }

  public TlsSettings withPort(int newPort) {
    return new TlsSettings(newPort, keyStore, keyStorePassword, keyStoreType, trustStore,
        trustStorePassword, trustStoreType, clientAuth, verifyHostname);
  }

  public TlsSettings withTrustStore(Path store, String password, String type) {
    return new TlsSettings(port, keyStore, keyStorePassword, keyStoreType,
        Optional.of(store), password, type, clientAuth, verifyHostname);
  }

  public TlsSettings withClientAuth(ClientAuth auth) {
    return new TlsSettings(port, keyStore, keyStorePassword, keyStoreType, trustStore,
        trustStorePassword, trustStoreType, auth, verifyHostname);
  }

  public TlsSettings withHostnameVerification(boolean verify) {
    return new TlsSettings(port, keyStore, keyStorePassword, keyStoreType, trustStore,
        trustStorePassword, trustStoreType, clientAuth, verify);
  }

  @Override
  public String toString() {
    return "TlsSettings[port=" + port + ", keyStore=" + keyStore + " (" + keyStoreType
        + "), trustStore=" + trustStore.map(Path::toString).orElse("JDK cacerts")
        + ", clientAuth=" + clientAuth + ", verifyHostname=" + verifyHostname
        + ", passwords redacted]";
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
