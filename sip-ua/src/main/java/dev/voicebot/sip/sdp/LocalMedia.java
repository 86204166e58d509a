package dev.voicebot.sip.sdp;

import java.util.Objects;

/**
 * Our side of the answer.
 *
 * @param address the address callers can reach (public address, not necessarily the bind one)
 * @param rtpPort the local RTP port opened for this call
 * @param sessionId o= session id; keep it for the life of the call so re-answers match
 * @param sessionName s= value (the user agent name; "-" when empty)
 */
public record LocalMedia(String address, int rtpPort, long sessionId, String sessionName) {

  public LocalMedia {
    Objects.requireNonNull(address, "address");
    if (rtpPort < 1 || rtpPort > 65535) {
      throw new IllegalArgumentException("rtpPort out of range: " + rtpPort);
    }
    sessionName = sessionName == null || sessionName.isBlank() ? "-" : sessionName.strip();
  }
}
