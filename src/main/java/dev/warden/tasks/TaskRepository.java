package dev.warden.tasks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Every query names the owner: there is no way to reach a task by id alone. */
@ApplicationScoped
class TaskRepository implements PanacheRepository<Task> {

    /** The columns a client sees, straight into {@link TaskView}: reads hydrate no managed entity. */
    private static final String VIEW = "t.id, t.title, t.description, t.completed, t.createdAt, t.updatedAt";

    Optional<Task> findOwned(String userId, long id) {
        return find("id = :id and userId = :userId", Parameters.with("id", id).and("userId", userId))
                .firstResultOptional();
    }

    Optional<TaskView> viewOwned(String userId, long id) {
        return getSession()
                .createSelectionQuery("select new dev.warden.tasks.TaskView(" + VIEW + ") from Task t"
                        + " where t.id = :id and t.userId = :userId", TaskView.class)
                .setParameter("id", id).setParameter("userId", userId)
                .uniqueResultOptional();
    }

    /**
     * A page and the total in one statement: {@code count(*) over ()} counts every row that matches before the page is
     * cut. PostgreSQL walks the owner's rows once either way (a separate {@code count(*)} did the same walk again, in a
     * second round trip, and as a prepared statement its generic plan could scan the whole table).
     */
    TaskPage pageOwned(String userId, TaskQuery query) {
        String where = switch (query.status()) {
            case TaskQuery.PENDING -> " and t.completed = false";
            case TaskQuery.COMPLETED -> " and t.completed = true";
            default -> "";
        };
        String column = switch (query.sort()) {
            case TaskQuery.BY_TITLE -> "t.title";
            case TaskQuery.BY_UPDATED -> "t.updatedAt";
            default -> "t.createdAt";
        };
        String direction = query.descending() ? " desc" : " asc";
        // id breaks ties so that paging never shows a row twice or skips one.
        List<Row> rows = getSession()
                .createSelectionQuery("select new dev.warden.tasks.TaskRepository$Row(" + VIEW + ", count(*) over ())"
                        + " from Task t where t.userId = :userId" + where
                        + " order by " + column + direction + ", t.id" + direction, Row.class)
                .setParameter("userId", userId)
                .setFirstResult((query.page() - 1) * query.size())
                .setMaxResults(query.size())
                .getResultList();
        long total = rows.isEmpty() ? countPastTheEnd(userId, query, where) : rows.get(0).total();
        return new TaskPage(rows.stream().map(Row::view).toList(), query.page(), query.size(), total);
    }

    /** An empty page says nothing about the total, unless it is the first one. */
    private long countPastTheEnd(String userId, TaskQuery query, String where) {
        return query.page() == 1 ? 0 : count("from Task t where t.userId = :userId" + where,
                Parameters.with("userId", userId));
    }

    boolean deleteOwned(String userId, long id) {
        return delete("id = :id and userId = :userId", Parameters.with("id", id).and("userId", userId)) > 0;
    }

    @RegisterForReflection
    record Row(long id, String title, String description, boolean completed, Instant createdAt, Instant updatedAt,
            long total) {

        TaskView view() {
            return new TaskView(id, title, description, completed, createdAt, updatedAt);
        }
    }
}
