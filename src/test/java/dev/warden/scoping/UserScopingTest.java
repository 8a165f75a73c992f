package dev.warden.scoping;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.warden.auth.MeResource;
import dev.warden.support.JwksServer;
import dev.warden.support.TestTokens;
import dev.warden.tasks.TaskResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(JwksServer.class)
class UserScopingTest {

    private static final String FORBIDDEN_MESSAGE = "Access denied: cannot access another user's resources";

    private final TestTokens tokens = TestTokens.load();
    private final String alice = TestTokens.newUserId();
    private final String bob = TestTokens.newUserId();

    private RequestSpecification asAlice() {
        return given().auth().oauth2(tokens.forUser(alice)).contentType("application/json")
                // Send paths byte for byte as written here: no client-side re-encoding of the tricks below.
                .urlEncodingEnabled(false)
                .config(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)));
    }

    private long bobsTask() {
        return given().auth().oauth2(tokens.forUser(bob)).contentType("application/json")
                .body("{\"title\":\"bob's secret\"}")
                .post("/api/" + bob + "/tasks").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void forbidsEveryTaskRouteOfAnotherUser() {
        long id = bobsTask();
        String base = "/api/" + bob;
        List<RequestSpecificationCall> calls = List.of(
                s -> s.get(base + "/me"),
                s -> s.get(base + "/tasks"),
                s -> s.body("{\"title\":\"x\"}").post(base + "/tasks"),
                s -> s.get(base + "/tasks/" + id),
                s -> s.body("{\"title\":\"x\"}").put(base + "/tasks/" + id),
                s -> s.body("{\"title\":\"x\"}").patch(base + "/tasks/" + id),
                s -> s.patch(base + "/tasks/" + id + "/complete"),
                s -> s.delete(base + "/tasks/" + id));
        for (RequestSpecificationCall call : calls) {
            call.send(asAlice()).then().statusCode(403).contentType("application/json")
                    .body("error", equalTo("Forbidden"))
                    .body("error_code", equalTo("forbidden"))
                    .body("message", equalTo(FORBIDDEN_MESSAGE));
        }
        // Nothing of Bob's changed while Alice was refused.
        given().auth().oauth2(tokens.forUser(bob)).get("/api/" + bob + "/tasks/" + id)
                .then().statusCode(200).body("title", equalTo("bob's secret")).body("completed", equalTo(false));
    }

    interface RequestSpecificationCall {
        io.restassured.response.Response send(RequestSpecification spec);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "/api/{bob}%2F..%2F{alice}/tasks",
            "/api/{alice}%2F..%2F{bob}/tasks",
            "/api/{alice}%2f%2e%2e%2f{bob}/tasks",
            "/api/{alice}/..%2F{bob}/tasks",
            "/api/%2e%2e/{bob}/tasks",
            "/api/{alice}/../{bob}/tasks",
            "/api/{alice}/%2e%2e/{bob}/tasks",
            "/api/{bob};{alice}/tasks",
            "/api/{bob};user={alice}/tasks",
            "/api/{bob}/tasks/",
            "/api/{bob}/tasks;x=1",
            "/api/{bob}%00/tasks",
            "/api/{BOB}/tasks",
            "/api/{bob}%20/tasks",
            "/api/%7B{bob}%7D/tasks",
            "/api//{bob}/tasks",
    })
    void encodingTricksNeverReachAnotherUsersTasks(String template) {
        String path = template.replace("{alice}", alice).replace("{bob}", bob).replace("{BOB}", bob.toUpperCase());
        int status = asAlice().get(path).then().extract().statusCode();
        // Refused, or routed nowhere; never Bob's list.
        assertThat(status).as(path).isIn(400, 403, 404);
    }

    @Test
    void upperCaseOfOwnIdIsAnotherUser() {
        asAlice().get("/api/" + alice.toUpperCase() + "/tasks").then().statusCode(403);
    }

    @Test
    void allowsOwnScopeWithTrailingSlashAndMatrixParameters() {
        asAlice().get("/api/" + alice + "/tasks/").then().statusCode(200);
        asAlice().get("/api/" + alice + "/me").then().statusCode(200).body("user_id", equalTo(alice));
    }

    /** Every resource class compiled into the app, found on disk so that a new one cannot be forgotten here. */
    private static List<Class<?>> resourceClasses() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of(
                TaskResource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (var files = java.nio.file.Files.walk(root)) {
            List<Class<?>> resources = new java.util.ArrayList<>();
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, TaskResource.class.getClassLoader());
                if (type.isAnnotationPresent(Path.class)) {
                    resources.add(type);
                }
            }
            return resources;
        }
    }

    @Test
    void everyResourceUnderAUserPathIsUserScoped() throws Exception {
        List<Class<?>> resources = resourceClasses();
        assertThat(resources).contains(TaskResource.class, MeResource.class);
        for (Class<?> resource : resources) {
            Path classPath = resource.getAnnotation(Path.class);
            boolean classScoped = resource.isAnnotationPresent(UserScoped.class);
            for (Method method : resource.getDeclaredMethods()) {
                String path = classPath.value() + "/" + (method.isAnnotationPresent(Path.class)
                        ? method.getAnnotation(Path.class).value()
                        : "");
                if (path.contains("{userId}") && Arrays.stream(method.getAnnotations()).anyMatch(
                        a -> a.annotationType().getPackageName().equals("jakarta.ws.rs")
                                && a.annotationType().getSimpleName().matches("GET|POST|PUT|PATCH|DELETE"))) {
                    assertThat(classScoped || method.isAnnotationPresent(UserScoped.class))
                            .as(resource.getSimpleName() + "." + method.getName()).isTrue();
                }
            }
        }
    }
}
