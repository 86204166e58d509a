package dev.voicebot.app.records;

import dev.voicebot.app.recordings.Recordings;
import dev.voicebot.app.records.db.CallQuery;
import dev.voicebot.app.records.db.CallRecordQueries;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/calls}: call records with transcripts, turn timings, events and media quality,
 * newest first, a page at a time ({@code limit}, {@code offset}; the total in
 * {@code X-Total-Count}) and filtered by start time ({@code since}, {@code until}: ISO-8601
 * instants), {@code number}, {@code dialplan} and {@code outcome}. {@code GET /api/calls/{callId}}
 * one call whole, and {@code /api/calls/{callId}/recording.wav} its recording. The database has
 * every call; a call on now (or just ended) is served from memory, which has its latest words.
 */
@RestController
@RequestMapping("/api/calls")
public class CallsController {

  static final String TOTAL_HEADER = "X-Total-Count";
  private static final MediaType WAV = MediaType.parseMediaType("audio/wav");

  private final CallRecordStore store;
  private final CallRecordQueries queries;
  private final Recordings recordings;

  public CallsController(CallRecordStore store, CallRecordQueries queries, Recordings recordings) {
    this.store = store;
    this.queries = queries;
    this.recordings = recordings;
  }

  @GetMapping
  public ResponseEntity<List<CallRecord>> calls(
      @RequestParam("since") Optional<String> since,
      @RequestParam("until") Optional<String> until,
      @RequestParam("number") Optional<String> number,
      @RequestParam("dialplan") Optional<String> dialplan,
      @RequestParam("outcome") Optional<String> outcome,
      @RequestParam(name = "limit", defaultValue = "" + CallQuery.DEFAULT_LIMIT) int limit,
      @RequestParam(name = "offset", defaultValue = "0") int offset) {
    CallQuery query;
    try {
      query = new CallQuery(since.map(s -> instant("since", s)), until.map(s -> instant("until", s)), number,
          dialplan, outcome, limit, offset);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    var page = queries.page(query);
    List<CallRecord> calls = page.items().stream().map(r -> store.find(r.callId()).orElse(r)).toList();
    return ResponseEntity.ok().header(TOTAL_HEADER, Long.toString(page.total())).body(calls);
  }

  @GetMapping("/{callId}")
  public ResponseEntity<CallRecord> call(@PathVariable("callId") String callId) {
    return ResponseEntity.of(store.find(callId).or(() -> queries.find(callId)));
  }

  /** The stereo WAV (caller left, bot right); while the call runs, what it has so far. */
  @GetMapping("/{callId}/recording.wav")
  public ResponseEntity<Resource> recording(@PathVariable("callId") String callId) {
    Optional<String> name = store.find(callId).map(CallRecord::recording).or(() -> queries.recording(callId));
    return name.flatMap(recordings::file)
        .<ResponseEntity<Resource>>map(file -> ResponseEntity.ok().contentType(WAV)
            .body(new FileSystemResource(file)))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  private static Instant instant(String parameter, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(parameter + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
    }
  }
}
