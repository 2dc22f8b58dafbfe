// Compares what prisma/schema.prisma declares (its DMMF, from @prisma/prisma-schema-wasm, offline)
// with what a migrated PostgreSQL database has (its catalog), the way Prisma Migrate would map the
// models: @@map/@map names, scalar types and @db.* native types, NOT NULL, defaults, primary keys,
// unique and plain indexes (Prisma's default names, column order, sort order), foreign keys with
// referential actions, and enums. Both sides become a flat map "what → description"; the diff is
// a readable list of lines, empty when the two agree.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import type pg from 'pg';

// ---- The parts of Prisma's DMMF used here --------------------------------------------------------
export interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  isUpdatedAt?: boolean;
  nativeType?: [string, string[]] | null;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}
export interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
export interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string | null;
  algorithm?: string;
  fields: { name: string; sortOrder?: 'asc' | 'desc' }[];
}
export interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName: string | null }[];
}
/** A column of a type Prisma cannot map (Unsupported("…")); the DMMF leaves these out entirely. */
export interface UnsupportedColumn {
  model: string;
  column: string;
  type: string;
  required: boolean;
}
export interface Datamodel {
  models: DmmfModel[];
  enums: DmmfEnum[];
  indexes: DmmfIndex[];
  unsupported?: UnsupportedColumn[];
}

/** Reads `name Unsupported("type")? @map("col")` fields from the schema text, model by model. */
function unsupportedColumns(text: string): UnsupportedColumn[] {
  const columns: UnsupportedColumn[] = [];
  for (const block of text.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    for (const line of block[2]!.matchAll(/^\s*(\w+)\s+Unsupported\("([^"]+)"\)(\?)?([^\n]*)$/gm)) {
      const mapped = /@map\("([^"]+)"\)/.exec(line[4] ?? '');
      columns.push({ model: block[1]!, column: mapped?.[1] ?? line[1]!, type: line[2]!, required: line[3] !== '?' });
    }
  }
  return columns;
}

export function loadDatamodel(schemaPath = path.resolve(process.cwd(), 'prisma/schema.prisma')): Datamodel {
  const text = readFileSync(schemaPath, 'utf8');
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', text]] }))) as {
    datamodel: Datamodel;
  };
  return { ...dmmf.datamodel, unsupported: unsupportedColumns(text) };
}

/** One schema object per key: `column users.name` → `character varying(85) NOT NULL`. */
export type SchemaShape = Map<string, string>;

// ---- Expected shape, from the DMMF ---------------------------------------------------------------
const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};
const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Text: () => 'text',
  Integer: () => 'integer',
  SmallInt: () => 'smallint',
  BigInt: () => 'bigint',
  Oid: () => 'oid',
  Real: () => 'real',
  DoublePrecision: () => 'double precision',
  Money: () => 'money',
  Boolean: () => 'boolean',
  Date: () => 'date',
  Uuid: () => 'uuid',
  Json: () => 'json',
  JsonB: () => 'jsonb',
  ByteA: () => 'bytea',
  Xml: () => 'xml',
  Inet: () => 'inet',
  Citext: () => 'citext',
  VarChar: (a) => (a.length ? `character varying(${a[0]})` : 'character varying'),
  Char: (a) => `character(${a[0] ?? 1})`,
  Bit: (a) => `bit(${a[0] ?? 1})`,
  VarBit: (a) => (a.length ? `bit varying(${a[0]})` : 'bit varying'),
  Decimal: (a) => (a.length ? `numeric(${a.join(',')})` : 'numeric'),
  Timestamp: (a) => `timestamp${a.length ? `(${a[0]})` : ''} without time zone`,
  Timestamptz: (a) => `timestamp${a.length ? `(${a[0]})` : ''} with time zone`,
  Time: (a) => `time${a.length ? `(${a[0]})` : ''} without time zone`,
  Timetz: (a) => `time${a.length ? `(${a[0]})` : ''} with time zone`,
};
const ACTIONS: Record<string, string> = {
  Cascade: 'CASCADE',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetNull: 'SET NULL',
  SetDefault: 'SET DEFAULT',
};

/** Prisma's default constraint/index name: `table_col1_col2_suffix`, cut to PostgreSQL's 63 bytes. */
export function prismaDefaultName(table: string, columns: string[], suffix: 'key' | 'idx' | 'fkey'): string {
  const stem = [table, ...columns].join('_');
  const limit = 63 - suffix.length - 1;
  return `${stem.length > limit ? stem.slice(0, limit) : stem}_${suffix}`;
}

function expectedType(field: DmmfField, enums: Map<string, string>): string {
  let type: string;
  if (field.kind === 'enum') type = enums.get(field.type) ?? field.type;
  else if (field.nativeType) {
    const [native, args] = field.nativeType;
    type = NATIVE_TYPES[native]?.(args) ?? `${native}(${args.join(',')})`;
  } else type = SCALAR_TYPES[field.type] ?? `unknown Prisma type ${field.type}`;
  return field.isList ? `${type}[]` : type;
}

function expectedDefault(field: DmmfField): string {
  const d = field.default;
  if (d === undefined || d === null) return 'no default';
  if (typeof d === 'object' && !Array.isArray(d) && 'name' in d) {
    const name = (d as { name: string }).name;
    if (name === 'autoincrement' || name === 'sequence') return 'default autoincrement';
    if (name === 'now') return 'default now';
    if (name === 'dbgenerated') return 'default (database expression)';
    return 'no default'; // uuid(), cuid(), nanoid(), ulid(): generated by the client
  }
  if (Array.isArray(d)) return 'default (array)';
  return typeof d === 'string' ? `default '${d}'` : `default ${String(d)}`;
}

export function expectedShape(dm: Datamodel): SchemaShape {
  const shape: SchemaShape = new Map();
  const enums = new Map(dm.enums.map((e) => [e.name, e.dbName ?? e.name]));
  for (const e of dm.enums) shape.set(`enum ${e.dbName ?? e.name}`, e.values.map((v) => v.dbName ?? v.name).join(', '));
  const tables = new Map(dm.models.map((m) => [m.name, m.dbName ?? m.name]));
  const column = (model: DmmfModel, field: string) => {
    const f = model.fields.find((x) => x.name === field);
    return f?.dbName ?? field;
  };
  for (const model of dm.models) {
    const table = tables.get(model.name) ?? model.name;
    shape.set(`table ${table}`, 'present');
    for (const field of model.fields) {
      if (field.kind === 'object') {
        if (!field.relationFromFields?.length) continue;
        const target = dm.models.find((m) => m.name === field.type);
        if (!target) continue;
        const cols = field.relationFromFields.map((f) => column(model, f));
        const refs = (field.relationToFields ?? []).map((f) => column(target, f));
        const onDelete = field.relationOnDelete ?? (field.isRequired ? 'Restrict' : 'SetNull');
        const onUpdate = field.relationOnUpdate ?? 'Cascade';
        shape.set(
          `foreign key ${table}.${prismaDefaultName(table, cols, 'fkey')}`,
          `(${cols.join(', ')}) → ${tables.get(target.name)}(${refs.join(', ')}) ` + `ON DELETE ${ACTIONS[onDelete] ?? onDelete} ON UPDATE ${ACTIONS[onUpdate] ?? onUpdate}`,
        );
        continue;
      }
      if (field.kind === 'unsupported') continue;
      const nullable = field.isList || !field.isRequired;
      shape.set(`column ${table}.${field.dbName ?? field.name}`, `${expectedType(field, enums)} ${nullable ? 'NULL' : 'NOT NULL'} ${expectedDefault(field)}`);
    }
  }
  for (const extra of dm.unsupported ?? []) {
    const table = tables.get(extra.model) ?? extra.model;
    shape.set(`column ${table}.${extra.column}`, `${extra.type} ${extra.required ? 'NOT NULL' : 'NULL'} no default`);
  }
  for (const index of dm.indexes) {
    const model = dm.models.find((m) => m.name === index.model);
    if (!model) continue;
    const table = tables.get(model.name) ?? model.name;
    const cols = index.fields.map((f) => column(model, f.name));
    const colList = index.fields.map((f, i) => `${cols[i]}${f.sortOrder === 'desc' ? ' DESC' : ''}`).join(', ');
    if (index.type === 'id') {
      shape.set(`primary key ${table}`, `${index.dbName ?? `${table}_pkey`} (${cols.join(', ')})`);
      continue;
    }
    const unique = index.type === 'unique';
    const name = index.dbName ?? prismaDefaultName(table, cols, unique ? 'key' : 'idx');
    const method = index.type === 'fulltext' ? 'gin' : (index.algorithm ?? 'BTree').toLowerCase();
    shape.set(`index ${table}.${name}`, `${unique ? 'UNIQUE ' : ''}${method} (${colList})`);
  }
  return shape;
}

// ---- Actual shape, from the PostgreSQL catalog of the connection's current schema -------------
const FK_ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

function actualDefault(expr: string | null, identity: string): string {
  if (identity) return 'default autoincrement';
  if (expr === null) return 'no default';
  if (/^nextval\(/i.test(expr)) return 'default autoincrement';
  if (/^(CURRENT_TIMESTAMP|now\(\))$/i.test(expr)) return 'default now';
  const cast = expr.match(/::([\w" ]+)/)?.[1] ?? '';
  const literal = expr.replace(/^\((.*)\)$/, '$1').replace(/(::[\w" ]+(\(\d+(,\d+)?\))?(\[\])?)+$/, '');
  const quoted = literal.match(/^'(.*)'$/s);
  if (quoted && /^(integer|bigint|smallint|numeric|real|double precision)$/.test(cast)) return `default ${quoted[1]}`;
  if (quoted) return `default '${quoted[1]!.replace(/''/g, "'")}'`;
  if (/^-?\d+(\.\d+)?$|^(true|false)$/.test(literal)) return `default ${literal}`;
  if (/^ARRAY\[/.test(literal)) return 'default (array)';
  return 'default (database expression)';
}

export async function actualShape(client: pg.Client | pg.PoolClient): Promise<SchemaShape> {
  const shape: SchemaShape = new Map();
  const q = async <T extends pg.QueryResultRow>(sql: string) => (await client.query<T>(sql)).rows;
  const ns = `(SELECT oid FROM pg_namespace WHERE nspname = current_schema())`;
  const tableFilter = `c.relnamespace = ${ns} AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'`;

  for (const e of await q<{ name: string; labels: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typnamespace = ${ns} GROUP BY t.typname`,
  ))
    shape.set(`enum ${e.name}`, e.labels.join(', '));

  for (const t of await q<{ name: string }>(`SELECT c.relname AS name FROM pg_class c WHERE ${tableFilter}`)) {
    shape.set(`table ${t.name}`, 'present');
  }
  for (const c of await q<{ tbl: string; col: string; type: string; notnull: boolean; def: string | null; ident: string }>(
    `SELECT c.relname AS tbl, a.attname AS col, a.attnotnull AS notnull, a.attidentity AS ident,
            CASE WHEN t.typtype = 'e' THEN t.typname
                 WHEN et.typtype = 'e' THEN et.typname || '[]'
                 ELSE format_type(a.atttypid, a.atttypmod) END AS type,
            pg_get_expr(d.adbin, d.adrelid) AS def
       FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
       LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
      WHERE ${tableFilter}`,
  )) {
    shape.set(`column ${c.tbl}.${c.col}`, `${c.type} ${c.notnull ? 'NOT NULL' : 'NULL'} ${actualDefault(c.def, c.ident)}`);
  }
  for (const k of await q<{ tbl: string; name: string; cols: string[] }>(
    `SELECT c.relname AS tbl, k.conname AS name,
            array(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, i)
                  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = u.n ORDER BY u.i) AS cols
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid WHERE k.contype = 'p' AND ${tableFilter}`,
  ))
    shape.set(`primary key ${k.tbl}`, `${k.name} (${k.cols.join(', ')})`);

  for (const i of await q<{ tbl: string; name: string; uniq: boolean; method: string; cols: string[]; partial: boolean }>(
    `SELECT c.relname AS tbl, ic.relname AS name, x.indisunique AS uniq, am.amname AS method,
            x.indpred IS NOT NULL AS partial,
            array(SELECT pg_get_indexdef(x.indexrelid, k, true) ||
                         CASE WHEN x.indoption[k - 1] & 1 = 1 THEN ' DESC' ELSE '' END
                    FROM generate_series(1, x.indnkeyatts) k ORDER BY k) AS cols
       FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class ic ON ic.oid = x.indexrelid
       JOIN pg_am am ON am.oid = ic.relam WHERE NOT x.indisprimary AND ${tableFilter}`,
  )) {
    const cols = i.cols.map((col) => col.replace(/^"(.*)"( DESC)?$/, '$1$2'));
    shape.set(`index ${i.tbl}.${i.name}`, `${i.uniq ? 'UNIQUE ' : ''}${i.method} (${cols.join(', ')})${i.partial ? ' WHERE …' : ''}`);
  }
  for (const f of await q<{ tbl: string; name: string; cols: string[]; ref: string; refcols: string[]; del: string; upd: string }>(
    `SELECT c.relname AS tbl, k.conname AS name, r.relname AS ref, k.confdeltype AS del, k.confupdtype AS upd,
            array(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, i)
                  JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i) AS cols,
            array(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, i)
                  JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i) AS refcols
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
      WHERE k.contype = 'f' AND ${tableFilter}`,
  )) {
    shape.set(
      `foreign key ${f.tbl}.${f.name}`,
      `(${f.cols.join(', ')}) → ${f.ref}(${f.refcols.join(', ')}) ` + `ON DELETE ${FK_ACTIONS[f.del] ?? f.del} ON UPDATE ${FK_ACTIONS[f.upd] ?? f.upd}`,
    );
  }
  return shape;
}

// ---- Diff ---------------------------------------------------------------------------------------
/** Differences as readable lines; objects of a table that is missing altogether are not repeated. */
export function diffShapes(expected: SchemaShape, actual: SchemaShape): string[] {
  const lines: string[] = [];
  const tableOf = (key: string) => key.match(/^(?:column|index|foreign key|primary key|table) ([^.\s]+)/)?.[1];
  const onlyExpectedTables = new Set([...expected.keys()].filter((k) => k.startsWith('table ') && !actual.has(k)));
  const onlyActualTables = new Set([...actual.keys()].filter((k) => k.startsWith('table ') && !expected.has(k)));
  const keys = [...new Set([...expected.keys(), ...actual.keys()])].sort();
  for (const key of keys) {
    const want = expected.get(key);
    const have = actual.get(key);
    if (want === have) continue;
    const table = tableOf(key);
    const skip = (set: Set<string>) => !key.startsWith('table ') && table !== undefined && set.has(`table ${table}`);
    if (have === undefined) {
      if (!skip(onlyExpectedTables)) lines.push(`missing in the database: ${key}: ${want}`);
    } else if (want === undefined) {
      if (!skip(onlyActualTables)) lines.push(`not in schema.prisma: ${key}: ${have}`);
    } else lines.push(`${key}: database has "${have}", schema.prisma expects "${want}"`);
  }
  return lines;
}
