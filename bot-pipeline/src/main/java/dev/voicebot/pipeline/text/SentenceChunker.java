package dev.voicebot.pipeline.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts text into sentences for synthesis, incrementally: {@link #push} the text as it arrives and
 * take the sentences that are complete; {@link #finish} returns the rest.
 *
 * <p>A boundary is end punctuation, white space and then the next non-space character: that
 * lookahead is what keeps "$29." from being cut when "99" arrives in the next token, and it
 * keeps "$29.99" and "1, 2, 3" whole in any case. Pieces shorter than {@value #MIN_CHARS}
 * characters join the next one, because very short synthesis units sound choppy (livekit/agents
 * uses the same floor). A sentence running past {@value #LONG_CLAUSE_CHARS} characters is cut at
 * its last clause break (comma, semicolon, colon) so a rambling first sentence does not hold back
 * the first audio. Not thread-safe; one per stream.
 */
public final class SentenceChunker {

  public static final int MIN_CHARS = 20;
  static final int LONG_CLAUSE_CHARS = 120;

  /** Text not yet cut. */
  private final StringBuilder tail = new StringBuilder();
  /** Cut pieces waiting to reach {@link #MIN_CHARS}. */
  private final StringBuilder pending = new StringBuilder();

  /** Splits a whole text at once. */
  public static List<String> split(String text) {
    SentenceChunker chunker = new SentenceChunker();
    List<String> sentences = chunker.push(text);
    sentences.addAll(chunker.finish());
    return sentences;
  }

  /** Adds streamed text; returns the sentences it completed, in order (often none). */
  public List<String> push(String text) {
    List<String> out = new ArrayList<>();
    tail.append(text);
    while (true) {
      int cut = nextCut();
      if (cut < 0) {
        return out;
      }
      int resume = cut;
      while (resume < tail.length() && Character.isWhitespace(tail.charAt(resume))) {
        resume++;
      }
      add(tail.substring(0, cut), out);
      tail.delete(0, resume);
    }
  }

  /** Ends the stream: whatever is left, as at most one sentence. */
  public List<String> finish() {
    List<String> out = new ArrayList<>();
    String rest = tail.toString().strip();
    tail.setLength(0);
    if (!rest.isEmpty()) {
      appendPending(rest);
    }
    if (!pending.isEmpty()) {
      out.add(pending.toString());
      pending.setLength(0);
    }
    return out;
  }

  /** Drops everything not yet returned (the stream was abandoned mid-sentence). */
  public void discard() {
    tail.setLength(0);
    pending.setLength(0);
  }

  /** End index (exclusive) of the first complete piece in the tail, or -1. */
  private int nextCut() {
    int sentenceEnd = firstBoundary(".!?");
    if (sentenceEnd >= 0) {
      return sentenceEnd;
    }
    if (pending.length() + tail.length() < LONG_CLAUSE_CHARS) {
      return -1;
    }
    int clauseEnd = -1;
    for (int from = 0; ; ) {
      int at = boundaryFrom(",;:", from);
      if (at < 0) {
        break;
      }
      if (pending.length() + at >= MIN_CHARS) {
        clauseEnd = at;
      }
      from = at;
    }
    return clauseEnd;
  }

  private int firstBoundary(String marks) {
    return boundaryFrom(marks, 0);
  }

  /** First index after a mark that is followed by white space and then a non-space character. */
  private int boundaryFrom(String marks, int from) {
    for (int i = from; i < tail.length() - 1; i++) {
      if (marks.indexOf(tail.charAt(i)) >= 0 && Character.isWhitespace(tail.charAt(i + 1))) {
        int j = i + 1;
        while (j < tail.length() && Character.isWhitespace(tail.charAt(j))) {
          j++;
        }
        if (j < tail.length()) {
          return i + 1;
        }
        return -1; // the lookahead has not arrived yet
      }
    }
    return -1;
  }

  private void add(String piece, List<String> out) {
    String p = piece.strip();
    if (p.isEmpty()) {
      return;
    }
    appendPending(p);
    if (pending.length() >= MIN_CHARS) {
      out.add(pending.toString());
      pending.setLength(0);
    }
  }

  private void appendPending(String piece) {
    if (!pending.isEmpty()) {
      pending.append(' ');
    }
    pending.append(piece);
  }
}
