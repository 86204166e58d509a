package dev.voicebot.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicebot.sip.access.AccessPolicy;
import dev.voicebot.sip.register.TrunkConfig;
import dev.voicebot.sip.sdp.CodecOrder;
import dev.voicebot.sip.sdp.MediaPolicy;
import dev.voicebot.sip.sdp.Negotiation;
import dev.voicebot.sip.sdp.RtpFormat;
import dev.voicebot.sip.sdp.SdpAgreement;
import dev.voicebot.sip.sdp.SdpOffer;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Calls from a trunk get that trunk's codec choice; everyone else gets the user agent's. */
class CallMediaTest {

  private static final String PCMU_THEN_PCMA =
      "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
          + "m=audio 4000 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n";

  private static TrunkConfig trunk(String name, String source, List<String> codecs, CodecOrder order) {
    return new TrunkConfig(name, "192.0.2.1:5060", "udp", "bot", "", "", "", "", null, "",
        List.of(source), codecs, order);
  }

  /** The user agent: PCMU and PCMA, the caller's order decides. */
  private static SipConfig agent(TrunkConfig... trunks) {
    return new SipConfig("127.0.0.1", 5060, Set.of(SipTransport.UDP), null, "test", List.of("PCMU", "PCMA"))
        .withTrunks(List.of(trunks))
        .withAccess(new AccessPolicy(List.of("127.0.0.0/8"), false, Map.of()));
  }

  private static CallMedia callMedia(SipConfig config) {
    return CallMedia.of(config, EdgePolicy.trunkAttribution(config));
  }

  private static String answeredCodec(MediaPolicy policy) throws Exception {
    return codecOf(policy, PCMU_THEN_PCMA);
  }

  private static CallMedia.Choice from(CallMedia media, String address) throws Exception {
    return media.forSource(InetAddress.getByName(address));
  }

  @Test
  void aCallFromTheTrunksAddressIsAnsweredWithTheTrunksPreferredCodec() throws Exception {
    CallMedia media = callMedia(agent(trunk("carrier", "127.0.0.2/32", List.of("PCMA", "PCMU"), CodecOrder.LOCAL)));

    CallMedia.Choice choice = from(media, "127.0.0.2");
    assertThat(choice.trunk()).map(TrunkConfig::name).contains("carrier");
    assertThat(answeredCodec(choice.policy())).isEqualTo("PCMA");
  }

  @Test
  void aCallFromAnyOtherSourceGetsTheUserAgentsOrder() throws Exception {
    CallMedia media = callMedia(agent(trunk("carrier", "127.0.0.2/32", List.of("PCMA", "PCMU"), CodecOrder.LOCAL)));

    CallMedia.Choice choice = from(media, "127.0.0.1");
    assertThat(choice.trunk()).isEmpty();
    assertThat(answeredCodec(choice.policy())).isEqualTo("PCMU");
  }

  @Test
  void aTrunkSettingOnlyItsOrderRanksTheUserAgentsCodecs() throws Exception {
    SipConfig config = agent(trunk("pbx", "127.0.0.3/32", List.of(), CodecOrder.LOCAL))
        .withCodecOrder(CodecOrder.CALLER);
    // The agent's list is PCMU, PCMA: with its own order LOCAL the trunk still picks PCMU first,
    // so reverse the offer to tell the two orders apart.
    String pcmaFirst = PCMU_THEN_PCMA.replace("RTP/AVP 0 8", "RTP/AVP 8 0");
    MediaPolicy trunkPolicy = from(callMedia(config), "127.0.0.3").policy();
    MediaPolicy otherPolicy = from(callMedia(config), "127.0.0.1").policy();

    assertThat(codecOf(trunkPolicy, pcmaFirst)).isEqualTo("PCMU");
    assertThat(codecOf(otherPolicy, pcmaFirst)).isEqualTo("PCMA");
  }

  @Test
  void aTrunkSettingOnlyItsCodecsKeepsTheUserAgentsOrder() throws Exception {
    // CALLER order inherited: the caller's first codec among the trunk's (PCMU is not allowed).
    CallMedia media = callMedia(agent(trunk("carrier", "127.0.0.2/32", List.of("PCMA"), null)));

    assertThat(answeredCodec(from(media, "127.0.0.2").policy())).isEqualTo("PCMA");
    assertThat(answeredCodec(from(media, "127.0.0.1").policy())).isEqualTo("PCMU");
  }

  @Test
  void aTrunkWithoutACodecChoiceOfItsOwnSharesTheUserAgentsPolicy() throws Exception {
    CallMedia media = callMedia(agent(trunk("plain", "127.0.0.2/32", List.of(), null)));

    CallMedia.Choice trunkCall = from(media, "127.0.0.2");
    assertThat(trunkCall.trunk()).map(TrunkConfig::name).contains("plain");
    assertThat(trunkCall.policy()).isSameAs(from(media, "127.0.0.1").policy());
  }

  @Test
  void theFirstTrunkListedWinsWhenTheirSourcesOverlap() throws Exception {
    CallMedia media = callMedia(agent(
        trunk("first", "127.0.0.0/24", List.of("PCMA"), null),
        trunk("second", "127.0.0.2/32", List.of("PCMU"), null)));

    assertThat(from(media, "127.0.0.2").trunk()).map(TrunkConfig::name).contains("first");
  }

  @Test
  void anOfferlessInviteFromTheTrunkGetsOurOfferInTheTrunksOrder() throws Exception {
    CallMedia media = callMedia(agent(trunk("carrier", "127.0.0.2/32", List.of("PCMA", "PCMU"), CodecOrder.LOCAL)));

    assertThat(from(media, "127.0.0.2").policy().offerWriter().formats())
        .extracting(RtpFormat::encoding).startsWith("PCMA", "PCMU");
    assertThat(from(media, "127.0.0.1").policy().offerWriter().formats())
        .extracting(RtpFormat::encoding).startsWith("PCMU", "PCMA");
  }

  @Test
  void aTrunkCodecTheUserAgentCannotHandleIsRefusedAtConfigurationTime() {
    assertThatThrownBy(() -> agent(trunk("carrier", "127.0.0.2/32", List.of("G729"), null)))
        .hasMessageContaining("trunk carrier lists codec G729");
  }

  private static String codecOf(MediaPolicy policy, String offer) throws Exception {
    return switch (policy.negotiator().negotiate(SdpOffer.parse(offer))) {
      case Negotiation.Agreed(SdpAgreement a) -> a.codec().encoding();
      case Negotiation.Incompatible(String why) -> throw new AssertionError(why);
    };
  }
}
