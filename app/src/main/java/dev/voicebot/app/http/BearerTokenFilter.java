package dev.voicebot.app.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>}; else 401 with
 * {@code WWW-Authenticate: Bearer}. Every path is guarded (the API, the actuator, anything added
 * later) except {@code /actuator/health}, which load balancers and service managers probe without
 * secrets and which says no more than UP or DOWN, and the console's static shell ({@code /},
 * {@code /index.html}, {@code /console.js}, {@code /console.css}): a browser cannot send a bearer
 * token when it navigates, and those files hold no data; the page asks for the token and sends it
 * on every {@code /api} request it makes.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

  private static final String PREFIX = "Bearer ";
  private static final String HEALTH = "/actuator/health";
  private static final Set<String> CONSOLE_SHELL = Set.of("/", "/index.html", "/console.js", "/console.css");

  private final byte[] expectedDigest;

  BearerTokenFilter(String token) {
    this.expectedDigest = sha256(token.strip());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (isHealth(request) || isConsoleShell(request) || authorized(request.getHeader("Authorization"))) {
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
    String path = path(request);
    return path.equals(HEALTH) || path.startsWith(HEALTH + "/");
  }

  /** Exact paths only: the shell's files, nothing under or beside them. */
  private static boolean isConsoleShell(HttpServletRequest request) {
    return "GET".equals(request.getMethod()) && CONSOLE_SHELL.contains(path(request));
  }

  private static String path(HttpServletRequest request) {
    return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
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
