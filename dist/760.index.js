export const id = 760;
export const ids = [760];
export const modules = {

/***/ 8760:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run_run)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 21 modules
var github = __webpack_require__(1758);
;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"1.0.0"};
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./src/common/zod.ts + 15 modules
var zod = __webpack_require__(3109);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/common/order.ts
/**
 * The order Prisma's engine gives names: by their UTF-8 bytes (Rust's string order). Both sides of the
 * comparison sort by it, so that what they list lines up whatever characters the names hold.
 */
function compareBytes(a, b) {
    return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
function byName(a, b) {
    return compareBytes(a.name, b.name);
}
function bySchemaAndName(a, b) {
    return compareBytes(a.schema, b.schema) || compareBytes(a.name, b.name);
}

;// CONCATENATED MODULE: ./src/locate/migrations.ts




/**
 * Sorts migration folder names in the order `prisma migrate deploy` applies them. `locale` is exactly the
 * CLI's `a.localeCompare(b)`: it collates by Node's default ICU locale, taken from LANG / LC_ALL of the
 * process, so this order matches the CLI's only where both run under the same locale. Node reads C, C.UTF-8,
 * POSIX and en_US alike as `en-US`: `_` and `-` sort before digits and letters and case only breaks ties,
 * where the byte order puts digits before `_` and every uppercase letter before lowercase. Some locales
 * differ further (Danish sorts `aa` after `z`), so a deploy machine with such a LANG orders names its own way.
 */
function sortMigrationNames(names, order) {
    return [...names].sort(order === 'bytes' ? compareBytes : (a, b) => a.localeCompare(b));
}
/** Migration folders (every subdirectory) in the order `prisma migrate deploy` applies them; the latest Prisma's by default. */
function listMigrations(migrationsDir, order = 'locale') {
    const names = (0,external_node_fs_.readdirSync)(migrationsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name);
    return sortMigrationNames(names, order).map((name) => {
        const dir = external_node_path_default().join(migrationsDir, name);
        const sqlPath = external_node_path_default().join(dir, 'migration.sql');
        return { name, dir, sqlPath: (0,external_node_fs_.existsSync)(sqlPath) ? sqlPath : null };
    });
}
/** Prisma's migration checksum: the hex SHA-256 of the file's bytes, as stored in `_prisma_migrations.checksum`. */
function migrationChecksum(contents) {
    return (0,external_node_crypto_.createHash)('sha256').update(contents).digest('hex');
}
/**
 * Whether a migration file still matches a recorded checksum, by Prisma's rule: git may have converted
 * line endings since the checksum was taken, so the file also matches with CRLF turned into LF or LF into
 * CRLF; and old engines recorded the hex without zero-padding each byte (prisma-engines#1887).
 */
function checksumMatches(contents, checksum) {
    // latin1 maps every byte to one character and back, so the line endings change and nothing else does.
    const text = contents.toString('latin1');
    const variants = [contents, Buffer.from(text.replaceAll('\r\n', '\n'), 'latin1'), Buffer.from(text.replaceAll('\n', '\r\n'), 'latin1')];
    return variants.some((variant) => {
        const digest = (0,external_node_crypto_.createHash)('sha256').update(variant).digest();
        const rendered = checksum.length > 0 && checksum.length !== 64 ? [...digest].map((b) => b.toString(16)).join('') : digest.toString('hex');
        return rendered === checksum;
    });
}
/** The text of a migration's migration.sql, or null when the folder has none. */
function readMigrationSql(entry) {
    return entry.sqlPath ? (0,external_node_fs_.readFileSync)(entry.sqlPath, 'utf8') : null;
}

;// CONCATENATED MODULE: ./src/analyse/base.ts





const PullRequestEvent = zod/* object */.Ikc({ pull_request: zod/* object */.Ikc({ base: zod/* object */.Ikc({ sha: zod/* string */.YjP().check(zod/* minLength */.BpQ(1)) }) }) });
/** The commit to compare against: the `base-ref` input when set, else the pull request's base commit. */
function baseRefOf(input) {
    if (input.baseRef)
        return input.baseRef;
    const event = PullRequestEvent.safeParse(input.event);
    return event.success ? event.data.pull_request.base.sha : null;
}
/**
 * The migrations folder as it is in commit `ref`, read from git's object store (one `ls-tree` and one
 * `cat-file --batch`, however many migrations there are). `repo` is a folder inside the clone and
 * `migrationsDir` is absolute or relative to it. A folder missing in that commit is an empty history:
 * the base may predate the project's first migration.
 */
async function readBaseHistory(repo, ref, migrationsDir, order) {
    const folder = toGitPath(external_node_path_default().relative(repo, external_node_path_default().resolve(repo, migrationsDir)));
    const prefix = folder === '.' ? '' : `${folder}/`;
    // Resolving the commit and listing its tree do not wait for each other: git starts both at once, and
    // is asked why only when the commit does not resolve. ls-tree takes and prints paths relative to its
    // working directory, so `prefix` matches its output.
    const [commit, listing] = await Promise.all([
        git(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).then((out) => out.toString('utf8').trim(), () => null),
        git(repo, ['ls-tree', '-r', '-z', `${ref}^{commit}`, '--', prefix || '.']).then((out) => ({ out }), (error) => ({ error })),
    ]);
    if (!commit) {
        const inside = await git(repo, ['rev-parse', '--is-inside-work-tree']).catch(() => null);
        if (inside)
            return { ok: false, error: await missingCommit(repo, ref) };
        return {
            ok: false,
            error: {
                reason: 'not-a-repository',
                message: `${repo} is not inside a git clone, so the base branch's migrations cannot be read.`,
                hint: 'Check out the repository with `actions/checkout` before this step.',
            },
        };
    }
    if ('error' in listing)
        throw listing.error;
    const blobs = new Map();
    for (const entry of listing.out.toString('utf8').split('\0')) {
        const match = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
        if (match)
            blobs.set(match[2], match[1]);
    }
    const contents = await catBlobs(repo, [...new Set(blobs.values())]);
    const blob = (file) => {
        const id = blobs.get(file);
        return id === undefined ? null : contents.get(id);
    };
    // git stores files, not folders: a migration folder exists in the commit when any file is under it.
    const names = new Set();
    for (const file of blobs.keys()) {
        const rest = file.slice(prefix.length).split('/');
        if (rest.length > 1)
            names.add(rest[0]);
    }
    const migrations = sortMigrationNames([...names], order).map((name) => ({ name, sql: blob(`${prefix}${name}/migration.sql`) }));
    return { ok: true, commit, history: { migrations, lock: blob(`${prefix}migration_lock.toml`) } };
}
/** The migrations folder as it is in the working tree: the pull request's side. */
function readHeadHistory(migrationsDir, order) {
    if (!(0,external_node_fs_.existsSync)(migrationsDir))
        return { migrations: [], lock: null };
    const lockFile = external_node_path_default().join(migrationsDir, 'migration_lock.toml');
    return {
        migrations: listMigrations(migrationsDir, order).map((entry) => ({
            name: entry.name,
            sql: entry.sqlPath ? (0,external_node_fs_.readFileSync)(entry.sqlPath) : null,
        })),
        lock: (0,external_node_fs_.existsSync)(lockFile) ? (0,external_node_fs_.readFileSync)(lockFile) : null,
    };
}
/** Folders the head has and the base has not, in apply order: the pull request's new migrations. */
function newMigrations(base, head) {
    const onBase = new Set(base.migrations.map((m) => m.name));
    return head.migrations.filter((m) => !onBase.has(m.name));
}
async function missingCommit(repo, ref) {
    const shallow = (await git(repo, ['rev-parse', '--is-shallow-repository'])).toString('utf8').trim() === 'true';
    return {
        reason: 'missing-commit',
        message: `The base commit \`${ref}\` is not in this clone${shallow ? ' (it is a shallow clone)' : ''}, so the pull request's ` +
            'new migrations cannot be told apart from the existing ones. Checks that need the base (migration history, ' +
            'destructive and risky changes, locks) were skipped.',
        hint: 'Fetch the base commit: set `fetch-depth: 0` on `actions/checkout`, or add a step ' +
            `\`git fetch --depth=1 origin ${ref}\` before this one.`,
    };
}
/** Reads many blobs through one `git cat-file --batch`. */
async function catBlobs(repo, ids) {
    const contents = new Map();
    if (ids.length === 0)
        return contents;
    const out = await git(repo, ['cat-file', '--batch'], ids.join('\n') + '\n');
    // Each answer is "<id> <type> <size>\n<size bytes>\n".
    let at = 0;
    for (const id of ids) {
        const headerEnd = out.indexOf(0x0a, at);
        const [, , size] = out.subarray(at, headerEnd).toString('utf8').split(' ');
        const start = headerEnd + 1;
        const end = start + Number(size);
        contents.set(id, out.subarray(start, end));
        at = end + 1;
    }
    return contents;
}
function git(cwd, args, input) {
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)('git', args, { cwd, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
        const out = [];
        const err = [];
        child.stdout.on('data', (chunk) => out.push(chunk));
        child.stderr.on('data', (chunk) => err.push(chunk));
        child.on('error', reject);
        child.on('close', (code) => {
            if (code === 0)
                resolve(Buffer.concat(out));
            else
                reject(new Error(`git ${args[0]} failed (${code}): ${Buffer.concat(err).toString('utf8').trim()}`));
        });
        if (input !== undefined) {
            // git exiting early closes the pipe; its exit code already says what went wrong.
            child.stdin.on('error', () => { });
            child.stdin.end(input);
        }
    });
}
function toGitPath(relative) {
    const posix = relative.split((external_node_path_default()).sep).join('/');
    return posix === '' ? '.' : posix;
}

;// CONCATENATED MODULE: ./src/apply/cache/actions-store.ts


/**
 * GitHub's Actions cache. It archives paths rather than files, so every key has its own folder under
 * `dir` and the dump is copied in and out of it. Loaded only when used: the cache client is the largest
 * part of the bundle.
 */
function actionsCacheStore(dir) {
    const folder = (key) => external_node_path_default().join(dir, key);
    const archived = (key) => external_node_path_default().join(folder(key), 'state.dump');
    return {
        async restore(key, file) {
            const cache = await __webpack_require__.e(/* import() */ 863).then(__webpack_require__.bind(__webpack_require__, 1863));
            if (!cache.isFeatureAvailable())
                return false;
            (0,external_node_fs_.mkdirSync)(folder(key), { recursive: true });
            const hit = await cache.restoreCache([folder(key)], key);
            if (hit !== key || !(0,external_node_fs_.existsSync)(archived(key)))
                return false;
            (0,external_node_fs_.copyFileSync)(archived(key), file);
            return true;
        },
        async save(key, file) {
            const cache = await __webpack_require__.e(/* import() */ 863).then(__webpack_require__.bind(__webpack_require__, 1863));
            if (!cache.isFeatureAvailable())
                return;
            (0,external_node_fs_.mkdirSync)(folder(key), { recursive: true });
            (0,external_node_fs_.copyFileSync)(file, archived(key));
            await cache.saveCache([folder(key)], key);
        },
    };
}

;// CONCATENATED MODULE: ./src/apply/cache/policy.ts
/**
 * Whether this workflow run may write cached states: only runs of the default branch itself. A pull
 * request's run only reads, so no state built from a pull request's files is ever restored by a run.
 */
function writesCache(run) {
    // Scheduled runs always use the default branch's latest commit.
    if (run.eventName === 'schedule')
        return true;
    if (run.eventName !== 'push' && run.eventName !== 'workflow_dispatch')
        return false;
    return run.defaultBranch !== undefined && run.ref === `refs/heads/${run.defaultBranch}`;
}

// EXTERNAL MODULE: ./src/db/connect.ts
var connect = __webpack_require__(8008);
;// CONCATENATED MODULE: ./src/db/scratch.ts

/**
 * Session settings for throwaway databases. PostgreSQL prints timestamptz defaults in the session's time
 * zone; the expected schema writes them in UTC, as Prisma does. Nothing here needs to survive a crash, so
 * commits do not wait for the WAL flush: one fsync less per migration on a server that has fsync on.
 */
const SCRATCH_OPTIONS = '-c TimeZone=UTC -c synchronous_commit=off';
/** A log line for a statement that has run this long, and again at every multiple of it. */
const PROGRESS_MS = 5_000;
/** After the time limit, how long cancelled statements get to end before their connections are cut. */
const HARD_STOP_MS = 10_000;
/**
 * statement_timeout is the server's backstop for a process that cannot act (stalled, or its timer late): it
 * fires this long after the limit, so that normally the watchdog is first and can read what was waiting.
 */
const BACKSTOP_MS = 2_000;
/** Raised for a session asked for after the time limit: nothing new starts once the check is out of time. */
class TimeLimitReached extends Error {
}
/**
 * The check's time limit over every session on the throwaway databases. Each session starts with
 * statement_timeout set to the time left; since a migration may SET it back to 0, a timer also cancels
 * whatever still runs at the limit (from a session of the same role, which PostgreSQL allows without other
 * rights), after reading what it was waiting for. While a statement runs, a line every few seconds says
 * which migration, so a slow replay never leaves the log silent.
 */
class Watchdog {
    limitMs;
    log;
    deadline;
    sessions = new Set();
    timers = [];
    expiry = null;
    constructor(limitMs, log) {
        this.limitMs = limitMs;
        this.log = log;
        this.deadline = performance.now() + limitMs;
        const limit = setTimeout(() => void this.expire(), limitMs);
        const progress = setInterval(() => this.progress(), 1000);
        for (const timer of [limit, progress])
            timer.unref();
        this.timers.push(limit, progress);
    }
    get expired() {
        return this.expiry !== null;
    }
    pastDeadline() {
        return this.expired || performance.now() >= this.deadline;
    }
    remainingMs() {
        return Math.max(0, Math.ceil(this.deadline - performance.now()));
    }
    stop() {
        for (const timer of this.timers)
            clearTimeout(timer);
    }
    add(client, url) {
        const session = { watchdog: this, client, url, running: null, expired: null };
        this.sessions.add(session);
        sessionOf.set(client, session);
        return () => this.sessions.delete(session);
    }
    progress() {
        const now = performance.now();
        for (const { running } of this.sessions) {
            if (!running)
                continue;
            const ms = now - running.since;
            if (ms < running.reported + PROGRESS_MS)
                continue;
            running.reported = Math.floor(ms / PROGRESS_MS) * PROGRESS_MS;
            const where = running.file === null ? '' : ` (${running.file}${running.line === null ? '' : `:${running.line}`})`;
            this.log(`Still ${running.doing} ${running.migration}${where} after ${Math.round(ms / 1000)} s`);
        }
    }
    /** Reads what every busy session waits for, cancels it, and cuts the connections of those that do not stop. */
    expire() {
        this.expiry ??= (async () => {
            const busy = [...this.sessions].filter((session) => pidOf(session.client) !== null);
            if (busy.length === 0)
                return;
            // Sessions idle now may send their next statement with the time left at their start: they are cut too.
            const pids = busy.map((session) => pidOf(session.client));
            const hardStop = setTimeout(() => {
                for (const session of busy)
                    cut(session.client);
            }, HARD_STOP_MS);
            hardStop.unref();
            this.timers.push(hardStop);
            // Marked before the cancel goes out: the cancelled query's error may arrive before anything else.
            for (const session of busy) {
                session.expired = {
                    limitMs: this.limitMs,
                    ranMs: session.running ? performance.now() - session.running.since : 0,
                    waitEvent: null,
                    blockedBy: [],
                };
            }
            await signalSessions(busy[0].url, pids, (rows) => {
                for (const session of busy) {
                    const row = rows.find((r) => r.pid === pidOf(session.client));
                    if (!row)
                        continue;
                    Object.assign(session.expired, {
                        ranMs: row.ran_ms,
                        waitEvent: row.wait_event ? `${row.wait_event_type}/${row.wait_event}` : null,
                        blockedBy: row.blocked_by,
                    });
                }
            }).catch(() => { });
        })();
        return this.expiry;
    }
}
/** The server process of a connected client (node-postgres keeps it from BackendKeyData; its types do not say so). */
function pidOf(client) {
    return client.processID ?? null;
}
/** Ends a connection from this side: a query waiting on it rejects at once, whatever the server does. */
function cut(client) {
    client.connection.stream.destroy();
}
const sessionOf = new WeakMap();
let active = null;
/** Puts every session opened from now on under `watchdog` until the returned function is called. */
function guardSessions(watchdog) {
    active = watchdog;
    return () => {
        watchdog.stop();
        if (active === watchdog)
            active = null;
    };
}
/** Says what `client` runs from now on (null: nothing of a migration's), for progress lines and the time limit's finding. */
function running(client, what) {
    const session = sessionOf.get(client);
    if (session)
        session.running = what ? { ...what, since: performance.now(), reported: 0 } : null;
}
/** Set when the time limit cancelled what `client` was running (by the watchdog, or by the server's statement_timeout). */
function expiredOn(client) {
    const session = sessionOf.get(client);
    if (!session)
        return null;
    if (!session.expired && session.watchdog.pastDeadline()) {
        session.expired = {
            limitMs: session.watchdog.limitMs,
            ranMs: session.running ? performance.now() - session.running.since : 0,
            waitEvent: null,
            blockedBy: [],
        };
    }
    return session.expired;
}
/** A new session on a throwaway database, under the check's time limit when there is one. The caller ends it. */
async function openClient(url) {
    const watchdog = active;
    if (watchdog?.expired)
        throw new TimeLimitReached('the time limit was reached');
    const timeout = watchdog ? ` -c statement_timeout=${watchdog.remainingMs() + BACKSTOP_MS}` : '';
    const client = await (0,connect/* connect */.Ng)(url, { options: SCRATCH_OPTIONS + timeout });
    const forget = watchdog?.add(client, url);
    client.once('end', () => forget?.());
    return client;
}
/** Runs `fn` on a fresh connection to a throwaway database and always closes it (a template database must have none open). */
async function withScratchClient(url, fn) {
    const client = await openClient(url);
    try {
        return await fn(client);
    }
    finally {
        await client.end().catch(() => { });
    }
}
/** As the sessions' own role (which sees and may cancel its own sessions): what they wait for, then cancel them. */
async function signalSessions(url, pids, seen) {
    const client = await (0,connect/* connect */.Ng)(url);
    try {
        const { rows } = await client.query(`SELECT pid, wait_event_type, wait_event, pg_blocking_pids(pid) AS blocked_by,
              (extract(epoch FROM clock_timestamp() - query_start) * 1000)::float8 AS ran_ms
         FROM pg_stat_activity WHERE pid = ANY($1::int[]) AND state = 'active'`, [pids]);
        seen(rows);
        await client.query('SELECT pg_cancel_backend(pid) FROM unnest($1::int[]) AS p(pid)', [rows.map((row) => row.pid)]);
    }
    finally {
        await client.end().catch(() => { });
    }
}

;// CONCATENATED MODULE: ./src/introspect/queries.ts
/**
 * The catalog queries `introspect` runs: one per kind of object, each a plain SELECT over pg_catalog, so
 * introspection works inside a READ ONLY transaction and for a role that may read nothing but the catalogs.
 * Every query reads `$1`, the schemas to read (a text[]), or NULL for every user schema; introspect() writes
 * the list in as an expression. Ordering happens in TypeScript, byte-wise, so it does not depend on the
 * server's collation.
 */
/**
 * A user schema: PostgreSQL reserves the `pg_` prefix for its own schemas (pg_catalog, pg_toast, pg_temp_N,
 * pg_toast_temp_N), which leaves information_schema as the only other system one.
 */
function userNamespace(alias) {
    return `${alias}.nspname !~ '^pg_' AND ${alias}.nspname <> 'information_schema'
    AND ($1::text[] IS NULL OR ${alias}.nspname = ANY ($1::text[]))`;
}
/** Objects that CREATE EXTENSION made belong to the extension, not to the project. */
function notFromExtension(catalog, oid) {
    return `NOT EXISTS (
    SELECT FROM pg_catalog.pg_depend member
    WHERE member.classid = 'pg_catalog.${catalog}'::regclass AND member.objid = ${oid} AND member.deptype = 'e')`;
}
/** Tables Prisma can describe: plain and partitioned tables; partitions are part of their parent. */
const USER_TABLES = `tables AS (
  SELECT c.oid, n.nspname::text AS schema, c.relname::text AS name, c.relrowsecurity AS rls
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
    AND ${userNamespace('n')} AND ${notFromExtension('pg_class', 'c.oid')}
)`;
/** `select` over the `tables` the project's schemas hold. */
function overTables(select) {
    return `WITH ${USER_TABLES}${select}`;
}
const NAMESPACES = `
SELECT n.nspname::text AS name
FROM pg_catalog.pg_namespace n
WHERE ${userNamespace('n')} AND ${notFromExtension('pg_namespace', 'n.oid')}`;
const TABLES = overTables(`
SELECT oid, schema, name, rls FROM tables`);
const COLUMNS = overTables(`
SELECT
  a.attrelid AS table_oid,
  a.attname::text AS name,
  a.attnum AS position,
  NOT a.attnotnull AS nullable,
  element.typname::text AS type_name,
  element_ns.nspname::text AS type_schema,
  -- An array type, in the same way format_type decides it (int2vector and oidvector are not arrays).
  (t.typelem <> 0 AND t.typlen = -1 AND t.typstorage <> 'p') AS is_array,
  a.atttypmod AS typmod,
  pg_catalog.format_type(element.oid, a.atttypmod) AS formatted_type,
  CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END AS default_expr,
  CASE WHEN a.attgenerated <> '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END AS generated_expr,
  a.attidentity::text AS identity
FROM tables
JOIN pg_catalog.pg_attribute a ON a.attrelid = tables.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
JOIN pg_catalog.pg_type element
  ON element.oid = CASE WHEN t.typelem <> 0 AND t.typlen = -1 AND t.typstorage <> 'p' THEN t.typelem ELSE t.oid END
JOIN pg_catalog.pg_namespace element_ns ON element_ns.oid = element.typnamespace
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum`);
/** Names of `keys` (attribute numbers of `relation`) in key order. */
function columnNames(keys, relation) {
    return `ARRAY(
    SELECT att.attname::text
    FROM unnest(${keys}) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_catalog.pg_attribute att ON att.attrelid = ${relation} AND att.attnum = k.attnum
    ORDER BY k.ord)`;
}
/**
 * Primary keys, foreign keys, CHECK and exclusion constraints. Unique constraints are read with the indexes
 * that back them. A foreign key that references a partitioned table also gets one clone per partition
 * (conparentid set); only the constraint the user wrote is kept.
 */
const CONSTRAINTS = overTables(`
SELECT
  con.conrelid AS table_oid,
  con.conname::text AS name,
  con.contype::text AS type,
  ${columnNames('con.conkey', 'con.conrelid')} AS columns,
  ref_ns.nspname::text AS referenced_schema,
  ref.relname::text AS referenced_table,
  ${columnNames('con.confkey', 'con.confrelid')} AS referenced_columns,
  con.confdeltype::text AS on_delete,
  con.confupdtype::text AS on_update,
  con.condeferrable AS deferrable,
  pg_catalog.pg_get_constraintdef(con.oid) AS definition
FROM tables
JOIN pg_catalog.pg_constraint con ON con.conrelid = tables.oid
LEFT JOIN pg_catalog.pg_class ref ON ref.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace ref_ns ON ref_ns.oid = ref.relnamespace
WHERE con.contype IN ('p', 'f', 'c', 'x') AND (con.contype <> 'f' OR con.conparentid = 0)`);
/**
 * Indexes other than primary keys and exclusion constraints. Key columns (1..indnkeyatts) and INCLUDE
 * columns are read apart: the INCLUDE ones take no part in lookups or uniqueness and Prisma cannot declare
 * them, but its engine reads them as columns of the index. The operator class is kept only when it is not
 * the access method's default for the column's type.
 */
const INDEXES = overTables(`
SELECT
  i.indrelid AS table_oid,
  ic.relname::text AS name,
  i.indisunique AS unique,
  am.amname::text AS method,
  pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS predicate,
  EXISTS (
    SELECT FROM pg_catalog.pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype = 'u'
  ) AS is_constraint,
  (
    SELECT json_agg(json_build_object(
      'name', att.attname,
      'expression', CASE WHEN i.indkey[k.pos - 1] = 0 THEN pg_catalog.pg_get_indexdef(i.indexrelid, k.pos, true) END,
      'descending', (i.indoption[k.pos - 1] & 1) = 1,
      'opclass', CASE WHEN NOT opc.opcdefault THEN opc.opcname END
    ) ORDER BY k.pos)
    FROM generate_series(1, i.indnkeyatts) AS k(pos)
    LEFT JOIN pg_catalog.pg_attribute att ON att.attrelid = i.indrelid AND att.attnum = i.indkey[k.pos - 1]
    JOIN pg_catalog.pg_opclass opc ON opc.oid = i.indclass[k.pos - 1]
  ) AS columns,
  ARRAY(
    SELECT att.attname::text
    FROM generate_series(i.indnkeyatts + 1, i.indnatts) AS k(pos)
    JOIN pg_catalog.pg_attribute att ON att.attrelid = i.indrelid AND att.attnum = i.indkey[k.pos - 1]
    ORDER BY k.pos
  ) AS include
FROM tables
JOIN pg_catalog.pg_index i ON i.indrelid = tables.oid
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
WHERE NOT i.indisprimary AND NOT i.indisexclusion`);
const ENUMS = `
SELECT
  n.nspname::text AS schema,
  t.typname::text AS name,
  ARRAY(
    SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder
  ) AS values
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND ${userNamespace('n')} AND ${notFromExtension('pg_type', 't.oid')}`;
const VIEWS = `
SELECT
  n.nspname::text AS schema,
  c.relname::text AS name,
  c.relkind = 'm' AS materialized,
  pg_catalog.pg_get_viewdef(c.oid) AS definition
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm') AND ${userNamespace('n')} AND ${notFromExtension('pg_class', 'c.oid')}`;
/**
 * Extensions installed into a user schema. plpgsql, which every database has, lives in pg_catalog and is
 * left out like every other system object.
 */
const EXTENSIONS = `
SELECT x.extname::text AS name, n.nspname::text AS schema, x.extversion AS version
FROM pg_catalog.pg_extension x
JOIN pg_catalog.pg_namespace n ON n.oid = x.extnamespace
WHERE ${userNamespace('n')}`;
/** A sequence is owned by a column through OWNED BY (serial: deptype 'a') or an identity column ('i'). */
const SEQUENCES = `
SELECT
  n.nspname::text AS schema,
  s.relname::text AS name,
  owner.relname::text AS owner_table,
  owner_column.attname::text AS owner_column
FROM pg_catalog.pg_class s
JOIN pg_catalog.pg_namespace n ON n.oid = s.relnamespace
LEFT JOIN pg_catalog.pg_depend owned
  ON owned.classid = 'pg_catalog.pg_class'::regclass AND owned.objid = s.oid
  AND owned.refclassid = 'pg_catalog.pg_class'::regclass AND owned.refobjsubid > 0
  AND owned.deptype IN ('a', 'i')
LEFT JOIN pg_catalog.pg_class owner ON owner.oid = owned.refobjid
LEFT JOIN pg_catalog.pg_attribute owner_column
  ON owner_column.attrelid = owned.refobjid AND owner_column.attnum = owned.refobjsubid
WHERE s.relkind = 'S' AND ${userNamespace('n')} AND ${notFromExtension('pg_class', 's.oid')}`;
/** Triggers a user wrote, on tables and views; internal ones implement foreign keys. */
const TRIGGERS = `
SELECT
  n.nspname::text AS schema,
  c.relname::text AS table,
  t.tgname::text AS name,
  pg_catalog.pg_get_triggerdef(t.oid) AS definition
FROM pg_catalog.pg_trigger t
JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal AND NOT c.relispartition
  AND ${userNamespace('n')} AND ${notFromExtension('pg_class', 'c.oid')}`;
/** Functions and procedures, named with their argument types because overloads share a name. */
const FUNCTIONS = `
SELECT
  n.nspname::text AS schema,
  p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' AS name,
  pg_catalog.pg_get_functiondef(p.oid) AS definition
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
WHERE p.prokind IN ('f', 'p') AND ${userNamespace('n')} AND ${notFromExtension('pg_proc', 'p.oid')}`;
/** Row-level security policies, written back the way CREATE POLICY takes them. */
const POLICIES = overTables(`
SELECT
  tables.schema,
  tables.name AS table,
  p.polname::text AS name,
  concat_ws(' ',
    CASE WHEN NOT p.polpermissive THEN 'AS RESTRICTIVE' END,
    'FOR ' || CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                            WHEN 'd' THEN 'DELETE' ELSE 'ALL' END,
    'TO ' || ARRAY_TO_STRING(ARRAY(
      SELECT CASE WHEN role.oid = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END
      FROM unnest(p.polroles) AS role(oid)
      LEFT JOIN pg_catalog.pg_roles r ON r.oid = role.oid
      ORDER BY 1), ', '),
    'USING (' || pg_catalog.pg_get_expr(p.polqual, p.polrelid) || ')',
    'WITH CHECK (' || pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) || ')'
  ) AS definition
FROM tables
JOIN pg_catalog.pg_policy p ON p.polrelid = tables.oid`);
/** Domains and standalone composite types (CREATE TYPE ... AS (...)); tables' row types are not listed. */
const TYPES = `
SELECT
  n.nspname::text AS schema,
  t.typname::text AS name,
  CASE t.typtype WHEN 'd' THEN 'domain' ELSE 'type' END AS kind,
  CASE t.typtype
    WHEN 'd' THEN concat_ws(' ',
      pg_catalog.format_type(t.typbasetype, t.typtypmod),
      'DEFAULT ' || t.typdefault,
      CASE WHEN t.typnotnull THEN 'NOT NULL' END,
      (SELECT string_agg(pg_catalog.pg_get_constraintdef(con.oid), ' ' ORDER BY con.conname)
       FROM pg_catalog.pg_constraint con WHERE con.contypid = t.oid AND con.contype = 'c'))
    ELSE '(' || (
      SELECT string_agg(quote_ident(att.attname) || ' ' || pg_catalog.format_type(att.atttypid, att.atttypmod), ', '
                        ORDER BY att.attnum)
      FROM pg_catalog.pg_attribute att
      WHERE att.attrelid = t.typrelid AND att.attnum > 0 AND NOT att.attisdropped) || ')'
  END AS definition
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
WHERE (t.typtype = 'd' OR (t.typtype = 'c' AND c.relkind = 'c'))
  AND ${userNamespace('n')} AND ${notFromExtension('pg_type', 't.oid')}`;

;// CONCATENATED MODULE: ./src/introspect/type-modifiers.ts
/** pg_attribute.atttypmod of variable-length types counts the 4-byte length header PostgreSQL stores. */
const VARHDRSZ = 4;
/** interval's typmod keeps this in its low 16 bits when no precision was given. */
const INTERVAL_FULL_PRECISION = 0xffff;
/**
 * The numbers a type modifier stands for (`varchar(191)` → [191], `numeric(65,30)` → [65, 30]), decoded the
 * way PostgreSQL's own typmodout functions do for built-in types. Types from other schemas (extension types
 * such as pgvector's `vector(1536)`) keep their modifier opaque, so their numbers are read from `formatted`,
 * the `format_type(type, typmod)` text their typmodout produced.
 */
function typeArgs(name, builtin, typmod, formatted) {
    if (typmod < 0)
        return [];
    if (!builtin)
        return trailingNumbers(formatted);
    switch (name) {
        case 'varchar':
        case 'bpchar':
            return [typmod - VARHDRSZ];
        case 'numeric': {
            const packed = typmod - VARHDRSZ;
            // Since PostgreSQL 15 the scale is an 11-bit signed number (numeric(5,-2)); older servers never set
            // the sign bit, so this reads their modifiers the same way.
            return [(packed >> 16) & 0xffff, ((packed & 0x7ff) ^ 1024) - 1024];
        }
        case 'timestamp':
        case 'timestamptz':
        case 'time':
        case 'timetz':
        case 'bit':
        case 'varbit':
            return [typmod];
        case 'interval': {
            // The high bits hold the field range (DAY TO SECOND, ...), which Prisma cannot express.
            const precision = typmod & 0xffff;
            return precision === INTERVAL_FULL_PRECISION ? [] : [precision];
        }
        default:
            return trailingNumbers(formatted);
    }
}
function trailingNumbers(formatted) {
    const match = /\((-?\d+(?:,\s*-?\d+)*)\)$/.exec(formatted);
    return match?.[1] ? match[1].split(',').map((part) => Number(part.trim())) : [];
}

;// CONCATENATED MODULE: ./src/introspect/introspect.ts



/**
 * Reads a PostgreSQL database into the DbSchema model from pg_catalog. It runs one query of a fixed number of
 * SELECTs (one per kind of object, however many tables there are) and writes nothing, so it can run inside a
 * READ ONLY transaction and as a role that can read only the catalogs.
 *
 * Expressions (defaults, generated columns, index predicates, view and trigger definitions) come out as
 * PostgreSQL prints them for this session: names in a schema on the session's search_path, and that the role
 * has USAGE on, are left unqualified (`'USER'::"Role"`), all others are schema-qualified
 * (`'USER'::public."Role"`). Connect with the search_path Prisma uses, the schema of the connection URL,
 * to read expressions as Prisma writes them.
 */
async function introspect(client, options = {}) {
    // All of them in one simple query: one round trip instead of one per kind. A simple query takes no
    // parameters, so the schema list goes into the text, as quoted literals.
    const schemas = options.schemas ? `ARRAY[${options.schemas.map((name) => client.escapeLiteral(name)).join(', ')}]` : 'NULL';
    const kinds = [
        NAMESPACES,
        TABLES,
        COLUMNS,
        CONSTRAINTS,
        INDEXES,
        ENUMS,
        VIEWS,
        EXTENSIONS,
        SEQUENCES,
        TRIGGERS,
        FUNCTIONS,
        POLICIES,
        TYPES,
    ];
    const results = (await client.query(kinds.map((sql) => sql.replaceAll('$1', schemas)).join(';\n')));
    const [namespaces, tables, columns, constraints, indexes, enums, views, extensions, sequences, triggers, functions, policies, types] = results.map((result) => result.rows);
    const byTable = new Map();
    for (const row of tables) {
        byTable.set(row.oid, {
            schema: row.schema,
            name: row.name,
            columns: [],
            primaryKey: null,
            indexes: [],
            foreignKeys: [],
        });
    }
    const tableOf = (oid) => {
        const table = byTable.get(oid);
        if (!table)
            throw new Error(`catalog row for a table that was not read (oid ${oid})`);
        return table;
    };
    for (const row of columns.sort((a, b) => a.position - b.position))
        tableOf(row.table_oid).columns.push(toColumn(row));
    const unmodelled = [];
    for (const row of constraints) {
        const table = tableOf(row.table_oid);
        if (row.type === 'p')
            table.primaryKey = toPrimaryKey(row);
        else if (row.type === 'f')
            table.foreignKeys.push(toForeignKey(row));
        else {
            unmodelled.push({
                kind: row.type === 'c' ? 'check' : 'exclusion',
                schema: table.schema,
                table: table.name,
                name: row.name,
                definition: row.definition,
            });
        }
    }
    for (const row of indexes)
        tableOf(row.table_oid).indexes.push(toIndex(row));
    for (const table of byTable.values()) {
        table.indexes.sort(byName);
        table.foreignKeys.sort(byName);
    }
    for (const row of tables.filter((table) => table.rls)) {
        unmodelled.push({ kind: 'row-level-security', schema: row.schema, table: row.name, name: row.name });
    }
    for (const [kind, rows] of [
        ['trigger', triggers],
        ['function', functions],
        ['policy', policies],
    ]) {
        for (const row of rows)
            unmodelled.push({ kind, ...withoutNulls(row) });
    }
    for (const { kind, ...row } of types)
        unmodelled.push({ kind, ...withoutNulls(row) });
    return {
        namespaces: namespaces.map((row) => row.name).sort(compareBytes),
        tables: [...byTable.values()].sort(bySchemaAndName),
        enums: enums.map((row) => ({ schema: row.schema, name: row.name, values: row.values })).sort(bySchemaAndName),
        views: views.sort(bySchemaAndName),
        extensions: extensions.sort(bySchemaAndName),
        sequences: sequences
            .map((row) => ({
            schema: row.schema,
            name: row.name,
            ownedBy: row.owner_table && row.owner_column ? { table: row.owner_table, column: row.owner_column } : null,
        }))
            .sort(bySchemaAndName),
        unmodelled: unmodelled.sort(compareUnmodelled),
    };
}
function toColumn(row) {
    const builtin = row.type_schema === 'pg_catalog';
    return {
        name: row.name,
        type: {
            name: row.type_name,
            ...(builtin ? {} : { schema: row.type_schema }),
            args: typeArgs(row.type_name, builtin, row.typmod, row.formatted_type),
            array: row.is_array,
        },
        nullable: row.nullable,
        default: row.default_expr,
        identity: row.identity === 'a' ? 'always' : row.identity === 'd' ? 'by default' : null,
        generated: row.generated_expr,
    };
}
function toPrimaryKey(row) {
    return { name: row.name, columns: row.columns };
}
/** pg_constraint.confdeltype / confupdtype codes. */
const REFERENTIAL_ACTIONS = {
    a: 'NO ACTION',
    r: 'RESTRICT',
    c: 'CASCADE',
    n: 'SET NULL',
    d: 'SET DEFAULT',
};
function toReferentialAction(code) {
    const action = REFERENTIAL_ACTIONS[code];
    if (!action)
        throw new Error(`unknown referential action code in pg_constraint: ${code}`);
    return action;
}
function toForeignKey(row) {
    return {
        name: row.name,
        columns: row.columns,
        referencedSchema: row.referenced_schema ?? '',
        referencedTable: row.referenced_table ?? '',
        referencedColumns: row.referenced_columns,
        onDelete: toReferentialAction(row.on_delete),
        onUpdate: toReferentialAction(row.on_update),
        deferrable: row.deferrable,
    };
}
function toIndex(row) {
    return {
        name: row.name,
        unique: row.unique,
        method: row.method,
        columns: row.columns.map((column) => ({
            name: column.name,
            ...(column.expression === null ? {} : { expression: column.expression }),
            sort: column.descending ? 'DESC' : 'ASC',
            opclass: column.opclass,
        })),
        predicate: row.predicate,
        constraint: row.is_constraint,
        ...(row.include.length ? { include: row.include } : {}),
    };
}
function withoutNulls(row) {
    return {
        schema: row.schema,
        ...(row.table === undefined ? {} : { table: row.table }),
        name: row.name,
        ...(row.definition === null ? {} : { definition: row.definition }),
    };
}
/** Grouped by kind for reports, then by where the object lives. */
function compareUnmodelled(a, b) {
    return (compareBytes(a.kind, b.kind) ||
        compareBytes(a.schema, b.schema) ||
        compareBytes(a.table ?? '', b.table ?? '') ||
        compareBytes(a.name, b.name));
}

// EXTERNAL MODULE: ./src/db/quote.ts
var quote = __webpack_require__(6246);
;// CONCATENATED MODULE: ./src/common/model.ts

function emptySchema() {
    return { namespaces: [], tables: [], enums: [], views: [], extensions: [], sequences: [], unmodelled: [] };
}
/** `"schema"."name"` key used to match objects of the two sides. */
function qualifiedKey(schema, name) {
    return `${schema}.${name}`;
}
/** A type as SQL would write it: `VARCHAR(191)`, `TIMESTAMP(3)`, `"Role"[]`. */
function formatType(type) {
    const base = SQL_TYPE_NAMES[type.name] ?? (type.schema ? (0,quote/* quoteIdent */.v)(type.name) : type.name);
    const args = type.args.length ? `(${type.args.join(',')})` : '';
    return `${base}${args}${type.array ? '[]' : ''}`;
}
const SQL_TYPE_NAMES = {
    int2: 'SMALLINT',
    int4: 'INTEGER',
    int8: 'BIGINT',
    float4: 'REAL',
    float8: 'DOUBLE PRECISION',
    numeric: 'DECIMAL',
    bool: 'BOOLEAN',
    text: 'TEXT',
    varchar: 'VARCHAR',
    bpchar: 'CHAR',
    timestamp: 'TIMESTAMP',
    timestamptz: 'TIMESTAMPTZ',
    date: 'DATE',
    time: 'TIME',
    timetz: 'TIMETZ',
    jsonb: 'JSONB',
    json: 'JSON',
    uuid: 'UUID',
    bytea: 'BYTEA',
    xml: 'XML',
    inet: 'INET',
    bit: 'BIT',
    varbit: 'VARBIT',
    money: 'MONEY',
    oid: 'OID',
    citext: 'CITEXT',
};

;// CONCATENATED MODULE: ./src/analyse/ast.ts


function tableKey(table) {
    return qualifiedKey(table.schema, table.name);
}
function tableOf(relation, defaultSchema) {
    if (!relation?.relname)
        return null;
    return { schema: relation.schemaname ?? defaultSchema, name: relation.relname };
}
/** The strings of a `List` or a bare `String` node: qualified names like `"s"."t"`. */
function nameParts(node) {
    if (!node)
        return [];
    if ('String' in node)
        return [node.String.sval ?? ''];
    if ('List' in node)
        return (node.List.items ?? []).flatMap(nameParts);
    if ('TypeName' in node)
        return (node.TypeName.names ?? []).flatMap(nameParts);
    return [];
}
/** `["s", "t"]` or `["t"]` as a schema-qualified name. */
function qualified(parts, defaultSchema) {
    const name = parts.at(-1);
    if (name === undefined)
        return null;
    return { schema: parts.length > 1 ? parts.at(-2) : defaultSchema, name };
}
/**
 * A type as the parser spells it, in the terms of the data model: the grammar maps SQL keywords to
 * `pg_catalog.<typname>` (INTEGER → int4, VARCHAR → varchar), other names stay as written.
 */
function columnTypeOf(type) {
    const parts = (type.names ?? []).flatMap(nameParts);
    const name = parts.at(-1) ?? '';
    const schema = parts.length > 1 && parts[0] !== 'pg_catalog' ? parts[0] : undefined;
    const args = (type.typmods ?? []).map((mod) => ('A_Const' in mod ? (mod.A_Const.ival?.ival ?? 0) : NaN));
    return { name, ...(schema ? { schema } : {}), args, array: (type.arrayBounds?.length ?? 0) > 0 };
}
/** A name in a finding's message, quoted as the SQL it comes from would quote it. */
const quoteName = quote/* quoteIdent */.v;
function displayTable(table, defaultSchema) {
    return table.schema === defaultSchema ? quoteName(table.name) : `${quoteName(table.schema)}.${quoteName(table.name)}`;
}

// EXTERNAL MODULE: ./src/common/catalogue.ts
var catalogue = __webpack_require__(9756);
;// CONCATENATED MODULE: ./src/analyse/rules/rule.ts

function finding(rule, ctx, statement, details) {
    return {
        rule: rule.id,
        group: (0,catalogue/* ruleInfo */.PI)(rule.id).group,
        severity: (0,catalogue/* ruleInfo */.PI)(rule.id).severity,
        message: details.message,
        location: { file: ctx.file, line: statement.line, column: statement.column },
        object: details.object,
        migration: ctx.migration,
        hint: details.hint ?? rule.hint,
        ...(details.suggestion ? { suggestion: details.suggestion } : {}),
    };
}
/**
 * The lines from `first`'s first to `last`'s last, with the statements between replaced by `sql` (which
 * brings its own semicolons) and whatever else those lines hold kept.
 */
function replacing(ctx, first, last, sql) {
    return { file: ctx.file, startLine: first.line, endLine: last.endLine, replacement: `${first.before}${sql}${last.after}` };
}
/** The `ALTER TABLE` sub-commands of a statement, with the table they apply to. */
function alterTableCommands(statement) {
    const { node } = statement;
    if (!('AlterTableStmt' in node) || node.AlterTableStmt.objtype !== 'OBJECT_TABLE')
        return [];
    return (node.AlterTableStmt.cmds ?? []).flatMap((cmd) => ('AlterTableCmd' in cmd ? [cmd.AlterTableCmd] : []));
}
/** The constraints written on a column definition (`ADD COLUMN "x" int UNIQUE REFERENCES …`). */
function columnConstraints(column) {
    return (column.constraints ?? []).flatMap((c) => ('Constraint' in c ? [c.Constraint] : []));
}

;// CONCATENATED MODULE: ./src/analyse/rules/rename-as-drop-add.ts


/**
 * Columns one migration drops from an existing table and adds back under another name with the same type:
 * what Prisma writes when a field is renamed in schema.prisma without `@map`. Keyed by the dropped column.
 */
function renamedColumns(ctx) {
    const dropped = [];
    const added = [];
    for (const statement of ctx.statements) {
        const table = 'AlterTableStmt' in statement.node ? tableOf(statement.node.AlterTableStmt.relation, ctx.defaultSchema) : null;
        if (!table)
            continue;
        for (const [command, cmd] of alterTableCommands(statement).entries()) {
            if (cmd.subtype === 'AT_DropColumn') {
                const column = statement.existing.tables.get(tableKey(table))?.columns.find((c) => c.name === cmd.name);
                if (column)
                    dropped.push({ statement, command, table, column });
            }
            else if (cmd.subtype === 'AT_AddColumn' && cmd.def && 'ColumnDef' in cmd.def) {
                const definition = cmd.def.ColumnDef;
                const { colname, typeName } = definition;
                if (colname && typeName)
                    added.push({ statement, command, table, name: colname, type: columnTypeOf(typeName), definition });
            }
        }
    }
    const pairs = new Map();
    for (const drop of dropped) {
        const index = added.findIndex((add) => tableKey(add.table) === tableKey(drop.table) && add.name !== drop.column.name && sameType(add.type, drop.column.type));
        if (index < 0)
            continue;
        pairs.set(drop, added[index]);
        added.splice(index, 1);
    }
    return pairs;
}
function sameType(a, b) {
    return a.name === b.name && a.array === b.array && a.args.join(',') === b.args.join(',');
}
/**
 * `RENAME COLUMN` in place of the drop and the add, when that builds the same column: the added column
 * has the dropped one's nullability and neither has a default or anything else a rename would not carry
 * over. A statement that does more (Prisma writes every change to a table as one ALTER TABLE) keeps its
 * other commands, after the renames; a drop and an add in two statements are replaced when they are
 * neighbours and do nothing else, so the suggestion's lines hold nothing it would lose.
 */
function renameSuggestion(ctx, pairs, drop, add) {
    if (!keepsColumn(drop, add))
        return undefined;
    const table = displayTable(drop.table, ctx.defaultSchema);
    const rename = (d, a) => `ALTER TABLE ${table} RENAME COLUMN ${quoteName(d.column.name)} TO ${quoteName(a.name)};`;
    if (drop.statement !== add.statement) {
        const first = ctx.statements.indexOf(drop.statement);
        const second = ctx.statements.indexOf(add.statement);
        const single = (statement) => alterTableCommands(statement).length === 1;
        if (Math.abs(first - second) !== 1 || !single(drop.statement) || !single(add.statement))
            return undefined;
        const [from, to] = first < second ? [drop.statement, add.statement] : [add.statement, drop.statement];
        return replacing(ctx, from, to, rename(drop, add));
    }
    // Every rename of this statement goes into the one suggestion, so committing it leaves none half done.
    const statement = drop.statement;
    const renames = [...pairs].filter(([d, a]) => d.statement === statement && a.statement === statement && keepsColumn(d, a));
    const replaced = new Set(renames.flatMap(([d, a]) => [d.command, a.command]));
    const commands = statement.alter?.commands;
    if (!commands)
        return undefined;
    const rest = commands.filter((_, i) => !replaced.has(i));
    const sql = [...renames.map(([d, a]) => rename(d, a)), ...(rest.length ? [`${statement.alter.header} ${rest.join(',\n')};`] : [])];
    return replacing(ctx, statement, statement, sql.join('\n'));
}
function keepsColumn(drop, add) {
    const constraints = (add.definition.constraints ?? []).map((c) => ('Constraint' in c ? c.Constraint.contype : undefined));
    const notNull = constraints.includes('CONSTR_NOTNULL');
    if (constraints.some((c) => c !== 'CONSTR_NOTNULL') || notNull === drop.column.nullable)
        return false;
    return drop.column.default === null && !drop.column.identity && !drop.column.generated;
}
// destructive/error: the drop loses the column's data and the new column starts empty, although the
// intent was almost always a rename.
const renameAsDropAdd = {
    id: 'destructive/rename-as-drop-add',
    hint: 'If this is a rename, edit the migration to use ALTER TABLE ... RENAME COLUMN, which keeps the data.',
    check(ctx) {
        const pairs = renamedColumns(ctx);
        return [...pairs].map(([drop, add]) => {
            const table = displayTable(drop.table, ctx.defaultSchema);
            const suggestion = renameSuggestion(ctx, pairs, drop, add);
            return finding(renameAsDropAdd, ctx, drop.statement, {
                message: `Drops column ${quoteName(drop.column.name)} of ${table} and adds ${quoteName(add.name)} of the same type: the data of ${quoteName(drop.column.name)} is lost.`,
                object: { kind: 'column', schema: drop.table.schema, table: drop.table.name, column: drop.column.name, name: drop.column.name },
                hint: `If this is a rename, replace the DROP COLUMN and ADD COLUMN with: ALTER TABLE ${table} RENAME COLUMN ${quoteName(drop.column.name)} TO ${quoteName(add.name)}; ` +
                    'which keeps the data. The release that is running until this one is deployed still uses the old name and fails on it: ' +
                    'to avoid that, add the new column, copy the data, switch the code over and drop the old column in a later release (expand and contract).',
                ...(suggestion ? { suggestion } : {}),
            });
        });
    },
};

;// CONCATENATED MODULE: ./src/analyse/rules/drop-column.ts



// destructive/error: the column's values are gone for every row.
const dropColumn = {
    id: 'destructive/drop-column',
    hint: 'Make sure the data is no longer needed and no deployed code still reads the column; then waive this finding.',
    check(ctx) {
        // A drop that is half of a rename is reported once, by destructive/rename-as-drop-add.
        const renamed = [...renamedColumns(ctx).keys()];
        return ctx.statements.flatMap((statement) => {
            const table = 'AlterTableStmt' in statement.node ? tableOf(statement.node.AlterTableStmt.relation, ctx.defaultSchema) : null;
            const existing = table && statement.existing.tables.get(tableKey(table));
            if (!table || !existing)
                return [];
            return alterTableCommands(statement).flatMap((cmd) => {
                if (cmd.subtype !== 'AT_DropColumn' || !cmd.name)
                    return [];
                if (!existing.columns.some((c) => c.name === cmd.name))
                    return [];
                if (renamed.some((drop) => drop.statement === statement && drop.column.name === cmd.name))
                    return [];
                return [
                    finding(dropColumn, ctx, statement, {
                        message: `Drops column ${quoteName(cmd.name)} of ${displayTable(table, ctx.defaultSchema)} and its data.`,
                        object: { kind: 'column', schema: table.schema, table: table.name, column: cmd.name, name: cmd.name },
                    }),
                ];
            });
        });
    },
};

;// CONCATENATED MODULE: ./src/analyse/rules/index-without-concurrently.ts


// risk/warning: CREATE INDEX blocks every write to the table until the index is built, and DROP INDEX
// takes an ACCESS EXCLUSIVE lock; on a large table that is downtime.
const indexWithoutConcurrently = {
    id: 'risk/index-without-concurrently',
    hint: 'For a large table, move the statement into a migration of its own and add CONCURRENTLY (CREATE INDEX CONCURRENTLY / DROP INDEX CONCURRENTLY): it must be the only statement in its migration.sql.',
    check(ctx) {
        return ctx.statements.flatMap((statement) => indexChanges(statement, ctx.defaultSchema).map(({ verb, index, table }) => finding(indexWithoutConcurrently, ctx, statement, {
            message: `${verb} index ${quoteName(index)} on ${displayTable(table, ctx.defaultSchema)} without CONCURRENTLY: writes to the table are blocked meanwhile.`,
            object: { kind: 'index', schema: table.schema, table: table.name, name: index },
            ...concurrently(ctx, statement),
        })));
    },
};
/**
 * CONCURRENTLY added, when the statement is the only one of its file: Prisma sends a file as one script,
 * which runs as one transaction when it has several statements, and CONCURRENTLY refuses to run in one.
 */
function concurrently(ctx, statement) {
    if (ctx.statements.length !== 1) {
        return {
            hint: `For a large table, move the statement into a migration of its own (\`prisma migrate dev --create-only\`) and add CONCURRENTLY there: ` +
                'the statements of this file run as one transaction, in which CONCURRENTLY cannot run.',
        };
    }
    const sql = statement.text.replace(/^(CREATE\s+(?:UNIQUE\s+)?INDEX|DROP\s+INDEX)\b/i, '$1 CONCURRENTLY');
    return {
        hint: 'For a large table, add CONCURRENTLY: alone in its migration.sql, the statement runs outside a transaction, where CONCURRENTLY can run.',
        suggestion: replacing(ctx, statement, statement, `${sql};`),
    };
}
function indexChanges(statement, defaultSchema) {
    const { node, existing } = statement;
    if ('IndexStmt' in node) {
        const table = tableOf(node.IndexStmt.relation, defaultSchema);
        if (node.IndexStmt.concurrent || !table || !existing.tables.has(tableKey(table)))
            return [];
        return [{ verb: 'Creates', index: node.IndexStmt.idxname ?? '(unnamed)', table }];
    }
    if (!('DropStmt' in node) || node.DropStmt.removeType !== 'OBJECT_INDEX' || node.DropStmt.concurrent)
        return [];
    return (node.DropStmt.objects ?? []).flatMap((object) => {
        const index = qualified(nameParts(object), defaultSchema);
        const table = index && [...existing.tables.values()].find((t) => t.schema === index.schema && t.indexes.some((i) => i.name === index.name));
        return index && table ? [{ verb: 'Drops', index: index.name, table }] : [];
    });
}

;// CONCATENATED MODULE: ./src/analyse/sizes.ts



/** Measured statements that hold their lock for as long as they take to go through every row: the size decides. */
const ROW_BOUND_LOCKS = ['lock/access-exclusive', 'lock/rewrite', 'lock/share'];
/**
 * Whether the finding's statement holds its lock for as long as it takes on every row: a rewrite, or an
 * index built while writes wait. The static index rule is needed besides the measured SHARE lock: after an
 * earlier ACCESS EXCLUSIVE in the same migration (ADD COLUMN, then CREATE INDEX) the build takes no new lock
 * to measure. Its DROP INDEX findings are not row-bound: removing an index takes no time per row.
 */
function isRowBound(finding) {
    if (ROW_BOUND_LOCKS.includes(finding.rule))
        return true;
    return finding.rule === indexWithoutConcurrently.id && finding.message.startsWith('Creates ');
}
/** Findings whose column's values are gone once the migration runs. */
const VALUES_LOST = [dropColumn.id, renameAsDropAdd.id];
/** Groups of the findings about what the new migrations do to existing tables. */
const SIZED_GROUPS = ['destructive', 'risk', 'lock'];
/** The table a finding is about, for findings that have one. */
function sizes_tableOf(finding) {
    if (!SIZED_GROUPS.includes(finding.group) || !finding.migration || !finding.object?.schema)
        return null;
    const table = finding.object.kind === 'table' ? finding.object.name : finding.object.table;
    return table ? { schema: finding.object.schema, table } : null;
}
function columnOf(finding) {
    return VALUES_LOST.includes(finding.rule) ? (finding.object?.column ?? null) : null;
}
const requestKey = (r) => JSON.stringify([r.schema, r.table, r.column]);
/** The tables (and dropped columns) the findings are about, once each. */
function sizeRequests(findings) {
    const requests = new Map();
    for (const finding of findings) {
        const table = sizes_tableOf(finding);
        if (!table)
            continue;
        const request = { ...table, column: columnOf(finding) };
        requests.set(requestKey(request), request);
    }
    return [...requests.values()];
}
/**
 * Adds each environment's sizes to the findings about existing tables, and ranks the statements whose lock
 * lasts as long as they take on every row: on a large table (in any environment) they are raised to
 * `destructive`, which fails by default, and accepted by the pull request's allow-label like any other
 * destructive finding; on a table every environment shows small they become notices. Unknown sizes change
 * nothing.
 */
function withSizes(findings, environments, options) {
    const byKey = environments.map(({ environment, stats }) => ({ environment, stats: new Map(stats.map((s) => [requestKey(s), s])) }));
    return findings.map((finding) => {
        const table = sizes_tableOf(finding);
        if (!table)
            return finding;
        const key = requestKey({ ...table, column: columnOf(finding) });
        const sizes = byKey.flatMap(({ environment, stats }) => {
            const found = stats.get(key);
            return found ? [toSize(environment, found, columnOf(finding) !== null, finding.timings)] : [];
        });
        if (!sizes.length)
            return finding;
        const sized = { ...finding, sizes };
        return isRowBound(finding) ? rank(sized, sizes, options) : sized;
    });
}
function toSize(environment, stats, valuesLost, timings) {
    const duration = timings && stats.rows !== null ? estimateDuration(timings, stats.rows) : null;
    return {
        environment,
        table: `${stats.schema}.${stats.table}`,
        rows: stats.rows,
        bytes: stats.bytes,
        analysed: stats.rows !== null,
        ...(valuesLost
            ? { nonNullValues: stats.rows !== null && stats.nullFraction !== null ? Math.round(stats.rows * (1 - stats.nullFraction)) : null }
            : {}),
        ...(stats.writesPerMinute !== null ? { writesPerMinute: stats.writesPerMinute } : {}),
        ...(duration ? { duration } : {}),
    };
}
/**
 * A statement's time on `rows` rows, from its times at two sizes: the straight line through them, a fixed
 * cost plus a cost per row. A rewrite or an index build goes through every row once (a sort is n log n, which
 * over the range of an extrapolation is close to linear); the seeded rows are narrower than most real ones,
 * so the estimate leans low. A slope the noise made negative counts as none: the statement is then as fast
 * as it was at the larger size.
 */
function estimateDuration(timings, rows) {
    const sorted = [...timings].sort((a, b) => a.rows - b.rows);
    const small = sorted.at(-2);
    const large = sorted.at(-1);
    if (!small || !large || large.rows === small.rows)
        return null;
    const perRow = Math.max(0, (large.ms - small.ms) / (large.rows - small.rows));
    const fixed = Math.max(0, large.ms - perRow * large.rows);
    return { ms: Math.round(fixed + perRow * rows), basis: [small, large] };
}
/**
 * An estimate as an order of magnitude: one significant digit in the largest unit that fits (≈ 40 s,
 * ≈ 3 min, ≈ 2 h), under a second as such.
 */
function formatDuration(ms) {
    const units = [
        [3_600_000, 'h'],
        [60_000, 'min'],
        [1_000, 's'],
    ];
    if (ms < 1_000)
        return 'under a second';
    const [scale, unit] = units.find(([scale]) => ms >= scale);
    const value = ms / scale;
    const magnitude = 10 ** Math.floor(Math.log10(value));
    return `≈ ${Math.round(value / magnitude) * magnitude} ${unit}`;
}
function isLarge(size, large) {
    return ((large.rows !== undefined && size.rows !== null && size.rows >= large.rows) || (large.bytes !== undefined && size.bytes >= large.bytes));
}
/** Small for sure: analysed (a table without an estimate may hold any number of rows) and under both bounds. */
function isSmall(size, large) {
    return size.analysed && !isLarge(size, large);
}
function rank(finding, sizes, options) {
    const bound = describeLargeTable(options.largeTable);
    const large = sizes.find((size) => isLarge(size, options.largeTable));
    if (large) {
        // In the destructive group, the allow-label accepts it as any other destructive finding.
        return {
            ...finding,
            group: 'destructive',
            severity: 'error',
            message: `${finding.message} Raised to an error: in \`${large.environment}\` the table holds ${sizeFacts(large)}, at or above \`large-table\` (${bound}), so the lock lasts as long as the statement takes on every row.`,
        };
    }
    if (sizes.every((size) => isSmall(size, options.largeTable))) {
        return {
            ...finding,
            severity: 'notice',
            message: `${finding.message} A notice only: the table is below \`large-table\` (${bound}) in every environment checked.`,
        };
    }
    return finding;
}
/** `large-table` as the reports state it. */
function describeLargeTable(large) {
    return [large.rows !== undefined ? `${formatCount(large.rows)} rows` : null, large.bytes !== undefined ? formatBytes(large.bytes) : null]
        .filter(Boolean)
        .join(' or ');
}
function sizeFacts(size) {
    return `${size.rows === null ? 'an unknown number of rows (never analysed)' : `≈ ${formatCount(size.rows)} rows`}, ${formatBytes(size.bytes)}`;
}
/** One line per environment, as the text report, the summary and the comment print it. */
function sizeLine(size) {
    const parts = [`${size.environment}: ${sizeFacts(size)}`];
    if (size.writesPerMinute !== undefined)
        parts[0] += `, ≈ ${formatCount(size.writesPerMinute)} writes/min`;
    if (size.nonNullValues === null)
        parts.push('values lost unknown (no statistics of the column visible to this role)');
    else if (size.nonNullValues !== undefined)
        parts.push(`≈ ${formatCount(size.nonNullValues)} non-null values lost`);
    if (!size.analysed)
        parts.push('run ANALYZE on the table for an estimate');
    if (size.duration) {
        const [small, large] = size.duration.basis;
        parts.push(`statement ${formatDuration(size.duration.ms)} on these rows (extrapolated from ${formatMs(small.ms)} at ${formatCount(small.rows)} and ${formatMs(large.ms)} at ${formatCount(large.rows)} seeded rows)`);
    }
    return parts.join('; ');
}
/** 840, 12.4 k, 200 k, 12.4 M, 3.1 bn: three significant digits at most, an estimate is no more precise. */
function formatCount(n) {
    const units = [
        [1e9, ' bn'],
        [1e6, ' M'],
        [1e3, ' k'],
    ];
    for (const [scale, unit] of units)
        if (n >= scale)
            return `${sizes_short(n / scale)}${unit}`;
    return sizes_short(n);
}
/** PostgreSQL's units (pg_size_pretty): powers of 1024 named kB, MB, GB, TB. */
function formatBytes(n) {
    const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
    let value = n;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${unit === 0 ? Math.round(value) : sizes_short(value)} ${units[unit]}`;
}
function formatMs(ms) {
    return ms >= 1_000 ? `${sizes_short(ms / 1_000)} s` : `${sizes_short(ms)} ms`;
}
function sizes_short(value) {
    return value < 100 ? String(Math.round(value * 10) / 10) : String(Math.round(value));
}

;// CONCATENATED MODULE: ./src/analyse/seed.ts


/**
 * Fills every table with a few rows made up from its column types, so that measuring a migration shows
 * what it does to a table with data in it. Values respect NOT NULL, primary keys, unique indexes and
 * foreign keys (parents are filled first), and otherwise are deliberately untidy: nullable columns get
 * NULLs and other columns repeat values, so a later SET NOT NULL or unique index fails here as it would on
 * real data. A table whose INSERT is rejected stays empty.
 */
async function seedTables(client, schema, options = {}) {
    const rows = options.rows ?? 20;
    const result = { seeded: [], skipped: [] };
    const keysOf = new Map();
    for (const table of insertionOrder(schema.tables)) {
        const plan = planRows(table, rows, schema, keysOf);
        if ('reason' in plan) {
            result.skipped.push({ schema: table.schema, name: table.name, reason: plan.reason });
            continue;
        }
        try {
            if (plan.count > 0)
                await client.query(insertSql(table, plan));
            keysOf.set(qualifiedKey(table.schema, table.name), await readKeys(client, table, schema));
            result.seeded.push({ schema: table.schema, name: table.name, rows: plan.count });
        }
        catch (error) {
            result.skipped.push({ schema: table.schema, name: table.name, reason: error.message });
        }
    }
    return result;
}
/**
 * Adds rows to one table of a seeded database until it holds `rows`, made up as seedTables makes them (its
 * foreign keys point at the rows already in the parent tables), to time a statement on a bigger table. The
 * values go as one array per column, which PostgreSQL unnests: one round trip and a small query text for any
 * number of rows. Returns how many rows the table holds then: fewer than asked when a one-to-one foreign
 * key runs out of parent rows. Throws what PostgreSQL says when the rows break a constraint.
 */
async function growTable(client, schema, name, rows) {
    const table = schema.tables.find((t) => t.schema === name.schema && t.name === name.name);
    if (!table)
        throw new Error(`no table ${name.schema}.${name.name} to grow`);
    const target = `${(0,quote/* quoteIdent */.v)(table.schema)}.${(0,quote/* quoteIdent */.v)(table.name)}`;
    const { rows: counted } = await client.query(`SELECT count(*) AS n FROM ${target}`);
    const existing = Number(counted[0].n);
    if (existing >= rows)
        return existing;
    const keysOf = new Map();
    for (const fk of table.foreignKeys) {
        const parent = schema.tables.find((t) => t.schema === fk.referencedSchema && t.name === fk.referencedTable);
        if (parent && !keysOf.has(qualifiedKey(parent.schema, parent.name)))
            keysOf.set(qualifiedKey(parent.schema, parent.name), await readKeys(client, parent, schema));
    }
    const plan = planRows(table, rows - existing, schema, keysOf, existing);
    if ('reason' in plan)
        throw new Error(plan.reason);
    if (plan.count === 0)
        return existing;
    if (plan.columns.length === 0) {
        await client.query(`INSERT INTO ${target} SELECT FROM generate_series(1, ${plan.count})`);
    }
    else {
        const names = plan.columns.map((_, i) => `v${i}`);
        await client.query(`INSERT INTO ${target} (${plan.columns.map((c) => (0,quote/* quoteIdent */.v)(c.name)).join(', ')})
       SELECT ${plan.columns.map((c, i) => `${names[i]}::${castType(c.type)}`).join(', ')}
         FROM unnest(${names.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS u(${names.join(', ')})`, plan.columns.map((_, i) => plan.values.map((row) => row[i])));
    }
    return existing + plan.count;
}
const columnsKey = (columns) => JSON.stringify(columns);
/**
 * Parents before children. A NOT NULL foreign key always puts its parent first; an optional one does too
 * unless that parent needs (through NOT NULL keys) a table already waiting for it, so a cycle is broken at
 * an optional reference, which is then left NULL.
 */
function insertionOrder(tables) {
    const byKey = new Map(tables.map((t) => [qualifiedKey(t.schema, t.name), t]));
    const parentOf = (fk) => byKey.get(qualifiedKey(fk.referencedSchema, fk.referencedTable));
    const required = (table, fk) => fk.columns.some((c) => table.columns.find((col) => col.name === c)?.nullable === false);
    const needs = (table, seen = new Set()) => {
        for (const fk of table.foreignKeys) {
            const parent = parentOf(fk);
            if (parent && required(table, fk) && !seen.has(parent))
                needs(parent, seen.add(parent));
        }
        return seen;
    };
    const done = new Set();
    const waiting = new Set();
    const order = [];
    const visit = (table) => {
        if (done.has(table) || waiting.has(table))
            return;
        waiting.add(table);
        const fks = [...table.foreignKeys].sort((a, b) => Number(required(table, b)) - Number(required(table, a)));
        for (const fk of fks) {
            const parent = parentOf(fk);
            if (!parent || parent === table)
                continue;
            if (required(table, fk) || ![...needs(parent)].some((t) => waiting.has(t)))
                visit(parent);
        }
        waiting.delete(table);
        done.add(table);
        order.push(table);
    };
    for (const table of tables)
        visit(table);
    return order;
}
/** `offset`: the rows already in the table, so new rows continue their sequence and unique values stay distinct. */
function planRows(table, wanted, schema, keysOf, offset = 0) {
    const uniqueColumns = new Set([
        ...(table.primaryKey?.columns ?? []),
        ...table.indexes.filter((i) => i.unique && !i.predicate).flatMap((i) => i.columns.flatMap((c) => (c.name ? [c.name] : []))),
    ]);
    const isSelf = (fk) => fk.referencedSchema === table.schema && fk.referencedTable === table.name;
    // A column in several foreign keys takes its value from the widest: a composite key's parent row also
    // satisfies the narrower key (tenant columns such as project_id).
    const fkOf = new Map();
    for (const fk of [...table.foreignKeys].sort((a, b) => a.columns.length - b.columns.length)) {
        fk.columns.forEach((column, position) => fkOf.set(column, { fk, position }));
    }
    let count = wanted;
    const parentRows = new Map();
    for (const fk of table.foreignKeys.filter((fk) => !isSelf(fk))) {
        const rows = keysOf.get(qualifiedKey(fk.referencedSchema, fk.referencedTable))?.get(columnsKey(fk.referencedColumns)) ?? [];
        const required = fk.columns.some((c) => !table.columns.find((col) => col.name === c)?.nullable);
        if (rows.length === 0 && required)
            return { reason: `its foreign key ${fk.name} needs rows in ${fk.referencedTable}, which has none` };
        parentRows.set(fk, rows);
        // A unique foreign key (one-to-one) can point at each parent row once.
        if (rows.length > 0 && fk.columns.some((c) => uniqueColumns.has(c)))
            count = Math.max(0, Math.min(count, rows.length - offset));
    }
    // Columns PostgreSQL fills itself, and nullable ones of types we cannot make up values for, are left out.
    const columns = table.columns.filter((c) => !c.generated &&
        c.identity === null &&
        !/^nextval\(/.test(c.default ?? '') &&
        (fkOf.has(c.name) || !c.nullable || scalarFor(c.type, 0, schema) !== undefined));
    const values = [];
    for (let row = offset; row < offset + count; row++) {
        values.push(columns.map((column) => {
            const unique = uniqueColumns.has(column.name);
            const link = fkOf.get(column.name);
            if (link && isSelf(link.fk))
                return null;
            if (link) {
                // Every column of one foreign key comes from the same parent row, or all are NULL.
                const rows = parentRows.get(link.fk);
                const fkUnique = link.fk.columns.some((c) => uniqueColumns.has(c));
                const fkNullable = link.fk.columns.every((c) => table.columns.find((col) => col.name === c)?.nullable);
                if (rows.length === 0 || (fkNullable && !fkUnique && row % 4 === 3))
                    return null;
                return rows[fkUnique ? row % rows.length : (row * 7) % rows.length][link.position];
            }
            if (column.nullable && !unique && row % 3 === 2)
                return null;
            return valueFor(column.type, unique ? row : row % 3, schema);
        }));
    }
    linkSelfReferences(table, columns, values, isSelf);
    return { columns, values, count };
}
/**
 * A self reference points at the previous row (the first row at itself) when the referenced columns get
 * values here, so NOT NULL self references work; a key PostgreSQL generates is unknown, so those stay NULL.
 * The foreign key is checked at the end of the INSERT, when every row is in.
 */
function linkSelfReferences(table, columns, values, isSelf) {
    const index = (name) => columns.findIndex((c) => c.name === name);
    for (const fk of table.foreignKeys.filter(isSelf)) {
        const from = fk.columns.map(index);
        const to = fk.referencedColumns.map(index);
        if (to.some((i) => i < 0))
            continue;
        const nullable = fk.columns.every((c) => table.columns.find((col) => col.name === c)?.nullable);
        values.forEach((row, n) => {
            if (nullable && n % 2 === 0)
                return;
            from.forEach((i, position) => {
                if (i >= 0)
                    row[i] = values[Math.max(n - 1, 0)][to[position]];
            });
        });
    }
}
/** A value of the type as text, distinct for each `n` (as far as the type has values). */
function valueFor(type, n, schema) {
    // A NOT NULL column of a type we do not know gets a number and the type's own input function decides.
    const scalar = scalarFor(type, n, schema) ?? String(n + 1);
    if (!type.array)
        return scalar;
    const second = scalarFor(type, n + 1, schema) ?? String(n + 2);
    return `{${[scalar, second].map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}
function scalarFor(type, n, schema) {
    if (type.schema) {
        const values = schema.enums.find((e) => e.schema === type.schema && e.name === type.name)?.values;
        if (values && values.length > 0)
            return values[n % values.length];
    }
    switch (type.name) {
        case 'int2':
        case 'int4':
        case 'int8':
        case 'numeric':
        case 'float4':
        case 'float8':
        case 'oid':
            return String(n + 1);
        case 'money':
            return `${n + 1}.00`;
        case 'bool':
            return n % 2 === 0 ? 'true' : 'false';
        case 'text':
        case 'citext':
        case 'varchar':
        case 'bpchar':
        case 'name':
            return fitText(`value ${n + 1}`, n, type.args[0]);
        case 'uuid':
            return `00000000-0000-4000-8000-${(n + 1).toString(16).padStart(12, '0')}`;
        case 'json':
        case 'jsonb':
            return JSON.stringify({ seed: n + 1 });
        case 'timestamp':
        case 'timestamptz':
            return new Date(Date.UTC(2024, 0, 1 + n, 12)).toISOString();
        case 'date':
            return new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
        case 'time':
        case 'timetz':
            return `${String(n % 24).padStart(2, '0')}:00:00`;
        case 'interval':
            return `${n + 1} minutes`;
        case 'bytea':
            return `\\x${(n + 1).toString(16).padStart(2, '0')}`;
        case 'inet':
        case 'cidr':
            return `10.0.${Math.floor(n / 256)}.${n % 256}`;
        case 'xml':
            return `<seed>${n + 1}</seed>`;
        default:
            return undefined;
    }
}
/**
 * Text within a length limit: short limits fall back to the bare number, and numbers too long for it to the
 * number written in letters (`a` to `z` for 0 to 25: four characters hold 457,000 values, enough for a table
 * grown to time a statement). Letters never spell a number, so the values stay distinct.
 */
function fitText(text, n, limit) {
    if (limit === undefined || text.length <= limit)
        return text;
    const decimal = String(n + 1);
    if (decimal.length <= limit)
        return decimal;
    let letters = '';
    for (let rest = n; letters.length < limit; rest = Math.floor(rest / 26))
        letters = String.fromCharCode(97 + (rest % 26)) + letters;
    return letters;
}
function castType(type) {
    const base = type.schema ? `${(0,quote/* quoteIdent */.v)(type.schema)}.${(0,quote/* quoteIdent */.v)(type.name)}` : (0,quote/* quoteIdent */.v)(type.name);
    const args = type.args.length ? `(${type.args.join(',')})` : '';
    return `${base}${args}${type.array ? '[]' : ''}`;
}
function insertSql(table, { columns, values, count }) {
    const target = `${(0,quote/* quoteIdent */.v)(table.schema)}.${(0,quote/* quoteIdent */.v)(table.name)}`;
    // Every column has a default: an empty select list inserts a row of defaults.
    if (columns.length === 0)
        return `INSERT INTO ${target} SELECT FROM generate_series(1, ${count})`;
    const literal = (value, column) => value === null ? `NULL::${castType(column.type)}` : `'${value.replaceAll("'", "''")}'::${castType(column.type)}`;
    const rows = values.map((row) => `(${row.map((value, i) => literal(value, columns[i])).join(', ')})`);
    return `INSERT INTO ${target} (${columns.map((c) => (0,quote/* quoteIdent */.v)(c.name)).join(', ')}) VALUES ${rows.join(', ')}`;
}
/** The filled table's rows of every column list a foreign key may reference, as text. */
async function readKeys(client, table, schema) {
    const referenced = new Set();
    for (const other of schema.tables) {
        for (const fk of other.foreignKeys) {
            if (fk.referencedSchema === table.schema && fk.referencedTable === table.name)
                referenced.add(columnsKey(fk.referencedColumns));
        }
    }
    const keys = new Map();
    for (const list of referenced) {
        const columns = JSON.parse(list);
        const { rows } = await client.query({
            text: `SELECT ARRAY[${columns.map((c) => `${(0,quote/* quoteIdent */.v)(c)}::text`).join(', ')}] AS values FROM ${(0,quote/* quoteIdent */.v)(table.schema)}.${(0,quote/* quoteIdent */.v)(table.name)}`,
        });
        keys.set(list, rows.map((row) => row.values));
    }
    return keys;
}

// EXTERNAL MODULE: ./src/common/text-position.ts
var text_position = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/apply/sql.ts

/**
 * The parser compiles 1.7 MB of WebAssembly as soon as it is imported; a check without new migrations never
 * parses SQL, so it is loaded on first use instead of at startup.
 */
const parser = () => __webpack_require__.e(/* import() */ 627).then(__webpack_require__.t.bind(__webpack_require__, 2627, 23));
/** Starts loading the parser now, for a caller that knows it will parse soon and has time to wait meanwhile. */
function preloadParser() {
    parser()
        .then((module) => module.loadModule())
        // A failure to load shows up, with its message, where the parser is used.
        .catch(() => { });
}
/**
 * Parses a migration file with PostgreSQL's own parser. A syntax error is returned, not thrown: the file
 * may still run on the server (the parser is a newer PostgreSQL than some servers), and the caller decides
 * what an unreadable file means.
 */
async function parseMigrationSql(sql) {
    const { loadModule, parseSync, scanSync } = await parser();
    await loadModule();
    let result;
    try {
        result = parseSync(sql);
    }
    catch (error) {
        const details = error.sqlDetails;
        // The parser reports the error position in characters (code points), not bytes.
        const at = (0,text_position/* lineColumnAtCodePoint */.Z)(sql, details?.cursorPosition ?? 0);
        return { ok: false, message: error.message, ...at };
    }
    // Statement locations are byte offsets into the UTF-8 encoding of the file.
    const bytes = Buffer.from(sql, 'utf8');
    const lines = lineStarts(bytes);
    const statements = [];
    let previousEnd = 0;
    for (const raw of result.stmts ?? []) {
        if (!raw.stmt)
            continue;
        const start = firstTokenOffset(bytes, raw.stmt_location ?? 0);
        // A length of 0 means "to the end of the input" (the last statement without a semicolon).
        const end = raw.stmt_len ? (raw.stmt_location ?? 0) + raw.stmt_len : bytes.length;
        const terminated = terminatorEnd(bytes, end);
        const position = lineColumnOfByte(bytes, lines, start);
        const endLine = lineColumnOfByte(bytes, lines, Math.max(terminated - 1, start)).line;
        const lineEnd = bytes.indexOf(0x0a, terminated);
        const text = bytes.subarray(start, end).toString('utf8');
        const commands = 'AlterTableStmt' in raw.stmt ? (raw.stmt.AlterTableStmt.cmds?.length ?? 0) : 0;
        const alter = commands ? alterClauses(scanSync(text).tokens, Buffer.from(text, 'utf8'), commands) : undefined;
        statements.push({
            node: raw.stmt,
            text,
            start,
            ...position,
            leading: bytes.subarray(previousEnd, start).toString('utf8'),
            leadingLine: lineColumnOfByte(bytes, lines, previousEnd).line,
            endLine,
            before: bytes.subarray(lines[position.line - 1], start).toString('utf8'),
            after: bytes
                .subarray(terminated, lineEnd < 0 ? bytes.length : lineEnd)
                .toString('utf8')
                .replace(/\r$/, ''),
            ...(alter ? { alter } : {}),
        });
        previousEnd = end;
    }
    return { ok: true, statements };
}
/** The tokens of `text`, comments included, with their offsets in its UTF-8 encoding. */
async function scanSql(text) {
    const { loadModule, scanSync } = await parser();
    await loadModule();
    return scanSync(text).tokens;
}
/** Skips whitespace and comments: older parsers put a statement's location right after the previous semicolon. */
function firstTokenOffset(bytes, offset) {
    let i = offset;
    while (i < bytes.length) {
        const c = bytes[i];
        if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c || c === 0x3b)
            i++;
        else if (c === 0x2d && bytes[i + 1] === 0x2d) {
            while (i < bytes.length && bytes[i] !== 0x0a)
                i++;
        }
        else if (c === 0x2f && bytes[i + 1] === 0x2a) {
            const close = bytes.indexOf('*/', i + 2);
            i = close < 0 ? bytes.length : close + 2;
        }
        else
            break;
    }
    return i;
}
/**
 * Cuts an ALTER TABLE at its top-level commas, which separate its sub-commands (commas inside parentheses
 * belong to a type or a constraint; strings and quoted names are single tokens). Undefined when the cut
 * does not give one piece per parsed command, or the table is named in a way this does not read.
 */
function alterClauses(tokens, bytes, commands) {
    const upper = (i) => tokens[i]?.text.toUpperCase();
    let i = 2; // ALTER TABLE
    if (upper(i) === 'IF' && upper(i + 1) === 'EXISTS')
        i += 2;
    if (upper(i) === 'ONLY')
        i++;
    i++;
    while (tokens[i]?.text === '.')
        i += 2;
    if (tokens[i]?.text === '*')
        i++;
    const first = tokens[i];
    if (!first)
        return undefined;
    const cuts = [first.start];
    let depth = 0;
    for (const token of tokens.slice(i)) {
        if (token.text === '(' || token.text === '[')
            depth++;
        else if (token.text === ')' || token.text === ']')
            depth--;
        else if (token.text === ',' && depth === 0)
            cuts.push(token.start, token.end);
    }
    cuts.push(bytes.length);
    const pieces = [];
    for (let c = 0; c < cuts.length; c += 2)
        pieces.push(bytes
            .subarray(cuts[c], cuts[c + 1])
            .toString('utf8')
            .trim());
    if (pieces.length !== commands)
        return undefined;
    return { header: bytes.subarray(0, tokens[i - 1].end).toString('utf8'), commands: pieces };
}
/** Just past the semicolon that ends a statement ending at `end`, or `end` when none follows. */
function terminatorEnd(bytes, end) {
    let i = end;
    while (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0d || bytes[i] === 0x0a)
        i++;
    return bytes[i] === 0x3b ? i + 1 : end;
}
function lineStarts(bytes) {
    const starts = [0];
    for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1))
        starts.push(i + 1);
    return starts;
}
function lineColumnOfByte(bytes, starts, offset) {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset)
            lo = mid;
        else
            hi = mid - 1;
    }
    const prefix = bytes.subarray(starts[lo], offset).toString('utf8');
    return { line: lo + 1, column: [...prefix].length + 1 };
}

;// CONCATENATED MODULE: ./src/analyse/durations.ts





/**
 * How long a statement that locks a table for as long as it goes through its rows takes at two sizes of the
 * table, so the time can be extrapolated to a live database's row count (sizes.ts). The seeded copy with a
 * few rows per table tells which locks a statement takes; its time on 20 rows says nothing about 20 million.
 */
/** The two sizes a statement is timed at: far enough apart that the time per row shows above the fixed cost. */
const TIMING_ROWS = [10_000, 100_000];
/** A statement slower than this on 100,000 rows is past what an order of magnitude needs. */
const STATEMENT_TIMEOUT = '60s';
/** The timings are extra information: past this, the statements not timed yet go without an estimate. */
const BUDGET_MS = 120_000;
/**
 * Times each statement behind a row-bound finding at each of TIMING_ROWS rows in its table, and puts the
 * times on the findings of that statement. Each timing runs in a transaction that is rolled back: the rows
 * are added, the statements of the file before it run, then the statement is timed. A statement whose
 * timing fails (a timeout, rows a constraint rejects, a file that cannot run in a transaction) keeps its
 * findings as they are; a migration that fails to apply ends the timings, as those after it build on it.
 * Nothing here fails the check: whatever goes wrong, the findings keep the timings gathered until then.
 */
async function timeRowBoundStatements(input) {
    const wanted = new Map();
    for (const finding of input.findings) {
        const table = finding.object?.kind === 'table' ? finding.object.name : finding.object?.table;
        if (!isRowBound(finding) || !finding.migration || !finding.location || !finding.object?.schema || !table)
            continue;
        const lines = wanted.get(finding.migration) ?? new Map();
        lines.set(finding.location.line, { schema: finding.object.schema, name: table });
        wanted.set(finding.migration, lines);
    }
    if (!wanted.size)
        return [...input.findings];
    const timings = new Map();
    const deadline = performance.now() + BUDGET_MS;
    const timing = withScratchClient(input.url, async (client) => {
        await seedTables(client, input.base);
        for (const migration of input.migrations) {
            const lines = wanted.get(migration.name);
            if (lines) {
                const parsed = await parseMigrationSql(migration.sql);
                const schema = await introspect(client);
                for (const [line, table] of parsed.ok ? lines : []) {
                    if (performance.now() > deadline) {
                        input.log(`Stopped timing statements after ${BUDGET_MS / 1000} s; the rest go without a duration estimate`);
                        return;
                    }
                    const statements = parsed.ok ? parsed.statements : [];
                    const index = statements.findIndex((statement) => statement.line === line);
                    if (index < 0)
                        continue;
                    const samples = [];
                    for (const rows of TIMING_ROWS) {
                        const timed = await timeAt(client, schema, table, rows, statements.slice(0, index), statements[index]).catch((error) => {
                            input.log(`Could not time ${migration.file}:${line} at ${rows} rows: ${error.message}`);
                            return null;
                        });
                        if (!timed)
                            break;
                        samples.push(timed);
                    }
                    if (samples.length === TIMING_ROWS.length)
                        timings.set(`${migration.name}:${line}`, samples);
                }
            }
            const applied = await client.query(migration.sql).then(() => true, () => false);
            if (!applied)
                break;
        }
    });
    await timing.catch((error) => input.log(`Could not time the statements: ${error.message}`));
    input.log(`Timed ${timings.size} statements at ${TIMING_ROWS.join(' and ')} rows`);
    return input.findings.map((finding) => {
        const samples = finding.migration && finding.location ? timings.get(`${finding.migration}:${finding.location.line}`) : undefined;
        return samples && isRowBound(finding) ? { ...finding, timings: samples } : finding;
    });
}
/** Grows the table to `rows`, runs the statements before the timed one, times it, and rolls it all back. */
async function timeAt(client, schema, table, rows, before, statement) {
    await client.query('BEGIN');
    try {
        await client.query(`SET LOCAL statement_timeout = '${STATEMENT_TIMEOUT}'`);
        const grown = await growTable(client, schema, table, rows);
        if (grown < rows)
            return null;
        for (const earlier of before)
            if (!isTransactionControl(earlier))
                await client.query(earlier.text);
        const started = performance.now();
        await client.query(statement.text);
        return { rows, ms: Math.round((performance.now() - started) * 10) / 10 };
    }
    finally {
        await client.query('ROLLBACK');
    }
}
/** The file's own BEGIN and COMMIT: the timing's transaction takes their place. */
function isTransactionControl(statement) {
    return 'TransactionStmt' in statement.node;
}

// EXTERNAL MODULE: ./node_modules/pg/esm/index.mjs
var esm = __webpack_require__(3849);
;// CONCATENATED MODULE: ./src/apply/extension.ts

/**
 * The first top-level CREATE EXTENSION of `name` in `sql`: what it asks for, where it is, and the script
 * with that statement in its IF NOT EXISTS form, for the run after the admin created the extension (a
 * superuser's run of the statement would have created it and gone on). The words go on the statement's own
 * line, so findings keep the file's line numbers. Null when no top-level statement creates it (dynamic SQL).
 */
async function extensionStatement(sql, name) {
    const parsed = await parseMigrationSql(sql);
    if (!parsed.ok)
        return null;
    const at = parsed.statements.findIndex((candidate) => 'CreateExtensionStmt' in candidate.node && candidate.node.CreateExtensionStmt.extname === name);
    const statement = parsed.statements[at];
    if (!statement || !('CreateExtensionStmt' in statement.node))
        return null;
    const { if_not_exists: ifNotExists, options } = statement.node.CreateExtensionStmt;
    const text = (option) => {
        const arg = argument(options, option);
        return arg && 'String' in arg ? (arg.String.sval ?? '') : null;
    };
    const cascade = argument(options, 'cascade');
    const schema = text('schema');
    // Only the IF NOT EXISTS form runs again unchanged once the admin has created the schema.
    const createsSchema = parsed.statements
        .slice(0, at)
        .some(({ node }) => 'CreateSchemaStmt' in node && node.CreateSchemaStmt.schemaname === schema && !!node.CreateSchemaStmt.if_not_exists);
    return {
        request: {
            name,
            schema,
            version: text('new_version'),
            cascade: !!cascade && 'Boolean' in cascade && !!cascade.Boolean.boolval,
            createsSchema,
        },
        line: statement.line,
        column: statement.column,
        rerun: ifNotExists ? sql : await withIfNotExists(sql, statement),
    };
}
function argument(options, name) {
    for (const node of options ?? [])
        if ('DefElem' in node && node.DefElem.defname === name)
            return node.DefElem.arg;
    return undefined;
}
async function withIfNotExists(sql, statement) {
    const keyword = (await scanSql(statement.text)).find((token) => token.text.toUpperCase() === 'EXTENSION');
    const bytes = Buffer.from(sql, 'utf8');
    const at = statement.start + keyword.end;
    return `${bytes.subarray(0, at).toString('utf8')} IF NOT EXISTS${bytes.subarray(at).toString('utf8')}`;
}

;// CONCATENATED MODULE: ./src/apply/batch.ts
/**
 * Several migration files in one query. Every query is a round trip in which the server waits for the client
 * and the client for the server; sending a run of files together, each in its own transaction, takes most of
 * them away. PostgreSQL runs the statements of a multi-statement query in order and an error skips the rest of
 * the query: files before the failing one stay committed, the failing one is rolled back and later ones never
 * run. The caller replays that failing file on its own, so what it reports is exactly what one query per file,
 * as `prisma migrate deploy` sends them, gives.
 */
/** The column a marker row carries: how many files of the batch are committed. */
const COMMITTED = 'prisma_drift_committed';
/**
 * Words of statements that must keep a query of their own. In a batch every file runs between BEGIN and
 * COMMIT. Alone, a multi-statement file runs in an implicit transaction block, which PostgreSQL treats like an
 * explicit one except for savepoints and transaction control, and a one-statement file outside any block.
 * Some statements fail inside a block (CONCURRENTLY, VACUUM, DATABASE, SYSTEM, ...): they would be replayed
 * alone after the batch failed anyway, so they go alone at once. Others only work inside a block or change what
 * it does (LOCK, DECLARE, SAVEPOINT, PREPARE TRANSACTION, BEGIN, COMMIT, ANALYZE), or change how the rest of
 * the query text is read (standard_conforming_strings, backslash_quote, client_encoding, SET NAMES) or stream
 * data (COPY). The test is on words outside comments and quoted identifiers, which never run anything; strings
 * and dollar-quoted bodies count (a DO block runs its body, `set_config('standard_conforming_strings', ...)`
 * changes how the rest is read). A false alarm only costs the file its own round trip.
 */
const OWN_QUERY = /\b(?:abort|analy[sz]e|backslash_quote|begin|client_encoding|cluster|commit|concurrently|copy|database|declare|discard|end|lock|names|prepare|release|reindex|rollback|savepoint|standard_conforming_strings|start|subscription|system|tablespace|transaction|vacuum)\b/i;
/** Whether a migration file can share a query with its neighbours and do exactly what it does alone. */
function sharesQuery(sql) {
    const code = codeOf(sql);
    return code !== null && !OWN_QUERY.test(code);
}
/**
 * One query with each file between BEGIN and COMMIT (a COMMIT that ends the implicit transaction of a
 * multi-statement query would log a warning on the server each time), and a marker row before the first file
 * and after each COMMIT: the markers say which files are committed when the query fails, and the server's
 * clock how long each took. A failed query leaves its transaction aborted: the caller rolls it back.
 */
function batchQuery(files) {
    const marker = (committed) => `SELECT ${committed} AS ${COMMITTED}, date_part('epoch', clock_timestamp()) AS at;\n`;
    // The newline ends a line comment the file may end with; the semicolon its last statement.
    return marker(0) + files.map((sql, i) => `BEGIN;\n${sql}\n;\nCOMMIT;\n${marker(i + 1)}`).join('');
}
const LINE_COMMENT = /[^\n\r]*/y;
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;
const WORD = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/y;
const NUMBER = /[0-9][0-9A-Za-z_.\u0080-\uffff]*/y;
/**
 * Whether `sql` ends outside every string, quoted identifier, dollar-quoted body and block comment, so that
 * text appended after a newline is read as new statements. It follows PostgreSQL's lexer; where the lexer's
 * reading depends on a setting or a version (a backslash in a quoted string, a `$` right after a number) the
 * answer is false, which only costs the file its own round trip.
 */
function endsAtTopLevel(sql) {
    return codeOf(sql) !== null;
}
/**
 * `sql` with its comments and quoted identifiers blanked out, or null when it does not end at top level.
 * A lexer of its own on purpose: it only tells comments, quoted identifiers and strings apart, and must give a
 * safe answer for any text, including files that do not parse.
 */
function codeOf(sql) {
    const code = [];
    let from = 0;
    let i = 0;
    const match = (pattern) => {
        pattern.lastIndex = i;
        return pattern.exec(sql)?.[0] ?? null;
    };
    const blank = (end) => {
        code.push(sql.slice(from, i), ' ');
        from = i = end;
    };
    while (i < sql.length) {
        const ch = sql[i];
        const next = sql[i + 1];
        if (ch === '-' && next === '-') {
            blank(i + match(LINE_COMMENT).length);
        }
        else if (ch === '/' && next === '*') {
            const end = blockCommentEnd(sql, i);
            if (end < 0)
                return null;
            blank(end);
        }
        else if (ch === "'" || ch === '"') {
            const end = quotedEnd(sql, i, ch);
            if (end < 0)
                return null;
            if (ch === '"')
                blank(end);
            else
                i = end;
        }
        else if (ch === '$') {
            const tag = match(DOLLAR_TAG);
            if (tag) {
                const end = sql.indexOf(tag, i + tag.length);
                if (end < 0)
                    return null;
                i = end + tag.length;
            }
            else {
                i++;
            }
        }
        else if (/[0-9]/.test(ch)) {
            // `0x1F$a$` opens a dollar quote from PostgreSQL 16 on, and is one identifier-like token before.
            i += match(NUMBER).length;
            if (sql[i] === '$')
                return null;
        }
        else if (/[A-Za-z_\u0080-\uffff]/.test(ch)) {
            // An identifier or keyword: a `$` inside it (`a$b$`) does not open a dollar quote.
            i += match(WORD).length;
        }
        else {
            i++;
        }
    }
    code.push(sql.slice(from));
    return code.join('');
}
/** Index just past the block comment opening at `start` (they nest), or -1 when it is not closed. */
function blockCommentEnd(sql, start) {
    let depth = 0;
    let i = start;
    while (i < sql.length) {
        if (sql[i] === '/' && sql[i + 1] === '*') {
            depth++;
            i += 2;
        }
        else if (sql[i] === '*' && sql[i + 1] === '/') {
            depth--;
            i += 2;
            if (depth === 0)
                return i;
        }
        else {
            i++;
        }
    }
    return -1;
}
/**
 * Index just past the string or quoted identifier opening at `start` (a doubled quote stays inside), or -1 when
 * it is not closed, or when a string holds a backslash, whose meaning depends on the server's settings.
 */
function quotedEnd(sql, start, quote) {
    let i = start + 1;
    while (i < sql.length) {
        const ch = sql[i];
        if (ch === '\\' && quote === "'")
            return -1;
        if (ch === quote) {
            if (sql[i + 1] !== quote)
                return i + 1;
            i += 2;
        }
        else {
            i++;
        }
    }
    return -1;
}

;// CONCATENATED MODULE: ./src/apply/apply.ts







async function applyMigrations(client, migrations, relativePath, options = {}) {
    const applied = [];
    const refusedAt = migrations.findIndex((migration) => options.refused?.has(migration.name));
    const queries = queriesOf(refusedAt < 0 ? migrations : migrations.slice(0, refusedAt), relativePath);
    let next = queries.next();
    while (!next.done) {
        const query = next.value;
        if ('missing' in query)
            return { applied, failure: missingScript(query.missing, relativePath) };
        const running = query.scripts.length > 1
            ? runBatch(client, query.scripts, options.createExtension)
            : runAlone(client, query.scripts[0], options.createExtension);
        // The server runs this query while the files of the next one are read.
        try {
            next = queries.next();
        }
        catch (error) {
            await running.catch(() => { });
            throw error;
        }
        const { done, failed } = await running;
        applied.push(...done);
        if (failed) {
            const { script, error } = failed;
            if (error instanceof ExtensionAfterFunctions)
                return { applied, failure: extensionAfterFunctions(script, error) };
            const expired = expiredOn(client);
            if (expired) {
                const slow = await slowStatement(client, script.sql).catch(() => undefined);
                return { applied, failure: timeoutFinding(script.migration.name, script.file, slow ?? null, expired, 'replaying') };
            }
            const position = error instanceof esm/* default.DatabaseError */.Ay.DatabaseError && error.position ? undefined : await failingStatement(client, script.sql);
            return { applied, failure: failedMigration(script.migration, script.sql, error, relativePath, position) };
        }
    }
    if (refusedAt >= 0)
        return { applied, failure: options.refused.get(migrations[refusedAt].name) };
    return { applied, failure: null };
}
// migration/timeout (error): the check's time limit (input `timeout`) was reached while a migration ran; the
// statement was cancelled. A migration that runs this long on an empty database blocks a deploy for as long.
const TIMEOUT = 'migration/timeout';
/** The finding for a statement the time limit cancelled: where, how long it ran, and what it was waiting for. */
function timeoutFinding(migration, file, line, expired, doing) {
    const waiting = expired.waitEvent
        ? `, waiting on ${expired.waitEvent}${expired.blockedBy.length ? ` (blocked by server process ${expired.blockedBy.join(', ')})` : ''}`
        : ', working (not waiting on anything)';
    const where = line === null ? '' : ` at line ${line}`;
    return {
        rule: TIMEOUT,
        group: 'migration',
        severity: 'error',
        message: `Migration \`${migration}\` was still running${where} when the check reached its time limit of ${duration(expired.limitMs)} while ${doing}: ` +
            `the statement had run for ${duration(expired.ranMs)}${waiting}. It was cancelled.`,
        migration,
        location: { file, line: line ?? 1, column: 1 },
        object: { kind: 'migration', name: migration },
        hint: expired.blockedBy.length
            ? 'The statement waited for a lock another session held: a migration must not wait on work of its own it has not finished (or on a session it opened).'
            : 'Remove what makes the migration wait or run this long (pg_sleep, an unbounded loop, a lock on itself), or raise `timeout` if it is genuinely this slow.',
    };
}
function duration(ms) {
    return ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`;
}
/** Bounds what a batch holds in memory; beyond a few dozen files a longer batch saves nothing measurable. */
const BATCH_FILES = 64;
const BATCH_CHARS = 1 << 20;
/** The migrations as they go to the server, reading each file once: runs that share a query, files alone. */
function* queriesOf(migrations, relativePath) {
    let batch = [];
    let chars = 0;
    for (const migration of migrations) {
        if (!migration.sqlPath) {
            if (batch.length)
                yield { scripts: batch };
            yield { missing: migration };
            return;
        }
        const script = { migration, file: relativePath(migration.sqlPath), sql: (0,external_node_fs_.readFileSync)(migration.sqlPath, 'utf8') };
        if (!sharesQuery(script.sql)) {
            if (batch.length)
                yield { scripts: batch };
            yield { scripts: [script] };
            batch = [];
            chars = 0;
            continue;
        }
        batch.push(script);
        chars += script.sql.length;
        if (batch.length === BATCH_FILES || chars >= BATCH_CHARS) {
            yield { scripts: batch };
            batch = [];
            chars = 0;
        }
    }
    if (batch.length)
        yield { scripts: batch };
}
async function runAlone(client, script, createExtension, asked = new Set()) {
    const started = performance.now();
    running(client, { migration: script.migration.name, file: script.file, line: null, doing: 'replaying' });
    let error;
    try {
        await client.query(script.sql);
        return { done: [{ name: script.migration.name, ms: performance.now() - started }], failed: null };
    }
    catch (caught) {
        error = caught;
    }
    finally {
        running(client, null);
    }
    const failed = { done: [], failed: { script, error } };
    // An extension only a superuser may create: created for the migration, which then runs again. Each one is
    // asked for once: the run after it may stop at another one, never at the same one again.
    const extension = superuserExtension(error);
    if (!extension || !createExtension || asked.has(extension))
        return failed;
    asked.add(extension);
    const statement = await extensionStatement(script.sql, extension);
    const { rows } = await client.query('SELECT current_schema() AS schema');
    const request = statement?.request ?? { name: extension, schema: null, version: null, cascade: false, createsSchema: false };
    const creation = await createExtension(request, rows[0].schema);
    if (creation === 'after-functions')
        return { done: [], failed: { script, error: new ExtensionAfterFunctions(extension, statement ?? { line: 1, column: 1 }) } };
    if (creation === 'not-created')
        return failed;
    return runAlone(client, { ...script, sql: statement?.rerun ?? script.sql }, createExtension, asked);
}
/** The admin did not create an extension for a migration, because the migration's role had defined functions or operators by then. */
class ExtensionAfterFunctions extends Error {
    extension;
    at;
    constructor(extension, at) {
        super(`the extension ${extension} was not created`);
        this.extension = extension;
        this.at = at;
    }
}
function extensionAfterFunctions(script, refused) {
    const { name } = script.migration;
    return {
        rule: 'migration/failed',
        group: 'migration',
        severity: 'error',
        message: `Migration \`${name}\` creates the extension \`${refused.extension}\`, which only a superuser may create: the check creates such an ` +
            'extension as its admin only while the migrations have not yet defined functions or operators, which the ' +
            "extension's install script, run as a superuser, could call. These migrations had defined some by then, so it was not created.",
        migration: name,
        location: { file: script.file, ...refused.at },
        object: { kind: 'migration', name },
        hint: `Create \`${refused.extension}\` before the migrations define functions or operators (in an earlier migration, or before them in the ` +
            'first one that does), or run the check against a server where the extension is trusted or already installed in the template database.',
    };
}
/** The extension named by `permission denied to create extension "x"` (42501), which the role got for one that is not trusted. */
function superuserExtension(error) {
    if (!(error instanceof esm/* default.DatabaseError */.Ay.DatabaseError) || error.code !== '42501')
        return null;
    return /permission denied to create extension "([^"]+)"/.exec(error.message)?.[1] ?? null;
}
/**
 * Runs scripts in one query; its marker rows tell which are committed, and when by the server's clock. When the
 * query fails, the scripts not committed are run again one by one: the one that fails alone is the failure.
 */
async function runBatch(client, scripts, createExtension) {
    const marks = [];
    const query = new esm/* default.Query */.Ay.Query(batchQuery(scripts.map((script) => script.sql)));
    // The server sends the marker rows when the query ends, so progress can only name the whole run.
    running(client, {
        migration: `${scripts.length} migrations from ${scripts[0].migration.name} to ${scripts.at(-1).migration.name}`,
        file: null,
        line: null,
        doing: 'replaying',
    });
    query.on('row', (row) => {
        if (COMMITTED in row)
            marks.push(Number(row.at) * 1000);
    });
    const failed = await new Promise((resolve) => {
        // After an error pg emits no 'end'; the next query waits for the server to be ready in either case.
        query.on('end', () => resolve(false));
        query.on('error', () => resolve(true));
        client.query(query);
    });
    running(client, null);
    const done = marks.slice(1).map((at, i) => ({ name: scripts[i].migration.name, ms: at - marks[i] }));
    if (!failed)
        return { done, failed: null };
    await client.query('ROLLBACK');
    // The time limit cancelled the batch: the script that ran then is the one to report, not run again.
    if (expiredOn(client))
        return { done, failed: { script: scripts[done.length], error: new Error('cancelled') } };
    for (const script of scripts.slice(done.length)) {
        const alone = await runAlone(client, script, createExtension);
        done.push(...alone.done);
        if (alone.failed)
            return { done, failed: alone.failed };
    }
    return { done, failed: null };
}
function missingScript(migration, relativePath) {
    return {
        rule: 'migration/missing-script',
        group: 'migration',
        severity: 'error',
        message: `Migration \`${migration.name}\` has no migration.sql: \`prisma migrate deploy\` stops here with "Failed to read migration script".`,
        migration: migration.name,
        location: { file: relativePath(`${migration.dir}/migration.sql`), line: 1, column: 1 },
        object: { kind: 'migration', name: migration.name },
        hint: 'Add the migration.sql the folder is missing, or delete the folder if it was created by mistake.',
    };
}
/**
 * PostgreSQL gives no position for errors raised while a statement runs (a missing referenced table, a
 * violated constraint), only for those found while parsing. To still point at the right line, the file is
 * run again statement by statement inside a transaction that is rolled back: the database is where the
 * failed implicit transaction left it, so the same statement fails again. Files that manage their own
 * transactions or build indexes concurrently cannot run that way and keep the file's first line.
 */
async function failingStatement(client, sql) {
    const parsed = await parseMigrationSql(sql);
    if (!parsed.ok)
        return undefined;
    const runsAlone = parsed.statements.some((statement) => 'TransactionStmt' in statement.node || isConcurrent(statement.node));
    if (runsAlone)
        return undefined;
    await client.query('BEGIN');
    try {
        for (const statement of parsed.statements) {
            try {
                await client.query(statement.text);
            }
            catch {
                return { line: statement.line, column: statement.column };
            }
        }
        return undefined;
    }
    finally {
        await client.query('ROLLBACK');
    }
}
/** A statement cut short gets this long, when the migration is run again to find which statement it was. */
const PROBE_MS = 2_000;
/**
 * Which statement of a script the time limit cut short: a cancelled script tells nothing about where it was.
 * The statements run again one by one in a transaction that is rolled back, each with a short timeout; the
 * first one that does not finish in it is the one. Statements before it ran before the slow one the first
 * time too, so they finish again.
 */
async function slowStatement(client, sql) {
    const parsed = await parseMigrationSql(sql);
    if (!parsed.ok)
        return undefined;
    if (parsed.statements.length === 1)
        return parsed.statements[0].line;
    if (parsed.statements.some((statement) => 'TransactionStmt' in statement.node || isConcurrent(statement.node)))
        return undefined;
    await client.query('BEGIN');
    try {
        await client.query(`SET LOCAL statement_timeout = ${PROBE_MS}`);
        for (const statement of parsed.statements) {
            try {
                await client.query(statement.text);
            }
            catch (error) {
                return error instanceof esm/* default.DatabaseError */.Ay.DatabaseError && error.code === '57014' ? statement.line : undefined;
            }
        }
        return undefined;
    }
    finally {
        await client.query('ROLLBACK');
    }
}
/** Any CONCURRENTLY form (index builds and drops, reindex, materialized view refresh) sets `concurrent` in the parse tree. */
function isConcurrent(node) {
    if (typeof node !== 'object' || node === null)
        return false;
    return Object.entries(node).some(([key, value]) => (key === 'concurrent' && value === true) || isConcurrent(value));
}
function failedMigration(migration, sql, error, relativePath, statement) {
    // Anything but a server error (a connection lost on the way) has a message only.
    const pgError = error instanceof esm/* default.DatabaseError */.Ay.DatabaseError ? error : null;
    const file = relativePath(migration.sqlPath);
    const location = pgError?.position
        ? locate(sql, Number(pgError.position), file)
        : { file, line: statement?.line ?? 1, column: statement?.column ?? 1 };
    const extension = pgError && missingExtension(pgError);
    const code = pgError?.code ? ` (SQLSTATE ${pgError.code})` : '';
    const text = error instanceof Error ? error.message : String(error);
    const message = extension
        ? `Migration \`${migration.name}\` needs the PostgreSQL extension \`${extension}\`, which this PostgreSQL server does not have.`
        : `Migration \`${migration.name}\` failed at line ${location.line}, column ${location.column}: ${text}${code}.`;
    return {
        rule: extension ? 'migration/missing-extension' : 'migration/failed',
        group: 'migration',
        severity: 'error',
        message,
        migration: migration.name,
        location,
        object: { kind: 'migration', name: migration.name },
        hint: extension
            ? `Run the check against a PostgreSQL that ships \`${extension}\`: set \`database-url\` to a service container built with it` +
                (extension === 'vector' ? ' (for example the image `pgvector/pgvector:pg16`).' : '.')
            : [pgError?.detail, pgError?.hint].filter(Boolean).join(' ') ||
                'Fix the SQL so that the migration applies to the database the earlier migrations produce.',
    };
}
/** PostgreSQL reports a 1-based character position into the query; turn it into a line and column. */
function locate(sql, position, file) {
    return { file, ...(0,text_position/* lineColumnAtCodePoint */.Z)(sql, Math.max(position - 1, 0)) };
}
function missingExtension(error) {
    // 0A000 since PostgreSQL 15 ("extension X is not available"), 58P01 before ("could not open extension control file").
    if (error.code !== '0A000' && error.code !== '58P01')
        return null;
    const text = `${error.message} ${error.detail ?? ''}`;
    const named = /extension "([^"]+)" is not available/.exec(text) ?? /extension\/([^/"]+)\.control/.exec(text);
    return named?.[1] ?? null;
}

;// CONCATENATED MODULE: ./src/analyse/measurement.ts
/*
 * What measuring a migration on a scratch copy yields (locks.ts): the facts the lock rules (lock-rules/) read.
 */
/** PostgreSQL's table lock modes as pg_locks names them, weakest first (the order of their conflicts). */
const LOCK_MODES = [
    'AccessShareLock',
    'RowShareLock',
    'RowExclusiveLock',
    'ShareUpdateExclusiveLock',
    'ShareLock',
    'ShareRowExclusiveLock',
    'ExclusiveLock',
    'AccessExclusiveLock',
];
const SQL_NAMES = {
    AccessShareLock: 'ACCESS SHARE',
    RowShareLock: 'ROW SHARE',
    RowExclusiveLock: 'ROW EXCLUSIVE',
    ShareUpdateExclusiveLock: 'SHARE UPDATE EXCLUSIVE',
    ShareLock: 'SHARE',
    ShareRowExclusiveLock: 'SHARE ROW EXCLUSIVE',
    ExclusiveLock: 'EXCLUSIVE',
    AccessExclusiveLock: 'ACCESS EXCLUSIVE',
};
function lockModeSql(mode) {
    return SQL_NAMES[mode];
}

;// CONCATENATED MODULE: ./src/analyse/lock-rules/rule.ts


function lockFinding(rule, ctx, at, table, details) {
    return {
        rule,
        group: (0,catalogue/* ruleInfo */.PI)(rule).group,
        severity: (0,catalogue/* ruleInfo */.PI)(rule).severity,
        message: details.message,
        location: { file: ctx.file, line: at.line, column: at.column },
        object: table ? { kind: 'table', schema: table.schema, name: table.name } : { kind: 'migration', name: ctx.migration },
        migration: ctx.migration,
        hint: details.hint,
        ...(details.suggestion ? { suggestion: details.suggestion } : {}),
    };
}
function tableName(table, ctx) {
    return `\`${displayTable(table, ctx.defaultSchema)}\``;
}
/** The lock the statement took on the table, when it took a stronger one than its transaction held. */
function took(statement, table) {
    return statement.locks.find((lock) => lock.table.schema === table.schema && lock.table.name === table.name)?.mode;
}
function timing(statement) {
    return statement.ms === null ? '' : ` (${statement.ms.toFixed(1)} ms on the seeded rows)`;
}

;// CONCATENATED MODULE: ./src/analyse/lock-rules/access-exclusive.ts

// A statement takes ACCESS EXCLUSIVE on an existing table and rewrites it, so every query on the table, reads
// included, waits for a copy of the whole table. A brief ACCESS EXCLUSIVE without a rewrite (ADD COLUMN
// without a volatile default, DROP COLUMN) is lock/no-lock-timeout's concern: nearly every ALTER TABLE takes one.
const accessExclusive = {
    id: 'lock/access-exclusive',
    check(measurement, ctx) {
        return measurement.statements.flatMap((statement) => statement.rewritten
            .filter((table) => took(statement, table) === 'AccessExclusiveLock')
            .map((table) => lockFinding(this.id, ctx, statement, table, {
            message: `Takes ACCESS EXCLUSIVE on ${tableName(table, ctx)} and rewrites it${timing(statement)}: every query on the table, reads included, waits until the whole table is copied and the migration commits.`,
            hint: 'On a large table, reach the same end without a rewrite: add the column without a volatile default and backfill in batches, or add a new column of the new type and switch over.',
        })));
    },
};

;// CONCATENATED MODULE: ./src/analyse/lock-rules/failed-on-data.ts

// The statement failed on rows seeded into the existing tables (duplicates under a new unique index, NULLs
// under SET NOT NULL, values a cast rejects): production data of that shape makes `prisma migrate deploy`
// fail there. A warning, because the seeded rows only resemble real data.
const failedOnData = {
    id: 'lock/failed-on-data',
    check(measurement, ctx) {
        const failure = measurement.failure;
        if (!failure?.onData)
            return [];
        return [
            lockFinding(this.id, ctx, failure, null, {
                message: `Fails on existing rows: ${failure.message}${failure.code ? ` (SQLSTATE ${failure.code})` : ''}. The check seeded a few rows into every existing table; production data like them makes \`prisma migrate deploy\` stop here.`,
                hint: 'Clean up or backfill the data first (in this migration, before the failing statement, or in an earlier one), or make the change tolerate it.',
            }),
        ];
    },
};

;// CONCATENATED MODULE: ./src/analyse/lock-rules/no-lock-timeout.ts


/** Long enough for a brief ALTER TABLE on a quiet table, short enough that queued traffic barely notices. */
const LOCK_TIMEOUT = '5s';
// Prisma sets no lock_timeout. A statement that needs ACCESS EXCLUSIVE on an existing table waits behind any
// query that holds a lock on it, and every query that comes after waits behind the statement: a brief ALTER
// TABLE becomes an outage for as long as the longest running query. Reported once per file, at the first such
// statement, with the line that makes it give up instead: Prisma runs a SET in the file as part of the script.
const noLockTimeout = {
    id: 'lock/no-lock-timeout',
    check(measurement, ctx) {
        const statement = measurement.statements.find((s) => !s.lockTimeout && s.locks.some((lock) => lock.mode === 'AccessExclusiveLock'));
        if (!statement)
            return [];
        // pg_locks lists a statement's locks in no fixed order; naming the first table by byte order keeps the
        // finding, and so its review comment, the same from run to run.
        const lock = statement.locks
            .filter((l) => l.mode === 'AccessExclusiveLock')
            .sort((a, b) => compareBytes(`${a.table.schema}.${a.table.name}`, `${b.table.schema}.${b.table.name}`))[0];
        const set = `SET lock_timeout = '${LOCK_TIMEOUT}';`;
        const firstLine = ctx.sql.split(/\r?\n/, 1)[0];
        return [
            lockFinding(this.id, ctx, statement, lock.table, {
                message: `Waits for ACCESS EXCLUSIVE on ${tableName(lock.table, ctx)} with no lock_timeout set: behind one long query on the table, it queues every other query on it until that query ends.`,
                hint: `Add \`${set}\` as the first line of the file: Prisma runs it as part of the script, so the statement gives up after ${LOCK_TIMEOUT} instead of blocking traffic, and the deploy can be retried.`,
                suggestion: { file: ctx.file, startLine: 1, endLine: 1, replacement: `${set}\n${firstLine}` },
            }),
        ];
    },
};

;// CONCATENATED MODULE: ./src/analyse/lock-rules/rewrite.ts

// A statement rewrites an existing table on which an earlier statement of the same transaction already took
// ACCESS EXCLUSIVE: the lock is held for the whole copy all the same.
const rewrite = {
    id: 'lock/rewrite',
    check(measurement, ctx) {
        return measurement.statements.flatMap((statement) => statement.rewritten
            .filter((table) => took(statement, table) !== 'AccessExclusiveLock')
            .map((table) => lockFinding(this.id, ctx, statement, table, {
            message: `Rewrites ${tableName(table, ctx)}${timing(statement)} while the migration holds ACCESS EXCLUSIVE on it: every query on the table waits for the copy.`,
            hint: 'On a large table, avoid the rewrite (backfill in batches, or add a new column and switch over) or run it in a maintenance window.',
        })));
    },
};

;// CONCATENATED MODULE: ./src/analyse/lock-rules/share.ts



const WRITE_BLOCKING = ['ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock'];
// A statement takes SHARE, SHARE ROW EXCLUSIVE or EXCLUSIVE on an existing table (CREATE INDEX without
// CONCURRENTLY, ADD FOREIGN KEY, CREATE TRIGGER): reads go on, every INSERT, UPDATE and DELETE waits until
// the migration commits.
const share = {
    id: 'lock/share',
    check(measurement, ctx) {
        return measurement.statements.flatMap((statement) => statement.locks
            .filter((lock) => WRITE_BLOCKING.includes(lock.mode) &&
            !isForeignKeyFromNewTable(statement, lock.table, measurement, ctx.defaultSchema) &&
            !isForeignKeyNotValid(statement))
            .map((lock) => lockFinding(this.id, ctx, statement, lock.table, {
            message: `Takes ${lockModeSql(lock.mode)} on ${tableName(lock.table, ctx)}${timing(statement)}: reads go on, but every INSERT, UPDATE and DELETE on it waits until the migration commits.`,
            hint: 'For an index, use CREATE INDEX CONCURRENTLY in a migration of its own; for a foreign key or check, add it NOT VALID and VALIDATE it in a later migration.',
        })));
    },
};
/** ADD FOREIGN KEY … NOT VALID reads no row: its lock is taken and let go, the validation comes later. */
function isForeignKeyNotValid(statement) {
    const commands = addedConstraints(statement);
    return (commands !== null && commands.every((constraint) => constraint.contype === 'CONSTR_FOREIGN' && constraint.skip_validation === true));
}
/** The constraints an ALTER TABLE adds, when adding constraints is all it does. */
function addedConstraints(statement) {
    const node = statement.node;
    if (!node || !('AlterTableStmt' in node))
        return null;
    const constraints = [];
    for (const cmd of node.AlterTableStmt.cmds ?? []) {
        const def = 'AlterTableCmd' in cmd && cmd.AlterTableCmd.subtype === 'AT_AddConstraint' ? cmd.AlterTableCmd.def : undefined;
        if (!def || !('Constraint' in def))
            return null;
        constraints.push(def.Constraint);
    }
    return constraints;
}
/**
 * A foreign key from a table the pull request creates, to `locked`: Prisma's shape for every new model with a
 * relation (CREATE TABLE, then ALTER TABLE … ADD CONSTRAINT … REFERENCES). The new table is empty, so
 * validating the key reads nothing and the lock on the referenced table is only taken, not waited through.
 */
function isForeignKeyFromNewTable(statement, locked, measurement, defaultSchema) {
    const node = statement.node;
    const existing = new Set(measurement.tables.map((t) => tableKey(t.table)));
    if (node && 'CreateStmt' in node) {
        const table = tableOf(node.CreateStmt.relation, defaultSchema);
        return table !== null && !existing.has(tableKey(table)) && tableKey(table) !== tableKey(locked);
    }
    if (!node || !('AlterTableStmt' in node))
        return false;
    const table = tableOf(node.AlterTableStmt.relation, defaultSchema);
    const constraints = addedConstraints(statement);
    if (!table || existing.has(tableKey(table)) || !constraints)
        return false;
    return constraints.every((constraint) => constraint.contype === 'CONSTR_FOREIGN');
}

;// CONCATENATED MODULE: ./src/analyse/lock-rules/index.ts





/** Every measured rule. */
const LOCK_RULES = [accessExclusive, rewrite, share, failedOnData, noLockTimeout];
/** The findings a measurement calls for, in statement order. */
function lockFindings(measurement, ctx) {
    const findings = LOCK_RULES.flatMap((rule) => rule.check(measurement, ctx));
    const line = (f) => f.location?.line ?? 0;
    return findings.sort((a, b) => line(a) - line(b));
}

;// CONCATENATED MODULE: ./src/analyse/locks.ts







/**
 * Applies one migration and measures what it does to the tables that existed before it: the locks it takes,
 * the tables it rewrites and how long each statement runs. Statements run one at a time inside a transaction
 * opened here (a file's own BEGIN/COMMIT take over from it), so after each one pg_locks still shows every lock
 * the transaction holds and the new ones belong to that statement. On success the migration stays applied,
 * so the next migration can be measured on the same database. `url` is the same database as `client`: a
 * statement that cannot run in a transaction is observed from a second connection.
 */
async function measureMigration(client, sql, options) {
    const tables = await resolveTables(client, options.existingTables);
    const oids = [...tables.keys()];
    const statements = await splitStatements(sql);
    const measured = [];
    const strongest = new Map();
    const rewritten = new Set();
    let files = (await snapshot(client, oids)).files;
    let held = new Map();
    let inTransaction = false;
    let failure = null;
    const record = (statement, ms, after, method) => {
        const locks = [];
        for (const [oid, mode] of after.locks) {
            const before = held.get(oid);
            if (!before || locks_rank(mode) > locks_rank(before))
                locks.push({ table: tables.get(oid), mode });
            if (locks_rank(mode) > locks_rank(strongest.get(oid)))
                strongest.set(oid, mode);
        }
        // TRUNCATE swaps in a new, empty storage file without copying a row: a changed file, but no rewrite.
        const changed = isTruncate(statement)
            ? []
            : oids.filter((oid) => after.files.has(oid) && files.has(oid) && after.files.get(oid) !== files.get(oid));
        for (const oid of changed)
            rewritten.add(oid);
        measured.push({
            line: statement.line,
            column: statement.column,
            ms,
            locks,
            rewritten: changed.map((oid) => tables.get(oid)),
            node: statement.node,
            lockTimeout: after.lockTimeout,
            method,
        });
        held = after.locks;
        files = after.files;
    };
    for (const statement of statements) {
        const control = transactionControl(statement);
        if (control === 'end') {
            await client.query(statement.text);
            inTransaction = false;
            held = new Map();
            continue;
        }
        if (control === 'start' && inTransaction)
            continue;
        if (!inTransaction) {
            await client.query('BEGIN');
            inTransaction = true;
            if (control === 'start')
                continue;
        }
        const started = performance.now();
        if (options.migration)
            running(client, { migration: options.migration.name, file: options.migration.file, line: statement.line, doing: 'measuring' });
        try {
            await client.query(statement.text);
        }
        catch (error) {
            running(client, null);
            if (expiredOn(client)) {
                failure = toFailure(statement, error);
                break;
            }
            await client.query('ROLLBACK');
            inTransaction = false;
            if (isTransactionBlockError(error) && statements.length === 1) {
                held = new Map();
                const observed = await observe(client, statement.text, options.url, oids);
                if ('failure' in observed)
                    failure = toFailure(statement, observed.failure);
                else
                    record(statement, null, { ...(await snapshot(client, oids)), locks: observed.locks }, 'observed');
                break;
            }
            failure = toFailure(statement, error);
            break;
        }
        running(client, null);
        const ms = performance.now() - started;
        record(statement, ms, await snapshot(client, oids), 'transaction');
    }
    if (inTransaction && !expiredOn(client))
        await client.query('COMMIT');
    return {
        statements: measured,
        tables: oids.map((oid) => ({ table: tables.get(oid), lock: strongest.get(oid) ?? null, rewritten: rewritten.has(oid) })),
        failure,
    };
}
/**
 * Measures the pull request's new migrations, in apply order, on the database at `url`: one that holds the
 * state the base branch's migrations produced, seeded (see seed.ts), and that nothing else needs, since each
 * migration stays applied for the next. The first one that fails ends the run: those after it build on it.
 */
async function measureNewMigrations(url, input) {
    const measured = [];
    const findings = [];
    await withScratchClient(url, async (client) => {
        for (const migration of input.migrations) {
            const measurement = await measureMigration(client, migration.sql, { existingTables: input.existingTables, url, migration });
            measured.push({ name: migration.name, measurement });
            const expired = expiredOn(client);
            if (expired) {
                findings.push(timeoutFinding(migration.name, migration.file, measurement.failure?.line ?? null, expired, 'measuring its locks'));
                break;
            }
            findings.push(...lockFindings(measurement, {
                migration: migration.name,
                file: migration.file,
                sql: migration.sql,
                defaultSchema: input.defaultSchema,
            }));
            if (measurement.failure)
                break;
        }
    });
    return { measured, findings };
}
/** The file's statements; a file the parser rejects runs as one piece, so it is still measured as a whole. */
async function splitStatements(sql) {
    const parsed = await parseMigrationSql(sql);
    if (!parsed.ok || parsed.statements.length === 0)
        return [{ text: sql, line: 1, column: 1, node: null }];
    return parsed.statements;
}
function isTruncate(statement) {
    return statement.node !== null && 'TruncateStmt' in statement.node;
}
function transactionControl(statement) {
    const node = statement.node;
    if (!node || !('TransactionStmt' in node))
        return null;
    const kind = node.TransactionStmt.kind;
    if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START')
        return 'start';
    if (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK' || kind === 'TRANS_STMT_PREPARE')
        return 'end';
    return null;
}
async function resolveTables(client, tables) {
    const { rows } = await client.query(`SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name
       FROM unnest($1::text[], $2::text[]) AS t(schema, name)
       JOIN pg_namespace n ON n.nspname = t.schema
       JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = t.name AND c.relkind IN ('r', 'p')`, [tables.map((t) => t.schema), tables.map((t) => t.name)]);
    const byKey = new Map(rows.map((row) => [qualifiedKey(row.schema, row.name), row.oid]));
    const resolved = new Map();
    for (const table of tables) {
        const oid = byKey.get(qualifiedKey(table.schema, table.name));
        if (oid !== undefined)
            resolved.set(oid, { schema: table.schema, name: table.name });
    }
    return resolved;
}
/** The strongest lock this backend holds on each table, each table's storage file, and whether a lock_timeout is set. */
async function snapshot(client, oids) {
    const { rows } = await client.query(`SELECT o.oid::int AS oid, l.mode, c.relfilenode::int AS file
       FROM unnest($1::oid[]) AS o(oid)
       LEFT JOIN pg_class c ON c.oid = o.oid
       LEFT JOIN pg_locks l ON l.locktype = 'relation' AND l.relation = o.oid AND l.pid = pg_backend_pid() AND l.granted`, [oids]);
    const locks = new Map();
    const files = new Map();
    for (const row of rows) {
        if (row.mode && locks_rank(row.mode) > locks_rank(locks.get(row.oid)))
            locks.set(row.oid, row.mode);
        // A partitioned table has no storage of its own (relfilenode 0); a dropped one has no row.
        if (row.file)
            files.set(row.oid, row.file);
    }
    const setting = await client.query(`SELECT current_setting('lock_timeout') <> '0' AS set`);
    return { locks, files, lockTimeout: setting.rows[0].set };
}
/**
 * Runs a statement that refuses a transaction block (CREATE INDEX CONCURRENTLY and the like) while a second
 * connection holds ROW EXCLUSIVE on every existing table in an open transaction. A statement that wants a
 * lock conflicting with that waits for the lock, and CONCURRENTLY waits for the open transaction to end; either
 * way it is stuck until the observer lets go, so pg_locks shows what it holds and what it asks for.
 */
async function observe(client, text, url, oids) {
    const pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const observer = await openClient(url);
    const locks = new Map();
    try {
        await observer.query('BEGIN');
        const { rows } = await observer.query('SELECT oid::regclass::text AS name FROM unnest($1::oid[]) AS o(oid)', [oids]);
        if (rows.length > 0)
            await observer.query(`LOCK TABLE ${rows.map((r) => r.name).join(', ')} IN ROW EXCLUSIVE MODE`);
        let settled = false;
        const running = client
            .query(text)
            .then(() => null, (error) => error)
            .finally(() => (settled = true));
        // Not a timer: every round trip either sees the statement stuck behind the observer or finished. pg_locks
        // rather than pg_stat_activity, which a transaction reads once and then keeps returning unchanged.
        for (;;) {
            const seen = await observer.query(`SELECT l.relation::int AS oid, l.mode, l.granted
           FROM pg_locks l
          WHERE l.pid = $1 AND (NOT l.granted OR (l.locktype = 'relation' AND l.relation = ANY($2::oid[])))`, [pid, oids]);
            for (const row of seen.rows) {
                if (row.oid !== null && oids.includes(row.oid) && locks_rank(row.mode) > locks_rank(locks.get(row.oid)))
                    locks.set(row.oid, row.mode);
            }
            if (settled || seen.rows.some((row) => !row.granted))
                break;
        }
        await observer.query('COMMIT');
        const error = await running;
        return error ? { failure: error } : { locks };
    }
    finally {
        await observer.end();
    }
}
function locks_rank(mode) {
    return mode === undefined ? -1 : LOCK_MODES.indexOf(mode);
}
function isTransactionBlockError(error) {
    // 25001 active_sql_transaction: "CREATE INDEX CONCURRENTLY cannot run inside a transaction block".
    return error instanceof esm/* default.DatabaseError */.Ay.DatabaseError && error.code === '25001';
}
function toFailure(statement, error) {
    const code = error instanceof esm/* default.DatabaseError */.Ay.DatabaseError ? error.code : undefined;
    const message = error instanceof Error ? error.message : String(error);
    return {
        line: statement.line,
        column: statement.column,
        code: code ?? null,
        message,
        onData: code !== undefined && (code.startsWith('22') || code.startsWith('23')),
    };
}

;// CONCATENATED MODULE: ./src/analyse/existing.ts

/** `CHECK ((col IS NOT NULL))` as pg_get_constraintdef prints it, with ` NOT VALID` when it is not validated. */
const NOT_NULL_CHECK = /^CHECK \(\((?:"((?:[^"]|"")+)"|([^\s"()]+)) IS NOT NULL\)\)( NOT VALID)?$/;
function existingIn(base) {
    return {
        tables: new Map(base.tables.map((table) => [tableKey(table), table])),
        schemas: new Set([...base.namespaces, ...base.tables.map((table) => table.schema)]),
        enums: new Map(base.enums.map((e) => [tableKey(e), e])),
        notNullChecks: baseNotNullChecks(base),
    };
}
function baseNotNullChecks(base) {
    const checks = new Map();
    for (const object of base.unmodelled) {
        const match = object.kind === 'check' && object.table ? NOT_NULL_CHECK.exec(object.definition ?? '') : null;
        if (!match)
            continue;
        const key = tableKey({ schema: object.schema, name: object.table });
        const column = match[1]?.replaceAll('""', '"') ?? match[2];
        checks.set(key, [...(checks.get(key) ?? []), { name: object.name, column, validated: !match[3] }]);
    }
    return checks;
}
/** The column a CHECK constraint proves not null, when that is all it says. */
function notNullColumn(constraint) {
    const expr = constraint.raw_expr;
    if (!expr || !('NullTest' in expr) || expr.NullTest.nulltesttype !== 'IS_NOT_NULL')
        return null;
    const arg = expr.NullTest.arg;
    const fields = arg && 'ColumnRef' in arg ? (arg.ColumnRef.fields ?? []) : [];
    return fields.length === 1 && 'String' in fields[0] ? (fields[0].String.sval ?? null) : null;
}
function updateChecks(state, table, change) {
    if (!table || !state.tables.has(tableKey(table)))
        return state;
    const notNullChecks = new Map(state.notNullChecks);
    notNullChecks.set(tableKey(table), change(state.notNullChecks.get(tableKey(table)) ?? []));
    return { ...state, notNullChecks };
}
/** The state each statement sees, in order; `after` is what the next migration starts from. */
function trackExisting(start, statements, defaultSchema) {
    const before = [];
    let state = start;
    for (const statement of statements) {
        before.push(state);
        state = applyStatement(state, statement, defaultSchema);
    }
    return { before, after: state };
}
// Copy-on-write: states are shared between statements until one changes them.
function applyStatement(state, { node }, defaultSchema) {
    const tables = () => new Map(state.tables);
    if ('CreateStmt' in node) {
        const table = tableOf(node.CreateStmt.relation, defaultSchema);
        if (!table || (node.CreateStmt.if_not_exists && state.tables.has(tableKey(table))))
            return state;
        const next = tables();
        next.delete(tableKey(table));
        return { ...state, tables: next };
    }
    if ('CreateSchemaStmt' in node) {
        const name = node.CreateSchemaStmt.schemaname;
        if (!name || node.CreateSchemaStmt.if_not_exists)
            return state;
        const schemas = new Set(state.schemas);
        schemas.delete(name);
        return { ...state, schemas };
    }
    if ('CreateEnumStmt' in node) {
        const type = qualified(nameParts({ List: { items: node.CreateEnumStmt.typeName ?? [] } }), defaultSchema);
        if (!type)
            return state;
        const enums = new Map(state.enums);
        enums.delete(tableKey(type));
        return { ...state, enums };
    }
    if ('DropStmt' in node) {
        const names = (node.DropStmt.objects ?? []).map(nameParts);
        switch (node.DropStmt.removeType) {
            case 'OBJECT_TABLE': {
                const next = tables();
                for (const parts of names) {
                    const table = qualified(parts, defaultSchema);
                    if (table)
                        next.delete(tableKey(table));
                }
                return { ...state, tables: next };
            }
            case 'OBJECT_TYPE': {
                const enums = new Map(state.enums);
                for (const parts of names) {
                    const type = qualified(parts, defaultSchema);
                    if (type)
                        enums.delete(tableKey(type));
                }
                return { ...state, enums };
            }
            case 'OBJECT_SCHEMA': {
                const dropped = new Set(names.map((parts) => parts.at(-1)));
                const keep = (map) => new Map([...map].filter(([, value]) => !dropped.has(value.schema)));
                return {
                    ...state,
                    tables: keep(state.tables),
                    enums: keep(state.enums),
                    schemas: new Set([...state.schemas].filter((schema) => !dropped.has(schema))),
                };
            }
            default:
                return state;
        }
    }
    if ('RenameStmt' in node) {
        const rename = node.RenameStmt;
        if (!rename.newname)
            return state;
        if (rename.renameType === 'OBJECT_TABLE') {
            const from = tableOf(rename.relation, defaultSchema);
            const table = from && state.tables.get(tableKey(from));
            if (!from || !table)
                return state;
            const next = tables();
            next.delete(tableKey(from));
            next.set(tableKey({ schema: from.schema, name: rename.newname }), { ...table, name: rename.newname });
            return { ...state, tables: next };
        }
        if (rename.renameType === 'OBJECT_COLUMN') {
            return updateTable(state, tableOf(rename.relation, defaultSchema), (table) => ({
                ...table,
                columns: table.columns.map((c) => (c.name === rename.subname ? { ...c, name: rename.newname } : c)),
            }));
        }
        if (rename.renameType === 'OBJECT_TYPE') {
            const from = qualified(nameParts(rename.object), defaultSchema);
            const type = from && state.enums.get(tableKey(from));
            if (!from || !type)
                return state;
            const enums = new Map(state.enums);
            enums.delete(tableKey(from));
            enums.set(tableKey({ schema: from.schema, name: rename.newname }), { ...type, name: rename.newname });
            return { ...state, enums };
        }
        return state;
    }
    if ('AlterTableStmt' in node) {
        let next = state;
        const table = tableOf(node.AlterTableStmt.relation, defaultSchema);
        for (const cmd of node.AlterTableStmt.cmds ?? []) {
            if (!('AlterTableCmd' in cmd))
                continue;
            const { subtype, name, def } = cmd.AlterTableCmd;
            if (subtype === 'AT_DropColumn') {
                next = updateTable(next, table, (t) => ({ ...t, columns: t.columns.filter((c) => c.name !== name) }));
            }
            else if (subtype === 'AT_AddConstraint' && def && 'Constraint' in def && def.Constraint.contype === 'CONSTR_CHECK') {
                const { conname, skip_validation } = def.Constraint;
                const column = notNullColumn(def.Constraint);
                if (conname && column)
                    next = updateChecks(next, table, (checks) => [...checks, { name: conname, column, validated: !skip_validation }]);
            }
            else if (subtype === 'AT_ValidateConstraint' && name) {
                next = updateChecks(next, table, (checks) => checks.map((check) => (check.name === name ? { ...check, validated: true } : check)));
            }
            else if (subtype === 'AT_DropConstraint' && name) {
                next = updateChecks(next, table, (checks) => checks.filter((check) => check.name !== name));
            }
            else if (subtype === 'AT_AlterColumnType' && def && 'ColumnDef' in def && def.ColumnDef.typeName) {
                const type = columnTypeOf(def.ColumnDef.typeName);
                next = updateTable(next, table, (t) => ({
                    ...t,
                    columns: t.columns.map((c) => (c.name === name ? { ...c, type } : c)),
                }));
            }
        }
        return next;
    }
    return state;
}
function updateTable(state, name, change) {
    const table = name && state.tables.get(tableKey(name));
    if (!name || !table)
        return state;
    const tables = new Map(state.tables);
    tables.set(tableKey(name), change(table));
    return { ...state, tables };
}

;// CONCATENATED MODULE: ./src/analyse/rules/concurrently-in-transaction.ts

// risk/error: Prisma sends a migration.sql to PostgreSQL as one script, which runs as one implicit
// transaction; CONCURRENTLY refuses to run inside a transaction, so the deploy fails every time.
const concurrentlyInTransaction = {
    id: 'risk/concurrently-in-transaction',
    hint: 'Move the CONCURRENTLY statement into a migration of its own, with no other statement (and no BEGIN/COMMIT) in its migration.sql.',
    check(ctx) {
        if (ctx.statements.length < 2)
            return [];
        return ctx.statements.filter(concurrently_in_transaction_isConcurrent).map((statement) => finding(concurrentlyInTransaction, ctx, statement, {
            message: `CONCURRENTLY cannot run inside a transaction, and the ${ctx.statements.length} statements of this file run as one.`,
            object: { kind: 'migration', name: ctx.migration },
        }));
    },
};
function concurrently_in_transaction_isConcurrent({ node }) {
    if ('IndexStmt' in node)
        return node.IndexStmt.concurrent === true;
    if ('DropStmt' in node)
        return node.DropStmt.concurrent === true;
    if ('ReindexStmt' in node) {
        return (node.ReindexStmt.params ?? []).some((p) => 'DefElem' in p && p.DefElem.defname === 'concurrently');
    }
    return false;
}

;// CONCATENATED MODULE: ./src/analyse/rules/constraint-without-not-valid.ts


const KINDS = { CONSTR_FOREIGN: 'foreign key', CONSTR_CHECK: 'check constraint' };
// risk/notice: adding the constraint checks every existing row while holding a lock that blocks writes
// (for a foreign key, on both tables). Harmless on small tables, an outage on large ones; Prisma always
// writes constraints this way, so this is a notice, not a warning.
const constraintWithoutNotValid = {
    id: 'risk/constraint-without-not-valid',
    hint: 'On a large table, add the constraint with NOT VALID and run ALTER TABLE ... VALIDATE CONSTRAINT in a later migration: validation then takes a lock that does not block writes.',
    check(ctx) {
        return ctx.statements.flatMap((statement) => {
            const table = 'AlterTableStmt' in statement.node ? tableOf(statement.node.AlterTableStmt.relation, ctx.defaultSchema) : null;
            if (!table || !statement.existing.tables.has(tableKey(table)))
                return [];
            return alterTableCommands(statement).flatMap((cmd) => {
                if (cmd.subtype === 'AT_AddColumn' && cmd.def && 'ColumnDef' in cmd.def) {
                    const column = cmd.def.ColumnDef;
                    return columnConstraints(column).flatMap((constraint) => {
                        const kind = KINDS[constraint.contype ?? ''];
                        if (!kind || !column.colname)
                            return [];
                        const name = constraint.conname ?? `(on ${quoteName(column.colname)})`;
                        return [
                            finding(constraintWithoutNotValid, ctx, statement, {
                                message: `Adds column ${quoteName(column.colname)} to ${displayTable(table, ctx.defaultSchema)} with ${kind} ${name}, checking every existing row while writes are blocked.`,
                                object: { kind: kind === 'foreign key' ? 'foreign-key' : 'table', schema: table.schema, table: table.name, name },
                                hint: 'A constraint written on the column cannot be NOT VALID. On a large table, add the column without it, then the constraint with ' +
                                    'ALTER TABLE … ADD CONSTRAINT … NOT VALID, and VALIDATE CONSTRAINT it in a later migration: validation then takes a lock that does not block writes.',
                            }),
                        ];
                    });
                }
                if (cmd.subtype !== 'AT_AddConstraint' || !cmd.def || !('Constraint' in cmd.def))
                    return [];
                const constraint = cmd.def.Constraint;
                const kind = KINDS[constraint.contype ?? ''];
                if (!kind || constraint.skip_validation)
                    return [];
                const name = constraint.conname ?? '(unnamed)';
                const display = displayTable(table, ctx.defaultSchema);
                // NOT VALID goes at the end of the constraint; only a statement that adds nothing else ends there.
                const named = constraint.conname !== undefined && alterTableCommands(statement).length === 1;
                return [
                    finding(constraintWithoutNotValid, ctx, statement, {
                        message: `Adds ${kind} ${quoteName(name)} to ${display}, checking every existing row while writes are blocked.`,
                        object: { kind: kind === 'foreign key' ? 'foreign-key' : 'table', schema: table.schema, table: table.name, name },
                        ...(named
                            ? {
                                hint: `On a large table, add the constraint with NOT VALID here and validate it in a new migration after this one: ALTER TABLE ${display} VALIDATE CONSTRAINT ${quoteName(name)}; ` +
                                    'Validation then takes a lock that does not block writes (in this migration it would not help: the file runs as one transaction, which keeps the first lock).',
                                suggestion: replacing(ctx, statement, statement, `${statement.text} NOT VALID;`),
                            }
                            : {}),
                    }),
                ];
            });
        });
    },
};

;// CONCATENATED MODULE: ./src/analyse/rules/delete-without-where.ts


// destructive/error: a DELETE without WHERE empties the table, like TRUNCATE.
const deleteWithoutWhere = {
    id: 'destructive/delete-without-where',
    hint: 'Add a WHERE clause for the rows that should go, or waive this finding if emptying the table is intended.',
    check(ctx) {
        return ctx.statements.flatMap((statement) => {
            const { node } = statement;
            if (!('DeleteStmt' in node) || node.DeleteStmt.whereClause || node.DeleteStmt.usingClause)
                return [];
            const table = tableOf(node.DeleteStmt.relation, ctx.defaultSchema);
            if (!table || !statement.existing.tables.has(tableKey(table)))
                return [];
            return [
                finding(deleteWithoutWhere, ctx, statement, {
                    message: `Deletes every row of ${displayTable(table, ctx.defaultSchema)}.`,
                    object: { kind: 'table', schema: table.schema, name: table.name },
                }),
            ];
        });
    },
};

;// CONCATENATED MODULE: ./src/analyse/rules/drop-database.ts


// A migration runs against the application's database with the deploy role: dropping a database from it is
// never a schema change, and with the privileges it deletes another database outright.
const dropDatabase = {
    id: 'destructive/drop-database',
    hint: 'Remove the statement: dropping a database is an operations task, not a migration.',
    check(ctx) {
        return ctx.statements.flatMap((statement) => {
            const { node } = statement;
            if (!('DropdbStmt' in node))
                return [];
            const name = node.DropdbStmt.dbname ?? '';
            return [
                finding(dropDatabase, ctx, statement, {
                    message: `Drops database ${quoteName(name)}: a migration has no business outside its own database, and this one deletes another whole database.`,
                    object: { kind: 'database', name },
                }),
            ];
        });
    },
};

;// CONCATENATED MODULE: ./src/analyse/rules/drop-schema.ts


// destructive/error: a schema drop takes every table in it (with CASCADE) or fails (without).
const dropSchema = {
    id: 'destructive/drop-schema',
    hint: 'Make sure nothing in the schema is still needed before merging; then waive this finding.',
    check(ctx) {
        return ctx.statements.flatMap((statement) => {
            const { node } = statement;
            if (!('DropStmt' in node) || node.DropStmt.removeType !== 'OBJECT_SCHEMA')
                return [];
            return (node.DropStmt.objects ?? []).flatMap((object) => {
                const name = nameParts(object).at(-1);
                if (name === undefined || !statement.existing.schemas.has(name))
                    return [];
                const cascade = node.DropStmt.behavior === 'DROP_CASCADE' ? ' and everything in it' : '';
                return [
                    finding(dropSchema, ctx, statement, {
                        message: `Drops schema ${quoteName(name)}${cascade}.`,
                        object: { kind: 'schema', name },
                    }),
                ];
            });
        });
    },
};

;// CONCATENATED MODULE: ./src/analyse/rules/drop-table.ts


// destructive/error: every row of the table is gone, and no later migration can bring it back.
const dropTable = {
    id: 'destructive/drop-table',
    hint: 'Make sure the data is no longer needed (or copied elsewhere) before merging; then waive this finding.',
    check(ctx) {
        return ctx.statements.flatMap((statement) => {
            const { node } = statement;
            if (!('DropStmt' in node) || node.DropStmt.removeType !== 'OBJECT_TABLE')
                return [];
            return (node.DropStmt.objects ?? []).flatMap((object) => {
                const table = qualified(nameParts(object), ctx.defaultSchema);
                if (!table || !statement.existing.tables.has(tableKey(table)))
                    return [];
                return [
                    finding(dropTable, ctx, statement, {
                        message: `Drops table ${displayTable(table, ctx.defaultSchema)} and all of its rows.`,
                        object: { kind: 'table', schema: table.schema, name: table.name },
                    }),
                ];
            });
        });
    },
};

;// CONCATENATED MODULE: ./src/analyse/rules/enum-value-removed.ts


// destructive/error: PostgreSQL cannot drop an enum value, so Prisma recreates the type as `<name>_new`
// without it, casts every column over and renames it back. Any row holding a removed value makes the cast
// fail; the deploy stops half way unless the rows were migrated first.
const enumValueRemoved = {
    id: 'destructive/enum-value-removed',
    hint: 'Before the enum is recreated, UPDATE every row that holds a removed value to a value that remains (in this migration, above the CREATE TYPE).',
    check(ctx) {
        const renamedTo = new Map();
        for (const { node } of ctx.statements) {
            if (!('RenameStmt' in node) || node.RenameStmt.renameType !== 'OBJECT_TYPE' || !node.RenameStmt.newname)
                continue;
            const from = qualified(nameParts(node.RenameStmt.object), ctx.defaultSchema);
            if (from)
                renamedTo.set(tableKey(from), tableKey({ schema: from.schema, name: node.RenameStmt.newname }));
        }
        return ctx.statements.flatMap((statement) => {
            const { node } = statement;
            if (!('CreateEnumStmt' in node))
                return [];
            const created = qualified(nameParts({ List: { items: node.CreateEnumStmt.typeName ?? [] } }), ctx.defaultSchema);
            const target = created && renamedTo.get(tableKey(created));
            const old = target && statement.existing.enums.get(target);
            if (!created || !old || created.name !== `${old.name}_new`)
                return [];
            const kept = new Set((node.CreateEnumStmt.vals ?? []).flatMap(nameParts));
            const removed = old.values.filter((value) => !kept.has(value));
            if (removed.length === 0)
                return [];
            return [
                finding(enumValueRemoved, ctx, statement, {
                    message: `Removes ${removed.map((v) => `'${v}'`).join(', ')} from enum ${quoteName(old.name)}: the deploy fails if any row still holds ${removed.length === 1 ? 'it' : 'one of them'}.`,
                    object: { kind: 'enum', schema: old.schema, name: old.name },
                }),
            ];
        });
    },
};

;// CONCATENATED MODULE: ./src/analyse/rules/primary-key-changed.ts


// destructive/warning: no data is deleted, but the new key fails on duplicate or null values, every
// foreign key that references the old key has to be dropped first, and the table is locked while the new
// index is built.
const primaryKeyChanged = {
    id: 'destructive/primary-key-changed',
    hint: 'Check the new key columns hold no duplicates or nulls, and that foreign keys referencing the table are recreated.',
    check(ctx) {
        // Prisma may drop the old key and add the new one in separate statements: one finding per table.
        const reported = new Set();
        return ctx.statements.flatMap((statement) => {
            const table = 'AlterTableStmt' in statement.node ? tableOf(statement.node.AlterTableStmt.relation, ctx.defaultSchema) : null;
            const existing = table && statement.existing.tables.get(tableKey(table));
            if (!table || !existing)
                return [];
            const commands = alterTableCommands(statement);
            const drops = commands.some((cmd) => cmd.subtype === 'AT_DropConstraint' && cmd.name === existing.primaryKey?.name);
            const adds = commands.some((cmd) => 
            // PRIMARY KEY USING INDEX attaches a unique index that is already built: the safe recipe, not a change
            // to judge here (the index's own build is, where it happens).
            (cmd.subtype === 'AT_AddConstraint' &&
                cmd.def &&
                'Constraint' in cmd.def &&
                cmd.def.Constraint.contype === 'CONSTR_PRIMARY' &&
                !cmd.def.Constraint.indexname) ||
                // A column added with PRIMARY KEY adds the key the same way.
                (cmd.subtype === 'AT_AddColumn' &&
                    cmd.def &&
                    'ColumnDef' in cmd.def &&
                    columnConstraints(cmd.def.ColumnDef).some((c) => c.contype === 'CONSTR_PRIMARY')));
            if ((!drops && !adds) || reported.has(tableKey(table)))
                return [];
            reported.add(tableKey(table));
            const what = drops && adds ? 'Replaces the primary key' : drops ? 'Drops the primary key' : 'Adds a primary key';
            return [
                finding(primaryKeyChanged, ctx, statement, {
                    message: `${what} of ${displayTable(table, ctx.defaultSchema)}.`,
                    object: { kind: 'primary-key', schema: table.schema, table: table.name, name: existing.primaryKey?.name ?? table.name },
                }),
            ];
        });
    },
};

;// CONCATENATED MODULE: ./src/analyse/rules/rename-column.ts


/** What keeps the running release working through a rename. */
function expandContract(what, mapAttribute) {
    return (`The release that is running until this one is deployed still uses the old name and fails on it from the moment the migration runs. ` +
        `To avoid that, expand and contract: add the new ${what}, backfill it and keep both in step, switch readers and writers to it, ` +
        `and drop the old ${what} in a later release. Or keep the database name and rename only in schema.prisma, with ${mapAttribute}.`);
}
// risk/notice: the data stays, but the running release queries the old name until the new one is deployed.
const renameColumn = {
    id: 'risk/rename-column',
    hint: expandContract('column', '`@map("old_name")` on the field'),
    check(ctx) {
        return ctx.statements.flatMap((statement) => {
            const { node } = statement;
            if (!('RenameStmt' in node) || node.RenameStmt.renameType !== 'OBJECT_COLUMN')
                return [];
            const { subname, newname } = node.RenameStmt;
            const table = tableOf(node.RenameStmt.relation, ctx.defaultSchema);
            const existing = table && statement.existing.tables.get(tableKey(table));
            if (!table || !existing || !subname || !newname || !existing.columns.some((c) => c.name === subname))
                return [];
            return [
                finding(renameColumn, ctx, statement, {
                    message: `Renames column ${quoteName(subname)} of ${displayTable(table, ctx.defaultSchema)} to ${quoteName(newname)}: the data stays, but the release still running uses the old name until this one is deployed.`,
                    object: { kind: 'column', schema: table.schema, table: table.name, column: subname, name: subname },
                }),
            ];
        });
    },
};

;// CONCATENATED MODULE: ./src/analyse/rules/rename-table.ts



// risk/notice: the rows stay, but the running release queries the old name until the new one is deployed.
const renameTable = {
    id: 'risk/rename-table',
    hint: expandContract('table', '`@@map("OldName")` on the model'),
    check(ctx) {
        return ctx.statements.flatMap((statement) => {
            const { node } = statement;
            if (!('RenameStmt' in node) || node.RenameStmt.renameType !== 'OBJECT_TABLE' || !node.RenameStmt.newname)
                return [];
            const table = tableOf(node.RenameStmt.relation, ctx.defaultSchema);
            if (!table || !statement.existing.tables.has(tableKey(table)))
                return [];
            return [
                finding(renameTable, ctx, statement, {
                    message: `Renames table ${displayTable(table, ctx.defaultSchema)} to ${quoteName(node.RenameStmt.newname)}: the rows stay, but the release still running uses the old name until this one is deployed.`,
                    object: { kind: 'table', schema: table.schema, name: table.name },
                }),
            ];
        });
    },
};

;// CONCATENATED MODULE: ./src/analyse/rules/required-column-without-default.ts


// risk/error: PostgreSQL cannot fill the new column for existing rows, so the deploy fails on any table
// that has rows, which production tables usually do.
const requiredColumnWithoutDefault = {
    id: 'risk/required-column-without-default',
    hint: 'Give the field a @default in schema.prisma, or add the column as nullable, backfill it, then make it required in a later migration.',
    check(ctx) {
        return ctx.statements.flatMap((statement) => {
            const table = 'AlterTableStmt' in statement.node ? tableOf(statement.node.AlterTableStmt.relation, ctx.defaultSchema) : null;
            if (!table || !statement.existing.tables.has(tableKey(table)))
                return [];
            return alterTableCommands(statement).flatMap((cmd) => {
                if (cmd.subtype !== 'AT_AddColumn' || !cmd.def || !('ColumnDef' in cmd.def))
                    return [];
                const column = cmd.def.ColumnDef;
                if (!column.colname || !requiredWithoutValue(column))
                    return [];
                return [
                    finding(requiredColumnWithoutDefault, ctx, statement, {
                        message: `Adds required column ${quoteName(column.colname)} to ${displayTable(table, ctx.defaultSchema)} without a default: the deploy fails if the table has rows.`,
                        object: { kind: 'column', schema: table.schema, table: table.name, column: column.colname, name: column.colname },
                    }),
                ];
            });
        });
    },
};
/** serial types and identity or generated columns fill themselves. */
const SELF_FILLING_TYPES = new Set(['serial', 'serial4', 'serial2', 'smallserial', 'serial8', 'bigserial']);
function requiredWithoutValue(column) {
    const kinds = new Set((column.constraints ?? []).flatMap((c) => ('Constraint' in c && c.Constraint.contype ? [c.Constraint.contype] : [])));
    const notNull = kinds.has('CONSTR_NOTNULL') || kinds.has('CONSTR_PRIMARY');
    const filled = kinds.has('CONSTR_DEFAULT') || kinds.has('CONSTR_IDENTITY') || kinds.has('CONSTR_GENERATED');
    const serial = column.typeName ? SELF_FILLING_TYPES.has(columnTypeOf(column.typeName).name) : false;
    return notNull && !filled && !serial;
}

;// CONCATENATED MODULE: ./src/analyse/rules/set-not-null.ts


// risk/warning: fails if any row is null, and scans the whole table under an ACCESS EXCLUSIVE lock.
const setNotNull = {
    id: 'risk/set-not-null',
    hint: 'Backfill the nulls first (an UPDATE above this statement). On a large table, add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it in a later migration, then SET NOT NULL, which then skips the scan.',
    check(ctx) {
        return ctx.statements.flatMap((statement) => {
            const table = 'AlterTableStmt' in statement.node ? tableOf(statement.node.AlterTableStmt.relation, ctx.defaultSchema) : null;
            if (!table || !statement.existing.tables.has(tableKey(table)))
                return [];
            const proven = new Set((statement.existing.notNullChecks.get(tableKey(table)) ?? []).filter((c) => c.validated).map((c) => c.column));
            return alterTableCommands(statement).flatMap((cmd) => 
            // A validated CHECK (col IS NOT NULL) proves it: PostgreSQL 12+ skips the scan, and nothing can fail.
            cmd.subtype === 'AT_SetNotNull' && cmd.name && !proven.has(cmd.name)
                ? [
                    finding(setNotNull, ctx, statement, {
                        message: `Makes column ${quoteName(cmd.name)} of ${displayTable(table, ctx.defaultSchema)} required: the deploy fails if any row holds null.`,
                        object: { kind: 'column', schema: table.schema, table: table.name, column: cmd.name, name: cmd.name },
                    }),
                ]
                : []);
        });
    },
};

;// CONCATENATED MODULE: ./src/analyse/rules/truncate.ts


// destructive/error: every row of the table is deleted, and with CASCADE every row of each table whose
// foreign keys reference it, however deep.
const truncate = {
    id: 'destructive/truncate',
    hint: 'Make sure deleting every row is intended, and name every table in the statement rather than leaving them to CASCADE; then waive this finding.',
    check(ctx) {
        return ctx.statements.flatMap((statement) => {
            const { node } = statement;
            if (!('TruncateStmt' in node))
                return [];
            const named = (node.TruncateStmt.relations ?? []).flatMap((relation) => {
                const table = 'RangeVar' in relation ? tableOf(relation.RangeVar, ctx.defaultSchema) : null;
                return table ? [table] : [];
            });
            const tables = statement.existing.tables;
            const cascaded = node.TruncateStmt.behavior === 'DROP_CASCADE' ? referencing(named, tables) : [];
            const existing = named.filter((table) => tables.has(tableKey(table)));
            return [
                ...existing.map((table) => finding(truncate, ctx, statement, {
                    message: `Truncates ${displayTable(table, ctx.defaultSchema)}: every row is deleted.`,
                    object: { kind: 'table', schema: table.schema, name: table.name },
                })),
                ...cascaded.map(({ table, through }) => finding(truncate, ctx, statement, {
                    message: `Truncates ${displayTable(table, ctx.defaultSchema)} through CASCADE (its foreign key references ${displayTable(through, ctx.defaultSchema)}): every row is deleted.`,
                    object: { kind: 'table', schema: table.schema, name: table.name },
                })),
            ];
        });
    },
};
/** The existing tables CASCADE empties with `named`: those whose foreign keys reference one of them, transitively. */
function referencing(named, tables) {
    const emptied = new Set(named.map(tableKey));
    const found = [];
    for (let i = 0, queue = [...named]; i < queue.length; i++) {
        const target = queue[i];
        for (const table of tables.values()) {
            if (emptied.has(tableKey(table)))
                continue;
            if (!table.foreignKeys.some((fk) => fk.referencedSchema === target.schema && fk.referencedTable === target.name))
                continue;
            emptied.add(tableKey(table));
            const name = { schema: table.schema, name: table.name };
            found.push({ table: name, through: target });
            queue.push(name);
        }
    }
    return found;
}

;// CONCATENATED MODULE: ./src/analyse/rules/type-change.ts



// destructive/error: a cast that can fail aborts the deploy on the first bad row; one that narrows
// silently truncates or rounds values. Widening (int4 → int8, varchar(n) → text) is not reported.
const typeChange = {
    id: 'destructive/type-change',
    hint: 'Check that every existing value converts without loss. For a large or busy table, add a new column, backfill it and switch over instead of rewriting the table in place.',
    check(ctx) {
        return ctx.statements.flatMap((statement) => {
            const table = 'AlterTableStmt' in statement.node ? tableOf(statement.node.AlterTableStmt.relation, ctx.defaultSchema) : null;
            const existing = table && statement.existing.tables.get(tableKey(table));
            if (!table || !existing)
                return [];
            return alterTableCommands(statement).flatMap((cmd) => {
                if (cmd.subtype !== 'AT_AlterColumnType' || !cmd.def || !('ColumnDef' in cmd.def) || !cmd.def.ColumnDef.typeName)
                    return [];
                const column = existing.columns.find((c) => c.name === cmd.name);
                if (!column)
                    return [];
                const to = columnTypeOf(cmd.def.ColumnDef.typeName);
                // Prisma's enum rewrite (`"Role"` → `"Role_new"`) is destructive/enum-value-removed's to judge.
                if (to.name === `${column.type.name}_new`)
                    return [];
                if (isLossless(column.type, to))
                    return [];
                return [
                    finding(typeChange, ctx, statement, {
                        message: `Changes column ${quoteName(column.name)} of ${displayTable(table, ctx.defaultSchema)} from ${formatType(column.type)} to ${formatType(to)}: the conversion can fail or lose data.`,
                        object: { kind: 'column', schema: table.schema, table: table.name, column: column.name, name: column.name },
                    }),
                ];
            });
        });
    },
};
/** Target types every value of the source type converts to exactly. */
const WIDENINGS = {
    int2: ['int4', 'int8', 'numeric', 'float4', 'float8'],
    int4: ['int8', 'numeric', 'float8'],
    int8: ['numeric'],
    float4: ['float8'],
    varchar: ['text', 'citext'],
    bpchar: ['text', 'varchar', 'citext'],
    citext: ['text'],
    json: ['jsonb'],
    date: ['timestamp', 'timestamptz'],
    timestamp: ['timestamptz'],
};
/** Decimal digits an integer type needs, for casts to a bounded numeric. */
const INTEGER_DIGITS = { int2: 5, int4: 10, int8: 19 };
/** Types whose length or precision modifier, when absent, means "unbounded" or the maximum. */
const UNBOUNDED_WITHOUT_ARGS = new Set(['varchar', 'varbit', 'numeric', 'timestamp', 'timestamptz', 'time', 'timetz', 'interval']);
function isLossless(from, to) {
    if (from.array !== to.array)
        return false;
    if (from.name === to.name)
        return argsWiden(from, to);
    // Every value has a text form.
    if (to.name === 'text' || (to.name === 'varchar' && to.args.length === 0))
        return true;
    if (!WIDENINGS[from.name]?.includes(to.name))
        return false;
    if (to.name === 'varchar')
        return to.args.length === 0 || (from.args[0] !== undefined && to.args[0] >= from.args[0]);
    if (to.name === 'numeric' && to.args.length > 0) {
        const [precision = 0, scale = 0] = to.args;
        return precision - scale >= (INTEGER_DIGITS[from.name] ?? Infinity);
    }
    return true;
}
function argsWiden(from, to) {
    if (to.args.length === 0)
        return from.args.length === 0 || UNBOUNDED_WITHOUT_ARGS.has(to.name);
    if (from.args.length === 0)
        return false;
    if (to.name === 'numeric') {
        const [p1 = 0, s1 = 0] = from.args;
        const [p2 = 0, s2 = 0] = to.args;
        return s2 >= s1 && p2 - s2 >= p1 - s1;
    }
    return to.args.every((arg, i) => arg >= (from.args[i] ?? 0));
}

;// CONCATENATED MODULE: ./src/analyse/rules/unique-on-existing-table.ts


// risk/warning: fails when existing rows already hold duplicates, which only production data can tell.
const uniqueOnExistingTable = {
    id: 'risk/unique-on-existing-table',
    hint: 'Check production for duplicates first (SELECT cols, count(*) ... GROUP BY cols HAVING count(*) > 1) and clean them up in this migration or before it.',
    check(ctx) {
        return ctx.statements.flatMap((statement) => {
            const added = uniqueAdditions(statement, ctx.defaultSchema);
            if (!added || !statement.existing.tables.has(tableKey(added.table)))
                return [];
            return added.names.map((name) => finding(uniqueOnExistingTable, ctx, statement, {
                message: `Adds unique ${quoteName(name)} to ${displayTable(added.table, ctx.defaultSchema)}: the deploy fails if existing rows hold duplicates.`,
                object: { kind: 'index', schema: added.table.schema, table: added.table.name, name },
            }));
        });
    },
};
function uniqueAdditions(statement, defaultSchema) {
    const { node } = statement;
    if ('IndexStmt' in node) {
        const table = tableOf(node.IndexStmt.relation, defaultSchema);
        return node.IndexStmt.unique && table ? { table, names: [node.IndexStmt.idxname ?? '(unnamed)'] } : null;
    }
    const table = 'AlterTableStmt' in node ? tableOf(node.AlterTableStmt.relation, defaultSchema) : null;
    if (!table)
        return null;
    const names = alterTableCommands(statement).flatMap((cmd) => {
        // A column added with UNIQUE builds its index the same way as a table constraint does.
        if (cmd.subtype === 'AT_AddColumn' && cmd.def && 'ColumnDef' in cmd.def) {
            const column = cmd.def.ColumnDef;
            return columnConstraints(column)
                .filter((constraint) => constraint.contype === 'CONSTR_UNIQUE')
                .map((constraint) => constraint.conname ?? `(${column.colname ?? ''})`);
        }
        if (cmd.subtype !== 'AT_AddConstraint' || !cmd.def || !('Constraint' in cmd.def))
            return [];
        const constraint = cmd.def.Constraint;
        // UNIQUE USING INDEX attaches an index PostgreSQL requires to be unique already: its build was the risk,
        // reported where it happened.
        if (constraint.contype !== 'CONSTR_UNIQUE' || constraint.indexname)
            return [];
        return [constraint.conname ?? `(${(constraint.keys ?? []).flatMap(nameParts).join(', ')})`];
    });
    return { table, names };
}

;// CONCATENATED MODULE: ./src/analyse/rules/update-without-where.ts


// risk/notice, not destructive: an UPDATE of every row is how a new column is usually backfilled. It
// still overwrites whatever the rows held and rewrites the whole table under a lock.
const updateWithoutWhere = {
    id: 'risk/update-without-where',
    hint: 'Check that overwriting every row is intended (a backfill); on a large table, backfill in batches outside the migration.',
    check(ctx) {
        return ctx.statements.flatMap((statement) => {
            const { node } = statement;
            if (!('UpdateStmt' in node) || node.UpdateStmt.whereClause || node.UpdateStmt.fromClause)
                return [];
            const table = tableOf(node.UpdateStmt.relation, ctx.defaultSchema);
            if (!table || !statement.existing.tables.has(tableKey(table)))
                return [];
            const columns = (node.UpdateStmt.targetList ?? []).flatMap((t) => ('ResTarget' in t && t.ResTarget.name ? [t.ResTarget.name] : []));
            return [
                finding(updateWithoutWhere, ctx, statement, {
                    message: `Updates every row of ${displayTable(table, ctx.defaultSchema)} (${columns.map((c) => `"${c}"`).join(', ')}).`,
                    object: { kind: 'table', schema: table.schema, name: table.name },
                }),
            ];
        });
    },
};

;// CONCATENATED MODULE: ./src/analyse/rules/index.ts



















/** Every static rule, in the order reports list their findings for one statement. */
const RULES = [
    dropDatabase,
    dropTable,
    dropSchema,
    dropColumn,
    renameAsDropAdd,
    renameColumn,
    renameTable,
    typeChange,
    enumValueRemoved,
    primaryKeyChanged,
    truncate,
    deleteWithoutWhere,
    requiredColumnWithoutDefault,
    setNotNull,
    uniqueOnExistingTable,
    constraintWithoutNotValid,
    indexWithoutConcurrently,
    concurrentlyInTransaction,
    updateWithoutWhere,
];

;// CONCATENATED MODULE: ./src/analyse/waivers.ts

const MARKER = /^(\s*)--\s*prisma-drift-ignore\b(.*)$/;
function readWaivers(statements, where) {
    const problems = [];
    const perStatement = statements.map((statement) => statement.leading.split('\n').flatMap((text, i) => {
        const match = MARKER.exec(text);
        if (!match)
            return [];
        const location = { file: where.file, line: statement.leadingLine + i, column: match[1].length + 1 };
        const problem = (message) => problems.push({
            rule: 'risk/invalid-waiver',
            group: 'risk',
            severity: 'warning',
            message,
            location,
            migration: where.migration,
            hint: 'Write it as: -- prisma-drift-ignore <rule-id>[, <rule-id>]: <why this is safe>',
        });
        const body = match[2];
        const colon = body.indexOf(':');
        const reason = colon < 0 ? '' : body.slice(colon + 1).trim();
        const ids = (colon < 0 ? body : body.slice(0, colon)).split(/[\s,]+/).filter(Boolean);
        if (ids.length === 0 || !reason) {
            problem('This waiver is not honoured: it needs at least one rule id and a reason after a colon, so reviewers can see why the finding is accepted.');
            return [];
        }
        const unknown = ids.filter((id) => !(0,catalogue/* isRuleId */.KX)(id));
        if (unknown.length)
            problem(`This waiver names unknown rule ${unknown.join(', ')}; it has no effect for ${unknown.length === 1 ? 'it' : 'them'}.`);
        const known = ids.filter(catalogue/* isRuleId */.KX);
        for (const id of known) {
            const why = (0,catalogue/* ruleInfo */.PI)(id).waiver;
            if (why !== true)
                problem(`This waiver has no effect for ${id}, which no waiver can accept: ${why}.`);
        }
        const rules = known.filter((id) => (0,catalogue/* ruleInfo */.PI)(id).waiver === true);
        return rules.length ? [{ rules, reason }] : [];
    }));
    return {
        path: where.file,
        // Comments above the first statement are the file's header.
        file: perStatement[0] ?? [],
        statements: [[], ...perStatement.slice(1)],
        statementAt: new Map(statements.map((s, i) => [`${s.line}:${s.column}`, i])),
        problems,
    };
}
/**
 * The waiver that accepts a finding in this file: one in the file's header, or one above the statement the
 * finding points at.
 */
function waiverFor(finding, waivers) {
    if (finding.location?.file !== waivers.path)
        return undefined;
    const statement = waivers.statementAt.get(`${finding.location.line}:${finding.location.column}`);
    const candidates = [...waivers.file, ...(statement === undefined ? [] : (waivers.statements[statement] ?? []))];
    return candidates.find((waiver) => waiver.rules.includes(finding.rule));
}

;// CONCATENATED MODULE: ./src/analyse/static.ts




/**
 * Runs every static rule over the pull request's new migrations, in apply order. `base` is the database
 * the existing migrations produce: only what it holds can carry data, so only changes to it are risky.
 * Returns the findings as the rules see them, and each file's waiver comments for acceptance to apply
 * (to these findings and the measured ones alike); comments that cannot be honoured are findings.
 */
async function analyseNewMigrations(input) {
    let existing = existingIn(input.base);
    const findings = [];
    const waivers = [];
    for (const migration of input.migrations) {
        const parsed = await parseMigrationSql(migration.sql);
        if (!parsed.ok) {
            // The rules could not read the file, so it was not checked. Replaying it is a separate step: if
            // PostgreSQL rejects it too, that is reported there.
            findings.push({
                rule: 'risk/unparsable-sql',
                group: 'risk',
                severity: 'warning',
                message: `The SQL parser rejects this file (${parsed.message}), so it was not checked for destructive or risky changes.`,
                location: { file: migration.file, line: parsed.line, column: parsed.column },
                object: { kind: 'migration', name: migration.name },
                migration: migration.name,
                hint: 'Fix the syntax error, or review the file by hand if PostgreSQL accepts it.',
            });
            continue;
        }
        const tracked = trackExisting(existing, parsed.statements, input.defaultSchema);
        const ctx = {
            migration: migration.name,
            file: migration.file,
            defaultSchema: input.defaultSchema,
            statements: parsed.statements.map((statement, i) => ({ ...statement, existing: tracked.before[i] })),
        };
        const fileWaivers = readWaivers(parsed.statements, { file: migration.file, migration: migration.name });
        waivers.push(fileWaivers);
        findings.push(...sortByLocation([...RULES.flatMap((rule) => rule.check(ctx)), ...fileWaivers.problems]));
        existing = tracked.after;
    }
    return { findings, waivers };
}
function sortByLocation(findings) {
    const line = (f) => f.location?.line ?? 0;
    const column = (f) => f.location?.column ?? 0;
    // Array.prototype.sort is stable, so rules keep registry order within a statement.
    return findings.sort((a, b) => line(a) - line(b) || column(a) - column(b));
}

;// CONCATENATED MODULE: ./src/analyse/index.ts






const DEFAULT_SCHEMA = 'public';
/**
 * What the pull request's new migrations will do to a database that has data: static rules over their SQL,
 * then the real thing, measured on the base state with data seeded into it (locks, rewrites, failures on data).
 * Nothing is accepted here: the files' waiver comments are returned for acceptance to apply with the rest.
 */
async function analyseNewMigrationsOf(input) {
    const migrations = input.migrations.flatMap((entry) => {
        const sql = readMigrationSql(entry);
        return sql !== null && entry.sqlPath ? [{ name: entry.name, file: input.relative(entry.sqlPath), sql }] : [];
    });
    const statics = await analyseNewMigrations({ migrations, base: input.base, defaultSchema: DEFAULT_SCHEMA });
    const seed = await withScratchClient(input.databaseUrl, (client) => seedTables(client, input.base));
    input.log(`Seeded ${seed.seeded.length} tables to measure ${migrations.length} new migrations on`);
    const existingTables = input.base.tables.map((table) => ({ schema: table.schema, name: table.name }));
    const { findings: locks } = await measureNewMigrations(input.databaseUrl, { existingTables, migrations, defaultSchema: DEFAULT_SCHEMA });
    const found = [...statics.findings, ...locks];
    const findings = input.timingUrl
        ? await timeRowBoundStatements({ url: input.timingUrl, base: input.base, migrations, findings: found, log: input.log })
        : found;
    return { findings, waivers: statics.waivers };
}

// EXTERNAL MODULE: ./node_modules/diff/libesm/patch/create.js + 2 modules
var create = __webpack_require__(7291);
;// CONCATENATED MODULE: ./src/analyse/history.ts



/**
 * What the pull request did to the migration history. Databases that already ran the base migrations
 * remember each one by name and checksum, so editing, deleting or renaming one makes them disagree with
 * the repository; `migrationsDir` (relative to the repository root) is where findings point.
 */
function analyseHistory(base, head, migrationsDir) {
    const at = (name, line = 1) => ({ file: external_node_path_default().posix.join(migrationsDir, name, 'migration.sql'), line, column: 1 });
    const lockFile = external_node_path_default().posix.join(migrationsDir, 'migration_lock.toml');
    const findings = [];
    const add = (rule, severity, name, message, hint, line = 1) => findings.push({
        rule,
        group: 'history',
        severity,
        message,
        location: at(name, line),
        object: { kind: 'migration', name },
        migration: name,
        hint,
    });
    const headByName = new Map(head.migrations.map((m) => [m.name, m]));
    const baseNames = new Set(base.migrations.map((m) => m.name));
    const added = head.migrations.filter((m) => !baseNames.has(m.name));
    const renamedTo = new Set();
    for (const old of base.migrations) {
        const now = headByName.get(old.name);
        if (now) {
            if (old.sql && now.sql && !checksumMatches(now.sql, migrationChecksum(old.sql))) {
                add('history/edited', 'error', old.name, `Migration ${old.name} was changed after it was merged: databases that already applied it keep the old version, and \`prisma migrate\` reports its checksum as modified.`, 'Revert the edit and put the change in a new migration.', firstDifferentLine(old.sql, now.sql));
                const patch = editPatch(external_node_path_default().posix.join(migrationsDir, old.name, 'migration.sql'), old.sql, now.sql);
                if (patch)
                    findings.at(-1).patch = patch;
            }
            continue;
        }
        const copy = old.sql && added.find((m) => !renamedTo.has(m.name) && m.sql && checksumMatches(m.sql, migrationChecksum(old.sql)));
        if (copy) {
            renamedTo.add(copy.name);
            add('history/renamed', 'error', copy.name, `Migration ${old.name} was renamed to ${copy.name}: databases that applied it under the old name will run it again and fail.`, `Rename the folder back to ${old.name}.`);
        }
        else {
            add('history/deleted', 'error', old.name, `Migration ${old.name} was deleted: databases that applied it keep its changes, new databases never get them.`, 'Restore the folder; to undo what it did, add a new migration.');
        }
    }
    // Both lists are in apply order (the project's Prisma version decides bytes or localeCompare), so a new
    // migration runs out of order when the head puts it before the newest migration the base already had.
    const position = new Map(head.migrations.map((m, index) => [m.name, index]));
    const newestBase = base.migrations.at(-1)?.name;
    const newestBasePosition = newestBase === undefined ? undefined : position.get(newestBase);
    for (const migration of added) {
        if (renamedTo.has(migration.name))
            continue;
        if (newestBasePosition !== undefined && position.get(migration.name) < newestBasePosition) {
            add('history/out-of-order', 'warning', migration.name, `New migration ${migration.name} sorts before ${newestBase}, which is already merged: deployed databases run it last, new databases run it earlier, and the two can end up different.`, 'Regenerate the migration on top of the current base (or rename its folder with a current timestamp).');
        }
        if (migration.sql && isEmptySql(migration.sql)) {
            add('history/empty-migration', 'notice', migration.name, `New migration ${migration.name} contains no SQL statement.`, 'Delete the folder, or write the SQL it was created for (`prisma migrate dev --create-only` leaves it empty).');
        }
    }
    for (const migration of head.migrations) {
        if (migration.sql === null) {
            add('history/missing-sql', 'error', migration.name, `Migration folder ${migration.name} has no migration.sql: \`prisma migrate deploy\` cannot read it and stops.`, 'Add the migration.sql, or delete the folder if it was left behind by mistake.');
        }
    }
    const addedNames = new Set(added.map((m) => m.name));
    const byTimestamp = new Map();
    for (const migration of head.migrations) {
        const timestamp = /^(\d+)_/.exec(migration.name)?.[1];
        if (timestamp !== undefined)
            byTimestamp.set(timestamp, [...(byTimestamp.get(timestamp) ?? []), migration]);
    }
    for (const group of byTimestamp.values()) {
        if (group.length < 2)
            continue;
        for (const migration of group.filter((m) => addedNames.has(m.name))) {
            const others = group.filter((m) => m !== migration).map((m) => m.name);
            add('history/duplicate-timestamp', 'warning', migration.name, `Migration ${migration.name} has the same timestamp as ${others.join(', ')}: their order then depends on the rest of the name, not on when they were written.`, 'Give the new migration a later timestamp.');
        }
    }
    const lockAt = (line = 1) => ({ file: lockFile, line, column: 1 });
    if (!head.lock) {
        findings.push({
            rule: 'history/lock-missing',
            group: 'history',
            severity: 'warning',
            message: 'prisma/migrations has no migration_lock.toml, which records the database provider the migrations are written for.',
            location: lockAt(),
            hint: 'Commit the migration_lock.toml that `prisma migrate dev` writes.',
        });
        return findings;
    }
    if (base.lock && normaliseLineEndings(base.lock) !== normaliseLineEndings(head.lock)) {
        findings.push({
            rule: 'history/lock-edited',
            group: 'history',
            severity: 'warning',
            message: 'migration_lock.toml was changed. Prisma writes it once; a change usually means the provider was switched.',
            location: lockAt(),
            hint: 'Revert the change unless the whole migration history was regenerated for a new provider.',
        });
    }
    const provider = lockProvider(head.lock);
    if (provider.value !== 'postgresql') {
        findings.push({
            rule: 'history/lock-provider',
            group: 'history',
            severity: 'error',
            message: `migration_lock.toml says the migrations are for provider "${provider.value}", not "postgresql": Prisma refuses to apply them to PostgreSQL.`,
            location: lockAt(provider.line),
            hint: 'Set provider = "postgresql" if the migrations are PostgreSQL SQL; otherwise this project is not one this check can replay.',
        });
    }
    return findings;
}
/** The provider the way Prisma reads it: the first line starting with `provider`, minus `provider = ` and quotes. */
function lockProvider(lock) {
    const lines = lock.toString('utf8').split(/\r?\n/);
    const index = lines.findIndex((line) => line.startsWith('provider'));
    if (index < 0)
        return { value: '<PROVIDER NOT FOUND>', line: 1 };
    const value = lines[index].replace(/^(provider = )*/, '').replace(/^"+|"+$/g, '');
    return { value, line: index + 1 };
}
function isEmptySql(sql) {
    return (sql
        .toString('utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/--[^\n]*/g, '')
        .trim() === '');
}
function normaliseLineEndings(contents) {
    return contents.toString('utf8').replaceAll('\r\n', '\n');
}
/** Past this many changed lines a line diff is too slow to compute and too long to read. */
const PATCH_EDIT_LIMIT = 500;
/** What the edit changed, as a unified diff from the merged file to the pull request's. */
function editPatch(file, before, after) {
    return (0,create/* createTwoFilesPatch */.ss)(`a/${file}`, `b/${file}`, normaliseLineEndings(before), normaliseLineEndings(after), 'merged', 'this pull request', {
        context: 3,
        headerOptions: create/* FILE_HEADERS_ONLY */.jr,
        maxEditLength: PATCH_EDIT_LIMIT,
    });
}
function firstDifferentLine(before, after) {
    const a = normaliseLineEndings(before).split('\n');
    const b = normaliseLineEndings(after).split('\n');
    const index = b.findIndex((line, i) => line !== a[i]);
    return index < 0 ? b.length : index + 1;
}

// EXTERNAL MODULE: ./src/report/baseline.ts + 1 modules
var report_baseline = __webpack_require__(2017);
;// CONCATENATED MODULE: ./src/report/accept.ts



/**
 * The one place findings are accepted: a waiver comment, the pull request's label, the baseline file. Each
 * applies only to the rules the catalogue lets it accept (a waiver that names another is reported where
 * it is read), and an accepted finding stays in the report, marked with why. The label goes by the
 * finding's group rather than its rule: production's sizes can raise a lock finding into `destructive`.
 */
function accept(findings, acceptance) {
    const label = acceptance.allowDestructive;
    const waived = findings.map((finding) => {
        if (finding.waived || (0,catalogue/* ruleInfo */.PI)(finding.rule).waiver !== true)
            return finding;
        const waiver = acceptance.waivers.map((file) => waiverFor(finding, file)).find(Boolean);
        if (waiver)
            return { ...finding, waived: { reason: waiver.reason } };
        if (label && finding.group === 'destructive')
            return { ...finding, waived: { reason: `the pull request is labelled \`${label}\`` } };
        return finding;
    });
    return (0,report_baseline/* applyBaseline */.Qp)(waived, acceptance.baseline, acceptance.scope);
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/provision/cluster.ts
var cluster = __webpack_require__(1369);
;// CONCATENATED MODULE: ./src/apply/cache/dump.ts





const execFileAsync = (0,external_node_util_.promisify)(external_node_child_process_.execFile);
/**
 * The pg_dump and pg_restore of the server's own major version: the temporary cluster's bindir, else one
 * installed on the machine. An older pg_dump refuses a newer server, and a newer one may write settings an
 * older server rejects, so any other version means no tools (and no cache), never a guess.
 */
async function findDumpTools(postgresMajor, clusterBindir) {
    const candidates = clusterBindir ? [clusterBindir] : [process.env.PG_BINDIR, (0,cluster/* pgConfigBindir */.G5)(), ...(0,cluster/* debianBindirs */.dW)()];
    for (const bindir of new Set(candidates.filter((dir) => Boolean(dir)))) {
        if (!executable(external_node_path_default().join(bindir, 'pg_dump')) || !executable(external_node_path_default().join(bindir, 'pg_restore')))
            continue;
        const major = await majorVersion(external_node_path_default().join(bindir, 'pg_dump'));
        if (major === postgresMajor)
            return { bindir };
    }
    return null;
}
/** The whole database as a custom-format archive: everything the migrations made, as PostgreSQL stores it. */
async function dumpDatabase(tools, url, file) {
    const { args, env } = libpqConnection(url);
    await run(tools, 'pg_dump', ['--format=custom', '--file', file, ...args], env);
}
/** Restores an archive into an empty database; any error rejects (the caller then replays instead). */
async function restoreDatabase(tools, url, file) {
    const { args, env } = libpqConnection(url);
    // The role that dumped is gone by now; the restoring role owns what it restores, with its default privileges.
    await run(tools, 'pg_restore', ['--exit-on-error', '--single-transaction', '--no-owner', '--no-privileges', ...args, file], env);
}
async function run(tools, program, args, env) {
    await execFileAsync(external_node_path_default().join(tools.bindir, program), args, { env: { ...process.env, ...env }, maxBuffer: 16 << 20 }).catch((error) => {
        throw new Error(`${program} failed: ${(error.stderr || error.message).trim()}`);
    });
}
/** Parameters libpq accepts in a URL; others (Prisma's `schema`, node-postgres options) would make it refuse the URL. */
const LIBPQ_PARAMETERS = new Set([
    'host',
    'hostaddr',
    'port',
    'sslmode',
    'sslcert',
    'sslkey',
    'sslrootcert',
    'sslcrl',
    'connect_timeout',
    'options',
    'application_name',
    'target_session_attrs',
    'gssencmode',
]);
/** The URL as libpq tools take it: the password through the environment rather than on a command line others can read. */
function libpqConnection(url) {
    const parsed = new URL(url);
    const password = decodeURIComponent(parsed.password);
    parsed.password = '';
    for (const name of [...parsed.searchParams.keys()])
        if (!LIBPQ_PARAMETERS.has(name))
            parsed.searchParams.delete(name);
    return { args: ['--dbname', parsed.toString()], env: password ? { PGPASSWORD: password } : {} };
}
async function majorVersion(program) {
    const { stdout } = await execFileAsync(program, ['--version']).catch(() => ({ stdout: '' }));
    const match = /\(PostgreSQL\) (\d+)/.exec(stdout);
    return match ? Number(match[1]) : null;
}
function executable(file) {
    try {
        (0,external_node_fs_.accessSync)(file, external_node_fs_.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/apply/cache/key.ts


/**
 * The cache key of the database state that replaying `migrations` produces: their names and bytes, in
 * order, plus what else decides that state or the archive's format (the PostgreSQL major version, this
 * tool's version). Files are hashed one at a time, so memory does not grow with the history.
 */
function stateKey(input) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for (const migration of input.migrations) {
        // Lengths first, so that no two different histories hash the same bytes.
        const name = Buffer.from(migration.name, 'utf8');
        const sql = migration.sqlPath ? (0,external_node_fs_.readFileSync)(migration.sqlPath) : null;
        hash
            .update(`${name.length}:`)
            .update(name)
            .update(sql ? `${sql.length}:` : 'none:');
        if (sql)
            hash.update(sql);
    }
    return `prisma-drift-${input.toolVersion}-pg${input.postgresMajor}-${input.migrations.length}-${hash.digest('hex')}`;
}

;// CONCATENATED MODULE: ./src/apply/cache/index.ts





/**
 * Opens the cache on `server`: finds the pg_dump and pg_restore of its major version (which runs programs,
 * so it is worth starting early), then gives the entry for the state after any list of migrations. Null
 * when this machine has no such tools: then every run replays the whole history.
 */
async function stateCacheFor(options, server) {
    const tools = await findDumpTools(server.serverVersion.major, server.bindir);
    if (!tools)
        return null;
    return (migrations) => {
        const key = stateKey({ migrations, postgresMajor: server.serverVersion.major, toolVersion: options.toolVersion });
        const outcome = { key, hit: false, saved: false, migrations: migrations.length, ms: 0 };
        return {
            key,
            restore: (url) => timed(outcome, () => withArchive(async (file) => {
                if (!(await options.store.restore(key, file)))
                    return false;
                // pg_restore runs in one transaction: a failure leaves the database as empty as it was.
                await restoreDatabase(tools, url, file);
                return (outcome.hit = true);
            })),
            save: async (url) => {
                if (!options.writable)
                    return false;
                return timed(outcome, () => withArchive(async (file) => {
                    await dumpDatabase(tools, url, file);
                    await options.store.save(key, file);
                    return (outcome.saved = true);
                }));
            },
            outcome: () => ({ ...outcome }),
        };
    };
}
async function timed(outcome, fn) {
    const started = performance.now();
    try {
        return await fn();
    }
    finally {
        outcome.ms += Math.round(performance.now() - started);
    }
}
async function withArchive(fn) {
    const dir = await (0,promises_.mkdtemp)(external_node_path_default().join(external_node_os_default().tmpdir(), 'prisma-drift-state-'));
    try {
        return await fn(external_node_path_default().join(dir, 'state.dump'));
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./src/compare/default-tokens.ts
/**
 * The tokens of a column default as PostgreSQL prints it, split the way Prisma's schema engine splits them
 * when it reads a default back. Hand-written on purpose: it mirrors that tokenizer token for token (what it
 * drops, where it gives up), which a general SQL lexer would not.
 */
const PUNCTUATION = {
    ',': 'comma',
    '(': 'open',
    ')': 'close',
    '[': 'open-square',
    ']': 'close-square',
    '-': 'minus',
    '.': 'dot',
};
/** Splits a printed default into the tokens Prisma's describer reads; whitespace is dropped. */
function tokenize(text) {
    const tokens = [];
    let at = 0;
    const push = (kind, end) => {
        tokens.push({ kind, text: text.slice(at, end) });
        at = end;
    };
    while (at < text.length) {
        const char = text[at];
        if (/\s/.test(char)) {
            at++;
        }
        else if (PUNCTUATION[char]) {
            push(PUNCTUATION[char], at + 1);
        }
        else if (char === ':') {
            if (text[at + 1] !== ':')
                return [...tokens, { kind: 'unknown', text: text.slice(at) }];
            push('cast', at + 2);
        }
        else if (/[0-9]/.test(char)) {
            push('digits', at + /^[0-9]+/.exec(text.slice(at))[0].length);
        }
        else if ((char === 'E' || char === 'e') && text[at + 1] === "'") {
            const end = /^[Ee]'(?:[^'\\]|\\.)*'/s.exec(text.slice(at));
            if (!end)
                return [...tokens, { kind: 'unknown', text: text.slice(at) }];
            push('escape-string', at + end[0].length);
        }
        else if (char === "'") {
            const end = /^'(?:[^']|'')*'/s.exec(text.slice(at));
            if (!end)
                return [...tokens, { kind: 'unknown', text: text.slice(at) }];
            push('string', at + end[0].length);
        }
        else if (char === '"') {
            const end = /^"(?:[^"\\]|\\.)*"/s.exec(text.slice(at));
            if (!end)
                return [...tokens, { kind: 'unknown', text: text.slice(at) }];
            push('quoted-identifier', at + end[0].length);
        }
        else if (/[A-Za-z]/.test(char)) {
            push('identifier', at + /^[A-Za-z][A-Za-z0-9_-]*/.exec(text.slice(at))[0].length);
        }
        else {
            push('unknown', at + 1);
        }
    }
    return tokens;
}
const ESCAPES = { a: '\u0007', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
/** The value of a `'...'` or `E'...'` literal. */
function stringValue(token) {
    if (token.kind === 'string')
        return token.text.slice(1, -1).replaceAll("''", "'");
    return token.text
        .slice(2, -1)
        .replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/gs, (_match, escape) => escape.length > 1 ? String.fromCodePoint(parseInt(escape.slice(1), 16)) : (ESCAPES[escape] ?? escape));
}

;// CONCATENATED MODULE: ./src/compare/defaults.ts


const FAMILIES = {
    text: 'string',
    varchar: 'string',
    bpchar: 'string',
    citext: 'string',
    xml: 'string',
    inet: 'string',
    bit: 'string',
    varbit: 'string',
    json: 'json',
    jsonb: 'json',
    int2: 'int',
    int4: 'int',
    int8: 'int',
    oid: 'int',
    float4: 'decimal',
    float8: 'decimal',
    numeric: 'decimal',
    money: 'decimal',
    bool: 'boolean',
    timestamp: 'datetime',
    timestamptz: 'datetime',
    date: 'datetime',
    time: 'datetime',
    timetz: 'datetime',
    bytea: 'binary',
};
function typeFamily(type, isEnum) {
    if (isEnum)
        return 'enum';
    return FAMILIES[type.name] ?? 'other';
}
/** Reads a default as PostgreSQL prints it (`pg_get_expr`) for a column of the given family. */
function parseDefault(text, family, list, side) {
    if (text === null || text.trim().startsWith('NULL'))
        return null;
    const parser = new Parser(text, side);
    if (list) {
        const values = parser.list(family);
        return values ? { kind: 'list', values } : { kind: 'dbgenerated', text };
    }
    const parsed = parser.scalar(family);
    return parsed && parser.finished() ? parsed : { kind: 'dbgenerated', text };
}
/**
 * Whether the default the migrations left (`migrated`) and the one schema.prisma asks for (`expected`) are
 * the same to Prisma, case by case as its differ decides. Where Prisma cannot tell (datetime literals, JSON
 * it cannot parse) it treats them as equal; a sequence is compared through the column's autoincrement.
 */
function defaultsMatch(migrated, expected, datetime) {
    const m = migrated;
    const e = expected;
    if (datetime && ((m?.kind === 'dbgenerated' && e?.kind === 'list') || (m?.kind === 'list' && e?.kind === 'dbgenerated')))
        return true;
    if (m?.kind === 'list' && e?.kind === 'list')
        return listsMatch(m.values, e.values);
    if (m?.kind === 'value' && e?.kind === 'value')
        return valuesMatch(m.value, e.value);
    if (m && e?.kind === 'value' && e.value.type === 'datetime')
        return true;
    if (e?.kind === 'sequence')
        return true;
    if (m === null)
        return e === null;
    // A sequence the schema does not ask for goes away with the column's autoincrement.
    if (e === null)
        return m.kind === 'sequence';
    if (m.kind === 'now')
        return e.kind === 'now';
    if (m.kind === 'dbgenerated')
        return e.kind === 'dbgenerated' && m.text.toLowerCase() === e.text.toLowerCase();
    return false;
}
function valuesMatch(migrated, expected) {
    const textual = (value) => value.type === 'string' || value.type === 'json';
    if ((migrated.type === 'json' || expected.type === 'json') && textual(migrated) && textual(expected)) {
        return jsonDefaultsMatch(migrated.value, expected.value);
    }
    if (migrated.type === 'datetime' || expected.type === 'datetime')
        return true;
    if (migrated.type === 'decimal' && expected.type === 'decimal')
        return decimalsEqual(migrated.value, expected.value);
    // An enum default and a string default with the same text are the same to Prisma.
    const loose = (value) => (value.type === 'enum' ? 'string' : value.type);
    return loose(migrated) === loose(expected) && migrated.value === expected.value;
}
function listsMatch(migrated, expected) {
    return migrated.length === expected.length && migrated.every((value, index) => valuesMatch(value, expected[index]));
}
/** JSON defaults are compared as JSON; text either side cannot parse is not held against it. */
function jsonDefaultsMatch(migrated, expected) {
    try {
        return (0,external_node_util_.isDeepStrictEqual)(JSON.parse(migrated), JSON.parse(expected));
    }
    catch {
        return true;
    }
}
/** Decimal equality regardless of trailing zeros and sign of zero, as a big decimal compares. */
function decimalsEqual(a, b) {
    return canonicalDecimal(a) === canonicalDecimal(b);
}
function canonicalDecimal(text) {
    const negative = text.startsWith('-');
    const [whole = '', fraction = ''] = text.replace(/^[-+]/, '').split('.');
    const digits = `${whole.replace(/^0+/, '') || '0'}.${fraction.replace(/0+$/, '')}`.replace(/\.$/, '');
    return digits === '0' ? '0' : `${negative ? '-' : ''}${digits}`;
}
class Parser {
    side;
    tokens;
    offset = 0;
    constructor(text, side) {
        this.side = side;
        this.tokens = tokenize(text);
    }
    finished() {
        return this.offset >= this.tokens.length;
    }
    peek() {
        return this.tokens[this.offset];
    }
    take(kind) {
        const token = this.peek();
        if (token?.kind !== kind)
            return undefined;
        this.offset++;
        return token;
    }
    /** `::type`, `::"Enum"`, `::schema.type`, `::timestamp(3) with time zone[]`; true when absent. */
    cast() {
        if (!this.take('cast'))
            return true;
        while (this.take('identifier') || this.take('quoted-identifier') || this.take('dot'))
            ;
        if (this.peek()?.kind === 'open') {
            for (;;) {
                const token = this.tokens[this.offset++];
                if (!token)
                    return false;
                if (token.kind === 'close')
                    break;
            }
        }
        if (this.take('open-square') && !this.take('close-square'))
            return false;
        return true;
    }
    string() {
        const token = this.take('string') ?? this.take('escape-string');
        if (!token || !this.cast())
            return undefined;
        return stringValue(token);
    }
    scalar(family) {
        const value = this.value(family);
        if (value)
            return value;
        if (family === 'int' || family === 'datetime')
            return this.functionCall(family);
        return undefined;
    }
    /** A literal of the family, as `parse_*_default` reads it. */
    value(family) {
        const token = this.peek();
        if (!token)
            return undefined;
        switch (family) {
            case 'string':
            case 'json': {
                const value = this.string();
                return value === undefined ? undefined : { kind: 'value', value: { type: family, value } };
            }
            case 'enum': {
                if (token.kind === 'identifier') {
                    this.offset++;
                    return this.cast() ? { kind: 'value', value: { type: 'enum', value: token.text } } : undefined;
                }
                const value = this.string();
                return value === undefined ? undefined : { kind: 'value', value: { type: 'enum', value } };
            }
            case 'int': {
                if (token.kind === 'digits' || token.kind === 'minus') {
                    const sign = this.take('minus') ? '-' : '';
                    const digits = this.take('digits');
                    return digits ? { kind: 'value', value: { type: 'int', value: BigInt(sign + digits.text) } } : undefined;
                }
                if (token.kind !== 'string')
                    return undefined;
                const value = this.string();
                return value !== undefined && /^[-+]?\d+$/.test(value)
                    ? { kind: 'value', value: { type: 'int', value: BigInt(value) } }
                    : undefined;
            }
            case 'decimal':
                return this.decimal();
            case 'boolean': {
                const word = this.take('identifier')?.text.toLowerCase();
                if (word === 't' || word === 'true')
                    return { kind: 'value', value: { type: 'boolean', value: 'true' } };
                if (word === 'f' || word === 'false')
                    return { kind: 'value', value: { type: 'boolean', value: 'false' } };
                return undefined;
            }
            case 'binary': {
                const value = this.string();
                if (value === undefined || !/^\\x([0-9a-fA-F]{2})*$/.test(value))
                    return undefined;
                return { kind: 'value', value: { type: 'bytes', value: value.slice(2).toLowerCase() } };
            }
            case 'datetime': {
                if (this.side === 'migrated')
                    return undefined;
                const value = this.string();
                return value === undefined ? undefined : { kind: 'value', value: { type: 'datetime', value } };
            }
            case 'other':
                return undefined;
        }
    }
    decimal() {
        const literal = this.peek()?.kind === 'string' || this.peek()?.kind === 'escape-string' ? this.tokens[this.offset++] : undefined;
        const parser = literal ? new Parser(stringValue(literal), this.side) : this;
        const parenthesised = !!parser.take('open');
        const sign = parser.take('minus') ? '-' : '';
        const whole = parser.take('digits');
        if (!whole)
            return undefined;
        const fraction = parser.take('dot') ? parser.take('digits') : null;
        if (fraction === undefined)
            return undefined;
        if (parenthesised && !parser.take('close'))
            return undefined;
        if (!this.cast())
            return undefined;
        return { kind: 'value', value: { type: 'decimal', value: `${sign}${whole.text}${fraction ? `.${fraction.text}` : ''}` } };
    }
    /** `now()`/`CURRENT_TIMESTAMP` for datetimes, `nextval('seq'::regclass)` for integers. */
    functionCall(family) {
        const name = this.take('identifier')?.text.toLowerCase();
        if (!name)
            return undefined;
        if (family === 'datetime') {
            if (this.take('open') && !this.take('close'))
                return undefined;
            if (!this.cast())
                return undefined;
            return name === 'now' || name === 'current_timestamp' ? { kind: 'now' } : undefined;
        }
        if (name !== 'nextval' || !this.take('open'))
            return undefined;
        this.take('open');
        const literal = this.take('string') ?? this.take('escape-string');
        if (!literal)
            return undefined;
        const sequence = sequenceName(stringValue(literal));
        if (sequence === undefined)
            return undefined;
        for (;;) {
            const token = this.tokens[this.offset++];
            if (!token)
                return undefined;
            if (token.kind === 'close')
                break;
        }
        if (!this.cast())
            return undefined;
        this.take('close');
        if (!this.cast())
            return undefined;
        return { kind: 'sequence', name: sequence };
    }
    /** `ARRAY[...]` with literal elements, or a `'{...}'` array literal; undefined when it is anything else. */
    list(family) {
        const token = this.peek();
        if (token?.kind === 'string' || token?.kind === 'escape-string') {
            const text = this.string();
            return text === undefined ? undefined : arrayLiteral(text, family, this.side);
        }
        this.take('open');
        if (this.take('identifier')?.text.toLowerCase() !== 'array' || !this.take('open-square'))
            return undefined;
        const values = [];
        if (!this.take('close-square')) {
            for (;;) {
                const element = this.scalar(family);
                if (!element || element.kind !== 'value')
                    return undefined;
                values.push(element.value);
                if (this.take('close-square'))
                    break;
                if (!this.take('comma'))
                    return undefined;
            }
        }
        this.cast();
        return values;
    }
}
function sequenceName(text) {
    const parser = new Parser(text, 'migrated');
    const identifier = () => {
        const token = parser.take('quoted-identifier') ?? parser.take('identifier');
        if (!token)
            return undefined;
        return token.kind === 'quoted-identifier' ? token.text.slice(1, -1).replace(/\\(.)/g, '$1') : token.text;
    };
    const first = identifier();
    if (first === undefined)
        return undefined;
    return parser.take('dot') ? identifier() : first;
}
/** A `{a,"b c",NULL}` array literal, element by element, read as the family's values. */
function arrayLiteral(text, family, side) {
    if (!text.startsWith('{') || !text.endsWith('}'))
        return undefined;
    const body = text.slice(1, -1);
    if (body.trim() === '')
        return [];
    const elements = [];
    for (const match of body.matchAll(/\s*("((?:[^"\\]|\\.)*)"|[^,]*)\s*(,|$)/gs)) {
        if (match[0] === '')
            break;
        elements.push(match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[1].trim());
    }
    const values = [];
    for (const element of elements) {
        switch (family) {
            case 'string':
            case 'json':
                values.push({ type: family, value: element });
                break;
            case 'enum':
                values.push({ type: 'enum', value: element });
                break;
            case 'int':
                if (!/^-?\d+$/.test(element))
                    return undefined;
                values.push({ type: 'int', value: BigInt(element) });
                break;
            case 'decimal':
                if (!/^-?\d+(\.\d+)?$/.test(element))
                    return undefined;
                values.push({ type: 'decimal', value: element });
                break;
            case 'boolean':
                if (!/^(t|f|true|false)$/i.test(element))
                    return undefined;
                values.push({ type: 'boolean', value: /^t/i.test(element) ? 'true' : 'false' });
                break;
            case 'datetime':
                if (side === 'migrated')
                    return undefined;
                values.push({ type: 'datetime', value: element });
                break;
            default:
                return undefined;
        }
    }
    return values;
}

;// CONCATENATED MODULE: ./src/compare/diff.ts


/** Tables Prisma keeps for itself, and PostGIS's own tables, which it never diffs. */
const IGNORED_TABLES = /^(_prisma_migrations|spatial_ref_sys|geometry_columns|geography_columns|raster_columns|raster_overviews)$/i;
/**
 * Diffs the database the migrations produce (`migrated`) against the one schema.prisma describes
 * (`expected`), the way `prisma migrate diff --from-migrations --to-schema` does: only the namespaces the
 * schema manages, only what Prisma models (expression indexes, CHECK constraints, triggers, functions and
 * views are not compared), enum value order ignored.
 */
function diffSchemas(expected, migrated) {
    const namespaces = new Set(expected.namespaces.length ? expected.namespaces : ['public']);
    const inScope = (object) => namespaces.has(object.schema);
    const ctx = {
        changes: [],
        partialIndexes: expected.partialIndexes === true,
        migratedEnums: new Set(migrated.enums.map((e) => qualifiedKey(e.schema, e.name))),
        expectedEnums: new Set(expected.enums.map((e) => qualifiedKey(e.schema, e.name))),
    };
    const migratedTables = byKey(migrated.tables.filter((t) => inScope(t) && !IGNORED_TABLES.test(t.name)));
    const expectedTables = byKey(expected.tables);
    for (const [key, table] of expectedTables) {
        const actual = migratedTables.get(key);
        if (actual)
            compareTables(ctx, table, actual);
        else
            ctx.changes.push({ kind: 'missing-table', object: { kind: 'table', schema: table.schema, name: table.name }, table });
    }
    for (const [key, table] of migratedTables) {
        if (!expectedTables.has(key))
            ctx.changes.push({ kind: 'extra-table', object: { kind: 'table', schema: table.schema, name: table.name }, table });
    }
    const migratedEnums = byKey(migrated.enums.filter(inScope));
    const expectedEnums = byKey(expected.enums);
    for (const [key, enumType] of expectedEnums) {
        const actual = migratedEnums.get(key);
        if (actual)
            compareEnums(ctx, enumType, actual);
        else
            ctx.changes.push({ kind: 'missing-enum', object: { kind: 'enum', schema: enumType.schema, name: enumType.name }, enum: enumType });
    }
    for (const [key, enumType] of migratedEnums) {
        if (!expectedEnums.has(key))
            ctx.changes.push({ kind: 'extra-enum', object: { kind: 'enum', schema: enumType.schema, name: enumType.name }, enum: enumType });
    }
    const migratedExtensions = new Set(migrated.extensions.map((e) => e.name));
    for (const extension of expected.extensions) {
        if (!migratedExtensions.has(extension.name))
            ctx.changes.push({ kind: 'missing-extension', object: { kind: 'extension', name: extension.name }, extension });
    }
    return ctx.changes;
}
function byKey(items) {
    return new Map(items.map((item) => [qualifiedKey(item.schema, item.name), item]));
}
function compareTables(ctx, expected, actual) {
    const actualColumns = new Map(actual.columns.map((c) => [c.name, c]));
    const expectedColumns = new Set(expected.columns.map((c) => c.name));
    const columnRef = (table, column) => ({
        kind: 'column',
        schema: table.schema,
        table: table.name,
        name: column.name,
        column: column.name,
    });
    for (const column of expected.columns) {
        const migrated = actualColumns.get(column.name);
        if (migrated)
            compareColumns(ctx, expected, column, migrated);
        else
            ctx.changes.push({ kind: 'missing-column', object: columnRef(expected, column), table: expected, column });
    }
    for (const column of actual.columns) {
        if (!expectedColumns.has(column.name))
            ctx.changes.push({ kind: 'extra-column', object: columnRef(actual, column), table: expected, actualTable: actual, column });
    }
    comparePrimaryKeys(ctx, expected, actual);
    compareIndexes(ctx, expected, actual);
    compareForeignKeys(ctx, expected, actual);
}
function compareColumns(ctx, table, expected, actual) {
    const change = (kind) => ctx.changes.push({
        kind,
        object: { kind: 'column', schema: table.schema, table: table.name, name: expected.name, column: expected.name },
        table,
        expected,
        actual,
    });
    if (typeChanged(ctx, actual.type, expected.type))
        change('column-type');
    // A list column has no arity but "list": Prisma does not compare the nullability of arrays.
    if (expected.nullable !== actual.nullable && !(expected.type.array && actual.type.array))
        change('column-nullability');
    const want = parseDefault(expected.default, familyOf(ctx.expectedEnums, expected.type), expected.type.array, 'expected');
    const have = parseDefault(actual.default, familyOf(ctx.migratedEnums, actual.type), actual.type.array, 'migrated');
    const datetime = familyOf(ctx.expectedEnums, expected.type) === 'datetime' || familyOf(ctx.migratedEnums, actual.type) === 'datetime';
    const autoincrement = (column, parsed) => column.identity !== null || parsed?.kind === 'sequence';
    const sameDefault = expected.anyDefault || defaultsMatch(have, want, datetime);
    if (!sameDefault || autoincrement(expected, want) !== autoincrement(actual, have))
        change('column-default');
}
function familyOf(enums, type) {
    return typeFamily(type, isEnumType(enums, type));
}
function isEnumType(enums, type) {
    return type.schema !== undefined && enums.has(qualifiedKey(type.schema, type.name));
}
/** PostgreSQL types Prisma knows as native types; it takes any two others to be the same type. */
const KNOWN_TYPES = new Set([
    'int2',
    'int4',
    'int8',
    'numeric',
    'money',
    'inet',
    'oid',
    'citext',
    'float4',
    'float8',
    'varchar',
    'bpchar',
    'text',
    'bytea',
    'timestamp',
    'timestamptz',
    'date',
    'time',
    'timetz',
    'bool',
    'bit',
    'varbit',
    'uuid',
    'xml',
    'json',
    'jsonb',
]);
const PRECISION_TYPES = new Set(['timestamp', 'timestamptz', 'time', 'timetz']);
/** Whether Prisma would change the column's type, by the rules of its PostgreSQL differ. */
function typeChanged(ctx, migrated, expected) {
    const migratedEnum = isEnumType(ctx.migratedEnums, migrated);
    const expectedEnum = isEnumType(ctx.expectedEnums, expected);
    if (migratedEnum || expectedEnum) {
        return !(migratedEnum && expectedEnum && migrated.name === expected.name && migrated.schema === expected.schema);
    }
    if (migrated.array !== expected.array)
        return true;
    const migratedKnown = KNOWN_TYPES.has(migrated.name);
    const expectedKnown = KNOWN_TYPES.has(expected.name);
    if (!migratedKnown && !expectedKnown)
        return false;
    if (migratedKnown !== expectedKnown || migrated.name !== expected.name)
        return true;
    // A datetime precision given on one side only is not a change to Prisma.
    if (PRECISION_TYPES.has(migrated.name))
        return migrated.args.length > 0 && expected.args.length > 0 && migrated.args[0] !== expected.args[0];
    return migrated.args.join() !== expected.args.join();
}
/**
 * Prisma replaces a primary key whose columns change, or whose columns change type, and renames one that
 * only changed name.
 */
function comparePrimaryKeys(ctx, expected, actual) {
    const want = expected.primaryKey;
    const have = actual.primaryKey;
    if (!want && !have)
        return;
    const columnTypeChanged = (name) => {
        const before = actual.columns.find((c) => c.name === name);
        const after = expected.columns.find((c) => c.name === name);
        return !!before && !!after && typeChanged(ctx, before.type, after.type);
    };
    const replaced = !want || !have || want.columns.join() !== have.columns.join() || have.columns.some(columnTypeChanged);
    if (!replaced && want.name === have.name)
        return;
    ctx.changes.push({
        kind: 'primary-key',
        object: { kind: 'primary-key', schema: expected.schema, table: expected.name, name: (want ?? have).name },
        table: expected,
        actualTable: actual,
        expected: want,
        actual: have,
        replaced,
    });
}
/**
 * Prisma does not model expression indexes: its describer does not read them. Partial indexes it reads only
 * under the partialIndexes preview feature; then one the schema does not declare is dropped.
 */
function isModelled(index, partialIndexes) {
    return index.columns.every((column) => column.name !== null) && (index.predicate === null || partialIndexes);
}
/**
 * What makes two indexes the same to Prisma: everything but the name, as its engine reads them. It reads no
 * operator class of a B-tree index back from the database, so there only the schema's `ops:` counts, and
 * one written there never matches; it reads INCLUDE columns as columns.
 */
function indexShape(index, side) {
    const opclass = (c) => index.method !== 'btree' ? c.opclass : side === 'schema' && c.opclass ? `${c.opclass} (not read back)` : null;
    return JSON.stringify([
        index.unique,
        index.method,
        index.columns.map((c) => [c.name, c.sort, opclass(c)]),
        index.include ?? [],
        predicateKey(index.predicate),
    ]);
}
/** The cast PostgreSQL prints after a string literal (`'x'::text`, `'a'::"Status"`, `'b'::character varying`). */
const LITERAL_CAST = /(')::\s*(?:"(?:[^"]|"")*"|character varying|bit varying|double precision|(?:timestamp|time)(?:\(\d+\))? with(?:out)? time zone|[A-Za-z_][\w.]*)(?:\(\s*\d+(?:\s*,\s*\d+)?\s*\))?(?:\[\])*/g;
const KEYWORDS = /\b(?:and|or|not|is|null|true|false|in|like|ilike|between|any|all)\b/gi;
/**
 * A partial index's condition as Prisma compares it: the schema's SQL against the text PostgreSQL prints
 * back, so without the parentheses, quotes and spacing PostgreSQL adds and the casts it adds to string
 * literals, with keywords in any case. Other names keep their case, and a cast PostgreSQL adds to a column
 * (`("code")::text` of a varchar) stays, so Prisma takes such a condition for another one.
 */
function predicateKey(predicate) {
    if (predicate === null)
        return null;
    return predicate
        .replace(LITERAL_CAST, '$1')
        .replace(KEYWORDS, (word) => word.toUpperCase())
        .replace(/[\s"()]/g, '');
}
/**
 * Indexes are matched by definition, not by name: one the schema declares and the migrations lack is created,
 * one the migrations have and the schema lacks is dropped, and a match with another name is renamed, unless
 * the migrations have several indexes on the same columns (Prisma leaves such duplicates alone).
 */
function compareIndexes(ctx, expected, actual) {
    const previous = actual.indexes.filter((index) => isModelled(index, ctx.partialIndexes));
    const next = expected.indexes;
    // `a` is the database's index, `b` the schema's.
    const same = (a, b) => indexShape(a, 'database') === indexShape(b, 'schema');
    const dropped = previous.filter((index) => !next.some((candidate) => same(index, candidate)));
    const created = next.filter((index) => !previous.some((candidate) => same(candidate, index)));
    const ref = (table, index) => ({ kind: 'index', schema: table.schema, table: table.name, name: index.name });
    const sameColumns = (a, b) => a.unique === b.unique && a.columns.map((c) => c.name).join() === b.columns.map((c) => c.name).join();
    for (const index of previous) {
        if (previous.filter((other) => sameColumns(index, other)).length !== 1)
            continue;
        const renamed = next.find((candidate) => same(index, candidate));
        if (!renamed || renamed.name === index.name)
            continue;
        ctx.changes.push({ kind: 'index-name', object: ref(expected, renamed), table: expected, expected: renamed, actual: index });
    }
    const sides = { table: expected, actualTable: actual };
    pushByName(ctx, created, dropped, {
        changed: (index, old) => ({ kind: 'index-definition', object: ref(expected, index), ...sides, expected: index, actual: old }),
        missing: (index) => ({ kind: 'missing-index', object: ref(expected, index), table: expected, index }),
        extra: (index) => ({ kind: 'extra-index', object: ref(actual, index), ...sides, index }),
    });
}
/**
 * Foreign keys are matched by definition: same columns (whose type did not change, and that did not become
 * required), same referenced table and columns, same actions. A match under another name is renamed, except
 * on implicit many-to-many tables, whose constraint names Prisma leaves as they are.
 */
function compareForeignKeys(ctx, expected, actual) {
    const columnOk = (name) => {
        const before = actual.columns.find((c) => c.name === name);
        const after = expected.columns.find((c) => c.name === name);
        return !!before && !!after && !typeChanged(ctx, before.type, after.type) && (before.nullable === after.nullable || !before.nullable);
    };
    const same = (previous, next) => previous.referencedTable === next.referencedTable &&
        previous.columns.join() === next.columns.join() &&
        previous.referencedColumns.join() === next.referencedColumns.join() &&
        previous.onDelete === next.onDelete &&
        previous.onUpdate === next.onUpdate &&
        next.columns.every(columnOk);
    const ref = (table, fk) => ({ kind: 'foreign-key', schema: table.schema, table: table.name, name: fk.name });
    const paired = new Set();
    for (const fk of actual.foreignKeys) {
        const match = expected.foreignKeys.find((candidate) => !paired.has(candidate) && same(fk, candidate));
        if (!match)
            continue;
        paired.add(match);
        if (match.name === fk.name || (isImplicitManyToMany(actual) && isImplicitManyToMany(expected)))
            continue;
        ctx.changes.push({ kind: 'foreign-key-name', object: ref(expected, match), table: expected, expected: match, actual: fk });
    }
    const dropped = actual.foreignKeys.filter((fk) => !expected.foreignKeys.some((candidate) => same(fk, candidate)));
    const created = expected.foreignKeys.filter((fk) => !actual.foreignKeys.some((candidate) => same(candidate, fk)));
    const sides = { table: expected, actualTable: actual };
    pushByName(ctx, created, dropped, {
        changed: (fk, old) => ({ kind: 'foreign-key-definition', object: ref(expected, fk), ...sides, expected: fk, actual: old }),
        missing: (fk) => ({ kind: 'missing-foreign-key', object: ref(expected, fk), table: expected, foreignKey: fk }),
        extra: (fk) => ({ kind: 'extra-foreign-key', object: ref(actual, fk), ...sides, foreignKey: fk }),
    });
}
/**
 * Indexes or foreign keys found on one side only, in the order `prisma migrate diff` lists them: one of the
 * same name on both sides is that object with another definition; the others are missing or extra.
 */
function pushByName(ctx, created, dropped, change) {
    for (const next of created) {
        const previous = dropped.find((old) => old.name === next.name);
        ctx.changes.push(previous ? change.changed(next, previous) : change.missing(next));
    }
    for (const previous of dropped) {
        if (!created.some((next) => next.name === previous.name))
            ctx.changes.push(change.extra(previous));
    }
}
/**
 * The join table of an implicit many-to-many relation as Prisma's differ recognises it: exactly the columns
 * `A` and `B`, whatever the table is called.
 */
function isImplicitManyToMany(table) {
    return table.columns.length === 2 && table.columns.some((c) => c.name === 'A') && table.columns.some((c) => c.name === 'B');
}
function compareEnums(ctx, expected, actual) {
    const ref = (type, value) => ({ kind: 'enum-value', schema: type.schema, name: value, table: type.name });
    for (const value of expected.values.filter((v) => !actual.values.includes(v)))
        ctx.changes.push({ kind: 'missing-enum-value', object: ref(expected, value), enum: expected, value });
    for (const value of actual.values.filter((v) => !expected.values.includes(v)))
        ctx.changes.push({ kind: 'extra-enum-value', object: ref(actual, value), enum: expected, actualEnum: actual, value });
}

// EXTERNAL MODULE: ./src/common/setting-names.ts
var setting_names = __webpack_require__(1188);
;// CONCATENATED MODULE: ./src/compare/fix-sql.ts


/**
 * The DDL a new migration would need to make the database what schema.prisma says, written the way
 * `prisma migrate dev` writes it, so a reviewer can recognise it and compare it with what the generated
 * migration will contain. None for an enum value the migrations add: PostgreSQL cannot drop one.
 */
function fixSql(change) {
    switch (change.kind) {
        case 'missing-table':
            return createTable(change.table);
        case 'extra-table':
            return `DROP TABLE ${fix_sql_tableName(change.table)};`;
        case 'missing-column':
            return `ALTER TABLE ${fix_sql_tableName(change.table)} ADD COLUMN ${columnDefinition(change.column)};`;
        case 'extra-column':
            return `ALTER TABLE ${fix_sql_tableName(change.actualTable)} DROP COLUMN ${(0,quote/* quoteIdent */.v)(change.column.name)};`;
        case 'column-type':
            return `${alterColumn(change.table, change.expected)} SET DATA TYPE ${formatType(change.expected.type)};`;
        case 'column-nullability':
            return `${alterColumn(change.table, change.expected)} ${change.expected.nullable ? 'DROP' : 'SET'} NOT NULL;`;
        case 'column-default':
            return `${alterColumn(change.table, change.expected)} ${change.expected.default === null ? 'DROP DEFAULT' : `SET DEFAULT ${change.expected.default}`};`;
        case 'primary-key': {
            const { table, actualTable, expected, actual } = change;
            if (change.replaced) {
                return [actual ? dropConstraint(actualTable, actual.name) : null, expected ? addPrimaryKey(table, expected) : null]
                    .filter(Boolean)
                    .join('\n');
            }
            return `ALTER TABLE ${fix_sql_tableName(table)} RENAME CONSTRAINT ${(0,quote/* quoteIdent */.v)(actual.name)} TO ${(0,quote/* quoteIdent */.v)(expected.name)};`;
        }
        case 'index-name':
            return `ALTER INDEX ${(0,quote/* quoteIdent */.v)(change.actual.name)} RENAME TO ${(0,quote/* quoteIdent */.v)(change.expected.name)};`;
        case 'index-definition':
            return `${dropIndex(change.actualTable, change.actual)}\n${createIndex(change.table, change.expected)}`;
        case 'missing-index':
            return createIndex(change.table, change.index);
        case 'extra-index':
            return dropIndex(change.actualTable, change.index);
        case 'foreign-key-name':
            return `ALTER TABLE ${fix_sql_tableName(change.table)} RENAME CONSTRAINT ${(0,quote/* quoteIdent */.v)(change.actual.name)} TO ${(0,quote/* quoteIdent */.v)(change.expected.name)};`;
        case 'foreign-key-definition':
            return `${dropConstraint(change.actualTable, change.actual.name)}\n${addForeignKey(change.table, change.expected)}`;
        case 'missing-foreign-key':
            return addForeignKey(change.table, change.foreignKey);
        case 'extra-foreign-key':
            return dropConstraint(change.actualTable, change.foreignKey.name);
        case 'missing-enum':
            return createEnum(change.enum);
        case 'extra-enum':
            return `DROP TYPE ${fix_sql_tableName(change.enum)};`;
        case 'missing-enum-value':
            return addEnumValue(change.enum, change.value);
        case 'extra-enum-value':
            return undefined;
        case 'missing-extension':
            return `CREATE EXTENSION IF NOT EXISTS ${(0,quote/* quoteIdent */.v)(change.extension.name)};`;
    }
}
function alterColumn(table, column) {
    return `ALTER TABLE ${fix_sql_tableName(table)} ALTER COLUMN ${(0,quote/* quoteIdent */.v)(column.name)}`;
}
function fix_sql_tableName(table) {
    return table.schema === 'public' ? (0,quote/* quoteIdent */.v)(table.name) : `${(0,quote/* quoteIdent */.v)(table.schema)}.${(0,quote/* quoteIdent */.v)(table.name)}`;
}
function columnDefinition(column) {
    const parts = [(0,quote/* quoteIdent */.v)(column.name), formatType(column.type)];
    if (!column.nullable)
        parts.push('NOT NULL');
    if (column.default !== null)
        parts.push(`DEFAULT ${column.default}`);
    return parts.join(' ');
}
function createTable(table) {
    const lines = table.columns.map((column) => `    ${columnDefinition(column)}`);
    if (table.primaryKey)
        lines.push(`\n    ${primaryKeyConstraint(table.primaryKey)}`);
    const indexes = table.indexes.map((index) => `\n${createIndex(table, index)}`).join('');
    return `CREATE TABLE ${fix_sql_tableName(table)} (\n${lines.join(',\n')}\n);${indexes}`;
}
function primaryKeyConstraint(pk) {
    return `CONSTRAINT ${(0,quote/* quoteIdent */.v)(pk.name)} PRIMARY KEY (${pk.columns.map(quote/* quoteIdent */.v).join(', ')})`;
}
function addPrimaryKey(table, pk) {
    return `ALTER TABLE ${fix_sql_tableName(table)} ADD ${primaryKeyConstraint(pk)};`;
}
function dropConstraint(table, name) {
    return `ALTER TABLE ${fix_sql_tableName(table)} DROP CONSTRAINT ${(0,quote/* quoteIdent */.v)(name)};`;
}
function createIndex(table, index) {
    const columns = index.columns
        .map((column) => [column.name === null ? `(${column.expression})` : (0,quote/* quoteIdent */.v)(column.name), column.opclass, column.sort === 'DESC' ? 'DESC' : null]
        .filter(Boolean)
        .join(' '))
        .join(', ');
    const using = index.method === 'btree' ? '' : ` USING ${index.method.toUpperCase()}`;
    const where = index.predicate === null ? '' : ` WHERE (${index.predicate})`;
    return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${(0,quote/* quoteIdent */.v)(index.name)} ON ${fix_sql_tableName(table)}${using}(${columns})${where};`;
}
function dropIndex(table, index) {
    if (index.constraint)
        return dropConstraint(table, index.name);
    return `DROP INDEX ${table.schema === 'public' ? '' : `${(0,quote/* quoteIdent */.v)(table.schema)}.`}${(0,quote/* quoteIdent */.v)(index.name)};`;
}
function addForeignKey(table, fk) {
    const referenced = fix_sql_tableName({ schema: fk.referencedSchema, name: fk.referencedTable });
    return (`ALTER TABLE ${fix_sql_tableName(table)} ADD CONSTRAINT ${(0,quote/* quoteIdent */.v)(fk.name)} FOREIGN KEY (${fk.columns.map(quote/* quoteIdent */.v).join(', ')}) ` +
        `REFERENCES ${referenced}(${fk.referencedColumns.map(quote/* quoteIdent */.v).join(', ')}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate};`);
}
function createEnum(enumType) {
    const values = enumType.values.map((value) => `'${value.replaceAll("'", "''")}'`).join(', ');
    return `CREATE TYPE ${fix_sql_tableName(enumType)} AS ENUM (${values});`;
}
function addEnumValue(enumType, value) {
    return `ALTER TYPE ${fix_sql_tableName(enumType)} ADD VALUE '${value.replaceAll("'", "''")}';`;
}

;// CONCATENATED MODULE: ./src/compare/drift-findings.ts



/**
 * The drift findings of a diff: what schema.prisma and the migrations disagree on, in schema.prisma's
 * terms (models and fields), with the SQL a new migration needs. What only the migrations have points at
 * the migration that made it (`locate`); the rest at schema.prisma.
 */
function driftFindings(changes, locate = () => undefined) {
    return changes.map((change) => {
        const sql = fixSql(change);
        if (change.kind === 'missing-extension') {
            const name = change.extension.name;
            return {
                rule: 'drift/missing-extension',
                group: 'drift',
                severity: 'error',
                message: `schema.prisma enables the PostgreSQL extension \`${name}\`, the migrations never create it.`,
                object: change.object,
                sql,
            };
        }
        const finding = wordingOf(change, sql);
        const found = locatedByMigration(change) ? locate(change.object) : undefined;
        return {
            group: 'drift',
            severity: 'error',
            ...finding,
            ...(found && !finding.location ? { location: found.location, migration: found.migration } : {}),
        };
    });
}
/** Objects only the migrations have, and primary keys (which a join table's schema side has no line for). */
function locatedByMigration(change) {
    return change.kind.startsWith('extra-') || change.kind === 'primary-key';
}
function wordingOf(change, sql) {
    const rule = `drift/${change.kind}`;
    const object = change.object;
    switch (change.kind) {
        case 'missing-table': {
            const { table } = change;
            return {
                rule,
                message: `${modelLabel(table)}: schema.prisma has it, the migrations never create table \`${table.name}\`.`,
                location: table.source,
                model: table.model,
                object,
                sql,
            };
        }
        case 'extra-table':
            return {
                rule,
                message: `Table \`${change.table.name}\`: the migrations create it, schema.prisma has no model for it.`,
                object,
                sql,
                hint: 'Add the model to schema.prisma (`npx prisma db pull` can write it), or a migration that drops the table.',
            };
        case 'missing-column': {
            const { table, column } = change;
            return {
                rule,
                message: `${fieldLabel(table, column)}: schema.prisma has it, the migrations never create column \`${table.name}.${column.name}\`.`,
                location: column.source,
                model: table.model,
                object,
                sql,
            };
        }
        case 'extra-column':
            return {
                rule,
                message: `${modelLabel(change.table)}: the migrations create column \`${change.actualTable.name}.${change.column.name}\`, schema.prisma has no field for it.`,
                model: change.table.model,
                object,
                sql,
            };
        case 'column-type':
        case 'column-nullability':
        case 'column-default': {
            const { table, expected, actual } = change;
            const field = fieldLabel(table, expected);
            const message = {
                'column-type': () => `${field}: schema.prisma says ${formatType(expected.type)}, the migrations create ${formatType(actual.type)}.`,
                'column-nullability': () => expected.nullable
                    ? `${field}: optional in schema.prisma, NOT NULL in the migrations.`
                    : `${field}: required in schema.prisma, nullable in the migrations.`,
                'column-default': () => `${field}: schema.prisma's default is ${describeDefault(expected)}, the migrations' is ${describeDefault(actual)}.`,
            }[change.kind]();
            return { location: expected.source, model: table.model, object, rule, message, sql };
        }
        case 'primary-key': {
            const { table, expected, actual } = change;
            const describe = (pk) => (pk ? `\`${pk.name}\` on (${pk.columns.join(', ')})` : 'none');
            return {
                rule,
                message: `${modelLabel(table)}: schema.prisma's primary key is ${describe(expected)}, the migrations' is ${describe(actual)}.`,
                location: expected?.source ?? table.source,
                model: table.model,
                object,
                sql,
                ...(isJoinTable(table) ? { hint: manyToManyUpgrade() } : {}),
            };
        }
        case 'index-name':
        case 'foreign-key-name': {
            const { table, expected, actual } = change;
            const what = change.kind === 'index-name'
                ? `the index on (${columnList(change.expected)})`
                : `the foreign key ${describeForeignKey(change.expected)}`;
            return {
                ...onTable(table, expected.source, object),
                rule,
                message: `${modelLabel(table)}: schema.prisma names ${what} \`${expected.name}\`, the migrations name it \`${actual.name}\`.`,
                sql,
            };
        }
        case 'index-definition': {
            const { table, expected, actual } = change;
            return {
                ...onTable(table, expected.source, object),
                rule,
                message: `${modelLabel(table)}: index \`${expected.name}\` is ${describeIndex(expected)} in schema.prisma, ${describeIndex(actual)} in the migrations.`,
                sql,
                ...(recreatedOnEveryDiff(expected, actual) ? { hint: recreatedOnEveryDiff(expected, actual) } : {}),
            };
        }
        case 'missing-index': {
            const { table, index } = change;
            return {
                ...onTable(table, index.source, object),
                rule,
                message: `${modelLabel(table)}: schema.prisma declares ${describeIndex(index)} \`${index.name}\`, the migrations never create it.`,
                sql,
            };
        }
        case 'extra-index': {
            const { table, index } = change;
            return {
                rule,
                message: `${modelLabel(table)}: the migrations create ${describeIndex(index)} \`${index.name}\`, schema.prisma does not declare it.`,
                model: table.model,
                object,
                sql,
                hint: isJoinTable(table)
                    ? manyToManyUpgrade()
                    : `Declare it in schema.prisma (\`@@${index.unique ? 'unique' : 'index'}([${columnList(index)}], map: "${index.name}")\`) or drop it in a migration.`,
            };
        }
        case 'foreign-key-definition': {
            const { table, expected, actual } = change;
            return {
                ...onTable(table, expected.source, object),
                rule,
                message: `${modelLabel(table)}: foreign key \`${expected.name}\` is ${describeForeignKey(expected)} in schema.prisma, ${describeForeignKey(actual)} in the migrations.`,
                sql,
            };
        }
        case 'missing-foreign-key': {
            const { table, foreignKey } = change;
            return {
                ...onTable(table, foreignKey.source, object),
                rule,
                message: `${modelLabel(table)}: schema.prisma's relation needs the foreign key ${describeForeignKey(foreignKey)} \`${foreignKey.name}\`, the migrations never create it.`,
                sql,
            };
        }
        case 'extra-foreign-key': {
            const { table, foreignKey } = change;
            return {
                rule,
                message: `${modelLabel(table)}: the migrations create the foreign key \`${foreignKey.name}\` ${describeForeignKey(foreignKey)}, schema.prisma has no relation for it.`,
                model: table.model,
                object,
                sql,
            };
        }
        case 'missing-enum':
            return {
                rule,
                message: `enum \`${change.enum.name}\`: schema.prisma has it, the migrations never create the type.`,
                location: change.enum.source,
                object,
                sql,
            };
        case 'extra-enum':
            return {
                rule,
                message: `Enum type \`${change.enum.name}\`: the migrations create it, schema.prisma has no enum for it.`,
                object,
                sql,
            };
        case 'missing-enum-value':
            return {
                rule,
                message: `enum \`${change.enum.name}\`: schema.prisma has the value \`${change.value}\`, the migrations never add it.`,
                location: change.enum.valueSources?.[change.value] ?? change.enum.source,
                object,
                sql,
            };
        case 'extra-enum-value':
            return {
                rule,
                message: `enum \`${change.enum.name}\`: the migrations add the value \`${change.value}\`, schema.prisma does not have it.`,
                location: change.enum.source,
                object,
                hint: 'Add the value to the enum in schema.prisma, or write a migration that recreates the type without it.',
            };
    }
}
/**
 * Indexes Prisma's engine drops and creates again on every `migrate diff`, whatever the migrations did: the
 * schema cannot say what its differ reads from the database. Null for an index it leaves alone.
 */
function recreatedOnEveryDiff(index, replaced) {
    const accept = 'If the index is meant to be so, accept this finding in the baseline (`prisma-drift baseline`).';
    if (replaced.include?.length)
        return `schema.prisma cannot declare INCLUDE columns, and Prisma's engine reads them as columns of the index, so \`prisma migrate diff\` drops \`${replaced.name}\` and creates it again without them every time. ${accept}`;
    if (index.method === 'btree' && index.columns.some((c) => c.opclass))
        return `Prisma's engine does not read the operator class of a B-tree index back from the database, so an index whose \`ops:\` names one is dropped and created again by every \`prisma migrate diff\`. ${accept}`;
    return null;
}
/** Where a finding on one of a table's indexes or foreign keys points: its line, else the model's. */
function onTable(table, source, object) {
    return { location: source ?? table.source, model: table.model, object };
}
function modelLabel(table) {
    return table.model ? `model \`${table.model}\`` : `table \`${table.name}\``;
}
function fieldLabel(table, column) {
    return `${modelLabel(table)}, field \`${column.field ?? column.name}\``;
}
function describeDefault(column) {
    if (column.identity)
        return `an identity (GENERATED ${column.identity.toUpperCase()})`;
    if (column.anyDefault)
        return 'dbgenerated() (any but a sequence)';
    return column.default ?? 'none';
}
/** An implicit many-to-many table: Prisma creates it for a relation, so no model declares it. */
function isJoinTable(table) {
    return table.model === undefined && table.name.startsWith('_');
}
/** Join tables are the one place a Prisma upgrade changes the database by itself: say which step it was. */
const manyToManyUpgrade = () => 'Prisma 6.0 replaced the unique index of implicit many-to-many tables (`_AB_unique`) with a primary key (`_AB_pkey`). ' +
    'If the project is on Prisma 6 or later, run `npx prisma migrate dev` once to generate that upgrade migration; ' +
    `if it is still on Prisma 5, set ${(0,setting_names/* settingName */.Q)('prisma-version')} to its version.`;
function columnList(index) {
    return index.columns.map((c) => c.name ?? c.expression).join(', ');
}
function describeIndex(index) {
    const details = [
        index.method === 'btree' ? null : index.method.toUpperCase(),
        ...index.columns
            .filter((c) => c.sort === 'DESC' || c.opclass)
            .map((c) => `${c.name} ${[c.opclass, c.sort === 'DESC' ? 'DESC' : null].filter(Boolean).join(' ')}`),
    ].filter(Boolean);
    const where = index.predicate === null ? '' : ` WHERE ${index.predicate}`;
    const include = index.include?.length ? ` INCLUDE (${index.include.join(', ')})` : '';
    return `${index.unique ? 'a unique index' : 'an index'} on (${columnList(index)})${include}${details.length ? ` [${details.join(', ')}]` : ''}${where}`;
}
function describeForeignKey(fk) {
    return `(${fk.columns.join(', ')}) → ${fk.referencedTable}(${fk.referencedColumns.join(', ')}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`;
}

;// CONCATENATED MODULE: ./src/common/findings.ts

function groupOf(rule) {
    return ruleInfo(rule).group;
}
/** A finding counts against the check when its group is in `fail-on` and nothing accepted it. */
function isFailing(finding, failOn) {
    return failOn.has(finding.group) && !finding.waived && !finding.baselined;
}

// EXTERNAL MODULE: ./src/locate/project.ts
var locate_project = __webpack_require__(5739);
;// CONCATENATED MODULE: ./src/compare/origins.ts



/**
 * Points a finding about an object only the migrations have (an extra index, column, table) at the
 * migration that last mentions it: that is where a reviewer has to look, and where the annotation goes.
 * Files are read only when such a finding exists, newest first.
 */
function migrationLocator(migrations, relativePath) {
    const cache = new Map();
    const text = (entry) => {
        let sql = cache.get(entry.name);
        if (sql === undefined) {
            sql = readMigrationSql(entry) ?? '';
            cache.set(entry.name, sql);
        }
        return sql;
    };
    return (object) => {
        const needles = identifiers(object);
        for (const entry of [...migrations].reverse()) {
            const sql = text(entry);
            for (const needle of needles) {
                const at = sql.indexOf(needle);
                if (at < 0 || !entry.sqlPath)
                    continue;
                return { migration: entry.name, location: { file: relativePath(entry.sqlPath), ...(0,text_position/* lineColumnAt */.I)(sql, at) } };
            }
        }
        return undefined;
    };
}
/** How Prisma's generated SQL (and most hand-written SQL) spells the object, most specific first. */
function identifiers(object) {
    const quoted = (0,quote/* quoteIdent */.v)(object.name);
    if (object.kind === 'enum-value')
        return [`'${object.name.replaceAll("'", "''")}'`];
    return object.name.length > 3 ? [quoted, object.name] : [quoted];
}

// EXTERNAL MODULE: ./src/locate/prisma-version.ts
var prisma_version = __webpack_require__(1749);
;// CONCATENATED MODULE: ./src/prisma/conventions.ts

const conventions_RULES = {
    implicitManyToManyKey: {
        changedIn: '6.0.0',
        before: 'unique-index',
        after: 'primary-key',
        why: 'Prisma 6 gives the join table of an implicit many-to-many relation a primary key `_AB_pkey` on (A, B) instead of a unique index `_AB_unique`, and generates a migration that swaps them.',
    },
    migrationOrder: {
        changedIn: '6.6.0',
        before: 'bytes',
        after: 'locale',
        why: 'From 6.6 the CLI lists migration folders itself and sorts them with `localeCompare`; before, the schema engine sorted the names byte by byte.',
    },
};
/** The conventions of a Prisma version (`6.19.3`); the latest when the version is unknown. */
function conventionsFor(version) {
    const pick = (rule) => ({
        ...rule,
        value: version === null || (0,prisma_version/* compareVersions */.Zy)(version, rule.changedIn) >= 0 ? rule.after : rule.before,
    });
    return {
        prismaVersion: version,
        assumedLatest: version === null,
        implicitManyToManyKey: pick(conventions_RULES.implicitManyToManyKey),
        migrationOrder: pick(conventions_RULES.migrationOrder),
    };
}

;// CONCATENATED MODULE: ./src/prisma/ast.ts
function findAttribute(attributes, name) {
    return attributes.find((attribute) => attribute.name === name);
}
/** The argument called `name`, or else the first positional one when `positional` says it may stand for it. */
function ast_argument(attribute, name, positional = false) {
    return attribute.args.find((arg) => arg.name === name) ?? (positional ? attribute.args.find((arg) => arg.name === null) : undefined);
}

// EXTERNAL MODULE: ./src/prisma/errors.ts
var errors = __webpack_require__(9321);
;// CONCATENATED MODULE: ./src/prisma/datasource.ts

function previewFeatures(schema) {
    return new Set(schema.generators
        .flatMap((generator) => generator.properties.filter((property) => property.name === 'previewFeatures'))
        .flatMap((property) => (property.value.kind === 'array' ? property.value.items : []))
        .flatMap((item) => (item.kind === 'string' ? [item.value] : [])));
}
function readDatasource(block, defaultSchema) {
    const datasource = { name: block?.name ?? 'db', defaultSchema, schemas: [], foreignKeys: true, extensions: [] };
    if (!block)
        return datasource;
    for (const property of block.properties) {
        const { value } = property;
        switch (property.name) {
            case 'provider':
                if (value.kind === 'string' && value.value !== 'postgresql' && value.value !== 'postgres')
                    throw new errors/* SchemaError */.A(value.loc, `provider "${value.value}" is not PostgreSQL: this check replays migrations on PostgreSQL only`);
                break;
            case 'relationMode':
            case 'referentialIntegrity':
                datasource.foreignKeys = !(value.kind === 'string' && value.value === 'prisma');
                break;
            case 'schemas':
                datasource.schemas = stringList(value, 'schemas');
                break;
            case 'extensions':
                datasource.extensions = extensionList(value, defaultSchema);
                break;
        }
    }
    return datasource;
}
function extensionList(value, defaultSchema) {
    if (value.kind !== 'array')
        throw new errors/* SchemaError */.A(value.loc, 'extensions is a list, as in extensions = [citext, pg_trgm]');
    return value.items.map((item) => {
        if (item.kind === 'constant')
            return { name: item.value, schema: defaultSchema, version: '' };
        if (item.kind === 'function') {
            const named = (name) => {
                const arg = item.args.find((a) => a.name === name);
                if (arg && arg.value.kind !== 'string')
                    throw new errors/* SchemaError */.A(arg.loc, `${name}: takes a "string"`);
                return arg?.value.kind === 'string' ? arg.value.value : undefined;
            };
            return { name: named('map') ?? item.name, schema: named('schema') ?? defaultSchema, version: named('version') ?? '' };
        }
        throw new errors/* SchemaError */.A(item.loc, 'an extension is a name, optionally with (map: "...", schema: "...", version: "...")');
    });
}
function stringList(value, what) {
    if (value.kind !== 'array' || value.items.some((item) => item.kind !== 'string'))
        throw new errors/* SchemaError */.A(value.loc, `${what} is a list of strings, as in ${what} = ["public", "auth"]`);
    return value.items.map((item) => item.value);
}

;// CONCATENATED MODULE: ./src/prisma/names.ts
/**
 * Names Prisma gives to what the schema does not name, and the names PostgreSQL actually stores.
 * PostgreSQL keeps at most 63 bytes of an identifier; Prisma shortens generated constraint names itself so
 * that their suffix survives.
 */
const MAX_IDENTIFIER_BYTES = 63;
/** The name as PostgreSQL stores it: cut to 63 bytes, never inside a UTF-8 character. */
function truncateIdentifier(name) {
    return clipBytes(name, MAX_IDENTIFIER_BYTES);
}
function primaryKeyName(table) {
    return withSuffix(table, '_pkey');
}
function uniqueIndexName(table, columns) {
    return withSuffix(`${table}_${columns.join('_')}`, '_key');
}
function indexName(table, columns) {
    return withSuffix(`${table}_${columns.join('_')}`, '_idx');
}
function foreignKeyName(table, columns) {
    return withSuffix(`${table}_${columns.join('_')}`, '_fkey');
}
/** Table of an implicit many-to-many relation: `_` + relation name, cut to 63 characters. */
function joinTableName(relationName) {
    return [...`_${relationName}`].slice(0, MAX_IDENTIFIER_BYTES).join('');
}
/**
 * Constraint names of a join table. Prisma builds these from the table name with its own cuts, which are not
 * those of `withSuffix`: the foreign keys cut the name at 56 bytes (column A only when longer, column B already
 * at 56), the others count characters.
 */
function joinTableNames(table) {
    const room = MAX_IDENTIFIER_BYTES - '_fkey'.length - 2;
    const head = clipBytes(table, room);
    const chars = (suffix) => [...table].slice(0, MAX_IDENTIFIER_BYTES - suffix.length).join('') + suffix;
    return {
        aForeignKey: `${Buffer.byteLength(table) > room ? head : table}_A_fkey`,
        bForeignKey: `${Buffer.byteLength(table) >= room ? head : table}_B_fkey`,
        abPrimaryKey: chars('_AB_pkey'),
        abUnique: chars('_AB_unique'),
        bIndex: chars('_B_index'),
    };
}
/** The sequence PostgreSQL creates for a serial column (`<table>_<column>_seq`), shortened the way PostgreSQL does. */
function serialSequenceName(table, column) {
    const available = MAX_IDENTIFIER_BYTES - 'seq'.length - 2;
    let tableBytes = Buffer.byteLength(table);
    let columnBytes = Buffer.byteLength(column);
    // PostgreSQL takes bytes off the longer of the two names until both fit.
    while (tableBytes + columnBytes > available) {
        if (tableBytes > columnBytes)
            tableBytes--;
        else
            columnBytes--;
    }
    return `${clipBytes(table, tableBytes)}_${clipBytes(column, columnBytes)}_seq`;
}
function withSuffix(base, suffix) {
    return clipBytes(base, MAX_IDENTIFIER_BYTES - suffix.length) + suffix;
}
function clipBytes(text, maxBytes) {
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length <= maxBytes)
        return text;
    let end = maxBytes;
    // Step back over UTF-8 continuation bytes so no character is cut in half.
    while (end > 0 && (bytes[end] & 0xc0) === 0x80)
        end--;
    return bytes.subarray(0, end).toString('utf8');
}

;// CONCATENATED MODULE: ./src/prisma/context.ts




/**
 * What every part of the expected schema reads: the schema's blocks by name, its datasource, the Prisma
 * version's conventions, the tables made so far, and Prisma's naming rules (`@map`, `@@schema`, `map:`).
 */
class SchemaContext {
    schema;
    datasource;
    conventions;
    models = new Map();
    views = new Map();
    enums = new Map();
    composites = new Set();
    /** The table of each model, once made: join tables take their key columns from them. */
    tables = new Map();
    previewFeatures;
    constructor(schema, datasource, conventions) {
        this.schema = schema;
        this.datasource = datasource;
        this.conventions = conventions;
        for (const model of schema.models)
            this.models.set(model.name, model);
        for (const view of schema.views)
            this.views.set(view.name, view);
        for (const block of schema.enums)
            this.enums.set(block.name, block);
        for (const type of schema.types)
            this.composites.add(type.name);
        this.previewFeatures = previewFeatures(schema);
    }
    isRelationField(field) {
        return this.models.has(field.type.name) || this.views.has(field.type.name);
    }
    tableDbName(model) {
        return mappedName(model.attributes) ?? model.name;
    }
    enumDbName(block) {
        return truncateIdentifier(mappedName(block.attributes) ?? block.name);
    }
    columnDbName(field) {
        return mappedName(field.attributes) ?? field.name;
    }
    schemaOf(attributes) {
        const attribute = findAttribute(attributes, 'schema');
        if (!attribute)
            return this.datasource.defaultSchema;
        const value = ast_argument(attribute, 'name', true)?.value;
        if (value?.kind !== 'string')
            throw new errors/* SchemaError */.A(attribute.loc, '@@schema takes the schema name as a "string"');
        if (!this.datasource.schemas.includes(value.value))
            throw new errors/* SchemaError */.A(value.loc, `schema "${value.value}" is not in the datasource's schemas list: add it there`);
        return value.value;
    }
    /**
     * `map:` of a constraint attribute, or Prisma's generated name. `@@index` has no client-side name, so
     * there its older `name:` argument still names the index in the database.
     */
    constraintName(attribute, generated, nameIsDatabaseName = false) {
        const map = (ast_argument(attribute, 'map') ?? (nameIsDatabaseName ? ast_argument(attribute, 'name') : undefined))?.value;
        if (!map)
            return generated();
        if (map.kind !== 'string')
            throw new errors/* SchemaError */.A(map.loc, 'map: takes the database name as a "string"');
        if (Buffer.byteLength(map.value) > 63)
            throw new errors/* SchemaError */.A(map.loc, `the name "${map.value}" is longer than PostgreSQL's 63 bytes: shorten it`);
        return map.value;
    }
    fieldList(model, value, what) {
        return listItems(value).map((item) => {
            const field = item.kind === 'constant' ? model.fields.find((f) => f.name === item.value) : undefined;
            if (!field || this.isRelationField(field))
                throw new errors/* SchemaError */.A(item.loc, `${what}: lists "${item.kind === 'constant' ? item.value : '?'}", which is not a scalar field of model ${model.name}`);
            return field;
        });
    }
}
function mappedName(attributes) {
    const attribute = findAttribute(attributes, 'map');
    if (!attribute)
        return undefined;
    const value = ast_argument(attribute, 'name', true)?.value;
    if (value?.kind !== 'string')
        throw new errors/* SchemaError */.A(attribute.loc, '@map takes the database name as a "string", as in @map("user_id")');
    return value.value;
}
/** Prisma reads a single value where a list is expected as a list of one. */
function listItems(value) {
    return value.kind === 'array' ? value.items : [value];
}

;// CONCATENATED MODULE: ./src/prisma/default-values.ts

/** Functions Prisma Client computes: the column gets no database default. */
const CLIENT_SIDE_FUNCTIONS = new Set(['uuid', 'cuid', 'nanoid', 'ulid', 'auto']);
/** The one scalar type a default function fits (autoincrement() is checked against its sequence). */
const FUNCTION_SCALARS = { now: 'DateTime', uuid: 'String', cuid: 'String', nanoid: 'String', ulid: 'String' };
/**
 * The default `pg_get_expr` prints for the column Prisma creates from `@default(value)`, or null when the
 * database has none. Only `public` is assumed to be on the search path, so types and sequences elsewhere
 * are printed schema-qualified, as PostgreSQL does.
 */
function columnDefault(value, context) {
    if (value.kind === 'function') {
        if (value.name === 'dbgenerated') {
            const text = value.args[0]?.value;
            if (!text)
                return null;
            if (text.kind !== 'string')
                throw new errors/* SchemaError */.A(value.loc, 'dbgenerated() takes the SQL expression as a string');
            return text.value;
        }
        const onlyFor = FUNCTION_SCALARS[value.name];
        if (onlyFor && context.scalar !== onlyFor)
            throw new errors/* SchemaError */.A(value.loc, `@default(${value.name}()) works on ${onlyFor} fields only, not on ${context.scalar}`);
        if (value.name === 'now')
            return 'CURRENT_TIMESTAMP';
        if (value.name === 'autoincrement') {
            if (!context.sequence)
                throw new errors/* SchemaError */.A(value.loc, 'autoincrement() works on Int and BigInt fields only');
            return `nextval(${quoteLiteral(qualifiedName(context.sequence.schema, context.sequence.name))}::regclass)`;
        }
        if (CLIENT_SIDE_FUNCTIONS.has(value.name))
            return null;
        throw new errors/* SchemaError */.A(value.loc, `@default(${value.name}()) is not a function Prisma knows for PostgreSQL: use now(), autoincrement(), uuid(), cuid(), nanoid(), ulid() or dbgenerated("...")`);
    }
    if (context.type.array) {
        if (value.kind !== 'array')
            throw new errors/* SchemaError */.A(value.loc, 'a list field takes a list default, as in @default([])');
        if (value.items.length === 0) {
            // PostgreSQL types the empty array without the modifier first, then coerces it to the column's length.
            const bare = `ARRAY[]::${formatCatalogType({ ...context.type, args: [] })}[]`;
            return context.type.args.length ? `(${bare})::${formatCatalogType(context.type)}[]` : bare;
        }
        return `ARRAY[${value.items.map((item) => arrayElement(item, context)).join(', ')}]`;
    }
    if (value.kind === 'array')
        throw new errors/* SchemaError */.A(value.loc, 'only list fields take a list as default');
    return scalarDefault(value, context);
}
function scalarDefault(value, context) {
    const { type } = context;
    switch (context.scalar) {
        case 'Enum': {
            const dbValue = enumValue(value, context);
            return `${quoteLiteral(dbValue)}::${formatCatalogType(type)}`;
        }
        case 'Int':
        case 'BigInt':
        case 'Float':
        case 'Decimal':
            return numberConstant(numberText(value, context.scalar));
        case 'Boolean':
            if (value.kind !== 'constant' || (value.value !== 'true' && value.value !== 'false'))
                throw new errors/* SchemaError */.A(value.loc, 'a Boolean default is true or false');
            return value.value;
        default:
            return `${quoteLiteral(literalText(value, context))}::${formatCatalogType({ ...type, args: [] })}`;
    }
}
/**
 * Array elements are coerced explicitly by the `::type[]` Prisma appends, so each shows its own cast unless
 * the constant already has the element type.
 */
function arrayElement(value, context) {
    const elementType = formatCatalogType(context.type);
    switch (context.scalar) {
        case 'Enum':
            return `${quoteLiteral(enumValue(value, context))}::${elementType}`;
        case 'Boolean':
            return scalarDefault(value, context);
        case 'Int':
        case 'BigInt':
        case 'Float':
        case 'Decimal': {
            const text = numberText(value, context.scalar);
            const constant = numberConstant(text);
            const constantType = numberConstantType(text);
            if (constantType !== context.type.name)
                return `(${constant})::${elementType}`;
            if (context.type.args.length === 0)
                return constant;
            // A length coercion over a bare constant is printed without parentheses.
            return `${text.startsWith('-') ? quoteLiteral(text) : text}::${elementType}`;
        }
        default:
            return `${quoteLiteral(literalText(value, context))}::${elementType}`;
    }
}
function enumValue(value, context) {
    if (value.kind !== 'constant')
        throw new errors/* SchemaError */.A(value.loc, 'an enum default is one of its values, written without quotes');
    const dbValue = context.enumValues?.get(value.value);
    if (dbValue === undefined)
        throw new errors/* SchemaError */.A(value.loc, `"${value.value}" is not a value of the field's enum`);
    return dbValue;
}
function numberText(value, scalar) {
    if (value.kind !== 'number' && !(value.kind === 'string' && scalar === 'Decimal'))
        throw new errors/* SchemaError */.A(value.loc, `a ${scalar} default is a number`);
    if ((scalar === 'Int' || scalar === 'BigInt') && !/^-?[0-9]+$/.test(value.value))
        throw new errors/* SchemaError */.A(value.loc, `a ${scalar} default is a whole number`);
    return value.value;
}
const INT4_MAX = 2n ** 31n - 1n;
const INT8_MAX = 2n ** 63n - 1n;
/** The type PostgreSQL gives a numeric literal: int4 when it fits, then int8, else numeric. */
function numberConstantType(text) {
    if (!/^-?[0-9]+$/.test(text))
        return 'numeric';
    const n = BigInt(text);
    if (n >= -INT4_MAX - 1n && n <= INT4_MAX)
        return 'int4';
    if (n >= -INT8_MAX - 1n && n <= INT8_MAX)
        return 'int8';
    return 'numeric';
}
/** A number constant as PostgreSQL prints it: plain when it is a non-negative int4 or decimal, else quoted with its type. */
function numberConstant(text) {
    const type = numberConstantType(text);
    const plain = !text.startsWith('-') && (type === 'int4' || type === 'numeric');
    if (plain)
        return text;
    return `${quoteLiteral(text)}::${CAST_NAMES[type]}`;
}
function normalizeNumeric(text) {
    if (!/[eE]/.test(text))
        return text;
    const [mantissa = '', exponent = '0'] = text.split(/[eE]/);
    const negative = mantissa.startsWith('-');
    const [whole = '', fraction = ''] = mantissa.replace('-', '').split('.');
    const digits = whole + fraction;
    const point = whole.length + Number(exponent);
    const padded = point > digits.length ? digits.padEnd(point, '0') : point < 0 ? '0'.repeat(-point) + digits : digits;
    const at = Math.max(point, 0);
    const intPart = padded.slice(0, at).replace(/^0+(?=\d)/, '') || '0';
    const fracPart = padded.slice(at);
    return `${negative ? '-' : ''}${intPart}${fracPart ? `.${fracPart}` : ''}`;
}
/** The text of a quoted literal as PostgreSQL will print it back for the column's type. */
function literalText(value, context) {
    if (value.kind !== 'string')
        throw new errors/* SchemaError */.A(value.loc, `a ${context.scalar} default is written as a "string"`);
    switch (context.scalar) {
        case 'DateTime':
            return dateTimeText(value.value, context.type.name, value.loc);
        case 'Json':
            return context.type.name === 'jsonb' ? normalizeJsonb(value.value, value.loc) : value.value;
        case 'Bytes':
            return `\\x${Buffer.from(value.value, 'base64').toString('hex')}`;
        default:
            return value.value;
    }
}
/**
 * PostgreSQL reads an ISO date-time into the column type: `timestamp` and `date` keep the written local time
 * and drop the offset, `timestamptz` is printed in UTC, so the catalog must be read with TimeZone UTC.
 */
function dateTimeText(text, typeName, loc) {
    const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
    if (!match)
        throw new errors/* SchemaError */.A(loc, `"${text}" is not an ISO 8601 date-time; write it as "2024-01-31T12:00:00Z"`);
    const [, date, time, fraction = '', offset] = match;
    const trimmedFraction = fraction.replace(/0+$/, '').replace(/^\.$/, '');
    switch (typeName) {
        case 'date':
            return date;
        case 'time':
            return `${time}${trimmedFraction}`;
        case 'timestamptz': {
            const utc = new Date(`${date}T${time}${offset && offset !== 'Z' ? offset : 'Z'}`).toISOString();
            return `${utc.slice(0, 10)} ${utc.slice(11, 19)}${trimmedFraction}+00`;
        }
        case 'timetz':
            return `${time}${trimmedFraction}${offset && offset !== 'Z' ? offset.replace(/:00$/, '') : '+00'}`;
        default:
            return `${date} ${time}${trimmedFraction}`;
    }
}
/** jsonb prints its own canonical form: `", "` and `": "` separators, keys ordered by length then bytes, last duplicate wins. */
function normalizeJsonb(text, loc) {
    let i = 0;
    const fail = () => {
        throw new errors/* SchemaError */.A(loc, 'the Json default is not valid JSON');
    };
    const ws = () => {
        while (/\s/.test(text[i] ?? ''))
            i++;
    };
    const string = () => {
        // eslint-disable-next-line no-control-regex -- JSON strings may not hold control characters unescaped
        const match = /^"(?:[^"\\\u0000-\u001f]|\\.)*"/.exec(text.slice(i));
        if (!match)
            fail();
        i += match[0].length;
        return JSON.parse(match[0]);
    };
    const value = () => {
        ws();
        const ch = text[i];
        let out;
        if (ch === '{') {
            i++;
            const entries = new Map();
            ws();
            if (text[i] === '}')
                i++;
            else
                for (;;) {
                    ws();
                    const key = string();
                    ws();
                    if (text[i++] !== ':')
                        fail();
                    entries.set(key, value());
                    ws();
                    const sep = text[i++];
                    if (sep === '}')
                        break;
                    if (sep !== ',')
                        fail();
                }
            const keys = [...entries.keys()].sort((a, b) => Buffer.byteLength(a) - Buffer.byteLength(b) || Buffer.compare(Buffer.from(a), Buffer.from(b)));
            out = `{${keys.map((key) => `${jsonString(key)}: ${entries.get(key)}`).join(', ')}}`;
        }
        else if (ch === '[') {
            i++;
            const items = [];
            ws();
            if (text[i] === ']')
                i++;
            else
                for (;;) {
                    items.push(value());
                    ws();
                    const sep = text[i++];
                    if (sep === ']')
                        break;
                    if (sep !== ',')
                        fail();
                }
            out = `[${items.join(', ')}]`;
        }
        else if (ch === '"') {
            out = jsonString(string());
        }
        else {
            const match = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i));
            if (!match)
                fail();
            i += match[0].length;
            out = /^[-0-9]/.test(match[0]) ? normalizeNumeric(match[0]) : match[0];
        }
        return out;
    };
    const result = value();
    ws();
    if (i !== text.length)
        fail();
    return result;
}
function jsonString(value) {
    // eslint-disable-next-line no-control-regex -- control characters are what JSON escapes
    return `"${value.replace(/["\\\u0000-\u001f]/g, (ch) => JSON_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}
const JSON_ESCAPES = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const CAST_NAMES = { int4: 'integer', int8: 'bigint', numeric: 'numeric' };
/** format_type's spelling of a type, without the array brackets. */
function formatCatalogType(type) {
    const args = type.args.length ? `(${type.args.join(',')})` : '';
    switch (type.name) {
        case 'int2':
            return 'smallint';
        case 'int4':
            return 'integer';
        case 'int8':
            return 'bigint';
        case 'float4':
            return 'real';
        case 'float8':
            return 'double precision';
        case 'bool':
            return 'boolean';
        case 'numeric':
            return `numeric${args}`;
        case 'varchar':
            return `character varying${args}`;
        case 'bpchar':
            return args ? `character${args}` : 'bpchar';
        case 'bit':
            return args ? `bit${args}` : '"bit"';
        case 'varbit':
            return `bit varying${args}`;
        case 'timestamp':
            return `timestamp${args} without time zone`;
        case 'timestamptz':
            return `timestamp${args} with time zone`;
        case 'time':
            return `time${args} without time zone`;
        case 'timetz':
            return `time${args} with time zone`;
        default:
            return type.schema ? qualifiedName(type.schema, type.name) : type.name;
    }
}
function qualifiedName(schema, name) {
    return schema === 'public' ? quoteIdentifier(name) : `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`;
}
function quoteLiteral(text) {
    return `'${text.replaceAll("'", "''")}'`;
}
/** PostgreSQL's quote_ident: bare when lower-case, simple and not a reserved word. */
function quoteIdentifier(name) {
    if (/^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED_WORDS.has(name))
        return name;
    return `"${name.replaceAll('"', '""')}"`;
}
/** PostgreSQL 15 keywords that are not unreserved (`pg_get_keywords()` with catcode <> 'U'). */
const RESERVED_WORDS = new Set(`all analyse analyze and any array as asc asymmetric authorization between bigint binary bit boolean both case cast
  char character check coalesce collate collation column concurrently constraint create cross current_catalog
  current_date current_role current_schema current_time current_timestamp current_user dec decimal default deferrable
  desc distinct do else end except exists extract false fetch float for foreign freeze from full grant greatest group
  grouping having ilike in initially inner inout int integer intersect interval into is isnull join lateral leading
  least left like limit localtime localtimestamp national natural nchar none normalize not notnull null nullif numeric
  offset on only or order out outer overlaps overlay placing position precision primary real references returning
  right row select session_user setof similar smallint some substring symmetric table tablesample then time timestamp
  to trailing treat trim true union unique user using values varchar variadic verbose when where window with
  xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable`.split(/\s+/));

;// CONCATENATED MODULE: ./src/prisma/types.ts

/**
 * Column types of the database Prisma creates, written the way PostgreSQL reports them back: pg_type names
 * with decoded modifiers (defaults are in default-values.ts).
 */
const SCALAR_TYPES = ['String', 'Boolean', 'Int', 'BigInt', 'Float', 'Decimal', 'DateTime', 'Json', 'Bytes'];
function isScalarType(name) {
    return SCALAR_TYPES.includes(name);
}
const DEFAULT_TYPES = {
    String: { name: 'text', args: [] },
    Boolean: { name: 'bool', args: [] },
    Int: { name: 'int4', args: [] },
    BigInt: { name: 'int8', args: [] },
    Float: { name: 'float8', args: [] },
    Decimal: { name: 'numeric', args: [65, 30] },
    DateTime: { name: 'timestamp', args: [3] },
    Json: { name: 'jsonb', args: [] },
    Bytes: { name: 'bytea', args: [] },
};
/** PostgreSQL's `@db.*` types, the Prisma scalar each belongs to, and the pg_type it becomes. */
const NATIVE_TYPES = {
    Text: { scalar: 'String', name: 'text', maxArgs: 0 },
    Char: { scalar: 'String', name: 'bpchar', maxArgs: 1, argsWhenOmitted: [1] },
    VarChar: { scalar: 'String', name: 'varchar', maxArgs: 1 },
    Bit: { scalar: 'String', name: 'bit', maxArgs: 1, argsWhenOmitted: [1] },
    VarBit: { scalar: 'String', name: 'varbit', maxArgs: 1 },
    Uuid: { scalar: 'String', name: 'uuid', maxArgs: 0 },
    Xml: { scalar: 'String', name: 'xml', maxArgs: 0 },
    Inet: { scalar: 'String', name: 'inet', maxArgs: 0 },
    Citext: { scalar: 'String', name: 'citext', maxArgs: 0 },
    Boolean: { scalar: 'Boolean', name: 'bool', maxArgs: 0 },
    Integer: { scalar: 'Int', name: 'int4', maxArgs: 0 },
    SmallInt: { scalar: 'Int', name: 'int2', maxArgs: 0 },
    Oid: { scalar: 'Int', name: 'oid', maxArgs: 0 },
    BigInt: { scalar: 'BigInt', name: 'int8', maxArgs: 0 },
    DoublePrecision: { scalar: 'Float', name: 'float8', maxArgs: 0 },
    Real: { scalar: 'Float', name: 'float4', maxArgs: 0 },
    Decimal: { scalar: 'Decimal', name: 'numeric', maxArgs: 2 },
    Money: { scalar: 'Decimal', name: 'money', maxArgs: 0 },
    Timestamp: { scalar: 'DateTime', name: 'timestamp', maxArgs: 1 },
    Timestamptz: { scalar: 'DateTime', name: 'timestamptz', maxArgs: 1 },
    Date: { scalar: 'DateTime', name: 'date', maxArgs: 0 },
    Time: { scalar: 'DateTime', name: 'time', maxArgs: 1 },
    Timetz: { scalar: 'DateTime', name: 'timetz', maxArgs: 1 },
    Json: { scalar: 'Json', name: 'json', maxArgs: 0 },
    JsonB: { scalar: 'Json', name: 'jsonb', maxArgs: 0 },
    ByteA: { scalar: 'Bytes', name: 'bytea', maxArgs: 0 },
};
/** Extension types: the type lives in the schema the extension was installed into. */
const EXTENSION_TYPES = new Set(['citext']);
/**
 * The column type of a scalar field: Prisma's default for the scalar, or the native type attribute
 * (`nativeType`, already known to be named `<datasource>.<Something>`). `extensionSchema` is where extension types such as citext live.
 */
function scalarColumnType(scalar, nativeType, list, fieldName, extensionSchema) {
    if (!nativeType)
        return { ...DEFAULT_TYPES[scalar], args: [...DEFAULT_TYPES[scalar].args], array: list };
    const prefix = nativeType.name.slice(0, nativeType.name.indexOf('.'));
    const typeName = nativeType.name.slice(prefix.length + 1);
    const native = NATIVE_TYPES[typeName];
    if (!native)
        throw new errors/* SchemaError */.A(nativeType.loc, `@${nativeType.name} is not a PostgreSQL type Prisma knows; use one of ${Object.keys(NATIVE_TYPES)
            .map((name) => `@${prefix}.${name}`)
            .join(', ')}, or Unsupported("...") for any other type`);
    if (native.scalar !== scalar)
        throw new errors/* SchemaError */.A(nativeType.loc, `@${nativeType.name} cannot be used on field "${fieldName}" of type ${scalar}: it belongs to ${native.scalar} fields`);
    const args = nativeType.args.map((arg) => {
        if (arg.name !== null || arg.value.kind !== 'number' || !/^[0-9]+$/.test(arg.value.value))
            throw new errors/* SchemaError */.A(arg.loc, `@${nativeType.name} takes whole numbers as arguments, as in @${prefix}.VarChar(255)`);
        return Number(arg.value.value);
    });
    if (args.length > native.maxArgs || (native.maxArgs === 2 && args.length === 1))
        throw new errors/* SchemaError */.A(nativeType.loc, native.maxArgs === 0
            ? `@${nativeType.name} takes no arguments: remove the parentheses`
            : native.maxArgs === 2
                ? `@${nativeType.name} takes a precision and a scale, as in @${nativeType.name}(65, 30), or no arguments`
                : `@${nativeType.name} takes at most one argument`);
    return {
        name: native.name,
        ...(EXTENSION_TYPES.has(native.name) ? { schema: extensionSchema } : {}),
        args: args.length ? args : [...(native.argsWhenOmitted ?? [])],
        array: list,
    };
}

;// CONCATENATED MODULE: ./src/prisma/columns.ts






/** Columns as Prisma creates them for scalar and enum fields: type, nullability, default; and enum types. */
function enumOf(ctx, block) {
    const valueSources = {};
    const values = block.values.map((value) => {
        const name = mappedName(value.attributes) ?? value.name;
        valueSources[name] = value.loc;
        return name;
    });
    return { schema: ctx.schemaOf(block.attributes), name: ctx.enumDbName(block), values, source: block.loc, valueSources };
}
function columns_columnOf(ctx, model, field, tableName, schemaName) {
    const columnName = truncateIdentifier(ctx.columnDbName(field));
    const { type: fieldType } = field;
    const defaultAttribute = findAttribute(field.attributes, 'default');
    const defaultValue = defaultAttribute ? ast_argument(defaultAttribute, 'value', true)?.value : undefined;
    if (defaultAttribute && !defaultValue)
        throw new errors/* SchemaError */.A(defaultAttribute.loc, '@default needs a value, as in @default(0) or @default(now())');
    const updatedAt = findAttribute(field.attributes, 'updatedAt');
    if (updatedAt && (fieldType.name !== 'DateTime' || fieldType.list))
        throw new errors/* SchemaError */.A(updatedAt.loc, `@updatedAt works on DateTime fields only: field "${field.name}" is ${fieldType.name}${fieldType.list ? '[]' : ''}`);
    let type;
    let defaultText = null;
    let serial = false;
    if (fieldType.unsupported !== undefined) {
        type = { name: fieldType.unsupported, args: [], array: fieldType.list };
        if (defaultValue) {
            if (defaultValue.kind !== 'function' || defaultValue.name !== 'dbgenerated')
                throw new errors/* SchemaError */.A(defaultValue.loc, 'an Unsupported field takes only @default(dbgenerated("..."))');
            defaultText = columnDefault(defaultValue, { scalar: 'String', type });
        }
    }
    else if (ctx.enums.has(fieldType.name)) {
        const block = ctx.enums.get(fieldType.name);
        type = { name: ctx.enumDbName(block), schema: ctx.schemaOf(block.attributes), args: [], array: fieldType.list };
        if (defaultValue) {
            const enumValues = new Map(block.values.map((value) => [value.name, mappedName(value.attributes) ?? value.name]));
            defaultText = columnDefault(defaultValue, { scalar: 'Enum', type, enumValues });
        }
    }
    else if (isScalarType(fieldType.name)) {
        const nativeType = nativeTypeOf(ctx, field);
        const extensionSchema = ctx.datasource.extensions.find((extension) => extension.name === 'citext')?.schema ?? ctx.datasource.defaultSchema;
        type = scalarColumnType(fieldType.name, nativeType, fieldType.list, field.name, extensionSchema);
        if (defaultValue) {
            serial = defaultValue.kind === 'function' && defaultValue.name === 'autoincrement' && ['int2', 'int4', 'int8'].includes(type.name);
            defaultText = columnDefault(defaultValue, {
                scalar: fieldType.name,
                type,
                ...(serial ? { sequence: { schema: schemaName, name: serialSequenceName(tableName, columnName) } } : {}),
            });
        }
    }
    else if (ctx.composites.has(fieldType.name)) {
        throw new errors/* SchemaError */.A(fieldType.loc, `composite type "${fieldType.name}" is for MongoDB only; use Json or a related model on PostgreSQL`);
    }
    else {
        throw new errors/* SchemaError */.A(fieldType.loc, `type "${fieldType.name}" of field "${field.name}" in model ${model.name} is neither a built-in type nor a model, enum or view of this schema: check the spelling, or declare it`);
    }
    // On an enum field Prisma drops such a default instead: there it keeps only enum values.
    const anyDefault = defaultValue?.kind === 'function' &&
        defaultValue.name === 'dbgenerated' &&
        defaultValue.args.length === 0 &&
        !ctx.enums.has(fieldType.name);
    return {
        name: columnName,
        type,
        // Prisma writes autoincrement() as SERIAL, which is NOT NULL even on an optional field.
        nullable: (fieldType.optional || fieldType.list) && !serial,
        default: defaultText,
        ...(anyDefault ? { anyDefault: true } : {}),
        identity: null,
        generated: null,
        source: field.loc,
        field: field.name,
    };
}
/**
 * The field's native type attribute. Prisma takes any dotted attribute for one and then requires its
 * prefix to be the datasource's name, so `@db.Date` is an error under `datasource client`.
 */
function nativeTypeOf(ctx, field) {
    const scoped = field.attributes.filter((attribute) => attribute.name.includes('.'));
    if (scoped.length > 1)
        throw new errors/* SchemaError */.A(scoped[1].loc, `field "${field.name}" has two native type attributes: keep one`);
    const attribute = scoped[0];
    if (!attribute)
        return undefined;
    const prefix = attribute.name.slice(0, attribute.name.indexOf('.'));
    if (prefix !== ctx.datasource.name)
        throw new errors/* SchemaError */.A(attribute.loc, `the prefix "${prefix}" of @${attribute.name} is not the name of the datasource: write @${ctx.datasource.name}${attribute.name.slice(prefix.length)}`);
    return attribute;
}

;// CONCATENATED MODULE: ./src/prisma/keys.ts





/**
 * Primary keys and indexes: `@id`, `@@id`, `@unique`, `@@unique` and `@@index`, with their names, sort orders,
 * operator classes and conditions.
 */
function primaryKeyOf(ctx, model) {
    const fieldIds = model.fields.filter((field) => findAttribute(field.attributes, 'id'));
    const blockId = findAttribute(model.attributes, 'id');
    if (fieldIds.length > 1)
        throw new errors/* SchemaError */.A(model.loc, `model ${model.name} marks several fields with @id: use @@id([a, b]) for a compound key`);
    if (fieldIds.length && blockId)
        throw new errors/* SchemaError */.A(blockId.loc, `model ${model.name} has both @id and @@id: keep one`);
    const table = ctx.tableDbName(model);
    const optional = [...fieldIds, ...(blockId ? indexFields(ctx, model, blockId).map((column) => column.field) : [])].find((field) => field.type.optional);
    if (optional)
        throw new errors/* SchemaError */.A(optional.loc, `field "${optional.name}" of model ${model.name} is part of the id, so it must be required: remove the "?"`);
    if (fieldIds[0]) {
        const attribute = findAttribute(fieldIds[0].attributes, 'id');
        return {
            name: ctx.constraintName(attribute, () => primaryKeyName(table)),
            columns: [truncateIdentifier(ctx.columnDbName(fieldIds[0]))],
            source: attribute.loc,
        };
    }
    if (blockId) {
        return {
            name: ctx.constraintName(blockId, () => primaryKeyName(table)),
            columns: indexFields(ctx, model, blockId).map((column) => column.name),
            source: blockId.loc,
        };
    }
    const hasUnique = model.fields.some((field) => findAttribute(field.attributes, 'unique') && !field.type.optional) ||
        findAttribute(model.attributes, 'unique');
    if (!hasUnique && !findAttribute(model.attributes, 'ignore'))
        throw new errors/* SchemaError */.A(model.loc, `model ${model.name} has no unique criterion: mark a field with @id or @unique, or add @@id([...]) or @@unique([...])`);
    return null;
}
function indexesOf(ctx, model) {
    const table = ctx.tableDbName(model);
    const indexes = [];
    for (const field of model.fields) {
        const attribute = findAttribute(field.attributes, 'unique');
        if (!attribute)
            continue;
        const column = truncateIdentifier(ctx.columnDbName(field));
        indexes.push({
            name: ctx.constraintName(attribute, () => uniqueIndexName(table, [ctx.columnDbName(field)])),
            unique: true,
            method: 'btree',
            columns: [{ name: column, sort: sortOf(attribute), opclass: null }],
            predicate: indexPredicate(ctx, model, attribute),
            constraint: false,
            source: attribute.loc,
        });
    }
    for (const attribute of model.attributes) {
        if (attribute.name !== 'unique' && attribute.name !== 'index')
            continue;
        const unique = attribute.name === 'unique';
        const method = unique ? 'btree' : indexMethod(attribute);
        const columns = indexFields(ctx, model, attribute, method);
        const rawColumns = columns.map((column) => column.rawName);
        indexes.push({
            name: ctx.constraintName(attribute, () => (unique ? uniqueIndexName : indexName)(table, rawColumns), !unique),
            unique,
            method,
            columns: columns.map(({ rawName: _, field: __, ...column }) => column),
            predicate: indexPredicate(ctx, model, attribute),
            constraint: false,
            source: attribute.loc,
        });
    }
    for (const attribute of model.attributes.filter((a) => a.name === 'fulltext'))
        throw new errors/* SchemaError */.A(attribute.loc, '@@fulltext is for MySQL and MongoDB only: use @@index([...], type: Gin) on PostgreSQL');
    return indexes;
}
/**
 * The condition of a partial index (`where:`), as SQL: `raw("...")` as written, or the object form
 * (`{ deletedAt: null, status: { not: "archived" } }`) rendered the way Prisma renders it.
 */
function indexPredicate(ctx, model, attribute) {
    const where = ast_argument(attribute, 'where')?.value;
    if (!where)
        return null;
    if (!ctx.previewFeatures.has('partialIndexes'))
        throw new errors/* SchemaError */.A(attribute.loc, 'where: makes a partial index, a preview feature: add "partialIndexes" to previewFeatures in the generator block');
    if (where.kind === 'function' && where.name === 'raw' && where.args[0]?.value.kind === 'string')
        return where.args[0].value.value;
    if (where.kind !== 'object' || where.entries.length === 0)
        throw new errors/* SchemaError */.A(where.loc, 'where: takes raw("SQL condition") or an object such as { deletedAt: null }');
    return where.entries
        .map(({ key, value, loc }) => {
        const field = model.fields.find((candidate) => candidate.name === key);
        if (!field || ctx.isRelationField(field))
            throw new errors/* SchemaError */.A(loc, `where: "${key}" is not a scalar field of model ${model.name}`);
        const column = (0,quote/* quoteIdent */.v)(ctx.columnDbName(field));
        if (value.kind === 'object') {
            const not = value.entries.find((entry) => entry.key === 'not');
            if (!not || value.entries.length !== 1)
                throw new errors/* SchemaError */.A(value.loc, `where: a field takes a value or { not: value }; only "not" is supported`);
            const negated = predicateValue(not.value, field);
            return negated === 'NULL' ? `${column} IS NOT NULL` : `${column} <> ${negated}`;
        }
        const literal = predicateValue(value, field);
        return literal === 'NULL' ? `${column} IS NULL` : `${column} = ${literal}`;
    })
        .join(' AND ');
}
/** The fields of `@@id`/`@@unique`/`@@index`: `[a, b(sort: Desc, ops: JsonbPathOps)]`, positional or `fields:`. */
function indexFields(ctx, model, attribute, method = 'btree') {
    const list = ast_argument(attribute, 'fields', true)?.value;
    const items = list ? listItems(list) : [];
    if (items.length === 0)
        throw new errors/* SchemaError */.A(attribute.loc, `@@${attribute.name} takes a list of fields, as in @@${attribute.name}([a, b])`);
    return items.map((item) => {
        const name = item.kind === 'constant' ? item.value : item.kind === 'function' ? item.name : null;
        const field = model.fields.find((candidate) => candidate.name === name);
        if (!name || !field || ctx.isRelationField(field))
            throw new errors/* SchemaError */.A(item.loc, `@@${attribute.name} refers to ${name ? `"${name}", which is not a scalar field of model ${model.name}` : 'something that is not a field'}: list the model's own scalar fields`);
        const options = item.kind === 'function' ? item.args : [];
        const sort = options.find((arg) => arg.name === 'sort')?.value;
        const ops = options.find((arg) => arg.name === 'ops')?.value;
        const rawName = ctx.columnDbName(field);
        return {
            name: truncateIdentifier(rawName),
            rawName,
            field,
            sort: sort?.kind === 'constant' && sort.value === 'Desc' ? 'DESC' : 'ASC',
            opclass: ops ? operatorClass(ops, method) : null,
        };
    });
}
/** A value of a `where:` object as an SQL literal; `NULL` for null. */
function predicateValue(value, field) {
    if (value.kind === 'constant' && value.value === 'null')
        return 'NULL';
    if (value.kind === 'constant' && (value.value === 'true' || value.value === 'false'))
        return value.value;
    if (value.kind === 'number')
        return value.value;
    if (value.kind === 'string')
        return keys_quoteLiteral(value.value);
    throw new errors/* SchemaError */.A(value.loc, `where: "${field.name}" takes true, false, null, a "string" (also for an enum value) or a number`);
}
function keys_quoteLiteral(text) {
    return `'${text.replaceAll("'", "''")}'`;
}
function sortOf(attribute) {
    const sort = ast_argument(attribute, 'sort')?.value;
    return sort?.kind === 'constant' && sort.value === 'Desc' ? 'DESC' : 'ASC';
}
const INDEX_METHODS = {
    BTree: 'btree',
    Hash: 'hash',
    Gist: 'gist',
    Gin: 'gin',
    SpGist: 'spgist',
    Brin: 'brin',
};
function indexMethod(attribute) {
    const type = ast_argument(attribute, 'type')?.value;
    if (!type)
        return 'btree';
    const method = type.kind === 'constant' ? INDEX_METHODS[type.value] : undefined;
    if (!method)
        throw new errors/* SchemaError */.A(type.loc, `index type must be one of ${Object.keys(INDEX_METHODS).join(', ')}`);
    return method;
}
/**
 * The operator class an `ops:` names, or null when it is the type's default one (the catalog does not set
 * those apart from an index without `ops:`). `raw("...")` is taken as written.
 */
function operatorClass(ops, method) {
    if (ops.kind === 'function' && ops.name === 'raw' && ops.args[0]?.value.kind === 'string')
        return ops.args[0].value.value;
    if (ops.kind !== 'constant')
        throw new errors/* SchemaError */.A(ops.loc, 'ops: takes an operator class such as JsonbPathOps, or raw("...")');
    const name = ops.value;
    if (name === 'InetOps')
        return method === 'spgist' ? null : 'inet_ops';
    if (name === 'JsonbPathOps' || /Bloom|MinMaxMulti/.test(name))
        return snakeOpclass(name);
    if (/^(JsonbOps|ArrayOps|TextOps|InetInclusionOps)$|MinMaxOps$/.test(name))
        return null;
    throw new errors/* SchemaError */.A(ops.loc, `"${name}" is not an operator class Prisma knows: write raw("opclass_name") for others`);
}
/** `TimestampTzMinMaxMultiOps` → `timestamptz_minmax_multi_ops`. */
function snakeOpclass(name) {
    return name
        .replace('TimestampTz', 'Timestamptz')
        .replace('TimeTz', 'Timetz')
        .replace('VarBit', 'Varbit')
        .replace('MinMax', 'Minmax')
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .toLowerCase();
}

;// CONCATENATED MODULE: ./src/prisma/relations.ts





function foreignKeysOf(ctx, model) {
    const table = ctx.tableDbName(model);
    const foreignKeys = [];
    for (const field of model.fields) {
        if (!ctx.isRelationField(field))
            continue;
        const end = relationEnd(ctx, model, field);
        const opposite = oppositeEnd(ctx, end);
        const fields = end.relation ? ast_argument(end.relation, 'fields')?.value : undefined;
        if (!fields) {
            const oppositeFields = opposite.relation ? ast_argument(opposite.relation, 'fields') : undefined;
            if (!field.type.list && !oppositeFields)
                throw new errors/* SchemaError */.A(field.loc, opposite.field.type.list
                    ? `relation field "${field.name}" on model ${model.name} must say which fields hold the key: add @relation(fields: [...], references: [...])`
                    : `neither "${field.name}" on model ${model.name} nor "${opposite.field.name}" on model ${opposite.model.name} has @relation(fields: [...], references: [...]): add it on the side that holds the foreign key`);
            continue;
        }
        if (ctx.views.has(field.type.name))
            continue;
        const related = ctx.models.get(field.type.name);
        const references = ast_argument(end.relation, 'references')?.value;
        const localFields = ctx.fieldList(model, fields, 'fields');
        const referencedFields = references ? ctx.fieldList(related, references, 'references') : [];
        if (referencedFields.length !== localFields.length)
            throw new errors/* SchemaError */.A(end.relation.loc, `@relation on "${field.name}" needs as many references as fields: list the referenced fields of ${related.name} in references: [...]`);
        const mismatch = localFields.findIndex((local, i) => local.type.name !== referencedFields[i].type.name);
        if (mismatch >= 0)
            throw new errors/* SchemaError */.A(end.relation.loc, `field "${localFields[mismatch].name}" is ${localFields[mismatch].type.name} but references "${referencedFields[mismatch].name}" of ${related.name}, which is ${referencedFields[mismatch].type.name}: give both the same type`);
        if (!isUniqueCriterion(ctx, related, referencedFields))
            throw new errors/* SchemaError */.A(end.relation.loc, `references: [${referencedFields.map((f) => f.name).join(', ')}] is not the id or a unique criterion of ${related.name}: reference its @id or @unique fields`);
        const required = localFields.some((local) => !local.type.optional);
        const onDelete = ast_argument(end.relation, 'onDelete')?.value;
        const onUpdate = ast_argument(end.relation, 'onUpdate')?.value;
        if (!ctx.datasource.foreignKeys)
            rejectEmulatedActions(field, required, [onDelete, onUpdate]);
        const localColumns = localFields.map((local) => ctx.columnDbName(local));
        foreignKeys.push({
            name: ctx.constraintName(end.relation, () => foreignKeyName(table, localColumns)),
            columns: localColumns.map(truncateIdentifier),
            referencedSchema: ctx.schemaOf(related.attributes),
            referencedTable: truncateIdentifier(ctx.tableDbName(related)),
            referencedColumns: referencedFields.map((referenced) => truncateIdentifier(ctx.columnDbName(referenced))),
            onDelete: onDelete ? referentialAction(onDelete) : required ? 'RESTRICT' : 'SET NULL',
            onUpdate: onUpdate ? referentialAction(onUpdate) : 'CASCADE',
            deferrable: false,
            source: end.relation.loc,
        });
    }
    return foreignKeys;
}
/** Implicit many-to-many relations: both ends are lists and neither names fields. */
function joinTables(ctx) {
    const tables = new Map();
    for (const model of ctx.schema.models) {
        for (const field of model.fields) {
            if (!ctx.isRelationField(field) || !field.type.list || ctx.views.has(field.type.name))
                continue;
            const end = relationEnd(ctx, model, field);
            const opposite = oppositeEnd(ctx, end);
            if (!opposite.field.type.list)
                continue;
            const [a, b] = [end, opposite].sort((x, y) => compareBytes(x.model.name, y.model.name) || compareBytes(x.field.name, y.field.name));
            // Prisma meets each relation at model A's field, in declaration order; when two join tables have the
            // same name once cut to 63 characters, its differ keeps the one met last.
            if (a !== end)
                continue;
            const table = joinTable(ctx, end.name ?? `${a.model.name}To${b.model.name}`, a, b);
            const key = `${table.schema}.${table.name}`;
            tables.delete(key);
            tables.set(key, table);
        }
    }
    return [...tables.values()];
}
function joinTable(ctx, relationName, a, b) {
    const name = joinTableName(relationName);
    const names = joinTableNames(name);
    const schema = ctx.schemaOf(a.model.attributes);
    const column = (end, columnName) => {
        const target = ctx.tables.get(end.model.name);
        if (target.primaryKey?.columns.length !== 1)
            throw new errors/* SchemaError */.A(end.field.loc, `the many-to-many relation "${relationName}" needs a single-field @id on model ${end.model.name}: add one, or model the join table explicitly`);
        const targetColumn = target.primaryKey.columns[0];
        const type = target.columns.find((c) => c.name === targetColumn).type;
        return {
            column: {
                name: columnName,
                type: { ...type },
                nullable: false,
                default: null,
                identity: null,
                generated: null,
                source: end.field.loc,
            },
            target,
            targetColumn,
        };
    };
    const columnA = column(a, 'A');
    const columnB = column(b, 'B');
    const pairKey = ctx.conventions.implicitManyToManyKey.value === 'primary-key';
    const table = {
        schema,
        name,
        columns: [columnA.column, columnB.column],
        primaryKey: pairKey ? { name: names.abPrimaryKey, columns: ['A', 'B'], source: a.field.loc } : null,
        indexes: [
            ...(pairKey
                ? []
                : [
                    {
                        name: names.abUnique,
                        unique: true,
                        method: 'btree',
                        columns: [indexColumn('A'), indexColumn('B')],
                        predicate: null,
                        constraint: false,
                        source: a.field.loc,
                    },
                ]),
            {
                name: names.bIndex,
                unique: false,
                method: 'btree',
                columns: [indexColumn('B')],
                predicate: null,
                constraint: false,
                source: a.field.loc,
            },
        ],
        foreignKeys: [],
        source: a.field.loc,
    };
    if (ctx.datasource.foreignKeys) {
        for (const [fkName, side, end] of [
            [names.aForeignKey, columnA, a],
            [names.bForeignKey, columnB, b],
        ]) {
            table.foreignKeys.push({
                name: fkName,
                columns: [side.column.name],
                referencedSchema: side.target.schema,
                referencedTable: side.target.name,
                referencedColumns: [side.targetColumn],
                onDelete: 'CASCADE',
                onUpdate: 'CASCADE',
                deferrable: false,
                source: end.field.loc,
            });
        }
    }
    return table;
}
function relationEnd(ctx, model, field) {
    const relation = findAttribute(field.attributes, 'relation');
    const nameArg = relation ? ast_argument(relation, 'name', true)?.value : undefined;
    if (nameArg && nameArg.kind !== 'string')
        throw new errors/* SchemaError */.A(nameArg.loc, 'a relation name is a "string"');
    return { model, field, relation, name: nameArg?.kind === 'string' ? nameArg.value : null };
}
/** The other end of a relation: the field on the related model or view with the same relation name. */
function oppositeEnd(ctx, end) {
    const related = ctx.models.get(end.field.type.name) ?? ctx.views.get(end.field.type.name);
    const candidates = (related?.fields ?? [])
        .filter((field) => field !== end.field && field.type.name === end.model.name)
        .map((field) => relationEnd(ctx, related, field))
        .filter((other) => other.name === end.name);
    if (candidates.length === 0)
        throw new errors/* SchemaError */.A(end.field.loc, `relation field "${end.field.name}" on model ${end.model.name} has no opposite field on model ${end.field.type.name}${end.name ? ` with relation name "${end.name}"` : ''}: add it (prisma format does this)`);
    if (candidates.length > 1)
        throw new errors/* SchemaError */.A(end.field.loc, `relation field "${end.field.name}" on model ${end.model.name} is ambiguous: give both ends of each relation between ${end.model.name} and ${end.field.type.name} the same name, as in @relation("authored")`);
    return candidates[0];
}
/** Whether the fields are, in any order, exactly the model's id or one of its unique constraints. */
function isUniqueCriterion(ctx, model, fields) {
    const wanted = fields
        .map((field) => field.name)
        .sort()
        .join(',');
    const single = model.fields
        .filter((field) => findAttribute(field.attributes, 'id') || findAttribute(field.attributes, 'unique'))
        .map((field) => field.name);
    const compound = model.attributes
        .filter((attribute) => attribute.name === 'id' || attribute.name === 'unique')
        .map((attribute) => indexFields(ctx, model, attribute)
        .map((column) => column.field.name)
        .sort()
        .join(','));
    return [...single, ...compound].includes(wanted);
}
const relations_REFERENTIAL_ACTIONS = {
    Cascade: 'CASCADE',
    Restrict: 'RESTRICT',
    NoAction: 'NO ACTION',
    SetNull: 'SET NULL',
    SetDefault: 'SET DEFAULT',
};
/**
 * Under relationMode = "prisma" Prisma Client carries out the actions itself, and only Cascade, Restrict and
 * SetNull; SetNull needs every referencing field optional there, as nothing else would accept the null.
 */
function rejectEmulatedActions(field, required, actions) {
    for (const value of actions) {
        if (!value)
            continue;
        const action = referentialAction(value);
        if (action === 'NO ACTION' || action === 'SET DEFAULT')
            throw new errors/* SchemaError */.A(value.loc, `referential action ${value.value} is not available with relationMode = "prisma": use Cascade, Restrict or SetNull${action === 'NO ACTION' ? ' (Restrict behaves like NoAction there)' : ''}`);
        if (action === 'SET NULL' && required)
            throw new errors/* SchemaError */.A(field.loc, `relation field "${field.name}" uses SetNull, but a field that holds its key is required, and relationMode = "prisma" cannot set it to null: make those fields optional, or choose another action`);
    }
}
function referentialAction(value) {
    const action = value.kind === 'constant' ? relations_REFERENTIAL_ACTIONS[value.value] : undefined;
    if (!action)
        throw new errors/* SchemaError */.A(value.loc, `referential action must be one of ${Object.keys(relations_REFERENTIAL_ACTIONS).join(', ')}`);
    return action;
}
function indexColumn(name) {
    return { name, sort: 'ASC', opclass: null };
}

;// CONCATENATED MODULE: ./src/prisma/expect.ts










/** The database `prisma migrate` would create for this schema, in the terms introspection reads it. */
function expectSchema(schema, options = {}) {
    const datasource = readDatasource(schema.datasources[0], 'public');
    const ctx = new SchemaContext(schema, datasource, options.conventions ?? conventionsFor(null));
    const db = emptySchema();
    if (ctx.previewFeatures.has('partialIndexes'))
        db.partialIndexes = true;
    db.namespaces = [...new Set([datasource.defaultSchema, ...datasource.schemas])].sort(compareBytes);
    db.extensions = datasource.extensions;
    db.enums = schema.enums.map((block) => enumOf(ctx, block)).sort(bySchemaAndName);
    for (const model of schema.models) {
        const { table, sequences } = expect_tableOf(ctx, model);
        db.tables.push(table);
        db.sequences.push(...sequences);
    }
    rejectClashingNames(db.tables);
    if (!datasource.foreignKeys)
        for (const table of db.tables)
            table.foreignKeys = [];
    db.tables.push(...joinTables(ctx));
    db.tables.sort(bySchemaAndName);
    db.sequences.sort(bySchemaAndName);
    for (const table of db.tables) {
        table.indexes.sort(byName);
        table.foreignKeys.sort(byName);
    }
    return db;
}
function expect_tableOf(ctx, model) {
    const tableName = truncateIdentifier(ctx.tableDbName(model));
    const schemaName = ctx.schemaOf(model.attributes);
    const table = {
        schema: schemaName,
        name: tableName,
        columns: [],
        primaryKey: null,
        indexes: [],
        foreignKeys: [],
        source: model.loc,
        model: model.name,
    };
    const sequences = [];
    rejectUnknownAttributes(model);
    for (const field of model.fields) {
        if (ctx.isRelationField(field))
            continue;
        const column = columns_columnOf(ctx, model, field, tableName, schemaName);
        table.columns.push(column);
        if (column.default?.startsWith('nextval(')) {
            sequences.push({
                schema: schemaName,
                name: serialSequenceName(tableName, column.name),
                ownedBy: { table: tableName, column: column.name },
            });
        }
    }
    table.primaryKey = primaryKeyOf(ctx, model);
    table.indexes = indexesOf(ctx, model);
    // Under relationMode = "prisma" the keys are still checked and named (Prisma validates both), then dropped.
    table.foreignKeys = foreignKeysOf(ctx, model);
    ctx.tables.set(model.name, table);
    return { table, sequences };
}
const FIELD_ATTRIBUTES = new Set(['id', 'unique', 'default', 'map', 'relation', 'updatedAt', 'ignore']);
const MODEL_ATTRIBUTES = new Set(['id', 'unique', 'index', 'fulltext', 'map', 'schema', 'ignore']);
/**
 * An attribute Prisma does not know is an error there, so a misspelt one (`@uniqe`) must not pass silently here.
 * Native type attributes carry the datasource's name (`@db.Date` under `datasource db`); another prefix is
 * checked where the field's type is read.
 */
function rejectUnknownAttributes(model) {
    const onField = model.fields.flatMap((field) => field.attributes).find((a) => !FIELD_ATTRIBUTES.has(a.name) && !a.name.includes('.'));
    const onModel = model.attributes.find((a) => !MODEL_ATTRIBUTES.has(a.name));
    const unknown = onField ? `@${onField.name}` : onModel ? `@@${onModel.name}` : null;
    if (unknown)
        throw new errors/* SchemaError */.A((onField ?? onModel).loc, `unknown attribute "${unknown}" in model ${model.name}: check its spelling`);
}
/**
 * PostgreSQL keeps primary keys and indexes in one namespace per schema, and a table's constraints in one per
 * table. Prisma refuses a schema whose names (given or generated, after shortening) clash there, because
 * the database could not hold both.
 */
function rejectClashingNames(tables) {
    const perSchema = new Set();
    for (const table of tables) {
        const perTable = new Set();
        const keys = [...(table.primaryKey ? [table.primaryKey] : []), ...table.indexes];
        for (const [constraint, global] of [
            ...keys.map((key) => [key, true]),
            ...table.foreignKeys.map((key) => [key, false]),
        ]) {
            const schemaKey = `${table.schema}.${constraint.name}`;
            if (perTable.has(constraint.name) || (global && perSchema.has(schemaKey)))
                throw new errors/* SchemaError */.A(constraint.source, `the constraint name "${constraint.name}" is already used ${perTable.has(constraint.name) ? `on model ${table.model}` : `in schema "${table.schema}"`} (PostgreSQL shortens names to 63 bytes): give this one another name with map: "..."`);
            perTable.add(constraint.name);
            if (global)
                perSchema.add(schemaKey);
        }
    }
}

;// CONCATENATED MODULE: ./src/prisma/files.ts


/** A schema.prisma file, or every `.prisma` file under a folder (a multi-file schema), in a stable order. */
function readSchemaFiles(schemaPath) {
    const paths = (0,external_node_fs_.statSync)(schemaPath).isDirectory() ? prismaFilesUnder(schemaPath) : [schemaPath];
    return paths.map((file) => ({ path: file, content: (0,external_node_fs_.readFileSync)(file, 'utf8') }));
}
function prismaFilesUnder(dir) {
    return (0,external_node_fs_.readdirSync)(dir, { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith('.prisma'))
        .map((entry) => external_node_path_default().join(entry.parentPath, entry.name))
        .sort();
}

;// CONCATENATED MODULE: ./src/prisma/lexer.ts

const lexer_PUNCTUATION = ['@@', '@', '{', '}', '(', ')', '[', ']', ',', ':', '=', '?', '.'];
/** Prisma's whitespace within a line: tabs and Unicode's space separators (the no-break space among them). */
const SPACE = /[\t\p{Zs}]/u;
const IDENTIFIER = /^[\p{L}\p{N}_][\p{L}\p{N}_-]*/u;
function lexer_tokenize(file, source, notes) {
    const tokens = [];
    let i = 0;
    let line = 1;
    let lineStart = 0;
    const here = () => ({ file, line, column: i - lineStart + 1 });
    const newline = (length) => {
        tokens.push({ kind: 'newline', text: '\n', loc: here() });
        i += length;
        line++;
        lineStart = i;
    };
    while (i < source.length) {
        const ch = source[i];
        if (ch === '\n' || ch === '\r') {
            // Prisma takes CRLF, LF and a lone CR alike as a line end.
            newline(source.startsWith('\r\n', i) ? 2 : 1);
        }
        else if (SPACE.test(ch)) {
            i++;
        }
        else if (ch === '\uFEFF') {
            notes.push({ kind: 'byte-order-mark', loc: here() });
            i++;
        }
        else if (source.startsWith('//', i)) {
            while (i < source.length && source[i] !== '\n' && source[i] !== '\r')
                i++;
        }
        else if (source.startsWith('/*', i)) {
            const loc = here();
            const end = source.indexOf('*/', i + 2);
            if (end < 0)
                throw new errors/* SchemaError */.A(loc, 'comment is not closed: add "*/" at its end');
            const previous = tokens.at(-1);
            const afterToken = previous !== undefined && previous.kind !== 'newline' && previous.loc.line === line && previous.text !== '{';
            for (; i < end + 2; i++) {
                if (source[i] === '\n' || (source[i] === '\r' && source[i + 1] !== '\n')) {
                    line++;
                    lineStart = i + 1;
                }
            }
            let next = i;
            while (next < source.length && SPACE.test(source[next]))
                next++;
            const beforeToken = next < source.length && !/[\r\n]/.test(source[next]) && !source.startsWith('//', next);
            notes.push({ kind: afterToken && beforeToken ? 'comment-inside-line' : 'block-comment', loc });
        }
        else if (ch === '"') {
            const loc = here();
            tokens.push({ kind: 'string', text: readString(source, i, loc, (end) => (i = end)), loc });
        }
        else if (/[0-9]/.test(ch) || (ch === '-' && /[0-9]/.test(source[i + 1] ?? ''))) {
            const loc = here();
            // Prisma's grammar has no exponent notation: `1e10` is not a number there.
            const match = /^-?[0-9]+(\.[0-9]+)?/.exec(source.slice(i, i + 400));
            tokens.push({ kind: 'number', text: match[0], loc });
            i += match[0].length;
        }
        else if (IDENTIFIER.test(ch)) {
            const loc = here();
            const match = IDENTIFIER.exec(source.slice(i, i + 1000));
            if (/\P{ASCII}/u.test(match[0]))
                notes.push({ kind: 'unicode-identifier', loc });
            tokens.push({ kind: 'ident', text: match[0], loc });
            i += match[0].length;
        }
        else {
            const punct = lexer_PUNCTUATION.find((p) => source.startsWith(p, i));
            if (!punct)
                throw new errors/* SchemaError */.A(here(), `unexpected character ${JSON.stringify(ch)}; remove it or put it inside a "string"`);
            tokens.push({ kind: 'punct', text: punct, loc: here() });
            i += punct.length;
        }
    }
    tokens.push({ kind: 'eof', text: '', loc: here() });
    return tokens;
}
const lexer_ESCAPES = { '"': '"', '\\': '\\', n: '\n', r: '\r', t: '\t', "'": "'", '0': '\0' };
function readString(source, start, loc, setEnd) {
    let value = '';
    let i = start + 1;
    while (i < source.length) {
        const ch = source[i];
        if (ch === '"') {
            setEnd(i + 1);
            return value;
        }
        if (ch === '\n')
            break;
        if (ch === '\\') {
            const next = source[i + 1] ?? '';
            if (next === 'u') {
                const hex = /^[0-9a-fA-F]{4}/.exec(source.slice(i + 2, i + 6));
                if (!hex)
                    throw new errors/* SchemaError */.A(loc, 'invalid \\u escape in string: write four hex digits, as in "\\u00e9"');
                value += String.fromCharCode(parseInt(hex[0], 16));
                i += 6;
                continue;
            }
            const escaped = lexer_ESCAPES[next];
            if (escaped === undefined)
                throw new errors/* SchemaError */.A(loc, `unknown escape \\${next} in string: write \\\\ for a backslash`);
            value += escaped;
            i += 2;
            continue;
        }
        value += ch;
        i++;
    }
    throw new errors/* SchemaError */.A(loc, 'string is not closed: add the closing " on the same line');
}
function describe(token) {
    if (token.kind === 'eof')
        return 'the end of the file';
    if (token.kind === 'newline')
        return 'the end of the line';
    if (token.kind === 'string')
        return `the string ${JSON.stringify(token.text)}`;
    return `"${token.text}"`;
}

;// CONCATENATED MODULE: ./src/prisma/parse.ts


/** Parses one schema, which may be spread over several `.prisma` files, into blocks with their places. */
function parseSchema(files) {
    const schema = { datasources: [], generators: [], models: [], views: [], types: [], enums: [], syntax: [] };
    for (const file of files)
        new parse_Parser(file.path, lexer_tokenize(file.path, file.content, schema.syntax), schema).parseFile();
    rejectDuplicateNames(schema, files.map((file) => file.path));
    return schema;
}
class parse_Parser {
    file;
    tokens;
    schema;
    pos = 0;
    /** Newlines end fields and attributes, except inside brackets and parentheses. */
    depth = 0;
    /** Where the field, attribute, value or setting being read starts: Prisma reports its forms there. */
    statement = null;
    constructor(file, tokens, schema) {
        this.file = file;
        this.tokens = tokens;
        this.schema = schema;
    }
    parseFile() {
        for (;;) {
            this.skipNewlines();
            const token = this.peek();
            if (token.kind === 'eof')
                return;
            if (token.kind !== 'ident')
                throw new errors/* SchemaError */.A(token.loc, `expected a block (model, enum, view, type, datasource, generator), found ${describe(token)}`);
            switch (token.text) {
                case 'model':
                case 'view':
                case 'type': {
                    const block = this.parseModel(token.text);
                    (token.text === 'model' ? this.schema.models : token.text === 'view' ? this.schema.views : this.schema.types).push(block);
                    break;
                }
                case 'enum':
                    this.schema.enums.push(this.parseEnum());
                    break;
                case 'datasource':
                case 'generator': {
                    const block = this.parseConfig(token.text);
                    (token.text === 'datasource' ? this.schema.datasources : this.schema.generators).push(block);
                    break;
                }
                default:
                    throw new errors/* SchemaError */.A(token.loc, `unknown block type "${token.text}": a schema contains only model, enum, view, type, datasource and generator blocks`);
            }
        }
    }
    parseModel(kind) {
        const loc = this.next().loc;
        const name = this.expectIdent(`a name after "${kind}"`);
        this.expectPunct('{', `"{" to open ${kind} ${name}`);
        const block = { kind, name, fields: [], attributes: [], loc };
        for (;;) {
            this.skipNewlines();
            const token = this.peek();
            if (token.kind === 'punct' && token.text === '}') {
                this.next();
                return block;
            }
            if (token.kind === 'eof')
                throw new errors/* SchemaError */.A(loc, `${kind} ${name} is not closed: add "}" at its end`);
            if (token.kind === 'punct' && token.text === '@@') {
                this.statement = token.loc;
                block.attributes.push(this.parseAttribute());
                this.expectEndOfLine();
                continue;
            }
            if (token.kind === 'punct' && token.text === '@')
                throw new errors/* SchemaError */.A(token.loc, `a model attribute needs two @: write "@@" here, or move the attribute onto a field's line`);
            const field = this.parseField(name);
            if (block.fields.some((other) => other.name === field.name))
                throw new errors/* SchemaError */.A(field.loc, `field "${field.name}" is declared twice in ${kind} ${name}: rename or remove one`);
            block.fields.push(field);
        }
    }
    parseField(blockName) {
        const nameToken = this.next();
        this.statement = nameToken.loc;
        if (nameToken.kind !== 'ident')
            throw new errors/* SchemaError */.A(nameToken.loc, `expected a field name in ${blockName}, found ${describe(nameToken)}`);
        const typeToken = this.peek();
        if (typeToken.kind !== 'ident')
            throw new errors/* SchemaError */.A(typeToken.kind === 'newline' ? nameToken.loc : typeToken.loc, `field "${nameToken.text}" in ${blockName} has no type: write its type after the name, as in "${nameToken.text} String"`);
        const type = this.parseFieldType();
        const attributes = [];
        while (this.peek().kind === 'punct' && this.peek().text === '@')
            attributes.push(this.parseAttribute());
        if (this.peek().kind === 'punct' && this.peek().text === '@@')
            throw new errors/* SchemaError */.A(this.peek().loc, 'a field attribute takes one @: write "@" here, or put the "@@" attribute on its own line');
        this.expectEndOfLine();
        return { name: nameToken.text, type, attributes, loc: nameToken.loc };
    }
    parseFieldType() {
        const token = this.next();
        const type = { name: token.text, optional: false, list: false, loc: token.loc };
        if (token.text === 'Unsupported') {
            this.expectPunct('(', '"(" after Unsupported, as in Unsupported("circle")');
            const text = this.next();
            if (text.kind !== 'string')
                throw new errors/* SchemaError */.A(text.loc, 'Unsupported takes the database type as a string, as in Unsupported("circle")');
            this.expectPunct(')', '")" to close Unsupported(...)');
            type.unsupported = text.text;
        }
        if (this.peekPunct('[')) {
            this.next();
            this.expectPunct(']', '"]" after "[" for a list type');
            type.list = true;
        }
        if (this.peekPunct('?')) {
            const question = this.next();
            if (type.list)
                throw new errors/* SchemaError */.A(question.loc, 'a list cannot be optional: remove the "?" after "[]"');
            type.optional = true;
        }
        return type;
    }
    parseEnum() {
        const loc = this.next().loc;
        const name = this.expectIdent('a name after "enum"');
        this.expectPunct('{', `"{" to open enum ${name}`);
        const block = { kind: 'enum', name, values: [], attributes: [], loc };
        for (;;) {
            this.skipNewlines();
            const token = this.next();
            if (token.kind === 'punct' && token.text === '}')
                return block;
            if (token.kind === 'eof')
                throw new errors/* SchemaError */.A(loc, `enum ${name} is not closed: add "}" at its end`);
            this.statement = token.loc;
            if (token.kind === 'punct' && token.text === '@@') {
                this.pos--;
                block.attributes.push(this.parseAttribute());
                this.expectEndOfLine();
                continue;
            }
            if (token.kind !== 'ident')
                throw new errors/* SchemaError */.A(token.loc, `expected a value of enum ${name}, found ${describe(token)}`);
            const value = { name: token.text, attributes: [], loc: token.loc };
            while (this.peekPunct('@'))
                value.attributes.push(this.parseAttribute());
            this.expectEndOfLine();
            if (block.values.some((other) => other.name === value.name))
                throw new errors/* SchemaError */.A(value.loc, `value "${value.name}" is declared twice in enum ${name}: remove one`);
            block.values.push(value);
        }
    }
    parseConfig(kind) {
        const loc = this.next().loc;
        const name = this.expectIdent(`a name after "${kind}"`);
        this.expectPunct('{', `"{" to open ${kind} ${name}`);
        const block = { kind, name, properties: [], loc };
        for (;;) {
            this.skipNewlines();
            const token = this.next();
            if (token.kind === 'punct' && token.text === '}')
                return block;
            if (token.kind === 'eof')
                throw new errors/* SchemaError */.A(loc, `${kind} ${name} is not closed: add "}" at its end`);
            this.statement = token.loc;
            if (token.kind !== 'ident')
                throw new errors/* SchemaError */.A(token.loc, `expected a "key = value" line in ${kind} ${name}, found ${describe(token)}`);
            this.expectPunct('=', `"=" after "${token.text}" in ${kind} ${name}`);
            const property = { name: token.text, value: this.parseExpression(), loc: token.loc };
            this.expectEndOfLine();
            if (block.properties.some((other) => other.name === property.name))
                throw new errors/* SchemaError */.A(property.loc, `"${property.name}" is set twice in ${kind} ${name}: remove one`);
            block.properties.push(property);
        }
    }
    parseAttribute() {
        const loc = this.next().loc;
        let name = this.expectIdent('an attribute name after "@"');
        while (this.peekPunct('.')) {
            this.next();
            name += `.${this.expectIdent(`a name after "${name}."`)}`;
        }
        const args = this.peekPunct('(') ? this.parseArguments() : [];
        return { name, args, loc };
    }
    parseArguments() {
        this.next();
        this.depth++;
        const args = [];
        for (;;) {
            this.skipLineBreaksInside();
            if (this.peekPunct(')'))
                break;
            const start = this.peek();
            let name = null;
            if (start.kind === 'ident' && this.peekAt(1).kind === 'punct' && this.peekAt(1).text === ':') {
                name = start.text;
                this.pos += 2;
            }
            args.push({ name, value: this.parseExpression(), loc: start.loc });
            this.skipLineBreaksInside();
            if (this.peekPunct(','))
                this.takeComma(')');
            else if (!this.peekPunct(')'))
                throw new errors/* SchemaError */.A(this.peek().loc, `expected "," or ")" in arguments, found ${describe(this.peek())}`);
        }
        this.next();
        this.depth--;
        return args;
    }
    parseExpression() {
        this.skipLineBreaksInside();
        const token = this.next();
        switch (token.kind) {
            case 'string':
                return { kind: 'string', value: token.text, loc: token.loc };
            case 'number':
                return { kind: 'number', value: token.text, loc: token.loc };
            case 'ident': {
                let name = token.text;
                while (this.peekPunct('.')) {
                    this.next();
                    name += `.${this.expectIdent(`a name after "${name}."`)}`;
                }
                if (this.peekPunct('('))
                    return { kind: 'function', name, args: this.parseArguments(), loc: token.loc };
                return { kind: 'constant', value: name, loc: token.loc };
            }
            case 'punct':
                if (token.text === '[')
                    return this.parseArray(token.loc);
                if (token.text === '{')
                    return this.parseObject(token.loc);
                break;
            default:
                break;
        }
        throw new errors/* SchemaError */.A(token.loc, `expected a value (a "string", a number, a name, a function call or a [list]), found ${describe(token)}`);
    }
    parseArray(loc) {
        this.depth++;
        const items = [];
        for (;;) {
            this.skipLineBreaksInside();
            if (this.peekPunct(']'))
                break;
            items.push(this.parseExpression());
            this.skipLineBreaksInside();
            if (this.peekPunct(','))
                this.takeComma(']');
            else if (!this.peekPunct(']'))
                throw new errors/* SchemaError */.A(this.peek().loc, `expected "," or "]" in list, found ${describe(this.peek())}`);
        }
        this.next();
        this.depth--;
        return { kind: 'array', items, loc };
    }
    parseObject(loc) {
        this.depth++;
        const entries = [];
        for (;;) {
            this.skipLineBreaksInside();
            if (this.peekPunct('}'))
                break;
            const keyLoc = this.peek().loc;
            const key = this.expectIdent('a field name in { ... }');
            this.expectPunct(':', `":" after "${key}"`);
            entries.push({ key, value: this.parseExpression(), loc: keyLoc });
            this.skipLineBreaksInside();
            if (this.peekPunct(','))
                this.takeComma('}');
            else if (!this.peekPunct('}'))
                throw new errors/* SchemaError */.A(this.peek().loc, `expected "," or "}" in { ... }, found ${describe(this.peek())}`);
        }
        this.next();
        this.depth--;
        return { kind: 'object', entries, loc };
    }
    expectEndOfLine() {
        const token = this.peek();
        if (token.kind === 'newline' || token.kind === 'eof' || (token.kind === 'punct' && token.text === '}'))
            return;
        throw new errors/* SchemaError */.A(token.loc, `unexpected ${describe(token)}: each field, value or attribute goes on its own line`);
    }
    expectIdent(what) {
        const token = this.next();
        if (token.kind !== 'ident')
            throw new errors/* SchemaError */.A(token.loc, `expected ${what}, found ${describe(token)}`);
        return token.text;
    }
    expectPunct(text, what) {
        this.skipNewlinesInside();
        const token = this.next();
        if (token.kind !== 'punct' || token.text !== text)
            throw new errors/* SchemaError */.A(token.loc, `expected ${what}, found ${describe(token)}`);
    }
    skipNewlines() {
        while (this.peek().kind === 'newline')
            this.pos++;
    }
    skipNewlinesInside() {
        if (this.depth > 0)
            this.skipLineBreaksInside();
    }
    /** Line breaks within a statement: read, and noted, as Prisma's parser takes a statement to end with its line. */
    skipLineBreaksInside() {
        if (this.peek().kind !== 'newline')
            return;
        this.skipNewlines();
        this.note('line-break-in-arguments');
    }
    takeComma(closing) {
        this.next();
        this.skipLineBreaksInside();
        if (this.peekPunct(closing))
            this.note('trailing-comma');
    }
    note(kind) {
        const loc = this.statement ?? this.peek().loc;
        if (!this.schema.syntax.some((note) => note.kind === kind && note.loc === loc))
            this.schema.syntax.push({ kind, loc });
    }
    peek() {
        return this.peekAt(0);
    }
    peekAt(offset) {
        return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
    }
    peekPunct(text) {
        const token = this.peek();
        return token.kind === 'punct' && token.text === text;
    }
    next() {
        const token = this.peek();
        if (this.pos < this.tokens.length - 1)
            this.pos++;
        return token;
    }
}
function rejectDuplicateNames(schema, paths) {
    const seen = new Map();
    // In the order they are written, so that the later of two blocks is the one reported.
    const written = (loc) => paths.indexOf(loc.file) * 1e9 + loc.line;
    const blocks = [...schema.models, ...schema.views, ...schema.types, ...schema.enums].sort((a, b) => written(a.loc) - written(b.loc));
    for (const block of blocks) {
        const earlier = seen.get(block.name);
        if (earlier)
            throw new errors/* SchemaError */.A(block.loc, `${block.kind} "${block.name}" has the same name as the ${earlier.kind} at ${earlier.loc.file}:${earlier.loc.line}: rename one of them`);
        seen.set(block.name, { kind: block.kind, loc: block.loc });
    }
    const datasources = schema.datasources;
    if (datasources.length > 1)
        throw new errors/* SchemaError */.A(datasources[1].loc, 'a schema has exactly one datasource: remove this one or merge it into the first');
}

;// CONCATENATED MODULE: ./src/compare/suggest.ts



function withSchemaSuggestions(findings, input) {
    return findings.map((finding) => {
        if (finding.suggestion || (finding.rule !== 'drift/extra-index' && finding.rule !== 'drift/extra-column'))
            return finding;
        const suggestion = suggest(finding, input);
        return suggestion ? { ...finding, suggestion } : finding;
    });
}
function suggest(finding, input) {
    const object = finding.object;
    if (!object?.table)
        return null;
    const find = (schema) => schema.tables.find((table) => table.schema === object.schema && table.name === object.table);
    const expected = find(input.expected);
    const migrated = find(input.migrated);
    const model = input.source.parsed.models.find((block) => block.name === expected?.model);
    const file = input.source.files.find((candidate) => candidate.path === model?.loc.file);
    if (!expected || !migrated || !model || !file)
        return null;
    const lines = file.content.split('\n');
    if (finding.rule === 'drift/extra-index') {
        const index = migrated.indexes.find((candidate) => candidate.name === object.name);
        const attribute = index && indexAttribute(index, expected);
        const close = attribute ? closingLine(lines, model) : null;
        if (!attribute || close === null)
            return null;
        // Block attributes go after the fields, set off by a blank line as `prisma format` leaves them.
        const previous = lines[close - 2]?.trim() ?? '';
        const gap = previous === '' || previous.startsWith('@@') || previous.endsWith('{') ? [] : [''];
        return {
            file: file.path,
            startLine: close,
            endLine: close,
            replacement: [...gap, `${indentOf(lines, model)}${attribute}`, stripCr(lines[close - 1])].join('\n'),
        };
    }
    const column = migrated.columns.find((candidate) => candidate.name === object.column);
    const declaration = column && fieldDeclaration(column, model, input.migrated);
    const last = model.fields.at(-1);
    if (!declaration || !last)
        return null;
    // After the last field, aligned with the fields' types and attributes as `prisma format` aligns them.
    const [name, type, attributes] = declaration;
    const typeColumn = commonest(model.fields.map((field) => field.type.loc.column)) ?? 0;
    const attributeColumn = commonest(model.fields.flatMap((field) => (field.attributes[0] ? [field.attributes[0].loc.column] : []))) ?? 0;
    const pad = (text, column) => (text.length < column - 1 ? text.padEnd(column - 1) : `${text} `);
    let line = pad(`${indentOf(lines, model)}${name}`, typeColumn) + type;
    if (attributes)
        line = pad(line, attributeColumn) + attributes;
    return {
        file: file.path,
        startLine: last.loc.line,
        endLine: last.loc.line,
        replacement: `${stripCr(lines[last.loc.line - 1])}\n${line.trimEnd()}`,
    };
}
/** `@@index([a, b], map: "…")` or `@@unique(…)` for an index Prisma can declare as it is. */
function indexAttribute(index, table) {
    if (index.predicate !== null || index.constraint || index.method !== 'btree')
        return null;
    const fields = [];
    for (const column of index.columns) {
        const declared = column.name === null ? undefined : table.columns.find((candidate) => candidate.name === column.name);
        if (!declared || column.opclass)
            return null;
        fields.push(column.sort === 'DESC' ? `${declared.field ?? declared.name}(sort: Desc)` : (declared.field ?? declared.name));
    }
    const columns = index.columns.map((column) => column.name);
    const standard = index.unique ? uniqueIndexName(table.name, columns) : indexName(table.name, columns);
    const map = index.name === standard ? '' : `, map: ${suggest_quote(index.name)}`;
    return `@@${index.unique ? 'unique' : 'index'}([${fields.join(', ')}]${map})`;
}
/** Prisma's scalar for a column type it creates without `@db.*` (the expected side's table, read backwards). */
const SCALARS = new Map(Object.entries(DEFAULT_TYPES).map(([scalar, type]) => [type.name, { scalar, args: type.args }]));
/** The `@db.*` types by their pg_type. */
const NATIVE = {
    varchar: { scalar: 'String', native: 'VarChar' },
    bpchar: { scalar: 'String', native: 'Char' },
    uuid: { scalar: 'String', native: 'Uuid' },
    xml: { scalar: 'String', native: 'Xml' },
    inet: { scalar: 'String', native: 'Inet' },
    int2: { scalar: 'Int', native: 'SmallInt' },
    float4: { scalar: 'Float', native: 'Real' },
    numeric: { scalar: 'Decimal', native: 'Decimal' },
    money: { scalar: 'Decimal', native: 'Money' },
    timestamp: { scalar: 'DateTime', native: 'Timestamp' },
    timestamptz: { scalar: 'DateTime', native: 'Timestamptz' },
    date: { scalar: 'DateTime', native: 'Date' },
    time: { scalar: 'DateTime', native: 'Time' },
    timetz: { scalar: 'DateTime', native: 'Timetz' },
    json: { scalar: 'Json', native: 'Json' },
};
/** Name, type and attributes of the field that creates `column` as it is, or null when there is none to write. */
function fieldDeclaration(column, model, schema) {
    if (column.identity || column.generated || !/^[A-Za-z][A-Za-z0-9_]*$/.test(column.name))
        return null;
    if (model.fields.some((field) => field.name === column.name))
        return null;
    const type = prismaType(column.type);
    if (!type)
        return null;
    const isEnum = schema.enums.some((candidate) => candidate.schema === column.type.schema && candidate.name === column.type.name);
    const parsed = parseDefault(column.default, typeFamily(column.type, isEnum), column.type.array, 'migrated');
    const fallback = parsed === null ? '' : defaultAttribute(parsed);
    if (fallback === null)
        return null;
    const arity = column.type.array ? '[]' : column.nullable ? '?' : '';
    return [column.name, `${type.scalar}${arity}`, [type.native, fallback].filter(Boolean).join(' ')];
}
function prismaType(type) {
    if (type.schema)
        return null;
    const plain = SCALARS.get(type.name);
    if (plain && plain.args.join() === type.args.join())
        return { scalar: plain.scalar, native: '' };
    const native = NATIVE[type.name];
    if (!native)
        return null;
    return { scalar: native.scalar, native: `@db.${native.native}${type.args.length ? `(${type.args.join(', ')})` : ''}` };
}
/** `@default(…)` for a default Prisma reads back as this value; null for one it cannot write. */
function defaultAttribute(parsed) {
    switch (parsed.kind) {
        case 'now':
            return '@default(now())';
        case 'dbgenerated':
            return `@default(dbgenerated(${suggest_quote(parsed.text)}))`;
        case 'value': {
            const { value } = parsed;
            if (value.type === 'int' || value.type === 'decimal')
                return `@default(${String(value.value)})`;
            if (value.type === 'boolean')
                return `@default(${value.value})`;
            if (value.type === 'string' || value.type === 'json')
                return `@default(${suggest_quote(value.value)})`;
            return null;
        }
        default:
            return null;
    }
}
/** A Prisma string literal. */
function suggest_quote(text) {
    return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
}
/** The 1-based line of the model's closing brace: the first line after its start that begins with `}`. */
function closingLine(lines, model) {
    for (let line = model.loc.line; line < lines.length; line++) {
        if (lines[line].trimStart().startsWith('}'))
            return line + 1;
    }
    return null;
}
/** The indentation of the model's fields. */
function indentOf(lines, model) {
    const first = model.fields[0] ?? model.attributes[0];
    return first ? (/^\s*/.exec(lines[first.loc.line - 1] ?? '')?.[0] ?? '  ') : '  ';
}
function stripCr(line) {
    return line.replace(/\r$/, '');
}
function commonest(values) {
    const counts = new Map();
    for (const value of values)
        counts.set(value, (counts.get(value) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? null;
}

;// CONCATENATED MODULE: ./src/prisma/validity.ts


/** Each form or rule, and the releases whose parser refuses it (all of them when neither bound is set). */
const VERSION_RULES = {
    'block-comment': { acceptedFrom: '6.1', what: 'a /* */ comment' },
    'comment-inside-line': { what: 'a /* */ comment between the parts of a line' },
    'byte-order-mark': { what: 'a byte order mark (BOM)' },
    'unicode-identifier': { acceptedFrom: '6.0', what: 'a name with letters outside ASCII' },
    'line-break-in-arguments': { what: 'a line break inside an attribute’s arguments or a list' },
    'trailing-comma': { what: 'a comma before a closing bracket' },
    'view-primary-key': { refusedFrom: '6.13', what: 'a primary key (@id or @@id) on a view' },
    'view-without-unique': { acceptedFrom: '6.13', what: 'a view without @id, @unique, @@id or @@unique' },
    'uuid-version': { acceptedFrom: '5.18', what: 'an argument to uuid()' },
    'cuid-version': { acceptedFrom: '6.0', what: 'an argument to cuid()' },
    'view-relation-without-opposite': { what: 'a relation field on a view with no opposite field on the related model' },
    'multi-schema-without-preview': { acceptedFrom: '6.13', what: 'schemas or @@schema without the "multiSchema" preview feature' },
};
/** Whether the release refuses the form; the latest rules when the version is unknown. */
function refuses(rule, version) {
    const range = VERSION_RULES[rule];
    if (range.acceptedFrom)
        return version !== null && (0,prisma_version/* compareVersions */.Zy)(version, range.acceptedFrom) < 0;
    if (range.refusedFrom)
        return version === null || (0,prisma_version/* compareVersions */.Zy)(version, range.refusedFrom) >= 0;
    return true;
}
/** Warnings for what the project's Prisma release (latest when null) refuses that the check can still read. */
function schemaWarnings(schema, version) {
    const found = [
        ...schema.syntax.map((note) => ({ rule: note.kind, loc: note.loc })),
        ...schema.views.flatMap((view) => viewRules(view)),
        ...viewRelationRules(schema),
        ...[...schema.models, ...schema.views].flatMap((block) => defaultArgumentRules(block)),
        ...multiSchemaRules(schema),
    ];
    const warnings = found
        .filter(({ rule }) => refuses(rule, version))
        .map(({ rule, loc }) => ({ loc, message: warningText(rule, version) }));
    return warnings.sort((a, b) => a.loc.file < b.loc.file ? -1 : a.loc.file > b.loc.file ? 1 : a.loc.line - b.loc.line || a.loc.column - b.loc.column);
}
function warningText(rule, version) {
    const range = VERSION_RULES[rule];
    const release = version === null ? 'the latest Prisma' : `Prisma ${version}`;
    const since = range.acceptedFrom
        ? `: Prisma reads it from ${range.acceptedFrom} on, so upgrade Prisma or rewrite it`
        : range.refusedFrom
            ? ` (from ${range.refusedFrom} on): remove it`
            : ': rewrite it';
    return `${range.what} is refused by ${release}'s schema parser${since}. The check read it anyway, as it changes nothing about the database.`;
}
function viewRules(view) {
    const rules = [];
    const fieldId = view.fields.find((field) => findAttribute(field.attributes, 'id'));
    const blockId = findAttribute(view.attributes, 'id');
    if (fieldId || blockId)
        rules.push({ rule: 'view-primary-key', loc: (blockId ?? findAttribute(fieldId.attributes, 'id')).loc });
    const unique = fieldId ||
        blockId ||
        findAttribute(view.attributes, 'unique') ||
        view.fields.some((field) => findAttribute(field.attributes, 'unique') && !field.type.optional);
    if (!unique)
        rules.push({ rule: 'view-without-unique', loc: view.loc });
    return rules;
}
function defaultArgumentRules(block) {
    return block.fields.flatMap((field) => {
        const value = findAttribute(field.attributes, 'default')?.args[0]?.value;
        if (value?.kind !== 'function' || value.args.length === 0)
            return [];
        if (value.name === 'uuid')
            return [{ rule: 'uuid-version', loc: value.loc }];
        if (value.name === 'cuid')
            return [{ rule: 'cuid-version', loc: value.loc }];
        return [];
    });
}
/** Before multiSchema was generally available, `schemas` and `@@schema` needed it among the preview features. */
function multiSchemaRules(schema) {
    const features = schema.generators
        .flatMap((generator) => generator.properties.filter((property) => property.name === 'previewFeatures'))
        .flatMap((property) => (property.value.kind === 'array' ? property.value.items : []))
        .flatMap((item) => (item.kind === 'string' ? [item.value] : []));
    if (features.includes('multiSchema'))
        return [];
    const schemas = schema.datasources.flatMap((block) => block.properties.filter((property) => property.name === 'schemas'));
    const attributes = [...schema.models, ...schema.views, ...schema.enums].flatMap((block) => block.attributes.filter((attribute) => attribute.name === 'schema'));
    return [...schemas, ...attributes].map((node) => ({ rule: 'multi-schema-without-preview', loc: node.loc }));
}
/**
 * Relations from a view: expectSchema never looks at views' fields, as no key is created for them, but Prisma
 * refuses one whose related model has no field back.
 */
function viewRelationRules(schema) {
    const blocks = new Map([...schema.models, ...schema.views].map((block) => [block.name, block]));
    return schema.views.flatMap((view) => view.fields
        .filter((field) => blocks.has(field.type.name))
        .filter((field) => !blocks.get(field.type.name).fields.some((other) => other !== field && other.type.name === view.name))
        .map((field) => ({ rule: 'view-relation-without-opposite', loc: field.loc })));
}

// EXTERNAL MODULE: ./src/report/report.ts
var report = __webpack_require__(8850);
;// CONCATENATED MODULE: ./src/report/text.ts



/** Findings in a stable reading order: by group, then file and line. */
function sortFindings(findings) {
    const order = (f) => catalogue/* GROUPS */.fd.indexOf(f.group);
    return [...findings].sort((a, b) => order(a) - order(b) ||
        (a.location?.file ?? '').localeCompare(b.location?.file ?? '') ||
        (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
        a.message.localeCompare(b.message));
}
function countsByGroup(findings) {
    const counts = new Map();
    for (const finding of findings)
        counts.set(finding.group, (counts.get(finding.group) ?? 0) + 1);
    return catalogue/* GROUPS */.fd.filter((group) => counts.has(group))
        .map((group) => `${counts.get(group)} ${group}`)
        .join(', ');
}
function verdict(report) {
    if (!report.findings.length) {
        return `In sync: ${report.migrations} (${report.applied.length} migrations) produces exactly what ${report.schema} describes.`;
    }
    const counts = countsByGroup(report.findings);
    return report.ok ? `Passed with findings that do not fail the check: ${counts}.` : `Failed: ${counts}.`;
}
/** Which Prisma's conventions the check applied, and why: a reader must be able to tell a version mismatch. */
function conventionsNote(report) {
    if (!report.prismaVersion)
        return 'Prisma version unknown: the latest conventions were assumed (set prisma-version to choose)';
    return `Prisma ${report.prismaVersion} conventions (from ${report.prismaVersionSource ?? 'the project'})`;
}
function where(finding) {
    return finding.location ? `${finding.location.file}:${finding.location.line}:${finding.location.column}` : '';
}
/** The console form: one block per finding, readable in the Actions log and a terminal. */
function renderText(report) {
    const lines = [verdict(report), ...report.warnings.map((warning) => `Warning: ${warning}`)];
    for (const finding of sortFindings(report.findings)) {
        const at = where(finding);
        lines.push('', `${finding.severity.toUpperCase()} ${finding.rule}${at ? ` at ${at}` : ''}`, `  ${finding.message}`);
        for (const size of finding.sizes ?? [])
            lines.push(`  ${sizeLine(size)}`);
        if (finding.hint)
            lines.push(`  Fix: ${finding.hint}`);
        lines.push(`  About ${finding.rule}: ${(0,catalogue/* docUrl */.yJ)(finding.rule)}`);
        if (finding.sql)
            lines.push(...finding.sql.split('\n').map((line) => `    ${line}`));
    }
    if (report.staleBaseline.length) {
        lines.push('', `${report.staleBaseline.length} baseline entries match nothing any more; remove them (prisma-drift baseline rewrites the file):`);
        lines.push(...report.staleBaseline.map((entry) => `  ${entry.rule} ${entry.object ?? entry.migration ?? ''}${entry.environment ? ` (${entry.environment})` : ''}`));
    }
    if (report.unmodelled.length) {
        lines.push('', `Not modelled by Prisma (never drift): ${report.unmodelled.length} objects (${[...new Set(report.unmodelled.map((o) => o.kind))].join(', ')}).`);
    }
    const replayed = report.applied.length ? `Replayed ${report.applied.length} migrations` : 'Checked';
    lines.push('', `${replayed} on PostgreSQL ${report.postgresVersion}; ${conventionsNote(report)}; check took ${report.durationMs} ms.`);
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/apply/screen.ts


// migration/invalid-encoding (error): migration.sql is not valid UTF-8. Prisma reads migrations as UTF-8 and
// refuses such a file; replaying it with the bad bytes turned into U+FFFD would check a different migration.
const INVALID_ENCODING = 'migration/invalid-encoding';
// migration/outside-database (error): a statement reaches beyond the migration's own database (other
// databases, roles, server settings, the server's files and programs, other servers, other sessions). It is
// never run: the replay stops before its migration.
const OUTSIDE_DATABASE = 'migration/outside-database';
/**
 * Reads every migration before any of them runs: each must be UTF-8, and none may reach outside the
 * throwaway database. The whole history is screened, not only a pull request's new migrations: an edited old
 * migration runs too. This is the first line of defence; what it cannot see (SQL built at run time in a DO
 * block or a function) meets a role that may do nothing outside its own databases.
 */
async function screenMigrations(migrations, relative) {
    const findings = [];
    let stopAt = null;
    for (const [index, migration] of migrations.entries()) {
        if (!migration.sqlPath)
            continue;
        const file = relative(migration.sqlPath);
        const bytes = (0,external_node_fs_.readFileSync)(migration.sqlPath);
        const decoded = decodeUtf8(bytes);
        const found = 'invalidAt' in decoded
            ? [encodingFinding(migration.name, file, bytes, decoded.invalidAt)]
            : await outsideStatements(migration.name, file, decoded.text);
        findings.push(...found);
        if (found.length > 0)
            stopAt ??= index;
    }
    return { findings, stopAt };
}
/** The text, or the offset of the first byte that is not part of a valid UTF-8 sequence. */
function decodeUtf8(bytes) {
    try {
        return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    }
    catch {
        return { invalidAt: firstInvalidByte(bytes) };
    }
}
function firstInvalidByte(bytes) {
    let i = 0;
    while (i < bytes.length) {
        const b = bytes[i];
        const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
        if (length === 0)
            return i;
        // Decoding the sequence alone applies the rules on overlong forms, surrogates and the upper limit.
        try {
            new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + length));
        }
        catch {
            return i;
        }
        i += length;
    }
    return bytes.length;
}
function encodingFinding(name, file, bytes, offset) {
    const before = bytes.subarray(0, offset);
    const line = before.filter((b) => b === 0x0a).length + 1;
    const lineStart = before.lastIndexOf(0x0a) + 1;
    const column = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset)).length + 1;
    const byte = bytes[offset]?.toString(16).padStart(2, '0') ?? 'end of file';
    return {
        rule: INVALID_ENCODING,
        group: 'migration',
        severity: 'error',
        message: `Migration \`${name}\` is not valid UTF-8: byte 0x${byte} at line ${line}, column ${column} (byte offset ${offset}). Prisma reads migrations as UTF-8 and stops on this file; it was not replayed.`,
        migration: name,
        location: { file, line, column },
        object: { kind: 'migration', name },
        hint: 'Save the file as UTF-8 (for example `iconv -f latin1 -t utf-8`), then check that its text still means what it did.',
    };
}
/** What each kind of statement reaches outside the database, as a finding's message says it. */
const STATEMENTS = {
    CreatedbStmt: 'creates a database',
    DropdbStmt: 'drops a database',
    AlterDatabaseStmt: 'alters a database',
    AlterDatabaseSetStmt: 'changes the settings of a database',
    AlterDatabaseRefreshCollStmt: 'alters a database',
    CreateRoleStmt: 'creates a role',
    AlterRoleStmt: 'alters a role',
    AlterRoleSetStmt: 'changes the settings of a role',
    DropRoleStmt: 'drops a role',
    GrantRoleStmt: 'grants or revokes membership in a role',
    ReassignOwnedStmt: "reassigns a role's objects",
    AlterSystemStmt: "changes the server's configuration (postgresql.auto.conf)",
    LoadStmt: 'loads a shared library into the server',
    CreateTableSpaceStmt: "creates a tablespace in the server's file system",
    DropTableSpaceStmt: 'drops a tablespace',
    AlterTableSpaceOptionsStmt: 'alters a tablespace',
    CreateForeignServerStmt: 'defines a connection to another server',
    AlterForeignServerStmt: 'alters a connection to another server',
    CreateUserMappingStmt: 'stores credentials for another server',
    AlterUserMappingStmt: 'alters credentials for another server',
    ImportForeignSchemaStmt: 'reads the schema of another server',
    CreateFdwStmt: 'creates a foreign-data wrapper',
    AlterFdwStmt: 'alters a foreign-data wrapper',
    CreateSubscriptionStmt: 'connects to another server to replicate from it',
    AlterSubscriptionStmt: 'alters a replication subscription',
};
/** Objects whose renaming or change of owner is about the server, not the database. */
const SHARED_OBJECTS = { OBJECT_DATABASE: 'a database', OBJECT_ROLE: 'a role', OBJECT_TABLESPACE: 'a tablespace' };
/** Settings that switch the session to another role. */
const ROLE_SETTINGS = new Set(['role', 'session_authorization']);
/** Functions that read or write the server's files, signal other sessions, or connect to other servers. */
const screen_FUNCTIONS = [
    [/^pg_(read_file|read_binary_file|stat_file|ls_\w+|file_\w+|logdir_ls)$/, "reads or writes the server's files"],
    [/^lo_(import|export)$/, "reads or writes the server's files"],
    [/^(pg_terminate_backend|pg_cancel_backend|pg_signal_backend)$/, 'signals other sessions'],
    [
        /^(pg_reload_conf|pg_rotate_logfile|pg_promote|pg_switch_wal|pg_create_restore_point|pg_(start|stop)_backup|pg_backup_(start|stop))$/,
        'acts on the whole server',
    ],
    [/^pg_(create|drop|copy)_\w*replication_slot$|^pg_replication_origin_\w+$/, "changes the server's replication"],
    [/^dblink\w*$/, 'connects to another server'],
];
/** Extensions whose only purpose is to reach beyond the database: the server's files, other servers. */
const OUTSIDE_EXTENSIONS = {
    dblink: 'connects to other servers',
    postgres_fdw: 'connects to other servers',
    file_fdw: "reads the server's files",
    adminpack: "writes the server's files",
};
async function outsideStatements(name, file, sql) {
    const parsed = await parseMigrationSql(sql);
    // A file the parser rejects is reported by the rules (or by the server); the role contains it meanwhile.
    if (!parsed.ok)
        return [];
    return parsed.statements.flatMap((statement) => {
        const reason = reachesOutside(statement.node);
        if (!reason)
            return [];
        return [
            {
                rule: OUTSIDE_DATABASE,
                group: 'migration',
                severity: 'error',
                message: `Migration \`${name}\` ${reason}, outside the database it migrates (line ${statement.line}): \`${firstLine(statement.text)}\`. The check does not run it, and \`prisma migrate deploy\` would run it with the deploying role's rights on production.`,
                migration: name,
                location: { file, line: statement.line, column: statement.column },
                object: { kind: 'migration', name },
                hint: 'Migrations change one database. Manage databases, roles, server settings and connections to other servers outside the migration history (infrastructure code, a DBA runbook).',
            },
        ];
    });
}
/** Why a statement reaches outside its database, or null. Looks into every node, so a call nested in a view or a default counts. */
function reachesOutside(node) {
    const [kind, body] = Object.entries(node)[0];
    if (kind in STATEMENTS)
        return STATEMENTS[kind];
    if ((kind === 'RenameStmt' && SHARED_OBJECTS[body.renameType]) ||
        (kind === 'AlterOwnerStmt' && SHARED_OBJECTS[body.objectType])) {
        return `alters ${SHARED_OBJECTS[(body.renameType ?? body.objectType)]}`;
    }
    if (kind === 'CopyStmt' && body.is_program)
        return 'runs a program on the database server (COPY … PROGRAM)';
    if (kind === 'CopyStmt' && typeof body.filename === 'string')
        return 'reads or writes a file on the database server (COPY with a file name)';
    if (kind === 'VariableSetStmt' && body.kind !== 'VAR_RESET' && ROLE_SETTINGS.has(body.name))
        return 'switches to another role';
    if (kind === 'CreateExtensionStmt' && OUTSIDE_EXTENSIONS[body.extname]) {
        return `creates the extension \`${String(body.extname)}\`, which ${OUTSIDE_EXTENSIONS[body.extname]}`;
    }
    if (kind === 'CreateFunctionStmt') {
        const language = languageOf(body.options);
        if (language && (language === 'c' || language === 'internal' || /u$/.test(language)))
            return `creates a function in the untrusted language \`${language}\`, which runs code on the database server`;
    }
    return nestedCall(node);
}
function languageOf(options) {
    for (const option of options ?? []) {
        if ('DefElem' in option && option.DefElem.defname === 'language') {
            const arg = option.DefElem.arg;
            if (arg && 'String' in arg)
                return (arg.String.sval ?? '').toLowerCase();
        }
    }
    return null;
}
/** The first call anywhere in the tree to a function that reaches outside, with `set_config('role', …)` as a role switch. */
function nestedCall(value) {
    if (Array.isArray(value)) {
        for (const item of value) {
            const found = nestedCall(item);
            if (found)
                return found;
        }
        return null;
    }
    if (typeof value !== 'object' || value === null)
        return null;
    const call = value.FuncCall;
    if (call) {
        const name = (call.funcname ?? [])
            .map((part) => ('String' in part ? part.String.sval : ''))
            .at(-1)
            ?.toLowerCase() ?? '';
        const match = screen_FUNCTIONS.find(([pattern]) => pattern.test(name));
        if (match)
            return `calls \`${name}\`, which ${match[1]}`;
        const first = call.args?.[0];
        const setting = first && 'A_Const' in first ? first.A_Const.sval?.sval?.toLowerCase() : undefined;
        if (name === 'set_config' && setting && ROLE_SETTINGS.has(setting))
            return 'switches to another role';
    }
    for (const child of Object.values(value)) {
        const found = nestedCall(child);
        if (found)
            return found;
    }
    return null;
}
function firstLine(text) {
    const line = text.split('\n')[0].trim();
    return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}

// EXTERNAL MODULE: ./src/common/redact.ts
var redact = __webpack_require__(6800);
;// CONCATENATED MODULE: ./src/target/connect.ts



/** How long one statement on a live database may run before PostgreSQL cancels it. */
const connect_STATEMENT_TIMEOUT = '30s';
/** How long to wait for a lock instead of queueing behind a migration (and making others queue behind us). */
const connect_LOCK_TIMEOUT = '5s';
function targetAddress(url) {
    const parsed = new URL(url);
    return {
        host: parsed.port ? `${parsed.hostname}:${parsed.port}` : parsed.hostname,
        schema: parsed.searchParams.get('schema') || 'public',
        pooler: parsed.searchParams.get('pgbouncer') === 'true' || /-pooler[.]/.test(parsed.hostname),
    };
}
/** The connection failed before any query ran: the target is unreachable, not different. */
class TargetConnectionError extends Error {
    constructor(cause) {
        super(errorText(cause), { cause });
        this.name = 'TargetConnectionError';
    }
}
/**
 * Runs `fn` on a live database in a transaction that cannot write, and rolls it back whatever happens.
 * Two guards, so that neither a pooler nor a misconfigured role can turn a check into a write: the session
 * default `default_transaction_read_only` (set at startup where the server accepts it), and every
 * transaction opened explicitly READ ONLY. The timeouts are SET LOCAL, per transaction, because a
 * transaction-mode pooler may hand each transaction a different server session. REPEATABLE READ gives
 * every query of `fn` one snapshot, so the migrations table and the catalog are read at the same instant.
 */
async function readOnly(url, fn) {
    const address = targetAddress(url);
    const client = await connect_connect(url, address);
    try {
        await client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
        try {
            await client.query(`SET LOCAL statement_timeout = '${connect_STATEMENT_TIMEOUT}'`);
            await client.query(`SET LOCAL lock_timeout = '${connect_LOCK_TIMEOUT}'`);
            // Expressions print relative to the search_path: read them as Prisma, which uses the URL's schema.
            await client.query(`SELECT set_config('search_path', $1, true)`, [(0,quote/* quoteIdent */.v)(address.schema)]);
            // timestamptz defaults print in the session's time zone; the throwaway replay reads them in UTC.
            await client.query(`SET LOCAL TimeZone = 'UTC'`);
            return await fn(client);
        }
        finally {
            // A ROLLBACK that fails means the connection is gone, and the server has ended the transaction with it.
            await client.query('ROLLBACK').catch(() => { });
        }
    }
    finally {
        await client.end().catch(() => { });
    }
}
async function connect_connect(url, address) {
    const attempt = (withOptions) => (0,connect/* connect */.Ng)(url, withOptions ? { options: '-c default_transaction_read_only=on' } : {});
    try {
        // Poolers in transaction mode refuse the `options` startup parameter outright.
        return await attempt(!address.pooler);
    }
    catch (error) {
        if (!address.pooler && isUnsupportedStartupParameter(error)) {
            try {
                return await attempt(false);
            }
            catch (retryError) {
                throw new TargetConnectionError(retryError);
            }
        }
        throw new TargetConnectionError(error);
    }
}
function isUnsupportedStartupParameter(error) {
    return /unsupported startup parameter/i.test(errorText(error));
}
function errorText(error) {
    if (error instanceof AggregateError)
        return error.errors.map(errorText).join('; ');
    return error instanceof Error ? error.message || (error.code ?? '') : String(error);
}
/** Errors a transaction-mode pooler gives a client that expects a session (or a server of its own). */
const POOLER_SYMPTOMS = /unsupported startup parameter|prepared statement .* (already exists|does not exist)|protocol violation|server login has been failing|no more connections allowed|query_wait_timeout|bind message supplies/i;
/** A finding for an environment whose database could not be reached; the message never carries a password. */
function unreachableFinding(environment, url, error) {
    const cause = error instanceof TargetConnectionError ? error.cause : error;
    const address = safeAddress(url);
    const code = cause.code;
    const text = (0,redact/* redactUrl */.B)(errorText(cause)) + (code && !errorText(cause).includes(code) ? ` (${code})` : '');
    const poolerHint = address?.pooler && POOLER_SYMPTOMS.test(errorText(cause))
        ? `The URL goes through a transaction-mode pooler; use the direct connection URL (the one \`directUrl\` points at${address.host.includes('-pooler.') ? `, for Neon the host without \`-pooler\`` : ''}).`
        : null;
    return {
        rule: 'target/unreachable',
        group: 'target',
        severity: 'error',
        message: `\`${environment}\`: could not connect to the database at ${address?.host ?? 'the given URL'}: ${text}.`,
        hint: poolerHint ??
            'Check that the URL is right, that the database accepts connections from this runner (firewall, IP allow list, SSL: `?sslmode=require`), and that the role may log in.',
    };
}
function safeAddress(url) {
    try {
        return targetAddress(url);
    }
    catch {
        return null;
    }
}

;// CONCATENATED MODULE: ./src/target/drift.ts









/**
 * Replays the migrations a target has applied on a throwaway database, under the search_path Prisma
 * gives them (the URL's schema), and reads back the database they alone would produce. The database is
 * dropped with the others when the server is closed.
 */
async function replayApplied(provisioned, applied, schema, relativePath, refused = new Map()) {
    const database = await provisioned.createDatabase();
    return withScratchClient(database.url, async (client) => {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${(0,quote/* quoteIdent */.v)(schema)}`);
        await client.query(`SELECT set_config('search_path', $1, false)`, [(0,quote/* quoteIdent */.v)(schema)]);
        const replay = await applyMigrations(client, applied, relativePath, {
            refused,
            createExtension: (request, currentSchema) => provisioned.createExtension(database.name, request, currentSchema),
        });
        if (replay.failure)
            return { ok: false, failure: replay.failure };
        return { ok: true, schema: await introspect(client) };
    });
}
/**
 * Diffs what a target's applied migrations produce (`replayed`) against the target itself, with the
 * matching of diffSchemas and wording of its own: an object only the target has is a change made by
 * hand, one only the migrations have was dropped by hand or never fully applied. Both sides are real
 * databases, so partial and expression indexes, which diffSchemas does not model, are left out of both.
 * `schema` is the URL's schema, compared even when the replay left it empty.
 */
function compareWithTarget(environment, replayed, target, schema, locate = () => undefined) {
    const scope = new Set([schema, ...replayed.tables.map((t) => t.schema), ...replayed.enums.map((e) => e.schema)]);
    const expected = { ...replayed, namespaces: [...scope], tables: replayed.tables.map(modelledOnly) };
    const actual = { ...target, tables: target.tables.map(modelledOnly) };
    return diffSchemas(expected, actual).map((change) => targetFinding(`\`${environment}\``, change, locate));
}
function modelledOnly(table) {
    return { ...table, indexes: table.indexes.filter((index) => index.predicate === null && index.columns.every((c) => c.name !== null)) };
}
const HAND_MADE = 'Someone changed the database by hand (a hotfix, a manual index). Put the change into a new migration and mark it applied on this database with `npx prisma migrate resolve --applied <name>`, or undo it in the database.';
const LOST = 'A migration was only partly applied, or this was changed by hand afterwards. Restore it in the database, or write a migration that makes the same change so the history says what the database has.';
function targetFinding(environment, change, locate) {
    const { message, hint, sql } = drift_describe(change);
    const found = change.kind.startsWith('extra-') ? undefined : locate(change.object);
    return {
        rule: (0,catalogue/* targetRuleOf */.hv)(`drift/${change.kind}`),
        group: 'target',
        severity: 'error',
        message: `${environment}: ${message}`,
        object: change.object,
        ...(found ? { location: found.location, migration: found.migration } : {}),
        ...(sql ? { sql } : {}),
        hint,
    };
}
/** The change in the live database's terms: the database is the actual side, the applied migrations the expected one. */
function drift_describe(change) {
    const what = label(change.object);
    const differs = (detail) => ({
        message: `${what} ${detail}.`,
        hint: `${HAND_MADE} If a migration was meant to change it, that migration never ran here.`,
    });
    switch (change.kind) {
        case 'missing-table':
        case 'missing-column':
        case 'missing-index':
        case 'missing-foreign-key':
        case 'missing-enum':
        case 'missing-enum-value':
        case 'missing-extension':
            return {
                message: `${what} is created by the migrations this database has applied, but the database does not have it.`,
                hint: LOST,
                sql: fixSql(change),
            };
        case 'extra-table':
        case 'extra-column':
        case 'extra-index':
        case 'extra-foreign-key':
        case 'extra-enum':
        case 'extra-enum-value':
            return { message: `${what} is in the database but in no migration it has applied.`, hint: HAND_MADE };
        case 'column-type':
        case 'column-nullability':
        case 'column-default': {
            const show = {
                'column-type': (c) => formatType(c.type),
                'column-nullability': (c) => (c.nullable ? 'nullable' : 'NOT NULL'),
                'column-default': (c) => `default ${c.default ?? 'none'}`,
            }[change.kind];
            return differs(`is ${show(change.actual)} in the database, ${show(change.expected)} in the migrations`);
        }
        case 'primary-key':
            return differs(`is ${describeKey(change.actual)} in the database, ${describeKey(change.expected)} in the migrations`);
        case 'index-name':
        case 'foreign-key-name':
            return differs(`is named \`${change.actual.name}\` in the database`);
        case 'index-definition':
            return differs(`is ${describeIndex(change.actual)} in the database, ${describeIndex(change.expected)} in the migrations`);
        case 'foreign-key-definition':
            return differs(`is ${describeForeignKey(change.actual)} in the database, ${describeForeignKey(change.expected)} in the migrations`);
    }
}
function label(object) {
    switch (object.kind) {
        case 'table':
            return `Table \`${object.name}\``;
        case 'column':
            return `Column \`${object.table}.${object.name}\``;
        case 'index':
            return `Index \`${object.name}\` on \`${object.table}\``;
        case 'foreign-key':
            return `Foreign key \`${object.name}\` on \`${object.table}\``;
        case 'primary-key':
            return `The primary key of \`${object.table}\``;
        case 'enum':
            return `Enum type \`${object.name}\``;
        case 'enum-value':
            return `Value \`${object.name}\` of enum \`${object.table}\``;
        case 'extension':
            return `Extension \`${object.name}\``;
        default:
            return `\`${object.name}\``;
    }
}
function describeKey(pk) {
    return pk ? `\`${pk.name}\` on (${pk.columns.join(', ')})` : 'missing';
}

;// CONCATENATED MODULE: ./src/target/sizes.ts
/**
 * The sizes of the requested tables on a live database, in one query, from the statistics only: the planner's
 * row estimate (pg_class.reltuples), the size of the files (pg_total_relation_size), a column's share of
 * NULLs (pg_stats) and the write counters (pg_stat_user_tables). None of these reads a row of the table; only
 * pg_total_relation_size opens it, with the ACCESS SHARE lock of any SELECT, so it waits (up to the lock timeout)
 * behind nothing but an ACCESS EXCLUSIVE. Requests for tables the database does not have are left out.
 */
async function readTableSizes(client, requests, 
/** The schema a request's schema is on this database (the URL's schema instead of `public`). */
schemaIn) {
    if (!requests.length)
        return [];
    const { rows } = await client.query(`SELECT w.i, c.reltuples::float8 AS reltuples,
            coalesce(s.last_analyze, s.last_autoanalyze, s.last_vacuum, s.last_autovacuum) IS NOT NULL AS stamped,
            pg_total_relation_size(c.oid) AS bytes,
            st.null_frac::float8 AS null_frac,
            s.n_tup_ins + s.n_tup_upd + s.n_tup_del AS writes,
            extract(epoch FROM statement_timestamp() - d.stats_reset)::float8 / 60 AS minutes
       FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS w(schema, "table", "column", i)
       JOIN pg_namespace n ON n.nspname = w.schema
       JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = w.table AND c.relkind = 'r'
       LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
       LEFT JOIN pg_stats st ON st.schemaname = w.schema AND st.tablename = w.table AND st.attname = w.column AND NOT st.inherited
       LEFT JOIN pg_stat_database d ON d.datname = current_database()`, [requests.map((r) => schemaIn(r.schema)), requests.map((r) => r.table), requests.map((r) => r.column)]);
    return rows.map((row) => ({
        ...requests[Number(row.i) - 1],
        rows: analysed(row) ? Math.round(row.reltuples) : null,
        bytes: Number(row.bytes),
        nullFraction: analysed(row) ? row.null_frac : null,
        writesPerMinute: row.writes !== null && row.minutes !== null && row.minutes > 0 ? Math.round((Number(row.writes) / row.minutes) * 10) / 10 : null,
    }));
}
/**
 * Whether reltuples is an estimate. Since PostgreSQL 14 it is -1 until the first VACUUM or ANALYZE; before,
 * 0 meant both "empty" and "never looked at", which only the timestamps of VACUUM and ANALYZE tell apart.
 */
function analysed(row) {
    return row.reltuples > 0 || (row.reltuples === 0 && row.stamped);
}

;// CONCATENATED MODULE: ./src/target/status.ts


const BASELINING = 'https://www.prisma.io/docs/orm/prisma-migrate/workflows/baselining';
/**
 * The rows of `_prisma_migrations` in the schema Prisma uses, in the order Prisma lists them; null when the
 * table does not exist. Only plain SELECTs, so it runs inside a read-only transaction.
 */
async function readMigrationRows(client, schema) {
    const exists = await client.query(`SELECT to_regclass(format('%I._prisma_migrations', $1::text)) IS NOT NULL AS found`, [schema]);
    if (!exists.rows[0]?.found)
        return null;
    const result = await client.query(`SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count
       FROM ${(0,quote/* quoteIdent */.v)(schema)}._prisma_migrations
      ORDER BY started_at, migration_name`);
    return result.rows;
}
/** A row that counts as applied: `migrate deploy` skips it and the database has its changes. */
function isApplied(row) {
    return row.finished_at !== null && row.rolled_back_at === null;
}
/** A row `migrate deploy` refuses to go past (P3009) until someone resolves it. */
function isFailed(row) {
    return row.finished_at === null && row.rolled_back_at === null;
}
/** The repository's migrations the target has applied, in the order they were replayed: the repository's. */
function appliedMigrationNames(rows, repo) {
    const applied = new Set((rows ?? []).filter(isApplied).map((row) => row.migration_name));
    return repo.filter((migration) => applied.has(migration.name)).map((migration) => migration.name);
}
/**
 * Compares a target's migrations table with the repository's migrations by the rules of `prisma migrate
 * deploy`: a migration is pending unless a row that was not rolled back has its name; any row that neither
 * finished nor was rolled back blocks the deploy; an applied file must still match its checksum.
 * `schemaEmpty` tells a new database (deploy creates the table) from one that needs a baseline.
 */
function migrationStatus(environment, rows, repo, schemaEmpty) {
    const env = `\`${environment}\``;
    if (rows === null && !schemaEmpty) {
        return [
            {
                rule: 'target/no-migrations-table',
                group: 'target',
                severity: 'error',
                message: `${env}: the database has tables but no \`_prisma_migrations\` table, so \`prisma migrate deploy\` will refuse to run (P3005: the database schema is not empty).`,
                hint: `Baseline it: mark the migrations that the database already reflects as applied with \`npx prisma migrate resolve --applied <name>\`. See ${BASELINING}`,
            },
        ];
    }
    const findings = [];
    const all = rows ?? [];
    const repoByName = new Map(repo.map((migration) => [migration.name, migration]));
    for (const row of all.filter(isFailed)) {
        const logs = row.logs?.trim();
        findings.push({
            rule: 'target/failed',
            group: 'target',
            severity: 'error',
            message: `${env}: migration \`${row.migration_name}\` started at ${row.started_at.toISOString()} and failed${row.applied_steps_count ? ` after ${row.applied_steps_count} step(s)` : ''}${logs ? `: ${status_firstLine(logs)}` : ''}. \`prisma migrate deploy\` will refuse to run until it is resolved (P3009).`,
            migration: row.migration_name,
            object: { kind: 'migration', name: row.migration_name },
            hint: `Find out what the failed migration left behind. If you undid its changes, run \`npx prisma migrate resolve --rolled-back ${row.migration_name}\` ` +
                `and deploy again; if you completed them by hand, run \`npx prisma migrate resolve --applied ${row.migration_name}\`.`,
        });
    }
    const live = all.filter((row) => row.rolled_back_at === null);
    const liveNames = new Set(live.map((row) => row.migration_name));
    const reported = new Set();
    for (const row of all) {
        if (row.rolled_back_at === null || liveNames.has(row.migration_name) || reported.has(row.migration_name))
            continue;
        reported.add(row.migration_name);
        findings.push({
            rule: 'target/rolled-back',
            group: 'target',
            severity: 'notice',
            message: `${env}: migration \`${row.migration_name}\` was marked rolled back at ${row.rolled_back_at.toISOString()}; \`prisma migrate deploy\` will apply it again.`,
            migration: row.migration_name,
            object: { kind: 'migration', name: row.migration_name },
        });
    }
    for (const row of live.filter(isApplied)) {
        const local = repoByName.get(row.migration_name);
        if (!local?.script || checksumMatches(local.script, row.checksum))
            continue;
        findings.push({
            rule: 'target/edited',
            group: 'target',
            severity: 'warning',
            message: `${env}: migration \`${row.migration_name}\` was changed after it was applied: its migration.sql no longer matches the checksum recorded in \`_prisma_migrations\`.`,
            migration: row.migration_name,
            object: { kind: 'migration', name: row.migration_name },
            ...(local.file ? { location: { file: local.file, line: 1, column: 1 } } : {}),
            hint: `The database has the migration as it was applied, not as it reads now. Restore the file, or move the change into a new migration; \`prisma migrate dev\` will otherwise ask to reset development databases.`,
        });
    }
    const missing = [...liveNames].filter((name) => !repoByName.has(name));
    for (const name of missing) {
        findings.push({
            rule: 'target/missing-locally',
            group: 'target',
            severity: 'warning',
            message: `${env}: migration \`${name}\` is recorded as applied, but prisma/migrations has no folder of that name.`,
            migration: name,
            object: { kind: 'migration', name },
            hint: 'It was deleted or renamed after it was deployed, or deployed from another branch. Restore the folder, or the database has changes no migration here describes.',
        });
    }
    const pending = repo.filter((migration) => !liveNames.has(migration.name));
    if (pending.length)
        findings.push(unappliedFinding(env, pending, repo, live));
    return findings;
}
function unappliedFinding(env, pending, repo, live) {
    const position = new Map(repo.map((migration, index) => [migration.name, index]));
    const lastApplied = Math.max(-1, ...live.map((row) => position.get(row.migration_name) ?? -1));
    const early = pending.filter((migration) => position.get(migration.name) < lastApplied);
    const list = pending.map((migration, index) => `${index + 1}. ${migration.name}`).join(', ');
    return {
        rule: 'target/unapplied',
        group: 'target',
        severity: early.length ? 'warning' : 'notice',
        message: `${env}: ${pending.length} migration(s) not applied yet; \`prisma migrate deploy\` will run them in this order: ${list}.` +
            (early.length
                ? ` ${early.map((m) => `\`${m.name}\``).join(', ')} sort(s) before migrations the database already has, so they run after them: in a different order than on a fresh database.`
                : ''),
        migration: pending[0].name,
        object: { kind: 'migration', name: pending[0].name },
        ...(early.length
            ? {
                hint: 'Check that these migrations do not depend on running before the later ones, or rename their folders to sort after them before they are deployed anywhere.',
            }
            : {}),
    };
}
function status_firstLine(text) {
    const line = text.split('\n', 1)[0];
    return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

;// CONCATENATED MODULE: ./src/target/index.ts









/** The schema the analysis of new migrations resolves unqualified names to; on a target, its URL's schema. */
const ANALYSIS_SCHEMA = 'public';
/**
 * Checks each live database against the repository's migrations: its migration status, then its schema
 * against a throwaway replay of the migrations it has applied. Targets are only ever read (see readOnly);
 * a target that cannot be reached or read is a finding, and the other targets are still checked. In the same
 * read-only transaction, the statistics of the tables the pull request's findings are about (`sizes`).
 */
async function checkTargets(targets, check) {
    if (targets.length === 0)
        return { findings: [], compared: [], sizes: [] };
    const { repoMigrations, relativePath } = check;
    const repo = repoMigrations.map((entry) => ({
        name: entry.name,
        script: entry.sqlPath ? (0,external_node_fs_.readFileSync)(entry.sqlPath) : null,
        file: entry.sqlPath ? relativePath(entry.sqlPath) : null,
    }));
    const results = { findings: [], compared: [], sizes: [] };
    for (const target of targets) {
        const result = await checkTarget(target, repo, check);
        // Every finding names its environment, so a baseline entry can be scoped to one database.
        results.findings.push(...result.findings.map((finding) => ({ ...finding, environment: target.name })));
        if (result.compared)
            results.compared.push(target.name);
        if (result.sizes)
            results.sizes.push({ environment: target.name, stats: result.sizes });
    }
    return results;
}
async function checkTarget(target, repo, { repoMigrations, provisioned, log, relativePath, sizes, refused = new Map() }) {
    const { host, schema } = targetAddress(target.url);
    // Unqualified names of the migrations land in the schema of the target's URL.
    const inTarget = (name) => (name === ANALYSIS_SCHEMA ? schema : name);
    let snapshot;
    try {
        snapshot = await readOnly(target.url, async (client) => ({
            rows: await readMigrationRows(client, schema),
            schema: await introspect(client),
            sizes: await readTableSizes(client, sizes, inTarget),
        }));
    }
    catch (error) {
        const finding = error instanceof TargetConnectionError
            ? unreachableFinding(target.name, target.url, error)
            : unreadableFinding(target.name, host, error);
        return { findings: [finding], compared: false };
    }
    const inSchema = (object) => object.schema === schema;
    const empty = !snapshot.schema.tables.some(inSchema) && !snapshot.schema.enums.some(inSchema);
    const findings = migrationStatus(target.name, snapshot.rows, repo, empty);
    log(`${target.name} (${host}): ${snapshot.rows ? `${snapshot.rows.length} rows in _prisma_migrations` : 'no _prisma_migrations table'}`);
    if (snapshot.rows === null)
        return { findings, compared: false, sizes: snapshot.sizes };
    const names = new Set(appliedMigrationNames(snapshot.rows, repo));
    const applied = repoMigrations.filter((entry) => names.has(entry.name));
    const replay = await replayApplied(provisioned, applied, schema, relativePath, refused);
    if (!replay.ok) {
        findings.push({
            rule: 'target/replay-failed',
            group: 'target',
            severity: 'warning',
            message: `\`${target.name}\`: its schema was not compared: replaying the ${applied.length} migration(s) it has applied failed. ${replay.failure.message}`,
            ...(replay.failure.location ? { location: replay.failure.location } : {}),
            ...(replay.failure.migration ? { migration: replay.failure.migration } : {}),
            ...(replay.failure.hint ? { hint: replay.failure.hint } : {}),
        });
        return { findings, compared: false, sizes: snapshot.sizes };
    }
    findings.push(...compareWithTarget(target.name, replay.schema, snapshot.schema, schema, migrationLocator(applied, relativePath)));
    return { findings, compared: true, sizes: snapshot.sizes };
}
function unreadableFinding(environment, host, error) {
    const text = (0,redact/* redactUrl */.B)(error instanceof Error ? error.message : String(error));
    return {
        rule: 'target/unreadable',
        group: 'target',
        severity: 'error',
        message: `\`${environment}\`: connected to ${host} but could not read the migrations table or the catalog: ${text}.`,
        hint: 'The role needs only CONNECT on the database, USAGE on the schema and SELECT on `_prisma_migrations`; the catalog is readable by every role.',
    };
}

;// CONCATENATED MODULE: ./src/check.ts





























/**
 * The check: derive the database schema.prisma describes, replay the migrations on a throwaway database,
 * read back what they produced and compare the two; analyse the pull request's new migrations against the
 * base branch; then the live targets. Throws only when the check cannot run (bad schema, bad baseline, no
 * PostgreSQL); everything about the project itself is a finding.
 */
async function runCheck(options) {
    const watchdog = new Watchdog(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.log);
    const unguard = guardSessions(watchdog);
    try {
        return await check(options, watchdog);
    }
    finally {
        unguard();
    }
}
const DEFAULT_TIMEOUT_MS = 15 * 60_000;
async function check(options, watchdog) {
    const started = performance.now();
    const { project, root, log } = options;
    const relative = (file) => external_node_path_default().relative(root, file).split((external_node_path_default()).sep).join('/');
    if (options.prismaVersion)
        (0,locate_project/* rejectPrisma8 */.IO)(options.prismaVersion, (0,setting_names/* settingName */.Q)('prisma-version'));
    const conventions = conventionsFor(options.prismaVersion ?? project.prismaVersion);
    const { provisioning } = options;
    const baseline = (0,report_baseline/* loadBaseline */.oU)(options.baseline);
    // Parsed once the server has migrations to run (see replayAndCompare), where it costs no waiting.
    let source;
    const sourceOnce = () => (source ??= schemaSource(project, relative));
    let expected;
    const expectedOnce = () => (expected ??= expectSchema(sourceOnce().parsed, { conventions }));
    const migrations = listMigrations(project.migrations, conventions.migrationOrder.value);
    // Nothing runs before every migration is read: what may not run at all is known before the first one does.
    const screened = options.drift ? await screenMigrations(migrations, relative) : { findings: [], stopAt: null };
    const refused = new Map(screened.stopAt === null ? [] : [[migrations[screened.stopAt].name, screened.findings[0]]]);
    log(`${migrations.length} migrations in ${relative(project.migrations)}; ` +
        (conventions.assumedLatest ? 'Prisma version unknown, assuming the latest' : `Prisma ${conventions.prismaVersion}`));
    // Finding pg_dump runs programs: it goes on while git reads the base history. The server's failure is
    // reported where the server is awaited.
    const stateCache = options.drift && options.cache ? provisioning.server.then((server) => stateCacheFor(options.cache, server)) : null;
    stateCache?.catch(() => { });
    const history = options.drift && options.baseRef
        ? await compareHistory(options, project, relative, conventions.migrationOrder.value)
        : { findings: [], newNames: new Set(), warnings: [], compared: false };
    const server = await provisioning.server;
    let replay = options.drift
        ? await replayAndCompare({
            server,
            baseDb: await provisioning.firstDatabase,
            expected: expectedOnce,
            source: sourceOnce,
            migrations,
            refused,
            newNames: history.newNames,
            stateCache: await stateCache,
            relative,
            options,
        }).catch((error) => {
            // Work cut short by the time limit fails in many ways; the finding says why, once.
            if (!watchdog.expired)
                throw error;
            return { findings: [], waivers: [], applied: [], unmodelled: [], cache: null };
        })
        : { findings: [], waivers: [], applied: [], unmodelled: [], cache: null };
    if (watchdog.expired)
        replay = { ...replay, findings: timedOut(replay.findings, watchdog, relative(project.migrations)) };
    replay = {
        ...replay,
        findings: [...screened.findings, ...replay.findings.filter((finding) => ![...refused.values()].includes(finding))],
    };
    // Out of time: the live databases are not read either.
    const targets = watchdog.expired
        ? { findings: [], compared: [], sizes: [] }
        : await checkTargets(options.targets, {
            repoMigrations: migrations,
            provisioned: server,
            log,
            relativePath: relative,
            sizes: sizeRequests(replay.findings),
            refused,
        });
    const sized = withSizes(replay.findings, targets.sizes, { largeTable: options.largeTable });
    const accepted = accept([...history.findings, ...sized, ...targets.findings], {
        waivers: replay.waivers,
        allowDestructive: options.allowDestructive,
        baseline,
        scope: {
            drift: options.drift && !replay.findings.some((f) => f.group === 'migration'),
            history: history.compared,
            environments: targets.compared,
        },
    });
    const findings = sortFindings(accepted.findings);
    const failOn = new Set(options.failOn);
    return {
        version: report/* REPORT_VERSION */.A,
        ok: !findings.some((finding) => isFailing(finding, failOn)),
        drift: findings.some((finding) => finding.group === 'drift' && !finding.baselined && !finding.waived),
        failOn: options.failOn,
        schema: relative(project.schema),
        migrations: relative(project.migrations),
        prismaVersion: conventions.prismaVersion,
        prismaVersionSource: options.prismaVersion ? 'input prisma-version' : project.prismaVersionSource,
        migrationOrder: conventions.migrationOrder.value,
        postgresVersion: server.serverVersion.full,
        findings,
        rules: (0,report/* rulesOf */.f)(findings),
        staleBaseline: accepted.stale,
        warnings: [...(source ? versionWarnings(source, conventions.prismaVersion) : []), ...history.warnings],
        targets: options.targets.map((target) => ({ name: target.name, compared: targets.compared.includes(target.name) })),
        applied: replay.applied,
        unmodelled: replay.unmodelled,
        ...(replay.cache ? { cache: replay.cache } : {}),
        durationMs: Math.round(performance.now() - started),
    };
}
/**
 * The findings of a check the time limit cut short: one timeout finding per migration that was running
 * (the replay and the measurement may both have been running it), without the failures the cancellation
 * caused elsewhere. When nothing of a migration's was running, one finding says what the limit cut short.
 */
function timedOut(findings, watchdog, migrationsDir) {
    const kept = new Map();
    for (const finding of findings) {
        if (finding.rule !== TIMEOUT)
            continue;
        const key = finding.migration ?? '';
        const known = kept.get(key);
        // The measurement knows the statement; a replay of a whole file only finds it again when it can.
        if (!known || (known.location?.line === 1 && (finding.location?.line ?? 1) > 1))
            kept.set(key, finding);
    }
    if (kept.size > 0)
        return [...kept.values()];
    return [
        {
            rule: TIMEOUT,
            group: 'migration',
            severity: 'error',
            message: `The check reached its time limit of ${Math.round(watchdog.limitMs / 1000)} s before it finished; no migration was running at that moment.`,
            location: { file: migrationsDir, line: 1, column: 1 },
            hint: 'Raise `timeout` if the history is this slow to replay.',
        },
    ];
}
function schemaSource(project, relative) {
    const files = readSchemaFiles(project.schema).map((file) => ({ ...file, path: relative(file.path) }));
    return { files, parsed: parseSchema(files) };
}
/** What the project's Prisma release would refuse in the schema although its meaning is plain. */
function versionWarnings(source, prismaVersion) {
    return schemaWarnings(source.parsed, prismaVersion).map(({ loc, message }) => `${loc.file}:${loc.line}: ${message}`);
}
/**
 * History integrity against the base commit, and which migrations the pull request adds. A base that is
 * not in the clone is a warning about the checkout, not a finding about the project: the checks that
 * need no base still run.
 */
async function compareHistory(options, project, relative, order) {
    const base = await readBaseHistory(options.root, options.baseRef, project.migrations, order);
    if (!base.ok)
        return { findings: [], newNames: new Set(), warnings: [`${base.error.message} ${base.error.hint}`], compared: false };
    const head = readHeadHistory(project.migrations, order);
    const added = newMigrations(base.history, head);
    options.log(`Base ${base.commit.slice(0, 12)}: ${added.length} new migrations in this pull request`);
    return {
        findings: analyseHistory(base.history, head, relative(project.migrations)),
        newNames: new Set(added.map((migration) => migration.name)),
        warnings: [],
        compared: true,
    };
}
/**
 * Replays the migrations the base already has once, into a database that is then copied for the drift check
 * (the new migrations applied on the copy) and itself used to measure the new migrations on. The databases
 * are dropped all at once, in the background as soon as everything is read from them: each DROP DATABASE
 * forces a checkpoint, which would otherwise write out the pages of the ones still there.
 */
async function replayAndCompare(input) {
    const { server, baseDb, migrations, relative, options } = input;
    const firstNew = migrations.findIndex((migration) => input.newNames.has(migration.name));
    const firstRefused = migrations.findIndex((migration) => input.refused.has(migration.name));
    const prefix = firstNew < 0 ? migrations : migrations.slice(0, firstNew);
    const rest = firstNew < 0 ? [] : migrations.slice(firstNew);
    // Nothing from a refused migration on is run, measured or cached.
    const cacheable = firstRefused >= 0 && firstRefused < prefix.length ? null : prefix;
    const measurable = rest.slice(0, firstRefused < 0 ? undefined : Math.max(0, firstRefused - prefix.length));
    const applyOptions = (database) => ({
        refused: input.refused,
        createExtension: (request, currentSchema) => server.createExtension(database, request, currentSchema),
    });
    // The SQL parser compiles its WebAssembly on other threads while the replay waits for the server.
    if (rest.length)
        preloadParser();
    const cache = cacheable ? (input.stateCache?.(cacheable) ?? null) : null;
    const restored = cache
        ? await cache
            .restore(baseDb.url)
            .catch((error) => warn(`Could not restore the cached state, replaying instead: ${error.message}`))
        : false;
    if (restored)
        options.log(`Restored the state of ${prefix.length} migrations from the cache in ${cache.outcome().ms} ms`);
    const first = await withScratchClient(baseDb.url, async (client) => {
        const replaying = restored
            ? Promise.resolve({ applied: [], failure: null })
            : applyMigrations(client, prefix, relative, applyOptions(baseDb.name));
        // The first migrations are on their way: the schema is parsed while the server runs them.
        try {
            input.expected();
        }
        catch (error) {
            replaying.catch(() => { });
            throw error;
        }
        const replay = await replaying;
        const schema = replay.failure ? null : await introspect(client);
        return { replay, schema };
    });
    if (cache && !restored && first.schema) {
        await cache.save(baseDb.url).catch((error) => warn(`Could not save the state to the cache: ${error.message}`));
    }
    if (first.replay.failure || !first.schema)
        return finish(first.replay.applied, [first.replay.failure], [], first.schema);
    if (!rest.length)
        return finish(first.replay.applied, [], [], first.schema);
    const headDb = await server.createDatabase({ template: baseDb.name });
    // Without a live database there are no row counts to extrapolate the statements' times to.
    const timingDb = options.targets.length ? await server.createDatabase({ template: baseDb.name }) : null;
    // Independent from here on, on two connections: PostgreSQL works on both at once.
    const [second, analysed] = await Promise.all([
        withScratchClient(headDb.url, async (client) => {
            const replay = await applyMigrations(client, rest, relative, applyOptions(headDb.name));
            return { replay, schema: replay.failure ? null : await introspect(client) };
        }),
        analyseNewMigrationsOf({
            databaseUrl: baseDb.url,
            base: first.schema,
            migrations: measurable.filter((migration) => input.newNames.has(migration.name)),
            relative,
            timingUrl: timingDb?.url ?? null,
            log: options.log,
        }),
    ]);
    const applied = [...first.replay.applied, ...second.replay.applied];
    if (second.replay.failure || !second.schema)
        return finish(applied, [second.replay.failure, ...analysed.findings], analysed.waivers, null);
    return finish(applied, analysed.findings, analysed.waivers, second.schema);
    // The cache only ever saves time: whatever goes wrong with it, the history is replayed as without it.
    function warn(message) {
        options.log(message);
        return false;
    }
    async function finish(applied, findings, waivers, migrated) {
        // Everything is read from the databases: they are dropped while the rest of the check runs.
        await server.releaseDatabases();
        const totalMs = applied.reduce((sum, m) => sum + m.ms, 0);
        options.log(`Replayed ${applied.length} of ${migrations.length} migrations in ${Math.round(totalMs)} ms`);
        // Drift against a half-replayed history would only repeat the failure in other words.
        const drift = migrated
            ? withSchemaSuggestions(driftFindings(diffSchemas(input.expected(), migrated), migrationLocator(migrations, relative)), {
                source: input.source(),
                expected: input.expected(),
                migrated,
            })
            : [];
        return {
            findings: [...findings, ...drift],
            waivers,
            applied: applied.map((m) => ({ name: m.name, ms: Math.round(m.ms * 10) / 10 })),
            unmodelled: migrated?.unmodelled ?? [],
            cache: cache?.outcome() ?? null,
        };
    }
}

// EXTERNAL MODULE: ./src/common/cleanup.ts
var cleanup = __webpack_require__(5185);
;// CONCATENATED MODULE: ./src/report/annotations.ts


/** GitHub shows at most this many annotations of one level from one step; the rest are dropped silently. */
const ANNOTATIONS_PER_LEVEL = 10;
const SEVERITY_ORDER = ['error', 'warning', 'notice'];
/**
 * One annotation per finding, most severe first. Accepted findings (waived or baselined) are downgraded to
 * notices so the diff view still shows them without alarming anyone. Finding locations are already relative
 * to the repository root, which is what GitHub needs to place an annotation on the diff.
 */
function annotationsFor(findings) {
    const annotations = findings.map((f) => {
        const acceptedBecause = f.waived ? `waived: ${f.waived.reason}` : f.baselined ? 'baselined' : null;
        const properties = { title: acceptedBecause ? `${f.rule} (accepted)` : f.rule };
        if (f.location) {
            properties.file = f.location.file;
            properties.startLine = f.location.line;
            properties.startColumn = f.location.column;
        }
        const lines = [f.message, f.hint, acceptedBecause && `Accepted (${acceptedBecause}).`, `About ${f.rule}: ${(0,catalogue/* docUrl */.yJ)(f.rule)}`].filter(Boolean);
        return { level: acceptedBecause ? 'notice' : f.severity, message: lines.join('\n'), properties };
    });
    return annotations
        .map((a, i) => ({ a, i }))
        .sort((x, y) => SEVERITY_ORDER.indexOf(x.a.level) - SEVERITY_ORDER.indexOf(y.a.level) || x.i - y.i)
        .map(({ a }) => a);
}
/**
 * Writes the annotations, the most severe first, up to GitHub's per-level display limit. Returns how many
 * were left out so the job summary can say so.
 */
function emitAnnotations(annotations) {
    const emitted = new Map();
    let overflow = 0;
    for (const annotation of [...annotations].sort((a, b) => SEVERITY_ORDER.indexOf(a.level) - SEVERITY_ORDER.indexOf(b.level))) {
        const count = emitted.get(annotation.level) ?? 0;
        if (count >= ANNOTATIONS_PER_LEVEL) {
            overflow++;
            continue;
        }
        emitted.set(annotation.level, count + 1);
        const write = { error: core/* error */.z3, warning: core/* warning */.$e, notice: core/* notice */.lm }[annotation.level];
        write(annotation.message, annotation.properties);
    }
    return overflow;
}

;// CONCATENATED MODULE: ./src/report/comment.ts




/** GitHub rejects issue comments longer than this many characters. */
const COMMENT_LIMIT = 65_536;
/** A section with more lines than this is collapsed so the verdict stays on screen. */
const COLLAPSE_LINES = 25;
/** One finding's SQL is cut here so a single huge statement cannot crowd out every other finding. */
const SQL_LIMIT = 4_000;
const MIGRATION_GROUPS = ['migration', 'destructive', 'risk', 'lock'];
const comment_SEVERITY_ORDER = ['error', 'warning', 'notice'];
const ICONS = { error: '🛑', warning: '⚠️', notice: 'ℹ️' };
/** The hidden line that identifies one schema's comment among all comments on a pull request. */
function commentMarker(schemaPath) {
    return `<!-- prisma-drift-action:${schemaPath} -->`;
}
/** What a failing comment becomes once the pull request is fixed, in `on-failure` mode. */
function renderAllClear(marker) {
    return `${marker}\n✅ **Prisma drift check passed.** The findings reported earlier in this pull request are resolved.\n`;
}
/**
 * The pull request comment for one schema. Kept under GitHub's size limit by showing the most severe
 * findings first and saying how many were left out; the job summary and JSON report always have them all.
 */
function renderComment(report, options) {
    const ordered = byPriority(report.findings);
    const complete = compose(report, options, report.findings);
    if (complete.length <= COMMENT_LIMIT)
        return complete;
    // Longest prefix of the priority order that fits; the body only grows as more findings are shown.
    let low = 0;
    let high = ordered.length;
    while (low < high) {
        const mid = Math.ceil((low + high) / 2);
        if (compose(report, options, ordered.slice(0, mid)).length <= COMMENT_LIMIT)
            low = mid;
        else
            high = mid - 1;
    }
    return compose(report, options, ordered.slice(0, low));
}
function compose(report, options, shown) {
    const visible = new Set(shown);
    const findings = report.findings.filter((f) => visible.has(f));
    const active = findings.filter((f) => !accepted(f));
    const omitted = report.findings.length - findings.length;
    const parts = [
        options.marker,
        comment_verdict(report),
        section('Schema drift', driftSection(active.filter((f) => f.group === 'drift'), options)),
        section('Migrations', migrationSection(active.filter((f) => MIGRATION_GROUPS.includes(f.group)), options)),
        section('Migration history', active.filter((f) => f.group === 'history').flatMap((f) => [bullet(f, options), ...patchBlock(f)])),
        section('Live database', active.filter((f) => f.group === 'target').map((f) => bullet(f, options))),
        details(`Accepted findings (${findings.length - active.length}): baselined or waived, never failing`, findings.filter(accepted).map((f) => `${bullet(f, options)} — ${acceptance(f)}`)),
        omissionNote(omitted),
    ];
    return `${parts.filter(Boolean).join('\n\n')}\n`;
}
function omissionNote(omitted) {
    if (!omitted)
        return '';
    return `**${omitted} more finding${omitted === 1 ? '' : 's'} in the job summary / JSON report**: the full comment would exceed GitHub's size limit.`;
}
function comment_verdict(report) {
    const active = report.findings.filter((f) => !accepted(f));
    const counts = catalogue/* GROUPS */.fd.map((group) => [group, active.filter((f) => f.group === group).length])
        .filter(([, n]) => n > 0)
        .map(([group, n]) => `${n} ${group}`);
    const acceptedCount = report.findings.length - active.length;
    if (acceptedCount)
        counts.push(`${acceptedCount} accepted`);
    const head = report.ok
        ? `✅ **Prisma drift check passed** for \`${report.schema}\``
        : `❌ **Prisma drift check failed** for \`${report.schema}\``;
    return `${head}: ${counts.length ? counts.join(' · ') : 'no findings'}`;
}
function driftSection(drift, options) {
    if (!drift.length)
        return [];
    const lines = ['`schema.prisma` and the database the migrations build disagree.'];
    for (const [model, findings] of groupBy(drift, (f) => f.model ?? f.object?.table ?? 'Database')) {
        lines.push('', `**${escapeMarkdown(model)}**`, ...findings.map((f) => bullet(f, options)));
        const sql = findings.flatMap((f) => (f.sql ? [capSql(f.sql)] : []));
        if (sql.length)
            lines.push('', 'The missing migration needs:', ...fence('sql', sql.join('\n')));
    }
    lines.push('', 'Generate it from `schema.prisma` with:', ...fence('sh', `npx prisma migrate dev --name ${suggestMigrationName(drift)}`));
    return lines;
}
function migrationSection(findings, options) {
    const lines = [];
    for (const [migration, group] of groupBy(findings, (f) => f.migration ?? '')) {
        lines.push('', migration ? `**\`${migration}\`**` : '**Other**', ...group.map((f) => bullet(f, options)));
    }
    return lines.slice(1);
}
/**
 * A name for `prisma migrate dev --name`: snake_case from the drifted models, so the folder says what it
 * fixes. Prisma puts it after the timestamp in the migration's folder name.
 */
function suggestMigrationName(drift) {
    const models = [...new Set(drift.flatMap((f) => (f.model ? [snakeCase(f.model)] : [])))].filter(Boolean).sort();
    if (models.length === 0 || models.length > 3)
        return 'sync_schema';
    return `sync_${models.join('_')}`.slice(0, 60).replace(/_+$/, '');
}
function snakeCase(name) {
    return name
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '');
}
/** What an edited migration's edit was, under its bullet. */
function patchBlock(f) {
    if (!f.patch)
        return [];
    return ['', ...fence('diff', capSql(f.patch)).flatMap((block) => block.split('\n').map((line) => `  ${line}`))];
}
function bullet(f, options) {
    const review = options.reviewLinks?.get(f);
    const where = (f.location ? ` · ${fileLink(f.location.file, f.location.line, options)}` : '') + (review ? ` · [review comment](${review})` : '');
    const hint = f.hint ? ` — ${proseMarkdown(f.hint)}` : '';
    // Accepted findings no longer need attention, so they go without the severity icon.
    const icon = accepted(f) ? '' : `${ICONS[f.severity]} `;
    const sizes = (f.sizes ?? []).map((size) => `\n  - ${escapeMarkdown(sizeLine(size))}`).join('');
    return `- ${icon}${proseMarkdown(f.message)} (${ruleLink(f.rule)})${where}${hint}${sizes}`;
}
/** A finding's rule id, linked to its documentation page. */
function ruleLink(rule) {
    return `[\`${rule}\`](${(0,catalogue/* docUrl */.yJ)(rule)})`;
}
function fileLink(file, line, options) {
    const path = file.split(/[\\/]/).filter(Boolean);
    const url = `${options.repoUrl.replace(/\/+$/, '')}/blob/${options.sha}/${path.map(encodeURIComponent).join('/')}#L${line}`;
    return `[${escapeMarkdown(path.join('/'))}:${line}](${url})`;
}
function acceptance(f) {
    if (f.waived)
        return `waived: ${escapeMarkdown(f.waived.reason)}`;
    return f.baselined?.reason ? `baselined: ${escapeMarkdown(f.baselined.reason)}` : 'baselined';
}
function section(title, lines) {
    if (!lines.length)
        return '';
    if (lines.length > COLLAPSE_LINES)
        return details(title, lines);
    return [`#### ${title}`, '', ...lines].join('\n');
}
function details(summary, lines) {
    if (!lines.length)
        return '';
    return [`<details><summary><b>${escapeHtml(summary)}</b></summary>`, '', ...lines, '', '</details>'].join('\n');
}
/** A fenced block whose fence is longer than any backtick run inside, so the content cannot close it. */
function fence(language, text) {
    const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
    const ticks = '`'.repeat(longest + 1);
    return [`${ticks}${language}`, text, ticks];
}
function capSql(sql) {
    const trimmed = sql.trimEnd();
    if (trimmed.length <= SQL_LIMIT)
        return trimmed;
    return `${trimmed.slice(0, SQL_LIMIT)}\n-- … cut here; the JSON report has the full statement`;
}
function byPriority(findings) {
    const rank = (f) => (accepted(f) ? comment_SEVERITY_ORDER.length : 0) + comment_SEVERITY_ORDER.indexOf(f.severity);
    return findings
        .map((f, i) => ({ f, i }))
        .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
        .map(({ f }) => f);
}
function accepted(f) {
    return Boolean(f.waived || f.baselined);
}
function groupBy(items, key) {
    const groups = new Map();
    for (const item of items)
        groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
    return groups;
}
/**
 * Finding text quotes SQL and identifiers; keep it literal instead of letting Markdown or HTML read it.
 * Messages and hints mark identifiers as `code`: keep those spans, escape everything around them.
 */
function proseMarkdown(text) {
    return text
        .split(/(`[^`\n]+`)/)
        .map((part, i) => (i % 2 ? part : escapeMarkdown(part)))
        .join('');
}
function escapeMarkdown(text) {
    return text.replace(/[\\`*_{}[\]<>|#~]/g, '\\$&').replace(/\r?\n/g, ' ');
}
function escapeHtml(text) {
    return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

// EXTERNAL MODULE: ./node_modules/diff/libesm/patch/parse.js
var parse = __webpack_require__(3857);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
;// CONCATENATED MODULE: ./src/report/github.ts




/** A longer wait than this is not worth holding a CI job for: give up and report instead. */
const MAX_WAIT_SECONDS = 120;
/** Retries after a rate limit, the first try aside. */
const RATE_LIMIT_RETRIES = 3;
/**
 * The statuses Octokit's retry plugin leaves alone: its defaults, and 429, which the throttling plugin waits
 * out for as long as GitHub asks instead of on the retry plugin's own schedule.
 */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];
/**
 * The action's GitHub client: Octokit with its retry plugin, which retries server errors with backoff, and
 * its throttling plugin, which spaces writes as GitHub asks of integrations (a second apart, more for those
 * that notify) and waits out a rate limit for as long as GitHub says when that is short enough for a CI job.
 */
function githubClient(token, options = {}) {
    const waitOut = (limit) => (retryAfter, _options, _octokit, retryCount) => {
        if (retryCount >= RATE_LIMIT_RETRIES || retryAfter > MAX_WAIT_SECONDS)
            return false;
        core/* info */.pq(`GitHub's ${limit} rate limit: trying again in ${retryAfter} s.`);
        return true;
    };
    return (0,github/* getOctokit */.Q)(token, {
        ...options,
        retry: { doNotRetry: DO_NOT_RETRY, ...options.retry },
        throttle: { onRateLimit: waitOut('primary'), onSecondaryRateLimit: waitOut('secondary'), ...options.throttle },
    }, dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
}
function isHttpError(error) {
    return typeof error === 'object' && error !== null && typeof error.status === 'number';
}

;// CONCATENATED MODULE: ./src/report/review.ts







/**
 * A review comment per finding on a line the pull request changes, with a committable suggestion where the
 * fix is mechanical. Comments are found again by a hidden marker that holds a hash of what they say (less
 * the numbers measured on the run), so a run on the same commit posts nothing, a finding that stays keeps its thread (and the replies in it), and
 * a finding that is gone takes its comment with it. Comments without our marker are never touched.
 */
/** GitHub documents no limit, but a review with hundreds of comments buries the conversation. */
const MAX_REVIEW_COMMENTS = 25;
const review_SEVERITY_ORDER = ['error', 'warning', 'notice'];
const review_ICONS = { error: '🛑', warning: '⚠️', notice: 'ℹ️' };
/** GitHub's `patch` of a file (hunks without file headers) as the lines of each hunk on the new side. */
function hunksOf(patch) {
    if (!patch)
        return [];
    // parsePatch wants to know where a file starts; GitHub's patch is the hunks of one file only.
    const [file] = (0,parse/* parsePatch */.i)(patch.startsWith('@@') ? `--- a\n+++ b\n${patch}` : patch);
    return (file?.hunks ?? []).map((hunk) => {
        const lines = [];
        let line = hunk.newStart;
        for (const text of hunk.lines)
            if (text.startsWith('+') || text.startsWith(' '))
                lines.push(line++);
        return lines;
    });
}
/**
 * A finding's place in the diff: the lines its suggestion replaces when they all lie in one hunk (which may
 * be in another file than the finding's line: a drift finding points at the migration and suggests the line
 * schema.prisma lacks), else its own line when that is in the diff, else none (it stays in the pull request
 * comment and the summary).
 */
function placeFinding(finding, files) {
    const suggestion = finding.suggestion;
    if (suggestion) {
        const hunk = (files.get(suggestion.file) ?? []).find((lines) => lines.includes(suggestion.startLine) && lines.includes(suggestion.endLine));
        if (hunk) {
            return {
                path: suggestion.file,
                line: suggestion.endLine,
                ...(suggestion.startLine < suggestion.endLine ? { startLine: suggestion.startLine } : {}),
                suggestion,
            };
        }
    }
    const location = finding.location;
    if (!location)
        return undefined;
    return (files.get(location.file) ?? []).some((lines) => lines.includes(location.line))
        ? { path: location.file, line: location.line }
        : undefined;
}
/** The hidden first line of our review comments for one schema; the comment's key follows it. */
function reviewMarker(schemaPath) {
    return `<!-- prisma-drift-action:${schemaPath}:review`;
}
const KEY = /^:([0-9a-f]{16}) -->/;
/** What a review comment says about a finding, after its marker line. */
function renderReviewBody(finding, placement) {
    const parts = [`${review_ICONS[finding.severity]} **${proseMarkdown(finding.message)}** (${ruleLink(finding.rule)})`];
    // Production's sizes under the title, one line per environment, as in the pull request comment.
    if (finding.sizes?.length)
        parts.push(finding.sizes.map((size) => `- ${escapeMarkdown(sizeLine(size))}`).join('\n'));
    if (finding.hint)
        parts.push(proseMarkdown(finding.hint));
    if (placement.suggestion)
        parts.push(fence('suggestion', placement.suggestion.replacement).join('\n'));
    if (finding.patch)
        parts.push(`What changed since it was merged:\n\n${fence('diff', finding.patch.trimEnd()).join('\n')}`);
    return `${parts.join('\n\n')}\n`;
}
/**
 * Measured quantities in a message: a statement's time on the seeded rows, a table's rows and bytes. They
 * differ from run to run (timings) or from day to day (production's sizes) while the finding stays the same.
 */
const QUANTITY = /≈ ?[\d.,]+(?: ?(?:bn|k|M|bytes|kB|MB|GB|TB))?|\d[\d.,]* ?(?:bn|k|M|bytes|kB|MB|GB|TB|ms|s|min|h)\b/g;
/**
 * What identifies a comment: where it is and what it says, without the numbers measured on this run. A run
 * whose timings or sizes differ from the last one's keeps the comment instead of posting it again (the pull
 * request comment and the summary carry the current numbers); a finding that changes in any other way, a
 * warning raised to an error for instance, gets a new comment.
 */
function identity(finding, placement) {
    const essence = JSON.stringify([
        placement.path,
        finding.rule,
        finding.severity,
        finding.object ?? null,
        finding.message.replace(QUANTITY, '#'),
        finding.hint ?? null,
        placement.suggestion?.replacement ?? null,
        finding.patch ?? null,
    ]);
    return (0,external_node_crypto_.createHash)('sha256').update(essence).digest('hex').slice(0, 16);
}
/**
 * What to post, keep and take back, from the findings, the pull request's files and the review comments
 * already on it. `post` is false when new comments are not wanted (a passing check in `on-failure` mode):
 * existing ones are still kept or taken back, so nothing stale stays on the diff.
 */
function planReview(input) {
    const ours = new Map();
    for (const comment of input.existing) {
        // A reply or a quote is someone else's text even when it carries our marker.
        if (comment.in_reply_to_id !== undefined || !comment.body.startsWith(input.marker))
            continue;
        const key = KEY.exec(comment.body.slice(input.marker.length))?.[1];
        if (key && !ours.has(key))
            ours.set(key, comment);
    }
    const wanted = new Map();
    const outside = [];
    for (const finding of input.findings) {
        // Accepted findings need no one's attention on the diff; the pull request comment lists them.
        if (finding.waived || finding.baselined)
            continue;
        const placement = placeFinding(finding, input.files);
        if (!placement) {
            outside.push(finding);
            continue;
        }
        const key = identity(finding, placement);
        const body = `${input.marker}:${key} -->\n${renderReviewBody(finding, placement)}`;
        if (!wanted.has(key))
            wanted.set(key, { finding, placement, key, body });
    }
    const keep = [...wanted.values()].flatMap(({ finding, key }) => {
        const comment = ours.get(key);
        return comment ? [{ finding, comment }] : [];
    });
    const fresh = [...wanted.values()]
        .filter(({ key }) => !ours.has(key))
        .sort((a, b) => review_SEVERITY_ORDER.indexOf(a.finding.severity) - review_SEVERITY_ORDER.indexOf(b.finding.severity));
    const create = input.post ? fresh.slice(0, MAX_REVIEW_COMMENTS) : [];
    const resolve = [...ours]
        .filter(([key]) => !wanted.has(key))
        .map(([, comment]) => ({ comment, replied: input.existing.some((c) => c.in_reply_to_id === comment.id) }));
    return { create, keep, resolve, overflow: input.post ? fresh.slice(MAX_REVIEW_COMMENTS).map((p) => p.finding) : [], outside };
}
/** What an answered comment becomes once its finding is gone: the thread stays, marked as done. */
function renderResolved(marker, comment, sha) {
    const title = comment.body.split('\n')[1] ?? '';
    return `${marker}:resolved -->\n✅ No longer found at ${sha.slice(0, 7)}.\n\n~~${title.replace(/~~/g, '')}~~\n`;
}
/** Brings the pull request's review comments in line with the findings: one review per run, if any is new. */
async function syncReview(input) {
    if (input.mode === 'never')
        return { action: 'skipped' };
    const { octokit, owner, repo } = input;
    const marker = reviewMarker(input.schema);
    try {
        const [files, existing] = await Promise.all([
            octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: input.pullNumber, per_page: 100 }),
            octokit.paginate(octokit.rest.pulls.listReviewComments, { owner, repo, pull_number: input.pullNumber, per_page: 100 }),
        ]);
        const plan = planReview({
            findings: input.findings,
            files: new Map(files.map((file) => [file.filename, hunksOf(file.patch)])),
            existing,
            marker,
            post: input.failing || input.mode === 'always',
        });
        for (const { comment, replied } of plan.resolve) {
            if (replied) {
                const body = renderResolved(marker, comment, input.sha);
                await octokit.rest.pulls.updateReviewComment({ owner, repo, comment_id: comment.id, body });
            }
            else {
                await octokit.rest.pulls.deleteReviewComment({ owner, repo, comment_id: comment.id });
            }
        }
        const links = new Map(plan.keep.map(({ finding, comment }) => [finding, comment.html_url]));
        if (plan.create.length) {
            const review = await octokit.rest.pulls.createReview({
                owner,
                repo,
                pull_number: input.pullNumber,
                commit_id: input.sha,
                event: 'COMMENT',
                body: reviewSummary(marker, plan),
                comments: plan.create.map(({ placement, body }) => ({
                    path: placement.path,
                    line: placement.line,
                    side: 'RIGHT',
                    ...(placement.startLine === undefined ? {} : { start_line: placement.startLine, start_side: 'RIGHT' }),
                    body,
                })),
            });
            const posted = await octokit.paginate(octokit.rest.pulls.listCommentsForReview, {
                owner,
                repo,
                pull_number: input.pullNumber,
                review_id: review.data.id,
                per_page: 100,
            });
            for (const planned of plan.create) {
                const comment = posted.find((c) => c.body.startsWith(`${marker}:${planned.key} `));
                if (comment)
                    links.set(planned.finding, comment.html_url);
            }
        }
        return {
            action: 'synced',
            created: plan.create.length,
            kept: plan.keep.length,
            resolved: plan.resolve.length,
            overflow: plan.overflow.length,
            outside: plan.outside.length,
            links,
        };
    }
    catch (error) {
        if (isHttpError(error) && (error.status === 403 || error.status === 404)) {
            core/* warning */.$e(`Could not write the review comments (HTTP ${error.status}: ${error.message}). ` +
                'Pull requests from forks get a read-only token; otherwise grant the job `pull-requests: write`.');
            return { action: 'denied', status: error.status };
        }
        throw error;
    }
}
/** The review's own text: what it holds and, when the cap left findings out, where they are. */
function reviewSummary(marker, plan) {
    const count = plan.create.length;
    const lines = [
        `${marker} -->`,
        `**Prisma drift check**: ${count} finding${count === 1 ? '' : 's'} on lines this pull request changes. The pull request comment has the overview.`,
    ];
    if (plan.overflow.length) {
        lines.push('', `${plan.overflow.length} more on changed lines ${plan.overflow.length === 1 ? 'is' : 'are'} not commented here (a review carries at most ${MAX_REVIEW_COMMENTS}): ` +
            plan.overflow.map((f) => `\`${f.rule}\` at ${escapeMarkdown(`${f.location.file}:${f.location.line}`)}`).join(', ') +
            '.');
    }
    return `${lines.join('\n')}\n`;
}
/**
 * The review comments of the pull request the workflow runs for, from the action's context. Like the
 * sticky comment, a failure is a warning: the check's verdict is about the migrations, not the comments.
 * Returns the links for the pull request comment.
 */
async function reviewPullRequest(report, inputs) {
    const pullRequest = github/* context */._.payload.pull_request;
    if (!pullRequest || !inputs.githubToken || inputs.reviewComments === 'never')
        return new Map();
    try {
        const outcome = await syncReview({
            octokit: githubClient(inputs.githubToken),
            ...github/* context */._.repo,
            pullNumber: pullRequest.number,
            sha: pullRequest.head?.sha ?? github/* context */._.sha,
            schema: report.schema,
            findings: report.findings,
            mode: inputs.reviewComments,
            failing: !report.ok,
        });
        if (outcome.action !== 'synced')
            return new Map();
        core/* info */.pq(`Review comments: ${outcome.created} new, ${outcome.kept} kept, ${outcome.resolved} taken back; ` +
            `${outcome.outside} findings are on lines the pull request does not change` +
            (outcome.overflow ? `, ${outcome.overflow} more over the limit of ${MAX_REVIEW_COMMENTS}` : '') +
            '.');
        return outcome.links;
    }
    catch (error) {
        core/* warning */.$e(`Could not update the review comments: ${error instanceof Error ? error.message : String(error)}`);
        return new Map();
    }
}

;// CONCATENATED MODULE: ./src/report/sarif.ts

const LEVELS = { error: 'error', warning: 'warning', notice: 'note' };
/**
 * The report as one SARIF run for GitHub code scanning. Paths in the report are relative to the repository
 * root, which is what code scanning resolves `%SRCROOT%` against. Waived and baselined findings are kept as
 * suppressed results so code scanning shows them as dismissed rather than losing them.
 */
function toSarif(report) {
    const rules = [];
    const ruleIndex = new Map();
    for (const finding of report.findings) {
        if (ruleIndex.has(finding.rule))
            continue;
        ruleIndex.set(finding.rule, rules.length);
        rules.push(ruleFor(finding.rule));
    }
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: { driver: { name: 'prisma-drift-action', rules } },
                results: report.findings.map((f) => resultFor(f, ruleIndex.get(f.rule), report)),
            },
        ],
    };
}
/** A rule as the catalogue describes it, with its documentation page. */
function ruleFor(id) {
    const info = (0,catalogue/* ruleInfo */.PI)(id);
    const url = (0,catalogue/* docUrl */.yJ)(id);
    return {
        id,
        name: id.slice(id.indexOf('/') + 1),
        shortDescription: { text: info.summary },
        fullDescription: { text: info.summary },
        help: {
            text: `${info.summary} What it means and how to fix or accept it: ${url}`,
            markdown: `${info.summary} [What it means and how to fix or accept it](${url}).`,
        },
        helpUri: url,
        defaultConfiguration: { level: LEVELS[info.severity] },
        properties: { tags: ['prisma', info.group] },
    };
}
function resultFor(finding, ruleIndex, report) {
    const result = {
        ruleId: finding.rule,
        ruleIndex,
        level: LEVELS[finding.severity],
        message: { text: [finding.message, finding.hint, finding.sql].filter(Boolean).join('\n\n') },
        locations: [{ physicalLocation: locationOf(finding, report) }],
    };
    // A waiver may be a SQL comment or a pull request label and the finding does not say which, so both kinds
    // of acceptance are reported as external.
    const justification = finding.waived?.reason ?? finding.baselined?.reason;
    if (finding.waived || finding.baselined) {
        result.suppressions = [{ kind: 'external', ...(justification ? { justification } : {}) }];
    }
    return result;
}
/**
 * Code scanning drops results without a location, so a finding that names no line points at the start of
 * its migration, or of the schema.
 */
function locationOf(finding, report) {
    const region = finding.location ? { startLine: finding.location.line, startColumn: finding.location.column } : { startLine: 1 };
    const file = finding.location?.file ?? (finding.migration ? `${report.migrations}/${finding.migration}/migration.sql` : report.schema);
    return { artifactLocation: { uri: toUri(file), uriBaseId: '%SRCROOT%' }, region };
}
function toUri(file) {
    return file
        .split(/[\\/]/)
        .filter((part) => part && part !== '.')
        .map(encodeURIComponent)
        .join('/');
}

;// CONCATENATED MODULE: ./src/report/sticky.ts



/**
 * Keeps one comment per schema on the pull request, found by its marker. Comments are updated in place and
 * never deleted, so the conversation keeps its history; when the check passes again in `on-failure` mode
 * the comment shrinks to an all-clear rather than disappearing.
 */
async function upsertStickyComment(input) {
    if (!input.body.includes(input.marker))
        throw new Error('the comment body must contain its marker');
    if (input.mode === 'never')
        return { action: 'skipped' };
    try {
        const body = input.failing || input.mode === 'always' ? input.body : renderAllClear(input.marker);
        const existing = await findComment(input);
        if (existing)
            return await update(input, existing, body);
        if (!input.failing && input.mode === 'on-failure')
            return { action: 'skipped' };
        // Another job of the same workflow may have posted while this one was working: look again just before
        // creating so parallel runs converge on one comment.
        const latest = await findComment(input);
        if (latest)
            return await update(input, latest, body);
        const created = await input.octokit.rest.issues.createComment({
            owner: input.owner,
            repo: input.repo,
            issue_number: input.issueNumber,
            body,
        });
        return { action: 'created', commentId: created.data.id, url: created.data.html_url };
    }
    catch (error) {
        if (isHttpError(error) && (error.status === 403 || error.status === 404)) {
            core/* warning */.$e(`Could not write the pull request comment (HTTP ${error.status}: ${error.message}). ` +
                'Pull requests from forks get a read-only token; otherwise grant the job `pull-requests: write`.');
            return { action: 'denied', status: error.status };
        }
        throw error;
    }
}
/** The oldest comment carrying the marker, so that after a lost race every run keeps editing the same one. */
async function findComment(input) {
    const comments = await input.octokit.paginate(input.octokit.rest.issues.listComments, {
        owner: input.owner,
        repo: input.repo,
        issue_number: input.issueNumber,
        per_page: 100,
    });
    return comments.filter((c) => c.body?.includes(input.marker)).sort((a, b) => a.id - b.id)[0];
}
async function update(input, existing, body) {
    if (existing.body === body)
        return { action: 'unchanged', commentId: existing.id, url: existing.html_url };
    const updated = await input.octokit.rest.issues.updateComment({ owner: input.owner, repo: input.repo, comment_id: existing.id, body });
    return { action: 'updated', commentId: updated.data.id, url: updated.data.html_url };
}

;// CONCATENATED MODULE: ./src/report/summary.ts



/** The job summary: the whole report in markdown, drift grouped by model. */
function renderSummary(report) {
    const out = [`## Prisma drift check: ${report.ok ? 'passed' : 'failed'}`, '', verdict(report), ''];
    for (const warning of report.warnings)
        out.push(`> [!WARNING]\n> ${warning}`, '');
    const findings = sortFindings(report.findings);
    const drift = findings.filter((f) => f.group === 'drift');
    const rest = findings.filter((f) => f.group !== 'drift');
    if (drift.length) {
        out.push('### Drift between schema.prisma and the migrations', '');
        const byModel = new Map();
        for (const finding of drift) {
            const key = finding.model ? `model ${finding.model}` : (finding.object?.table ?? finding.object?.name ?? 'other');
            byModel.set(key, [...(byModel.get(key) ?? []), finding]);
        }
        for (const [model, group] of byModel) {
            out.push(`#### ${summary_escape(model)}`, '');
            for (const finding of group)
                out.push(summary_bullet(finding));
            const sql = group.flatMap((f) => (f.sql ? [f.sql] : []));
            if (sql.length)
                out.push('', '```sql', ...sql, '```');
            out.push('');
        }
        out.push('Generate the missing migration with `npx prisma migrate dev --name <name>` once schema.prisma says what you want.', '');
    }
    if (rest.length) {
        out.push('### Migrations', '');
        for (const finding of rest) {
            out.push(summary_bullet(finding));
            // An edited migration shows its edit, indented so it stays part of the list item.
            if (finding.patch)
                out.push('', ...fence('diff', finding.patch.trimEnd()).flatMap((block) => block.split('\n').map((line) => `  ${line}`)), '');
        }
        out.push('');
    }
    if (report.staleBaseline.length) {
        out.push(`### Stale baseline entries`, '', 'These accepted differences no longer occur; remove them so the baseline stays honest (`prisma-drift baseline` rewrites the file).', '');
        for (const entry of report.staleBaseline)
            out.push(`- \`${entry.rule}\` ${entry.object ?? entry.migration ?? ''}${entry.environment ? ` (${entry.environment})` : ''}`);
        out.push('');
    }
    if (report.unmodelled.length) {
        out.push('<details><summary>Not modelled by Prisma (never drift)</summary>', '');
        for (const object of report.unmodelled)
            out.push(`- ${object.kind} \`${[object.schema, object.table, object.name].filter(Boolean).join('.')}\``);
        out.push('', '</details>', '');
    }
    const slowest = [...report.applied].sort((a, b) => b.ms - a.ms).slice(0, 5);
    out.push(`<sub>${report.applied.length} migrations replayed on PostgreSQL ${report.postgresVersion}; ${conventionsNote(report)}; ${report.durationMs} ms.` +
        (slowest.length ? ` Slowest: ${slowest.map((m) => `${m.name} ${Math.round(m.ms)} ms`).join(', ')}.` : '') +
        cacheNote(report) +
        '</sub>');
    return out.join('\n') + '\n';
}
function cacheNote({ cache }) {
    if (!cache)
        return '';
    if (cache.hit)
        return ` Cache hit: the state of ${cache.migrations} base migrations was restored in ${cache.ms} ms instead of replayed.`;
    return cache.saved
        ? ` Cache: the state of ${cache.migrations} migrations was saved for pull requests (${cache.ms} ms).`
        : ' Cache: no saved state for the base migrations; replayed them all.';
}
function summary_bullet(finding) {
    const at = where(finding);
    const state = finding.waived ? ` _(waived: ${finding.waived.reason})_` : finding.baselined ? ' _(in baseline)_' : '';
    const sizes = (finding.sizes ?? []).map((size) => `\n  - ${summary_escape(sizeLine(size))}`).join('');
    return `- **${finding.severity}** ${ruleLink(finding.rule)}${at ? ` at \`${at}\`` : ''}: ${finding.message}${finding.hint ? ` ${finding.hint}` : ''}${state}${sizes}`;
}
function summary_escape(text) {
    return text.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
}

// EXTERNAL MODULE: ./src/action/outputs.ts
var action_outputs = __webpack_require__(8948);
;// CONCATENATED MODULE: ./src/action/run.ts




















/** The check on PostgreSQL the entry point has started, and its results: outputs, summary, annotations, the PR comment. */
async function run_run(options) {
    const { inputs, root, cwd, project } = options;
    const event = github/* context */._.payload;
    const labels = event.pull_request?.labels ?? [];
    const report = await runCheck({
        project,
        root,
        provisioning: options.provisioning,
        failOn: inputs.failOn,
        prismaVersion: inputs.prismaVersion,
        baseline: external_node_path_default().resolve(cwd, inputs.baseline),
        targets: inputs.targets,
        largeTable: inputs.largeTable,
        timeoutMs: inputs.timeoutMs,
        drift: true,
        baseRef: baseRefOf({ baseRef: inputs.baseRef, event }),
        allowDestructive: labels.some((label) => label.name === inputs.allowLabel) ? inputs.allowLabel : null,
        cache: {
            store: actionsCacheStore(external_node_path_default().join(process.env.RUNNER_TEMP ?? external_node_os_default().tmpdir(), 'prisma-drift-cache')),
            toolVersion: package_namespaceObject.rE,
            writable: writesCache({
                eventName: github/* context */._.eventName,
                ref: github/* context */._.ref,
                defaultBranch: event.repository?.default_branch,
            }),
        },
        log: (line) => (0,cleanup/* isCancelled */.mm)() || core/* info */.pq(line),
    });
    // Cancelled: the findings are those of a check cut short, and the signal handler has said so.
    if ((0,cleanup/* isCancelled */.mm)())
        return;
    core/* info */.pq(renderText(report));
    for (const warning of report.warnings)
        core/* warning */.$e(warning);
    const outDir = (0,action_outputs/* outputDir */.T)();
    (0,external_node_fs_.mkdirSync)(outDir, { recursive: true });
    const reportPath = external_node_path_default().join(outDir, 'report.json');
    const sarifPath = external_node_path_default().join(outDir, 'report.sarif');
    (0,external_node_fs_.writeFileSync)(reportPath, `${JSON.stringify(report, null, 2)}\n`);
    (0,external_node_fs_.writeFileSync)(sarifPath, `${JSON.stringify(toSarif(report), null, 2)}\n`);
    const overflow = emitAnnotations(annotationsFor(report.findings));
    let summary = renderSummary(report);
    if (overflow)
        summary += `\n${overflow} more findings are not annotated on the files (GitHub shows ten of each kind per step); all of them are listed above.\n`;
    if (process.env.GITHUB_STEP_SUMMARY)
        await core/* summary */.z.addRaw(summary).write();
    const outputs = {
        ok: String(report.ok),
        drift: String(report.drift),
        findings: String(report.findings.length),
        report: reportPath,
        sarif: sarifPath,
    };
    for (const [name, value] of Object.entries(outputs))
        core/* setOutput */.uH(name, value);
    // The review comes first so that the pull request comment can link to its comments.
    const reviewLinks = await reviewPullRequest(report, inputs);
    await comment(report, inputs, reviewLinks);
    if (!report.ok)
        core/* setFailed */.C1(`Prisma drift check failed: ${report.findings.length} findings (see the job summary).`);
}
/**
 * The sticky pull request comment. Only pull requests have one; a token that may not comment, or GitHub
 * being unavailable, is a warning: the check's verdict is about the migrations, not about the comment.
 */
async function comment(report, inputs, reviewLinks) {
    const pullRequest = github/* context */._.payload.pull_request;
    if (!pullRequest || !inputs.githubToken || inputs.comment === 'never')
        return;
    const { owner, repo } = github/* context */._.repo;
    const marker = commentMarker(report.schema);
    try {
        const outcome = await upsertStickyComment({
            octokit: githubClient(inputs.githubToken),
            owner,
            repo,
            issueNumber: pullRequest.number,
            marker,
            body: renderComment(report, {
                repoUrl: `${github/* context */._.serverUrl}/${owner}/${repo}`,
                sha: pullRequest.head?.sha ?? github/* context */._.sha,
                marker,
                reviewLinks,
            }),
            mode: inputs.comment,
            failing: !report.ok,
        });
        if (outcome.action !== 'skipped' && outcome.action !== 'denied')
            core/* info */.pq(`Pull request comment ${outcome.action}: ${outcome.url}`);
    }
    catch (error) {
        core/* warning */.$e(`Could not update the pull request comment: ${error instanceof Error ? error.message : String(error)}`);
    }
}


/***/ })

};
