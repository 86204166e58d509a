package dev.voicebot.sip;

/** The user agent could not start (port in use, bad address, stack failure); nothing is left running. */
public class SipStartException extends Exception {

  public SipStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
