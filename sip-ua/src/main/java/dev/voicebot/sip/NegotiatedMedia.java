package dev.voicebot.sip;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What the RTP side needs to know about a call.
 *
 * @param remoteRtp where to send RTP (from the caller's SDP; unresolved if it named a host)
 * @param codec the single codec in our answer
 * @param telephoneEventPayloadType the caller's RFC 4733 payload type, -1 if not offered
 * @param ptimeMs the packet time the caller asked to receive (its a=ptime, default 20); it may
 *     still send other sizes, the receive side must not assume 20
 */
public record NegotiatedMedia(
    InetSocketAddress remoteRtp, SdpCodec codec, int telephoneEventPayloadType, int ptimeMs) {

  public NegotiatedMedia {
    Objects.requireNonNull(remoteRtp, "remoteRtp");
    Objects.requireNonNull(codec, "codec");
  }
}
