-- Watchlists (docs/watchlist.md): the titles each user follows, MediaWiki's `watchlist` table.
-- One row per SUBJECT title (even namespace): watching a page watches its talk page too, and the
-- two can never disagree about expiry. A title can be watched before its page exists.
-- `seen_at` / `talk_seen_at` are when the user last looked at the subject page / its talk page (or
-- added the watch): changes by others after them are "changed since your last visit". Expired rows are ignored by every query and removed when the
-- user next changes their watchlist.
-- An upgraded wiki starts with empty watchlists and every user on the default preferences.

-- CreateTable
CREATE TABLE "watchlist" (
    "user_id" INTEGER NOT NULL,
    "namespace" INTEGER NOT NULL,
    "title" VARCHAR(255) NOT NULL,
    "expires_at" TIMESTAMPTZ(3),
    "seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "talk_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "watchlist_pkey" PRIMARY KEY ("user_id","namespace","title")
);

-- CreateIndex
CREATE INDEX "watchlist_namespace_title_idx" ON "watchlist"("namespace", "title");

-- AddForeignKey
ALTER TABLE "watchlist" ADD CONSTRAINT "watchlist_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable: saved preferences (lib/domain/preferences.ts; missing keys take their defaults) and
-- the SHA-256 of the private watchlist feed's token (shown once, as API tokens are; NULL: no feed).
ALTER TABLE "users" ADD COLUMN     "preferences" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "watchlist_token" CHAR(64);

-- CreateIndex
CREATE UNIQUE INDEX "users_watchlist_token_key" ON "users"("watchlist_token");
