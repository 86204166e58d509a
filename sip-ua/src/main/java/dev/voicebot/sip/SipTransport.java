package dev.voicebot.sip;

/** Transports the user agent listens on. */
public enum SipTransport {
  UDP,
  TCP,
  /** SIP over TLS on its own port ({@link SipConfig#tls()}). */
  TLS
}
