/** Status endpoints: trunk registration and reachability for operators. */
package dev.voicebot.app.status;
