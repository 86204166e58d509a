package dev.voicebot.sip.sdp;

/** The body is not an SDP we can read; the INVITE carrying it deserves a 400. */
public class SdpParseException extends Exception {

  public SdpParseException(String message) {
    super(message);
  }
}
