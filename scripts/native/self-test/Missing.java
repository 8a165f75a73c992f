package broken;

/** Compiled for Main to reference, then kept off the image's class path. */
public final class Missing {
}
