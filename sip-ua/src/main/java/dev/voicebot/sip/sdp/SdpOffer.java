package dev.voicebot.sip.sdp;

import java.util.List;

/**
 * A parsed SDP offer: its media sections in order (the answer must keep that order and count).
 *
 * @param media every {@code m=} section, including ones we will reject
 */
public record SdpOffer(List<SdpMedia> media) {

  public SdpOffer {
    media = List.copyOf(media);
  }

  public static SdpOffer parse(String sdp) throws SdpParseException {
    return new SdpParser().parse(sdp);
  }
}
