package dev.warden.support;

import static dev.warden.support.Management.management;
import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;

/**
 * The OpenAPI document the running app serves at {@code /q/openapi}, as a validator of real responses (Vert.x
 * OpenAPI, which reads OpenAPI 3.1): {@link #check} fails unless the operation the request reached declares the
 * response's status, with its headers and a body that fits the schema. It remembers what it checked, so a test can
 * tell which documented responses were never seen.
 */
public final class OpenApiContract {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private final OpenAPIContract contract;
    private final ResponseValidator validator;
    private final Set<String> seen = new TreeSet<>();

    private OpenApiContract(Vertx vertx, OpenAPIContract contract) {
        this.contract = contract;
        this.validator = ResponseValidator.create(vertx, contract);
    }

    public static OpenApiContract served(Vertx vertx) {
        String document = management().accept("application/json").get("/q/openapi").then().statusCode(200).extract().asString();
        return new OpenApiContract(vertx, await(OpenAPIContract.from(vertx, new JsonObject(document)).toCompletionStage()));
    }

    /** The raw document, for tests that read parameters' enums and bounds from it. */
    public JsonObject document() {
        return contract.getRawContract();
    }

    /** Validates {@code response}, the answer to {@code method} on {@code path}, and returns it. */
    public Response check(String method, String path, Response response) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        Operation operation = contract.findOperation(bare, HttpMethod.valueOf(method));
        if (operation == null) {
            throw new AssertionError("no operation in /q/openapi for " + method + " " + bare);
        }
        int status = response.statusCode();
        Map<String, String> headers = new HashMap<>();
        var declared = operation.getResponse(status);
        if (declared != null) {
            // The validator looks headers up by the name the document gives them; HTTP names are case-insensitive.
            declared.getHeaders().forEach(h -> {
                String value = response.header(h.getName());
                if (value != null) {
                    // Vert.x decodes a string header as JSON when it is not a bare word, so a value with quotes in it
                    // (Bearer error="invalid_token", ...) fails to decode: hand it over as the JSON string it means.
                    headers.put(h.getName(), value.matches("\\w+") ? value : Json.encode(value));
                }
            });
        }
        byte[] body = response.asByteArray();
        // The document names media types without parameters; the validator matches them exactly.
        String mediaType = response.contentType() == null ? "" : response.contentType().split(";")[0].strip();
        ValidatableResponse actual = body.length == 0
                ? ValidatableResponse.create(status, headers)
                : ValidatableResponse.create(status, headers, Buffer.buffer(body), mediaType);
        try {
            await(validator.validate(actual, operation.getOperationId()).toCompletionStage());
        } catch (AssertionError e) {
            throw new AssertionError(method + " " + path + " answered " + status + " " + response.asString()
                    + ", which /q/openapi does not allow: " + e.getMessage(), e.getCause());
        }
        seen.add(operation.getOperationId() + " " + status);
        return response;
    }

    /** Every documented "operationId status" pair. */
    public Set<String> documented() {
        Set<String> all = new TreeSet<>();
        JsonObject paths = document().getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            if (!(paths.getValue(path) instanceof JsonObject item)) {
                continue; // the validator's own bookkeeping entries
            }
            for (String method : item.fieldNames()) {
                if (!METHODS.contains(method)) {
                    continue; // path-level parameters, summary, ...
                }
                JsonObject operation = item.getJsonObject(method);
                operation.getJsonObject("responses").fieldNames().stream().filter(status -> status.matches("\\d{3}"))
                        .forEach(status -> all.add(operation.getString("operationId") + " " + status));
            }
        }
        return all;
    }

    public Set<String> seen() {
        return seen;
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause().getMessage(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
