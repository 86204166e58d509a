package dev.voicebot.sip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/** Ways to break a SIP message, each one a kind of input a real network delivers sooner or later. */
final class Mutations {

  private static final String[] MANDATORY = {"Via", "From", "To", "Call-ID", "CSeq", "Max-Forwards"};

  private Mutations() {}

  static byte[] apply(byte[] seed, Random r) {
    String text = new String(seed, StandardCharsets.ISO_8859_1);
    return switch (r.nextInt(12)) {
      case 0 -> bitFlips(seed, r);
      case 1 -> Arrays.copyOf(seed, r.nextInt(seed.length)); // truncated
      case 2 -> latin1(duplicateLine(text, r, 1 + r.nextInt(200)));
      case 3 -> latin1(hugeValue(text, r));
      case 4 -> randomBytes(r);
      case 5 -> invalidUtf8(seed, r);
      case 6 -> latin1(text.replaceFirst("Content-Length: \\d+", "Content-Length: " + wrongLength(r)));
      case 7 -> latin1(text.replaceFirst("(?m)^" + MANDATORY[r.nextInt(MANDATORY.length)] + ":[^\r]*\r\n", ""));
      case 8 -> latin1(text.replace("\r\n", "\n"));
      case 9 -> latin1(text.replaceFirst("SIP/2.0", r.nextBoolean() ? "SIP/3.0" : "SIP/2.0 SIP/2.0"));
      case 10 -> latin1(text.replaceFirst("CSeq: 1", "CSeq: " + (r.nextBoolean() ? "-1" : "99999999999999999999")));
      default -> bitFlips(latin1(duplicateLine(text, r, 2)), r);
    };
  }

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] bitFlips(byte[] seed, Random r) {
    byte[] b = seed.clone();
    for (int i = 1 + r.nextInt(10); i > 0; i--) {
      int at = r.nextInt(b.length);
      b[at] ^= (byte) (1 << r.nextInt(8));
    }
    return b;
  }

  private static String duplicateLine(String text, Random r, int times) {
    String[] lines = text.split("\r\n", -1);
    int at = 1 + r.nextInt(Math.max(1, lines.length - 3));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      sb.append(lines[i]);
      if (i < lines.length - 1) {
        sb.append("\r\n");
      }
      if (i == at) {
        sb.append((lines[i] + "\r\n").repeat(times));
      }
    }
    return sb.toString();
  }

  private static String hugeValue(String text, Random r) {
    String huge = "A".repeat(1000 + r.nextInt(40_000));
    return switch (r.nextInt(3)) {
      case 0 -> text.replaceFirst("Call-ID: ", "Call-ID: " + huge);
      case 1 -> text.replaceFirst("\r\n", "\r\nX-Huge: " + huge + "\r\n");
      default -> text.replaceFirst("sip:bot@", "sip:" + huge + "@");
    };
  }

  private static byte[] randomBytes(Random r) {
    byte[] b = new byte[1 + r.nextInt(1500)];
    r.nextBytes(b);
    return b;
  }

  private static byte[] invalidUtf8(byte[] seed, Random r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = r.nextInt(seed.length);
    out.write(seed, 0, at);
    byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {0}};
    byte[] pick = bad[r.nextInt(bad.length)];
    out.write(pick, 0, pick.length);
    out.write(seed, at, seed.length - at);
    return out.toByteArray();
  }

  private static String wrongLength(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> "0";
      case 1 -> Integer.toString(100_000 + r.nextInt(1000));
      case 2 -> "-5";
      default -> "abc";
    };
  }
}
