package dev.warden.scoping;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.warden.auth.MeResource;
import dev.warden.support.JwksServer;
import dev.warden.support.TestTokens;
import dev.warden.tasks.TaskResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.security.Authenticated;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;

@QuarkusTest
@WithTestResource(JwksServer.class)
class UserScopingTest {

    private static final String FORBIDDEN_MESSAGE = "Access denied: cannot access another user's resources";

    @Inject
    Router router;

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

    /** A method's JAX-RS verb, {@code @HEAD} and {@code @OPTIONS} included: any annotation marked {@link HttpMethod}. */
    private static boolean isEndpoint(Method method) {
        return Arrays.stream(method.getAnnotations()).anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class));
    }

    private static String join(String base, Path path) {
        return path == null ? base : (base + "/" + path.value()).replaceAll("/+", "/");
    }

    private static boolean has(AnnotatedElement element, Class<? extends Annotation> annotation) {
        return element.isAnnotationPresent(annotation);
    }

    /**
     * Every endpoint under {@code /api}, sub-resources reached through a locator included, each with what guards it:
     * a token requirement ({@code @Authenticated} or {@code @RolesAllowed}, never {@code @PermitAll}) and, under a
     * {@code {userId}}, the user-scope check, each on the endpoint or its own class. A locator's annotations do not
     * count: JAX-RS binds filters such as {@link UserScopeFilter} to resource methods, never to locators.
     */
    private static void walk(Class<?> type, String base, List<String> found, List<String> unguarded) {
        boolean classToken = has(type, Authenticated.class) || has(type, RolesAllowed.class);
        for (Method method : type.getDeclaredMethods()) {
            String path = join(base, method.getAnnotation(Path.class));
            if (isEndpoint(method)) {
                if (path.startsWith("/api")) {
                    boolean token = !has(method, PermitAll.class) && (has(method, Authenticated.class)
                            || has(method, RolesAllowed.class) || (classToken && !has(type, PermitAll.class)));
                    boolean scope = has(type, UserScoped.class) || has(method, UserScoped.class);
                    String name = type.getSimpleName() + "." + method.getName() + " " + path;
                    found.add(name);
                    if (!token || (path.contains("{" + UserScoped.PATH_PARAM + "}") && !scope)) {
                        unguarded.add(name);
                    }
                }
            } else if (has(method, Path.class)) {
                // A sub-resource locator: what it returns serves the rest of the path.
                walk(method.getReturnType(), path, found, unguarded);
            }
        }
    }

    @Test
    void everyApiEndpointRequiresATokenAndEveryUserPathIsUserScoped() throws Exception {
        List<Class<?>> resources = resourceClasses();
        assertThat(resources).contains(TaskResource.class, MeResource.class);
        List<String> found = new ArrayList<>();
        List<String> unguarded = new ArrayList<>();
        for (Class<?> resource : resources) {
            walk(resource, join("", resource.getAnnotation(Path.class)), found, unguarded);
        }
        assertThat(found).as("the walk sees the API").anyMatch(e -> e.contains("{userId}/tasks"))
                .anyMatch(e -> e.endsWith("/api/v1/me"));
        assertThat(unguarded).as("endpoints under /api without a token requirement or the user-scope check").isEmpty();
    }

    /** The walk itself: a locator, HEAD and OPTIONS are seen, and a missing guard on each is reported. */
    @Test
    void theWalkSeesLocatorsHeadAndOptions() {
        List<String> found = new ArrayList<>();
        List<String> unguarded = new ArrayList<>();
        walk(Unguarded.class, "/api/{userId}", found, unguarded);
        assertThat(found).containsExactlyInAnyOrder("Unguarded.head /api/{userId}", "Unguarded.options /api/{userId}",
                "Child.get /api/{userId}/child");
        assertThat(unguarded).containsExactlyInAnyOrderElementsOf(found);
        found.clear();
        unguarded.clear();
        walk(Guarded.class, "/api/{userId}", found, unguarded);
        assertThat(found).hasSize(2);
        assertThat(unguarded).isEmpty();
    }

    /** An endpoint that names no requirement is refused to everyone, with or without a token. */
    @Test
    void anEndpointWithoutASecurityAnnotationIsRefused() {
        given().get("/unannotated-probe").then().statusCode(401);
        given().auth().oauth2(tokens.forUser(alice)).get("/unannotated-probe").then().statusCode(403);
    }

    /** Vert.x routes bypass both the security annotations and the user-scope filter: none may serve /api. */
    @Test
    void noVertxRouteServesTheApi() throws Exception {
        List<String> routes = router.getRoutes().stream().map(Route::getPath).filter(p -> p != null && p.startsWith("/api"))
                .toList();
        assertThat(routes).as("Vert.x routes under /api").isEmpty();
        List<String> annotated = new ArrayList<>();
        java.nio.file.Path root = java.nio.file.Path.of(
                TaskResource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (var files = java.nio.file.Files.walk(root)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                for (Method method : Class.forName(name, false, TaskResource.class.getClassLoader()).getDeclaredMethods()) {
                    if (Arrays.stream(method.getAnnotations()).anyMatch(a -> a.annotationType().getName()
                            .startsWith("io.quarkus.vertx.web.Route"))) {
                        annotated.add(name + "." + method.getName());
                    }
                }
            }
        }
        assertThat(annotated).as("@Route methods (reactive routes): the API is JAX-RS only").isEmpty();
    }

    /** Walked by hand only: without a class-level path, Quarkus REST does not serve it. */
    static class Unguarded {
        @HEAD
        public void head() {
        }

        @OPTIONS
        public void options() {
        }

        @Path("child")
        public Child child() {
            return new Child();
        }
    }

    @Authenticated
    static class Child {
        @GET
        public String get() {
            return "";
        }
    }

    @Authenticated
    static class Guarded {
        @HEAD
        @UserScoped
        public void head() {
        }

        @Path("child")
        public ScopedChild child() {
            return new ScopedChild();
        }
    }

    @Authenticated
    @UserScoped
    static class ScopedChild {
        @GET
        public String get() {
            return "";
        }
    }
}
