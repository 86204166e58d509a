package dev.voicebot.pipeline.embedding;

import dev.voicebot.pipeline.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The uncased BERT WordPiece tokenizer, as a Hugging Face {@code tokenizer.json} with a {@code
 * BertNormalizer}, {@code BertPreTokenizer} and {@code WordPiece} model describes it: lower case,
 * accents stripped, control characters dropped, split on white space and around punctuation, each
 * word cut greedily into the longest vocabulary pieces ({@code ##} marks a continuation), a word
 * with no such cut becomes {@code [UNK]}; then {@code [CLS] ... [SEP]}, at most {@link
 * #MAX_TOKENS} ids.
 *
 * <p>Written here (about a hundred lines) instead of taking a tokenizer library, whose native
 * code and second ONNX Runtime would outweigh the model it serves. Immutable and thread-safe.
 */
public final class WordPieceTokenizer {

  /** The model's maximum sequence length; callers say far less in one turn. */
  public static final int MAX_TOKENS = 128;

  private static final String PREFIX = "##";
  private static final int MAX_WORD_CHARS = 100;

  private final Map<String, Integer> vocabulary;
  private final int unknown;
  private final int classify;
  private final int separator;

  WordPieceTokenizer(Map<String, Integer> vocabulary) {
    this.vocabulary = Map.copyOf(vocabulary);
    this.unknown = require("[UNK]");
    this.classify = require("[CLS]");
    this.separator = require("[SEP]");
  }

  /** Reads the vocabulary of a {@code tokenizer.json} whose model is WordPiece. */
  public static WordPieceTokenizer fromTokenizerJson(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tokenizer " + file, e);
    }
    Json model = Json.parse(text).get("model");
    if (!(model.get("type") instanceof Json.Str(String type)) || !type.equals("WordPiece")
        || !(model.get("vocab") instanceof Json.Obj(Map<String, Json> entries))) {
      throw new IllegalArgumentException(file + " is not a WordPiece tokenizer.json");
    }
    Map<String, Integer> vocabulary = new HashMap<>(entries.size() * 2);
    entries.forEach((piece, id) -> vocabulary.put(piece, (int) ((Json.Num) id).doubleValue()));
    return new WordPieceTokenizer(vocabulary);
  }

  /** The token ids of the text, {@code [CLS]} first and {@code [SEP]} last. */
  public int[] encode(String text) {
    List<Integer> ids = new ArrayList<>();
    ids.add(classify);
    for (String word : words(text)) {
      addPieces(word, ids);
      if (ids.size() >= MAX_TOKENS - 1) {
        break;
      }
    }
    int count = Math.min(ids.size(), MAX_TOKENS - 1);
    int[] out = new int[count + 1];
    for (int i = 0; i < count; i++) {
      out[i] = ids.get(i);
    }
    out[count] = separator;
    return out;
  }

  /** BertNormalizer then BertPreTokenizer: the words and punctuation marks to cut into pieces. */
  static List<String> words(String text) {
    String decomposed = Normalizer.normalize(text.toLowerCase(java.util.Locale.ROOT), Normalizer.Form.NFD);
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < decomposed.length(); ) {
      int c = decomposed.codePointAt(i);
      i += Character.charCount(c);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue; // accents stripped
      }
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        flush(word, words);
      } else if (c == 0 || c == 0xFFFD || Character.isISOControl(c)) {
        continue;
      } else if (isPunctuation(c) || isCjk(c)) {
        flush(word, words);
        words.add(Character.toString(c));
      } else {
        word.appendCodePoint(c);
      }
    }
    flush(word, words);
    return words;
  }

  private void addPieces(String word, List<Integer> ids) {
    if (word.length() > MAX_WORD_CHARS) {
      ids.add(unknown);
      return;
    }
    List<Integer> pieces = new ArrayList<>();
    int start = 0;
    while (start < word.length()) {
      Integer found = null;
      int end = word.length();
      for (; end > start; end--) {
        String piece = (start == 0 ? "" : PREFIX) + word.substring(start, end);
        found = vocabulary.get(piece);
        if (found != null) {
          break;
        }
      }
      if (found == null) {
        ids.add(unknown);
        return;
      }
      pieces.add(found);
      start = end;
    }
    ids.addAll(pieces);
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (!word.isEmpty()) {
      words.add(word.toString());
      word.setLength(0);
    }
  }

  /** BERT's rule: all ASCII non-letters-or-digits count as punctuation ("$", "^"), plus Unicode P*. */
  private static boolean isPunctuation(int c) {
    if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
        || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
        || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
        || type == Character.OTHER_PUNCTUATION;
  }

  private static boolean isCjk(int c) {
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
  }

  private int require(String token) {
    Integer id = vocabulary.get(token);
    if (id == null) {
      throw new IllegalArgumentException("the vocabulary has no " + token);
    }
    return id;
  }
}
