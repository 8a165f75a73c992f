/*
 * Warden's liblibchelper.a: the C helpers a SubstrateVM image calls at run time (@CLibrary("libchelper") in
 * GraalVM's svm jar), which a GraalVM distribution ships under lib/svm/clibraries and Maven Central does not.
 * Each function has the name and C signature its @CFunction declares; the structs and constants come from the
 * headers scripts/native/svm-headers.sh generates from the same declarations, so that the image and this file
 * agree on every layout. Linux on x86-64 only, the one target Warden's image is built for.
 */
#define _GNU_SOURCE
#include <cpuid.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <semaphore.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "amd64cpufeatures.h"
#include "svm_locale.h"

/* ---- CPU features: the image checks at start that the host has every feature it was compiled for ---------- */

static uint64_t xcr0(void) {
    uint32_t eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((uint64_t) edx << 32) | eax;
}

void determineCPUFeatures(CPUFeatures *f) {
    unsigned int a, b, c, d, a7 = 0, b7 = 0, c7 = 0, d7 = 0, a71 = 0, b71, c71, d71 = 0;
    memset(f, 0, sizeof(*f));
    unsigned int max = __get_cpuid_max(0, NULL);
    if (max < 1) {
        return;
    }
    if (max >= 7) {
        __cpuid_count(7, 0, a7, b7, c7, d7);
        __cpuid_count(7, 1, a71, b71, c71, d71);
    }
    __cpuid(1, a, b, c, d);
    /* One line per feature flag, in the order SubstrateVM's CPUFeatures struct declares them: a table, and easier
     * to check against the struct and Intel's manual written out than generated. */
    /* AVX state is usable only when the OS saves it (OSXSAVE, then XCR0's SSE|YMM and opmask|ZMM bits). */
    uint64_t x = (c & bit_OSXSAVE) ? xcr0() : 0;
    bool avx_os = (x & 0x6) == 0x6, avx512_os = avx_os && (x & 0xe0) == 0xe0, apx_os = (x & (1u << 19)) != 0;

    f->fCX8 = !!(d & bit_CMPXCHG8B);
    f->fCMOV = !!(d & bit_CMOV);
    f->fFXSR = !!(d & bit_FXSAVE);
    f->fHT = !!(d & (1u << 28)) && ((b >> 16) & 0xff) > 1;
    f->fMMX = !!(d & bit_MMX);
    f->fTSC = !!(d & (1u << 4));
    f->fSSE = !!(d & bit_SSE);
    f->fSSE2 = !!(d & bit_SSE2);
    f->fFLUSH = !!(d & (1u << 19));
    f->fSSE3 = !!(c & bit_SSE3);
    f->fSSSE3 = !!(c & bit_SSSE3);
    f->fSSE4_1 = !!(c & bit_SSE4_1);
    f->fSSE4_2 = !!(c & bit_SSE4_2);
    f->fPOPCNT = !!(c & bit_POPCNT);
    f->fAES = !!(c & bit_AES);
    f->fCLMUL = !!(c & bit_PCLMUL);
    f->fHV = !!(c & (1u << 31));
    if (avx_os) {
        f->fAVX = !!(c & bit_AVX);
        f->fVZEROUPPER = f->fAVX;
        f->fFMA = !!(c & bit_FMA);
        f->fF16C = !!(c & bit_F16C);
        f->fAVX2 = !!(b7 & bit_AVX2);
        f->fAVX_IFMA = !!(a71 & (1u << 23));
        f->fSHA512 = !!(a71 & (1u << 0));
    }
    if (avx512_os) {
        f->fAVX512F = !!(b7 & bit_AVX512F);
        f->fAVX512DQ = !!(b7 & bit_AVX512DQ);
        f->fAVX512PF = !!(b7 & bit_AVX512PF);
        f->fAVX512ER = !!(b7 & bit_AVX512ER);
        f->fAVX512CD = !!(b7 & bit_AVX512CD);
        f->fAVX512BW = !!(b7 & bit_AVX512BW);
        f->fAVX512VL = !!(b7 & bit_AVX512VL);
        f->fAVX512_IFMA = !!(b7 & bit_AVX512IFMA);
        f->fAVX512_VBMI = !!(c7 & bit_AVX512VBMI);
        f->fAVX512_VBMI2 = !!(c7 & bit_AVX512VBMI2);
        f->fAVX512_VNNI = !!(c7 & bit_AVX512VNNI);
        f->fAVX512_BITALG = !!(c7 & bit_AVX512BITALG);
        f->fAVX512_VPOPCNTDQ = !!(c7 & bit_AVX512VPOPCNTDQ);
        f->fAVX512_VPCLMULQDQ = !!(c7 & bit_VPCLMULQDQ);
        f->fAVX512_VAES = !!(c7 & bit_VAES);
        f->fAVX512_FP16 = !!(d7 & (1u << 23));
        f->fAVX10_1 = !!(d71 & (1u << 19));
    }
    f->fBMI1 = !!(b7 & bit_BMI);
    f->fBMI2 = !!(b7 & bit_BMI2);
    f->fERMS = !!(b7 & (1u << 9));
    f->fRTM = !!(b7 & bit_RTM);
    f->fADX = !!(b7 & bit_ADX);
    f->fSHA = !!(b7 & bit_SHA);
    f->fFLUSHOPT = !!(b7 & bit_CLFLUSHOPT);
    f->fCLWB = !!(b7 & bit_CLWB);
    f->fGFNI = !!(c7 & bit_GFNI);
    f->fPKU = !!(c7 & bit_PKU);
    f->fOSPKE = !!(c7 & bit_OSPKE);
    f->fRDPID = !!(c7 & bit_RDPID);
    f->fCET_SS = !!(c7 & (1u << 7));
    f->fFSRM = !!(d7 & (1u << 4));
    f->fSERIALIZE = !!(d7 & (1u << 14));
    f->fCET_IBT = !!(d7 & (1u << 20));
    f->fAPX_F = apx_os && (d71 & (1u << 21));

    unsigned int ext = __get_cpuid_max(0x80000000, NULL);
    if (ext >= 0x80000001) {
        __cpuid(0x80000001, a, b, c, d);
        f->fLZCNT = !!(c & bit_LZCNT);
        f->fSSE4A = !!(c & bit_SSE4a);
        f->fAMD_3DNOW_PREFETCH = !!(c & bit_PRFCHW);
        f->fRDTSCP = !!(d & (1u << 27));
    }
    if (ext >= 0x80000007) {
        __cpuid(0x80000007, a, b, c, d);
        f->fTSCINV_BIT = !!(d & (1u << 8));
        f->fTSCINV = f->fTSCINV_BIT;
    }
}

/*
 * buildtimeFeatures is the builder's mask over a CPUFeatures, rounded up to whole 64-bit words: each byte is the
 * complement of what the image needs (0xFE where a feature is required, 0xFF elsewhere), so the host passes
 * when every byte of mask | host is 0xFF. 0 when the host has every feature the image's code uses.
 */
int checkCPUFeatures(uint8_t *buildtimeFeatures) {
    uint8_t host[(sizeof(CPUFeatures) + 7) / 8 * 8] = { 0 };
    determineCPUFeatures((CPUFeatures *) host);
    for (size_t i = 0; i < sizeof(host); i++) {
        if ((uint8_t) (buildtimeFeatures[i] | host[i]) != 0xFF) {
            return 1;
        }
    }
    return 0;
}

int checkCPUFeaturesOrExit(uint8_t *buildtimeFeatures, const char *errorMessage) {
    int failed = checkCPUFeatures(buildtimeFeatures);
    if (failed) {
        fputs(errorMessage, stderr);
        fputc('\n', stderr);
        exit(1);
    }
    return failed;
}

/* ---- Process and threads ---------------------------------------------------------------------------------- */

extern char **environ;

char **getEnviron(void) {
    return environ;
}

int getThreadId(void) {
    return (int) syscall(SYS_gettid);
}

/* A thread's user CPU time in nanoseconds, from /proc (field 14 of its stat line), or -1. */
long getThreadUserTimeSlow(int tid) {
    char path[64], line[2048];
    snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
    FILE *f = fopen(path, "re");
    if (f == NULL) {
        return -1;
    }
    size_t n = fread(line, 1, sizeof(line) - 1, f);
    fclose(f);
    line[n] = '\0';
    /* The command name in parentheses may hold spaces and ')': the fields start after the last ')'. */
    char *s = strrchr(line, ')');
    unsigned long user;
    if (s == NULL || sscanf(s + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu", &user) != 1) {
        return -1;
    }
    return (long) user * (1000000000L / sysconf(_SC_CLK_TCK));
}

/* ---- Variadic libc functions under fixed signatures, which a @CFunction can call ------------------------ */

int openSII(const char *path, int flags, int mode) {
    return open(path, flags, mode);
}

void *mremapP(void *old, size_t oldSize, size_t newSize, int flags, void *newAddress) {
    return mremap(old, oldSize, newSize, flags, newAddress);
}

int fprintfSD(FILE *f, const char *format, const char *s, int d) {
    return fprintf(f, format, s, d);
}

/* Code written at run time is visible to instruction fetch on x86 without an explicit flush. */
void codeSynchronization_clearCache(uintptr_t start, uintptr_t size) {
    (void) start;
    (void) size;
}

/* ---- Signals: the handler only counts and wakes the image's dispatcher thread (async-signal-safe) ----------- */

static volatile long pending[NSIG];
static sem_t wakeup;
static volatile int opened;

int cSunMiscSignal_open(void) {
    if (__sync_val_compare_and_swap(&opened, 0, 1) != 0) {
        errno = EBUSY;
        return -1;
    }
    memset((void *) pending, 0, sizeof(pending));
    if (sem_init(&wakeup, 0, 0) != 0) {
        opened = 0;
        return -1;
    }
    return 0;
}

int cSunMiscSignal_close(void) {
    if (opened && sem_destroy(&wakeup) != 0) {
        return -1;
    }
    opened = 0;
    return 0;
}

int cSunMiscSignal_awaitSemaphore(void) {
    int result = sem_wait(&wakeup);
    return result == -1 && errno == EINTR ? 0 : result;
}

int cSunMiscSignal_signalSemaphore(void) {
    return sem_post(&wakeup);
}

bool cSunMiscSignal_signalRangeCheck(int signal) {
    return signal > 0 && signal < NSIG;
}

int cSunMiscSignal_checkPendingSignal(void) {
    for (int i = 1; i < NSIG; i++) {
        if (pending[i] > 0) {
            __sync_fetch_and_sub(&pending[i], 1);
            return i;
        }
    }
    return -1;
}

static void count_signal(int signal, siginfo_t *info, void *context) {
    (void) info;
    (void) context;
    int saved = errno;
    if (cSunMiscSignal_signalRangeCheck(signal)) {
        __sync_fetch_and_add(&pending[signal], 1);
        sem_post(&wakeup);
    }
    errno = saved;
}

void *cSunMiscSignal_signalHandlerFunctionPointer(void) {
    return (void *) count_signal;
}

/* ---- Locale: the default locale's parts, as the JDK derives them from LC_CTYPE and LC_MESSAGES ------------- */

static svm_locale_props_t props;

/* "ll_CC.charset@variant" → language, country, variant; "C" and "POSIX" mean en_US, as in the JDK. */
static int parse(const char *posix, char **language, char **country, char **variant) {
    if (posix == NULL || strcmp(posix, "C") == 0 || strcmp(posix, "POSIX") == 0 || strncmp(posix, "C.", 2) == 0) {
        posix = "en_US";
    }
    char *copy = strdup(posix);
    if (copy == NULL) {
        return -1;
    }
    char *at = strchr(copy, '@');
    if (at != NULL) {
        *at = '\0';
        *variant = strdup(at + 1);
    }
    char *dot = strchr(copy, '.');
    if (dot != NULL) {
        *dot = '\0';
    }
    char *underscore = strchr(copy, '_');
    if (underscore != NULL) {
        *underscore = '\0';
        *country = strdup(underscore + 1);
    }
    *language = copy;
    return 0;
}

int svm_initialize_locale(void) {
    setlocale(LC_ALL, "");
    if (parse(setlocale(LC_CTYPE, NULL), &props.format_language, &props.format_country, &props.format_variant) != 0
            || parse(setlocale(LC_MESSAGES, NULL), &props.display_language, &props.display_country, &props.display_variant) != 0) {
        return SVM_LOCALE_INITIALIZATION_OUT_OF_MEMORY;
    }
    return SVM_LOCALE_INITIALIZATION_SUCCEEDED;
}

svm_locale_props_t *svm_get_locale(void) {
    return &props;
}

/* ---- Time zone: the system's zone id (TZ, else /etc/localtime's link into zoneinfo, else /etc/timezone) ----- */

char *SVM_FindJavaTZmd(const char *tzMappings, int length) {
    (void) tzMappings;
    (void) length;
    const char *tz = getenv("TZ");
    if (tz != NULL && *tz != '\0') {
        return strdup(*tz == ':' ? tz + 1 : tz);
    }
    char link[4096];
    ssize_t n = readlink("/etc/localtime", link, sizeof(link) - 1);
    if (n > 0) {
        link[n] = '\0';
        char *zone = strstr(link, "zoneinfo/");
        if (zone != NULL) {
            return strdup(zone + strlen("zoneinfo/"));
        }
    }
    FILE *f = fopen("/etc/timezone", "re");
    if (f != NULL) {
        char line[256];
        char *id = fgets(line, sizeof(line), f) != NULL ? strtok(line, " \t\n") : NULL;
        id = id != NULL ? strdup(id) : NULL;
        fclose(f);
        return id;
    }
    return NULL;
}
