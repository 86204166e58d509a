package dev.voicebot.app.runtime;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;

/** The address peers are told to send SIP and RTP to (Contact, SDP {@code c=}). */
final class AdvertisedAddress {

  private AdvertisedAddress() {}

  /**
   * The configured public address; else the bind address; else, when bound to the wildcard, this
   * host's first non-loopback IPv4 address (a wildcard is no address a peer can send to).
   */
  static InetAddress resolve(String publicAddress, String bindAddress) {
    try {
      if (publicAddress != null && !publicAddress.isBlank()) {
        return InetAddress.getByName(publicAddress.strip());
      }
      InetAddress bind = InetAddress.getByName(bindAddress);
      if (!bind.isAnyLocalAddress()) {
        return bind;
      }
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
            return address;
          }
        }
      }
      return InetAddress.getLoopbackAddress();
    } catch (UnknownHostException | SocketException e) {
      throw new IllegalArgumentException("cannot resolve the advertised address '" + publicAddress
          + "' / bind address '" + bindAddress + "': " + e.getMessage(), e);
    }
  }
}
