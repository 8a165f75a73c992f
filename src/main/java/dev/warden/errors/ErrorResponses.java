package dev.warden.errors;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The error responses of the OpenAPI document ({@code /q/openapi}), derived from where failures arise rather than
 * repeated on every operation: every {@code /api} operation can answer 401 (token), 500 and 503 (issuer keys or
 * database unavailable); one under {@code {userId}} also 403, one on the tasks also 429 (their create also 409), one
 * under {@code {id}} also 404, one with query parameters 422 (they are checked), one with a JSON body 400, 413, 415
 * and 422. Each response carries the
 * {@link ErrorBody} schema and an example per error code, taken from {@link ErrorCode}, so the document and the
 * wire cannot disagree on them.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
// The document's info is set in application.properties (quarkus.smallrye-openapi.info-*, which Quarkus gives
// precedence); this definition is here to put the Error schema into the components.
@OpenAPIDefinition(info = @Info(title = "Warden API", version = "1"),
        components = @Components(schemas = @Schema(name = "Error", implementation = ErrorBody.class)))
public class ErrorResponses implements OASFilter {

    private static final String ERROR_SCHEMA = "#/components/schemas/Error";
    private static final String TASKS = "/api/{userId}/tasks";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        var errorCode = openAPI.getComponents().getSchemas().get("Error").getProperties().get("error_code");
        if (errorCode == null) {
            throw new IllegalStateException("The Error schema has no error_code: OpenAPI must name properties as Jackson "
                    + "does (mp.openapi.extensions.smallrye.property-naming-strategy)");
        }
        errorCode.setEnumeration(Arrays.stream(ErrorCode.values()).map(c -> (Object) c.code()).toList());
        for (HttpStatus status : HttpStatus.values()) {
            if (status.response != null) {
                openAPI.getComponents().addResponse(status.response, response(status));
            }
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.getOperations().forEach((method, operation) -> addErrors(path, method, operation));
            }
        });
    }

    private static void addErrors(String path, PathItem.HttpMethod method, Operation operation) {
        // These rules are the whole truth: they replace the generic 401/403 that Quarkus adds to secured operations.
        List.copyOf(operation.getResponses().getAPIResponses().keySet()).stream()
                .filter(status -> status.compareTo("400") >= 0)
                .forEach(operation.getResponses()::removeAPIResponse);
        Set<HttpStatus> statuses = EnumSet.of(HttpStatus.UNAUTHORIZED, HttpStatus.INTERNAL_SERVER_ERROR,
                HttpStatus.SERVICE_UNAVAILABLE);
        if (path.contains("{userId}")) {
            statuses.add(HttpStatus.FORBIDDEN);
        }
        if (path.startsWith(TASKS)) {
            // The tasks spend the database, so they spend the caller's rate limits (dev.warden.limits.RateLimited).
            statuses.add(HttpStatus.TOO_MANY_REQUESTS);
            if (path.equals(TASKS) && method == PathItem.HttpMethod.POST) {
                // The one write that adds to what the account holds, and so can meet the task quota.
                statuses.add(HttpStatus.CONFLICT);
            }
        }
        if (path.contains("{id}")) {
            statuses.add(HttpStatus.NOT_FOUND);
        }
        if (operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() == org.eclipse.microprofile.openapi.models.parameters.Parameter.In.QUERY)) {
            statuses.add(HttpStatus.UNPROCESSABLE_ENTITY);
        }
        if (operation.getRequestBody() != null) {
            statuses.addAll(List.of(HttpStatus.BAD_REQUEST, HttpStatus.PAYLOAD_TOO_LARGE,
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE, HttpStatus.UNPROCESSABLE_ENTITY));
        }
        // In the enum's order, which is the statuses' own.
        for (HttpStatus status : statuses) {
            operation.getResponses().addAPIResponse(Integer.toString(status.code),
                    OASFactory.createAPIResponse().ref("#/components/responses/" + status.response));
        }
    }

    private static APIResponse response(HttpStatus status) {
        Map<String, Example> examples = new LinkedHashMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            if (code.httpStatus() == status) {
                examples.put(code.code(), OASFactory.createExample().value(example(code)));
            }
        }
        MediaType json = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_SCHEMA)).examples(examples);
        APIResponse response = OASFactory.createAPIResponse().description(status.when)
                .content(OASFactory.createContent().addMediaType("application/json", json));
        if (status == HttpStatus.UNAUTHORIZED) {
            Header challenge = OASFactory.createHeader().required(true)
                    .description("Bearer, with error and error_description when a token was sent")
                    .schema(OASFactory.createSchema().addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING));
            response.addHeader("WWW-Authenticate", challenge);
        }
        if (status == HttpStatus.TOO_MANY_REQUESTS) {
            Header retry = OASFactory.createHeader().required(true)
                    .description("Whole seconds until a request of the same kind would pass")
                    .schema(OASFactory.createSchema().addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.INTEGER)
                            .minimum(java.math.BigDecimal.ONE));
            response.addHeader("Retry-After", retry);
        }
        return response;
    }

    private static Map<String, Object> example(ErrorCode code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code.error());
        body.put("error_code", code.code());
        body.put("message", code.defaultMessage());
        if (code == ErrorCode.VALIDATION_FAILED) {
            body.put("field_errors", List.of(Map.of("field", "title", "message", "must not be blank")));
        }
        return body;
    }
}
