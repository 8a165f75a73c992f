import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Soak client: users working their task lists as fast as Warden answers, with real tokens from the tests' fake
 * issuer (dev.warden.support.BenchIssuer, which bench/lib.sh starts) (re-fetched every 20 s, kept while the issuer is down), then a reconciliation of what Warden stored against
 * every write it acknowledged.
 *
 *   java bench/Soak.java <warden-base> <issuer-base> <seconds> <users>
 */
public class Soak {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final AtomicLong requests = new AtomicLong();
    static final AtomicLong fiveXx = new AtomicLong();
    static final AtomicLong unauthorized = new AtomicLong();
    static final AtomicLong ioErrors = new AtomicLong();
    static final AtomicLong unexpected = new AtomicLong();
    static final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
    static final Map<String, AtomicLong> byOp = new ConcurrentHashMap<>();
    static String warden;
    static String issuer;

    record Expected(String title, boolean completed) {
    }

    static class User {
        final String id;
        String token;
        long tokenAt;
        final Map<Long, Expected> tasks = new HashMap<>();
        final Set<Long> uncertain = new HashSet<>();
        final Set<String> uncertainTitles = new HashSet<>();
        int seq;

        User(String id) {
            this.id = id;
        }
    }

    public static void main(String[] args) throws Exception {
        warden = args[0];
        issuer = args[1];
        long seconds = Long.parseLong(args[2]);
        int users = Integer.parseInt(args[3]);
        long end = System.currentTimeMillis() + seconds * 1000;
        String run = Long.toHexString(System.currentTimeMillis());
        List<User> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            User u = new User("soak-" + run + "-" + i);
            all.add(u);
            Thread t = new Thread(() -> work(u, end), "user-" + i);
            threads.add(t);
            t.start();
        }
        Thread reporter = new Thread(() -> {
            long last = 0;
            while (System.currentTimeMillis() < end) {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    return;
                }
                long now = requests.get();
                System.out.printf("[soak] +%d req in 10 s (%.0f/s), 5xx=%d, 401=%d, io=%d%n", now - last, (now - last) / 10.0,
                        fiveXx.get(), unauthorized.get(), ioErrors.get());
                last = now;
            }
        });
        reporter.setDaemon(true);
        reporter.start();
        long started = System.currentTimeMillis();
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.currentTimeMillis() - started) / 1000.0;

        // Reconciliation: every acknowledged write against what Warden returns now.
        long expected = 0, lost = 0, wrong = 0, duplicates = 0, extra = 0, uncertainCount = 0;
        for (User u : all) {
            String token = freshToken(u);
            Map<Long, Expected> stored = listAll(u, token);
            Map<String, Integer> titles = new HashMap<>();
            stored.values().forEach(e -> titles.merge(e.title(), 1, Integer::sum));
            duplicates += titles.values().stream().filter(n -> n > 1).mapToInt(n -> n - 1).sum();
            uncertainCount += u.uncertain.size() + u.uncertainTitles.size();
            for (var entry : u.tasks.entrySet()) {
                if (u.uncertain.contains(entry.getKey())) {
                    continue;
                }
                expected++;
                Expected got = stored.get(entry.getKey());
                if (got == null) {
                    lost++;
                } else if (!got.equals(entry.getValue())) {
                    wrong++;
                }
            }
            for (var entry : stored.entrySet()) {
                if (!u.tasks.containsKey(entry.getKey()) && !u.uncertainTitles.contains(entry.getValue().title())
                        && !u.uncertain.contains(entry.getKey())) {
                    extra++;
                }
            }
        }
        System.out.println("## soak summary");
        System.out.printf("duration_s=%.0f users=%d requests=%d rate=%.0f/s%n", elapsed, users, requests.get(),
                requests.get() / elapsed);
        System.out.println("status_counts=" + new java.util.TreeMap<>(byStatus));
        System.out.println("ops=" + new java.util.TreeMap<>(byOp));
        System.out.printf("5xx=%d 401_on_valid_tokens=%d io_errors=%d unexpected_status=%d%n", fiveXx.get(),
                unauthorized.get(), ioErrors.get(), unexpected.get());
        System.out.printf("reconciliation: tasks_expected=%d lost=%d wrong_state=%d duplicated=%d unexplained_extra=%d "
                + "uncertain_writes=%d%n", expected, lost, wrong, duplicates, extra, uncertainCount);
    }

    static void work(User u, long end) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.currentTimeMillis() < end) {
            if (u.token == null || System.currentTimeMillis() - u.tokenAt > 20_000) {
                String t = mint(u.id);
                if (t != null) {
                    u.token = t;
                    u.tokenAt = System.currentTimeMillis();
                } else if (u.token == null) {
                    sleep(200);
                    continue;
                }
            }
            int dice = random.nextInt(100);
            List<Long> ids = new ArrayList<>(u.tasks.keySet());
            ids.removeAll(u.uncertain);
            String base = warden + "/api/" + u.id + "/tasks";
            if (dice < 30 || ids.isEmpty()) {
                String title = u.id + "-t" + (u.seq++);
                Result r = call("create", "POST", base, "{\"title\":\"" + title + "\"}", u.token);
                if (r.status == 201) {
                    u.tasks.put(id(r.body), new Expected(title, false));
                } else if (r.status < 0 || r.status >= 500) {
                    u.uncertainTitles.add(title);
                }
            } else if (dice < 50) {
                long id = ids.get(random.nextInt(ids.size()));
                String title = u.id + "-u" + (u.seq++);
                Result r = call("update", "PATCH", base + "/" + id, "{\"title\":\"" + title + "\"}", u.token);
                settle(u, id, r, () -> new Expected(title, u.tasks.get(id).completed()));
            } else if (dice < 70) {
                long id = ids.get(random.nextInt(ids.size()));
                Result r = call("complete", "PATCH", base + "/" + id + "/complete", null, u.token);
                settle(u, id, r, () -> new Expected(u.tasks.get(id).title(), !u.tasks.get(id).completed()));
            } else if (dice < 90) {
                call("list", "GET", base + "?size=20", null, u.token);
            } else {
                long id = ids.get(random.nextInt(ids.size()));
                Result r = call("delete", "DELETE", base + "/" + id, null, u.token);
                if (r.status == 204) {
                    u.tasks.remove(id);
                } else if (r.status < 0 || r.status >= 500) {
                    u.uncertain.add(id);
                }
            }
        }
    }

    static void settle(User u, long id, Result r, java.util.function.Supplier<Expected> next) {
        if (r.status == 200) {
            u.tasks.put(id, next.get());
        } else if (r.status < 0 || r.status >= 500) {
            u.uncertain.add(id);
        }
    }

    record Result(int status, String body) {
    }

    static Result call(String op, String method, String url, String body, String token) {
        requests.incrementAndGet();
        byOp.computeIfAbsent(op, k -> new AtomicLong()).incrementAndGet();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            byStatus.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
            if (status >= 500) {
                fiveXx.incrementAndGet();
            } else if (status == 401) {
                unauthorized.incrementAndGet();
            } else if (status >= 400) {
                unexpected.incrementAndGet();
            }
            return new Result(status, response.body());
        } catch (Exception e) {
            ioErrors.incrementAndGet();
            return new Result(-1, null);
        }
    }

    static String mint(String sub) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/token?sub=" + sub))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (Exception e) {
            return null; // issuer down: keep the token we have
        }
    }

    static String freshToken(User u) {
        for (int i = 0; i < 50; i++) {
            String t = mint(u.id);
            if (t != null) {
                return t;
            }
            sleep(200);
        }
        return u.token;
    }

    static final Pattern TASK = Pattern.compile(
            "\\{\"id\":(\\d+),\"title\":\"([^\"]*)\",\"description\":[^,]*,\"completed\":(true|false)");

    static Map<Long, Expected> listAll(User u, String token) {
        Map<Long, Expected> stored = new HashMap<>();
        for (int page = 1; page < 1000; page++) {
            Result r = call("reconcile", "GET", warden + "/api/" + u.id + "/tasks?size=100&page=" + page, null, token);
            if (r.status != 200) {
                throw new IllegalStateException("reconciliation list failed: " + r.status);
            }
            Matcher m = TASK.matcher(r.body);
            int n = 0;
            while (m.find()) {
                stored.put(Long.parseLong(m.group(1)), new Expected(m.group(2), Boolean.parseBoolean(m.group(3))));
                n++;
            }
            if (n < 100) {
                break;
            }
        }
        return stored;
    }

    static long id(String body) {
        Matcher m = Pattern.compile("\"id\":(\\d+)").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + body);
        }
        return Long.parseLong(m.group(1));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
