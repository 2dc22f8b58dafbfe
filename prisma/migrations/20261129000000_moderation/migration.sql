-- AlterTable
ALTER TABLE "pages" ADD COLUMN     "deleted_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "revisions" ADD COLUMN     "archived" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "hidden" SMALLINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "page_protections" (
    "page_id" INTEGER NOT NULL,
    "action" VARCHAR(16) NOT NULL,
    "level" VARCHAR(16) NOT NULL,
    "expires_at" TIMESTAMPTZ(3),
    "reason" VARCHAR(500) NOT NULL DEFAULT '',
    "by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "page_protections_pkey" PRIMARY KEY ("page_id","action")
);

-- CreateTable
CREATE TABLE "blocks" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "by_id" INTEGER NOT NULL,
    "reason" VARCHAR(500) NOT NULL DEFAULT '',
    "expires_at" TIMESTAMPTZ(3),
    "sitewide" BOOLEAN NOT NULL DEFAULT true,
    "page_ids" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "blocks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "blocks_user_id_key" ON "blocks"("user_id");

-- AddForeignKey
ALTER TABLE "page_protections" ADD CONSTRAINT "page_protections_page_id_fkey" FOREIGN KEY ("page_id") REFERENCES "pages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "page_protections" ADD CONSTRAINT "page_protections_by_id_fkey" FOREIGN KEY ("by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "blocks" ADD CONSTRAINT "blocks_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "blocks" ADD CONSTRAINT "blocks_by_id_fkey" FOREIGN KEY ("by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
