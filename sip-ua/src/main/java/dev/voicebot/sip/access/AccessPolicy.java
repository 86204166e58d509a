package dev.voicebot.sip.access;

import java.util.List;
import java.util.Map;

/**
 * Who may send requests besides the trunks (whose {@code allowedSources} always pass).
 *
 * @param allowedCidrs sources allowed everything, e.g. {@code ["10.0.0.0/8", "2001:db8::/32"]}
 * @param challengeOthers INVITEs from other sources get 407 and pass with a valid digest answer
 *     for one of {@code users}
 * @param users username to password, for that challenge
 * @param optionsFromAnyone answer OPTIONS (health probes, qualify) from any source with 200
 *     rather than 403: it reveals no more than that a SIP server listens here
 */
public record AccessPolicy(
    List<String> allowedCidrs,
    boolean challengeOthers,
    Map<String, String> users,
    boolean optionsFromAnyone) {

  /** The development default: nothing configured, everyone allowed (a WARN says so at start). */
  public static final AccessPolicy OPEN = new AccessPolicy(List.of(), false, Map.of());

  public AccessPolicy {
    allowedCidrs = List.copyOf(allowedCidrs == null ? List.of() : allowedCidrs);
    users = Map.copyOf(users == null ? Map.of() : users);
    AllowList.parse(allowedCidrs); // fail at configuration time, naming the bad entry
  }

  public AccessPolicy(List<String> allowedCidrs, boolean challengeOthers, Map<String, String> users) {
    this(allowedCidrs, challengeOthers, users, true);
  }

  /** Passwords stay out of logs and error messages. */
  @Override
  public String toString() {
    return "AccessPolicy[allowedCidrs=" + allowedCidrs + ", challengeOthers=" + challengeOthers
        + ", users=" + users.keySet() + ", optionsFromAnyone=" + optionsFromAnyone + "]";
  }
}
