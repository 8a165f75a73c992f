package dev.warden.tasks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;

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
     * A page and the total in one statement, with both bounded: the inner query takes the first {@link
     * TaskQuery#MAX_TOTAL} matching rows in the page's order (the owner's index walked that far for the date sorts),
     * {@code count(*) over ()} counts those, and the page is cut from them. A list costs at most that many rows however
     * many the user holds; without the inner limit the count walked, and fetched, every matching row. The outer order
     * is the inner one, which PostgreSQL knows, so it sorts nothing twice. Native SQL, as HQL cannot limit a
     * subquery of the from clause.
     */
    @SuppressWarnings("unchecked")
    TaskPage pageOwned(String userId, TaskQuery query) {
        String where = switch (query.status()) {
            case TaskQuery.PENDING -> " and completed = false";
            case TaskQuery.COMPLETED -> " and completed = true";
            default -> "";
        };
        String column = switch (query.sort()) {
            case TaskQuery.BY_TITLE -> "title";
            case TaskQuery.BY_UPDATED -> "updated_at";
            default -> "created_at";
        };
        String direction = query.descending() ? " desc" : " asc";
        // id breaks ties so that paging never shows a row twice or skips one.
        String order = " order by " + column + direction + ", id" + direction;
        List<Object[]> rows = getSession()
                .createNativeQuery("select id, title, description, completed, created_at, updated_at,"
                        + " count(*) over () as total from (select id, title, description, completed, created_at,"
                        + " updated_at from tasks where user_id = :userId" + where + order + " limit :cap) t"
                        + order + " offset :offset limit :size", Object[].class)
                .addScalar("id", Long.class).addScalar("title", String.class).addScalar("description", String.class)
                .addScalar("completed", Boolean.class).addScalar("created_at", Instant.class)
                .addScalar("updated_at", Instant.class).addScalar("total", Long.class)
                .setParameter("userId", userId)
                .setParameter("cap", TaskQuery.MAX_TOTAL)
                .setParameter("offset", query.offset())
                .setParameter("size", query.size())
                .getResultList();
        long total = rows.isEmpty() ? countPastTheEnd(userId, query, where) : (Long) rows.get(0)[6];
        List<TaskView> items = rows.stream().map(r -> new TaskView((Long) r[0], (String) r[1], (String) r[2],
                (Boolean) r[3], (Instant) r[4], (Instant) r[5])).toList();
        return new TaskPage(items, query.page(), query.size(), total);
    }

    /** An empty page says nothing about the total, unless it is the first one; counted to the same bound. */
    private long countPastTheEnd(String userId, TaskQuery query, String where) {
        return query.page() == 1 ? 0 : ((Number) getSession()
                .createNativeQuery("select count(*) from (select 1 from tasks where user_id = :userId" + where
                        + " limit :cap) t", Long.class)
                .setParameter("userId", userId).setParameter("cap", TaskQuery.MAX_TOTAL)
                .getSingleResult()).longValue();
    }

    /**
     * How many tasks the user holds, from {@code task_counts}, which a trigger keeps: O(1) whatever the user holds,
     * where counting the tasks themselves would walk them all on every create. After an insert of the same
     * transaction the row is locked to its commit (see {@code TaskService.create}).
     */
    long countOwned(String userId) {
        return ((Number) getSession().createNativeQuery("select tasks from task_counts where user_id = :userId",
                        Long.class)
                .setParameter("userId", userId)
                .getSingleResult()).longValue();
    }

    boolean deleteOwned(String userId, long id) {
        return delete("id = :id and userId = :userId", Parameters.with("id", id).and("userId", userId)) > 0;
    }
}
