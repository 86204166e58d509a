package dev.voicebot.app.call;

import dev.voicebot.rtp.srtp.SrtpKeys;
import dev.voicebot.rtp.srtp.SrtpSuite;
import dev.voicebot.sip.sdp.SdesKeys;

/** Hands the keys sip-ua agreed in SDP to rtp-bridge, which knows nothing of SIP. */
final class SrtpKeysFromSdp {

  private SrtpKeysFromSdp() {}

  /** @throws IllegalArgumentException if sip-ua agreed a suite rtp-bridge does not implement */
  static SrtpKeys convert(SdesKeys keys) {
    SrtpSuite suite = SrtpSuite.byName(keys.suite())
        .orElseThrow(() -> new IllegalArgumentException("no SRTP implementation for " + keys.suite()));
    return new SrtpKeys(suite, keys.localKeyAndSalt(), keys.remoteKeyAndSalt());
  }
}
