package broken;

/** Starts a thread while it initialises: forced to build-time initialisation, a running thread would be baked into the image. */
final class StartsThread {
    static final Thread WORKER = new Thread(() -> {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }, "started-at-build-time");

    static {
        WORKER.setDaemon(true);
        WORKER.start();
    }

    private StartsThread() {
    }
}
