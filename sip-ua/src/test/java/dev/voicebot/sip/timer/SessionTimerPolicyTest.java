package dev.voicebot.sip.timer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionTimerPolicyTest {

  private final SessionTimerPolicy policy = SessionTimerPolicy.standard();

  private SessionTimerDecision decide(String se, String minSe, boolean supported) {
    return policy.decide(SessionTimerRequest.parse(se, minSe, supported));
  }

  @Test
  void intervalBelowOurMinimumGets422WithOurMinSe() {
    assertThat(decide("60", null, true)).isEqualTo(new SessionTimerDecision.TooSmall(90));
  }

  @Test
  void callerThatAsksToRefreshRefreshes() {
    assertThat(decide("1800;refresher=uac", "90", true))
        .isEqualTo(new SessionTimerDecision.On(1800, Refresher.UAC, true));
  }

  @Test
  void callerThatLeavesTheRefresherOpenLetsUsRefresh() {
    assertThat(decide("600", null, true))
        .isEqualTo(new SessionTimerDecision.On(600, Refresher.UAS, true));
  }

  @Test
  void callerWithoutTimerSupportNeverRefreshesAndGetsNoRequire() {
    // A proxy added Session-Expires for a caller that cannot refresh: we must, and must not
    // require timer of it.
    assertThat(decide("1800;refresher=uac", null, false))
        .isEqualTo(new SessionTimerDecision.On(1800, Refresher.UAS, false));
  }

  @Test
  void callerThatSupportsTimerButAsksNothingGetsOurIntervalRefreshedByUs() {
    assertThat(decide(null, null, true))
        .isEqualTo(new SessionTimerDecision.On(1800, Refresher.UAS, true));
    assertThat(decide(null, "3600", true))
        .isEqualTo(new SessionTimerDecision.On(3600, Refresher.UAS, true));
  }

  @Test
  void noTimerWithoutSupportOrSessionExpires() {
    assertThat(decide(null, null, false)).isEqualTo(new SessionTimerDecision.Off());
  }

  @Test
  void unreadableSessionExpiresCountsAsAbsent() {
    assertThat(decide("soon", null, false)).isEqualTo(new SessionTimerDecision.Off());
  }

  @Test
  void headerValueNamesTheRefresher() {
    assertThat(new SessionTimerDecision.On(1800, Refresher.UAC, true).headerValue())
        .isEqualTo("1800;refresher=uac");
  }

  @Test
  void refresherRefreshesAtHalfAndTheOtherSideGivesUpAThirdOrAtMost32sBeforeTheEnd() {
    var longInterval = new SessionTimerDecision.On(1800, Refresher.UAC, true);
    var shortInterval = new SessionTimerDecision.On(6, Refresher.UAC, true);

    assertThat(longInterval.refreshAfter()).isEqualTo(Duration.ofSeconds(900));
    assertThat(longInterval.expireAfter()).isEqualTo(Duration.ofSeconds(1768));
    assertThat(shortInterval.refreshAfter()).isEqualTo(Duration.ofSeconds(3));
    assertThat(shortInterval.expireAfter()).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void testMinimumBelowTheRfcsIsAllowedForFastTests() {
    SessionTimerPolicy fast = new SessionTimerPolicy(6, 4);

    assertThat(fast.decide(SessionTimerRequest.parse("3", null, true)))
        .isEqualTo(new SessionTimerDecision.TooSmall(4));
    assertThat(fast.decide(SessionTimerRequest.parse("5;refresher=uas", null, true)))
        .isEqualTo(new SessionTimerDecision.On(5, Refresher.UAS, true));
  }
}
