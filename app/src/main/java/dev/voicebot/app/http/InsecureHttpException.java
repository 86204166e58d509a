package dev.voicebot.app.http;

/** The HTTP port was configured to be reachable from the network without a token. */
public class InsecureHttpException extends RuntimeException {

  public InsecureHttpException(String message) {
    super(message);
  }
}
