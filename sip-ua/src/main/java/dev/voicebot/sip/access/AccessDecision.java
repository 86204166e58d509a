package dev.voicebot.sip.access;

import java.util.List;

/** What to do with one request, decided before any call state is created. */
public sealed interface AccessDecision {

  /** Go on to normal processing. {@code user} is the digest user who proved themselves, or null. */
  record Pass(String user) implements AccessDecision {}

  /** Answer 403; {@code why} is for our log and the reason phrase stays generic. */
  record Forbid(String why) implements AccessDecision {}

  /** Answer 407 with these {@code Proxy-Authenticate} values. */
  record Challenge(List<String> proxyAuthenticate) implements AccessDecision {}

  /** Say nothing (ACKs are never answered). */
  record Drop() implements AccessDecision {}
}
