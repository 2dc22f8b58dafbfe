-- Notifications (docs/notifications.md), as MediaWiki's Echo: one row per recipient and event.
-- `event_key` names the event (e.g. "edit-user-talk:1234"): unique per recipient, so a job that
-- runs twice (a retry after a crash) notifies nobody twice. `agent_id` is who caused it.
-- `read_at` NULL = unread: the header's badge counts those, through the (user_id, read_at) index.
-- The "revision-events" queue: a save queues one job in its own transaction; the worker works out
-- who to notify after the save has committed, never inside it.
-- E-mail (off unless SMTP_URL is set): a user's address, when it was confirmed, and the SHA-256 of
-- the pending confirmation token with its expiry; `notifications.emailed_at` records a message sent,
-- so a retried mail job never sends it twice. The "notification-mail" queue sends them.
-- An upgraded wiki starts with no notifications and no addresses.

-- CreateTable
CREATE TABLE "notifications" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "agent_id" INTEGER,
    "namespace" INTEGER,
    "title" VARCHAR(255),
    "revision_id" INTEGER,
    "params" JSONB NOT NULL DEFAULT '{}',
    "event_key" VARCHAR(200) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),
    "emailed_at" TIMESTAMPTZ(3),

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "notifications_user_id_event_key_key" ON "notifications"("user_id", "event_key");

-- CreateIndex
CREATE INDEX "notifications_user_id_id_idx" ON "notifications"("user_id", "id" DESC);

-- CreateIndex
CREATE INDEX "notifications_user_id_read_at_idx" ON "notifications"("user_id", "read_at");

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The queue of the events of new revisions (lib/server/notifications/queue.ts), as the templates
-- migration created its queues: retried with backoff, kept a day.
SELECT pgboss.create_queue('revision-events', '{"policy":"standard","retryLimit":5,"retryDelay":5,"retryBackoff":true,"expireInSeconds":120,"retentionMinutes":1440}'::json);

SELECT pgboss.create_queue('notification-mail', '{"policy":"standard","retryLimit":8,"retryDelay":30,"retryBackoff":true,"expireInSeconds":120,"retentionMinutes":10080}'::json);

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "email" VARCHAR(254),
ADD COLUMN     "email_verified_at" TIMESTAMPTZ(3),
ADD COLUMN     "email_token_hash" CHAR(64),
ADD COLUMN     "email_token_expires_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_token_hash_key" ON "users"("email_token_hash");

-- Mail to watchers (docs/notifications.md "E-mail", MediaWiki's enotifwatchlistpages): when a
-- watcher was last mailed about the page. One message per page until the next visit: a watcher is
-- mailed only while emailed_at is NULL or older than their visit (seen_at / talk_seen_at). Setting
-- it is also the claim that keeps a retried job from mailing twice.
-- AlterTable
ALTER TABLE "watchlist" ADD COLUMN     "emailed_at" TIMESTAMPTZ(3);
