package dev.voicebot.app.runtime;

import dev.voicebot.sip.SipUserAgent;
import java.time.Duration;
import org.springframework.beans.factory.DisposableBean;

/**
 * Drains the SIP user agent when the app stops: trunks are un-REGISTERed, new calls get 503 with
 * Retry-After, active calls may finish until the deadline, then get BYE. A bean of its own so
 * that it runs before the engines, the RTP bridge and Festival are taken down.
 */
final class SipShutdown implements DisposableBean {

  private final SipUserAgent agent;
  private final Duration deadline;

  SipShutdown(SipUserAgent agent, Duration deadline) {
    this.agent = agent;
    this.deadline = deadline;
  }

  @Override
  public void destroy() {
    agent.drain(deadline);
    agent.close();
  }
}
