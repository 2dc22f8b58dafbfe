-- Bots (docs/bots.md): MediaWiki's "bot" group as a flag on accounts, the bot flag of each edit
-- (rc_bot: hidden from recent changes and watchlists unless asked for, counted by the REST history
-- counts), the "reverted" mark of an edit that a later rollback, undo or restore took back
-- (MediaWiki's mw-reverted tag), the "reverts" mark of that rollback, undo or restore itself
-- (MediaWiki's mw-rollback and mw-undo tags, which its REST history counts as "reverted"), and bot passwords (Special:BotPasswords): per-application
-- passwords with limited grants that bots sign in to api.php with. An upgraded wiki has no bots,
-- no bot edits, no revert marks and no bot passwords.

-- AlterTable
ALTER TABLE "users" ADD COLUMN "is_bot" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "revisions" ADD COLUMN "bot" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "reverted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "reverts" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "bot_passwords" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "app_id" VARCHAR(32) NOT NULL,
    "password_hash" TEXT NOT NULL,
    "grants" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "session_epoch" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "bot_passwords_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "bot_passwords_user_id_app_id_key" ON "bot_passwords"("user_id", "app_id");

-- AddForeignKey
ALTER TABLE "bot_passwords" ADD CONSTRAINT "bot_passwords_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
