package dev.voicebot.sip.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class CidrBlockTest {

  private static InetAddress ip(String s) {
    return InetAddress.ofLiteral(s);
  }

  @Test
  void ipv4PrefixMatchesOnlyItsBlock() {
    CidrBlock b = CidrBlock.parse("192.168.10.0/23");
    assertThat(b.contains(ip("192.168.10.1"))).isTrue();
    assertThat(b.contains(ip("192.168.11.255"))).isTrue();
    assertThat(b.contains(ip("192.168.12.0"))).isFalse();
    assertThat(b.contains(ip("192.168.9.255"))).isFalse();
  }

  @Test
  void bareAddressIsASingleHost() {
    CidrBlock b = CidrBlock.parse("127.0.0.1");
    assertThat(b.contains(ip("127.0.0.1"))).isTrue();
    assertThat(b.contains(ip("127.0.0.2"))).isFalse();
  }

  @Test
  void hostBitsBeyondThePrefixAreIgnored() {
    assertThat(CidrBlock.parse("10.1.2.3/8")).isEqualTo(CidrBlock.parse("10.0.0.0/8"));
    assertThat(CidrBlock.parse("10.1.2.3/8").contains(ip("10.200.0.1"))).isTrue();
  }

  @Test
  void zeroPrefixMatchesTheWholeFamilyOnly() {
    assertThat(CidrBlock.parse("0.0.0.0/0").contains(ip("8.8.8.8"))).isTrue();
    assertThat(CidrBlock.parse("0.0.0.0/0").contains(ip("::1"))).isFalse();
    assertThat(CidrBlock.parse("::/0").contains(ip("2001:db8::1"))).isTrue();
    assertThat(CidrBlock.parse("::/0").contains(ip("8.8.8.8"))).isFalse();
  }

  @Test
  void ipv6PrefixesWithOddLengths() {
    CidrBlock b = CidrBlock.parse("2001:db8:abcd:0012::/61");
    assertThat(b.contains(ip("2001:db8:abcd:0010::1"))).isTrue();
    assertThat(b.contains(ip("2001:db8:abcd:0017:ffff::"))).isTrue();
    assertThat(b.contains(ip("2001:db8:abcd:0018::"))).isFalse();
    assertThat(CidrBlock.parse("[::1]").contains(ip("::1"))).isTrue();
    assertThat(CidrBlock.parse("::1/128").contains(ip("::2"))).isFalse();
  }

  @Test
  void ipv4MappedIpv6LiteralsCountAsIpv4() {
    assertThat(CidrBlock.parse("203.0.113.0/24").contains(ip("::ffff:203.0.113.7"))).isTrue();
  }

  @Test
  void badEntriesAreRefusedWithTheirText() {
    assertThatThrownBy(() -> CidrBlock.parse("trunk.example.com/32"))
        .hasMessageContaining("trunk.example.com/32");
    assertThatThrownBy(() -> CidrBlock.parse("10.0.0.0/33")).hasMessageContaining("0-32");
    assertThatThrownBy(() -> CidrBlock.parse("::/129")).hasMessageContaining("0-128");
    assertThatThrownBy(() -> CidrBlock.parse("10.0.0.0/x")).hasMessageContaining("prefix");
  }

  @Test
  void allowListMatchesAnyOfItsBlocks() {
    AllowList l = AllowList.parse(List.of("10.0.0.0/8", "2001:db8::/32"));
    assertThat(l.contains(ip("10.9.9.9"))).isTrue();
    assertThat(l.contains(ip("2001:db8::5"))).isTrue();
    assertThat(l.contains(ip("11.0.0.1"))).isFalse();
    assertThat(AllowList.parse(List.of()).isEmpty()).isTrue();
  }
}
