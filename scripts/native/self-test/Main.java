package broken;

/**
 * The self-test's application (scripts/native/self-test.sh), broken twice on purpose: main reads a
 * thread that StartsThread starts while it initialises, which --initialize-at-build-time would bake into
 * the image; and the jar's META-INF/native-image/reflect-config.json makes UsesMissing.use reachable, whose
 * Missing is left off the class path, which --link-at-build-time refuses. Each defect is caught only if the
 * launcher's translation of its option (and of the jar's reachability metadata) reaches the builder.
 */
public final class Main {
    public static void main(String[] args) {
        System.out.println(StartsThread.WORKER.getName());
    }
}
