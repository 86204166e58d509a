package dev.voicebot.sip.tls;

import gov.nist.javax.sip.ClientTransactionExt;
import gov.nist.javax.sip.TlsSecurityPolicy;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.sip.address.Hop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that the server at the other end of an outgoing TLS connection is the host we meant to
 * reach. JAIN-SIP's trust manager only validates the chain against the trust store: any
 * certificate the store vouches for would pass for any registrar. The stack calls this once the
 * handshake of a connection it opened for a client transaction is done; throwing fails that
 * transaction before a byte of SIP is sent.
 *
 * <p>The name checked is the transaction's next hop (the outbound proxy or Route, else the
 * Request-URI host): the registrar as written in the trunk's configuration.
 *
 * <p>A connection opened to send a response (RFC 3261 18.2.2, the caller's connection having
 * closed) belongs to no client transaction and has no name to check; its chain was still checked.
 */
public final class ServerIdentityPolicy implements TlsSecurityPolicy {

  private static final Logger log = LoggerFactory.getLogger(ServerIdentityPolicy.class);

  private final TlsRefusalListener refusals;

  /** @param refusals told of each refused connection, so its transaction fails with the reason */
  public ServerIdentityPolicy(TlsRefusalListener refusals) {
    this.refusals = refusals;
  }

  @Override
  public void enforceTlsPolicy(ClientTransactionExt tx) {
    if (tx == null) {
      log.debug("TLS connection for a response: certificate chain checked, no host name to match");
      return;
    }
    Hop hop = tx.getNextHop();
    if (hop == null) {
      throw refuse(tx, "TLS server identity not checked: no next hop known");
    }
    X509Certificate leaf;
    try {
      Certificate[] chain = tx.getPeerCertificates();
      if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate x)) {
        throw refuse(tx, "TLS server " + where(hop) + " presented no X.509 certificate");
      }
      leaf = x;
    } catch (SSLPeerUnverifiedException | RuntimeException e) {
      if (e instanceof SecurityException s) {
        throw s;
      }
      throw refuse(tx, "TLS server " + where(hop) + ": certificate unavailable (" + e + ")");
    }
    CertificateNames names = CertificateNames.of(leaf);
    if (!names.matches(hop.getHost())) {
      throw refuse(tx, "TLS certificate of " + where(hop) + " is for " + names + ", not for '"
          + hop.getHost() + "': address the peer by a name its certificate holds (for a lab peer "
          + "with an IP-only certificate, voicebot.sip.tls.verify-hostname=false turns this check off)");
    }
    log.debug("TLS server {} presented a certificate for {}", where(hop), names);
  }

  private SecurityException refuse(ClientTransactionExt tx, String reason) {
    log.warn("outgoing TLS connection refused: {}", reason);
    refusals.refused(tx, reason);
    return new SecurityException(reason);
  }

  private static String where(Hop hop) {
    return hop.getHost() + ":" + hop.getPort();
  }
}
