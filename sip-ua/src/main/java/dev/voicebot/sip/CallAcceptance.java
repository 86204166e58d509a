package dev.voicebot.sip;

import java.net.InetSocketAddress;
import java.util.Objects;

/** The app's answer to an incoming call. */
public sealed interface CallAcceptance {

  static CallAcceptance accept(InetSocketAddress localRtp) {
    return new Accept(localRtp);
  }

  /** @param statusCode a final error status, 400-699 (e.g. 486 busy, 503 overloaded) */
  static CallAcceptance reject(int statusCode, String reason) {
    return new Reject(statusCode, reason);
  }

  /** @param localRtp our RTP socket; only its port is used, the SDP carries the public address */
  record Accept(InetSocketAddress localRtp) implements CallAcceptance {
    public Accept {
      Objects.requireNonNull(localRtp, "localRtp");
    }
  }

  record Reject(int statusCode, String reason) implements CallAcceptance {
    public Reject {
      if (statusCode < 400 || statusCode > 699) {
        throw new IllegalArgumentException("not a final error status: " + statusCode);
      }
      reason = reason == null ? "" : reason;
    }
  }
}
