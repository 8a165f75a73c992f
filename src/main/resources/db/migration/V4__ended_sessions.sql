-- Sessions Better Auth ended (sign-out, "sign out everywhere", a revocation): their tokens stop verifying at once.
-- Every Warden LISTENs on warden_session_ended and keeps the ended ids in memory, reloading this table on start and
-- after every reconnect, so a notification missed meanwhile is never lost; Warden deletes rows whose tokens have
-- all expired (WARDEN_AUTH_MAX_TOKEN_LIFETIME after the session ended).
CREATE TABLE ended_sessions (
    sid      TEXT        PRIMARY KEY,
    ended_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Attached by Warden to Better Auth's session table (AFTER DELETE) once that table exists: the frontend creates its
-- tables when it first starts, which may be after Warden's first migration. SET search_path FROM CURRENT: the
-- trigger fires in the frontend's sessions, whose search_path is its own schema.
CREATE FUNCTION warden_session_ended() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO ended_sessions (sid) VALUES (OLD.id) ON CONFLICT (sid) DO UPDATE SET ended_at = now();
    PERFORM pg_notify('warden_session_ended', OLD.id);
    RETURN OLD;
END
$$;
