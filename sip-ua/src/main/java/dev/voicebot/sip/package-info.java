/**
 * The bot's SIP user agent (UAS): answers INVITEs over UDP and TCP, negotiates SDP, keeps dialogs,
 * and reports call events to a {@link dev.voicebot.sip.CallHandler}.
 *
 * <p>Threading: JAIN-SIP listener threads only parse, answer what needs no decision (100 Trying,
 * OPTIONS, 481, 487 on CANCEL, 200 on BYE) and queue the rest. Every handler callback runs on a
 * virtual thread, and the callbacks of one call run one at a time in order, so an app may block
 * briefly in them without stalling signalling for other calls.
 *
 * <p>In-dialog features: re-INVITE and UPDATE offer/answer (hold, unhold, new remote address,
 * codec change within the offer, 488 leaving the call unchanged), late offer (our offer in the
 * 200, the answer in the ACK), session timers (RFC 4028, {@link dev.voicebot.sip.timer}), DTMF by
 * SIP INFO ({@link dev.voicebot.sip.info}) and blind transfer by REFER with NOTIFY progress
 * ({@link dev.voicebot.sip.transfer}). Timers run on one scheduler thread that only hands work to
 * the call on a virtual thread.
 *
 * <p>Every request first meets {@link dev.voicebot.sip.RequestGate}: per-source rate limit
 * ({@code access}), sanity checks (400 where JAIN-SIP's parser lets a broken request through),
 * drain (503), access control (allowlists, 407 digest challenge, 403), and only then the router.
 * Trunk registration and OPTIONS qualify live in {@code register}, digest in {@code digest}.
 */
package dev.voicebot.sip;
