package dev.voicebot.app.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>}; else 401 with
 * {@code WWW-Authenticate: Bearer}. Every path is guarded (the API, the actuator, anything added
 * later) except {@code /actuator/health}, which load balancers and service managers probe without
 * secrets and which says no more than UP or DOWN.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

  private static final String PREFIX = "Bearer ";
  private static final String HEALTH = "/actuator/health";

  private final byte[] expectedDigest;

  BearerTokenFilter(String token) {
    this.expectedDigest = sha256(token.strip());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (isHealth(request) || authorized(request.getHeader("Authorization"))) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("WWW-Authenticate", "Bearer realm=\"voicebot\"");
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().write("401: send the HTTP token as 'Authorization: Bearer <token>'\n");
  }

  /**
   * On the path the container decoded and normalized (servlet path and path info), never the raw
   * request URI: {@code /actuator/health/../prometheus} must not pass as health.
   */
  private static boolean isHealth(HttpServletRequest request) {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return path.equals(HEALTH) || path.startsWith(HEALTH + "/");
  }

  /** Compares digests, so neither the token's content nor its length shows in the timing. */
  private boolean authorized(String header) {
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    return MessageDigest.isEqual(expectedDigest, sha256(header.substring(PREFIX.length()).strip()));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
