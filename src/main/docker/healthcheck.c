/*
 * Container health check for images without curl or wget (the Quarkus micro image): one HTTP/1.0 GET to
 * 127.0.0.1:$PORT (default 8080) on the path given (default /q/health/live); exits 0 on a 200, 1 otherwise.
 * Compiled in the Mandrel builder stage of Dockerfile.native against the same UBI 9 glibc the runtime
 * image has. Bounded: 3 s for connect + send + first line.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "/q/health/live";
    const char *port_env = getenv("PORT");
    long port = port_env && *port_env ? strtol(port_env, NULL, 10) : 8080;
    if (port <= 0 || port > 65535 || path[0] != '/' || strlen(path) > 200) {
        fprintf(stderr, "healthcheck: bad port or path\n");
        return 1;
    }
    alarm(3); /* hard bound: SIGALRM ends the process with a failure status */

    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        perror("healthcheck: socket");
        return 1;
    }
    struct timeval timeout = {2, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short) port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *) &addr, sizeof addr) != 0) {
        perror("healthcheck: connect");
        return 1;
    }

    char request[320];
    int length = snprintf(request, sizeof request,
            "GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: application/json\r\nConnection: close\r\n\r\n", path);
    if (write(fd, request, (size_t) length) != length) {
        perror("healthcheck: write");
        return 1;
    }

    /* Only the status line matters: "HTTP/1.x 200 ...". */
    char line[64];
    size_t got = 0;
    while (got < sizeof line - 1) {
        ssize_t n = read(fd, line + got, sizeof line - 1 - got);
        if (n <= 0) {
            break;
        }
        got += (size_t) n;
        if (memchr(line, '\n', got)) {
            break;
        }
    }
    line[got] = '\0';
    close(fd);
    if (strncmp(line, "HTTP/1.", 7) == 0 && strncmp(line + 8, " 200", 4) == 0) {
        return 0;
    }
    fprintf(stderr, "healthcheck: %s answered: %.40s\n", path, got ? line : "(nothing)");
    return 1;
}
