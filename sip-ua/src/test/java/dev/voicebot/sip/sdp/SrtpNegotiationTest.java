package dev.voicebot.sip.sdp;

import static dev.voicebot.sip.sdp.SdpCryptoTest.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RTP/SAVP offers (SDES) against both SRTP policies. */
class SrtpNegotiationTest {

  private final SdpNegotiator whenOffered =
      new SdpNegotiator(List.of("PCMU", "PCMA"), SrtpMode.WHEN_OFFERED, new SecureRandom());
  private final SdpNegotiator required =
      new SdpNegotiator(List.of("PCMU", "PCMA"), SrtpMode.REQUIRED, new SecureRandom());
  private final LocalMedia local = new LocalMedia("203.0.113.5", 20000, 42, "voicebot");

  private static SdpOffer offer(String mediaLines) throws SdpParseException {
    return SdpOffer.parse(
        "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n" + mediaLines);
  }

  /** Like baresip with mediaenc=srtp. */
  static final String SAVP =
      "m=audio 4000 RTP/SAVP 0 101\r\n"
          + "a=rtpmap:101 telephone-event/8000\r\n"
          + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "\r\n"
          + "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:" + KEY + "\r\n"
          + "a=sendrecv\r\n";

  private static SdpAgreement agreed(Negotiation n) {
    return switch (n) {
      case Negotiation.Agreed(SdpAgreement a) -> a;
      case Negotiation.Incompatible(String reason) -> throw new AssertionError(reason);
    };
  }

  @Test
  void savpOfferIsAnsweredWithSavpAndOurOwnKeyUnderTheOfferersTag() throws Exception {
    SdpAgreement a = agreed(whenOffered.negotiate(offer(SAVP)));

    SdesKeys keys = a.srtp().orElseThrow();
    assertThat(keys.tag()).isEqualTo(1);
    assertThat(keys.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
    assertThat(keys.remoteKeyAndSalt()).isEqualTo(Base64.getDecoder().decode(KEY));
    String answer = new SdpAnswerWriter().write(a, local);
    assertThat(answer)
        .contains("m=audio 20000 RTP/SAVP 0 101\r\n")
        .contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:"
            + Base64.getEncoder().encodeToString(keys.localKeyAndSalt()) + "\r\n")
        .doesNotContain(KEY);
    // The answer parses back to exactly one usable crypto line carrying our key.
    SdpMedia m = SdpOffer.parse(answer).media().getFirst();
    assertThat(m.isSecure()).isTrue();
    assertThat(m.crypto()).hasSize(1);
  }

  @Test
  void plainOfferStaysPlainWhenSrtpIsOnlyOptional() throws Exception {
    SdpAgreement a = agreed(whenOffered.negotiate(offer("m=audio 4000 RTP/AVP 0\r\n")));

    assertThat(a.srtp()).isEmpty();
    assertThat(new SdpAnswerWriter().write(a, local))
        .contains("m=audio 20000 RTP/AVP 0\r\n")
        .doesNotContain("crypto");
  }

  @Test
  void bestEffortAvpOfferWithACryptoLineGetsSrtpAndKeepsItsProfile() throws Exception {
    SdpAgreement a = agreed(required.negotiate(offer(SAVP.replace("RTP/SAVP", "RTP/AVP"))));

    assertThat(a.srtp()).isPresent();
    assertThat(new SdpAnswerWriter().write(a, local))
        .contains("m=audio 20000 RTP/AVP 0 101\r\n")
        .contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:");
  }

  @Test
  void savpOfferWithoutASupportedSuiteIsIncompatible() throws Exception {
    Negotiation n =
        whenOffered.negotiate(
            offer("m=audio 4000 RTP/SAVP 0\r\na=crypto:1 AEAD_AES_256_GCM inline:" + KEY + "\r\n"));

    assertThat(n).isInstanceOf(Negotiation.Incompatible.class);
    assertThat(((Negotiation.Incompatible) n).reason()).contains("no supported SRTP crypto suite");
  }

  @Test
  void savpOfferWithoutAnyCryptoLineIsIncompatible() throws Exception {
    assertThat(whenOffered.negotiate(offer("m=audio 4000 RTP/SAVP 0\r\n")))
        .isInstanceOf(Negotiation.Incompatible.class);
  }

  @Test
  void plainOfferIsIncompatibleWhenSrtpIsRequired() throws Exception {
    Negotiation n = required.negotiate(offer("m=audio 4000 RTP/AVP 0\r\n"));

    assertThat(n).isInstanceOf(Negotiation.Incompatible.class);
    assertThat(((Negotiation.Incompatible) n).reason()).contains("SRTP required");
    assertThat(required.requiresSrtp()).isTrue();
    assertThat(agreed(required.negotiate(offer(SAVP))).srtp()).isPresent();
  }

  @Test
  void secureStreamIsPickedOverAnEarlierPlainOneWhenSrtpIsRequired() throws Exception {
    SdpAgreement a = agreed(required.negotiate(offer("m=audio 4000 RTP/AVP 0\r\n" + SAVP)));

    assertThat(a.mediaIndex()).isEqualTo(1);
    assertThat(new SdpAnswerWriter().write(a, local)).contains("m=audio 0 RTP/AVP 0\r\n");
  }

  @Test
  void holdReofferKeepsTheKeysAndTheAnswerKeepsTheCryptoLine() throws Exception {
    SdpAgreement first = agreed(whenOffered.negotiate(offer(SAVP)));
    SdpAgreement hold =
        agreed(
            whenOffered.negotiate(
                offer(SAVP.replace("a=sendrecv", "a=sendonly")),
                Optional.of(first.codec()),
                first.srtp()));

    assertThat(hold.srtp()).isEqualTo(first.srtp());
    assertThat(new SdpAnswerWriter().write(hold, local))
        .contains("a=recvonly\r\n")
        .contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:");
  }
}
