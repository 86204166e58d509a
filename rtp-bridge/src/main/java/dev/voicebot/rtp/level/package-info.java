/** Level control of the caller's audio before the speech models hear it. */
package dev.voicebot.rtp.level;
