package dev.voicebot.app.records;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/calls} and {@code GET /api/calls/{callId}}: call records with transcripts and turn timings. */
@RestController
@RequestMapping("/api/calls")
public class CallsController {

  private final CallRecordStore store;

  public CallsController(CallRecordStore store) {
    this.store = store;
  }

  @GetMapping
  public List<CallRecord> calls() {
    return store.list();
  }

  @GetMapping("/{callId}")
  public ResponseEntity<CallRecord> call(@PathVariable String callId) {
    return ResponseEntity.of(store.find(callId));
  }
}
