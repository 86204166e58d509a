package dev.voicebot.sip.register;

/** Where one trunk's registration stands. */
public enum RegistrationState {
  /** Not registered and not trying: before start, after close or after un-REGISTER. */
  UNREGISTERED,
  /** A REGISTER exchange is under way (first attempt or retry after failure). */
  REGISTERING,
  /** The registrar accepted our contact; a refresh is scheduled before it expires. */
  REGISTERED,
  /** The last attempt failed; {@link TrunkStatus#lastError()} says why, a retry is scheduled. */
  FAILED
}
