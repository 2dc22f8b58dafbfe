-- Unicode TR39 skeletons of user names, so that a new name that looks like an existing account's
-- is refused (lib/domain/username-skeleton.ts). The application computes them: accounts from
-- before this migration keep NULL until the next account is created or an import runs, which
-- fill every missing one first (lib/server/users.ts, fillMissingNameSkeletons). After an update
-- of the confusables table, `UPDATE users SET name_skeleton = NULL` makes them all recomputed.

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "name_skeleton" TEXT;

-- CreateIndex
CREATE INDEX "users_name_skeleton_idx" ON "users"("name_skeleton");
