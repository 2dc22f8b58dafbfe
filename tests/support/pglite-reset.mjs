// The statements with which pglite-thread.mjs empties a database started from a dump, so that the
// next test file gets it as the dump left it without loading the dump again (0.7 CPU-s a file).

/** Schemas of the database's own objects: not the catalogs, TOAST or temporary schemas. */
const OWN = (schema) => `${schema} NOT IN ('pg_catalog', 'information_schema') AND ${schema} NOT LIKE 'pg\\_toast%' AND ${schema} NOT LIKE 'pg\\_temp%'`;

/** Every table (partitioned ones and partitions too), schema-qualified and quoted. */
export const TABLES_SQL = `
  SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND ${OWN('n.nspname')} ORDER BY 1`;

/**
 * Ends what a test left in the one session that the socket server gives every connection: an open
 * transaction (ROLLBACK only warns when there is none), then settings, prepared statements, temporary
 * tables, advisory locks and LISTEN (DISCARD ALL, which refuses to run inside a transaction).
 */
export const RESET_STATEMENTS = ['ROLLBACK', 'DISCARD ALL'];

export function truncateSql(tables) {
  return `TRUNCATE ${tables.join(', ')} RESTART IDENTITY`;
}

/**
 * One line per object a test could add or change and a truncation would not undo. Each part gives
 * a column `line`; the caller sorts them.
 */
const SCHEMA_PARTS = [
  `SELECT 'relation ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || c.relpersistence::text || coalesce(' ' || array_to_string(c.reloptions, ','), '') AS line
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${OWN('n.nspname')}`,
  `SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull::text || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE a.attnum > 0 AND NOT a.attisdropped AND ${OWN('n.nspname')}`,
  `SELECT 'index ' || pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${OWN('n.nspname')}`,
  `SELECT 'constraint ' || n.nspname || '.' || c.conname || ' ' || pg_get_constraintdef(c.oid) || ' ' || c.convalidated::text
     FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE ${OWN('n.nspname')}`,
  `SELECT 'function ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') ' || md5(coalesce(p.prosrc, ''))
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${OWN('n.nspname')}`,
  `SELECT 'trigger ' || pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text FROM pg_trigger t WHERE NOT t.tgisinternal`,
  `SELECT 'rule ' || pg_get_ruledef(r.oid) FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${OWN('n.nspname')}`,
  `SELECT 'policy ' || p.polname || ' ' || p.polrelid::text FROM pg_policy p`,
  `SELECT 'type ' || n.nspname || '.' || t.typname || ' ' || t.typtype::text FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE ${OWN('n.nspname')}`,
  `SELECT 'enum ' || e.enumtypid::text || ' ' || e.enumlabel || ' ' || e.enumsortorder::text FROM pg_enum e`,
  `SELECT 'schema ' || n.nspname FROM pg_namespace n WHERE ${OWN('n.nspname')}`,
  `SELECT 'sequence ' || schemaname || '.' || sequencename || ' ' || coalesce(last_value::text, 'unused') FROM pg_sequences`,
  `SELECT 'role ' || rolname || ' ' || rolsuper::text || ' ' || coalesce(array_to_string(rolconfig, ','), '') FROM pg_roles`,
  `SELECT 'setting ' || setdatabase::text || ' ' || setrole::text || ' ' || array_to_string(setconfig, ',') FROM pg_db_role_setting`,
  `SELECT 'extension ' || extname || ' ' || extversion FROM pg_extension`,
  `SELECT 'database ' || datname FROM pg_database`,
  `SELECT 'large objects ' || count(*) FROM pg_largeobject_metadata`,
];

/** The fingerprint's statement: the schema parts, and a digest of each kept table's rows. */
export function fingerprintSql(keptTables) {
  const kept = keptTables.map((table) => `SELECT 'rows ' || ${quoteLiteral(table)} || ' ' || md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM ${table} t`);
  return `SELECT line FROM (${[...SCHEMA_PARTS, ...kept].join('\nUNION ALL ')}) AS lines ORDER BY line`;
}

function quoteLiteral(text) {
  return `'${text.replace(/'/g, "''")}'`;
}
