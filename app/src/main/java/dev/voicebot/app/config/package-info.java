/** Typed configuration: every {@code voicebot.*} setting of application.yaml. */
package dev.voicebot.app.config;
