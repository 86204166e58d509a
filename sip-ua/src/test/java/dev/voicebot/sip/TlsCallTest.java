package dev.voicebot.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicebot.sip.sdp.SrtpMode;
import dev.voicebot.sip.tls.TestCertificates;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls over TLS on 127.0.0.1 with a certificate made at test time: a Java client places SRTP
 * and plain calls, OpenSSL clients prove which protocol versions and suites the listener refuses.
 */
@Timeout(60)
class TlsCallTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String KEY = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";

  @TempDir static Path certDir;
  static TestCertificates certs;

  @TempDir Path work;
  private final RecordingCallHandler handler = new RecordingCallHandler();
  private int port;
  private int tlsPort;
  private SipUserAgent ua;

  @BeforeAll
  static void makeCertificate() throws Exception {
    certs = TestCertificates.create(certDir);
  }

  @BeforeEach
  void startUserAgent() throws Exception {
    port = FreePorts.udpAndTcp();
    tlsPort = freeTcpPort();
    ua = new SipUserAgent(config(SrtpMode.WHEN_OFFERED), handler);
    ua.start();
  }

  private SipConfig config(SrtpMode srtp) {
    return new SipConfig("127.0.0.1", port, Set.of(SipTransport.UDP), null, "voicebot-test",
            List.of("PCMU", "PCMA"))
        .withTls(certs.settings(tlsPort))
        .withSrtp(srtp);
  }

  @AfterEach
  void stopUserAgent() {
    ua.close();
  }

  private static String offer(String protocol, String crypto) {
    return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio 6000 " + protocol + " 0 101\r\n"
        + "a=rtpmap:101 telephone-event/8000\r\n"
        + crypto
        + "a=sendrecv\r\n";
  }

  private static final String SRTP_OFFER =
      offer("RTP/SAVP", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "\r\n");

  @Test
  void srtpCallOverTls13IsAnsweredWithSavpAndATlsContact() throws Exception {
    String uri = "sip:bot@127.0.0.1:" + tlsPort + ";transport=tls";
    try (var client = new TlsSipClient(certs.clientContext(), tlsPort, "TLSv1.3")) {
      assertThat(client.negotiatedProtocol()).isEqualTo("TLSv1.3");
      client.invite(uri, SRTP_OFFER);
      String ok = client.readFinal();

      assertThat(ok).startsWith("SIP/2.0 200");
      assertThat(TlsSipClient.header(ok, "Contact"))
          .contains("127.0.0.1:" + tlsPort)
          .contains("transport=tls");
      assertThat(TlsSipClient.header(ok, "Via")).startsWith("SIP/2.0/TLS");
      assertThat(ok).contains("m=audio 40000 RTP/SAVP 0 101").containsPattern(
          "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:[A-Za-z0-9+/]{40}\r\n");
      String toTag = TlsSipClient.toTag(ok);
      client.ack(uri, toTag);
      client.bye(uri, toTag);
      assertThat(client.readFinal()).startsWith("SIP/2.0 200");
    }
    assertThat(handler.eventsUntilEnded(WAIT))
        .containsExactly("invite", "decided", "established", "ended:RemoteBye");
    NegotiatedMedia media = handler.invites.getFirst().media().orElseThrow();
    assertThat(media.srtp()).isPresent();
    assertThat(media.srtp().get().suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
  }

  @Test
  void sipsRequestUriOverTls12GetsASipsContact() throws Exception {
    String uri = "sips:bot@127.0.0.1:" + tlsPort;
    try (var client = new TlsSipClient(certs.clientContext(), tlsPort, "TLSv1.2")) {
      assertThat(client.negotiatedProtocol()).isEqualTo("TLSv1.2");
      client.invite(uri, offer("RTP/AVP", ""));
      String ok = client.readFinal();

      assertThat(ok).startsWith("SIP/2.0 200");
      assertThat(TlsSipClient.header(ok, "Contact")).startsWith("<sips:").contains(":" + tlsPort);
      assertThat(ok).contains("m=audio 40000 RTP/AVP 0 101").doesNotContain("a=crypto");
      String toTag = TlsSipClient.toTag(ok);
      client.ack(uri, toTag);
      client.bye(uri, toTag);
      assertThat(client.readFinal()).startsWith("SIP/2.0 200");
    }
  }

  @Test
  void savpOfferWithoutASupportedSuiteGets488() throws Exception {
    String uri = "sip:bot@127.0.0.1:" + tlsPort + ";transport=tls";
    try (var client = new TlsSipClient(certs.clientContext(), tlsPort, "TLSv1.3")) {
      client.invite(uri, offer("RTP/SAVP", "a=crypto:1 AEAD_AES_256_GCM inline:" + KEY + "\r\n"));
      assertThat(client.readFinal()).startsWith("SIP/2.0 488");
    }
    assertThat(handler.invites).isEmpty();
  }

  @Test
  void plainOfferGets488WhenSrtpIsRequired() throws Exception {
    ua.close();
    ua = new SipUserAgent(config(SrtpMode.REQUIRED), handler);
    ua.start();
    String uri = "sip:bot@127.0.0.1:" + tlsPort + ";transport=tls";
    try (var client = new TlsSipClient(certs.clientContext(), tlsPort, "TLSv1.3")) {
      client.invite(uri, offer("RTP/AVP", ""));
      assertThat(client.readFinal()).startsWith("SIP/2.0 488");
    }
    try (var client = new TlsSipClient(certs.clientContext(), tlsPort, "TLSv1.3")) {
      client.invite(uri, SRTP_OFFER);
      String ok = client.readFinal();
      assertThat(ok).startsWith("SIP/2.0 200");
      client.ack(uri, TlsSipClient.toTag(ok));
      client.bye(uri, TlsSipClient.toTag(ok));
      assertThat(client.readFinal()).startsWith("SIP/2.0 200");
    }
  }

  @Test
  void clientThatDoesNotTrustTheCertificateIsRefused() {
    assertThatThrownBy(
            () -> {
              javax.net.ssl.SSLContext trustsNothingOfOurs = javax.net.ssl.SSLContext.getDefault();
              try (var client = new TlsSipClient(trustsNothingOfOurs, tlsPort, "TLSv1.3")) {
                client.negotiatedProtocol();
              }
            })
        .isInstanceOf(SSLException.class);
  }

  @Test
  void tls11ClientIsRefusedByTheServerWhileTls12Connects() throws Exception {
    String modern = openssl("-tls1_2");
    assertThat(modern).as(modern).containsPattern("Protocol( version)?: TLSv1\\.2")
        .contains("Verification: OK");

    // OpenSSL's own policy forbids TLS 1.1 at its default security level; level 0 lets it try
    // (against an OpenSSL TLS 1.1 server it then connects), so what stops it here is our server's
    // protocol_version alert.
    String old = openssl("-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
    assertThat(old).as(old).contains("alert protocol version")
        .doesNotContainPattern("Protocol( version)?: TLSv1\\.1").doesNotContain("CONNECTION ESTABLISHED");
  }

  @Test
  void tls12SuiteWithoutForwardSecrecyOrAeadIsRefused() throws Exception {
    String cbc = openssl("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA");
    assertThat(cbc).as(cbc).contains("handshake failure").doesNotContain("CONNECTION ESTABLISHED");
  }

  private String openssl(String... options) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("timeout", "10", "openssl", "s_client",
        "-connect", "127.0.0.1:" + tlsPort, "-CAfile", certs.certificatePem().toString(),
        "-brief"));
    command.addAll(List.of(options));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close(); // EOF on stdin: s_client quits once the handshake is done
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(15, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    return output;
  }

  private static int freeTcpPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, FreePorts.LOOPBACK)) {
      return s.getLocalPort();
    }
  }
}
