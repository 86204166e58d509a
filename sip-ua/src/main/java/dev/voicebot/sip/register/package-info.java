/**
 * Registration to SIP trunks: one {@link dev.voicebot.sip.register.TrunkRegistration} per
 * configured {@link dev.voicebot.sip.register.TrunkConfig} keeps the bot's contact registered
 * (digest auth, refresh before expiry, back-off on failure, un-REGISTER on close), and a
 * {@link dev.voicebot.sip.register.TrunkQualifier} probes reachability with OPTIONS.
 *
 * <p>Threading: each trunk's register loop and qualify loop are virtual threads that wait on
 * responses delivered by the SIP listener through {@link dev.voicebot.sip.register.OutboundChannel};
 * the listener itself only completes a future.
 */
package dev.voicebot.sip.register;
