-- The last JWKS document each Warden fetched successfully, per URL: public keys only, as the issuer publishes them.
-- A replica that starts while the issuer is unreachable starts from it, within WARDEN_AUTH_JWKS_MAX_STALE.
CREATE TABLE last_good_jwks (
    url        TEXT        PRIMARY KEY,
    document   TEXT        NOT NULL,
    fetched_at TIMESTAMPTZ NOT NULL
);
