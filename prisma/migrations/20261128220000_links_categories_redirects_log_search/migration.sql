-- CreateTable
CREATE TABLE "page_links" (
    "from_page_id" INTEGER NOT NULL,
    "to_namespace" INTEGER NOT NULL,
    "to_title" VARCHAR(255) NOT NULL,

    CONSTRAINT "page_links_pkey" PRIMARY KEY ("from_page_id","to_namespace","to_title")
);

-- CreateTable
CREATE TABLE "category_links" (
    "page_id" INTEGER NOT NULL,
    "category" VARCHAR(255) NOT NULL,
    "sort_key" VARCHAR(255) NOT NULL,

    CONSTRAINT "category_links_pkey" PRIMARY KEY ("page_id","category")
);

-- CreateTable
CREATE TABLE "redirects" (
    "page_id" INTEGER NOT NULL,
    "namespace" INTEGER NOT NULL,
    "title" VARCHAR(255) NOT NULL,
    "fragment" VARCHAR(255),

    CONSTRAINT "redirects_pkey" PRIMARY KEY ("page_id")
);

-- CreateTable
CREATE TABLE "log_entries" (
    "id" SERIAL NOT NULL,
    "type" VARCHAR(32) NOT NULL,
    "action" VARCHAR(32) NOT NULL,
    "actor_id" INTEGER,
    "namespace" INTEGER NOT NULL,
    "title" VARCHAR(255) NOT NULL,
    "page_id" INTEGER,
    "comment" VARCHAR(500) NOT NULL DEFAULT '',
    "params" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "log_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "search_documents" (
    "page_id" INTEGER NOT NULL,
    "namespace" INTEGER NOT NULL,
    "title_lower" VARCHAR(255) NOT NULL,
    "body_text" TEXT NOT NULL,
    "vector" tsvector NOT NULL,

    CONSTRAINT "search_documents_pkey" PRIMARY KEY ("page_id")
);

-- CreateIndex
CREATE INDEX "page_links_to_namespace_to_title_idx" ON "page_links"("to_namespace", "to_title");

-- CreateIndex
CREATE INDEX "category_links_category_sort_key_idx" ON "category_links"("category", "sort_key");

-- CreateIndex
CREATE INDEX "redirects_namespace_title_idx" ON "redirects"("namespace", "title");

-- CreateIndex
CREATE INDEX "log_entries_type_id_idx" ON "log_entries"("type", "id" DESC);

-- CreateIndex
CREATE INDEX "log_entries_actor_id_id_idx" ON "log_entries"("actor_id", "id" DESC);

-- CreateIndex
CREATE INDEX "log_entries_namespace_title_id_idx" ON "log_entries"("namespace", "title", "id" DESC);

-- CreateIndex
CREATE INDEX "search_documents_vector_idx" ON "search_documents" USING GIN ("vector");

-- CreateIndex
CREATE INDEX "search_documents_namespace_title_lower_idx" ON "search_documents"("namespace", "title_lower");

-- AddForeignKey
ALTER TABLE "page_links" ADD CONSTRAINT "page_links_from_page_id_fkey" FOREIGN KEY ("from_page_id") REFERENCES "pages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "category_links" ADD CONSTRAINT "category_links_page_id_fkey" FOREIGN KEY ("page_id") REFERENCES "pages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "redirects" ADD CONSTRAINT "redirects_page_id_fkey" FOREIGN KEY ("page_id") REFERENCES "pages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "log_entries" ADD CONSTRAINT "log_entries_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_page_id_fkey" FOREIGN KEY ("page_id") REFERENCES "pages"("id") ON DELETE CASCADE ON UPDATE CASCADE;
