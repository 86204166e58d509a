package dev.voicebot.sip.register;

import java.text.ParseException;
import java.util.List;
import java.util.ListIterator;
import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Builds REGISTER and OPTIONS for one trunk. The Request-URI names the domain (RFC 3261 10.2);
 * when the next hop is another host (registrar apart from the domain, or an outbound proxy) a
 * loose Route sends the request there.
 */
final class TrunkRequests {

  private final TrunkConfig trunk;
  private final OutboundChannel channel;
  private final String registerCallId;
  private final String fromTag;
  private long cseq;

  TrunkRequests(TrunkConfig trunk, OutboundChannel channel) {
    this.trunk = trunk;
    this.channel = channel;
    // One Call-ID and From tag for all REGISTERs of this run, CSeq rising (RFC 3261 10.2.4).
    this.registerCallId = channel.newCallId();
    this.fromTag = Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  }

  String aor() {
    return "sip:" + trunk.username() + "@" + trunk.domain();
  }

  /** The Request-URI of REGISTER, also the {@code uri} a digest answer must name. */
  SipURI registerUri() throws ParseException {
    HostPort reg = trunk.registrarAddress();
    SipURI uri;
    if (reg.host().equalsIgnoreCase(trunk.domain())) {
      uri = channel.addressFactory().createSipURI(null, reg.host());
      if (reg.port() != trunk.defaultPort()) {
        uri.setPort(reg.port());
      }
    } else {
      uri = channel.addressFactory().createSipURI(null, trunk.domain());
    }
    transport(uri);
    return uri;
  }

  /** @param authorization header name and value answering a challenge, or null */
  synchronized Request register(long expiresSeconds, String[] authorization)
      throws ParseException, InvalidArgumentException {
    SipURI ruri = registerUri();
    HeaderFactory h = channel.headerFactory();
    Address aor = channel.addressFactory().createAddress(aor());
    SipURI contactUri = channel.addressFactory().createSipURI(trunk.username(), channel.contactHost());
    contactUri.setPort(localPort());
    transport(contactUri);
    Request r =
        channel.messageFactory().createRequest(
            ruri,
            Request.REGISTER,
            h.createCallIdHeader(registerCallId),
            h.createCSeqHeader(++cseq, Request.REGISTER),
            h.createFromHeader(aor, fromTag),
            h.createToHeader(aor, null),
            List.of(via()),
            h.createMaxForwardsHeader(70));
    r.addHeader(h.createContactHeader(channel.addressFactory().createAddress(contactUri)));
    r.addHeader(h.createExpiresHeader((int) Math.min(expiresSeconds, Integer.MAX_VALUE)));
    r.addHeader(h.createUserAgentHeader(List.of(channel.userAgent())));
    route(r, ruri);
    if (authorization != null) {
      r.addHeader(h.createHeader(authorization[0], authorization[1]));
    }
    return r;
  }

  /** A qualify probe to the next hop. */
  Request options() throws ParseException, InvalidArgumentException {
    HostPort hop = trunk.nextHop();
    SipURI ruri = channel.addressFactory().createSipURI(null, hop.host());
    ruri.setPort(hop.port());
    transport(ruri);
    HeaderFactory h = channel.headerFactory();
    Request r =
        channel.messageFactory().createRequest(
            ruri,
            Request.OPTIONS,
            h.createCallIdHeader(channel.newCallId()),
            h.createCSeqHeader(1L, Request.OPTIONS),
            h.createFromHeader(channel.addressFactory().createAddress(aor()), fromTag),
            h.createToHeader(channel.addressFactory().createAddress(ruri), null),
            List.of(via()),
            h.createMaxForwardsHeader(70));
    r.addHeader(h.createUserAgentHeader(List.of(channel.userAgent())));
    return r;
  }

  /**
   * The lifetime the registrar granted: our Contact's {@code expires} parameter, else the Expires
   * header, else what we asked for (RFC 3261 10.2.4).
   */
  long grantedSeconds(Response ok, long requested) {
    ListIterator<?> contacts = ok.getHeaders(ContactHeader.NAME);
    while (contacts.hasNext()) {
      ContactHeader c = (ContactHeader) contacts.next();
      if (c.getAddress().getURI() instanceof SipURI u
          && trunk.username().equals(u.getUser())
          && channel.contactHost().equalsIgnoreCase(u.getHost())
          && (u.getPort() == localPort() || (u.getPort() <= 0 && localPort() == trunk.defaultPort()))
          && c.getExpires() >= 0) {
        return c.getExpires();
      }
    }
    ExpiresHeader e = (ExpiresHeader) ok.getHeader(ExpiresHeader.NAME);
    return e != null ? e.getExpires() : requested;
  }

  private ViaHeader via() throws ParseException, InvalidArgumentException {
    ViaHeader via = channel.headerFactory().createViaHeader(channel.viaHost(), localPort(), trunk.transport(), null);
    // Ask for the source address and port the registrar saw (RFC 3581), the NAT mapping to keep.
    via.setRPort();
    return via;
  }

  /** Our listening port for the trunk's transport: a TLS trunk must be told the TLS port. */
  private int localPort() {
    return channel.port(trunk.transport());
  }

  private void route(Request r, SipURI ruri) throws ParseException {
    HostPort hop = trunk.nextHop();
    int ruriPort = ruri.getPort() > 0 ? ruri.getPort() : trunk.defaultPort();
    if (hop.host().equalsIgnoreCase(ruri.getHost()) && hop.port() == ruriPort) {
      return;
    }
    SipURI routeUri = channel.addressFactory().createSipURI(null, hop.host());
    routeUri.setPort(hop.port());
    routeUri.setLrParam();
    transport(routeUri);
    r.addHeader(channel.headerFactory().createRouteHeader(channel.addressFactory().createAddress(routeUri)));
  }

  private void transport(SipURI uri) throws ParseException {
    if (!trunk.transport().equals("udp")) {
      uri.setTransportParam(trunk.transport());
    }
  }
}
