package dev.warden.tasks;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.warden.errors.ApiException;
import dev.warden.limits.RateLimited;
import dev.warden.scoping.UserScoped;
import io.quarkus.security.Authenticated;

/**
 * Tasks of one user. {@link UserScoped} has already checked that {@code {userId}} is the caller; the owner
 * used below is still taken from the token, so the path can never widen what a query reaches. The error
 * responses every operation can give are added to the OpenAPI document by {@code dev.warden.errors.ErrorResponses}.
 */
@Path("/api/{userId}/tasks")
@Tag(name = "Tasks", description = "The caller's own tasks; {userId} must be the token's sub")
@Authenticated
@UserScoped
@RateLimited
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    // Constructor injection, as every bean has it: alike in shape to the others, with nothing to share.
    private final TaskService tasks;
    private final JsonWebToken token;

    public TaskResource(TaskService tasks, JsonWebToken token) {
        this.tasks = tasks;
        this.token = token;
    }

    @GET
    @Operation(operationId = "listTasks", summary = "List the caller's tasks, filtered, sorted and paged")
    public TaskPage list(
            @Parameter(description = "Which tasks", schema = @Schema(type = SchemaType.STRING,
                    enumeration = { TaskQuery.ALL, TaskQuery.PENDING, TaskQuery.COMPLETED },
                    defaultValue = TaskQuery.ALL))
            @QueryParam("status") String status,
            @Parameter(description = "Sort key", schema = @Schema(type = SchemaType.STRING,
                    enumeration = { TaskQuery.BY_CREATED, TaskQuery.BY_TITLE, TaskQuery.BY_UPDATED },
                    defaultValue = TaskQuery.BY_CREATED))
            @QueryParam("sort") String sort,
            @Parameter(description = "Sort direction; by default asc for title, desc (newest first) for the dates",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "asc", "desc" }))
            @QueryParam("order") String order,
            @Parameter(description = "Page number, from 1; (page - 1) * size may be at most " + TaskQuery.MAX_OFFSET,
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + TaskQuery.MAX_PAGE,
                            defaultValue = "1"))
            @QueryParam("page") String page,
            @Parameter(description = "Tasks per page", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "" + TaskQuery.MAX_PAGE_SIZE, defaultValue = "" + TaskQuery.DEFAULT_PAGE_SIZE))
            @QueryParam("size") String size) {
        return tasks.list(owner(), TaskQuery.parse(status, sort, order, page, size));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createTask", summary = "Create a task")
    @APIResponse(responseCode = "201", description = "Created; Location is the new task's URL",
            headers = @Header(name = "Location", required = true, description = "URL of the new task",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TaskView.class)))
    public Response create(@NotNull @Valid NewTask task, @Context UriInfo uri) {
        TaskView created = tasks.create(owner(), task);
        URI location = uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build();
        return Response.created(location).entity(created).build();
    }

    // One service call and the same 404 per operation: alike in shape, and a helper would only hide which call it is.
    @GET
    @Path("{id}")
    @Operation(operationId = "getTask", summary = "Read one task")
    public TaskView get(@PathParam("id") long id) {
        return tasks.find(owner(), id).orElseThrow(ApiException::notFound);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceTask",
            summary = "Replace a task (a missing description clears it, a missing completed is false)")
    public TaskView replace(@PathParam("id") long id, @NotNull @Valid TaskReplacement task) {
        return tasks.replace(owner(), id, task).orElseThrow(ApiException::notFound);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "patchTask", summary = "Change the fields that are sent (description null clears it)",
            description = "A patch that changes nothing (such as {}, or only the values the task already has) leaves "
                    + "the task as it was, updated_at included, and answers it with 200.")
    public TaskView patch(@PathParam("id") long id, @NotNull @Valid TaskPatch task) {
        return tasks.patch(owner(), id, task).orElseThrow(ApiException::notFound);
    }

    @PATCH
    @Path("{id}/complete")
    @Operation(operationId = "toggleTaskCompleted", summary = "Toggle a task between pending and completed")
    public TaskView toggleCompleted(@PathParam("id") long id) {
        return tasks.toggleCompleted(owner(), id).orElseThrow(ApiException::notFound);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteTask", summary = "Delete a task")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") long id) {
        if (!tasks.delete(owner(), id)) {
            throw ApiException.notFound();
        }
        return Response.noContent().build();
    }

    private String owner() {
        return token.getSubject();
    }
}
