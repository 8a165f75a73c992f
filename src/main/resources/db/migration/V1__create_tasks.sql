CREATE TABLE tasks (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     VARCHAR(255)  NOT NULL,
    title       VARCHAR(200)  NOT NULL CHECK (char_length(title) >= 1),
    description VARCHAR(1000),
    completed   BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ   NOT NULL DEFAULT now()
);

-- Every query filters on the owner; listing sorts by creation (the default) or filters on completion.
CREATE INDEX tasks_user_created_idx ON tasks (user_id, created_at DESC, id DESC);
CREATE INDEX tasks_user_completed_idx ON tasks (user_id, completed);
