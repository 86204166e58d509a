package dev.voicebot.app.status;

import dev.voicebot.sip.SipUserAgent;
import dev.voicebot.sip.register.TrunkStatus;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/trunks}: each trunk's registration state, last error and reachability. */
@RestController
public class TrunksController {

  private final SipUserAgent agent;

  public TrunksController(SipUserAgent agent) {
    this.agent = agent;
  }

  @GetMapping("/api/trunks")
  public List<TrunkStatus> trunks() {
    return agent.registrations();
  }
}
