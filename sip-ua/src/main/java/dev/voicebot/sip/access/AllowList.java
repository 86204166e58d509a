package dev.voicebot.sip.access;

import java.net.InetAddress;
import java.util.Collection;
import java.util.List;

/** A set of CIDR blocks; linear in its size, which is a handful of trunks' addresses. */
public record AllowList(List<CidrBlock> blocks) {

  public AllowList {
    blocks = List.copyOf(blocks);
  }

  /** @throws IllegalArgumentException naming the first entry that is not a CIDR block */
  public static AllowList parse(Collection<String> cidrs) {
    return new AllowList(cidrs.stream().map(CidrBlock::parse).toList());
  }

  public boolean contains(InetAddress address) {
    for (CidrBlock b : blocks) {
      if (b.contains(address)) {
        return true;
      }
    }
    return false;
  }

  public boolean isEmpty() {
    return blocks.isEmpty();
  }

  public AllowList plus(AllowList other) {
    return new AllowList(java.util.stream.Stream.concat(blocks.stream(), other.blocks.stream()).toList());
  }
}
