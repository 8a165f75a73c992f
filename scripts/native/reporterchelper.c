/*
 * The image builder's JNI helper for its progress report (com.oracle.svm.hosted.ProgressReporterCHelper):
 * a GraalVM distribution ships it as lib/svm/builder/lib/libreporterchelper.so, Maven Central does not.
 * The builder refuses to start without it. Built by scripts/native/graalvm-home.sh.
 */
#include <jni.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>

JNIEXPORT jlong JNICALL Java_com_oracle_svm_hosted_ProgressReporterCHelper_getPeakRSS0(JNIEnv *env, jclass clazz) {
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) != 0) {
        return -1;
    }
    return (jlong) usage.ru_maxrss * 1024; /* Linux reports kilobytes */
}

JNIEXPORT jint JNICALL Java_com_oracle_svm_hosted_ProgressReporterCHelper_getTerminalWindowColumns0(JNIEnv *env, jclass clazz) {
    struct winsize w;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) != 0) {
        return -1;
    }
    return w.ws_col;
}
