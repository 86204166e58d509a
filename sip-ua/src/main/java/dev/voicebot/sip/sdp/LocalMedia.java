package dev.voicebot.sip.sdp;

import java.util.Objects;

/**
 * Our side of the answer.
 *
 * @param address the address callers can reach (public address, not necessarily the bind one)
 * @param rtpPort the local RTP port opened for this call
 * @param sessionId o= session id; keep it for the life of the call so re-answers match
 * @param sessionVersion o= version; RFC 3264 section 8 wants it raised whenever the SDP changes
 *     and kept when it does not (a session refresh re-sends the same SDP)
 * @param sessionName s= value (the user agent name; "-" when empty)
 */
public record LocalMedia(
    String address, int rtpPort, long sessionId, long sessionVersion, String sessionName) {

  /** The first SDP of a session: version equal to the session id, as is customary. */
  public LocalMedia(String address, int rtpPort, long sessionId, String sessionName) {
    this(address, rtpPort, sessionId, sessionId, sessionName);
  }

  public LocalMedia {
    Objects.requireNonNull(address, "address");
    if (rtpPort < 1 || rtpPort > 65535) {
      throw new IllegalArgumentException("rtpPort out of range: " + rtpPort);
    }
    if (sessionVersion < 0) {
      throw new IllegalArgumentException("sessionVersion negative: " + sessionVersion);
    }
    sessionName = sessionName == null || sessionName.isBlank() ? "-" : sessionName.strip();
  }
}
