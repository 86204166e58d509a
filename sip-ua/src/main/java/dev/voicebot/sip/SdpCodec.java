package dev.voicebot.sip;

import java.util.Objects;

/**
 * The voice codec both sides agreed on.
 *
 * @param payloadType RTP payload type to send and expect
 * @param name encoding name, e.g. {@code PCMU}
 * @param clockRate RTP clock rate in Hz
 */
public record SdpCodec(int payloadType, String name, int clockRate) {

  public SdpCodec {
    Objects.requireNonNull(name, "name");
  }
}
