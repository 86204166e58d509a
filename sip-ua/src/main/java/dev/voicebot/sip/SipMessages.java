package dev.voicebot.sip;

import dev.voicebot.sip.timer.SessionTimerDecision;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and sends the messages the user agent emits, with the headers every one of them must
 * carry (Server/User-Agent, To tag, Allow, Supported, Contact).
 */
final class SipMessages {

  private static final Logger log = LoggerFactory.getLogger(SipMessages.class);

  /**
   * Methods we accept. REFER is one we send, not one we take (a caller cannot transfer the bot),
   * so it is not listed; NOTIFY is, for the progress of our own REFERs.
   */
  static final List<String> ALLOWED_METHODS =
      List.of("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "INFO", "UPDATE", "NOTIFY");

  /** SIP extensions we implement: session timers (RFC 4028). */
  static final String SUPPORTED = "timer";

  /** RFC 4028; JAIN-SIP has no constant for it. */
  static final int SESSION_INTERVAL_TOO_SMALL = 422;

  /** Short, so a dispatcher retries this instance soon rather than writing it off. */
  static final int RETRY_AFTER_SECONDS = 5;

  /**
   * A trunk over its rate limit has a token again within a second; a longer Retry-After would make
   * it (RFC 3261 21.5.4) send nothing here for that long, the calls that would fit included.
   */
  static final int RATE_RETRY_AFTER_SECONDS = 1;

  private final JainSipStack sip;
  private final SipConfig config;

  SipMessages(JainSipStack sip, SipConfig config) {
    this.sip = sip;
    this.config = config;
  }

  static String newTag() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  }

  /** A response with Server and, except for 100, a To tag (ours for the call, else random). */
  Response response(Request request, int status, String toTag) {
    try {
      Response r = sip.messages.createResponse(status, request);
      r.setHeader(sip.headers.createServerHeader(List.of(config.userAgent())));
      ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
      if (status > 100 && to.getTag() == null) {
        to.setTag(toTag != null ? toTag : newTag());
      }
      return r;
    } catch (ParseException e) {
      throw new IllegalStateException("cannot build " + status + " response", e);
    }
  }

  Response withReason(Response r, String reason) {
    try {
      if (reason != null && !reason.isBlank()) {
        r.setReasonPhrase(reason);
      }
      return r;
    } catch (ParseException e) {
      return r;
    }
  }

  Response withCapabilities(Response r) {
    try {
      for (String m : ALLOWED_METHODS) {
        r.addHeader(sip.headers.createAllowHeader(m));
      }
      r.setHeader(sip.headers.createSupportedHeader(SUPPORTED));
      return r;
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  Response withAcceptSdp(Response r) {
    try {
      r.setHeader(sip.headers.createAcceptHeader("application", "sdp"));
      return r;
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  Response withWarning(Response r, int code, String text) {
    try {
      r.setHeader(sip.headers.createWarningHeader(config.publicAddress(), code, text));
      return r;
    } catch (ParseException | InvalidArgumentException e) {
      throw new IllegalStateException(e);
    }
  }

  Response withRetryAfter(Response r) {
    return withRetryAfter(r, RETRY_AFTER_SECONDS);
  }

  Response withRetryAfter(Response r, int seconds) {
    try {
      r.setHeader(sip.headers.createRetryAfterHeader(seconds));
      return r;
    } catch (InvalidArgumentException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Contact on our public address, on the transport the request came over: a {@code sips:} URI
   * when the request was for one (RFC 3261 section 12.1.1 wants the dialog to stay secure), else
   * {@code transport=tls} over TLS.
   */
  <M extends javax.sip.message.Message> M withContact(M m, Request request, String user) {
    try {
      SipURI uri = sip.addresses.createSipURI(user, hostForUri(config.publicAddress()));
      String transport = transportOf(request);
      boolean tls = transport.equals("tls");
      uri.setPort(tls ? config.portFor(SipTransport.TLS) : config.port());
      if (tls && request.getRequestURI().isSipURI() && ((SipURI) request.getRequestURI()).isSecure()) {
        uri.setSecure(true);
      } else if (!transport.equals("udp")) {
        uri.setTransportParam(transport);
      }
      m.setHeader(sip.headers.createContactHeader(sip.addresses.createAddress(uri)));
      return m;
    } catch (ParseException e) {
      throw new IllegalStateException("cannot build Contact", e);
    }
  }

  Response withSdp(Response r, String sdp) {
    try {
      ContentTypeHeader type = sip.headers.createContentTypeHeader("application", "sdp");
      r.setContent(sdp, type);
      return r;
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The 2xx of a session-timer negotiation: Session-Expires, and Require: timer if it may. */
  <M extends javax.sip.message.Message> M withSessionTimer(M m, SessionTimerDecision.On on) {
    setHeader(m, SipHeaders.SESSION_EXPIRES, on.headerValue());
    if (on.requireTimer()) {
      try {
        m.setHeader(sip.headers.createRequireHeader("timer"));
      } catch (ParseException e) {
        throw new IllegalStateException(e);
      }
    }
    return m;
  }

  /** A 422 saying which interval we accept at least (RFC 4028 section 9). */
  Response withMinSe(Response r, int minSe) {
    setHeader(r, SipHeaders.MIN_SE, Integer.toString(minSe));
    return withReason(r, "Session Interval Too Small");
  }

  void setReferTo(Request refer, javax.sip.address.URI target) {
    refer.setHeader(sip.headers.createReferToHeader(sip.addresses.createAddress(target)));
  }

  /** Any header by name and value text (for the extension headers JAIN-SIP has no factory for). */
  void setHeader(javax.sip.message.Message m, String name, String value) {
    try {
      m.setHeader(sip.headers.createHeader(name, value));
    } catch (ParseException e) {
      throw new IllegalStateException("bad " + name + ": " + value, e);
    }
  }

  /** An Accept header listing {@code types} (each {@code type/subtype}). */
  Response withAccept(Response r, List<String> types) {
    try {
      for (String t : types) {
        String[] parts = t.split("/", 2);
        r.addHeader(sip.headers.createAcceptHeader(parts[0], parts[1]));
      }
      return r;
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new in-dialog request of ours (re-INVITE, UPDATE, REFER) with our User-Agent. */
  Request inDialog(Dialog dialog, String method) throws SipException {
    Request request = dialog.createRequest(method);
    try {
      request.setHeader(sip.headers.createUserAgentHeader(List.of(config.userAgent())));
      if (method.equals(Request.INVITE) || method.equals(Request.UPDATE)) {
        for (String m : ALLOWED_METHODS) {
          request.addHeader(sip.headers.createAllowHeader(m));
        }
        request.setHeader(sip.headers.createSupportedHeader(SUPPORTED));
      }
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
    return request;
  }

  <M extends javax.sip.message.Message> M withBody(M m, String type, String subtype, String body) {
    try {
      m.setContent(body, sip.headers.createContentTypeHeader(type, subtype));
      return m;
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends an in-dialog request on a new client transaction. */
  ClientTransaction send(Dialog dialog, Request request) throws SipException {
    ClientTransaction tx = sip.provider.getNewClientTransaction(request);
    dialog.sendRequest(tx);
    return tx;
  }

  /** ACKs a 2xx to our re-INVITE (the dialog layer leaves that to the application). */
  void ack(Dialog dialog, Response ok) throws SipException {
    try {
      long cseq = ((javax.sip.header.CSeqHeader) ok.getHeader(javax.sip.header.CSeqHeader.NAME)).getSeqNumber();
      dialog.sendAck(dialog.createAck(cseq));
    } catch (InvalidArgumentException e) {
      throw new SipException("cannot ACK", e);
    }
  }

  javax.sip.address.URI uri(String text) throws ParseException {
    return sip.addresses.createURI(text);
  }

  javax.sip.address.Address address(javax.sip.address.URI uri) {
    return sip.addresses.createAddress(uri);
  }

  void sendBye(Dialog dialog, PendingByes pending) throws SipException {
    sendBye(dialog, pending, 0, null);
  }

  /**
   * Sends an in-dialog BYE, registered as pending before it leaves: on loopback the 200 can
   * arrive before {@code sendRequest} returns.
   *
   * @param cause a SIP status for an RFC 3326 Reason header saying why we hang up, 0 for none
   */
  void sendBye(Dialog dialog, PendingByes pending, int cause, String text) throws SipException {
    Request bye = dialog.createRequest(Request.BYE);
    try {
      bye.setHeader(sip.headers.createUserAgentHeader(List.of(config.userAgent())));
      if (cause > 0) {
        bye.setHeader(sip.headers.createReasonHeader("SIP", cause, text));
      }
    } catch (ParseException | InvalidArgumentException e) {
      throw new IllegalStateException(e);
    }
    ClientTransaction tx = sip.provider.getNewClientTransaction(bye);
    pending.sent(tx);
    try {
      dialog.sendRequest(tx);
    } catch (SipException | RuntimeException e) {
      pending.completed(tx);
      throw e;
    }
  }

  /**
   * The server transaction for a request, created if the stack did not make one.
   *
   * @return null for a retransmission the stack already owns (nothing more to do)
   */
  ServerTransaction serverTransaction(RequestEvent event) {
    ServerTransaction tx = event.getServerTransaction();
    if (tx != null) {
      return tx;
    }
    try {
      return sip.provider.getNewServerTransaction(event.getRequest());
    } catch (javax.sip.TransactionAlreadyExistsException e) {
      return null;
    } catch (javax.sip.TransactionUnavailableException e) {
      log.warn("no transaction for {}: {}", event.getRequest().getMethod(), e.getMessage());
      return null;
    }
  }

  /** Sends on the transaction; a failure is logged, since the peer will retransmit or time out. */
  boolean send(ServerTransaction tx, Response r) {
    try {
      tx.sendResponse(r);
      return true;
    } catch (SipException | InvalidArgumentException | RuntimeException e) {
      log.warn("could not send {} {}: {}", r.getStatusCode(), r.getReasonPhrase(), e.toString());
      return false;
    }
  }

  /** Stateless reply, for requests we could not or need not bind to a transaction. */
  void sendStateless(Response r) {
    try {
      sip.provider.sendResponse(r);
    } catch (SipException | RuntimeException e) {
      log.warn("could not send {}: {}", r.getStatusCode(), e.toString());
    }
  }

  void reply(RequestEvent event, Response r) {
    ServerTransaction tx = serverTransaction(event);
    if (tx != null) {
      send(tx, r);
    } else if (event.getServerTransaction() == null) {
      log.debug("retransmitted {} absorbed", event.getRequest().getMethod());
    }
  }

  static String transportOf(Request request) {
    ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
    return via == null ? "udp" : via.getTransport().toLowerCase(Locale.ROOT);
  }

  private static String hostForUri(String address) {
    return address.indexOf(':') >= 0 && !address.startsWith("[") ? "[" + address + "]" : address;
  }
}
