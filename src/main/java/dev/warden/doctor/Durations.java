package dev.warden.doctor;

import java.time.Duration;

/** Durations as an operator reads them: {@code 3 min 12 s}, {@code 2 h 5 min}, {@code 4 days 3 h}. */
final class Durations {

    private Durations() {
    }

    static String words(Duration duration) {
        long seconds = Math.abs(duration.toSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        if (days > 0) {
            return days + (days == 1 ? " day" : " days") + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
        }
        if (minutes > 0) {
            return minutes + " min" + (rest > 0 ? " " + rest + " s" : "");
        }
        return rest + " s";
    }
}
