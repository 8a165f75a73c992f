-- How many tasks each user holds, kept by the database itself so that a row added or removed any way (the API, a
-- script, psql) is counted. The trigger's update locks the owner's row to the commit, and a create reads its own
-- count after its insert: one row lock per user, O(1) whatever the user holds, and across replicas, since it is all
-- in the database.
CREATE TABLE task_counts (
    user_id VARCHAR(255) PRIMARY KEY,
    -- No CHECK (tasks >= 0): rows loaded with triggers off (a data-only restore) would then make deletes fail.
    tasks   BIGINT       NOT NULL
);

-- Writes of replicas still running the previous version wait from here to the commit: none lands between the
-- counting below and the trigger that counts from then on.
LOCK TABLE tasks IN SHARE ROW EXCLUSIVE MODE;

INSERT INTO task_counts (user_id, tasks) SELECT user_id, count(*) FROM tasks GROUP BY user_id;

CREATE FUNCTION task_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO task_counts (user_id, tasks) VALUES (NEW.user_id, 1)
            ON CONFLICT (user_id) DO UPDATE SET tasks = task_counts.tasks + 1;
    ELSE
        UPDATE task_counts SET tasks = tasks - 1 WHERE user_id = OLD.user_id;
    END IF;
    RETURN NULL;
END
$$;

-- user_id is never updated (the entity maps it updatable = false), so inserts and deletes are the whole story;
-- TRUNCATE skips row triggers and would leave the counts behind.
CREATE TRIGGER task_counts_follow AFTER INSERT OR DELETE ON tasks
    FOR EACH ROW EXECUTE FUNCTION task_counts_follow();

-- Bucket4j's per-user token buckets (io.github.bucket4j.postgresql, select-for-update flavour): its state is a
-- serialised bucket, the key is the user and the kind of request.
CREATE TABLE rate_limit_buckets (
    id    TEXT PRIMARY KEY,
    state BYTEA
);
