package dev.voicebot.sip;

import dev.voicebot.sip.register.OutboundChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeoutException;
import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Out-of-dialog requests we originate (REGISTER, OPTIONS qualify): each client transaction maps to
 * a future the listener completes, so the waiting happens on the sender's virtual thread.
 */
final class StackChannel implements OutboundChannel {

  private final JainSipStack sip;
  private final SipConfig config;
  private final ConcurrentMap<ClientTransaction, CompletableFuture<Response>> pending =
      new ConcurrentHashMap<>();

  StackChannel(JainSipStack sip, SipConfig config) {
    this.sip = sip;
    this.config = config;
  }

  @Override
  public MessageFactory messageFactory() {
    return sip.messages;
  }

  @Override
  public HeaderFactory headerFactory() {
    return sip.headers;
  }

  @Override
  public AddressFactory addressFactory() {
    return sip.addresses;
  }

  @Override
  public String viaHost() {
    return config.bindAddress();
  }

  @Override
  public String contactHost() {
    return config.publicAddress();
  }

  @Override
  public int port(String transport) {
    return config.portFor(SipTransport.valueOf(transport.toUpperCase(java.util.Locale.ROOT)));
  }

  @Override
  public String userAgent() {
    return config.userAgent();
  }

  @Override
  public String newCallId() {
    return sip.provider.getNewCallId().getCallId();
  }

  @Override
  public CompletableFuture<Response> send(Request request) {
    CompletableFuture<Response> f = new CompletableFuture<>();
    try {
      ClientTransaction tx = sip.provider.getNewClientTransaction(request);
      // Registered before sending: on loopback the answer can beat sendRequest's return.
      pending.put(tx, f);
      f.whenComplete((r, e) -> pending.remove(tx));
      tx.sendRequest();
    } catch (SipException | RuntimeException e) {
      f.completeExceptionally(e);
    }
    return f;
  }

  /** @return true if the response belonged to one of our requests (then it is handled) */
  boolean onResponse(ResponseEvent event) {
    ClientTransaction tx = event.getClientTransaction();
    CompletableFuture<Response> f = tx == null ? null : pending.get(tx);
    if (f == null) {
      return false;
    }
    if (event.getResponse().getStatusCode() >= 200) {
      f.complete(event.getResponse());
    }
    return true;
  }

  /** @return true if the timed-out transaction was one of ours */
  boolean onTimeout(TimeoutEvent event) {
    if (event.isServerTransaction()) {
      return false;
    }
    CompletableFuture<Response> f = pending.get(event.getClientTransaction());
    if (f == null) {
      return false;
    }
    f.completeExceptionally(new TimeoutException("transaction timeout"));
    return true;
  }

  /** Our request's TLS connection was refused (server identity): it fails with the reason. */
  void onRefused(ClientTransaction tx, String reason) {
    CompletableFuture<Response> f = pending.get(tx);
    if (f != null) {
      f.completeExceptionally(new javax.net.ssl.SSLPeerUnverifiedException(reason));
    }
  }

  /** Requests still awaiting a final response (bounded by the transactions' own timers). */
  int pendingCount() {
    return pending.size();
  }
}
