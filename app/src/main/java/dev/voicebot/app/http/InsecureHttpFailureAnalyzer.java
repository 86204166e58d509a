package dev.voicebot.app.http;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says what to set when the HTTP port would be exposed without a token, instead of a stack trace. */
public class InsecureHttpFailureAnalyzer extends AbstractFailureAnalyzer<InsecureHttpException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InsecureHttpException cause) {
    return new FailureAnalysis(
        "Refusing to start: " + cause.getMessage() + ".",
        "Either keep the HTTP port on loopback (server.address=127.0.0.1, the default) and reach it "
            + "through an SSH tunnel or a reverse proxy, or set a token (voicebot.http.token, or the "
            + "VOICEBOT_HTTP_TOKEN environment variable) that clients send as 'Authorization: Bearer <token>'.",
        cause);
  }
}
