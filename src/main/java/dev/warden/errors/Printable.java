package dev.warden.errors;

/** Text from whoever sent it (a token's claims, a JWKS answer), made safe for one log or report line. */
public final class Printable {

    private Printable() {
    }

    /** At most {@code max} characters (then {@code …}), control characters escaped as {@code \}{@code uXXXX}. */
    public static String of(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 8));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return text.length() > max ? out.append('…').toString() : out.toString();
    }
}
