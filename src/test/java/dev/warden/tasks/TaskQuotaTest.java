package dev.warden.tasks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.warden.config.WardenConfig;
import dev.warden.support.JwksServer;
import dev.warden.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(JwksServer.class)
class TaskQuotaTest {

    @Inject
    DataSource dataSource;

    @Inject
    WardenConfig config;

    private final TestTokens tokens = TestTokens.load();
    private final String user = TestTokens.newUserId();
    private final String tasks = "/api/" + user + "/tasks";

    private io.restassured.response.Response create(String title) {
        return given().auth().oauth2(tokens.forUser(user)).contentType("application/json")
                .body(Map.of("title", title)).post(tasks);
    }

    /** Rows put straight into the table, as a script would: the count follows them all the same. */
    private void seed(long rows) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "insert into tasks (user_id, title) select ?, 'seeded ' || g from generate_series(1, ?) g")) {
            insert.setString(1, user);
            insert.setLong(2, rows);
            insert.executeUpdate();
        }
    }

    private long stored() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement count = c.prepareStatement("select count(*) from tasks where user_id = ?")) {
            count.setString(1, user);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void createPastTheQuotaIsConflictWithItsOwnCode() throws SQLException {
        long max = config.tasks().maxPerUser();
        seed(max - 1);
        long last = create("the last one allowed").then().statusCode(201).extract().jsonPath().getLong("id");
        create("one too many").then().statusCode(409)
                .body("error", equalTo("Conflict"))
                .body("error_code", equalTo("task_quota_exceeded"))
                .body("message", equalTo("The task limit of this account (" + max + ") is reached: delete tasks to add new ones"));
        assertThat(stored()).isEqualTo(max);

        given().auth().oauth2(tokens.forUser(user)).delete(tasks + "/" + last).then().statusCode(204);
        create("room again after a delete").then().statusCode(201);
    }

    @Test
    void concurrentCreatesCannotExceedTheQuota() throws Exception {
        long max = config.tasks().maxPerUser();
        int room = 5;
        int attempts = 24;
        seed(max - room);
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                String title = "racer " + i;
                Callable<Integer> racer = () -> {
                    start.await();
                    return create(title).statusCode();
                };
                answers.add(pool.submit(racer));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(room);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(attempts - room);
        } finally {
            pool.shutdownNow();
        }
        assertThat(stored()).isEqualTo(max);
    }
}
