package dev.warden.tasks;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.warden.config.WardenConfig;
import dev.warden.errors.ApiException;
import dev.warden.errors.ErrorCode;

/** Owns the transactions of the writes; every method takes the owner and can only see that owner's tasks. */
@ApplicationScoped
class TaskService {

    private final TaskRepository repository;
    private final long maxPerUser;

    TaskService(TaskRepository repository, WardenConfig config) {
        this.repository = repository;
        this.maxPerUser = config.tasks().maxPerUser();
    }

    /** Reads run in no transaction: one statement each, on a connection in auto-commit. */
    TaskPage list(String userId, TaskQuery query) {
        return repository.pageOwned(userId, query);
    }

    Optional<TaskView> find(String userId, long id) {
        return repository.viewOwned(userId, id);
    }

    /**
     * Insert first, then check: the insert's trigger adds one to the owner's row of {@code task_counts} and holds that
     * row's lock to the commit, so a concurrent create of the same user (on any replica) waits in its own insert and
     * then counts this one's task. No two creates can pass on the same count, as a count and then an insert would
     * allow; one over the quota rolls back, its task and its count with it. Locking the row before the insert would
     * do the same with one more write per create.
     */
    @Transactional
    TaskView create(String userId, NewTask input) {
        Task task = new Task();
        task.userId = userId;
        task.title = input.title();
        task.description = input.description();
        task.completed = false;
        task.createdAt = now();
        task.updatedAt = task.createdAt;
        repository.persist(task);
        if (repository.countOwned(userId) > maxPerUser) {
            throw new ApiException(ErrorCode.TASK_QUOTA_EXCEEDED,
                    "The task limit of this account (" + maxPerUser + ") is reached: delete tasks to add new ones");
        }
        return TaskView.of(task);
    }

    @Transactional
    Optional<TaskView> replace(String userId, long id, TaskReplacement input) {
        return repository.findOwned(userId, id).map(task -> {
            task.title = input.title();
            task.description = input.description();
            task.completed = Boolean.TRUE.equals(input.completed());
            return touched(task);
        });
    }

    /** updated_at says when the task last changed, so a patch that changes nothing leaves it (and the row) alone. */
    @Transactional
    Optional<TaskView> patch(String userId, long id, TaskPatch input) {
        return repository.findOwned(userId, id).map(task -> {
            String title = input.title() != null ? input.title() : task.title;
            String description = input.hasDescription() ? input.description() : task.description;
            boolean completed = input.completed() != null ? input.completed() : task.completed;
            if (title.equals(task.title) && Objects.equals(description, task.description) && completed == task.completed) {
                return TaskView.of(task);
            }
            task.title = title;
            task.description = description;
            task.completed = completed;
            return touched(task);
        });
    }

    @Transactional
    Optional<TaskView> toggleCompleted(String userId, long id) {
        return repository.findOwned(userId, id).map(task -> {
            task.completed = !task.completed;
            return touched(task);
        });
    }

    @Transactional
    boolean delete(String userId, long id) {
        return repository.deleteOwned(userId, id);
    }

    private static TaskView touched(Task task) {
        task.updatedAt = now();
        return TaskView.of(task);
    }

    /** PostgreSQL keeps microseconds: truncate so what we answer equals what a later read returns. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
