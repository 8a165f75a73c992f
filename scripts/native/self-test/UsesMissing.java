package broken;

/**
 * Uses Missing, which is compiled against but kept off the class path. Only META-INF/native-image's
 * reflect-config.json makes {@link #use} reachable (a static method, so that registering it makes it a root).
 */
public final class UsesMissing {
    private UsesMissing() {
    }

    public static Object use() {
        return new Missing();
    }
}
