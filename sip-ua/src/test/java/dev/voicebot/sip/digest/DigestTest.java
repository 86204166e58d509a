package dev.voicebot.sip.digest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The worked examples of RFC 2617 3.5 and RFC 7616 3.9.1. */
class DigestTest {

  @Test
  void rfc2617ExampleWithQopAuthAndMd5() {
    assertThat(
            Digest.response(
                DigestAlgorithm.MD5, "Mufasa", "testrealm@host.com", "Circle Of Life", "GET",
                "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "auth", "00000001",
                "0a4f113b"))
        .isEqualTo("6629fae49393a05397450978507c4ef1");
  }

  @Test
  void rfc7616ExampleWithMd5() {
    assertThat(
            Digest.response(
                DigestAlgorithm.MD5, "Mufasa", "http-auth@example.org", "Circle of Life", "GET",
                "/dir/index.html", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "auth",
                "00000001", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"))
        .isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
  }

  @Test
  void rfc7616ExampleWithSha256() {
    assertThat(
            Digest.response(
                DigestAlgorithm.SHA_256, "Mufasa", "http-auth@example.org", "Circle of Life", "GET",
                "/dir/index.html", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "auth",
                "00000001", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"))
        .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
  }

  @Test
  void withoutQopTheResponseIsHashOfHa1NonceHa2() {
    DigestAlgorithm md5 = DigestAlgorithm.MD5;
    String ha1 = md5.hex("bob:example.com:secret");
    String ha2 = md5.hex("REGISTER:sip:example.com");
    assertThat(
            Digest.response(md5, "bob", "example.com", "secret", "REGISTER", "sip:example.com",
                "abc", null, "ignored", "ignored"))
        .isEqualTo(md5.hex(ha1 + ":abc:" + ha2));
  }

  @Test
  void sessionVariantFoldsNoncesIntoHa1() {
    DigestAlgorithm s = DigestAlgorithm.SHA_256_SESS;
    String ha1 = s.hex(s.hex("u:r:p") + ":n:c");
    String ha2 = s.hex("INVITE:sip:x");
    assertThat(Digest.response(s, "u", "r", "p", "INVITE", "sip:x", "n", "auth", "00000001", "c"))
        .isEqualTo(s.hex(ha1 + ":n:00000001:c:auth:" + ha2));
  }
}
