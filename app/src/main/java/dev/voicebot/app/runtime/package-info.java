/**
 * Wiring: builds the engines, the media clock, the RTP bridge and the SIP user agent from the
 * configuration, in the order calls need them, and takes them down in reverse.
 */
package dev.voicebot.app.runtime;
