/** The voicebot application: Spring Boot wiring of the SIP, RTP and pipeline modules. */
package dev.voicebot.app;
