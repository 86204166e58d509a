package dev.voicebot.app.dialplan;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad dialplan at start into a short report instead of a stack trace. */
public class DialplanFailureAnalyzer extends AbstractFailureAnalyzer<DialplanException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, DialplanException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Fix the dialplan file (" + cause.file() + ") and start again. Every key is described in "
            + "the README's Dialplans section.",
        cause);
  }
}
