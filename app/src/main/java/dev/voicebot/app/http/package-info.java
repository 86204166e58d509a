/**
 * Who may use the HTTP port: loopback only by default; any other bind address needs a bearer
 * token, which every request but {@code /actuator/health} must then carry.
 */
package dev.voicebot.app.http;
