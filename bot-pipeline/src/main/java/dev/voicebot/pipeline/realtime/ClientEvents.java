package dev.voicebot.pipeline.realtime;

import dev.voicebot.pipeline.json.Json;
import dev.voicebot.pipeline.tools.ToolSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The client events a session sends, as JSON text. Stateless. */
final class ClientEvents {

  /** 24 kHz, 16-bit, mono: the only rate the API's pcm16 format has. */
  static final int MODEL_RATE = 24_000;

  private ClientEvents() {}

  static String sessionUpdate(RealtimeSettings settings, List<ToolSpec> tools) {
    RealtimeSettings.TurnDetection vad = settings.turnDetection();
    Map<String, Object> session = new LinkedHashMap<>();
    session.put("modalities", List.of("audio", "text"));
    session.put("instructions", settings.instructions());
    session.put("voice", settings.voice());
    session.put("input_audio_format", "pcm16");
    session.put("output_audio_format", "pcm16");
    settings.transcriptionModel().ifPresent(model -> session.put("input_audio_transcription", Json.object("model", model)));
    session.put("turn_detection", Json.object(
        "type", "server_vad",
        "threshold", vad.threshold(),
        "prefix_padding_ms", vad.prefixPadding().toMillis(),
        "silence_duration_ms", vad.silence().toMillis(),
        "create_response", true));
    session.put("tools", tools.stream().map(ToolSpec::realtimeJson).toList());
    session.put("tool_choice", "auto");
    if (settings.temperature().isPresent()) {
      session.put("temperature", settings.temperature().getAsDouble());
    }
    return Json.object("type", "session.update", "session", session).toJson();
  }

  static String appendAudio(String base64) {
    return Json.object("type", "input_audio_buffer.append", "audio", base64).toJson();
  }

  /** Drops caller audio the server holds but has not committed (hold music must not become a turn). */
  static String clearInput() {
    return Json.object("type", "input_audio_buffer.clear").toJson();
  }

  static String responseCreate() {
    return Json.object("type", "response.create").toJson();
  }

  /** A response with its own instructions (they replace the session's for this response only). */
  static String responseCreate(String instructions) {
    return Json.object("type", "response.create", "response", Json.object("instructions", instructions)).toJson();
  }

  static String responseCancel() {
    return Json.object("type", "response.cancel").toJson();
  }

  /** Cuts an assistant item's audio (and the server's transcript of it) to what the caller heard. */
  static String truncate(String itemId, int contentIndex, long audioEndMs) {
    return Json.object("type", "conversation.item.truncate", "item_id", itemId, "content_index", contentIndex,
        "audio_end_ms", audioEndMs).toJson();
  }

  static String functionOutput(String callId, String output) {
    return Json.object("type", "conversation.item.create",
        "item", Json.object("type", "function_call_output", "call_id", callId, "output", output)).toJson();
  }

  /** Something the caller did that is not speech (a key press), told to the model as a user message. */
  static String userText(String text) {
    return Json.object("type", "conversation.item.create",
        "item", Json.object("type", "message", "role", "user",
            "content", List.of(Json.object("type", "input_text", "text", text)))).toJson();
  }
}
