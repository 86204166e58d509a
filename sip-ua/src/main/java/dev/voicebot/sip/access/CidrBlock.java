package dev.voicebot.sip.access;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * One address block, e.g. {@code 203.0.113.0/24}, {@code 2001:db8::/32} or a single address
 * ({@code 127.0.0.1} = {@code /32}). Host bits beyond the prefix are ignored, so
 * {@code 10.1.2.3/8} means {@code 10.0.0.0/8}.
 */
public final class CidrBlock {

  private final byte[] network;
  private final int prefix;
  private final String text;

  private CidrBlock(byte[] network, int prefix, String text) {
    this.network = network;
    this.prefix = prefix;
    this.text = text;
  }

  /**
   * Parses literal addresses only: a host name here would mean DNS on every config reload and a
   * silently changing allowlist.
   *
   * @throws IllegalArgumentException with the offending text
   */
  public static CidrBlock parse(String cidr) {
    Objects.requireNonNull(cidr, "cidr");
    String s = cidr.strip();
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    if (addr.startsWith("[") && addr.endsWith("]")) {
      addr = addr.substring(1, addr.length() - 1);
    }
    InetAddress a;
    try {
      a = InetAddress.ofLiteral(addr);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an IP address or CIDR block: '" + cidr + "'");
    }
    byte[] bytes = a.getAddress();
    int max = bytes.length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? max : Integer.parseInt(s.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad prefix length in '" + cidr + "'");
    }
    if (prefix < 0 || prefix > max) {
      throw new IllegalArgumentException("prefix length out of range 0-" + max + " in '" + cidr + "'");
    }
    mask(bytes, prefix);
    return new CidrBlock(bytes, prefix, s);
  }

  /** Different families never match ({@code ::ffff:a.b.c.d} literals already arrive as IPv4). */
  public boolean contains(InetAddress address) {
    byte[] b = address.getAddress();
    if (b.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (b[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int m = (0xff << (8 - rest)) & 0xff;
    return (b[full] & m) == (network[full] & m);
  }

  private static void mask(byte[] bytes, int prefix) {
    for (int i = 0; i < bytes.length; i++) {
      int bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
      bytes[i] &= (byte) ((0xff << (8 - bitsHere)) & 0xff);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CidrBlock c && prefix == c.prefix && Arrays.equals(network, c.network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefix;
  }

  @Override
  public String toString() {
    return text;
  }
}
