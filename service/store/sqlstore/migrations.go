package sqlstore

// migrations is the schema, in order: migrations[i] records version firstVersion+i
// (migrate.go). Times are Unix microseconds (UTC) in BIGINT columns, NULL when
// absent: the same SQL and the same ordering on both databases. Text columns are
// COLLATE "C" on PostgreSQL, so that comparisons, ORDER BY and the indexes are
// byte-wise as SQLite's BINARY is. The first is the baseline: no database runs a
// released schema before it.
var migrations = []migration{
	// The baseline (version firstVersion).
	{
		stmts: []string{
			`CREATE TABLE tiers (
				code        TEXT COLLATE "C" PRIMARY KEY,
				name        TEXT COLLATE "C" NOT NULL,
				attached_to TEXT COLLATE "C" REFERENCES tiers (code)
			)`,
			`CREATE TABLE admins (
				login         TEXT COLLATE "C" PRIMARY KEY,
				name          TEXT COLLATE "C" NOT NULL,
				sic_code      TEXT COLLATE "C" NOT NULL,
				password_hash TEXT COLLATE "C" NOT NULL DEFAULT ''
			)`,
			`CREATE TABLE admin_tiers (
				login      TEXT COLLATE "C" NOT NULL REFERENCES admins (login) ON DELETE CASCADE,
				tiers_code TEXT COLLATE "C" NOT NULL REFERENCES tiers (code),
				PRIMARY KEY (login, tiers_code)
			)`,
			`CREATE TABLE categories (
				position INTEGER NOT NULL,
				name     TEXT COLLATE "C" PRIMARY KEY
			)`,
			`CREATE TABLE services (
				id           TEXT COLLATE "C" PRIMARY KEY,
				position     INTEGER NOT NULL,
				name         TEXT COLLATE "C" NOT NULL,
				category     TEXT COLLATE "C" NOT NULL,
				description  TEXT COLLATE "C" NOT NULL,
				accepts_keys INTEGER NOT NULL
			)`,
			// A key: the secret's digest only. While old_secret_digest is set (a
			// renewal's grace), the old secret works until old_secret_until, or, when
			// that is NULL, until the new secret's first use plus 24 h. name_folded is
			// what the name criterion and sort read (service.FoldName); name_skeleton
			// is the name's look (service.KeyNameSkeleton).
			//
			// Suspension (service.Suspension): suspended_at set suspends the key, whose
			// status stays 'active', so that it keeps its name
			// (api_keys_active_skeleton); stores read such a row as suspended.
			//
			// kind (service.KeyKind) and, for a partner key, the company it was handed
			// to; partner_name_folded is what the partner criterion reads.
			//
			// Secure handover (service.Handover): a key is pending while
			// handover_until is set (its status stays 'active', as a suspended one's
			// does), picked up at picked_up_at from picked_up_from.
			//
			// Restrictions (service.Restrictions): allowed networks as a
			// comma-separated list of prefixes ('' for anywhere), read-only, a rate
			// per minute and its burst (0: none), and the version a change names.
			`CREATE TABLE api_keys (
				id                        TEXT COLLATE "C" PRIMARY KEY,
				tiers_code                TEXT COLLATE "C" NOT NULL REFERENCES tiers (code),
				service_id                TEXT COLLATE "C" NOT NULL REFERENCES services (id),
				name                      TEXT COLLATE "C" NOT NULL,
				name_folded               TEXT COLLATE "C" NOT NULL,
				name_skeleton             TEXT COLLATE "C" NOT NULL,
				secret_digest             BYTEA NOT NULL,
				secret_hint               TEXT COLLATE "C" NOT NULL,
				secret_version            INTEGER NOT NULL DEFAULT 1,
				created_at                BIGINT NOT NULL,
				created_by                TEXT COLLATE "C" NOT NULL,
				status                    TEXT COLLATE "C" NOT NULL CHECK (status IN ('active', 'revoked')),
				revoked_at                BIGINT,
				revoked_by                TEXT COLLATE "C",
				last_used_at              BIGINT,
				last_used_from            TEXT COLLATE "C" NOT NULL DEFAULT '',
				expires_at                BIGINT,
				renewed_at                BIGINT,
				old_secret_digest         BYTEA,
				old_secret_until          BIGINT,
				old_secret_last_used_at   BIGINT,
				old_secret_last_used_from TEXT COLLATE "C" NOT NULL DEFAULT '',
				suspended_at              BIGINT,
				suspended_by              TEXT COLLATE "C",
				suspend_reason            TEXT COLLATE "C",
				kind                      TEXT COLLATE "C" NOT NULL DEFAULT 'firm' CHECK (kind IN ('firm', 'partner')),
				partner_name              TEXT COLLATE "C" NOT NULL DEFAULT '',
				partner_name_folded       TEXT COLLATE "C" NOT NULL DEFAULT '',
				partner_siret             TEXT COLLATE "C" NOT NULL DEFAULT '',
				partner_contact_name      TEXT COLLATE "C" NOT NULL DEFAULT '',
				partner_contact_email     TEXT COLLATE "C" NOT NULL DEFAULT '',
				handover_until            BIGINT,
				picked_up_at              BIGINT,
				picked_up_from            TEXT COLLATE "C" NOT NULL DEFAULT '',
				allowed_addresses         TEXT COLLATE "C" NOT NULL DEFAULT '',
				read_only                 INTEGER NOT NULL DEFAULT 0,
				rate_per_minute           INTEGER NOT NULL DEFAULT 0,
				rate_burst                INTEGER NOT NULL DEFAULT 0,
				restrictions_version      INTEGER NOT NULL DEFAULT 1
			)`,
			// One active key per look of a name, tiers and service; revoked ones may
			// share it.
			`CREATE UNIQUE INDEX api_keys_active_skeleton ON api_keys (tiers_code, service_id, name_skeleton) WHERE status = 'active'`,
			// One index per sort of the key table, for keyset paging; each also holds
			// the columns the criteria test (the status criterion reads suspended_at
			// and handover_until too), so that a listing walks its sort's index and
			// reads from the table only the keys it returns.
			`CREATE INDEX api_keys_by_created ON api_keys (tiers_code, service_id, created_at, id, name_folded, status, expires_at, last_used_at, suspended_at, handover_until)`,
			`CREATE INDEX api_keys_by_name ON api_keys (tiers_code, service_id, name_folded, id, status, expires_at, last_used_at, created_at, suspended_at, handover_until)`,
			`CREATE INDEX api_keys_by_creator ON api_keys (tiers_code, service_id, created_by, id, name_folded, status, expires_at, last_used_at, created_at, suspended_at, handover_until)`,
			`CREATE INDEX api_keys_by_status ON api_keys (tiers_code, service_id, status, id, name_folded, expires_at, last_used_at, created_at, suspended_at, handover_until)`,
			`CREATE INDEX api_keys_by_last_use ON api_keys (tiers_code, service_id, (COALESCE(last_used_at, 0)), id, name_folded, status, expires_at, last_used_at, created_at, suspended_at, handover_until)`,
			// "Expire avant le" within a near window (keylist.go, nearExpiry): the keys
			// of a firm's service that expire in it, found in a range of this index
			// alone, then sorted.
			`CREATE INDEX api_keys_by_expiry ON api_keys (tiers_code, service_id, expires_at, id, name_folded, created_at, created_by, last_used_at, suspended_at, handover_until) WHERE status = 'active' AND expires_at IS NOT NULL`,
			// The keys in a state few keys are in, by name: « Révoquée », « Suspendue »
			// or « En attente » with « contient » sorted by name walk only the keys in
			// that state. Each index holds what the state's criterion tests.
			`CREATE INDEX api_keys_revoked_by_name ON api_keys (tiers_code, service_id, name_folded, id) WHERE status = 'revoked'`,
			`CREATE INDEX api_keys_suspended_by_name ON api_keys (tiers_code, service_id, name_folded, id, status, expires_at) WHERE suspended_at IS NOT NULL`,
			`CREATE INDEX api_keys_pending_by_name ON api_keys (tiers_code, service_id, name_folded, id, status, expires_at, suspended_at) WHERE handover_until IS NOT NULL`,
			// The keys expiring soon across tiers (the warning), and the graces to end.
			`CREATE INDEX api_keys_expiring ON api_keys (expires_at) WHERE status = 'active' AND expires_at IS NOT NULL`,
			`CREATE INDEX api_keys_grace_end ON api_keys (old_secret_until) WHERE old_secret_digest IS NOT NULL`,
			// A scan matches the secrets it finds by digest (KeysByDigest): the current
			// secret's, and the old one's during a grace.
			`CREATE INDEX api_keys_by_digest ON api_keys (secret_digest)`,
			`CREATE INDEX api_keys_by_old_digest ON api_keys (old_secret_digest) WHERE old_secret_digest IS NOT NULL`,
			`CREATE TABLE key_daily_uses (
				key_id TEXT COLLATE "C" NOT NULL REFERENCES api_keys (id),
				day    BIGINT NOT NULL, -- days since 1970-01-01 (UTC)
				uses   BIGINT NOT NULL,
				PRIMARY KEY (key_id, day)
			)`,
			// Refusals are counted per key and day, with the day's last refused address.
			`CREATE TABLE key_daily_refusals (
				key_id    TEXT COLLATE "C" NOT NULL REFERENCES api_keys (id),
				day       BIGINT NOT NULL,
				refusals  BIGINT NOT NULL,
				last_at   BIGINT NOT NULL,
				last_from TEXT COLLATE "C" NOT NULL,
				PRIMARY KEY (key_id, day)
			)`,
			// A firm's key policy: the maximum lifetime of its keys and of its partner
			// keys (0 for the latter: they follow max_lifetime_days, which 0 leaves
			// unset), and whether its keys or its partners' must have an address
			// restriction.
			`CREATE TABLE key_policies (
				firm_code                 TEXT COLLATE "C" PRIMARY KEY REFERENCES tiers (code),
				max_lifetime_days         INTEGER NOT NULL,
				partner_max_lifetime_days INTEGER NOT NULL DEFAULT 0,
				firm_address_required     INTEGER NOT NULL DEFAULT 0,
				partner_address_required  INTEGER NOT NULL DEFAULT 0
			)`,
			// Each pickup link of a secure handover: the token's and the code's
			// digests, and until pickup, expiry or revocation the key's secret sealed
			// with the master key.
			`CREATE TABLE key_handovers (
				token_digest  BYTEA PRIMARY KEY,
				key_id        TEXT COLLATE "C" NOT NULL REFERENCES api_keys (id),
				code_digest   BYTEA NOT NULL,
				sealed_secret BYTEA,
				created_at    BIGINT NOT NULL,
				created_by    TEXT COLLATE "C" NOT NULL,
				expires_at    BIGINT NOT NULL,
				state         TEXT COLLATE "C" NOT NULL CHECK (state IN ('open', 'used', 'dead')),
				failures      INTEGER NOT NULL DEFAULT 0,
				used_at       BIGINT,
				used_from     TEXT COLLATE "C" NOT NULL DEFAULT ''
			)`,
			`CREATE INDEX key_handovers_by_key ON key_handovers (key_id)`,
			// The journal is one hash chain (audit.go): events numbered 1, 2, 3… by the
			// store, each with its hash; the head row serialises appends.
			`CREATE TABLE audit_events (
				id              BIGINT PRIMARY KEY,
				at              BIGINT NOT NULL,
				actor           TEXT COLLATE "C" NOT NULL,
				login           TEXT COLLATE "C" NOT NULL,
				action          TEXT COLLATE "C" NOT NULL,
				key_id          TEXT COLLATE "C" NOT NULL,
				key_name        TEXT COLLATE "C" NOT NULL,
				key_name_folded TEXT COLLATE "C" NOT NULL DEFAULT '',
				tiers_code      TEXT COLLATE "C" NOT NULL,
				service_id      TEXT COLLATE "C" NOT NULL,
				addr            TEXT COLLATE "C" NOT NULL DEFAULT '',
				detail          TEXT COLLATE "C" NOT NULL DEFAULT '',
				hash            BYTEA
			)`,
			`CREATE TABLE audit_head (
				id   INTEGER PRIMARY KEY CHECK (id = 1),
				seq  BIGINT NOT NULL,
				hash BYTEA NOT NULL
			)`,
			// The journal's pages: newest first by (at, id), one tiers at a time, by
			// criterion; the key name criterion is tested in the index.
			`CREATE INDEX audit_events_by_tiers_at ON audit_events (tiers_code, at, id, key_name_folded)`,
			`CREATE INDEX audit_events_by_login ON audit_events (tiers_code, login, at, id)`,
			`CREATE INDEX audit_events_by_action ON audit_events (tiers_code, action, at, id)`,
			`CREATE INDEX audit_events_by_at ON audit_events (at, id)`,
			// The journal's seals (service.AuditSeal): the head's number and hash at an
			// instant, with a MAC made with a key the database does not hold.
			`CREATE TABLE audit_seals (
				id   BIGINT PRIMARY KEY,
				firm TEXT COLLATE "C" NOT NULL,
				seq  BIGINT NOT NULL,
				hash BYTEA NOT NULL,
				at   BIGINT NOT NULL,
				mac  BYTEA NOT NULL
			)`,
			// The OAuth2 authorization server's shared state. Codes, sessions and
			// refresh tokens are stored as SHA-256 digests only.
			`CREATE TABLE oauth_signing_keys (
				kid         TEXT COLLATE "C" PRIMARY KEY,
				algorithm   TEXT COLLATE "C" NOT NULL,
				private_der BYTEA NOT NULL,
				created_at  BIGINT NOT NULL
			)`,
			`CREATE TABLE oauth_secrets (
				name  TEXT COLLATE "C" PRIMARY KEY,
				value BYTEA NOT NULL
			)`,
			`CREATE TABLE oauth_codes (
				digest       BYTEA PRIMARY KEY,
				session_id   TEXT COLLATE "C" NOT NULL,
				client_id    TEXT COLLATE "C" NOT NULL,
				redirect_uri TEXT COLLATE "C" NOT NULL,
				challenge    TEXT COLLATE "C" NOT NULL,
				login        TEXT COLLATE "C" NOT NULL,
				created_at   BIGINT NOT NULL,
				expires_at   BIGINT NOT NULL,
				used_at      BIGINT
			)`,
			`CREATE INDEX oauth_codes_by_expiry ON oauth_codes (expires_at)`,
			`CREATE TABLE oauth_sessions (
				id         TEXT COLLATE "C" PRIMARY KEY,
				login      TEXT COLLATE "C" NOT NULL,
				client_id  TEXT COLLATE "C" NOT NULL,
				created_at BIGINT NOT NULL,
				expires_at BIGINT NOT NULL,
				revoked_at BIGINT
			)`,
			`CREATE INDEX oauth_sessions_by_expiry ON oauth_sessions (expires_at)`,
			`CREATE TABLE oauth_refresh_tokens (
				digest     BYTEA PRIMARY KEY,
				session_id TEXT COLLATE "C" NOT NULL REFERENCES oauth_sessions (id) ON DELETE CASCADE,
				issued_at  BIGINT NOT NULL,
				expires_at BIGINT NOT NULL,
				used_at    BIGINT
			)`,
			`CREATE INDEX oauth_refresh_tokens_by_session ON oauth_refresh_tokens (session_id)`,
			// Notifications outside the app (store.NotifyStore): a firm's SMTP server
			// and webhooks (their secrets sealed by the master key), each
			// administrator's choices, and the deliveries (notify_deliveries, below)
			// with every attempt.
			`CREATE TABLE notify_smtp (
				firm       TEXT COLLATE "C" PRIMARY KEY,
				host       TEXT COLLATE "C" NOT NULL,
				port       INTEGER NOT NULL,
				starttls   INTEGER NOT NULL,
				username   TEXT COLLATE "C" NOT NULL,
				password   BYTEA NOT NULL,
				sender     TEXT COLLATE "C" NOT NULL,
				updated_at BIGINT NOT NULL,
				updated_by TEXT COLLATE "C" NOT NULL
			)`,
			`CREATE TABLE notify_webhooks (
				id         TEXT COLLATE "C" PRIMARY KEY,
				firm       TEXT COLLATE "C" NOT NULL,
				url        TEXT COLLATE "C" NOT NULL,
				secret     BYTEA NOT NULL,
				kinds      TEXT COLLATE "C" NOT NULL,
				created_at BIGINT NOT NULL,
				created_by TEXT COLLATE "C" NOT NULL
			)`,
			`CREATE TABLE notify_choices (
				login    TEXT COLLATE "C" PRIMARY KEY REFERENCES admins (login) ON DELETE CASCADE,
				firm     TEXT COLLATE "C" NOT NULL,
				email    TEXT COLLATE "C" NOT NULL,
				language TEXT COLLATE "C" NOT NULL,
				kinds    TEXT COLLATE "C" NOT NULL
			)`,
			`CREATE TABLE notify_attempts (
				delivery_id BIGINT NOT NULL,
				n           INTEGER NOT NULL,
				at          BIGINT NOT NULL,
				ok          INTEGER NOT NULL,
				http_status INTEGER NOT NULL,
				result      TEXT COLLATE "C" NOT NULL,
				PRIMARY KEY (delivery_id, n)
			)`,
			`CREATE TABLE notify_cursors (
				name     TEXT COLLATE "C" PRIMARY KEY,
				position BIGINT NOT NULL
			)`,
			// The desktop builds the server publishes for the apps to update from
			// (store.ReleaseStore): one row per version, its file in parts of
			// releasePart.
			`CREATE TABLE desktop_releases (
				version      TEXT COLLATE "C" PRIMARY KEY,
				major        INTEGER NOT NULL,
				minor        INTEGER NOT NULL,
				patch        INTEGER NOT NULL,
				sha256       TEXT COLLATE "C" NOT NULL,
				size         BIGINT NOT NULL,
				file_name    TEXT COLLATE "C" NOT NULL,
				published_at BIGINT NOT NULL,
				published_by TEXT COLLATE "C" NOT NULL
			)`,
			`CREATE TABLE desktop_release_parts (
				version TEXT COLLATE "C" NOT NULL REFERENCES desktop_releases (version) DEFERRABLE INITIALLY DEFERRED,
				part    INTEGER NOT NULL,
				data    BYTEA NOT NULL,
				PRIMARY KEY (version, part)
			)`,
		},
		sqlite: []string{
			`INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, zeroblob(32))`,
			// "Name contains" (LIKE '%…%'): a trigram index of the folded names, kept
			// by triggers, finds a rare name's few keys (sqlite.nameIndex), which
			// the listing then reads by rowid.
			`CREATE VIRTUAL TABLE api_keys_names USING fts5 (name_folded, content = 'api_keys', content_rowid = 'rowid', tokenize = 'trigram')`,
			`CREATE TRIGGER api_keys_names_insert AFTER INSERT ON api_keys BEGIN
				INSERT INTO api_keys_names (rowid, name_folded) VALUES (new.rowid, new.name_folded);
			END`,
			`CREATE TRIGGER api_keys_names_delete AFTER DELETE ON api_keys BEGIN
				INSERT INTO api_keys_names (api_keys_names, rowid, name_folded) VALUES ('delete', old.rowid, old.name_folded);
			END`,
			`CREATE TRIGGER api_keys_names_update AFTER UPDATE OF name_folded ON api_keys BEGIN
				INSERT INTO api_keys_names (api_keys_names, rowid, name_folded) VALUES ('delete', old.rowid, old.name_folded);
				INSERT INTO api_keys_names (rowid, name_folded) VALUES (new.rowid, new.name_folded);
			END`,
			// The same for the journal's key names (rowid: the event's number).
			`CREATE VIRTUAL TABLE audit_events_names USING fts5 (key_name_folded, content = 'audit_events', content_rowid = 'id', tokenize = 'trigram')`,
			`CREATE TRIGGER audit_events_names_insert AFTER INSERT ON audit_events BEGIN
				INSERT INTO audit_events_names (rowid, key_name_folded) VALUES (new.id, new.key_name_folded);
			END`,
			`CREATE TRIGGER audit_events_names_delete AFTER DELETE ON audit_events BEGIN
				INSERT INTO audit_events_names (audit_events_names, rowid, key_name_folded) VALUES ('delete', old.id, old.key_name_folded);
			END`,
			`CREATE TRIGGER audit_events_names_update AFTER UPDATE OF id, key_name_folded ON audit_events BEGIN
				INSERT INTO audit_events_names (audit_events_names, rowid, key_name_folded) VALUES ('delete', old.id, old.key_name_folded);
				INSERT INTO audit_events_names (rowid, key_name_folded) VALUES (new.id, new.key_name_folded);
			END`,
			// A delivery is unique per event, channel and recipient, so that replicas
			// finding the same event store it once; lease_until keeps one replica at a
			// time on it.
			`CREATE TABLE notify_deliveries (
				id          INTEGER PRIMARY KEY AUTOINCREMENT,
				` + deliveryColumnsDDL + `
			)`,
			`CREATE INDEX notify_deliveries_due ON notify_deliveries (status, next_at)`,
			`CREATE INDEX notify_deliveries_firm ON notify_deliveries (firm, status, id)`,
			// The words of the keys' names (namewords.go); on SQLite the table is its
			// primary key.
			sqliteWords.Replace(`CREATE TABLE key_name_words (` + nameWordsColumnsDDL + `) WITHOUT ROWID`),
		},
		postgres: []string{
			`INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, decode(repeat('00', 32), 'hex'))`,
			// Replicas cache the keys they verify and learn of every change through
			// LISTEN on channel sesame_keys: after the commit of any change to a key
			// that verification depends on, its ID is announced with the replica that
			// made it (its sesame.replica setting, empty for other tools), whoever made
			// it. Last-use columns, written in batches, are left out so that they cause
			// no churn. Inserts are announced once per statement as "*" (keycache.NewKeys):
			// replicas forget the identifiers they remembered unknown.
			`CREATE FUNCTION sesame_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
			DECLARE
				origin TEXT := coalesce(current_setting('sesame.replica', true), '');
			BEGIN
				IF TG_OP = 'UPDATE' AND NEW.id <> OLD.id THEN
					PERFORM pg_notify('sesame_keys', NEW.id || '/' || origin);
				END IF;
				PERFORM pg_notify('sesame_keys', OLD.id || '/' || origin);
				RETURN NULL;
			END
			$$`,
			`CREATE TRIGGER api_keys_changed AFTER UPDATE ON api_keys FOR EACH ROW
				WHEN ((to_jsonb(OLD) - 'last_used_at' - 'last_used_from' - 'old_secret_last_used_at' - 'old_secret_last_used_from')
				      IS DISTINCT FROM
				      (to_jsonb(NEW) - 'last_used_at' - 'last_used_from' - 'old_secret_last_used_at' - 'old_secret_last_used_from'))
				EXECUTE FUNCTION sesame_key_changed()`,
			`CREATE TRIGGER api_keys_deleted AFTER DELETE ON api_keys FOR EACH ROW EXECUTE FUNCTION sesame_key_changed()`,
			`CREATE FUNCTION sesame_keys_created() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
				PERFORM pg_notify('sesame_keys', '*/' || coalesce(current_setting('sesame.replica', true), ''));
				RETURN NULL;
			END
			$$`,
			`CREATE TRIGGER api_keys_created AFTER INSERT ON api_keys FOR EACH STATEMENT EXECUTE FUNCTION sesame_keys_created()`,
			// A delivery is unique per event, channel and recipient, so that replicas
			// finding the same event store it once; lease_until keeps one replica at a
			// time on it.
			`CREATE TABLE notify_deliveries (
				id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
				` + deliveryColumnsDDL + `
			)`,
			`CREATE INDEX notify_deliveries_due ON notify_deliveries (status, next_at)`,
			`CREATE INDEX notify_deliveries_firm ON notify_deliveries (firm, status, id)`,
			// « Expirée », newest first: the keys that can expire, by creation, in an
			// index narrow enough that the walk past the newest keys (not expired yet)
			// stays short. SQLite keeps its plans without it.
			`CREATE INDEX api_keys_expiring_by_created ON api_keys (tiers_code, service_id, created_at, id, expires_at) WHERE status = 'active' AND expires_at IS NOT NULL`,
			// The words of the keys' names (namewords.go): where each word's names
			// start and end in the name order, so that « contient » sorted by name
			// walks only the part of the name index where its matches can be.
			`CREATE TABLE key_name_words (` + nameWordsColumnsDDL + `)`,
			// The planner judges how many names « %mot% » matches from the names
			// ANALYZE samples: a larger sample keeps a rare word's estimate, and so
			// its plan, steady.
			`ALTER TABLE api_keys ALTER COLUMN name_folded SET STATISTICS 1000`,
			// "Name contains" (LIKE '%…%') through trigram indexes (NameIndexSQL),
			// where the role may create pg_trgm. A role that may not (it does not own
			// the database), or a server without the extension's package, still
			// migrates: a listing by name then walks the sort's index, and the server
			// says at start what to run (postgres.Open).
			`DO $$
			BEGIN
				` + NameIndexSQL + `
			EXCEPTION WHEN insufficient_privilege OR undefined_file OR undefined_object THEN
				RAISE NOTICE 'trigram indexes not created: %', SQLERRM;
			END
			$$`,
		},
	},
}

// nameWordsColumnsDDL are key_name_words' columns: a word of the folded names of a
// tiers and a service's keys, the first and last of those names that hold it, and
// how many keys' names hold it.
const nameWordsColumnsDDL = `tiers      TEXT COLLATE "C" NOT NULL,
				service    TEXT COLLATE "C" NOT NULL,
				word       TEXT COLLATE "C" NOT NULL,
				first_name TEXT COLLATE "C" NOT NULL,
				last_name  TEXT COLLATE "C" NOT NULL,
				keys       BIGINT NOT NULL,
				PRIMARY KEY (tiers, service, word)`

// NameIndexSQL creates, on PostgreSQL, the trigram indexes of the keys' and the
// journal's folded names: what a database administrator runs in Sésame's database
// when Sésame's role could not (postgres.MsgNameIndexMissing).
const NameIndexSQL = `CREATE EXTENSION IF NOT EXISTS pg_trgm; ` +
	`CREATE INDEX IF NOT EXISTS api_keys_name_trgm ON api_keys USING gin (name_folded gin_trgm_ops); ` +
	`CREATE INDEX IF NOT EXISTS audit_events_key_name_trgm ON audit_events USING gin (key_name_folded gin_trgm_ops);`

// deliveryColumnsDDL are notify_deliveries' columns but its ID, whose type differs.
const deliveryColumnsDDL = `firm        TEXT NOT NULL,
				event_id    TEXT NOT NULL,
				kind        TEXT NOT NULL,
				channel     TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
				target      TEXT NOT NULL,
				language    TEXT NOT NULL,
				payload     TEXT NOT NULL,
				status      TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
				attempts    INTEGER NOT NULL,
				created_at  BIGINT NOT NULL,
				next_at     BIGINT NOT NULL,
				lease_until BIGINT NOT NULL,
				last_at     BIGINT,
				last_result TEXT NOT NULL,
				UNIQUE (event_id, channel, target)`
