package dev.voicebot.sip;

/** Transports the user agent listens on. */
public enum SipTransport {
  UDP,
  TCP
}
