-- Templates (docs/templates.md "Storage, re-rendering and the queue").
--
-- template_links: the pages each page's latest revision transcludes, directly or through other
-- templates (MediaWiki's templatelinks), rebuilt in the save transaction beside page_links. It
-- says which pages to render again when a template is saved, moved or deleted.
--
-- page_renderings: the current rendering of a page whose HTML changed after its latest revision
-- was saved (a template it uses changed). The article shows it when it belongs to the page's
-- latest revision; rendered_revisions keeps each revision's rendering as it was when saved, never
-- rewritten, so ?oldid= permalinks show the templates of that moment.
--
-- Existing wikis have no template calls yet: both tables start empty; derived:rebuild (run once
-- after this upgrade, since the renderer version changed) fills template_links.

-- CreateTable
CREATE TABLE "template_links" (
    "from_page_id" INTEGER NOT NULL,
    "to_namespace" INTEGER NOT NULL,
    "to_title" VARCHAR(255) NOT NULL,

    CONSTRAINT "template_links_pkey" PRIMARY KEY ("from_page_id","to_namespace","to_title")
);

-- CreateTable
CREATE TABLE "page_renderings" (
    "page_id" INTEGER NOT NULL,
    "revision_id" INTEGER NOT NULL,
    "renderer_version" INTEGER NOT NULL,
    "html" TEXT NOT NULL,
    "toc" JSONB NOT NULL,
    "description" TEXT,
    "preview_file" TEXT,
    "rendered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "page_renderings_pkey" PRIMARY KEY ("page_id")
);

-- CreateIndex
CREATE INDEX "template_links_to_namespace_to_title_idx" ON "template_links"("to_namespace", "to_title");

-- CreateIndex
CREATE INDEX "page_renderings_revision_id_idx" ON "page_renderings"("revision_id");

-- AddForeignKey
ALTER TABLE "template_links" ADD CONSTRAINT "template_links_from_page_id_fkey" FOREIGN KEY ("from_page_id") REFERENCES "pages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "page_renderings" ADD CONSTRAINT "page_renderings_page_id_fkey" FOREIGN KEY ("page_id") REFERENCES "pages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "page_renderings" ADD CONSTRAINT "page_renderings_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "revisions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The re-rendering queue: pg-boss 10.4.2's own schema (schema version 24), as
-- PgBoss.getConstructionPlans('pgboss') prints it, without the BEGIN/COMMIT and advisory lock it
-- wraps around it (this migration already runs in one transaction under the migration lock), so
-- the app never runs DDL at start (lib/server/templates/queue.ts starts pg-boss with
-- migrate: false). A later pg-boss schema version needs a migration made from
-- PgBoss.getMigrationPlans('pgboss', 24). It lives in its own schema, outside the Prisma models.

CREATE SCHEMA IF NOT EXISTS pgboss
  ;

    CREATE TYPE pgboss.job_state AS ENUM (
      'created',
      'retry',
      'active',
      'completed',
      'cancelled',
      'failed'
    )
  ;

    CREATE TABLE pgboss.version (
      version int primary key,
      maintained_on timestamp with time zone,
      cron_on timestamp with time zone,
      monitored_on timestamp with time zone
    )
  ;

    CREATE TABLE pgboss.queue (
      name text,
      policy text,
      retry_limit int,
      retry_delay int,
      retry_backoff bool,
      expire_seconds int,
      retention_minutes int,
      dead_letter text REFERENCES pgboss.queue (name),
      partition_name text,
      created_on timestamp with time zone not null default now(),
      updated_on timestamp with time zone not null default now(),
      PRIMARY KEY (name)
    )
  ;

    CREATE TABLE pgboss.schedule (
      name text REFERENCES pgboss.queue ON DELETE CASCADE,
      cron text not null,
      timezone text,
      data jsonb,
      options jsonb,
      created_on timestamp with time zone not null default now(),
      updated_on timestamp with time zone not null default now(),
      PRIMARY KEY (name)
    )
  ;

    CREATE TABLE pgboss.subscription (
      event text not null,
      name text not null REFERENCES pgboss.queue ON DELETE CASCADE,
      created_on timestamp with time zone not null default now(),
      updated_on timestamp with time zone not null default now(),
      PRIMARY KEY(event, name)
    )
  ;

    CREATE TABLE pgboss.job (
      id uuid not null default gen_random_uuid(),
      name text not null,
      priority integer not null default(0),
      data jsonb,
      state pgboss.job_state not null default('created'),
      retry_limit integer not null default(2),
      retry_count integer not null default(0),
      retry_delay integer not null default(0),
      retry_backoff boolean not null default false,
      start_after timestamp with time zone not null default now(),
      started_on timestamp with time zone,
      singleton_key text,
      singleton_on timestamp without time zone,
      expire_in interval not null default interval '15 minutes',
      created_on timestamp with time zone not null default now(),
      completed_on timestamp with time zone,
      keep_until timestamp with time zone NOT NULL default now() + interval '14 days',
      output jsonb,
      dead_letter text,
      policy text
    ) PARTITION BY LIST (name)
  ;
ALTER TABLE pgboss.job ADD PRIMARY KEY (name, id);
CREATE TABLE pgboss.archive (LIKE pgboss.job);
ALTER TABLE pgboss.archive ADD PRIMARY KEY (name, id);
ALTER TABLE pgboss.archive ADD archived_on timestamptz NOT NULL DEFAULT now();
CREATE INDEX archive_i1 ON pgboss.archive(archived_on);

    CREATE FUNCTION pgboss.create_queue(queue_name text, options json)
    RETURNS VOID AS
    $$
    DECLARE
      table_name varchar := 'j' || encode(sha224(queue_name::bytea), 'hex');
      queue_created_on timestamptz;
    BEGIN

      WITH q as (
      INSERT INTO pgboss.queue (
        name,
        policy,
        retry_limit,
        retry_delay,
        retry_backoff,
        expire_seconds,
        retention_minutes,
        dead_letter,
        partition_name
      )
      VALUES (
        queue_name,
        options->>'policy',
        (options->>'retryLimit')::int,
        (options->>'retryDelay')::int,
        (options->>'retryBackoff')::bool,
        (options->>'expireInSeconds')::int,
        (options->>'retentionMinutes')::int,
        options->>'deadLetter',
        table_name
      )
      ON CONFLICT DO NOTHING
      RETURNING created_on
      )
      SELECT created_on into queue_created_on from q;

      IF queue_created_on IS NULL THEN
        RETURN;
      END IF;

      EXECUTE format('CREATE TABLE pgboss.%I (LIKE pgboss.job INCLUDING DEFAULTS)', table_name);

      EXECUTE format('ALTER TABLE pgboss.%1$I ADD PRIMARY KEY (name, id)', table_name);
      EXECUTE format('ALTER TABLE pgboss.%1$I ADD CONSTRAINT q_fkey FOREIGN KEY (name) REFERENCES pgboss.queue (name) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED', table_name);
      EXECUTE format('ALTER TABLE pgboss.%1$I ADD CONSTRAINT dlq_fkey FOREIGN KEY (dead_letter) REFERENCES pgboss.queue (name) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED', table_name);
      EXECUTE format('CREATE UNIQUE INDEX %1$s_i1 ON pgboss.%1$I (name, COALESCE(singleton_key, '''')) WHERE state = ''created'' AND policy = ''short''', table_name);
      EXECUTE format('CREATE UNIQUE INDEX %1$s_i2 ON pgboss.%1$I (name, COALESCE(singleton_key, '''')) WHERE state = ''active'' AND policy = ''singleton''', table_name);
      EXECUTE format('CREATE UNIQUE INDEX %1$s_i3 ON pgboss.%1$I (name, state, COALESCE(singleton_key, '''')) WHERE state <= ''active'' AND policy = ''stately''', table_name);
      EXECUTE format('CREATE UNIQUE INDEX %1$s_i4 ON pgboss.%1$I (name, singleton_on, COALESCE(singleton_key, '''')) WHERE state <> ''cancelled'' AND singleton_on IS NOT NULL', table_name);
      EXECUTE format('CREATE INDEX %1$s_i5 ON pgboss.%1$I (name, start_after) INCLUDE (priority, created_on, id) WHERE state < ''active''', table_name);

      EXECUTE format('ALTER TABLE pgboss.%I ADD CONSTRAINT cjc CHECK (name=%L)', table_name, queue_name);
      EXECUTE format('ALTER TABLE pgboss.job ATTACH PARTITION pgboss.%I FOR VALUES IN (%L)', table_name, queue_name);
    END;
    $$
    LANGUAGE plpgsql;
  ;

    CREATE FUNCTION pgboss.delete_queue(queue_name text)
    RETURNS VOID AS
    $$
    DECLARE
      table_name varchar;
    BEGIN
      WITH deleted as (
        DELETE FROM pgboss.queue
        WHERE name = queue_name
        RETURNING partition_name
      )
      SELECT partition_name from deleted INTO table_name;

      EXECUTE format('DROP TABLE IF EXISTS pgboss.%I', table_name);
    END;
    $$
    LANGUAGE plpgsql;
  ;
INSERT INTO pgboss.version(version) VALUES ('24');


-- The two queues (lib/server/templates/queue.ts): "template-changed" fans a saved, moved or
-- deleted template out to the pages using it; "rerender-page" renders one page again. Policy
-- "short": at most one waiting job per key (a title, a page id), so saving a template twice in a
-- row queues each page once; a job that is running does not stop a newer one from waiting.
SELECT pgboss.create_queue('template-changed', '{"policy":"short","retryLimit":5,"retryDelay":5,"retryBackoff":true,"expireInSeconds":300,"retentionMinutes":1440}'::json);
SELECT pgboss.create_queue('rerender-page', '{"policy":"short","retryLimit":5,"retryDelay":5,"retryBackoff":true,"expireInSeconds":120,"retentionMinutes":1440}'::json);
