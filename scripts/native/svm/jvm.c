/*
 * Warden's libjvm.a for a SubstrateVM image: the JVM_* functions (HotSpot's side of the JDK's jvm.h) that the
 * JDK's static libraries call and that SubstrateVM does not implement in Java, plus the jio_* printing helpers
 * that libjava leaves out of a static build. A GraalVM distribution ships its own as lib/svm/clibraries/…/
 * libjvm.a; Maven Central does not. Only what the link of Warden's image asks for is here, each function as
 * HotSpot defines it on Linux.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <jni.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Defined by the image: whether it was linked statically (-static); Warden's is not. */
extern int __svm_vm_is_static_binary;

#define RESTARTABLE(expr) ({ int _r; do { _r = (expr); } while (_r == -1 && errno == EINTR); _r; })

/* Called once at start by SubstrateVM; there is nothing to set up. */
JNIEXPORT void JNICALL initialize(void) {
}

JNIEXPORT int JNICALL JVM_GetInterfaceVersion(void) {
    return 6; /* JVM_INTERFACE_VERSION of JDK 9 and later */
}

/* The processors this process may run on (its affinity mask, which container CPU sets shape), as HotSpot counts. */
JNIEXPORT jint JNICALL JVM_ActiveProcessorCount(void) {
    cpu_set_t cpus;
    if (sched_getaffinity(0, sizeof(cpus), &cpus) == 0) {
        return CPU_COUNT(&cpus);
    }
    return (jint) sysconf(_SC_NPROCESSORS_ONLN);
}

JNIEXPORT jlong JNICALL JVM_CurrentTimeMillis(JNIEnv *env, jclass ignored) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return (jlong) now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

JNIEXPORT jlong JNICALL JVM_NanoTime(JNIEnv *env, jclass ignored) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (jlong) now.tv_sec * 1000000000 + now.tv_nsec;
}

/* Nanoseconds since offset_secs (epoch seconds), or -1 when that is more than 2^32 s away (HotSpot's contract). */
JNIEXPORT jlong JNICALL JVM_GetNanoTimeAdjustment(JNIEnv *env, jclass ignored, jlong offset_secs) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    int64_t diff = (int64_t) now.tv_sec - offset_secs;
    if (diff >= 0x100000000LL || diff <= -0x100000000LL) {
        return -1;
    }
    return diff * 1000000000LL + now.tv_nsec;
}

JNIEXPORT void JNICALL JVM_Halt(jint code) {
    exit(code);
}

JNIEXPORT void JNICALL JVM_BeforeHalt(void) {
}

JNIEXPORT jint JNICALL JVM_GetLastErrorString(char *buf, int len) {
    if (errno == 0 || len <= 0) {
        return 0;
    }
    const char *s = strerror(errno);
    size_t n = strlen(s);
    if (n >= (size_t) len) {
        n = len - 1;
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
    return (jint) n;
}

JNIEXPORT jstring JNICALL JVM_GetTemporaryDirectory(JNIEnv *env) {
    return (*env)->NewStringUTF(env, "/tmp");
}

/*
 * libnet asks for inet_pton by name to decide whether IPv6 is available. dlsym is not safe in a static binary,
 * so there the one known name is answered directly and any other is a fatal error rather than a wrong answer.
 */
JNIEXPORT void *JNICALL JVM_FindLibraryEntry(void *handle, const char *name) {
    if (__svm_vm_is_static_binary) {
        if (strcmp(name, "inet_pton") == 0) {
            return (void *) inet_pton;
        }
        fprintf(stderr, "JVM_FindLibraryEntry(%s) in a static image\n", name);
        exit(1);
    }
    extern void *dlsym(void *, const char *);
    return dlsym(handle, name);
}

/*
 * HotSpot's management interface (jmm), which libmanagement_ext's JNI_OnLoad asks for. SubstrateVM implements
 * the management beans itself and never runs that JNI_OnLoad; only the OperatingSystemImpl natives of the library
 * are called, and they do not use jmm.
 */
JNIEXPORT void *JNICALL JVM_GetManagement(jint version) {
    return NULL;
}

JNIEXPORT jboolean JNICALL JVM_IsStaticallyLinked(void) {
    return JNI_FALSE;
}

/* On Linux a path needs no conversion (HotSpot's os::native_path returns it as it is). */
JNIEXPORT char *JNICALL JVM_NativePath(char *path) {
    return path;
}

/* ---- Raw monitors: libzip's lock around a shared zip file; reentrant, as HotSpot's are ---------------------- */

JNIEXPORT void *JNICALL JVM_RawMonitorCreate(void) {
    pthread_mutex_t *m = malloc(sizeof(*m));
    pthread_mutexattr_t attr;
    if (m == NULL) {
        return NULL;
    }
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(m, &attr);
    pthread_mutexattr_destroy(&attr);
    return m;
}

JNIEXPORT void JNICALL JVM_RawMonitorDestroy(void *monitor) {
    pthread_mutex_destroy(monitor);
    free(monitor);
}

JNIEXPORT jint JNICALL JVM_RawMonitorEnter(void *monitor) {
    return pthread_mutex_lock(monitor);
}

JNIEXPORT void JNICALL JVM_RawMonitorExit(void *monitor) {
    pthread_mutex_unlock(monitor);
}

/* ---- Sockets, as HotSpot's os::posix layer wraps them ------------------------------------------------------ */

JNIEXPORT jint JNICALL JVM_InitializeSocketLibrary(void) {
    return 0;
}

JNIEXPORT jint JNICALL JVM_Socket(jint domain, jint type, jint protocol) {
    return socket(domain, type, protocol);
}

JNIEXPORT jint JNICALL JVM_SocketClose(jint fd) {
    return close(fd);
}

JNIEXPORT jint JNICALL JVM_SocketShutdown(jint fd, jint howto) {
    return shutdown(fd, howto);
}

JNIEXPORT jint JNICALL JVM_Send(jint fd, char *buf, jint nBytes, jint flags) {
    return RESTARTABLE((int) send(fd, buf, (size_t) nBytes, flags));
}

JNIEXPORT jint JNICALL JVM_Connect(jint fd, struct sockaddr *him, jint len) {
    return RESTARTABLE(connect(fd, him, (socklen_t) len));
}

JNIEXPORT jint JNICALL JVM_Listen(jint fd, jint count) {
    return listen(fd, count);
}

JNIEXPORT jint JNICALL JVM_SocketAvailable(jint fd, jint *pbytes) {
    if (fd < 0) {
        return 0;
    }
    return RESTARTABLE(ioctl(fd, FIONREAD, pbytes)) == -1 ? 0 : 1;
}

JNIEXPORT jint JNICALL JVM_GetSockName(jint fd, struct sockaddr *him, int *len) {
    return getsockname(fd, him, (socklen_t *) len);
}

JNIEXPORT jint JNICALL JVM_GetSockOpt(jint fd, int level, int optname, char *optval, int *optlen) {
    return getsockopt(fd, level, optname, optval, (socklen_t *) optlen);
}

JNIEXPORT jint JNICALL JVM_SetSockOpt(jint fd, int level, int optname, const char *optval, int optlen) {
    return setsockopt(fd, level, optname, optval, (socklen_t) optlen);
}

JNIEXPORT int JNICALL JVM_GetHostName(char *name, int namelen) {
    return gethostname(name, (size_t) namelen);
}

/* ---- Printing: libjava's jio.c is left out of a static build ------------------------------------------------ */

JNIEXPORT int jio_vsnprintf(char *str, size_t count, const char *fmt, va_list args) {
    if ((intptr_t) count <= 0) {
        return -1;
    }
    int result = vsnprintf(str, count, fmt, args);
    if (result < 0 || (size_t) result >= count) {
        str[count - 1] = '\0';
        return -1;
    }
    return result;
}

JNIEXPORT int jio_snprintf(char *str, size_t count, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    int result = jio_vsnprintf(str, count, fmt, args);
    va_end(args);
    return result;
}

JNIEXPORT int jio_vfprintf(FILE *f, const char *fmt, va_list args) {
    return vfprintf(f, fmt, args);
}

JNIEXPORT int jio_fprintf(FILE *f, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    int result = vfprintf(f, fmt, args);
    va_end(args);
    return result;
}
