package dev.voicebot.app.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Whether the HTTP port may start as configured. Call records hold what callers said and the
 * metrics name the trunks, so the API must not be open to the network: a bind address other than
 * loopback ({@link InetAddress#isLoopbackAddress()}: 127.0.0.0/8, ::1; an empty address means
 * every interface) is refused unless a token is configured.
 *
 * @param address {@code server.address}, empty or null for every interface
 * @param token {@code voicebot.http.token}, empty or null for none
 * @param managementPort {@code management.server.port} if set
 * @param serverPort {@code server.port}
 */
public record HttpExposure(String address, String token, Optional<Integer> managementPort, int serverPort) {

  /** Throws {@link InsecureHttpException} when this configuration would expose the API unprotected. */
  public void check() {
    // The token filter guards the main port only; a separate actuator port would bypass it.
    managementPort.filter(p -> p >= 0 && p != serverPort).ifPresent(p -> {
      throw new InsecureHttpException("management.server.port=" + p + " would serve /actuator on a port of "
          + "its own, which the HTTP token does not guard; remove it (the actuator shares server.port)");
    });
    if (hasToken() || isLoopback()) {
      return;
    }
    String where = address == null || address.isBlank() ? "every interface (server.address is empty)"
        : "server.address=" + address.strip();
    throw new InsecureHttpException("the HTTP API would listen on " + where
        + " without a token: anyone who can reach it could read call transcripts and metrics");
  }

  public boolean hasToken() {
    return token != null && !token.isBlank();
  }

  boolean isLoopback() {
    if (address == null || address.isBlank()) {
      return false;
    }
    try {
      return InetAddress.getByName(address.strip()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false; // Tomcat will fail on it anyway; never pass an address we cannot judge.
    }
  }

  /** Leaves the token out of logs and exception messages. */
  @Override
  public String toString() {
    return "HttpExposure[address=" + address + ", token=" + (hasToken() ? "***" : "none")
        + ", managementPort=" + managementPort + ", serverPort=" + serverPort + "]";
  }
}
