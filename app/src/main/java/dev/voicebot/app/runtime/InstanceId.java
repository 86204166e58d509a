package dev.voicebot.app.runtime;

import dev.voicebot.app.config.VoicebotProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name this instance writes into its call records: {@code voicebot.instance.id}, or when unset
 * the host name with the SIP address and port, which differ between instances on one host (each on
 * its own loopback address or port) as between hosts.
 */
public record InstanceId(String value) {

  public InstanceId {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("an instance id must not be blank");
    }
  }

  static InstanceId of(VoicebotProperties properties) {
    String configured = properties.instance().id().strip();
    if (!configured.isEmpty()) {
      return new InstanceId(configured);
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return new InstanceId(host + "/" + properties.sip().bindAddress() + ":" + properties.sip().port());
  }
}
