/** End-to-end calls against the running app with real SIPp and baresip on loopback. */
package dev.voicebot.app.e2e;
