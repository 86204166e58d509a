package dev.voicebot.pipeline.realtime;

import dev.voicebot.pipeline.json.Json;

/** Turns one server message (a JSON text frame) into a {@link ServerEvent}. Stateless. */
final class ServerEvents {

  private ServerEvents() {}

  static ServerEvent parse(String text) {
    Json event;
    try {
      event = Json.parse(text);
    } catch (IllegalArgumentException e) {
      return new ServerEvent.Malformed("not JSON (" + text.length() + " chars)");
    }
    String type = str(event, "type");
    try {
      return switch (type) {
        case "session.created", "session.updated" -> new ServerEvent.SessionReady(type);
        case "input_audio_buffer.speech_started" ->
            new ServerEvent.SpeechStarted(num(event, "audio_start_ms"), str(event, "item_id"));
        case "input_audio_buffer.speech_stopped" ->
            new ServerEvent.SpeechStopped(num(event, "audio_end_ms"), str(event, "item_id"));
        case "response.created" -> new ServerEvent.ResponseCreated(str(event.get("response"), "id"));
        case "response.output_item.added" -> {
          Json item = event.get("item");
          yield new ServerEvent.OutputItemAdded(str(event, "response_id"), str(item, "id"), str(item, "type"),
              str(item, "name"));
        }
        case "response.audio.delta", "response.output_audio.delta" ->
            new ServerEvent.AudioDelta(str(event, "response_id"), str(event, "item_id"),
                (int) num(event, "content_index"), Pcm16.decode(str(event, "delta")));
        case "response.audio_transcript.done", "response.output_audio_transcript.done" ->
            new ServerEvent.AudioTranscriptDone(str(event, "response_id"), str(event, "item_id"),
                str(event, "transcript"));
        case "conversation.item.input_audio_transcription.completed" ->
            new ServerEvent.InputTranscript(str(event, "item_id"), str(event, "transcript"));
        case "response.function_call_arguments.done" ->
            new ServerEvent.FunctionCall(str(event, "response_id"), str(event, "item_id"), str(event, "call_id"),
                str(event, "name"), str(event, "arguments"));
        case "response.done" -> {
          Json response = event.get("response");
          Json details = response.get("status_details");
          String reason = str(details.get("error"), "code");
          yield new ServerEvent.ResponseDone(str(response, "id"), str(response, "status"),
              reason.isEmpty() ? str(details, "reason") : reason);
        }
        case "error" -> {
          Json error = event.get("error");
          yield new ServerEvent.Error(str(error, "type"), str(error, "code"), str(error, "message"));
        }
        case "" -> new ServerEvent.Malformed("no type");
        default -> new ServerEvent.Ignored(type);
      };
    } catch (IllegalArgumentException e) {
      return new ServerEvent.Malformed(type + ": " + e.getMessage());
    }
  }

  private static String str(Json object, String name) {
    return object.get(name).string().orElse("");
  }

  private static long num(Json object, String name) {
    return object.get(name) instanceof Json.Num n ? (long) n.doubleValue() : 0;
  }
}
