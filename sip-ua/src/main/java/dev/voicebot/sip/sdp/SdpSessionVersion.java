package dev.voicebot.sip.sdp;

import java.util.function.LongFunction;

/**
 * Our o= version across one call (RFC 3264 section 8): raised by one whenever the SDP we send
 * differs from the previous one, kept when it is the same (a session refresh or a re-answer of an
 * unchanged offer). Peers that see a new version with an old body, or the reverse, may drop media.
 * Not thread-safe: owned by one call, used under its lock.
 */
public final class SdpSessionVersion {

  private long version;
  private String last;

  public SdpSessionVersion(long initialVersion) {
    this.version = initialVersion;
  }

  /**
   * @param render writes the SDP for a given version
   * @return the SDP to send, at the current version if nothing changed, else at the next one
   */
  public String next(LongFunction<String> render) {
    String sdp = render.apply(version);
    if (last != null && !sdp.equals(last)) {
      version++;
      sdp = render.apply(version);
    }
    last = sdp;
    return sdp;
  }

  /** The SDP sent last (what a refresh re-sends), or null before the first. */
  public String last() {
    return last;
  }

  public long version() {
    return version;
  }
}
