package dev.voicebot.sip.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the lines of RFC 4566 that decide an audio answer and ignores the rest (bandwidth, keys,
 * ICE, RTCP attributes): unknown lines are legal SDP and must not fail a call.
 */
final class SdpParser {

  SdpOffer parse(String sdp) throws SdpParseException {
    if (sdp == null || sdp.isBlank()) {
      throw new SdpParseException("empty SDP");
    }
    String sessionConnection = null;
    MediaDirection sessionDirection = MediaDirection.SENDRECV;
    boolean sawVersion = false;
    List<MediaBuilder> media = new ArrayList<>();
    MediaBuilder current = null;

    for (String raw : sdp.split("\r?\n")) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.length() < 2 || line.charAt(1) != '=') {
        throw new SdpParseException("not a <type>=<value> line: " + line);
      }
      char type = line.charAt(0);
      String value = line.substring(2);
      if (!sawVersion) {
        if (type != 'v' || !value.equals("0")) {
          throw new SdpParseException("SDP must start with v=0");
        }
        sawVersion = true;
        continue;
      }
      switch (type) {
        case 'c' -> {
          String address = parseConnection(value);
          if (current == null) {
            sessionConnection = address;
          } else {
            current.connection = address;
          }
        }
        case 'm' -> {
          current = parseMediaLine(value);
          media.add(current);
        }
        case 'a' -> {
          if (current == null) {
            MediaDirection d = MediaDirection.fromAttribute(value);
            if (d != null) {
              sessionDirection = d;
            }
          } else {
            parseMediaAttribute(current, value);
          }
        }
        default -> {
          // o=, s=, t=, b=, i=, k=, ... do not influence the audio answer.
        }
      }
    }
    if (!sawVersion) {
      throw new SdpParseException("SDP must start with v=0");
    }
    List<SdpMedia> result = new ArrayList<>(media.size());
    for (MediaBuilder m : media) {
      result.add(m.build(sessionConnection, sessionDirection));
    }
    return new SdpOffer(result);
  }

  private static String parseConnection(String value) throws SdpParseException {
    String[] parts = value.trim().split("\\s+");
    if (parts.length != 3 || !parts[0].equals("IN")) {
      throw new SdpParseException("bad c= line: " + value);
    }
    if (!parts[1].equals("IP4") && !parts[1].equals("IP6")) {
      throw new SdpParseException("unknown address type in c=: " + parts[1]);
    }
    // Multicast TTL / count suffixes ("/127") are not part of the address.
    int slash = parts[2].indexOf('/');
    return slash < 0 ? parts[2] : parts[2].substring(0, slash);
  }

  private static MediaBuilder parseMediaLine(String value) throws SdpParseException {
    String[] parts = value.trim().split("\\s+");
    if (parts.length < 4) {
      throw new SdpParseException("m= needs <media> <port> <proto> <fmt>...: " + value);
    }
    String port = parts[1];
    int slash = port.indexOf('/');
    if (slash >= 0) {
      port = port.substring(0, slash);
    }
    MediaBuilder b = new MediaBuilder();
    b.type = parts[0].toLowerCase(Locale.ROOT);
    b.port = parseInt(port, 0, 65535, "m= port");
    b.protocol = parts[2];
    for (int i = 3; i < parts.length; i++) {
      b.formats.add(parts[i]);
    }
    return b;
  }

  private static void parseMediaAttribute(MediaBuilder m, String value) throws SdpParseException {
    int colon = value.indexOf(':');
    String name = colon < 0 ? value : value.substring(0, colon);
    String arg = colon < 0 ? "" : value.substring(colon + 1).trim();
    switch (name) {
      case "rtpmap" -> {
        String[] parts = arg.split("\\s+", 2);
        if (parts.length != 2) {
          throw new SdpParseException("bad rtpmap: " + value);
        }
        int pt = parseInt(parts[0], 0, 127, "rtpmap payload type");
        String[] enc = parts[1].split("/");
        if (enc.length < 2) {
          throw new SdpParseException("rtpmap needs <encoding>/<clock rate>: " + value);
        }
        m.rtpmaps.put(pt, new String[] {enc[0], enc[1]});
      }
      case "fmtp" -> {
        String[] parts = arg.split("\\s+", 2);
        int pt = parseInt(parts[0], 0, 127, "fmtp payload type");
        m.fmtps.put(pt, parts.length == 2 ? parts[1].trim() : "");
      }
      case "ptime" -> m.ptime = OptionalInt.of(parseInt(arg, 1, 1000, "ptime"));
      case "crypto" -> SdpCrypto.parse(arg).ifPresent(m.crypto::add);
      default -> {
        MediaDirection d = MediaDirection.fromAttribute(name);
        if (d != null) {
          m.direction = d;
        }
      }
    }
  }

  private static int parseInt(String s, int min, int max, String what) throws SdpParseException {
    try {
      int v = Integer.parseInt(s.trim());
      if (v < min || v > max) {
        throw new SdpParseException(what + " out of range: " + s);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new SdpParseException(what + " is not a number: " + s);
    }
  }

  private static final class MediaBuilder {
    String type;
    int port;
    String protocol;
    final List<String> formats = new ArrayList<>();
    final Map<Integer, String[]> rtpmaps = new HashMap<>();
    final Map<Integer, String> fmtps = new HashMap<>();
    String connection;
    OptionalInt ptime = OptionalInt.empty();
    MediaDirection direction;
    final List<SdpCrypto> crypto = new ArrayList<>();

    SdpMedia build(String sessionConnection, MediaDirection sessionDirection)
        throws SdpParseException {
      List<RtpFormat> rtp = new ArrayList<>();
      if (protocol.startsWith("RTP/")) {
        for (String f : formats) {
          int pt = parseInt(f, 0, 127, "payload type");
          Optional<String> fmtp = Optional.ofNullable(fmtps.get(pt));
          String[] map = rtpmaps.get(pt);
          if (map != null) {
            int rate = parseInt(map[1], 1, Integer.MAX_VALUE, "clock rate");
            rtp.add(new RtpFormat(pt, map[0], rate, fmtp));
          } else {
            // A dynamic type without rtpmap is unusable, not an error: skip it.
            RtpFormat.staticType(pt)
                .map(s -> new RtpFormat(s.payloadType(), s.encoding(), s.clockRate(), fmtp))
                .ifPresent(rtp::add);
          }
        }
      }
      String address = connection != null ? connection : sessionConnection;
      if (address == null && port != 0) {
        throw new SdpParseException("no c= line for m=" + type);
      }
      return new SdpMedia(
          type,
          port,
          protocol,
          formats,
          rtp,
          Optional.ofNullable(address),
          ptime,
          direction != null ? direction : sessionDirection,
          crypto);
    }
  }
}
