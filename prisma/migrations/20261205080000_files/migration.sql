-- Uploaded files (issue 16): File: pages get file versions, their bytes are stored once per SHA-1
-- in the database (no shared disk is needed between app instances, and database backups hold
-- them), thumbnails are stored once made, and file_links records which pages show which file.
-- Existing wikis have no files, so nothing needs filling in.

-- CreateTable
CREATE TABLE "files" (
    "page_id" INTEGER NOT NULL,
    "latest_version_id" INTEGER,

    CONSTRAINT "files_pkey" PRIMARY KEY ("page_id")
);

-- CreateTable
CREATE TABLE "file_versions" (
    "id" SERIAL NOT NULL,
    "page_id" INTEGER NOT NULL,
    "sha1" CHAR(40) NOT NULL,
    "size" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "mime" VARCHAR(64) NOT NULL,
    "uploader_id" INTEGER NOT NULL,
    "comment" VARCHAR(500) NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "hidden" SMALLINT NOT NULL DEFAULT 0,

    CONSTRAINT "file_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "file_blobs" (
    "sha1" CHAR(40) NOT NULL,
    "size" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "file_blobs_pkey" PRIMARY KEY ("sha1")
);

-- CreateTable
CREATE TABLE "file_thumbnails" (
    "sha1" CHAR(40) NOT NULL,
    "width" INTEGER NOT NULL,
    "format" VARCHAR(8) NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "file_thumbnails_pkey" PRIMARY KEY ("sha1","width","format")
);

-- CreateTable
CREATE TABLE "file_links" (
    "from_page_id" INTEGER NOT NULL,
    "to_title" VARCHAR(255) NOT NULL,

    CONSTRAINT "file_links_pkey" PRIMARY KEY ("from_page_id","to_title")
);

-- CreateIndex
CREATE UNIQUE INDEX "files_latest_version_id_key" ON "files"("latest_version_id");

-- CreateIndex
CREATE INDEX "file_versions_history_idx" ON "file_versions"("page_id", "id" DESC);

-- CreateIndex
CREATE INDEX "file_versions_sha1_idx" ON "file_versions"("sha1");

-- CreateIndex
CREATE INDEX "file_versions_uploader_id_id_idx" ON "file_versions"("uploader_id", "id" DESC);

-- CreateIndex
CREATE INDEX "file_links_to_title_idx" ON "file_links"("to_title");

-- AddForeignKey
ALTER TABLE "files" ADD CONSTRAINT "files_page_id_fkey" FOREIGN KEY ("page_id") REFERENCES "pages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "files" ADD CONSTRAINT "files_latest_version_id_fkey" FOREIGN KEY ("latest_version_id") REFERENCES "file_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "file_versions" ADD CONSTRAINT "file_versions_page_id_fkey" FOREIGN KEY ("page_id") REFERENCES "pages"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "file_versions" ADD CONSTRAINT "file_versions_uploader_id_fkey" FOREIGN KEY ("uploader_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "file_links" ADD CONSTRAINT "file_links_from_page_id_fkey" FOREIGN KEY ("from_page_id") REFERENCES "pages"("id") ON DELETE CASCADE ON UPDATE CASCADE;
