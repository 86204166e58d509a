package dev.voicebot.sip.tls;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The JAIN-SIP stack properties for TLS. JAIN-SIP reads {@code javax.net.ssl.*} from the stack's
 * own properties first, so they need not (and must not) be set JVM-wide.
 */
public final class TlsStackProperties {

  /**
   * TLS 1.2 and 1.3 only. JAIN-SIP applies this list to the server socket too, despite its name.
   */
  static final String PROTOCOLS = "TLSv1.3,TLSv1.2";

  /**
   * Forward secrecy and AEAD only: the TLS 1.3 suites, then ECDHE with AES-GCM or ChaCha20 for
   * 1.2. Left unset, JAIN-SIP would enable its own default list, which includes anonymous DH and
   * 3DES suites.
   */
  static final String CIPHER_SUITES =
      String.join(
          ",",
          "TLS_AES_256_GCM_SHA384",
          "TLS_AES_128_GCM_SHA256",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  /** A client that connects and never finishes the handshake must not hold a thread forever. */
  static final String HANDSHAKE_TIMEOUT_MS = "5000";

  /** The JDK's CA list and its well-known password (it protects integrity, not secrecy). */
  private static final Path JDK_CACERTS =
      Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");

  private static final String JDK_CACERTS_PASSWORD = "changeit";

  private TlsStackProperties() {}

  /** Protocols and suites: set on every stack, so no outgoing TLS falls back to old defaults. */
  public static void restrictProtocols(Properties p) {
    p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", PROTOCOLS);
    p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", CIPHER_SUITES);
  }

  /** Key store, trust store, client authentication and handshake timeout. */
  public static void apply(TlsSettings tls, Properties p) {
    restrictProtocols(p);
    p.setProperty("javax.net.ssl.keyStore", tls.keyStore().toString());
    p.setProperty("javax.net.ssl.keyStorePassword", tls.keyStorePassword());
    p.setProperty("javax.net.ssl.keyStoreType", tls.keyStoreType());
    p.setProperty(
        "javax.net.ssl.trustStore", tls.trustStore().orElse(JDK_CACERTS).toString());
    p.setProperty(
        "javax.net.ssl.trustStorePassword",
        tls.trustStore().isPresent() ? tls.trustStorePassword() : JDK_CACERTS_PASSWORD);
    p.setProperty(
        "javax.net.ssl.trustStoreType",
        tls.trustStore().isPresent() ? tls.trustStoreType() : "PKCS12");
    p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", tls.clientAuth().jainSipValue());
    p.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT", HANDSHAKE_TIMEOUT_MS);
  }
}
