package dev.voicebot.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SdpCryptoTest {

  /** 30 bytes (key and salt) in base64, as baresip and Asterisk send them. */
  static final String KEY = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";

  @Test
  void readsTagSuiteAndKeyOfAnRfc4568Line() {
    SdpCrypto c = SdpCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY).orElseThrow();

    assertThat(c.tag()).isEqualTo(1);
    assertThat(c.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
    assertThat(c.keyParams()).isEqualTo("inline:" + KEY);
    assertThat(c.sessionParams()).isEmpty();
    assertThat(SdesNegotiator.inlineKey(c.keyParams())).get().extracting(k -> k.length).isEqualTo(30);
  }

  @Test
  void writesTheLineItRead() {
    String line = "7 AES_CM_128_HMAC_SHA1_32 inline:" + KEY + "|2^20 KDR=1";
    assertThat(SdpCrypto.parse(line).orElseThrow().attribute()).isEqualTo("crypto:" + line);
  }

  @Test
  void ignoresLinesThatAreNotSdesInlineKeys() {
    assertThat(SdpCrypto.parse("x AES_CM_128_HMAC_SHA1_80 inline:" + KEY)).isEmpty();
    assertThat(SdpCrypto.parse("1 AES_CM_128_HMAC_SHA1_80")).isEmpty();
    assertThat(SdpCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 uri:https://kms")).isEmpty();
    assertThat(SdpCrypto.parse("-1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY)).isEmpty();
  }

  @Test
  void neverShowsTheKeyInToString() {
    SdpCrypto c = SdpCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY).orElseThrow();
    assertThat(c.toString()).doesNotContain(KEY).contains("redacted");
    SdesKeys keys = new SdesKeys(1, c.suite(), new byte[30], Base64.getDecoder().decode(KEY));
    assertThat(keys.toString()).doesNotContain(KEY).contains("redacted");
  }

  @Test
  void keyParametersWithMkiOrSeveralKeysAreNotUsable() {
    assertThat(SdesNegotiator.inlineKey("inline:" + KEY + "|2^31")).isPresent();
    assertThat(SdesNegotiator.inlineKey("inline:" + KEY + "|2^31|1:4")).isEmpty();
    assertThat(SdesNegotiator.inlineKey("inline:" + KEY + "|1:4")).isEmpty();
    assertThat(SdesNegotiator.inlineKey("inline:" + KEY + ";inline:" + KEY)).isEmpty();
    assertThat(SdesNegotiator.inlineKey("inline:c2hvcnQ=")).isEmpty();
    assertThat(SdesNegotiator.inlineKey("inline:***notbase64***")).isEmpty();
  }

  @Test
  void acceptsTheOfferersFirstUsableLineWithAFreshKeyOfOurOwn() {
    SdesNegotiator sdes = new SdesNegotiator(new Random(1));
    List<SdpCrypto> offered =
        List.of(
            SdpCrypto.parse("1 AEAD_AES_256_GCM inline:" + KEY).orElseThrow(),
            SdpCrypto.parse("2 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + " UNENCRYPTED_SRTP")
                .orElseThrow(),
            SdpCrypto.parse("3 AES_CM_128_HMAC_SHA1_32 inline:" + KEY).orElseThrow(),
            SdpCrypto.parse("4 AES_CM_128_HMAC_SHA1_80 inline:" + KEY).orElseThrow());

    SdesKeys keys = sdes.answer(offered, Optional.empty()).orElseThrow();

    assertThat(keys.tag()).isEqualTo(3);
    assertThat(keys.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_32");
    assertThat(keys.remoteKeyAndSalt()).isEqualTo(Base64.getDecoder().decode(KEY));
    assertThat(keys.localKeyAndSalt()).hasSize(30).isNotEqualTo(keys.remoteKeyAndSalt());
    SdpCrypto answer = SdesNegotiator.answerLine(keys);
    assertThat(answer.attribute())
        .isEqualTo("crypto:3 AES_CM_128_HMAC_SHA1_32 inline:"
            + Base64.getEncoder().encodeToString(keys.localKeyAndSalt()));
  }

  @Test
  void reofferKeepsOurKeyWhileTheSuiteStays() {
    SdesNegotiator sdes = new SdesNegotiator(new Random(2));
    List<SdpCrypto> offered =
        List.of(SdpCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY).orElseThrow());
    SdesKeys first = sdes.answer(offered, Optional.empty()).orElseThrow();

    assertThat(sdes.answer(offered, Optional.of(first))).contains(first);
    List<SdpCrypto> otherSuite =
        List.of(SdpCrypto.parse("1 AES_CM_128_HMAC_SHA1_32 inline:" + KEY).orElseThrow());
    assertThat(sdes.answer(otherSuite, Optional.of(first)).orElseThrow().localKeyAndSalt())
        .isNotEqualTo(first.localKeyAndSalt());
  }
}
