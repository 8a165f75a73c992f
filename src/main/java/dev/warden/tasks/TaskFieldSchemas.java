package dev.warden.tasks;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * SmallRye OpenAPI copies the {@code @Schema} of {@link TaskTitle} and {@link TaskDescription} into every field that
 * carries them, and also lists each annotation as a component schema of its own that nothing references: those two
 * leave the document here.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class TaskFieldSchemas implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        for (Class<?> field : List.of(TaskTitle.class, TaskDescription.class)) {
            openAPI.getComponents().removeSchema(field.getSimpleName());
        }
    }
}
