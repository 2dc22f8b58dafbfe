// prisma/migrations is written by hand (the schema engine cannot be downloaded here), so this test
// guards it: all migrations applied to an empty database must give exactly what schema.prisma
// declares. On failure: write a new migration that brings the database to schema.prisma.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '@/lib/db/migrate';
import { createThrowawayDatabase, type ThrowawayDatabase } from '@/tests/support/throwaway-database';
import { actualShape, diffShapes, expectedShape, loadDatamodel, type Datamodel, type DmmfField, type SchemaShape } from '@/tests/support/schema-drift';

let db: ThrowawayDatabase;
let migrated: SchemaShape;

async function readShape(url: string, alter?: string): Promise<SchemaShape> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (alter) await client.query(alter);
    return await actualShape(client);
  } finally {
    await client.end();
  }
}

/** A deep copy of schema.prisma's datamodel with one change made to it. */
function altered(change: (dm: Datamodel) => void): Datamodel {
  const dm = structuredClone(loadDatamodel());
  change(dm);
  return dm;
}

function field(dm: Datamodel, model: string, name: string): DmmfField {
  const found = dm.models.find((m) => m.name === model)?.fields.find((f) => f.name === name);
  if (!found) throw new Error(`schema.prisma has no field ${model}.${name}: update this test`);
  return found;
}

beforeAll(async () => {
  db = await createThrowawayDatabase();
  await migrate(db.url);
  migrated = await readShape(db.url);
});

afterAll(async () => {
  await db?.drop();
});

describe('prisma/migrations and prisma/schema.prisma', () => {
  it('give the same database', () => {
    const expected = expectedShape(loadDatamodel());
    // The comparison is not vacuous: both sides describe the whole model.
    expect(expected.get('index pages.pages_namespace_title_key')).toBe('UNIQUE btree (namespace, title)');
    expect(expected.get('index revisions.revisions_page_history_idx')).toBe('btree (page_id, id DESC)');
    expect(expected.size).toBeGreaterThan(50);
    expect(migrated.size).toBeGreaterThan(50);

    const differences = diffShapes(expected, migrated);
    if (differences.length > 0) {
      throw new Error(
        `The database that prisma/migrations builds differs from prisma/schema.prisma ` +
          `(${differences.length}):\n  - ${differences.join('\n  - ')}\n` +
          `Write a new migration (prisma/migrations/<timestamp>_<name>/migration.sql) that closes the gap.`,
      );
    }
  });
});

describe('the drift check itself', () => {
  const cases: [string, (dm: Datamodel) => void, string][] = [
    [
      'a column removed from the schema',
      (dm) => {
        const user = dm.models.find((m) => m.name === 'User')!;
        user.fields = user.fields.filter((f) => f.name !== 'passwordHash');
      },
      'not in schema.prisma: column users.password_hash: text NULL no default',
    ],
    [
      'a column made optional',
      (dm) => void (field(dm, 'Page', 'title').isRequired = false),
      'column pages.title: database has "character varying(255) NOT NULL no default", ' + 'schema.prisma expects "character varying(255) NULL no default"',
    ],
    [
      'a different @db.VarChar length',
      (dm) => void (field(dm, 'User', 'name').nativeType = ['VarChar', ['80']]),
      'column users.name: database has "character varying(85) NOT NULL no default"',
    ],
    [
      'a different default',
      (dm) => void (field(dm, 'Revision', 'summary').default = 'none'),
      `column revisions.summary: database has "character varying(500) NOT NULL default ''"`,
    ],
    [
      'a different sort order in an index',
      (dm) => {
        const index = dm.indexes.find((i) => i.dbName === 'revisions_recent_changes_idx')!;
        index.fields = index.fields.map((f) => ({ name: f.name }));
      },
      'index revisions.revisions_recent_changes_idx: database has "btree (created_at DESC, id DESC)"',
    ],
    [
      'an index removed',
      (dm) => void (dm.indexes = dm.indexes.filter((i) => !(i.model === 'Revision' && i.fields[0]?.name === 'contentId'))),
      'not in schema.prisma: index revisions.revisions_content_id_idx: btree (content_id)',
    ],
    [
      'a different onDelete',
      (dm) => void (field(dm, 'RenderedRevision', 'revision').relationOnDelete = 'Restrict'),
      'foreign key rendered_revisions.rendered_revisions_revision_id_fkey: database has ' + '"(revision_id) → revisions(id) ON DELETE CASCADE ON UPDATE CASCADE"',
    ],
    [
      'an enum value added',
      (dm) => dm.enums[0]!.values.push({ name: 'BOT', dbName: null }),
      'enum UserRole: database has "USER, ADMIN", schema.prisma expects "USER, ADMIN, BOT"',
    ],
    ['a model added', (dm) => dm.models.push({ name: 'Extra', dbName: 'extras', fields: [] }), 'missing in the database: table extras: present'],
  ];

  it.each(cases)('reports %s', (_name, change, difference) => {
    const differences = diffShapes(expectedShape(altered(change)), migrated);
    expect(differences).toContainEqual(expect.stringContaining(difference));
    expect(differences.length).toBeLessThanOrEqual(2);
  });

  it('reports a database changed behind the schema’s back', async () => {
    const other = await createThrowawayDatabase();
    try {
      await migrate(other.url);
      const changed = await readShape(
        other.url,
        `ALTER TABLE "users" ALTER COLUMN "password_hash" SET NOT NULL;
         DROP INDEX "revisions_contributions_idx";
         ALTER TABLE "revisions" DROP CONSTRAINT "revisions_page_id_fkey";
         ALTER TABLE "revisions" ADD CONSTRAINT "revisions_page_id_fkey" FOREIGN KEY ("page_id")
           REFERENCES "pages"("id") ON DELETE CASCADE ON UPDATE CASCADE;
         ALTER TABLE "site_settings" ADD COLUMN "note" TEXT;`,
      );
      expect(diffShapes(expectedShape(loadDatamodel()), changed)).toEqual([
        'not in schema.prisma: column site_settings.note: text NULL no default',
        'column users.password_hash: database has "text NOT NULL no default", schema.prisma expects "text NULL no default"',
        'foreign key revisions.revisions_page_id_fkey: database has "(page_id) → pages(id) ON DELETE CASCADE ON UPDATE CASCADE", ' +
          'schema.prisma expects "(page_id) → pages(id) ON DELETE RESTRICT ON UPDATE CASCADE"',
        'missing in the database: index revisions.revisions_contributions_idx: btree (author_id, id DESC)',
      ]);
    } finally {
      await other.drop();
    }
  });
});
