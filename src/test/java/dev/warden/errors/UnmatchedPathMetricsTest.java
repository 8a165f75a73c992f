package dev.warden.errors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.warden.support.JwksServer;
import dev.warden.support.Management;
import dev.warden.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Paths that match no route never become label values: scanners and user ids would make a series each. */
@QuarkusTest
@WithTestResource(JwksServer.class)
class UnmatchedPathMetricsTest {

    private static final Pattern URI = Pattern.compile("(?m)^http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"");

    private final TestTokens tokens = TestTokens.load();

    @Test
    void unmatchedPathsShareOneUriTagWhateverTheStatus() {
        String marker = "zz" + UUID.randomUUID().toString().replace("-", "");
        List<String> paths = List.of("/api/" + marker + "/junk", "/api/" + marker + "-x/tasks/1/2/3", "/" + marker,
                "/api/v1/" + marker, "/q/" + marker);
        for (String path : paths) {
            given().auth().oauth2("not-a-token").get(path).then().statusCode(401);
            given().get(path).then().statusCode(404);
            given().auth().oauth2(tokens.forUser(TestTokens.newUserId())).get(path).then().statusCode(404);
        }
        // A route that exists, with a method it does not have.
        given().auth().oauth2(tokens.forUser(marker)).delete("/api/" + marker + "/tasks").then().statusCode(405);

        Set<String> uris = uris();
        assertThat(uris).noneMatch(uri -> uri.contains(marker));
        assertThat(Management.metrics()).containsPattern(
                "http_server_requests_seconds_count\\{method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"401\",uri=\"NOT_FOUND\"}");
    }

    @Test
    void matchedRoutesKeepTheirTemplate() {
        String user = TestTokens.newUserId();
        given().auth().oauth2("not-a-token").get("/api/" + user + "/tasks").then().statusCode(401);
        given().auth().oauth2(tokens.forUser(user)).get("/api/" + user + "/tasks").then().statusCode(200);
        assertThat(uris()).contains("/api/{userId}/tasks").noneMatch(uri -> uri.contains(user));
    }

    private static Set<String> uris() {
        Matcher m = URI.matcher(Management.metrics());
        Set<String> uris = new TreeSet<>();
        while (m.find()) {
            uris.add(m.group(1));
        }
        return uris;
    }
}
