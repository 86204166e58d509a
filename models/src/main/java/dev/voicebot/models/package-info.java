/**
 * The embedded default models (Vosk, Silero, the MiniLM sentence encoder) that this module's build fetches, verifies and packs
 * as classpath resources, unpacked once into a cache directory because the engines load files.
 */
package dev.voicebot.models;
