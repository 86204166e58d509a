package dev.voicebot.sip.sdp;

import java.util.Locale;

/** The {@code a=sendrecv|sendonly|recvonly|inactive} attribute, seen from the SDP's author. */
public enum MediaDirection {
  SENDRECV,
  SENDONLY,
  RECVONLY,
  INACTIVE;

  /** RFC 3264 section 6.1: the answerer mirrors, so a hold offer (sendonly) is not answered sendrecv. */
  public MediaDirection mirrored() {
    return switch (this) {
      case SENDRECV -> SENDRECV;
      case SENDONLY -> RECVONLY;
      case RECVONLY -> SENDONLY;
      case INACTIVE -> INACTIVE;
    };
  }

  /** True if the SDP's author sends media in this direction (sendrecv or sendonly). */
  public boolean sends() {
    return this == SENDRECV || this == SENDONLY;
  }

  /** True if the SDP's author wants to receive media (sendrecv or recvonly). */
  public boolean receives() {
    return this == SENDRECV || this == RECVONLY;
  }

  public String attribute() {
    return name().toLowerCase(Locale.ROOT);
  }

  static MediaDirection fromAttribute(String name) {
    for (MediaDirection d : values()) {
      if (d.attribute().equals(name)) {
        return d;
      }
    }
    return null;
  }
}
