package broken;

/** The self-test's application: deliberately broken twice over (see scripts/native-check.sh --self-test). */
public final class Main {
    public static void main(String[] args) {
        System.out.println(StartsThread.WORKER.getName());
        // Missing is compiled against but left off the class path: unresolved under --link-at-build-time.
        System.out.println(new Missing());
    }
}
