package dev.voicebot.sip.register;

import dev.voicebot.sip.access.AllowList;
import dev.voicebot.sip.sdp.CodecOrder;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One SIP trunk (carrier, PBX or proxy) the bot registers with.
 *
 * @param name for logs and the status endpoint
 * @param registrar {@code host[:port]} REGISTER and OPTIONS go to (through the outbound proxy if
 *     one is set)
 * @param transport {@code udp}, {@code tcp} or {@code tls}; must be one the user agent listens on
 *     (a {@code tls} trunk's certificate is checked against the trust store and its host name)
 * @param username the AOR user: calls for it arrive with this Request-URI user
 * @param authUsername the digest user, which carriers often make different from the AOR user;
 *     blank means {@code username}
 * @param password digest password; never logged
 * @param realm expected realm; blank accepts whatever realm the registrar challenges with
 * @param domain the AOR domain; blank means the registrar host
 * @param expiry requested registration lifetime; the registrar may grant less
 * @param outboundProxy optional {@code host[:port]} every request to this trunk is routed through
 * @param allowedSources CIDRs the trunk sends calls from; empty means the registrar's and outbound
 *     proxy's addresses as resolved at start. A call from these sources is the trunk's call: it
 *     gets the trunk's codec choice
 * @param codecs the codecs this trunk's calls may use, in this trunk's preference order (also the
 *     order of our offer to an INVITE without SDP); each must be one of the user agent's codecs;
 *     empty means the user agent's list
 * @param codecOrder whose order picks the codec of this trunk's calls; null means the user
 *     agent's order
 */
public record TrunkConfig(
    String name,
    String registrar,
    String transport,
    String username,
    String authUsername,
    String password,
    String realm,
    String domain,
    Duration expiry,
    String outboundProxy,
    List<String> allowedSources,
    List<String> codecs,
    CodecOrder codecOrder) {

  public TrunkConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(username, "username");
    HostPort.parse(registrar);
    transport = transport == null || transport.isBlank() ? "udp" : transport.strip().toLowerCase(Locale.ROOT);
    if (!transport.equals("udp") && !transport.equals("tcp") && !transport.equals("tls")) {
      throw new IllegalArgumentException("trunk " + name + ": transport must be udp, tcp or tls: " + transport);
    }
    authUsername = authUsername == null || authUsername.isBlank() ? username : authUsername;
    password = password == null ? "" : password;
    realm = realm == null ? "" : realm.strip();
    domain = domain == null || domain.isBlank() ? HostPort.parse(registrar).host() : domain.strip();
    expiry = expiry == null ? Duration.ofHours(1) : expiry;
    if (expiry.toSeconds() < 1) {
      throw new IllegalArgumentException("trunk " + name + ": expiry must be at least 1 s");
    }
    outboundProxy = outboundProxy == null ? "" : outboundProxy.strip();
    if (!outboundProxy.isEmpty()) {
      HostPort.parse(outboundProxy);
    }
    allowedSources = List.copyOf(allowedSources == null ? List.of() : allowedSources);
    AllowList.parse(allowedSources);
    codecs = List.copyOf(codecs == null ? List.of() : codecs);
  }

  public HostPort registrarAddress() {
    return HostPort.parse(registrar, defaultPort());
  }

  /** The port a {@code host} without one means on this trunk's transport: 5061 for TLS. */
  public int defaultPort() {
    return transport.equals("tls") ? 5061 : 5060;
  }

  /** Where requests to this trunk are sent first: the outbound proxy, else the registrar. */
  public HostPort nextHop() {
    return outboundProxy.isEmpty() ? registrarAddress() : HostPort.parse(outboundProxy, defaultPort());
  }

  /** Whether this trunk chooses codecs its own way rather than as the user agent does. */
  public boolean hasOwnCodecChoice() {
    return !codecs.isEmpty() || codecOrder != null;
  }

  /** The password stays out of logs, exceptions and debugger summaries. */
  @Override
  public String toString() {
    return "TrunkConfig[name=" + name + ", registrar=" + registrar + ", transport=" + transport
        + ", username=" + username + ", authUsername=" + authUsername + ", password=***, realm="
        + realm + ", domain=" + domain + ", expiry=" + expiry + ", outboundProxy=" + outboundProxy
        + ", allowedSources=" + allowedSources + ", codecs=" + codecs + ", codecOrder=" + codecOrder + "]";
  }
}
