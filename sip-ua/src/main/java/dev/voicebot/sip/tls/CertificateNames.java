package dev.voicebot.sip.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The names a server certificate vouches for, and whether the host we connected to is one of
 * them, by the rules of RFC 5922 section 7.1: {@code sip:} URIs and DNS names in
 * subjectAltName, compared whole and case-insensitively (no wildcards: RFC 5922 section 7.2
 * forbids them for SIP domains); IP addresses against iPAddress entries; the subject's CN only
 * when the certificate has no DNS or URI name at all.
 *
 * @param dnsNames DNS names and the hosts of {@code sip:} URIs, lower case
 * @param ipAddresses iPAddress entries, normalized
 * @param commonNames the subject's CNs, consulted only when {@code dnsNames} is empty
 */
public record CertificateNames(List<String> dnsNames, List<InetAddress> ipAddresses, List<String> commonNames) {

  private static final int SAN_DNS = 2;
  private static final int SAN_URI = 6;
  private static final int SAN_IP = 7;

  public CertificateNames {
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
    commonNames = List.copyOf(commonNames);
  }

  public static CertificateNames of(X509Certificate certificate) {
    List<String> dns = new ArrayList<>();
    List<InetAddress> ips = new ArrayList<>();
    try {
      Collection<List<?>> san = certificate.getSubjectAlternativeNames();
      for (List<?> entry : san == null ? List.<List<?>>of() : san) {
        int type = (Integer) entry.get(0);
        String value = entry.get(1) instanceof String s ? s : "";
        switch (type) {
          case SAN_DNS -> dns.add(value.toLowerCase(Locale.ROOT));
          case SAN_URI -> sipUriHost(value).ifPresent(dns::add);
          case SAN_IP -> literal(value).ifPresent(ips::add);
          default -> {}
        }
      }
    } catch (CertificateParsingException e) {
      // An unreadable extension vouches for nothing: what remains decides.
    }
    return new CertificateNames(dns, ips, commonNames(certificate));
  }

  /** Whether {@code host} (a DNS name or an IP literal, IPv6 with or without brackets) is ours. */
  public boolean matches(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    var ip = literal(h);
    if (ip.isPresent()) {
      return ipAddresses.contains(ip.get());
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    List<String> names = dnsNames.isEmpty() ? commonNames : dnsNames;
    for (String n : names) {
      if (n.equalsIgnoreCase(h)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    List<String> all = new ArrayList<>(dnsNames);
    ipAddresses.forEach(a -> all.add(a.getHostAddress()));
    if (dnsNames.isEmpty()) {
      commonNames.forEach(c -> all.add("CN=" + c));
    }
    return all.toString();
  }

  private static java.util.Optional<String> sipUriHost(String uri) {
    String u = uri.toLowerCase(Locale.ROOT);
    if (!u.startsWith("sip:") && !u.startsWith("sips:")) {
      return java.util.Optional.empty();
    }
    String rest = u.substring(u.indexOf(':') + 1);
    int at = rest.indexOf('@');
    if (at >= 0) {
      return java.util.Optional.empty(); // a user's URI, not a domain's (RFC 5922 7.1)
    }
    int end = rest.length();
    for (char c : new char[] {':', ';', '?'}) {
      int i = rest.indexOf(c);
      if (i >= 0 && !rest.startsWith("[")) {
        end = Math.min(end, i);
      }
    }
    return java.util.Optional.of(rest.substring(0, end));
  }

  /** An IP literal as an address, without ever asking DNS; empty for a name. */
  private static java.util.Optional<InetAddress> literal(String text) {
    boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = text.contains(":") && text.matches("[0-9a-fA-F:.%]+");
    if (!v4 && !v6) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(InetAddress.getByName(text));
    } catch (UnknownHostException e) {
      return java.util.Optional.empty();
    }
  }

  private static List<String> commonNames(X509Certificate certificate) {
    List<String> out = new ArrayList<>();
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          out.add(rdn.getValue().toString().toLowerCase(Locale.ROOT));
        }
      }
    } catch (InvalidNameException e) {
      // No readable subject: no CN to fall back on.
    }
    return out;
  }
}
