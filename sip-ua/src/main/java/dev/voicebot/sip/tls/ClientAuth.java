package dev.voicebot.sip.tls;

/** Whether TLS clients must present a certificate (mutual TLS, e.g. for a trunk). */
public enum ClientAuth {
  /** No client certificate requested: callers are authenticated by SIP (digest) or source. */
  NONE("Disabled"),
  /** Requested, and checked against the trust store when given; a client without one is let in. */
  OPTIONAL("Want"),
  /** Required and checked against the trust store: anyone else fails the handshake. */
  REQUIRED("Enabled");

  private final String jainSipValue;

  ClientAuth(String jainSipValue) {
    this.jainSipValue = jainSipValue;
  }

  /** The value of JAIN-SIP's {@code TLS_CLIENT_AUTH_TYPE}; never "DisabledAll", which trusts anyone. */
  String jainSipValue() {
    return jainSipValue;
  }
}
