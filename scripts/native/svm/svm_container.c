/*
 * Warden's libsvm_container.a: the container limits a SubstrateVM image sizes its heap and processor count from
 * (com.oracle.svm.core.container.ContainerLibrary, @CLibrary("svm_container")), which a GraalVM distribution
 * ships as a port of HotSpot's cgroup code and Maven Central does not. It reads what HotSpot reads: cgroup v2's
 * unified files, else cgroup v1's memory and cpu controllers, for this process's own cgroup. Values follow
 * HotSpot's OSContainer: bytes, -1 for "no limit", -2 when the value cannot be read.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define VERSION 240100 /* ContainerLibrary.VERSION: the interface this file implements */
#define NOT_CONTAINERIZED 0
#define CONTAINERIZED 1
#define TOO_OLD 2
#define TOO_NEW 3
#define UNLIMITED (-1)
#define ERROR (-2)

static char memory_dir[4096], cpu_dir[4096];
static int v2;

/* dir = mount + this process's cgroup path for controller (v1) or the unified hierarchy (v2, controller NULL). */
static int find_dir(const char *mount, const char *controller, char *dir, size_t size) {
    FILE *f = fopen("/proc/self/cgroup", "re");
    char line[4096];
    int found = 0;
    if (f == NULL) {
        return 0;
    }
    while (!found && fgets(line, sizeof(line), f) != NULL) {
        char *controllers = strchr(line, ':'), *path = controllers ? strchr(controllers + 1, ':') : NULL;
        if (path == NULL) {
            continue;
        }
        *path++ = '\0';
        path[strcspn(path, "\n")] = '\0';
        controllers++;
        int match = controller == NULL ? *controllers == '\0' : strstr(controllers, controller) != NULL;
        if (match) {
            /* Inside a container the cgroup is mounted at its own root: prefer the full path, else the mount. */
            snprintf(dir, size, "%s%s", mount, path);
            if (access(dir, R_OK) != 0) {
                snprintf(dir, size, "%s", mount);
            }
            found = 1;
        }
    }
    fclose(f);
    return found;
}

static int read_line(const char *dir, const char *file, char *buf, size_t size) {
    char path[4200];
    snprintf(path, sizeof(path), "%s/%s", dir, file);
    FILE *f = fopen(path, "re");
    if (f == NULL) {
        return 0;
    }
    int ok = fgets(buf, (int) size, f) != NULL;
    fclose(f);
    buf[strcspn(buf, "\n")] = '\0';
    return ok;
}

/* A byte count from a file; "max" (v2) or a v1 value at or above the host's memory means no limit. */
static long long read_bytes(const char *dir, const char *file) {
    char buf[64];
    if (!read_line(dir, file, buf, sizeof(buf))) {
        return ERROR;
    }
    if (strcmp(buf, "max") == 0) {
        return UNLIMITED;
    }
    long long value = strtoll(buf, NULL, 10);
    long long physical = (long long) sysconf(_SC_PHYS_PAGES) * sysconf(_SC_PAGESIZE);
    return value >= physical ? UNLIMITED : value;
}

/* One key of memory.stat ("anon 1234"). */
static long long read_stat(const char *key) {
    char path[4200], name[64];
    long long value;
    snprintf(path, sizeof(path), "%s/memory.stat", memory_dir);
    FILE *f = fopen(path, "re");
    if (f == NULL) {
        return ERROR;
    }
    long long result = ERROR;
    while (fscanf(f, "%63s %lld", name, &value) == 2) {
        if (strcmp(name, key) == 0) {
            result = value;
            break;
        }
    }
    fclose(f);
    return result;
}

int svm_container_initialize(int version) {
    if (version < VERSION) {
        return TOO_NEW;
    }
    if (version > VERSION) {
        return TOO_OLD;
    }
    if (access("/sys/fs/cgroup/cgroup.controllers", R_OK) == 0) {
        v2 = 1;
        if (!find_dir("/sys/fs/cgroup", NULL, memory_dir, sizeof(memory_dir))) {
            return NOT_CONTAINERIZED;
        }
        strcpy(cpu_dir, memory_dir);
    } else if (!find_dir("/sys/fs/cgroup/memory", "memory", memory_dir, sizeof(memory_dir))
               || !find_dir("/sys/fs/cgroup/cpu,cpuacct", "cpu", cpu_dir, sizeof(cpu_dir))) {
        return NOT_CONTAINERIZED;
    }
    return CONTAINERIZED;
}

size_t svm_container_physical_memory(void) {
    return (size_t) sysconf(_SC_PHYS_PAGES) * (size_t) sysconf(_SC_PAGESIZE);
}

long long svm_container_memory_limit_in_bytes(void) {
    return read_bytes(memory_dir, v2 ? "memory.max" : "memory.limit_in_bytes");
}

long long svm_container_memory_and_swap_limit_in_bytes(void) {
    if (!v2) {
        return read_bytes(memory_dir, "memory.memsw.limit_in_bytes");
    }
    long long memory = svm_container_memory_limit_in_bytes(), swap = read_bytes(memory_dir, "memory.swap.max");
    if (memory < 0 || swap == UNLIMITED) {
        return memory < 0 ? memory : UNLIMITED;
    }
    return swap == ERROR ? memory : memory + swap;
}

long long svm_container_memory_soft_limit_in_bytes(void) {
    long long low = read_bytes(memory_dir, v2 ? "memory.low" : "memory.soft_limit_in_bytes");
    return low == 0 ? UNLIMITED : low;
}

long long svm_container_memory_usage_in_bytes(void) {
    return read_bytes(memory_dir, v2 ? "memory.current" : "memory.usage_in_bytes");
}

long long svm_container_memory_max_usage_in_bytes(void) {
    return read_bytes(memory_dir, v2 ? "memory.peak" : "memory.max_usage_in_bytes");
}

long long svm_container_rss_usage_in_bytes(void) {
    return read_stat(v2 ? "anon" : "rss");
}

long long svm_container_cache_usage_in_bytes(void) {
    return read_stat(v2 ? "file" : "cache");
}

/* The processors this process may use: its affinity mask, lowered by a CPU quota (rounded up), as HotSpot counts. */
int svm_container_active_processor_count(void) {
    cpu_set_t cpus;
    int count = sched_getaffinity(0, sizeof(cpus), &cpus) == 0 ? CPU_COUNT(&cpus) : (int) sysconf(_SC_NPROCESSORS_ONLN);
    long long quota = -1, period = 0;
    char buf[128];
    if (v2) {
        if (read_line(cpu_dir, "cpu.max", buf, sizeof(buf)) && strncmp(buf, "max", 3) != 0) {
            sscanf(buf, "%lld %lld", &quota, &period);
        }
    } else if (read_line(cpu_dir, "cpu.cfs_quota_us", buf, sizeof(buf))) {
        quota = strtoll(buf, NULL, 10);
        if (read_line(cpu_dir, "cpu.cfs_period_us", buf, sizeof(buf))) {
            period = strtoll(buf, NULL, 10);
        }
    }
    if (quota > 0 && period > 0) {
        int limit = (int) ((quota + period - 1) / period);
        if (limit < count) {
            count = limit;
        }
    }
    return count > 0 ? count : 1;
}
