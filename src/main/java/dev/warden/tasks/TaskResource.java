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

import dev.warden.errors.ApiException;
import dev.warden.scoping.UserScoped;
import io.quarkus.security.Authenticated;

/**
 * Tasks of one user. {@link UserScoped} has already checked that {@code {userId}} is the caller; the owner
 * used below is still taken from the token, so the path can never widen what a query reaches.
 */
@Path("/api/{userId}/tasks")
@Authenticated
@UserScoped
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    private final TaskService tasks;
    private final JsonWebToken token;

    public TaskResource(TaskService tasks, JsonWebToken token) {
        this.tasks = tasks;
        this.token = token;
    }

    @GET
    public TaskPage list(@QueryParam("status") String status, @QueryParam("sort") String sort,
            @QueryParam("order") String order, @QueryParam("page") String page, @QueryParam("size") String size) {
        return tasks.list(owner(), TaskQuery.parse(status, sort, order, page, size));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@NotNull @Valid NewTask task, @Context UriInfo uri) {
        TaskView created = tasks.create(owner(), task);
        URI location = uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build();
        return Response.created(location).entity(created).build();
    }

    @GET
    @Path("{id}")
    public TaskView get(@PathParam("id") long id) {
        return tasks.find(owner(), id).orElseThrow(ApiException::notFound);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public TaskView replace(@PathParam("id") long id, @NotNull @Valid TaskReplacement task) {
        return tasks.replace(owner(), id, task).orElseThrow(ApiException::notFound);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public TaskView patch(@PathParam("id") long id, @NotNull @Valid TaskPatch task) {
        return tasks.patch(owner(), id, task).orElseThrow(ApiException::notFound);
    }

    @PATCH
    @Path("{id}/complete")
    public TaskView toggleCompleted(@PathParam("id") long id) {
        return tasks.toggleCompleted(owner(), id).orElseThrow(ApiException::notFound);
    }

    @DELETE
    @Path("{id}")
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
