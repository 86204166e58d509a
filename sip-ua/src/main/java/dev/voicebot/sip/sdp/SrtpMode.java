package dev.voicebot.sip.sdp;

/** When calls get SRTP (SDES, RFC 4568). */
public enum SrtpMode {
  /**
   * SRTP when the caller offers {@code RTP/SAVP} with a crypto suite we support (or {@code
   * RTP/AVP} with one: best-effort SRTP), plain RTP when it offers {@code RTP/AVP} without keys. A
   * SAVP offer we cannot key is refused with 488, never downgraded.
   */
  WHEN_OFFERED,
  /** Only SRTP: plain {@code RTP/AVP} offers, and INVITEs without an offer, get 488. */
  REQUIRED
}
