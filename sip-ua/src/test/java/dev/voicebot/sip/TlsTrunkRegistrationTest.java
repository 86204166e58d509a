package dev.voicebot.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.sip.register.RegistrationState;
import dev.voicebot.sip.register.RegistrationTiming;
import dev.voicebot.sip.register.TrunkConfig;
import dev.voicebot.sip.register.TrunkStatus;
import dev.voicebot.sip.tls.PeerCertificate;
import dev.voicebot.sip.tls.TestCertificates;
import dev.voicebot.sip.tls.TlsSettings;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registration to a trunk over TLS, with OpenSSL's {@code s_server} as the registrar's TLS end
 * (certificate for {@code localhost} only) and the test answering the REGISTER it relays.
 */
@Timeout(60)
class TlsTrunkRegistrationTest {

  private static final RegistrationTiming FAST =
      new RegistrationTiming(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
          Duration.ZERO);

  @TempDir static Path certDir;
  static TestCertificates botCertificate;
  static PeerCertificate registrarCertificate;

  private final RecordingCallHandler handler = new RecordingCallHandler();
  private OpensslTlsPeer registrar;
  private SipUserAgent ua;
  private int tlsPort;

  @BeforeAll
  static void makeCertificates() throws Exception {
    botCertificate = TestCertificates.create(certDir.resolve("bot"));
    registrarCertificate = PeerCertificate.create(certDir.resolve("registrar"), "localhost", "DNS:localhost");
  }

  @AfterEach
  void stop() throws Exception {
    if (ua != null) {
      ua.close();
    }
    if (registrar != null) {
      registrar.close();
    }
  }

  /** The bot listening on UDP and on TLS, registering to {@code host} at the registrar's port. */
  private void startBot(String host, TlsSettings tls) throws Exception {
    int registrarPort = freeTcpPort();
    registrar = OpensslTlsPeer.start(registrarPort, registrarCertificate);
    tlsPort = freeTcpPort();
    TrunkConfig trunk = new TrunkConfig("carrier", host + ":" + registrarPort, "tls", "bot", "", "",
        "", host, Duration.ofSeconds(60), "", List.of("127.0.0.1/32"), List.of(), null);
    SipConfig config = new SipConfig("127.0.0.1", FreePorts.udpAndTcp(), Set.of(SipTransport.UDP), null,
            "voicebot-test", List.of("PCMU"))
        .withTls(tls.withPort(tlsPort))
        .withTrunks(List.of(trunk))
        .withRegistrationTiming(FAST);
    ua = new SipUserAgent(config, handler);
    ua.start();
  }

  private static TlsSettings trustingTheRegistrar() {
    return botCertificate.settings(1)
        .withTrustStore(registrarCertificate.trustStore(), registrarCertificate.trustStorePassword(), "PKCS12");
  }

  @Test
  void registrationOverTlsCarriesTheTlsPortAndTransportInViaAndContact() throws Exception {
    startBot("localhost", trustingTheRegistrar());

    String register = registrar.nextMessage(Duration.ofSeconds(10)).orElseThrow(
        () -> new AssertionError("no REGISTER reached the registrar: " + ua.registrations()));
    assertThat(register).startsWith("REGISTER sip:localhost:");
    assertThat(header(register, "Via")).startsWith("SIP/2.0/TLS 127.0.0.1:" + tlsPort + ";");
    assertThat(header(register, "Contact"))
        .isEqualTo("<sip:bot@127.0.0.1:" + tlsPort + ";transport=tls>");

    registrar.send(ok(register, tlsPort));
    TrunkStatus s = awaitStatus(t -> t.state() == RegistrationState.REGISTERED);
    assertThat(s.state()).as("%s", s).isEqualTo(RegistrationState.REGISTERED);
    assertThat(s.grantedExpiry()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void registrarWhoseCertificateDoesNotNameTheHostIsRefusedWithAClearError() throws Exception {
    // The certificate is trusted but names only "localhost": addressed as 127.0.0.1 it must fail.
    startBot("127.0.0.1", trustingTheRegistrar());

    TrunkStatus s = awaitStatus(t -> t.state() == RegistrationState.FAILED);
    assertThat(s.state()).as("%s", s).isEqualTo(RegistrationState.FAILED);
    assertThat(s.lastError())
        .contains("TLS certificate of 127.0.0.1:")
        .contains("[localhost]")
        .contains("not for '127.0.0.1'");
    assertThat(registrar.nextMessage(Duration.ofMillis(500))).as("no SIP crossed the connection").isEmpty();
    assertThat(registrar.receivedText()).doesNotContain("REGISTER");
  }

  @Test
  void registrarNotInTheTrustStoreIsRefusedWhateverItsName() throws Exception {
    // The JDK's CA list knows nothing of a self-signed registrar.
    startBot("localhost", botCertificate.settings(1));

    TrunkStatus s = awaitStatus(t -> t.state() == RegistrationState.FAILED);
    assertThat(s.state()).as("%s", s).isEqualTo(RegistrationState.FAILED);
    assertThat(s.lastError()).containsIgnoringCase("certificat");
    assertThat(registrar.receivedText()).doesNotContain("REGISTER");
  }

  @Test
  void hostNameCheckTurnedOffLetsATrustedCertificateWithAnotherNameRegister() throws Exception {
    startBot("127.0.0.1", trustingTheRegistrar().withHostnameVerification(false));

    String register = registrar.nextMessage(Duration.ofSeconds(10)).orElseThrow(
        () -> new AssertionError("no REGISTER reached the registrar: " + ua.registrations()));
    registrar.send(ok(register, tlsPort));
    TrunkStatus s = awaitStatus(t -> t.state() == RegistrationState.REGISTERED);
    assertThat(s.state()).as("%s", s).isEqualTo(RegistrationState.REGISTERED);
  }

  private TrunkStatus awaitStatus(Predicate<TrunkStatus> p) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    TrunkStatus s = ua.registrations().getFirst();
    while (!p.test(s) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      s = ua.registrations().getFirst();
    }
    return s;
  }

  /** A registrar's 200 for {@code register}: the dialog headers copied, our contact granted 60 s. */
  private static String ok(String register, int contactPort) {
    return "SIP/2.0 200 OK\r\n"
        + "Via: " + header(register, "Via") + "\r\n"
        + "From: " + header(register, "From") + "\r\n"
        + "To: " + header(register, "To") + ";tag=reg1\r\n"
        + "Call-ID: " + header(register, "Call-ID") + "\r\n"
        + "CSeq: " + header(register, "CSeq") + "\r\n"
        + "Contact: <sip:bot@127.0.0.1:" + contactPort + ";transport=tls>;expires=60\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  private static String header(String message, String name) {
    Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + "\\s*:\\s*(.*?)\\r?$").matcher(message);
    if (!m.find()) {
      throw new AssertionError("no " + name + " in\n" + message);
    }
    return m.group(1);
  }

  private static int freeTcpPort() throws Exception {
    try (var s = new ServerSocket(0, 1, FreePorts.LOOPBACK)) {
      return s.getLocalPort();
    }
  }
}
