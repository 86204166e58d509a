package dev.voicebot.rtp.rtcp;

/** One packet of an RTCP compound datagram; the kinds we send and understand. */
public sealed interface RtcpPacket permits SenderReport, ReceiverReport, SourceDescription, Goodbye {

    int VERSION = 2;
    int PT_SR = 200;
    int PT_RR = 201;
    int PT_SDES = 202;
    int PT_BYE = 203;
    /** Report blocks (and BYE sources) fit a 5-bit count. */
    int MAX_COUNT = 31;
}
