package dev.warden.tasks;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** Every query names the owner: there is no way to reach a task by id alone. */
@ApplicationScoped
class TaskRepository implements PanacheRepository<Task> {

    Optional<Task> findOwned(String userId, long id) {
        return find("id = :id and userId = :userId", Parameters.with("id", id).and("userId", userId))
                .firstResultOptional();
    }

    PanacheQuery<Task> listOwned(String userId, TaskQuery query) {
        String where = switch (query.status()) {
            case "pending" -> "userId = :userId and completed = false";
            case "completed" -> "userId = :userId and completed = true";
            default -> "userId = :userId";
        };
        Sort.Direction direction = query.descending() ? Sort.Direction.Descending : Sort.Direction.Ascending;
        String column = switch (query.sort()) {
            case "title" -> "title";
            case "updated" -> "updatedAt";
            default -> "createdAt";
        };
        // id breaks ties so that paging never shows a row twice or skips one.
        Sort sort = Sort.by(column, direction).and("id", direction);
        return find(where, sort, Parameters.with("userId", userId)).page(Page.of(query.page() - 1, query.size()));
    }

    boolean deleteOwned(String userId, long id) {
        return delete("id = :id and userId = :userId", Parameters.with("id", id).and("userId", userId)) > 0;
    }
}
