package org.natterjack.pstn.status;

/** One DAHDI channel in answer to DAHDIShowChannels: its number and alarm ("No Alarm" when fine). */
public record ChannelPoll(int channel, String alarm) {

    boolean inAlarm() {
        return alarm != null && !alarm.isBlank() && !alarm.equalsIgnoreCase("No Alarm");
    }
}
