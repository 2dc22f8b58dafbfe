-- Wikitext import (docs/wikitext-import.md): a revision imported from MediaWiki's wikitext is
-- stored as the markdown it was converted to, and its original text is kept here, unchanged, so
-- nothing of a dump is lost: administrators can read it beside the revision and a full export
-- writes it back out. Revisions saved here have no row. An upgraded wiki starts with none.

-- CreateTable
CREATE TABLE "revision_sources" (
    "revision_id" INTEGER NOT NULL,
    "model" VARCHAR(64) NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "revision_sources_pkey" PRIMARY KEY ("revision_id")
);

-- AddForeignKey
ALTER TABLE "revision_sources" ADD CONSTRAINT "revision_sources_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "revisions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
